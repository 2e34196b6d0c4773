package infer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// site is an I/O call reachable from a handler.
type site struct {
	call  *ast.CallExpr
	entry *Entry
	// helper is set for calls to fetch helpers (entry is then nil).
	helper   *HelperSummary
	helperFn *types.Func
	// bound is set for calls through a function or method value variable.
	bound *boundCall
	// hoist is set for calls of hoistable constructors (entry is nil).
	hoist *hoistable
	skip  string // "in a defer statement", ...

	wrapper   *ast.CallExpr // fr.FrFetch/FrWarm around the call
	wrapKind  Kind
	wrapIndex int

	// noFetch says why the call must not run early even if its
	// operands are constant (the handler writes what it reads).
	noFetch    string
	noFetchPos token.Pos
}

// frWrappers maps the fr wrapper FullNames to the kind they apply.
var frWrappers = map[string]Kind{
	FrPath + ".FrFetch":  Fetch,
	FrPath + ".FrFetch1": Fetch,
	FrPath + ".FrWarm":   Warm,
	FrPath + ".FrWarm1":  Warm,
	FrPath + ".FrHoist":  Hoist,
	FrPath + ".FrHoist1": Hoist,
}

func (a *analysis) inferHandlers() {
	owners := map[*ast.CallExpr][]*Finding{}
	// Every handler's sites first: a constructor reached from several
	// handlers cannot be hoisted (one call site, one wrapper), and the
	// calls that use its value must know that when they are judged.
	reached := make([][]*site, len(a.res.Handlers))
	sitesOf := map[*ast.CallExpr]int{}
	for i, h := range a.res.Handlers {
		reached[i] = a.reach(h.Decl)
		for _, s := range reached[i] {
			sitesOf[s.call]++
		}
	}
	for hi, h := range a.res.Handlers {
		sites := reached[hi]
		// The handler's own writes first (their message is the most
		// precise), then everything else the program may write.
		writes := append(a.handlerWrites(h.Decl), a.programWrites()...)
		// The handler's applied hoists, filled in source order: a local
		// defined by one holds the same value in every invocation.
		en := &env{hoists: newHoistTable()}
		en.hoists.setenv, en.hoists.setenvFn = a.envWrite(h.Decl)
		// Sites judged so far, and those that became findings: a
		// constructor nested in a call that will be wrapped cannot be.
		judged, found := map[*site]bool{}, map[*site]bool{}
		mayWrap := func(o *site) bool { return !judged[o] || found[o] }
		en.hoists.passThrough = func(c *ast.CallExpr) bool {
			fn := a.callee(c)
			return fn != nil && hoistPassThrough[funcName(fn)]
		}
		for _, s := range sites {
			if s.helper != nil || (s.entry != nil && s.entry.Kind == Fetch) {
				s.noFetch, s.noFetchPos = a.writeBlocker(s, writes)
			}
			if s.hoist != nil && s.skip == "" && nestedIn(s, sites, mayWrap) {
				s.skip = "call is nested in another freshen call"
			}
			f, rej := a.classify(s, en)
			judged[s], found[s] = true, rej == nil
			if rej != nil {
				rej.Handler = h.Name
				h.Rejections = append(h.Rejections, rej)
				if s.wrapper != nil {
					msg := fmt.Sprintf("%s wraps %s, which is no longer freshen-constant: %s; it could serve stale or another request's data",
						wrapperName(s.wrapKind), oneLine(rej.Text, 60), rej.Explain(a.fset))
					if s.wrapKind == Hoist {
						msg = fmt.Sprintf("%s wraps %s, which can no longer be shared between invocations: %s; every invocation would get the value the first one built",
							wrapperName(s.wrapKind), oneLine(rej.Text, 60), rej.Explain(a.fset))
					}
					a.res.Problems = append(a.res.Problems, &Problem{Pos: s.wrapper.Pos(), Handler: h.Name, Code: "drift", Message: msg})
				}
				continue
			}
			f.Handler = h.Name
			f.Index = len(h.Findings)
			h.Findings = append(h.Findings, f)
			owners[s.call] = append(owners[s.call], f)
			if f.Kind == Hoist && f.Ignored == "" && f.Skip == "" && sitesOf[s.call] == 1 {
				en.hoists.add(s, f)
			}
			if s.wrapper == nil {
				continue
			}
			if f.Kind != s.wrapKind {
				msg := fmt.Sprintf("%s wraps %s, which is now a %s; rerun freshen-gen fix", wrapperName(s.wrapKind), oneLine(f.Text, 60), f.Kind)
				if s.wrapKind == Fetch {
					msg = fmt.Sprintf("%s wraps %s, which is no longer freshen-constant: %s; it could serve stale or another request's data (only its connection can be warmed now; rerun freshen-gen fix)",
						wrapperName(s.wrapKind), oneLine(f.Text, 60), f.WhyWarm)
				}
				a.res.Problems = append(a.res.Problems, &Problem{Pos: s.wrapper.Pos(), Handler: h.Name, Code: "drift", Message: msg})
			} else if f.WrappedIndex != f.Index {
				a.res.Problems = append(a.res.Problems, &Problem{Pos: s.wrapper.Pos(), Handler: h.Name, Code: "index",
					Message: fmt.Sprintf("%s for %s uses index %d, but its fr_state index in %s is %d; rerun freshen-gen fix", wrapperName(s.wrapKind), oneLine(f.Text, 60), f.WrappedIndex, shortHandler(h.Name), f.Index),
					Fix:     a.indexFix(s.wrapper.Args[2], f.Index)})
			}
		}
	}
	// One call site cannot be wrapped with two handlers' state.
	for _, fs := range owners {
		if len(fs) < 2 {
			continue
		}
		var names []string
		for _, f := range fs {
			names = append(names, shortHandler(f.Handler))
		}
		for _, f := range fs {
			if f.Skip == "" {
				f.Skip = "call site is reached from several handlers (" + strings.Join(names, ", ") + ")"
			}
		}
	}
}

func wrapperName(k Kind) string {
	switch k {
	case Fetch:
		return "fr.FrFetch"
	case Hoist:
		return "fr.FrHoist"
	}
	return "fr.FrWarm"
}

func shortHandler(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.Index(name, "."); i >= 0 {
		return name[i+1:]
	}
	return name
}

// reach collects the I/O calls of a handler and of every same-package
// function it statically calls, in source order.
func (a *analysis) reach(root *ast.FuncDecl) []*site {
	visited := map[*ast.FuncDecl]bool{}
	seen := map[*ast.CallExpr]bool{}
	var sites []*site
	queue := []*ast.FuncDecl{root}
	for len(queue) > 0 {
		fd := queue[0]
		queue = queue[1:]
		if visited[fd] || fd.Body == nil {
			continue
		}
		visited[fd] = true
		var stack []ast.Node
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := a.callee(call)
			if fn == nil {
				if b := a.bound(call); b != nil && !seen[call] {
					seen[call] = true
					sites = append(sites, &site{call: call, entry: a.cat.Lookup(funcName(b.fn)), bound: b, skip: skipReason(stack)})
				}
				return true
			}
			name := funcName(fn)
			if k, ok := frWrappers[name]; ok {
				if s := a.wrapped(call, k); s != nil && !seen[s.call] {
					seen[s.call] = true
					sites = append(sites, s)
				}
				return true
			}
			s := &site{call: call, skip: skipReason(stack)}
			if m := a.dispatch(call, fn); m != nil {
				// An interface method call on a package variable that
				// holds one known type of this package.
				fn = m
			}
			if e := a.cat.Lookup(name); e != nil {
				s.entry = e
			} else if h := a.helperFor(fn); h != nil && h.Warm == nil {
				s.helper, s.helperFn = h, fn
			} else if hz := hoistableOf(name); hz != nil {
				s.hoist = hz
			} else if e := a.warmHelperEntry(h, fn); e != nil {
				s.entry, s.helperFn = e, fn
			} else {
				if d := a.decls[fn.Origin()]; d != nil && a.userFile(d.Pos()) {
					queue = append(queue, d)
				}
				return true
			}
			if !seen[call] {
				seen[call] = true
				sites = append(sites, s)
			}
			return true
		})
	}
	a.sortBySource(len(sites), func(i int) token.Pos { return sites[i].call.Pos() }, func(i, j int) { sites[i], sites[j] = sites[j], sites[i] })
	return sites
}

func skipReason(stack []ast.Node) string {
	if len(stack) < 2 {
		return ""
	}
	switch p := stack[len(stack)-2].(type) {
	case *ast.DeferStmt:
		if p.Call == stack[len(stack)-1] {
			return "call is deferred"
		}
	case *ast.GoStmt:
		if p.Call == stack[len(stack)-1] {
			return "call runs in a go statement"
		}
	}
	return ""
}

// wrapped recognises fr.FrFetch(ctx, state, i, func() (...) { return call }).
func (a *analysis) wrapped(w *ast.CallExpr, k Kind) *site {
	if len(w.Args) != 4 {
		return nil
	}
	lit, ok := ast.Unparen(w.Args[3]).(*ast.FuncLit)
	if !ok || lit.Body == nil || len(lit.Body.List) != 1 {
		return nil
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn := a.callee(call)
	var b *boundCall
	if fn == nil {
		if b = a.bound(call); b == nil {
			return nil
		}
		fn = b.fn
	}
	s := &site{call: call, wrapper: w, wrapKind: k, wrapIndex: -1, bound: b}
	if tv, ok := a.info.Types[w.Args[2]]; ok && tv.Value != nil {
		if i, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
			s.wrapIndex = int(i)
		}
	}
	if e := a.cat.Lookup(funcName(fn)); e != nil {
		s.entry = e
	} else if h := a.helperFor(fn); h != nil && h.Warm == nil && b == nil {
		s.helper, s.helperFn = h, fn
	} else if hz := hoistableOf(funcName(fn)); hz != nil && b == nil {
		s.hoist = hz
	} else if e := a.warmHelperEntry(h, fn); e != nil && b == nil {
		s.entry, s.helperFn = e, fn
	} else {
		return nil
	}
	return s
}

// dispatch resolves an interface method call whose receiver is a package
// variable of this package to the method of the one concrete type of this
// package that the variable is given (nil otherwise). Whether the
// variable keeps that value is judged with the receiver.
func (a *analysis) dispatch(call *ast.CallExpr, fn *types.Func) *types.Func {
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return nil
	}
	concrete := a.storedConcrete(call, false, false)
	if concrete == nil {
		return nil
	}
	m, ok := concreteMethod(concrete, fn)
	if !ok || m.Pkg() != a.pkg {
		return nil
	}
	return m
}

// dispatchAny is dispatch without the restriction to this package's
// types: for the write walk, the method of whatever one concrete type the
// variable is given (var ex execer = db: (*sql.DB).ExecContext). An
// exported variable may be given values elsewhere: not resolved.
func (a *analysis) dispatchAny(call *ast.CallExpr, fn *types.Func) *types.Func {
	concrete := a.storedConcrete(call, true, true)
	if concrete == nil {
		return nil
	}
	if m, ok := concreteMethod(concrete, fn); ok {
		return m
	}
	return nil
}

// storedConcrete is the one concrete type stored into the package
// variable an interface method call is made on (nil: not a package
// variable of this package, or more than one type, or none). skipNil
// ignores stores of nil (a nil interface runs no method); noExported
// refuses exported variables.
func (a *analysis) storedConcrete(call *ast.CallExpr, skipNil, noExported bool) types.Type {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v := a.varOf(id)
	if v == nil || v.Pkg() != a.pkg || a.vars[v] == nil || !a.vars[v].pkgLevel || noExported && v.Exported() {
		return nil
	}
	sv := a.ssa()
	if sv.err != nil {
		return nil
	}
	g := sv.global(v)
	var concrete types.Type
	for _, u := range sv.globalUses[g] {
		st, ok := u.(*ssa.Store)
		if !ok || st.Addr != g {
			continue
		}
		if c, ok := st.Val.(*ssa.Const); ok && skipNil && c.IsNil() {
			continue
		}
		mi, ok := st.Val.(*ssa.MakeInterface)
		if !ok || (concrete != nil && !types.Identical(concrete, mi.X.Type())) {
			return nil
		}
		concrete = mi.X.Type()
	}
	return concrete
}

// warmHelperEntry returns the entry of a warm helper usable here (a local
// form only in its own package), or nil.
func (a *analysis) warmHelperEntry(h *HelperSummary, fn *types.Func) *Entry {
	if h == nil || h.Warm == nil || (h.Warm.Local && fn.Pkg() != a.pkg) {
		return nil
	}
	return a.warmEntry(h)
}

// helperFor returns the fetch-helper summary of fn (this package or facts).
func (a *analysis) helperFor(fn *types.Func) *HelperSummary {
	if fn.Pkg() == a.pkg {
		return a.helpers[fn]
	}
	return a.imported(fn)
}

// operands of a call: receiver (nil for functions) and arguments.
func (a *analysis) receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := a.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			return sel.X
		}
	}
	return nil
}

// classify decides fetch, warm or rejection for one site.
func (a *analysis) classify(s *site, en *env) (*Finding, *Rejection) {
	call := s.call
	text := a.text(call)
	api := ""
	switch {
	case s.entry != nil:
		api = s.entry.ID
	case s.hoist != nil:
		api = s.hoist.id
	default:
		api = s.helper.API
	}
	reject := func(reason string, pos token.Pos) (*Finding, *Rejection) {
		return nil, &Rejection{Pos: call.Pos(), Text: text, API: api, Reason: reason, Blocker: pos}
	}
	results, hasErr, ok := a.shape(call)
	if !ok {
		return reject("its results are not (T) or (T, error)", call.Pos())
	}
	f := &Finding{Call: call, Pos: call.Pos(), Text: text, API: api, Results: results, HasErr: hasErr,
		PkgRefs: map[*ast.Ident]string{}, HoistRefs: map[*ast.Ident]int{}, Skip: s.skip, WrappedIndex: -1}
	if s.helperFn != nil && s.helper == nil {
		f.Helper = funcName(s.helperFn) // a warm helper
	}
	if s.wrapper != nil {
		f.Wrapped, f.WrappedIndex, f.Wrapper = true, s.wrapIndex, s.wrapper
	}
	for _, d := range a.directivesFor(call.Pos()) {
		if d.isIgn {
			f.Ignored = d.ignore
		}
		if d.isTTL {
			f.TTL, f.TTLSet = d.ttl, true
		}
	}
	in := a.newInliner(f.PkgRefs)
	in.hoists, in.hoistRefs = en.hoists, f.HoistRefs

	if s.hoist != nil {
		return a.classifyHoist(s, f, en, in)
	}
	if s.helper != nil {
		f.Kind = Fetch
		f.Helper = s.helper.Func
		if s.helper.Method {
			if recv := a.receiver(call); recv != nil {
				if b := a.recvStable(recv, false, en); b != nil {
					return reject(explain("receiver", a.text(recv), b)+" (in call to "+s.helperFn.Name()+")", b.pos)
				}
			}
		}
		for i, arg := range call.Args {
			if i == s.helper.CtxParam {
				f.CtxArg = arg
				in.subst[arg] = ctxIdent()
				continue
			}
			judge := a.isConst
			if slices.Contains(s.helper.ClientParams, i) {
				judge = func(e ast.Expr, en *env) *blocker { return a.recvStable(e, false, en) }
			}
			if b := judge(arg, en); b != nil {
				return reject(explain("argument", a.text(arg), b)+" (in call to "+s.helperFn.Name()+")", b.pos)
			}
		}
		if s.noFetch != "" {
			return reject(s.noFetch, s.noFetchPos)
		}
		f.Freshen = in.helperCall(call, s.helperFn)
		if in.err != nil {
			return reject("cannot move the call to the freshen function: "+in.err.Error(), call.Pos())
		}
		return f, nil
	}

	e := s.entry
	recv := a.receiver(call)
	if b := s.bound; b != nil {
		if b.block != nil {
			subj := a.text(call.Fun)
			if b.role == "receiver" {
				subj = a.text(b.recv)
			}
			return reject(explain(b.role, subj, b.block), b.block.pos)
		}
		// The hook calls the API itself: recv.M(args) or pkg.F(args).
		recv = b.recv
		in.lazy[call.Fun] = func() ast.Expr { return b.form(in) }
	}
	if e.Ctx >= 0 && e.Ctx < len(call.Args) {
		f.CtxArg = call.Args[e.Ctx]
		in.subst[f.CtxArg] = ctxIdent()
	}
	var fetchWhy string
	var fetchPos token.Pos
	if e.Kind == Fetch {
		reason, pos, form := a.fetchable(call, e, recv, en, in)
		if reason == "" && s.noFetch != "" {
			// Constant, but the handler writes what it reads.
			reason, pos = s.noFetch, s.noFetchPos
		}
		if reason == "" {
			f.Kind = Fetch
			f.Freshen = form
			if in.err != nil {
				return reject("cannot move the call to the freshen function: "+in.err.Error(), call.Pos())
			}
			return f, nil
		}
		fetchWhy, fetchPos = reason, pos
	}
	if e.Warm == "" {
		return reject(fetchWhy, fetchPos)
	}
	reason, pos, args, resource := a.warmable(call, e, recv, en, in)
	if reason != "" {
		return reject(reason, pos)
	}
	if in.err != nil {
		return reject("cannot move the endpoint to the freshen function: "+in.err.Error(), call.Pos())
	}
	f.Kind = Warm
	f.WarmFunc, f.WarmArgs, f.Handoff, f.Resource = e.Warm, args, e.Handoff, resource
	if fetchWhy != "" {
		f.WhyWarm = (&Rejection{Reason: fetchWhy, Blocker: fetchPos}).Explain(a.fset)
	}
	return f, nil
}

// shape returns the call's result types if they are (T) or (T, error).
func (a *analysis) shape(call *ast.CallExpr) ([]types.Type, bool, bool) {
	t := a.info.TypeOf(call)
	if t == nil {
		return nil, false, false
	}
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() != 2 || !isError(tup.At(1).Type()) {
			return nil, false, false
		}
		return []types.Type{tup.At(0).Type(), tup.At(1).Type()}, true, true
	}
	return []types.Type{t}, false, true
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// fetchable checks every operand for a fetch; on success it returns the
// freshen form.
func (a *analysis) fetchable(call *ast.CallExpr, e *Entry, recv ast.Expr, en *env, in *inliner) (string, token.Pos, ast.Expr) {
	if recv != nil {
		if b := a.recvStable(recv, false, en); b != nil {
			return explain("receiver", a.text(recv), b), b.pos, nil
		}
	}
	if why, pos := a.implicitStable(e, false); why != "" {
		return why, pos, nil
	}
	if e.Rule == RuleHTTPRequest {
		return a.requestFetch(call, recv, en, in)
	}
	for i, arg := range call.Args {
		if i == e.Ctx {
			continue
		}
		if b := a.isConst(arg, en); b != nil {
			return explain("argument", a.text(arg), b), b.pos, nil
		}
	}
	if why, pos := a.strongRead(call, e); why != "" {
		return why, pos, nil
	}
	if e.Rule == RuleSQLSelect && e.QueryArg < len(call.Args) {
		q, ok := a.constString(call.Args[e.QueryArg], en)
		if !ok {
			return "the SQL text is not a known constant, so it may write", call.Args[e.QueryArg].Pos(), nil
		}
		nargs := len(call.Args) - e.QueryArg - 1
		if call.Ellipsis.IsValid() {
			nargs = -1
		}
		if v := JudgeQuery(q, nargs); !v.ReadOnly {
			return "the SQL " + v.Reason, call.Args[e.QueryArg].Pos(), nil
		}
		// A constant argument the server reads as the clock ('now').
		for _, arg := range call.Args[e.QueryArg+1:] {
			if s, ok := a.constString(arg, en); ok && QueryArgReadsClock(s) {
				return fmt.Sprintf("the SQL argument %s is read as the current time by the server", oneLine(a.text(arg), 30)), arg.Pos(), nil
			}
		}
	}
	if e.freshen == nil {
		return "", token.NoPos, in.expr(call)
	}
	bind := map[string]ast.Expr{}
	if recv != nil {
		bind["_recv"] = in.expr(recv)
	}
	var all []ast.Expr
	for i, arg := range call.Args {
		x := in.expr(arg)
		bind[fmt.Sprintf("_%d", i)] = x
		all = append(all, x)
	}
	form := in.template(e.freshen, e.Imports, bind, all)
	if c, ok := form.(*ast.CallExpr); ok && call.Ellipsis.IsValid() {
		c.Ellipsis = 1
	}
	return "", token.NoPos, form
}

// warmable checks the operands the warm template uses and binds them.
func (a *analysis) warmable(call *ast.CallExpr, e *Entry, recv ast.Expr, en *env, in *inliner) (string, token.Pos, []ast.Expr, string) {
	if why, pos := a.implicitStable(e, true); why != "" {
		return why, pos, nil, ""
	}
	bind := map[string]ast.Expr{}
	resource := map[string]string{}
	for _, name := range placeholders(e.warmArgs) {
		switch {
		case name == "_recv":
			if recv == nil {
				return "the API has no receiver", call.Pos(), nil, ""
			}
			if b := a.recvStable(recv, true, en); b != nil {
				return explain("receiver", a.text(recv), b), b.pos, nil, ""
			}
			bind[name] = in.expr(recv)
			resource["recv"] = a.text(recv)
		case name == "_url":
			u, b := a.requestURL(call, en)
			if b != nil {
				return explain("request", a.text(call.Args[0]), b), b.pos, nil, ""
			}
			if n, ok := a.markedParam(u); ok {
				bind[name] = ast.NewIdent(fmt.Sprintf("_p%d", n))
				continue
			}
			p, b := a.originPrefix(u, en)
			if b != nil {
				return explain("URL", a.text(u), b), b.pos, nil, ""
			}
			bind[name] = a.joinPieces(in, p)
			resource["url"] = a.textPieces(p)
		case strings.HasPrefix(name, "_p"):
			i := atoi(name[2:])
			if i >= len(call.Args) {
				return "missing argument", call.Pos(), nil, ""
			}
			if n, ok := a.markedParam(call.Args[i]); ok {
				// A warm helper's URL parameter: the caller's origin.
				bind[name] = ast.NewIdent(fmt.Sprintf("_p%d", n))
				continue
			}
			p, b := a.originPrefix(call.Args[i], en)
			if b != nil {
				return explain("URL", a.text(call.Args[i]), b), b.pos, nil, ""
			}
			bind[name] = a.joinPieces(in, p)
			resource["url"] = a.textPieces(p)
		case isFieldPlaceholder(name):
			// _1_Bucket: field Bucket of the input at argument 1, which
			// picks the endpoint (S3's bucket, DynamoDB's table ARN).
			idx, field, _ := strings.Cut(name[1:], "_")
			i := atoi(idx)
			if i >= len(call.Args) {
				return "missing argument", call.Pos(), nil, ""
			}
			arg := call.Args[i]
			if a.literalOf(arg) == nil {
				// Not built here: the whole input must be constant.
				if b := a.isConst(arg, en); b != nil {
					return explain("argument", a.text(arg), b), b.pos, nil, ""
				}
				bind[name] = &ast.SelectorExpr{X: in.expr(arg), Sel: ast.NewIdent(field)}
				continue
			}
			v := a.inputField(arg, field)
			if v == nil {
				bind[name] = ast.NewIdent("nil") // not set: the endpoint without it
				continue
			}
			if b := a.isConst(v, en); b != nil {
				return explain("argument", a.text(arg), b), b.pos, nil, ""
			}
			bind[name] = in.expr(v)
		default:
			i := atoi(name[1:])
			if i >= len(call.Args) {
				return "missing argument", call.Pos(), nil, ""
			}
			judge := a.isConst
			if slices.Contains(e.clientArgs, i) {
				judge = func(x ast.Expr, en *env) *blocker { return a.recvStable(x, true, en) }
			}
			if b := judge(call.Args[i], en); b != nil {
				return explain("argument", a.text(call.Args[i]), b), b.pos, nil, ""
			}
			bind[name] = in.expr(call.Args[i])
			if name == "_1" {
				resource["addr"] = a.text(call.Args[i])
			}
			if slices.Contains(e.clientArgs, i) {
				resource["recv"] = a.text(call.Args[i])
			}
		}
	}
	var args []ast.Expr
	for _, t := range e.warmArgs {
		args = append(args, in.template(t, e.Imports, bind, nil))
	}
	res := resource["url"]
	if res == "" {
		res = resource["addr"]
	}
	if res == "" {
		res = resource["recv"]
	}
	return "", token.NoPos, args, res
}

// implicitStable judges the variables an API reads without naming them.
func (a *analysis) implicitStable(e *Entry, warm bool) (string, token.Pos) {
	for _, name := range e.Implicit {
		v := a.lookupVar(name)
		if v == nil {
			return "cannot find " + name, token.NoPos
		}
		if b := a.frozenGlobal(v, warm); b != nil {
			short := v.Pkg().Name() + "." + v.Name()
			return explain("client", short, &blocker{pos: b.pos, subj: short, phrase: b.phrase}), b.pos
		}
	}
	return "", token.NoPos
}

// lookupVar finds a package-level variable "path.Name" among the imports.
func (a *analysis) lookupVar(full string) *types.Var {
	i := strings.LastIndex(full, ".")
	path, name := full[:i], full[i+1:]
	var find func(p *types.Package, seen map[*types.Package]bool) *types.Var
	find = func(p *types.Package, seen map[*types.Package]bool) *types.Var {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == path {
			v, _ := p.Scope().Lookup(name).(*types.Var)
			return v
		}
		for _, imp := range p.Imports() {
			if v := find(imp, seen); v != nil {
				return v
			}
		}
		return nil
	}
	return find(a.pkg, map[*types.Package]bool{})
}

// markedParam: e is exactly a parameter of the warm helper being
// summarised, and its index.
func (a *analysis) markedParam(e ast.Expr) (int, bool) {
	if a.paramMark == nil {
		return 0, false
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	n, ok := a.paramMark[v]
	if vi := a.vars[v]; !ok || vi == nil || len(vi.defs) > 0 || vi.addr.IsValid() || vi.written.IsValid() {
		return 0, false // the helper changes it: it no longer stands for the argument
	}
	return n, true
}

func (a *analysis) textPieces(ps []ast.Expr) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, a.text(p))
	}
	return strings.Join(parts, " + ")
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 1 << 30
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// placeholders lists the _x identifiers the templates use, in order.
func placeholders(ts []ast.Expr) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		ast.Inspect(t, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && strings.HasPrefix(id.Name, "_") && id.Name != "_all" && !seen[id.Name] {
				seen[id.Name] = true
				out = append(out, id.Name)
			}
			return true
		})
	}
	return out
}

// originPrefix returns the leading freshen-constant operands of a string
// expression, provided they fix the URL's origin (scheme, host, port): a
// later variable part must not be able to change the host.
func (a *analysis) originPrefix(e ast.Expr, en *env) ([]ast.Expr, *blocker) {
	if a.isConst(e, en) == nil {
		return []ast.Expr{e}, nil
	}
	pieces := a.concatPieces(e, en)
	var run []ast.Expr
	var first *blocker
	for _, p := range pieces {
		if b := a.isConst(p, en); b != nil {
			first = b
			break
		}
		run = append(run, p)
	}
	if len(run) == 0 {
		if first == nil {
			first = a.isConst(e, en)
		}
		return nil, first
	}
	// Known text of the prefix; "\x00" stands for a constant of unknown value.
	var sb strings.Builder
	for _, p := range run {
		if s, ok := a.constString(p, en); ok {
			sb.WriteString(s)
		} else {
			sb.WriteString("\x00")
		}
	}
	if !originClosed(sb.String()) {
		return nil, &blocker{pos: first.pos, subj: first.subj, phrase: first.phrase + ", and the constant part before it does not fix the host"}
	}
	return run, nil
}

// originClosed: the authority of the URL ends inside the text (a '/', '?'
// or '#' follows the host), so appending cannot change the origin.
func originClosed(s string) bool {
	start := 0
	if i := strings.Index(s, "://"); i >= 0 {
		start = i + 3
	} else if strings.HasPrefix(s, "\x00") {
		start = 1
	} else {
		return false
	}
	// The authority is everything up to the first '/', '?' or '#'; it must
	// end in the known text.
	return strings.ContainsAny(s[start:], "/?#")
}

// concatPieces flattens a string concatenation, following single-definition
// locals.
func (a *analysis) concatPieces(e ast.Expr, en *env) []ast.Expr {
	e = ast.Unparen(e)
	if bin, ok := e.(*ast.BinaryExpr); ok && bin.Op == token.ADD {
		return append(a.concatPieces(bin.X, en), a.concatPieces(bin.Y, en)...)
	}
	if id, ok := e.(*ast.Ident); ok {
		if v := a.varOf(id); v != nil {
			if vi := a.vars[v]; vi != nil && !vi.pkgLevel && vi.param == "" && !vi.rangeVar &&
				len(vi.defs) == 0 && vi.init != nil && !vi.tuple && a.localMemory(vi) == nil {
				return a.concatPieces(vi.init, en)
			}
		}
	}
	return []ast.Expr{e}
}

func (a *analysis) joinPieces(in *inliner, ps []ast.Expr) ast.Expr {
	var out ast.Expr
	for _, p := range ps {
		x := in.expr(p)
		if out == nil {
			out = x
		} else {
			out = &ast.BinaryExpr{X: out, Op: token.ADD, Y: x}
		}
	}
	return out
}

// constString returns the value of a constant string expression when the
// type checker or a single-definition local knows it.
func (a *analysis) constString(e ast.Expr, en *env) (string, bool) {
	e = ast.Unparen(e)
	if tv, ok := a.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			l, ok1 := a.constString(x.X, en)
			r, ok2 := a.constString(x.Y, en)
			return l + r, ok1 && ok2
		}
	case *ast.Ident:
		v := a.varOf(x)
		if v == nil || a.varConst(v, en) != nil {
			return "", false
		}
		if vi := a.vars[v]; vi != nil && vi.init != nil && len(vi.defs) == 0 {
			return a.constString(vi.init, en)
		}
	}
	return "", false
}

// helperCall rebuilds a call to a fetch helper at package scope.
func (in *inliner) helperCall(call *ast.CallExpr, fn *types.Func) ast.Expr {
	var fun ast.Expr
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Type().(*types.Signature).Recv() != nil {
		// A method helper: the receiver as judged, then the method.
		fun = &ast.SelectorExpr{X: in.expr(sel.X), Sel: ast.NewIdent(sel.Sel.Name)}
	} else if fn.Pkg() == in.a.pkg {
		fun = ast.NewIdent(fn.Name())
	} else {
		fun = &ast.SelectorExpr{X: in.pkgIdent(fn.Pkg().Name(), fn.Pkg().Path()), Sel: ast.NewIdent(fn.Name())}
	}
	c := &ast.CallExpr{Fun: fun}
	for _, arg := range call.Args {
		c.Args = append(c.Args, in.expr(arg))
	}
	if call.Ellipsis.IsValid() {
		c.Ellipsis = 1
	}
	return c
}

// indexFix: when the wrapper names a generated constant such as frHandle0
// and the package declares a sibling (frHandle2) holding the right index,
// renaming it is a complete fix.
func (a *analysis) indexFix(arg ast.Expr, want int) *Edit {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return nil
	}
	prefix := strings.TrimRight(id.Name, "0123456789")
	if prefix == id.Name {
		return nil
	}
	name := fmt.Sprintf("%s%d", prefix, want)
	c, ok := a.pkg.Scope().Lookup(name).(*types.Const)
	if !ok || c.Val().Kind() != constant.Int {
		return nil
	}
	if v, ok := constant.Int64Val(c.Val()); !ok || int(v) != want {
		return nil
	}
	return &Edit{Pos: id.Pos(), End: id.End(), NewText: name}
}

// isFieldPlaceholder: _<argument>_<Field>, as in _1_Bucket.
func isFieldPlaceholder(name string) bool {
	idx, field, ok := strings.Cut(strings.TrimPrefix(name, "_"), "_")
	return ok && idx != "" && atoi(idx) < 1<<30 && field != ""
}
