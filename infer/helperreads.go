package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
)

// helperRefusal is why a function with one fetch is not a fetch helper
// because of what its result reads: the reason is added to the rejection
// of its fetch (which, no longer a helper's, depends on its parameters).
type helperRefusal struct {
	fn   *types.Func
	call *ast.CallExpr // the helper's fetch
	why  string
	pos  token.Pos
}

// helperStateRead judges what a fetch helper reads besides its fetch, in
// its own body and, transitively, in the functions of this package it
// calls: the helper is run early, in the freshen function, so everything
// its result is computed from must be the same then as in the handler.
// An allow-list: constants, parameters and locals; package variables of
// this package that are freshen-constant and frozen; the few variables of
// other packages the memory judgement proves frozen; calls of pure
// functions under the same conditions as in operands (function arguments
// name pure functions, formatted values are inert). It returns nil when
// all reads are allowed, or the first read that is not, with where it is.
func (a *analysis) helperStateRead(fn *types.Func, seen map[*types.Func]bool) *helperRefusal {
	if seen[fn] {
		return nil
	}
	seen[fn] = true
	decl := a.decls[fn]
	if decl == nil || decl.Body == nil {
		return nil // judged by the effects check (helperCallOK)
	}
	var r *helperRefusal
	who := fn.Name()
	if recv := fn.Type().(*types.Signature).Recv(); recv != nil {
		who = typeName(recv.Type()) + "." + who
	}
	at := func(p token.Pos) string {
		pos := a.fset.PositionFor(p, false)
		return fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if r != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if pkgName(a.info, n.X) == nil {
				return true
			}
			v, ok := a.info.Uses[n.Sel].(*types.Var)
			if !ok {
				return false
			}
			name := v.Pkg().Name() + "." + v.Name()
			if !a.cat.stableVar(v) {
				r = &helperRefusal{why: fmt.Sprintf("%s reads %s, a variable of another package, which any code may write", who, name), pos: n.Pos()}
				return false
			}
			if b := a.frozenGlobal(v, false); b != nil {
				r = &helperRefusal{why: fmt.Sprintf("%s reads %s (%s), which %s", who, name, at(n.Pos()), b.phrase), pos: b.pos}
			}
			return false
		case *ast.Ident:
			v, ok := a.info.Uses[n].(*types.Var)
			if !ok || v.Pkg() == nil {
				return true
			}
			if v.Pkg() != a.pkg {
				// A dot import, or a package-level variable reached
				// any other way than pkg.Name.
				if !v.IsField() && v.Parent() == v.Pkg().Scope() {
					r = &helperRefusal{why: fmt.Sprintf("%s reads %s.%s, a variable of another package, which any code may write", who, v.Pkg().Name(), v.Name()), pos: n.Pos()}
				}
				return true
			}
			if vi := a.vars[v]; vi != nil && vi.pkgLevel {
				if b := a.recvStable(n, false, strictEnv); b != nil {
					phrase := b.phrase
					if b.subj != "" && b.subj != v.Name() {
						phrase = "depends on " + b.subj + ", which " + b.phrase
					}
					r = &helperRefusal{why: fmt.Sprintf("%s reads %s (%s), which %s", who, v.Name(), at(n.Pos()), phrase), pos: b.pos}
				}
			}
		case *ast.CallExpr:
			callee := a.callee(n)
			if callee == nil {
				return true
			}
			name := funcName(callee)
			if decoders[name] && len(n.Args) > 0 {
				target := n.Args[len(n.Args)-1]
				if t := a.info.TypeOf(target); t != nil && !methodless(t, map[types.Type]bool{}) {
					r = &helperRefusal{why: fmt.Sprintf("%s decodes into %s with %s, which may call its methods (a %s has methods of its own)",
						who, oneLine(a.text(target), 30), shortCallee(name), types.TypeString(t, types.RelativeTo(a.pkg))), pos: target.Pos()}
					return false
				}
			}
			if a.cat.Pure(name) || readers[name].reflective {
				if b := a.pureCall(n, name); b != nil {
					r = &helperRefusal{why: who + " " + b.phrase, pos: b.pos}
					return false
				}
				if b := a.reflectiveOperands(n, name); b != nil {
					r = &helperRefusal{why: who + " " + b.phrase, pos: b.pos}
					return false
				}
			}
			if callee.Pkg() == a.pkg {
				r = a.helperStateRead(callee.Origin(), seen)
			}
		}
		return r == nil
	})
	return r
}

// reflectiveOperands: the operands a reflective reader (fmt.Errorf,
// json.Marshal, ...) formats must be inert, as pureCall requires of
// fmt.Sprint: it calls their String, Error or Marshal methods.
func (a *analysis) reflectiveOperands(call *ast.CallExpr, name string) *blocker {
	r, ok := readers[name]
	if !ok || !r.reflective || reflectiveFuncs[name] {
		return nil // not one, or judged by pureCall
	}
	for i, arg := range call.Args {
		if i < r.skip {
			continue
		}
		t := a.info.TypeOf(arg)
		if t == nil {
			continue
		}
		if tv, ok := a.info.Types[arg]; ok && tv.Value != nil {
			continue // a constant (the format string)
		}
		if !inert(t) && !a.libraryError(arg) {
			return &blocker{pos: arg.Pos(), phrase: fmt.Sprintf("formats %s with %s, which may call its methods (a %s is not a type freshen knows to print the same way every time)",
				oneLine(a.text(arg), 30), shortCallee(name), types.TypeString(t, types.RelativeTo(a.pkg)))}
		}
	}
	return nil
}

// typeName is the name of a receiver's type, without pointer or type
// arguments.
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return types.TypeString(t, nil)
}

// explainHelpers adds to the rejection of a refused helper's fetch why the
// function is not a fetch helper.
func (a *analysis) explainHelpers() {
	if len(a.helperWhy) == 0 {
		return
	}
	for _, h := range a.res.Handlers {
		for _, rj := range h.Rejections {
			r := a.helperWhy[rj.Pos]
			if r == nil {
				continue
			}
			reason := rj.Reason
			if rj.Blocker.IsValid() {
				p := a.fset.PositionFor(rj.Blocker, false)
				reason = fmt.Sprintf("%s (%s:%d)", reason, filepath.Base(p.Filename), p.Line)
			}
			rj.Reason = fmt.Sprintf("%s; %s is not a fetch helper: %s", reason, r.fn.Name(), r.why)
			rj.Blocker = r.pos
		}
	}
}

// decoders fill their last argument through reflection, calling its
// UnmarshalJSON or UnmarshalText method if it has one.
var decoders = map[string]bool{"(*encoding/json.Decoder).Decode": true, "encoding/json.Unmarshal": true}

// methodless: no named type in t's value graph has methods (so reflection
// can call no code of the program's).
func methodless(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if types.NewMethodSet(n).Len() > 0 || types.NewMethodSet(types.NewPointer(n)).Len() > 0 {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return true
	case *types.Pointer:
		return methodless(u.Elem(), seen)
	case *types.Slice:
		return methodless(u.Elem(), seen)
	case *types.Array:
		return methodless(u.Elem(), seen)
	case *types.Map:
		return methodless(u.Key(), seen) && methodless(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !methodless(u.Field(i).Type(), seen) {
				return false
			}
		}
		return true
	}
	return false
}

// errorSources are the calls whose error results are the library's own
// (their Error methods are not code of the program's): a local error
// defined only by them may be formatted (fmt.Errorf("...: %w", err)).
var errorSources = map[string]bool{
	"net/http.NewRequest": true, "net/http.NewRequestWithContext": true, "io.ReadAll": true,
}

// libraryError: e is a local error variable every definition of which is
// the error result of a catalogue API or of errorSources, or of a decoder
// filling a methodless value.
func (a *analysis) libraryError(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v := a.varOf(id)
	if v == nil || !types.Identical(v.Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	vi := a.vars[v]
	if vi == nil || vi.pkgLevel || vi.param != "" || vi.addr.IsValid() || vi.written.IsValid() || vi.rangeVar {
		return false
	}
	from := func(rhs ast.Expr) bool {
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok {
			return false
		}
		fn := a.callee(call)
		if fn == nil {
			return false
		}
		name := funcName(fn)
		if decoders[name] && len(call.Args) > 0 {
			t := a.info.TypeOf(call.Args[len(call.Args)-1])
			return t != nil && methodless(t, map[types.Type]bool{})
		}
		return a.cat.Lookup(name) != nil || errorSources[name]
	}
	switch {
	case vi.tuple:
		if !from(vi.tupleRHS) {
			return false
		}
	case vi.init != nil:
		if !from(vi.init) {
			return false
		}
	case vi.declFunc == nil:
		return false
	}
	for _, d := range vi.defs {
		switch {
		case d.tuple != nil:
			if !from(d.tuple) {
				return false
			}
		case d.rhs != nil:
			if !from(d.rhs) {
				return false
			}
		default:
			return false
		}
	}
	return true
}
