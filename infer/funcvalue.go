package infer

import (
	"go/ast"
	"go/types"
)

// boundCall is a call made through a variable that holds a catalogue
// function or method value:
//
//	get := http.DefaultClient.Get // method value, receiver bound here
//	get(u)
//
// The call is judged as a call of fn with receiver recv (taken from the
// definition), provided the variable soundly holds that value at the call.
type boundCall struct {
	v    *types.Var
	fn   *types.Func
	def  *ast.SelectorExpr // the definition: recv.M or pkg.F
	recv ast.Expr          // receiver expression of a method value; nil for functions
	// block says why the call may not be a call of def; role names what
	// it is about ("function" for the variable, "receiver").
	block *blocker
	role  string
}

// bound resolves a call whose Fun is a variable to the catalogue API its
// definition names. It returns nil when no definition of the variable is a
// catalogue function or method value: such a call is not known to be I/O.
func (a *analysis) bound(call *ast.CallExpr) *boundCall {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok || v.Pkg() != a.pkg {
		return nil
	}
	vi := a.vars[v]
	if vi == nil {
		return nil
	}
	// The first definition naming a catalogue API gives the API; any other
	// definition makes the call a rejection rather than silence.
	rhs := []ast.Expr{vi.init}
	for _, d := range vi.defs {
		rhs = append(rhs, d.rhs)
	}
	var b *boundCall
	for _, e := range rhs {
		if sel, fn, recv := a.catalogueRef(e); fn != nil {
			b = &boundCall{v: v, fn: fn, def: sel, recv: recv}
			break
		}
	}
	if b == nil {
		return nil
	}
	b.role = "function"
	if b.block = a.bindBlocker(vi, b); b.block == nil && vi.pkgLevel && b.recv != nil {
		b.role, b.block = "receiver", a.boundEarly(b)
	}
	return b
}

// catalogueRef matches recv.M (a method value) and pkg.F (a function
// reference) naming a catalogue API. Method expressions (T.M) are not
// matched: their receiver is an argument.
func (a *analysis) catalogueRef(e ast.Expr) (*ast.SelectorExpr, *types.Func, ast.Expr) {
	if e == nil {
		return nil, nil, nil
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, nil
	}
	var fn *types.Func
	var recv ast.Expr
	if s := a.info.Selections[sel]; s != nil {
		if s.Kind() != types.MethodVal {
			return nil, nil, nil
		}
		fn, _ = s.Obj().(*types.Func)
		recv = sel.X
	} else if pkgName(a.info, sel.X) != nil {
		fn, _ = a.info.Uses[sel.Sel].(*types.Func)
	}
	if fn == nil || a.cat.Lookup(funcName(fn)) == nil {
		return nil, nil, nil
	}
	return sel, fn, recv
}

// bindBlocker applies the freshen-constant rules for variables to the
// function variable itself; the receiver is judged later like any other
// receiver. A function value cannot be written through, and copies of it
// cannot change the variable, so sharing it is no concern: only
// assignments and address escapes are.
func (a *analysis) bindBlocker(vi *varInfo, b *boundCall) *blocker {
	v := vi.v
	if vi.param != "" {
		return &blocker{pos: vi.declPos, phrase: "is a " + vi.param}
	}
	if vi.rangeVar {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is a loop variable"}
	}
	// A function value cannot be written through: only assignments and
	// the address (which could be written through) matter.
	if vi.addr.IsValid() {
		return &blocker{pos: vi.addr, subj: v.Name(), phrase: vi.addrWhy}
	}
	if vi.pkgLevel {
		if pos, ok := a.linknamed(v); ok {
			return &blocker{pos: pos, subj: v.Name(), phrase: "is named by a //go:linkname directive, so code elsewhere may write it"}
		}
	}
	if vi.pkgLevel {
		if v.Exported() && a.pkg.Name() != "main" {
			return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is exported, so importing packages may write it"}
		}
		if len(vi.defs) > 0 {
			d := vi.defs[0]
			return &blocker{pos: d.pos, subj: v.Name(), phrase: "is assigned in " + d.fn}
		}
	} else if len(vi.defs) > 0 {
		return &blocker{pos: vi.defs[0].pos, subj: v.Name(), phrase: "is assigned more than once"}
	}
	if vi.tuple || vi.init == nil || ast.Unparen(vi.init) != b.def {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not defined once by a function or method value"}
	}
	return nil
}

// boundEarly: a package-level method value binds its receiver during
// variable initialisation, before init and main run, so a package variable
// in the receiver that is assigned later would differ from the one the hook
// uses.
func (a *analysis) boundEarly(b *boundCall) *blocker {
	var bl *blocker
	ast.Inspect(b.recv, func(n ast.Node) bool {
		if bl != nil {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		rv, ok := a.info.Uses[id].(*types.Var)
		if !ok || rv.Pkg() != a.pkg {
			return true
		}
		if ri := a.vars[rv]; ri != nil && ri.pkgLevel && len(ri.defs) > 0 {
			d := ri.defs[0]
			bl = &blocker{pos: d.pos, subj: rv.Name(), phrase: "is assigned in " + d.fn + ", after " + b.v.Name() + " binds it"}
		}
		return true
	})
	return bl
}

// form is the definition moved to package scope: pkg.F, or the receiver
// inlined with .M.
func (b *boundCall) form(in *inliner) ast.Expr {
	return in.expr(b.def)
}
