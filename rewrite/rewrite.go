package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/infer"
)

// Reason explains one change rewrite makes (or check wants made).
type Reason struct {
	Pos token.Position
	Msg string
}

// wrapperFuncs are the runtime's call-site wrappers.
var wrapperFuncs = map[string]bool{"FrFetch": true, "FrFetch1": true, "FrWarm": true, "FrWarm1": true, "FrHoist": true, "FrHoist1": true}

// wrapper is an existing fr.FrFetch/FrWarm call in the file.
type wrapper struct {
	call    *ast.CallExpr // fr.FrFetch(...)
	inner   *ast.CallExpr // the wrapped call
	frIdent *ast.Ident    // the package qualifier of the wrapper
	handled bool
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

type rewriter struct {
	plan   *codegen.Plan
	info   *types.Info
	file   *ast.File
	src    []byte
	tf     *token.File
	edits  []edit
	why    []Reason
	adds   []importAdd       // imports to add
	names  map[string]string // import path -> name to use in this file
	idents map[string]bool   // every identifier spelled in the file, plus package scope
	// unwrapping: some wrapper is being removed, which may leave imports
	// only it used.
	unwrapping bool
}

type importAdd struct{ name, path string }

// Result is the outcome of rewriting one file.
type Result struct {
	Src     []byte   // new source; the input itself when nothing changes
	Reasons []Reason // why each change is made, in source order
}

// File rewrites one file of plan's package: it wraps every applied entry's
// call, corrects wrappers whose names drifted, unwraps wrappers of calls that
// are no longer applied, and adds or removes the runtime import. It returns
// the new source (equal to src when nothing changes) and the reasons for
// each change. A file that was gofmt-clean stays gofmt-clean; in any other
// file only the edited text changes.
func File(plan *codegen.Plan, info *types.Info, file *ast.File, src []byte) (*Result, error) {
	r := &rewriter{plan: plan, info: info, file: file, src: src, tf: plan.Fset.File(file.Pos()), names: map[string]string{}, idents: map[string]bool{}}
	if r.tf == nil || r.tf.Size() != len(src) {
		return nil, fmt.Errorf("source of %s does not match its syntax tree", plan.Fset.PositionFor(file.Pos(), false).Filename)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			r.idents[id.Name] = true
		}
		return true
	})
	for _, name := range plan.Pkg.Scope().Names() {
		r.idents[name] = true
	}

	wrappers := r.findWrappers()
	byInner := map[token.Pos]*wrapper{}
	for _, w := range wrappers {
		byInner[w.inner.Pos()] = w
	}

	// Entries whose call is in this file, outermost first so that a call
	// nested inside another applied call is left alone.
	var entries []*codegen.Entry
	for _, e := range plan.Entries() {
		if e.Finding.Call != nil && r.contains(e.Finding.Call) {
			entries = append(entries, e)
		}
	}
	var applied [][2]token.Pos
	for _, e := range entries {
		f := e.Finding
		w := byInner[f.Call.Pos()]
		if w != nil {
			w.handled = true
		}
		if e.Index < 0 {
			if w != nil {
				r.unwrap(w, "stale wrapper: "+e.Skip)
			}
			continue
		}
		outer := f.Call.Pos()
		if w != nil {
			outer = w.call.Pos()
		}
		if slices.ContainsFunc(applied, func(rg [2]token.Pos) bool { return rg[0] <= outer && outer < rg[1] }) {
			continue // inside another wrapped call; its text is kept verbatim
		}
		if w != nil {
			applied = append(applied, [2]token.Pos{w.call.Pos(), w.call.End()})
		} else {
			applied = append(applied, [2]token.Pos{f.Call.Pos(), f.Call.End()})
		}
		if err := r.wrap(e, w); err != nil {
			return nil, err
		}
	}
	for _, w := range wrappers {
		if !w.handled && r.ours(w) {
			msg := "stale wrapper: the call is no longer a freshen opportunity"
			if rej := r.rejection(w.inner.Pos()); rej != "" {
				msg += " (" + rej + ")"
			}
			r.unwrap(w, msg)
		}
	}
	r.fixImports(wrappers)
	res := &Result{Src: src}
	if len(r.edits) > 0 {
		out, err := r.apply()
		if err != nil {
			return nil, err
		}
		res.Src = out
	}
	slices.SortStableFunc(r.why, func(a, b Reason) int { return a.Pos.Offset - b.Pos.Offset })
	res.Reasons = r.why
	return res, nil
}

func (r *rewriter) contains(n ast.Node) bool {
	return r.file.FileStart <= n.Pos() && n.End() <= r.file.FileEnd
}

func (r *rewriter) off(p token.Pos) int { return r.tf.Offset(p) }

func (r *rewriter) text(n ast.Node) string { return string(r.src[r.off(n.Pos()):r.off(n.End())]) }

// pos is where p is in the file on disk: //line directives are not
// followed, since edits and messages are about the real file.
func (r *rewriter) pos(p token.Pos) token.Position { return r.plan.Fset.PositionFor(p, false) }

// findWrappers lists every fr.FrFetch/FrFetch1/FrWarm/FrWarm1 call whose
// last argument is a closure returning exactly one call.
func (r *rewriter) findWrappers() []*wrapper {
	var out []*wrapper
	ast.Inspect(r.file, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || len(c.Args) != 4 {
			return true
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok || !wrapperFuncs[sel.Sel.Name] {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if pn, ok := r.info.Uses[id].(*types.PkgName); !ok || pn.Imported().Path() != codegen.FrPath {
			return true
		}
		lit, ok := c.Args[3].(*ast.FuncLit)
		if !ok || len(lit.Body.List) != 1 {
			return true
		}
		ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return true
		}
		inner, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		out = append(out, &wrapper{call: c, inner: inner, frIdent: id})
		return true
	})
	return out
}

// ours reports whether w names an fr_state declared by a generated file (or
// one that no longer exists), so hand-written wrappers around states of the
// user's own are never touched.
func (r *rewriter) ours(w *wrapper) bool {
	id, ok := w.call.Args[1].(*ast.Ident)
	if !ok {
		return false
	}
	obj := r.info.Uses[id]
	return obj == nil || codegen.IsGenFile(r.plan.Fset, obj.Pos())
}

func (r *rewriter) rejection(p token.Pos) string {
	for _, h := range r.plan.Handlers {
		for _, rej := range h.Handler.Rejections {
			if rej.Pos == p {
				return rej.Reason
			}
		}
	}
	return ""
}

func (r *rewriter) unwrap(w *wrapper, msg string) {
	r.unwrapping = true
	r.edits = append(r.edits, edit{r.off(w.call.Pos()), r.off(w.call.End()), r.unwrappedText(w)})
	r.why = append(r.why, Reason{r.pos(w.call.Pos()), msg})
}

// unwrappedText is the wrapped call as it was written: a hoist wrapper's
// closure parameter stands for the call's own context argument, which the
// wrapper passes as its first argument.
func (r *rewriter) unwrappedText(w *wrapper) string {
	p := closureParam(w)
	if p == nil || r.text(w.call.Args[0]) == p.Name {
		return r.text(w.inner)
	}
	obj := r.info.Defs[p]
	ctx := r.text(w.call.Args[0])
	var b strings.Builder
	last := r.off(w.inner.Pos())
	ast.Inspect(w.inner, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && obj != nil && r.info.Uses[id] == obj {
			b.Write(r.src[last:r.off(id.Pos())])
			b.WriteString(ctx)
			last = r.off(id.End())
		}
		return true
	})
	b.Write(r.src[last:r.off(w.inner.End())])
	return b.String()
}

// closureParam is the named parameter of a wrapper's closure (the build
// context of FrHoist), or nil.
func closureParam(w *wrapper) *ast.Ident {
	lit, ok := w.call.Args[3].(*ast.FuncLit)
	if !ok || lit.Type.Params == nil || len(lit.Type.Params.List) != 1 || len(lit.Type.Params.List[0].Names) != 1 {
		return nil
	}
	if p := lit.Type.Params.List[0].Names[0]; p.Name != "_" {
		return p
	}
	return nil
}

// wrap wraps e's call, or corrects its existing wrapper w.
func (r *rewriter) wrap(e *codegen.Entry, w *wrapper) error {
	f := e.Finding
	fn := "FrFetch"
	switch f.Kind {
	case infer.Warm:
		fn = "FrWarm"
	case infer.Hoist:
		fn = "FrHoist"
	}
	// The closure's parameters: a hoist's build gets its own context.
	params, callText := "", r.text(f.Call)
	var ctx string
	if f.Kind == infer.Hoist {
		var param string
		ctx, param, callText = r.hoistContext(f, w)
		params = r.importName("context", "context", f.Call.Pos()) + ".Context"
		if param != "" {
			params = param + " " + params
		}
	} else {
		ctx = r.ctxExpr(f, f.Call.Pos())
	}
	t, err := r.typeString(f.Results[0])
	if err != nil {
		return err
	}
	sig := "func(" + params + ") (" + t + ", error)"
	if e.Single() {
		fn += "1"
		sig = "func(" + params + ") " + t
	}
	frName := r.importName(codegen.FrPath, "fr", f.Call.Pos())
	head := fmt.Sprintf("%s.%s(%s, %s, %s, %s { return ", frName, fn, ctx, e.Handler.State, e.Const, sig)
	want := head + callText + " })"

	if w == nil {
		r.edits = append(r.edits, edit{r.off(f.Call.Pos()), r.off(f.Call.End()), want})
		r.why = append(r.why, Reason{r.pos(f.Call.Pos()), fmt.Sprintf("freshen opportunity not applied: %s (%s #%d of %s)", oneLine(f.Text), f.Kind, e.Index, e.Handler.Handler.Name)})
		return nil
	}
	// Compare ignoring layout: gofmt may have split the wrapper over lines.
	if squash(r.text(w.call)) == squash(want) {
		return nil
	}
	r.edits = append(r.edits, edit{r.off(w.call.Pos()), r.off(w.call.End()), want})
	r.why = append(r.why, Reason{r.pos(w.call.Pos()), "wrapper drifted: " + r.drift(w, fn, e)})
	return nil
}

// drift says what differs between an existing wrapper and the wanted one.
func (r *rewriter) drift(w *wrapper, fn string, e *codegen.Entry) string {
	var diffs []string
	if got := w.call.Fun.(*ast.SelectorExpr).Sel.Name; got != fn {
		diffs = append(diffs, fmt.Sprintf("calls %s, want %s", got, fn))
	}
	if got := r.text(w.call.Args[1]); got != e.Handler.State {
		diffs = append(diffs, fmt.Sprintf("state %s, want %s", got, e.Handler.State))
	}
	if got := r.text(w.call.Args[2]); got != e.Const {
		diffs = append(diffs, fmt.Sprintf("index %s, want %s", got, e.Const))
	}
	if len(diffs) == 0 {
		diffs = append(diffs, "context or result types differ from the call's")
	}
	return strings.Join(diffs, "; ")
}

// ctxExpr is the context the wrapper passes to the runtime: the call's own
// context argument, else a context.Context parameter in scope, else
// r.Context() of an *http.Request parameter r, else context.Background().
func (r *rewriter) ctxExpr(f *infer.Finding, at token.Pos) string {
	if f.CtxArg != nil && r.contains(f.CtxArg) && simpleCtx(f.CtxArg) {
		return r.text(f.CtxArg)
	}
	path, _ := astutil.PathEnclosingInterval(r.file, at, at)
	for _, n := range path {
		var ft *ast.FuncType
		switch n := n.(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		default:
			continue
		}
		var reqName string
		for _, field := range ft.Params.List {
			for _, name := range field.Names {
				obj := r.info.Defs[name]
				if obj == nil || name.Name == "_" || !r.visible(name.Name, obj, at) {
					continue
				}
				if isNamed(obj.Type(), "context", "Context") {
					return name.Name
				}
				if p, ok := obj.Type().(*types.Pointer); ok && isNamed(p.Elem(), "net/http", "Request") && reqName == "" {
					reqName = name.Name
				}
			}
		}
		if reqName != "" {
			return reqName + ".Context()"
		}
	}
	return r.importName("context", "context", at) + ".Background()"
}

// hoistContext decides how a hoist wrapper hands the build its context:
// the wrapper's context (bounding the wait), the closure's parameter name
// ("" for none) and the call's text inside the closure. The call's own
// context argument becomes the parameter, so the runtime-scoped value never
// keeps a context that ends with one invocation: a variable is shadowed by
// a parameter of the same name (the call's text is unchanged), r.Context()
// and the like give way to a parameter, and context.Background() or TODO(),
// which never end, stay.
func (r *rewriter) hoistContext(f *infer.Finding, w *wrapper) (ctx, param, call string) {
	call = r.text(f.Call)
	arg := f.CtxArg
	if arg == nil || !r.contains(arg) {
		return r.ctxExpr(f, f.Call.Pos()), "", call
	}
	arg = ast.Unparen(arg)
	if w != nil {
		// Wrapped already: the call's context is the closure's parameter.
		if p := closureParam(w); p != nil {
			if id, ok := arg.(*ast.Ident); ok && r.info.Uses[id] != nil && r.info.Uses[id] == r.info.Defs[p] {
				return r.text(w.call.Args[0]), p.Name, call
			}
		}
	}
	if background(r.info, arg) {
		return r.ctxExpr(&infer.Finding{}, f.Call.Pos()), "", call
	}
	if id, ok := arg.(*ast.Ident); ok {
		return id.Name, id.Name, call
	}
	param = "ctx"
	for i := 2; usesName(f.Call, param); i++ {
		param = "ctx" + strconv.Itoa(i)
	}
	start, end := r.off(arg.Pos())-r.off(f.Call.Pos()), r.off(arg.End())-r.off(f.Call.Pos())
	return r.text(arg), param, call[:start] + param + call[end:]
}

// background reports whether e is context.Background() or context.TODO().
func background(info *types.Info, e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(c.Args) != 0 {
		return false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	pn, ok := info.Uses[id].(*types.PkgName)
	return ok && pn.Imported().Path() == "context" && (sel.Sel.Name == "Background" || sel.Sel.Name == "TODO")
}

// usesName reports whether an identifier spelled name occurs in n.
func usesName(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(x ast.Node) bool {
		if id, ok := x.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// simpleCtx accepts context arguments that are cheap and side-effect free to
// evaluate twice: ctx, s.ctx, r.Context().
func simpleCtx(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return simpleCtx(e.X)
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		return ok && len(e.Args) == 0 && sel.Sel.Name == "Context" && simpleCtx(sel.X)
	}
	return false
}

// visible reports whether name at pos resolves to obj.
func (r *rewriter) visible(name string, obj types.Object, at token.Pos) bool {
	s := r.plan.Pkg.Scope().Innermost(at)
	if s == nil {
		return false
	}
	_, found := s.LookupParent(name, at)
	return found == obj
}

func isNamed(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkgPath && n.Obj().Name() == name
}

// typeString spells t in this file, importing the packages it needs.
func (r *rewriter) typeString(t types.Type) (string, error) {
	if err := codegen.Spellable(t, r.plan.Pkg); err != nil {
		return "", err
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p == r.plan.Pkg {
			return ""
		}
		return r.importName(p.Path(), p.Name(), token.NoPos)
	}), nil
}

// importName returns the name under which this file refers to pkgPath,
// adding an import when the file has none usable. An existing import is
// usable when its name is not redeclared anywhere in the file or package
// (so it cannot be shadowed at the call site); a new import gets a name
// spelled nowhere in the file or package.
func (r *rewriter) importName(pkgPath, pkgName string, _ token.Pos) string {
	if n, ok := r.names[pkgPath]; ok {
		return n
	}
	for _, spec := range r.file.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != pkgPath {
			continue
		}
		var pn *types.PkgName
		if spec.Name != nil {
			pn, _ = r.info.Defs[spec.Name].(*types.PkgName)
		} else {
			pn, _ = r.info.Implicits[spec].(*types.PkgName)
		}
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		if r.unshadowed(pn) {
			r.names[pkgPath] = pn.Name()
			return pn.Name()
		}
	}
	name := pkgName
	if name == "" {
		name = path.Base(pkgPath)
	}
	for i := 2; r.idents[name] || token.IsKeyword(name) || types.Universe.Lookup(name) != nil; i++ {
		name = pkgName + strconv.Itoa(i)
	}
	r.idents[name] = true
	r.names[pkgPath] = name
	r.adds = append(r.adds, importAdd{name, pkgPath})
	return name
}

// unshadowed reports whether no declaration in the file or package reuses
// pn's name.
func (r *rewriter) unshadowed(pn *types.PkgName) bool {
	if r.plan.Pkg.Scope().Lookup(pn.Name()) != nil {
		return false
	}
	ok := true
	ast.Inspect(r.file, func(n ast.Node) bool {
		if id, isID := n.(*ast.Ident); isID && id.Name == pn.Name() {
			if obj := r.info.Defs[id]; obj != nil && obj != pn {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
}

// fixImports queues the import additions, and removes the runtime import
// when the rewrite leaves nothing in the file that uses it.
func (r *rewriter) fixImports(wrappers []*wrapper) {
	var block *ast.GenDecl
	for _, d := range r.file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT && g.Lparen.IsValid() && len(g.Specs) > 0 {
			block = g
		}
	}
	if block != nil {
		for _, a := range r.adds {
			r.addImport(block, a)
		}
	} else if len(r.adds) > 0 {
		adds := slices.Clone(r.adds)
		slices.SortFunc(adds, func(a, b importAdd) int { return strings.Compare(a.path, b.path) })
		r.addImportDecl(adds)
	}
	if _, adding := r.names[codegen.FrPath]; adding && slices.ContainsFunc(r.adds, func(a importAdd) bool { return a.path == codegen.FrPath }) {
		return
	}
	var removing []*ast.ImportSpec
	for _, spec := range r.file.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		var pn *types.PkgName
		if spec.Name != nil {
			pn, _ = r.info.Defs[spec.Name].(*types.PkgName)
		} else {
			pn, _ = r.info.Implicits[spec].(*types.PkgName)
		}
		if pn == nil || pn.Name() == "_" || pn.Name() == "." {
			continue
		}
		// Besides the runtime, an import only unwrapped wrappers used
		// (context for a hoist's build parameter, a result type's
		// package) would be left unused.
		if p != codegen.FrPath && (!r.unwrapping || r.uses(pn) == 0) {
			continue
		}
		if r.usesLeft(pn) == 0 {
			removing = append(removing, spec)
		}
	}
	for _, spec := range removing {
		r.removeImport(spec, removing)
	}
}

// uses counts the references to pn in the file as it is.
func (r *rewriter) uses(pn *types.PkgName) int {
	n := 0
	ast.Inspect(r.file, func(node ast.Node) bool {
		if id, ok := node.(*ast.Ident); ok && r.info.Uses[id] == pn {
			n++
		}
		return true
	})
	return n
}

// usesLeft counts references to pn that survive the queued edits.
func (r *rewriter) usesLeft(pn *types.PkgName) int {
	n := 0
	ast.Inspect(r.file, func(node ast.Node) bool {
		id, ok := node.(*ast.Ident)
		if !ok || r.info.Uses[id] != pn {
			return true
		}
		o := r.off(id.Pos())
		for _, e := range r.edits {
			if e.start <= o && o < e.end && !strings.Contains(e.text, pn.Name()+".") {
				return true // removed by an unwrap
			}
		}
		n++
		return true
	})
	return n
}

func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

func importLine(a importAdd) string {
	if a.name == path.Base(a.path) {
		return strconv.Quote(a.path)
	}
	return a.name + " " + strconv.Quote(a.path)
}

// addImportDecl adds one import declaration after the last import (or the
// package clause) for a file without a parenthesised import block.
func (r *rewriter) addImportDecl(adds []importAdd) {
	var at int
	if len(r.file.Imports) > 0 {
		at = r.lineEnd(r.off(r.file.Imports[len(r.file.Imports)-1].End()))
	} else {
		at = r.lineEnd(r.off(r.file.Name.End()))
	}
	var b strings.Builder
	if len(adds) == 1 {
		b.WriteString("\n\nimport " + importLine(adds[0]))
	} else {
		b.WriteString("\n\nimport (")
		for _, a := range adds {
			b.WriteString("\n\t" + importLine(a))
		}
		b.WriteString("\n)")
	}
	r.edits = append(r.edits, edit{at, at, b.String()})
}

// addImport inserts an import into block: standard-library paths into the
// first group, others into the last group when it holds non-standard paths,
// or a new group.
func (r *rewriter) addImport(block *ast.GenDecl, a importAdd) {
	line := importLine(a)
	specs := block.Specs
	// groups: runs of specs without blank lines between them
	var groups [][]ast.Spec
	for i, s := range specs {
		if i == 0 || r.pos(s.Pos()).Line > r.pos(specs[i-1].End()).Line+1 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], s)
	}
	specPath := func(s ast.Spec) string { p, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value); return p }
	var target []ast.Spec
	newGroup := false
	if isStd(a.path) {
		if isStd(specPath(groups[0][0])) {
			target = groups[0]
		} else {
			// insert a std group before everything
			r.before(groups[0][0], line, "\n\n")
			return
		}
	} else {
		last := groups[len(groups)-1]
		if !isStd(specPath(last[len(last)-1])) {
			target = last
		} else {
			target, newGroup = last, true
		}
	}
	if newGroup {
		r.after(target[len(target)-1], line, "\n\n")
		return
	}
	// keep the group sorted by path
	for _, s := range target {
		if specPath(s) > a.path {
			r.before(s, line, "\n")
			return
		}
	}
	r.after(target[len(target)-1], line, "\n")
}

// before inserts an import line before spec s, on a line of its own when s
// starts its line.
func (r *rewriter) before(s ast.Spec, line, sep string) {
	at := r.off(s.Pos())
	if ls := r.lineStart(at); len(bytes.TrimSpace(r.src[ls:at])) == 0 {
		r.edits = append(r.edits, edit{ls, ls, "\t" + line + sep})
		return
	}
	r.edits = append(r.edits, edit{at, at, line + "; "})
}

// after inserts an import line after spec s: past the end of its line when
// only a comment follows it there, else right after it.
func (r *rewriter) after(s ast.Spec, line, sep string) {
	at := r.off(s.End())
	le := r.lineEnd(at)
	if rest := bytes.TrimSpace(r.src[at:le]); len(rest) == 0 || bytes.HasPrefix(rest, []byte("//")) {
		r.edits = append(r.edits, edit{le, le, sep + "\t" + line})
		return
	}
	r.edits = append(r.edits, edit{at, at, "; " + line})
}

func (r *rewriter) lineStart(o int) int {
	for o > 0 && r.src[o-1] != '\n' {
		o--
	}
	return o
}

// lineEnd is the offset of the line ending (\n, or the \r of \r\n) of
// the line holding o.
func (r *rewriter) lineEnd(o int) int {
	if nl := bytes.IndexByte(r.src[o:], '\n'); nl >= 0 {
		if o+nl > 0 && r.src[o+nl-1] == '\r' {
			return o + nl - 1
		}
		return o + nl
	}
	return len(r.src)
}

// nextLine is the offset just past the line ending of the line holding o.
func (r *rewriter) nextLine(o int) int {
	if nl := bytes.IndexByte(r.src[o:], '\n'); nl >= 0 {
		return o + nl + 1
	}
	return len(r.src)
}

// removeImport deletes spec, or its whole declaration when every spec of
// it is removing.
func (r *rewriter) removeImport(spec *ast.ImportSpec, removing []*ast.ImportSpec) {
	for _, d := range r.file.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT || !slices.Contains(g.Specs, ast.Spec(spec)) {
			continue
		}
		all := !slices.ContainsFunc(g.Specs, func(s ast.Spec) bool { return !slices.Contains(removing, s.(*ast.ImportSpec)) })
		switch {
		case all && g.Specs[0] != ast.Spec(spec):
			// The whole declaration goes, with its first spec.
		case all:
			r.edits = append(r.edits, edit{r.lineStart(r.off(g.Pos())), r.nextLine(r.off(g.End())), ""})
		default:
			r.edits = append(r.edits, edit{r.lineStart(r.off(spec.Pos())), r.nextLine(r.off(spec.End())), ""})
		}
		msg := "runtime import no longer used"
		if p, _ := strconv.Unquote(spec.Path.Value); p != codegen.FrPath {
			msg = "import " + strconv.Quote(p) + " no longer used once the wrappers are gone"
		}
		r.why = append(r.why, Reason{r.pos(spec.Pos()), msg})
		return
	}
}

// usesCRLF reports whether most of src's lines end in \r\n.
func usesCRLF(src []byte) bool {
	crlf := bytes.Count(src, []byte("\r\n"))
	return crlf > 0 && 2*crlf >= bytes.Count(src, []byte("\n"))
}

// apply performs the edits, then formats: the whole file when it was
// gofmt-clean before (gofmt then only changes what the edits introduced).
func (r *rewriter) apply() ([]byte, error) {
	edits := slices.Clone(r.edits)
	slices.SortStableFunc(edits, func(a, b edit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	// New lines take the file's line ending, so a CRLF file stays CRLF.
	crlf := usesCRLF(r.src)
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last {
			return nil, fmt.Errorf("%s: overlapping edits at offset %d", r.tf.Name(), e.start)
		}
		out.Write(r.src[last:e.start])
		text := e.text
		if crlf {
			text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
		}
		out.WriteString(text)
		last = e.end
	}
	out.Write(r.src[last:])
	res := out.Bytes()
	// gofmt writes \n; a CRLF file is judged and formatted with \n, then
	// given its \r\n back.
	src := r.src
	if crlf {
		src, res = toLF(src), toLF(res)
	}
	if formatted, err := format.Source(src); err == nil && bytes.Equal(formatted, src) {
		res, err = format.Source(res)
		if err != nil {
			return nil, fmt.Errorf("%s: rewritten file does not parse: %w", r.tf.Name(), err)
		}
	} else if _, err := parser.ParseFile(token.NewFileSet(), r.tf.Name(), res, parser.SkipObjectResolution); err != nil {
		return nil, fmt.Errorf("%s: rewritten file does not parse: %w", r.tf.Name(), err)
	}
	if crlf {
		res = bytes.ReplaceAll(res, []byte("\n"), []byte("\r\n"))
	}
	return res, nil
}

func toLF(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }
