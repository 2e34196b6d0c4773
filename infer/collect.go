package infer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// varInfo is what the syntax says about one variable: its declaration, its
// later assignments (anywhere in the package, closures and methods
// included) and whether its address is taken. It decides whether the
// variable's definition can be moved into the freshen function; whether
// the memory it refers to stays unchanged is the SSA judgement's
// (frozen.go).
type varInfo struct {
	v        *types.Var
	pkgLevel bool
	param    string // "parameter", "receiver" or "result" for function inputs/outputs
	declPos  token.Pos

	init      ast.Expr // the single initializer; nil with tuple false means zero value
	tuple     bool     // defined from a multi-value expression
	tupleRHS  ast.Expr
	tupleIdx  int
	rangeVar  bool
	declFunc  *ast.FuncDecl // declaring function; nil at package level
	initScope bool          // declared at package level (evaluated during package init)

	defs []def // writes after the declaration

	addr    token.Pos
	addrWhy string
	// written is the first write through the variable (x.f = v, x[i]++):
	// its definition then no longer describes its value, so the SSA
	// judgement must look at the variable's memory.
	written token.Pos
}

type def struct {
	pos   token.Pos
	rhs   ast.Expr // nil when not a plain one-to-one assignment
	tuple ast.Expr // the multi-value right-hand side, for x, err = f()
	where string   // "init", "main" or "" (any other function)
	fn    string   // name of the enclosing function, for messages
}

func (a *analysis) varOf(id *ast.Ident) *types.Var {
	if v, ok := a.info.Uses[id].(*types.Var); ok {
		return v
	}
	if v, ok := a.info.Defs[id].(*types.Var); ok {
		return v
	}
	return nil
}

func (a *analysis) vinfo(v *types.Var) *varInfo {
	vi := a.vars[v]
	if vi == nil {
		vi = &varInfo{v: v, declPos: v.Pos()}
		a.vars[v] = vi
	}
	return vi
}

// collect walks every non-test file of the package once and fills a.vars
// and a.decls.
func (a *analysis) collect() {
	for _, f := range a.allFiles {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			a.visit(n, stack)
			return true
		})
	}
}

// enclosing returns the innermost FuncDecl of the stack and whether a FuncLit
// sits between it and the node.
func enclosing(stack []ast.Node) (*ast.FuncDecl, bool) {
	lit := false
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			lit = true
		case *ast.FuncDecl:
			return n, lit
		}
	}
	return nil, lit
}

func (a *analysis) where(stack []ast.Node) (string, string) {
	fd, lit := enclosing(stack)
	if fd == nil {
		if lit {
			// A function literal in a package-level declaration runs
			// whenever it is called: initialisation only if it is
			// called on the spot, which the SSA judgement decides.
			return "initlit", "a function literal at package level"
		}
		return "init", "package initialisation"
	}
	name := fd.Name.Name
	if lit && fd.Recv == nil && name == "init" {
		return "initlit", "a function literal in init"
	}
	if fd.Recv == nil && !lit && fd.Body != nil {
		if name == "init" {
			return "init", name
		}
		if name == "main" && a.pkg.Name() == "main" {
			return "main", name
		}
	}
	return "", name
}

func (a *analysis) visit(n ast.Node, stack []ast.Node) {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if fn, ok := a.info.Defs[n.Name].(*types.Func); ok {
			a.decls[fn] = n
		}
		a.params(n.Recv, "receiver")
		a.params(n.Type.Params, "parameter")
		a.params(n.Type.Results, "result")
	case *ast.FuncLit:
		a.params(n.Type.Params, "parameter")
		a.params(n.Type.Results, "result")
	case *ast.ValueSpec:
		fd, _ := enclosing(stack)
		for i, name := range n.Names {
			v, ok := a.info.Defs[name].(*types.Var)
			if !ok {
				continue
			}
			vi := a.vinfo(v)
			vi.pkgLevel = fd == nil
			vi.initScope = fd == nil
			vi.declFunc = fd
			switch {
			case len(n.Values) == len(n.Names):
				vi.init = n.Values[i]
			case len(n.Values) == 1:
				vi.tuple, vi.tupleRHS, vi.tupleIdx = true, n.Values[0], i
			}
		}
	case *ast.AssignStmt:
		a.assign(n, stack)
	case *ast.IncDecStmt:
		where, fn := a.where(stack)
		a.write(n.X, nil, nil, where, fn, n.Pos())
	case *ast.RangeStmt:
		for _, e := range []ast.Expr{n.Key, n.Value} {
			if e == nil {
				continue
			}
			if n.Tok == token.DEFINE {
				if id, ok := e.(*ast.Ident); ok {
					if v, ok := a.info.Defs[id].(*types.Var); ok {
						a.vinfo(v).rangeVar = true
					}
				}
				continue
			}
			where, fn := a.where(stack)
			a.write(e, nil, nil, where, fn, e.Pos())
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			if root := a.root(n.X); root != nil {
				vi := a.vinfo(root)
				if !vi.addr.IsValid() {
					vi.addr, vi.addrWhy = n.Pos(), "has its address taken"
				}
			}
		}
	case *ast.CallExpr:
		a.call(n)
	case *ast.SelectorExpr:
		// A pointer-method value (f := cfg.SetPath) takes &cfg as well.
		if s := a.info.Selections[n]; s != nil && s.Kind() == types.MethodVal {
			if fn, ok := s.Obj().(*types.Func); ok {
				_, recvPtr := fn.Type().(*types.Signature).Recv().Type().Underlying().(*types.Pointer)
				_, xPtr := s.Recv().Underlying().(*types.Pointer)
				if recvPtr && !xPtr {
					if root := a.root(n.X); root != nil {
						vi := a.vinfo(root)
						if !vi.addr.IsValid() {
							vi.addr, vi.addrWhy = n.Pos(), "has pointer method "+fn.Name()+" taken as a value"
						}
					}
				}
			}
		}
	}
}

func (a *analysis) params(fl *ast.FieldList, kind string) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, name := range f.Names {
			if v, ok := a.info.Defs[name].(*types.Var); ok {
				a.vinfo(v).param = kind
			}
		}
	}
}

func (a *analysis) assign(n *ast.AssignStmt, stack []ast.Node) {
	where, fn := a.where(stack)
	fd, _ := enclosing(stack)
	oneToOne := len(n.Lhs) == len(n.Rhs)
	for i, lhs := range n.Lhs {
		var rhs ast.Expr
		if oneToOne && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
			rhs = n.Rhs[i]
		}
		if n.Tok == token.DEFINE {
			if id, ok := lhs.(*ast.Ident); ok {
				if v, ok := a.info.Defs[id].(*types.Var); ok {
					vi := a.vinfo(v)
					vi.declFunc = fd
					if oneToOne {
						vi.init = rhs
					} else {
						vi.tuple, vi.tupleRHS, vi.tupleIdx = true, n.Rhs[0], i
					}
					continue
				}
			}
		}
		var tuple ast.Expr
		if !oneToOne && len(n.Rhs) == 1 {
			tuple = n.Rhs[0]
		}
		a.write(lhs, rhs, tuple, where, fn, n.Pos())
	}
}

// write records an assignment to lhs. A write through a field or element
// marks the variable at its root, whose memory the SSA judgement then
// examines (what the write reaches through pointers is the SSA
// judgement's alone).
func (a *analysis) write(lhs, rhs, tuple ast.Expr, where, fn string, pos token.Pos) {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if v := a.varOf(id); v != nil {
			vi := a.vinfo(v)
			vi.defs = append(vi.defs, def{pos: pos, rhs: rhs, tuple: tuple, where: where, fn: fn})
		}
		return
	}
	if root := a.root(lhs); root != nil {
		if vi := a.vinfo(root); !vi.written.IsValid() {
			vi.written = pos
		}
	}
}

// root returns the variable at the base of a selector/index/deref path.
func (a *analysis) root(e ast.Expr) *types.Var {
	for {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.Ident:
			return a.varOf(x)
		case *ast.SelectorExpr:
			if sel := a.info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// call records the implicit &x of a pointer-method call on an addressable
// variable (x.M() with M on *T).
func (a *analysis) call(call *ast.CallExpr) {
	fn := a.callee(call)
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fn == nil {
		return
	}
	if s := a.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
		sig := fn.Type().(*types.Signature)
		_, recvPtr := sig.Recv().Type().Underlying().(*types.Pointer)
		_, xPtr := s.Recv().Underlying().(*types.Pointer)
		if recvPtr && !xPtr {
			if root := a.root(sel.X); root != nil {
				vi := a.vinfo(root)
				if !vi.addr.IsValid() {
					vi.addr, vi.addrWhy = call.Pos(), "has pointer method "+fn.Name()+" called on it"
				}
			}
		}
	}
}

// isRef reports whether values of t share state when copied.
func isRef(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Chan, *types.Interface, *types.Signature:
		return true
	}
	return false
}

// callee returns the function or method a call statically names (including
// interface methods), or nil.
func (a *analysis) callee(call *ast.CallExpr) *types.Func {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := fun.(type) {
	case *ast.Ident:
		fn, _ := a.info.Uses[f].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if s := a.info.Selections[f]; s != nil {
			fn, _ := s.Obj().(*types.Func)
			return fn
		}
		fn, _ := a.info.Uses[f.Sel].(*types.Func)
		return fn
	}
	return nil
}

// funcName is the catalogue key of a function: its FullName, generic
// instances mapped to their origin.
func funcName(fn *types.Func) string {
	return fn.Origin().FullName()
}
