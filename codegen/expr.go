package codegen

import (
	"fmt"
	"go/ast"
	"go/token"

	"github.com/dave/jennifer/jen"
)

// checkExpr reports whether expr can be converted into generated code.
func checkExpr(e ast.Expr, refs map[*ast.Ident]string) error {
	g := &gen{check: true}
	_, err := g.expr(e, refs)
	return err
}

// expr converts an inferred package-scope expression into jennifer code.
// Selectors whose operand is a package ident in refs become qualified
// references, so the generated file imports what it uses under names of its
// own choosing. With g.check set it only validates.
func (g *gen) expr(e ast.Expr, refs map[*ast.Ident]string) (*jen.Statement, error) {
	sub := func(x ast.Expr) (*jen.Statement, error) { return g.expr(x, refs) }
	list := func(xs []ast.Expr) ([]jen.Code, error) {
		out := make([]jen.Code, 0, len(xs))
		for _, x := range xs {
			c, err := sub(x)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	}
	switch e := e.(type) {
	case *ast.Ident:
		if _, ok := refs[e]; ok {
			return nil, fmt.Errorf("package name %s used without a selector", e.Name)
		}
		if h, ok := g.hoisted[e]; ok {
			return h.Clone(), nil
		}
		return jen.Id(e.Name), nil
	case *ast.BasicLit:
		return jen.Id(e.Value), nil
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			if path, ok := refs[id]; ok {
				if g.check {
					return jen.Null(), nil
				}
				return g.qual(path, g.pkgName(path, id.Name), e.Sel.Name), nil
			}
		}
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		return x.Dot(e.Sel.Name), nil
	case *ast.ParenExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		return jen.Parens(x), nil
	case *ast.StarExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		return jen.Op("*").Add(x), nil
	case *ast.UnaryExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		if _, ok := e.X.(*ast.BinaryExpr); ok {
			x = jen.Parens(x)
		}
		return jen.Op(e.Op.String()).Add(x), nil
	case *ast.BinaryExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		y, err := sub(e.Y)
		if err != nil {
			return nil, err
		}
		// Inlined definitions can nest without ParenExprs; keep the tree's
		// meaning whatever the precedence.
		if b, ok := e.X.(*ast.BinaryExpr); ok && b.Op.Precedence() < e.Op.Precedence() {
			x = jen.Parens(x)
		}
		if b, ok := e.Y.(*ast.BinaryExpr); ok && b.Op.Precedence() <= e.Op.Precedence() {
			y = jen.Parens(y)
		}
		return x.Op(e.Op.String()).Add(y), nil
	case *ast.CallExpr:
		fn, err := sub(e.Fun)
		if err != nil {
			return nil, err
		}
		args, err := list(e.Args)
		if err != nil {
			return nil, err
		}
		if e.Ellipsis.IsValid() && len(args) > 0 {
			args[len(args)-1] = jen.Add(args[len(args)-1]).Op("...")
		}
		return fn.Call(args...), nil
	case *ast.IndexExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		i, err := sub(e.Index)
		if err != nil {
			return nil, err
		}
		return x.Index(i), nil
	case *ast.IndexListExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		idx, err := list(e.Indices)
		if err != nil {
			return nil, err
		}
		return x.Types(idx...), nil
	case *ast.SliceExpr:
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		parts := []ast.Expr{e.Low, e.High}
		if e.Slice3 {
			parts = append(parts, e.Max)
		}
		var idx []jen.Code
		for _, p := range parts {
			if p == nil {
				idx = append(idx, jen.Empty())
				continue
			}
			c, err := sub(p)
			if err != nil {
				return nil, err
			}
			idx = append(idx, c)
		}
		return x.Index(idx...), nil
	case *ast.TypeAssertExpr:
		if e.Type == nil {
			return nil, fmt.Errorf("type switch guard outside a switch")
		}
		x, err := sub(e.X)
		if err != nil {
			return nil, err
		}
		t, err := sub(e.Type)
		if err != nil {
			return nil, err
		}
		return x.Assert(t), nil
	case *ast.CompositeLit:
		var t *jen.Statement
		if e.Type != nil {
			var err error
			if t, err = sub(e.Type); err != nil {
				return nil, err
			}
		} else {
			t = jen.Null()
		}
		elts, err := list(e.Elts)
		if err != nil {
			return nil, err
		}
		return t.Values(elts...), nil
	case *ast.KeyValueExpr:
		k, err := sub(e.Key)
		if err != nil {
			return nil, err
		}
		v, err := sub(e.Value)
		if err != nil {
			return nil, err
		}
		return k.Op(":").Add(v), nil
	case *ast.ArrayType:
		elt, err := sub(e.Elt)
		if err != nil {
			return nil, err
		}
		switch l := e.Len.(type) {
		case nil:
			return jen.Index().Add(elt), nil
		case *ast.Ellipsis:
			return jen.Index(jen.Op("...")).Add(elt), nil
		default:
			n, err := sub(l)
			if err != nil {
				return nil, err
			}
			return jen.Index(n).Add(elt), nil
		}
	case *ast.MapType:
		k, err := sub(e.Key)
		if err != nil {
			return nil, err
		}
		v, err := sub(e.Value)
		if err != nil {
			return nil, err
		}
		return jen.Map(k).Add(v), nil
	case *ast.FuncLit:
		return g.optionLit(e, refs)
	case *ast.InterfaceType:
		if e.Methods == nil || len(e.Methods.List) == 0 {
			return jen.Interface(), nil
		}
	case *ast.ChanType:
		v, err := sub(e.Value)
		if err != nil {
			return nil, err
		}
		switch e.Dir {
		case ast.SEND:
			return jen.Chan().Op("<-").Add(v), nil
		case ast.RECV:
			return jen.Op("<-").Chan().Add(v), nil
		}
		return jen.Chan().Add(v), nil
	}
	return nil, fmt.Errorf("unsupported expression %T", e)
}

// optionLit renders a functional option literal moved by infer: parameters
// and assignments only, func(o *s3.Options) { o.UsePathStyle = true }.
func (g *gen) optionLit(fl *ast.FuncLit, refs map[*ast.Ident]string) (*jen.Statement, error) {
	if fl.Type.Results != nil && len(fl.Type.Results.List) > 0 {
		return nil, fmt.Errorf("function literal with results")
	}
	var params []jen.Code
	for _, field := range fl.Type.Params.List {
		t, err := g.expr(field.Type, refs)
		if err != nil {
			return nil, err
		}
		if len(field.Names) == 0 {
			params = append(params, t)
		}
		for _, name := range field.Names {
			params = append(params, jen.Id(name.Name).Add(t.Clone()))
		}
	}
	var body []jen.Code
	for _, st := range fl.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			return nil, fmt.Errorf("unsupported statement %T in a function literal", st)
		}
		var lhs, rhs []jen.Code
		for _, x := range as.Lhs {
			c, err := g.expr(x, refs)
			if err != nil {
				return nil, err
			}
			lhs = append(lhs, c)
		}
		for _, x := range as.Rhs {
			c, err := g.expr(x, refs)
			if err != nil {
				return nil, err
			}
			rhs = append(rhs, c)
		}
		body = append(body, jen.List(lhs...).Op("=").List(rhs...))
	}
	return jen.Func().Params(params...).Block(body...), nil
}
