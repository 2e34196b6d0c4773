package infer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// varInfo is everything the package does to one variable: its declaration,
// later writes, address escapes and writes through it. Constness is judged
// from this summary, so every write anywhere in the package counts,
// including writes inside closures and methods.
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

	addr, mut, esc          token.Pos
	addrWhy, mutWhy, escWhy string
}

type def struct {
	pos   token.Pos
	rhs   ast.Expr // nil when not a plain one-to-one assignment
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

// collect walks every non-test file of the package once and fills a.vars,
// a.decls and a.mutTypes.
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
		return "init", "package initialisation"
	}
	name := fd.Name.Name
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
		a.write(n.X, nil, where, fn, n.Pos())
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
			a.write(e, nil, where, fn, e.Pos())
		}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			if len(stack) >= 2 && a.catalogueOperand(n, stack[len(stack)-2]) {
				// &input passed straight to a catalogue API: the SDKs
				// read their inputs; not an escape.
				return
			}
			if root := a.root(n.X); root != nil {
				vi := a.vinfo(root)
				if !vi.addr.IsValid() {
					vi.addr, vi.addrWhy = n.Pos(), "has its address taken"
				}
			}
			// &p.f and &s[i] expose the pointee to writes.
			a.markPointee(n.X, n.Pos())
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
	case *ast.SendStmt:
		a.escape(n.Value, n.Pos(), "it is sent on a channel")
	case *ast.Ident:
		a.identUse(n, stack)
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
		a.write(lhs, rhs, where, fn, n.Pos())
	}
}

// write records an assignment to lhs.
func (a *analysis) write(lhs, rhs ast.Expr, where, fn string, pos token.Pos) {
	lhs = ast.Unparen(lhs)
	if id, ok := lhs.(*ast.Ident); ok {
		if v := a.varOf(id); v != nil {
			vi := a.vinfo(v)
			vi.defs = append(vi.defs, def{pos: pos, rhs: rhs, where: where, fn: fn})
		}
		return
	}
	// A field, element or pointee write mutates the root variable (when the
	// path is by value) and every value of the written-through type.
	if root := a.root(lhs); root != nil {
		vi := a.vinfo(root)
		if !vi.mut.IsValid() {
			vi.mut, vi.mutWhy = pos, "is modified in "+fn
		}
	}
	a.markPointee(lhs, pos)
}

// markPointee records, for a write or address-of through e, the types whose
// values are modified through pointers, maps or slices.
func (a *analysis) markPointee(e ast.Expr, pos token.Pos) {
	for {
		e = ast.Unparen(e)
		switch x := e.(type) {
		case *ast.SelectorExpr:
			if t := a.info.TypeOf(x.X); t != nil {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					a.mutType(p.Elem(), pos)
				}
			}
			e = x.X
		case *ast.IndexExpr:
			if t := a.info.TypeOf(x.X); t != nil {
				switch u := t.Underlying().(type) {
				case *types.Map, *types.Slice:
					a.mutType(t, pos)
				case *types.Pointer:
					a.mutType(u.Elem(), pos)
				}
			}
			e = x.X
		case *ast.StarExpr:
			if t := a.info.TypeOf(x.X); t != nil {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					a.mutType(p.Elem(), pos)
				}
			}
			e = x.X
		default:
			return
		}
	}
}

func (a *analysis) mutType(t types.Type, pos token.Pos) {
	k := types.TypeString(t, nil)
	if _, ok := a.mutTypes[k]; !ok {
		a.mutTypes[k] = pos
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

// catalogueOperand reports whether e is a direct argument or receiver of a
// catalogue call (parent is the call).
func (a *analysis) catalogueOperand(e ast.Expr, parent ast.Node) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := a.callee(call)
	return fn != nil && a.cat.Lookup(funcName(fn)) != nil
}

func (a *analysis) call(call *ast.CallExpr) {
	fun := ast.Unparen(call.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := a.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append", "copy", "clear", "delete":
				if len(call.Args) > 0 {
					if root := a.root(call.Args[0]); root != nil {
						vi := a.vinfo(root)
						if !vi.mut.IsValid() {
							vi.mut, vi.mutWhy = call.Pos(), "is modified by "+b.Name()
						}
					}
					if t := a.info.TypeOf(call.Args[0]); t != nil {
						a.mutType(t, call.Pos())
					}
				}
			}
			return
		}
	}
	fn := a.callee(call)
	if sel, ok := fun.(*ast.SelectorExpr); ok && fn != nil {
		if s := a.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			sig := fn.Type().(*types.Signature)
			_, recvPtr := sig.Recv().Type().Underlying().(*types.Pointer)
			_, xPtr := s.Recv().Underlying().(*types.Pointer)
			if recvPtr && !xPtr {
				// x.M() with M on *T takes &x implicitly.
				if root := a.root(sel.X); root != nil {
					vi := a.vinfo(root)
					if !vi.addr.IsValid() {
						vi.addr, vi.addrWhy = call.Pos(), "has pointer method "+fn.Name()+" called on it"
					}
				}
			} else if !a.readOnlyCallee(fn) {
				a.escape(sel.X, call.Pos(), "method "+fn.Name()+" is called on it")
			}
		}
	}
	if fn != nil && a.readOnlyCallee(fn) {
		return
	}
	if tv, ok := a.info.Types[call.Fun]; ok && tv.IsType() {
		return
	}
	for _, arg := range call.Args {
		name := "a function"
		if fn != nil {
			name = fn.Name()
		}
		a.escape(arg, call.Pos(), "it is passed to "+name)
	}
}

// readOnlyCallee: callees known not to write through their operands.
func (a *analysis) readOnlyCallee(fn *types.Func) bool {
	name := funcName(fn)
	if a.cat.Lookup(name) != nil || a.cat.Pure(name) {
		return true
	}
	if fn.Pkg() != nil {
		switch fn.Pkg().Path() {
		case "fmt", "log", "log/slog":
			return true
		case FrPath:
			// The runtime reads what generated code passes it.
			return true
		}
		// Methods of catalogue packages' clients do not change the
		// client's configuration.
		if a.cat.Imports(fn.Pkg().Path()) && fn.Type().(*types.Signature).Recv() != nil {
			return true
		}
	}
	return false
}

// escape marks a reference-typed variable used as a whole value where
// someone else may write through it.
func (a *analysis) escape(e ast.Expr, pos token.Pos, why string) {
	e = ast.Unparen(e)
	id, ok := e.(*ast.Ident)
	if !ok {
		return
	}
	v := a.varOf(id)
	if v == nil || !isRef(v.Type()) {
		return
	}
	vi := a.vinfo(v)
	if !vi.esc.IsValid() {
		vi.esc, vi.escWhy = pos, why
	}
}

// identUse marks aliasing uses of reference-typed variables: stored in
// another variable, a composite literal, returned, converted.
func (a *analysis) identUse(id *ast.Ident, stack []ast.Node) {
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok || !isRef(v.Type()) || len(stack) < 2 {
		return
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr, *ast.CallExpr,
		*ast.RangeStmt, *ast.UnaryExpr, *ast.IncDecStmt, *ast.SendStmt,
		*ast.SliceExpr, *ast.TypeAssertExpr:
		if s, ok := p.(*ast.SliceExpr); ok && s.X == id {
			a.escape(id, id.Pos(), "it is resliced")
		}
		// Handled by call/escape/write, or a read.
	case *ast.BinaryExpr:
		// comparisons read
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == id {
				return
			}
		}
		a.escape(id, id.Pos(), "it is copied to another variable")
	case *ast.CaseClause, *ast.SwitchStmt, *ast.IfStmt:
	case *ast.KeyValueExpr, *ast.CompositeLit:
		// A literal handed straight to a catalogue API (the SDK input
		// structs) is read by it, not kept.
		if !a.literalForCatalogue(stack[:len(stack)-1]) {
			a.escape(id, id.Pos(), "it is stored in a composite literal")
		}
	default:
		a.escape(id, id.Pos(), "it is stored or returned")
	}
}

// literalForCatalogue walks up from a composite-literal element through
// literals and & to see whether the literal is a catalogue call's argument.
func (a *analysis) literalForCatalogue(stack []ast.Node) bool {
	for i := len(stack) - 1; i > 0; i-- {
		switch p := stack[i-1].(type) {
		case *ast.KeyValueExpr, *ast.CompositeLit:
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				continue
			}
			return false
		case *ast.CallExpr:
			return a.catalogueOperand(nil, p)
		default:
			return false
		}
	}
	return false
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
