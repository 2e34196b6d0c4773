package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
)

// Hoisting. A handler that builds its client on every invocation
// (config.LoadDefaultConfig + dynamodb.NewFromConfig, sql.Open,
// redis.NewClient inside the handler) gets a new connection pool each
// time: no connection is ever reused, and a warm-up has nothing to warm.
// When the constructor's arguments are freshen-constant, its result is the
// same client in every invocation, so it can be built once per runtime and
// shared: fr.FrHoist serves the call from a runtime-scoped value that the
// freshen hook (fr.Hoist) or the first invocation builds.
//
// Sharing is sound only for values that are safe for concurrent use and
// that no invocation changes: the constructors below are an allow-list,
// each with the reason, and the handler's uses of the result are walked
// on the SSA form (frozen.go, hoist mode): a store into it, a method not on
// the type's list (Close above all) or handing it to code freshen cannot
// see keeps the call as written.

// hoistable is a constructor whose result may be shared by every
// invocation once built from freshen-constant arguments.
type hoistable struct {
	id   string // shown in Finding.API
	ctx  int    // index of the context.Context argument, -1 if none
	what string // "client", "configuration", ... for messages
}

// hoistables are keyed by FullName. Why each is safe to share:
//
//   - config.LoadDefaultConfig: an aws.Config only holds settings and
//     providers documented safe for concurrent use (the credentials cache,
//     the HTTP client); it uses its context only while loading.
//   - <service>.NewFromConfig / New (AWS SDK v2): "clients are safe for
//     concurrent use"; a client copies its options at construction and has
//     no Close.
//   - sql.Open: "The returned DB is safe for concurrent use by multiple
//     goroutines and maintains its own pool of idle connections. Thus, the
//     Open function should be called just once."
//   - redis.NewClient: "Client is a Redis client representing a pool of
//     zero or more underlying connections. It's safe for concurrent use by
//     multiple goroutines."
//   - storage.NewClient: "Clients should be reused instead of created as
//     needed. The methods of Client are safe for concurrent use by multiple
//     goroutines."
//   - grpc.NewClient, grpc.Dial: a ClientConn is safe for concurrent use
//     and meant to be shared ("create one ClientConn per target").
var hoistables = func() map[string]hoistable {
	m := map[string]hoistable{
		awsV2 + "/config.LoadDefaultConfig":     {id: "config.LoadDefaultConfig", ctx: 0, what: "configuration"},
		"database/sql.Open":                     {id: "database/sql.Open", ctx: -1, what: "connection pool"},
		redisPkg + ".NewClient":                 {id: "redis.NewClient", ctx: -1, what: "client"},
		"cloud.google.com/go/storage.NewClient": {id: "storage.NewClient", ctx: 0, what: "client"},
		"google.golang.org/grpc.NewClient":      {id: "grpc.NewClient", ctx: -1, what: "connection"},
		"google.golang.org/grpc.Dial":           {id: "grpc.Dial", ctx: -1, what: "connection"},
	}
	for _, svc := range awsServices {
		m[awsV2+"/service/"+svc+".NewFromConfig"] = hoistable{id: svc + ".NewFromConfig", ctx: -1, what: "client"}
		m[awsV2+"/service/"+svc+".New"] = hoistable{id: svc + ".New", ctx: -1, what: "client"}
	}
	return m
}()

// HoistWhat names what a hoistable constructor builds ("client",
// "configuration", "connection pool"), by its Finding.API.
func HoistWhat(api string) string {
	for _, h := range hoistables {
		if h.id == api {
			return h.what
		}
	}
	return "client"
}

func hoistableOf(fullName string) *hoistable {
	if h, ok := hoistables[fullName]; ok {
		return &h
	}
	return nil
}

// hoistPkgs are the import paths of the hoistable constructors.
var hoistPkgs = func() map[string]bool {
	m := map[string]bool{}
	for name := range hoistables {
		m[funcPkg(name)] = true
	}
	return m
}()

// sharedType says what an invocation may do with a value every invocation
// shares, beyond reading its fields and calling catalogue APIs on it.
type sharedType struct {
	// any: every method leaves the value as it was and is safe for
	// concurrent use (AWS service clients: each method is an API call).
	any bool
	// methods that are: no Close, no setters of shared settings.
	methods []string
}

// sharedTypes are keyed by types.TypeString. A hoisted constructor's result
// must have an entry.
var sharedTypes = func() map[string]sharedType {
	m := map[string]sharedType{
		awsV2 + "/aws.Config": {methods: []string{"Copy"}},
		"*database/sql.DB": {methods: []string{"Begin", "BeginTx", "Conn", "Driver", "Exec", "ExecContext",
			"Ping", "PingContext", "Prepare", "PrepareContext", "Query", "QueryContext", "QueryRow", "QueryRowContext", "Stats"}},
		"*" + redisPkg + ".Client": {methods: []string{"PoolStats", "Pipeline", "Pipelined", "TxPipeline", "TxPipelined", "Conn"}},
		// The command methods go-redis promotes into *Client: each sends a
		// command on a pooled connection.
		redisPkg + ".cmdable":                 {any: true},
		"*cloud.google.com/go/storage.Client": {methods: []string{"Bucket"}},
		"*google.golang.org/grpc.ClientConn":  {methods: []string{"Connect", "GetState", "WaitForStateChange", "Target", "CanonicalTarget", "ResetConnectBackoff"}},
	}
	for _, svc := range awsServices {
		m["*"+awsV2+"/service/"+svc+".Client"] = sharedType{any: true}
	}
	return m
}()

func sharedTypeOf(t types.Type) (sharedType, bool) {
	st, ok := sharedTypes[types.TypeString(t, nil)]
	return st, ok
}

// sharedMethodOK: calling method on a value of type t shared by every
// invocation leaves it as it was.
func sharedMethodOK(t types.Type, method string) bool {
	st, ok := sharedTypeOf(t)
	if !ok {
		return false
	}
	if st.any {
		return true
	}
	for _, m := range st.methods {
		if m == method {
			return true
		}
	}
	return false
}

// optionFuncs build functional options from their arguments and do nothing
// else (config.WithRegion("eu-west-1")): in a constructor's arguments they
// are as constant as their own arguments.
var optionFuncs = map[string]bool{
	awsV2 + "/config.WithRegion":                 true,
	awsV2 + "/config.WithDefaultRegion":          true,
	awsV2 + "/config.WithSharedConfigProfile":    true,
	awsV2 + "/config.WithRetryMaxAttempts":       true,
	awsV2 + "/config.WithBaseEndpoint":           true,
	awsV2 + "/config.WithAppID":                  true,
	awsV2 + "/config.WithSharedConfigFiles":      true,
	awsV2 + "/config.WithSharedCredentialsFiles": true,
}

// hoistTable holds the hoist findings of one handler that are applied (not
// ignored, not skipped): a local defined by one of these calls holds the
// same value in every invocation.
type hoistTable struct {
	byCall map[*ast.CallExpr]*Finding // the constructor call, and its fr.FrHoist wrapper
	// memo is varConst's memo for this handler's environment; it is
	// cleared when a hoist is added.
	memo map[*types.Var]*blocker
}

func newHoistTable() *hoistTable {
	return &hoistTable{byCall: map[*ast.CallExpr]*Finding{}, memo: map[*types.Var]*blocker{}}
}

func (t *hoistTable) add(s *site, f *Finding) {
	t.byCall[s.call] = f
	if s.wrapper != nil {
		t.byCall[s.wrapper] = f
	}
	clear(t.memo)
}

// of returns the hoist finding whose call (or wrapper) e is.
func (t *hoistTable) of(e ast.Expr) *Finding {
	if t == nil || e == nil {
		return nil
	}
	if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		return t.byCall[c]
	}
	return nil
}

// hoistedVar returns the hoist finding that defines local vi, if its only
// definition is a hoisted call (the first result of a (T, error) one).
func (t *hoistTable) hoistedVar(vi *varInfo) *Finding {
	if t == nil || vi == nil || vi.pkgLevel || vi.param != "" || vi.rangeVar || len(vi.defs) > 0 {
		return nil
	}
	if vi.tuple {
		if vi.tupleIdx != 0 {
			return nil
		}
		return t.of(vi.tupleRHS)
	}
	return t.of(vi.init)
}

// classifyHoist decides whether a constructor call can be served from a
// runtime-scoped value.
func (a *analysis) classifyHoist(s *site, f *Finding, en *env, in *inliner) (*Finding, *Rejection) {
	call := s.call
	h := s.hoist
	reject := func(reason string, pos token.Pos) (*Finding, *Rejection) {
		return nil, &Rejection{Pos: call.Pos(), Text: f.Text, API: f.API, Reason: reason, Blocker: pos}
	}
	if _, ok := sharedTypeOf(f.Results[0]); !ok {
		return reject(fmt.Sprintf("its result, a %s, is not a type freshen knows to be safe to share", types.TypeString(f.Results[0], types.RelativeTo(a.pkg))), call.Pos())
	}
	cen := &env{client: true, hoists: en.hoists}
	if h.ctx >= 0 && h.ctx < len(call.Args) {
		f.CtxArg = call.Args[h.ctx]
		in.subst[f.CtxArg] = ctxIdent()
	}
	for i, arg := range call.Args {
		if i == h.ctx {
			continue
		}
		if fl, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			if b := a.optionLiteral(fl, cen); b != nil {
				return reject(explain("argument", a.text(arg), b), b.pos)
			}
			continue
		}
		if b := a.isConst(arg, cen); b != nil {
			return reject(explain("argument", a.text(arg), b), b.pos)
		}
	}
	if b := a.hoistShared(s, a.resultName(s)); b != nil {
		return reject("result "+b.subj+" "+b.phrase, b.pos)
	}
	f.Kind = Hoist
	f.Freshen = in.expr(call)
	if in.err != nil {
		return reject("cannot move the call to the freshen function: "+in.err.Error(), call.Pos())
	}
	if f.CtxArg != nil && s.wrapper == nil && !hoistCtxForm(a.info, f.CtxArg) && f.Skip == "" {
		f.Skip = "its context argument is not a variable, x.Context() or context.Background/TODO, so it cannot be replaced by the build's"
	}
	return f, nil
}

// hoistCtxForm: the context argument is one the rewrite can hand over to
// the build (a variable, a field, x.Context()) or one that never ends
// (context.Background(), context.TODO()).
func hoistCtxForm(info *types.Info, e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return hoistCtxForm(info, x.X)
	case *ast.CallExpr:
		if len(x.Args) != 0 {
			return false
		}
		sel, ok := x.Fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if pn := pkgName(info, sel.X); pn != nil {
			return pn.Imported().Path() == "context" && (sel.Sel.Name == "Background" || sel.Sel.Name == "TODO")
		}
		return sel.Sel.Name == "Context" && hoistCtxForm(info, sel.X)
	}
	return false
}

// resultName is the variable a constructor call's (first) result is
// assigned to, for messages; "" when there is none.
func (a *analysis) resultName(s *site) string {
	outer := s.call
	if s.wrapper != nil {
		outer = s.wrapper
	}
	for _, f := range a.allFiles {
		if f.FileStart > outer.Pos() || outer.End() > f.FileEnd {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(f, outer.Pos(), outer.End())
		for i, n := range path {
			if n == ast.Node(outer) || i == 0 {
				continue
			}
			var lhs ast.Expr
			switch p := n.(type) {
			case *ast.ParenExpr:
				continue
			case *ast.AssignStmt:
				if len(p.Rhs) == 1 && len(p.Lhs) > 0 {
					lhs = p.Lhs[0]
				}
			case *ast.ValueSpec:
				if len(p.Values) == 1 && len(p.Names) > 0 {
					lhs = p.Names[0]
				}
			}
			if id, ok := lhs.(*ast.Ident); ok && id.Name != "_" {
				if v := a.varOf(id); v != nil && a.vars[v] != nil && !a.vars[v].pkgLevel {
					return id.Name
				}
			}
			return ""
		}
	}
	return ""
}

// hoistShared judges what the handler does with the constructor's result:
// once hoisted, every invocation gets that one value, so nothing may
// change it (the SSA walk of frozen.go in hoist mode).
func (a *analysis) hoistShared(s *site, name string) *blocker {
	sv := a.ssa()
	if sv.err != nil {
		return &blocker{pos: s.call.Pos(), phrase: "cannot be judged: " + sv.err.Error()}
	}
	outer := s.call
	if s.wrapper != nil {
		outer = s.wrapper
	}
	c := sv.at(outer.Lparen, func(v ssa.Value) bool { _, ok := v.(*ssa.Call); return ok })
	if c == nil {
		return &blocker{pos: s.call.Pos(), phrase: "is built where freshen cannot follow it"}
	}
	if name == "" {
		name = "of " + oneLine(a.text(s.call.Fun), 40)
	}
	vals := []ssa.Value{c}
	if _, ok := c.Type().(*types.Tuple); ok {
		vals = nil
		for _, r := range *c.Referrers() {
			if e, ok := r.(*ssa.Extract); ok && e.Index == 0 {
				vals = append(vals, e)
			}
		}
	}
	for _, v := range vals {
		if b := a.frozenMode(&memNode{v: v, fn: v.Parent(), name: name}, false, true); b != nil {
			return b
		}
	}
	return nil
}

// nestedIn reports whether site s's call lies inside another site's call
// (an argument or the receiver of a catalogue call): the rewrite wraps the
// outer call only, so the inner one can never be wrapped.
func nestedIn(s *site, sites []*site) bool {
	for _, o := range sites {
		if o == s {
			continue
		}
		outer := ast.Node(o.call)
		if o.wrapper != nil {
			outer = o.wrapper
		}
		if outer.Pos() <= s.call.Pos() && s.call.End() <= outer.End() && outer != ast.Node(s.call) && (s.wrapper == nil || outer != ast.Node(s.wrapper)) {
			return true
		}
	}
	return false
}
