package infer

import (
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// summarizeHelpers finds the package's fetch helpers: plain functions whose
// only I/O is one catalogue fetch (or fetch-helper call) whose operands are
// freshen-constant once the function's parameters are. Calling such a
// helper with constant arguments is itself a fetch.
func (a *analysis) summarizeHelpers() {
	var fns []*types.Func
	for fn := range a.decls {
		fns = append(fns, fn)
	}
	sortByPos(fns, func(f *types.Func) int { return int(f.Pos()) })
	for _, fn := range fns {
		a.helperOf(fn)
	}
}

func (a *analysis) helperOf(fn *types.Func) *HelperSummary {
	if h, ok := a.helpers[fn]; ok {
		return h
	}
	if a.helperIP[fn] {
		return nil // recursion: not a helper
	}
	a.helperIP[fn] = true
	h := a.summarize(fn)
	a.helperIP[fn] = false
	if h != nil {
		a.helpers[fn] = h
	}
	return h
}

func (a *analysis) summarize(fn *types.Func) *HelperSummary {
	decl := a.decls[fn]
	if decl == nil || decl.Body == nil || decl.Type.TypeParams != nil || !a.userFile(decl.Pos()) {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	if sig.Variadic() || (sig.Results().Len() != 1 && !(sig.Results().Len() == 2 && isError(sig.Results().At(1).Type()))) {
		return nil
	}
	// A fetch helper is moved into the freshen function, so everything it
	// does must be harmless there; a warm helper is not (the hook only
	// warms its endpoint, the call runs as written), so only its endpoint
	// must be constant. fetchOK tracks the stricter conditions.
	fetchOK := true
	// Parameters: values (a pointer, slice or map parameter could be
	// written by the helper: a side effect freshen would move), clients
	// judged at each call like receivers, plus at most one context. A
	// method's receiver is a client too. Other parameters are not
	// constant: a warm helper's endpoint must not depend on them.
	sym := map[*types.Var]bool{}
	ctxParam := -1
	var ctxVar *types.Var
	var clients []int
	for i := 0; i < sig.Params().Len(); i++ {
		p := sig.Params().At(i)
		if isContext(p.Type()) {
			if ctxParam >= 0 {
				return nil
			}
			ctxParam, ctxVar = i, p
			continue
		}
		switch {
		case valueType(p.Type()):
		case policyOf(p.Type()) != nil:
			clients = append(clients, i)
		default:
			fetchOK = false
			continue
		}
		sym[p] = true
	}
	if r := sig.Recv(); r != nil {
		if !a.ownNamed(r.Type()) {
			return nil
		}
		sym[r] = true
	}
	en := &env{symbolic: sym}

	var io []*ast.CallExpr
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !a.stmtEffectFree(n) {
			ok = false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			callee := a.callee(n)
			if callee != nil && (a.cat.Lookup(funcName(callee)) != nil || a.helperFor(callee) != nil) {
				io = append(io, n)
				return true
			}
			if ok && !a.helperCallOK(n, callee) {
				ok = false
			}
		}
		return true
	})
	// Package state read by the helper, or by what it calls, must be
	// constant too, or the early result could differ from the in-handler
	// one. (The fetch's own operands are checked by classify too.)
	refusal := a.helperStateRead(fn, map[*types.Func]bool{})
	fetchOK = fetchOK && ok && refusal == nil
	if len(io) != 1 {
		return nil
	}
	call := io[0]
	if refusal != nil {
		refusal.fn, refusal.call = fn, call
		a.helperWhy[call.Pos()] = refusal
	}
	callee := a.callee(call)
	s := &site{call: call}
	if e := a.cat.Lookup(funcName(callee)); e != nil {
		s.entry = e
		if e.Ctx >= 0 && e.Ctx < len(call.Args) && !a.ctxOK(call.Args[e.Ctx], ctxVar) {
			return nil
		}
	} else {
		s.helper, s.helperFn = a.helperFor(callee), callee
		if s.helper.Warm != nil {
			return nil // a warm helper calling a warm helper: not followed
		}
		if c := s.helper.CtxParam; c >= 0 && !a.ctxOK(call.Args[c], ctxVar) {
			return nil
		}
	}
	outer := a.paramMark
	a.paramMark = a.paramIndex(decl)
	f, _ := a.classify(s, en)
	if f != nil && f.Kind == Fetch && !fetchOK && s.entry != nil && s.entry.Warm != "" {
		// Not movable as a whole, but its endpoint may still be warmed.
		s.noFetch = "not a fetch helper"
		if refusal != nil {
			s.noFetch, s.noFetchPos = "not a fetch helper: "+refusal.why, refusal.pos
		}
		f, _ = a.classify(s, en)
	}
	a.paramMark = outer
	if f != nil && f.Kind == Warm && s.entry != nil && sig.Recv() == nil {
		form := a.warmForm(f)
		if form == nil {
			return nil
		}
		return &HelperSummary{Func: funcName(fn), API: f.API, CtxParam: ctxParam, ClientParams: clients, Warm: form}
	}
	if f == nil || f.Kind != Fetch || !fetchOK {
		return nil
	}
	api := f.API
	return &HelperSummary{Func: funcName(fn), API: api, CtxParam: ctxParam, Reads: a.helperReads(s, decl),
		ClientParams: clients, Method: sig.Recv() != nil}
}

// warmForm turns the warm of a helper's call, judged with the helper's
// parameters marked (they print as _N, or _pN where the warm needs their
// origin prefix), into a form callers can instantiate. Identifiers of this
// package are qualified so importers can use the form; unexported ones
// make it local to this package.
func (a *analysis) warmForm(f *Finding) *WarmForm {
	form := &WarmForm{Func: f.WarmFunc, Imports: map[string]string{}}
	for id, path := range f.PkgRefs {
		if old, dup := form.Imports[id.Name]; dup && old != path {
			return nil
		}
		form.Imports[id.Name] = path
	}
	for _, arg := range f.WarmArgs {
		var bad bool
		arg = astutil.Apply(arg, func(c *astutil.Cursor) bool {
			id, ok := c.Node().(*ast.Ident)
			if !ok {
				return true
			}
			if _, isKey := c.Parent().(*ast.KeyValueExpr); isKey && c.Name() == "Key" {
				return true // a struct field name
			}
			if sel, isSel := c.Parent().(*ast.SelectorExpr); isSel && c.Name() == "Sel" {
				_ = sel
				return true
			}
			if _, pkgRef := f.PkgRefs[id]; pkgRef || strings.HasPrefix(id.Name, "_") || types.Universe.Lookup(id.Name) != nil {
				return true
			}
			obj := a.pkg.Scope().Lookup(id.Name)
			switch {
			case obj == nil:
				bad = true
			case !obj.Exported():
				form.Local = true
			default:
				if old, dup := form.Imports[a.pkg.Name()]; dup && old != a.pkg.Path() {
					bad = true
				}
				form.Imports[a.pkg.Name()] = a.pkg.Path()
				c.Replace(&ast.SelectorExpr{X: ast.NewIdent(a.pkg.Name()), Sel: ast.NewIdent(id.Name)})
			}
			return true
		}, nil).(ast.Expr)
		if bad {
			return nil
		}
		var b strings.Builder
		if err := printer.Fprint(&b, token.NewFileSet(), arg); err != nil {
			return nil
		}
		form.Args = append(form.Args, b.String())
	}
	return form
}

// warmEntry is the catalogue entry a warm helper stands for.
func (a *analysis) warmEntry(h *HelperSummary) *Entry {
	if e, ok := a.warmEntries[h]; ok {
		return e
	}
	e := &Entry{ID: h.API, Kind: Warm, Ctx: h.CtxParam, Warm: h.Warm.Func, WarmArgs: h.Warm.Args, Imports: h.Warm.Imports, clientArgs: h.ClientParams}
	if e.Ctx < 0 {
		e.Ctx = -1
	}
	if err := e.compile(); err != nil {
		e = nil
	}
	a.warmEntries[h] = e
	return e
}

// ownNamed: t is a named type of this package, or a pointer to one.
func (a *analysis) ownNamed(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() == a.pkg
}

// helperReads is what the helper's fetch reads, as a template over the
// helper's parameters where its key is built from one.
func (a *analysis) helperReads(s *site, decl *ast.FuncDecl) Write {
	params := a.paramIndex(decl)
	if s.helper != nil {
		// A helper calling a helper: compose the inner template with
		// the argument expression.
		w := s.helper.Reads
		if w.KeyParam < 0 || w.KeyParam >= len(s.call.Args) {
			return w
		}
		outer := a.tmplParams
		a.tmplParams = params
		t := a.keyTemplate(s.call.Args[w.KeyParam])
		a.tmplParams = outer
		if t == nil {
			return Write{Kind: w.Kind, KeyParam: -1}
		}
		return Write{Kind: w.Kind, KeyParam: t.param, KeyPrefix: w.KeyPrefix + t.prefix, KeySuffix: t.suffix + w.KeySuffix}
	}
	fn := a.callee(s.call)
	if fn == nil {
		return Write{KeyParam: -1}
	}
	outer := a.tmplParams
	a.tmplParams = params
	r, _ := a.resourceOf(s.call, fn)
	a.tmplParams = outer
	if r == nil {
		return Write{KeyParam: -1}
	}
	return r.export()
}

// helperSafe are calls a fetch helper may make besides its fetch: they
// change nothing outside the helper's own locals (the functions that
// write into an argument are checked to write into a local). An
// allow-list: a helper calling anything else is not a helper, because
// moving it into the freshen function would move that call too.
var helperSafe = map[string]bool{
	"io.ReadAll": true, "(io.Closer).Close": true, "(io.Reader).Read": true,
	"encoding/json.NewDecoder": true, "(*encoding/json.Decoder).Decode": true, "encoding/json.Unmarshal": true,
	"errors.Is": true, "errors.As": true, "errors.Join": true,
	"context.WithTimeout": true, "context.WithCancel": true, "context.WithDeadline": true,
	"strings.NewReader": true, "bytes.NewReader": true, "bytes.NewBuffer": true,
	"(*bytes.Buffer).ReadFrom": true, "(*bytes.Buffer).Bytes": true, "(*bytes.Buffer).String": true,
	"(*database/sql.Rows).Next": true, "(*database/sql.Rows).Scan": true, "(*database/sql.Rows).Close": true,
	"(*database/sql.Rows).Err": true, "(*database/sql.Row).Scan": true, "(*database/sql.Row).Err": true,
	"(*cloud.google.com/go/storage.Reader).Close": true, "(*cloud.google.com/go/storage.Reader).Read": true,
	"(net/http.Header).Get": true,
}

// writesArgs are the helperSafe functions that write into an argument;
// it must be the helper's own local.
var writesArgs = map[string]bool{
	"(*encoding/json.Decoder).Decode": true, "encoding/json.Unmarshal": true, "(io.Reader).Read": true,
	"(*database/sql.Rows).Scan": true, "(*database/sql.Row).Scan": true, "(*bytes.Buffer).ReadFrom": true,
	"(*cloud.google.com/go/storage.Reader).Read": true, "errors.As": true,
}

// redisResults are the methods that read a go-redis command's result.
var redisResults = map[string]bool{"Result": true, "Val": true, "Err": true, "Bytes": true, "Int": true, "Int64": true,
	"Uint64": true, "Float64": true, "Bool": true, "Text": true, "Slice": true, "StringSlice": true}

// helperCallOK: a call a fetch helper may make besides its fetch.
func (a *analysis) helperCallOK(call *ast.CallExpr, callee *types.Func) bool {
	if callee == nil {
		if !a.conversionOrBuiltin(call) {
			return false // a function value could do anything
		}
		// Builtins that write (delete, clear, copy, close, append) must
		// write the helper's own memory.
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := a.info.Uses[id].(*types.Builtin); ok {
				switch b.Name() {
				case "delete", "clear", "copy", "close", "append":
					return len(call.Args) > 0 && a.helperLocal(call.Args[0])
				}
			}
		}
		return true
	}
	name := funcName(callee)
	if _, bad := nondeterministic[name]; bad {
		return false
	}
	if _, w := frWrappers[name]; w {
		return false
	}
	if callee.Pkg() == a.pkg {
		// This package's code: allowed when it has no effects either.
		return !a.doesIO(callee.Origin(), map[*types.Func]bool{}) && a.effectFree(callee.Origin(), map[*types.Func]bool{})
	}
	if a.cat.Pure(name) {
		// Under the conditions operands meet: function arguments name
		// pure functions, formatted values are inert.
		return a.pureCall(call, name) == nil
	}
	if r, ok := readers[name]; ok && r.skip == 0 {
		return a.reflectiveOperands(call, name) == nil
	}
	if helperSafe[name] {
		if writesArgs[name] {
			for _, arg := range call.Args {
				if t := a.info.TypeOf(arg); t != nil && hasRefs(t) && !a.helperLocal(arg) && !isReaderArg(t) {
					return false
				}
			}
		}
		return true
	}
	if callee.Pkg() != nil && callee.Pkg().Path() == redisPkg && redisResults[callee.Name()] {
		return true
	}
	return false
}

// isReaderArg: an io.Reader, context or byte slice argument is read, not
// written.
func isReaderArg(t types.Type) bool {
	s := types.TypeString(t, nil)
	return s == "io.Reader" || s == "io.ReadCloser" || s == "context.Context" || s == "[]byte"
}

// helperLocal: the expression's memory is a local of the function (not a
// package variable, not reached through a parameter).
func (a *analysis) helperLocal(e ast.Expr) bool {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	v := a.root(e)
	if v == nil {
		return false
	}
	vi := a.vars[v]
	return vi != nil && !vi.pkgLevel && vi.param == ""
}

// effectFree: a package function whose calls are all helper-safe and which
// writes no package state (checked with the same allow-list, recursively).
func (a *analysis) effectFree(fn *types.Func, seen map[*types.Func]bool) bool {
	if seen[fn] {
		return true
	}
	seen[fn] = true
	decl := a.decls[fn]
	if decl == nil || decl.Body == nil {
		return false
	}
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if !a.stmtEffectFree(n) {
			ok = false
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			callee := a.callee(n)
			if callee != nil && callee.Pkg() == a.pkg {
				ok = a.effectFree(callee.Origin(), seen)
			} else {
				ok = a.helperCallOK(n, callee)
			}
		}
		return ok
	})
	return ok
}

// stmtEffectFree: a statement of a helper that changes nothing outside it:
// not a goroutine, not a send on a shared channel, not a write of package
// state (or through a pointer that may reach it).
func (a *analysis) stmtEffectFree(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.GoStmt:
		return false
	case *ast.SendStmt:
		// A send is seen by whoever receives.
		return a.helperLocal(n.Chan)
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if a.writesPackageState(l) {
				return false
			}
		}
	case *ast.IncDecStmt:
		return !a.writesPackageState(n.X)
	}
	return true
}

// ctxOK: the inner call's context is the helper's context parameter or a
// background context, so freshen's context can take its place.
func (a *analysis) ctxOK(e ast.Expr, ctxVar *types.Var) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok && ctxVar != nil {
		return a.info.Uses[id] == ctxVar
	}
	if c, ok := e.(*ast.CallExpr); ok {
		if fn := a.callee(c); fn != nil {
			n := funcName(fn)
			return n == "context.Background" || n == "context.TODO"
		}
	}
	return false
}

func (a *analysis) writesPackageState(lhs ast.Expr) bool {
	if v := a.root(lhs); v != nil {
		if vi := a.vars[v]; vi != nil && vi.pkgLevel {
			return true
		}
	}
	// Writes through pointers may reach package state.
	switch ast.Unparen(lhs).(type) {
	case *ast.Ident:
		return false
	}
	if v := a.root(lhs); v != nil && a.vars[v] != nil && a.vars[v].declFunc != nil && !isRef(v.Type()) {
		return false
	}
	return true
}

// doesIO reports whether fn (same package) may perform I/O the catalogue
// knows, write package state or start goroutines, directly or through
// same-package calls.
func (a *analysis) doesIO(fn *types.Func, seen map[*types.Func]bool) bool {
	if r, ok := a.hasIO[fn]; ok {
		return r
	}
	if seen[fn] {
		return false
	}
	seen[fn] = true
	decl := a.decls[fn]
	if decl == nil || decl.Body == nil {
		return false
	}
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		// Writing package state is an effect freshen must not move
		// either.
		switch st := n.(type) {
		case *ast.AssignStmt:
			for _, l := range st.Lhs {
				if a.writesPackageState(l) {
					found = true
				}
			}
		case *ast.IncDecStmt:
			found = found || a.writesPackageState(st.X)
		case *ast.GoStmt:
			found = true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		callee := a.callee(call)
		if callee == nil {
			// A call through a catalogue function or method value is I/O
			// whether or not it could be freshened.
			found = found || a.bound(call) != nil
			return true
		}
		name := funcName(callee)
		if a.cat.Lookup(name) != nil || a.imported(callee) != nil {
			found = true
		} else if _, w := frWrappers[name]; w {
			found = true
		} else if callee.Pkg() == a.pkg && a.doesIO(callee.Origin(), seen) {
			found = true
		}
		return true
	})
	a.hasIO[fn] = found
	return found
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// valueType: copying the value shares no state (basic types, and arrays
// and structs of them).
func valueType(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer
	case *types.Array:
		return valueType(u.Elem())
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !valueType(u.Field(i).Type()) {
				return false
			}
		}
		return true
	}
	return false
}

func (a *analysis) conversionOrBuiltin(call *ast.CallExpr) bool {
	if tv, ok := a.info.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		_, b := a.info.Uses[id].(*types.Builtin)
		return b
	}
	return false
}
