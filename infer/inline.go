package infer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
)

// inliner rebuilds freshen-constant expressions so they are valid at
// package scope in another file of the same package: locals are replaced by
// their single definition, local constants by their value, the context
// argument by the ident ctx, and package qualifiers are recorded in refs.
type inliner struct {
	a    *analysis
	refs map[*ast.Ident]string
	// subst replaces specific source expressions (the call's ctx argument,
	// helper parameters) with given expressions.
	subst map[ast.Expr]ast.Expr
	// lazy is like subst, built only when the expression is moved (a call
	// through a method value moves its definition only if it is a fetch).
	lazy map[ast.Expr]func() ast.Expr
	// params maps symbolic parameters to the argument expressions of the
	// call being summarised (helpers).
	params map[*types.Var]ast.Expr
	// hoists are the handler's hoisted calls; a local they define, or the
	// call itself, becomes a placeholder ident recorded in hoistRefs.
	hoists    *hoistTable
	hoistRefs map[*ast.Ident]int
	err       error
}

func (a *analysis) newInliner(refs map[*ast.Ident]string) *inliner {
	return &inliner{a: a, refs: refs, subst: map[ast.Expr]ast.Expr{}, lazy: map[ast.Expr]func() ast.Expr{}}
}

func (in *inliner) fail(pos token.Pos, format string, args ...any) ast.Expr {
	if in.err == nil {
		p := in.a.fset.PositionFor(pos, false)
		in.err = fmt.Errorf("%s (%s:%d)", fmt.Sprintf(format, args...), filepath.Base(p.Filename), p.Line)
	}
	return &ast.BadExpr{}
}

// optionLit moves a functional option literal that only sets fields of
// its parameter (optionLiteral accepted it): func(o *s3.Options) {
// o.UsePathStyle = true }. Its parameter stays itself.
func (in *inliner) optionLit(fl *ast.FuncLit) ast.Expr {
	if fl.Type.Results != nil && len(fl.Type.Results.List) > 0 {
		return in.fail(fl.Pos(), "function literal with results")
	}
	ft := &ast.FuncType{Params: &ast.FieldList{}}
	for _, field := range fl.Type.Params.List {
		nf := &ast.Field{Type: in.expr(field.Type)}
		for _, name := range field.Names {
			if v, ok := in.a.info.Defs[name].(*types.Var); ok {
				if in.params == nil {
					in.params = map[*types.Var]ast.Expr{}
				}
				in.params[v] = ast.NewIdent(name.Name)
			}
			nf.Names = append(nf.Names, ast.NewIdent(name.Name))
		}
		ft.Params.List = append(ft.Params.List, nf)
	}
	body := &ast.BlockStmt{}
	for _, st := range fl.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN {
			return in.fail(st.Pos(), "option literal does more than set fields")
		}
		n := &ast.AssignStmt{Tok: token.ASSIGN}
		for _, l := range as.Lhs {
			n.Lhs = append(n.Lhs, in.expr(l))
		}
		for _, r := range as.Rhs {
			n.Rhs = append(n.Rhs, in.expr(r))
		}
		body.List = append(body.List, n)
	}
	return &ast.FuncLit{Type: ft, Body: body}
}

// hoistRef is the placeholder for the runtime-scoped value of hoist f.
func (in *inliner) hoistRef(f *Finding) ast.Expr {
	if in.hoistRefs == nil {
		return in.fail(f.Pos, "hoisted value outside a handler")
	}
	id := ast.NewIdent(fmt.Sprintf("_hoisted%d", f.Index))
	in.hoistRefs[id] = f.Index
	return id
}

// ctxIdent is freshen's own context.
func ctxIdent() *ast.Ident { return ast.NewIdent("ctx") }

func (in *inliner) pkgIdent(name, path string) *ast.Ident {
	id := ast.NewIdent(name)
	in.refs[id] = path
	return id
}

func (in *inliner) expr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if r, ok := in.subst[e]; ok {
		return r
	}
	if f, ok := in.lazy[e]; ok {
		return f()
	}
	a := in.a
	switch x := e.(type) {
	case *ast.ParenExpr:
		return &ast.ParenExpr{X: in.expr(x.X)}
	case *ast.BasicLit:
		return &ast.BasicLit{Kind: x.Kind, Value: x.Value}
	case *ast.Ident:
		return in.ident(x)
	case *ast.SelectorExpr:
		if pn := pkgName(a.info, x.X); pn != nil {
			return &ast.SelectorExpr{X: in.pkgIdent(pn.Name(), pn.Imported().Path()), Sel: ast.NewIdent(x.Sel.Name)}
		}
		return &ast.SelectorExpr{X: in.expr(x.X), Sel: ast.NewIdent(x.Sel.Name)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: in.expr(x.X)}
	case *ast.UnaryExpr:
		return &ast.UnaryExpr{Op: x.Op, X: in.expr(x.X)}
	case *ast.BinaryExpr:
		return &ast.BinaryExpr{X: in.expr(x.X), Op: x.Op, Y: in.expr(x.Y)}
	case *ast.CompositeLit:
		var elts []ast.Expr
		_, isStruct := a.info.TypeOf(x).Underlying().(*types.Struct)
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				var key ast.Expr
				if id, ok := kv.Key.(*ast.Ident); ok && isStruct {
					key = ast.NewIdent(id.Name)
				} else {
					key = in.expr(kv.Key)
				}
				elts = append(elts, &ast.KeyValueExpr{Key: key, Value: in.expr(kv.Value)})
				continue
			}
			elts = append(elts, in.expr(el))
		}
		var typ ast.Expr
		if x.Type != nil {
			typ = in.expr(x.Type)
		}
		return &ast.CompositeLit{Type: typ, Elts: elts}
	case *ast.CallExpr:
		if f := in.hoists.of(x); f != nil {
			return in.hoistRef(f)
		}
		call := &ast.CallExpr{Fun: in.expr(x.Fun), Ellipsis: x.Ellipsis}
		for _, arg := range x.Args {
			call.Args = append(call.Args, in.expr(arg))
		}
		if !x.Ellipsis.IsValid() {
			call.Ellipsis = token.NoPos
		} else {
			call.Ellipsis = 1 // any valid position prints "..."
		}
		return call
	case *ast.IndexExpr:
		return &ast.IndexExpr{X: in.expr(x.X), Index: in.expr(x.Index)}
	case *ast.IndexListExpr:
		out := &ast.IndexListExpr{X: in.expr(x.X)}
		for _, i := range x.Indices {
			out.Indices = append(out.Indices, in.expr(i))
		}
		return out
	case *ast.SliceExpr:
		return &ast.SliceExpr{X: in.expr(x.X), Low: in.expr(x.Low), High: in.expr(x.High), Max: in.expr(x.Max), Slice3: x.Slice3}
	case *ast.TypeAssertExpr:
		return &ast.TypeAssertExpr{X: in.expr(x.X), Type: in.expr(x.Type)}
	case *ast.ArrayType:
		return &ast.ArrayType{Len: in.expr(x.Len), Elt: in.expr(x.Elt)}
	case *ast.MapType:
		return &ast.MapType{Key: in.expr(x.Key), Value: in.expr(x.Value)}
	case *ast.Ellipsis:
		return &ast.Ellipsis{Elt: in.expr(x.Elt)}
	case *ast.FuncLit:
		return in.optionLit(x)
	case *ast.InterfaceType:
		if x.Methods == nil || len(x.Methods.List) == 0 {
			return &ast.InterfaceType{Methods: &ast.FieldList{}}
		}
	case *ast.StructType:
		if x.Fields == nil || len(x.Fields.List) == 0 {
			return &ast.StructType{Fields: &ast.FieldList{}}
		}
	}
	return in.fail(e.Pos(), "cannot move %T to package scope", e)
}

func (in *inliner) ident(id *ast.Ident) ast.Expr {
	a := in.a
	obj := a.info.Uses[id]
	if obj == nil {
		obj = a.info.Defs[id]
	}
	// The hook's context parameter is named ctx: a package-level ctx would
	// be shadowed there.
	if id.Name == "ctx" && obj != nil && obj.Parent() == a.pkg.Scope() {
		return in.fail(id.Pos(), "package-level name ctx is shadowed by freshen's context in the hook")
	}
	// A dot-imported name needs its qualifier in another file.
	if obj != nil && obj.Pkg() != nil && obj.Pkg() != a.pkg && obj.Parent() == obj.Pkg().Scope() {
		return &ast.SelectorExpr{X: in.pkgIdent(obj.Pkg().Name(), obj.Pkg().Path()), Sel: ast.NewIdent(id.Name)}
	}
	switch obj := obj.(type) {
	case *types.Var:
		if r, ok := in.params[obj]; ok {
			return r
		}
		vi := a.vars[obj]
		if obj.Pkg() != a.pkg || vi == nil || vi.pkgLevel {
			return ast.NewIdent(id.Name)
		}
		if f := in.hoists.hoistedVar(vi); f != nil {
			return in.hoistRef(f)
		}
		if vi.param != "" {
			// Only a helper's summary moves a parameter (it stands for
			// the caller's argument); the judgement refuses it elsewhere.
			if i, ok := a.paramMark[obj]; ok {
				return ast.NewIdent(fmt.Sprintf("_%d", i))
			}
			return ast.NewIdent(id.Name)
		}
		if vi.init == nil {
			if z := zeroLit(obj.Type()); z != nil {
				return z
			}
			return in.fail(id.Pos(), "local %s has no initializer", id.Name)
		}
		return &ast.ParenExpr{X: in.expr(vi.init)}
	case *types.Const:
		if obj.Parent() == nil || obj.Parent() == a.pkg.Scope() || obj.Pkg() != a.pkg {
			return ast.NewIdent(id.Name)
		}
		lit := constLit(obj.Val())
		if lit == nil {
			return in.fail(id.Pos(), "constant %s has no literal form", id.Name)
		}
		if b, ok := obj.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
			return lit
		}
		t := in.typeExpr(obj.Type(), id.Pos())
		return &ast.CallExpr{Fun: t, Args: []ast.Expr{lit}}
	case *types.TypeName:
		if obj.Pkg() == a.pkg && obj.Parent() != a.pkg.Scope() {
			return in.fail(id.Pos(), "type %s is declared inside a function", id.Name)
		}
		return ast.NewIdent(id.Name)
	case *types.Func:
		if obj.Pkg() == a.pkg && obj.Parent() != nil && obj.Parent() != a.pkg.Scope() {
			return in.fail(id.Pos(), "%s is not at package scope", id.Name)
		}
		return ast.NewIdent(id.Name)
	}
	return ast.NewIdent(id.Name)
}

// typeExpr spells a named or basic type at package scope.
func (in *inliner) typeExpr(t types.Type, pos token.Pos) ast.Expr {
	switch t := types.Unalias(t).(type) {
	case *types.Basic:
		return ast.NewIdent(t.Name())
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() == nil || obj.Pkg() == in.a.pkg {
			return ast.NewIdent(obj.Name())
		}
		return &ast.SelectorExpr{X: in.pkgIdent(obj.Pkg().Name(), obj.Pkg().Path()), Sel: ast.NewIdent(obj.Name())}
	}
	return in.fail(pos, "cannot spell type %s", t)
}

func constLit(v constant.Value) ast.Expr {
	switch v.Kind() {
	case constant.String:
		return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(constant.StringVal(v))}
	case constant.Int:
		return &ast.BasicLit{Kind: token.INT, Value: v.ExactString()}
	case constant.Float:
		return &ast.BasicLit{Kind: token.FLOAT, Value: v.String()}
	case constant.Bool:
		return ast.NewIdent(v.String())
	}
	return nil
}

func zeroLit(t types.Type) ast.Expr {
	b, ok := t.(*types.Basic)
	if !ok {
		return nil
	}
	switch {
	case b.Info()&types.IsString != 0:
		return &ast.BasicLit{Kind: token.STRING, Value: `""`}
	case b.Info()&types.IsNumeric != 0:
		return &ast.BasicLit{Kind: token.INT, Value: "0"}
	case b.Info()&types.IsBoolean != 0:
		return ast.NewIdent("false")
	}
	return nil
}

// template instantiates a catalogue template with the placeholders bound.
func (in *inliner) template(t ast.Expr, imports map[string]string, bind map[string]ast.Expr, all []ast.Expr) ast.Expr {
	var walk func(ast.Expr) ast.Expr
	walk = func(e ast.Expr) ast.Expr {
		switch x := e.(type) {
		case *ast.Ident:
			if r, ok := bind[x.Name]; ok {
				return r
			}
			if x.Name == "ctx" {
				return ctxIdent()
			}
			if p, ok := imports[x.Name]; ok {
				return in.pkgIdent(x.Name, p)
			}
			return ast.NewIdent(x.Name)
		case *ast.SelectorExpr:
			return &ast.SelectorExpr{X: walk(x.X), Sel: ast.NewIdent(x.Sel.Name)}
		case *ast.CallExpr:
			c := &ast.CallExpr{Fun: walk(x.Fun)}
			for _, arg := range x.Args {
				if id, ok := arg.(*ast.Ident); ok && id.Name == "_all" {
					c.Args = append(c.Args, all...)
					continue
				}
				c.Args = append(c.Args, walk(arg))
			}
			return c
		case *ast.BasicLit:
			return &ast.BasicLit{Kind: x.Kind, Value: x.Value}
		case *ast.UnaryExpr:
			return &ast.UnaryExpr{Op: x.Op, X: walk(x.X)}
		case *ast.BinaryExpr:
			return &ast.BinaryExpr{X: walk(x.X), Op: x.Op, Y: walk(x.Y)}
		case *ast.ParenExpr:
			return &ast.ParenExpr{X: walk(x.X)}
		}
		return in.fail(token.NoPos, "unsupported template node %T", e)
	}
	return walk(t)
}
