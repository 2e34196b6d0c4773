package infer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

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
//   - AWS SDK v1 session.New, session.NewSession: "Sessions are safe to use
//     concurrently as long as the Session is not being modified. Sessions
//     should be cached when possible"; <service>.New: "methods are safe to
//     use concurrently. It is not safe to modify mutate any of the
//     struct's properties though" (the walk refuses any such store).
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
	m[awsV1+"/aws/session.New"] = hoistable{id: "aws-sdk-go/aws/session.New", ctx: -1, what: "session"}
	m[awsV1+"/aws/session.NewSession"] = hoistable{id: "aws-sdk-go/aws/session.NewSession", ctx: -1, what: "session"}
	for svc := range awsV1Clients {
		m[awsV1+"/service/"+svc+".New"] = hoistable{id: "aws-sdk-go/service/" + svc + ".New", ctx: -1, what: "client"}
	}
	return m
}()

// awsV1Clients are the AWS SDK v1 service packages and their client types.
var awsV1Clients = map[string]string{
	"s3": "S3", "dynamodb": "DynamoDB", "ssm": "SSM", "secretsmanager": "SecretsManager",
	"kms": "KMS", "sqs": "SQS", "sns": "SNS", "lambda": "Lambda",
}

// hoistPassThrough return their first argument (or panic): a hoisted value
// through one of them is still the hoisted value.
// session.Must(session.NewSession()) is the SDK v1 idiom.
var hoistPassThrough = map[string]bool{awsV1 + "/aws/session.Must": true}

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
// shares, beyond reading its fields and calling catalogue APIs on it. It
// is an allow-list: a method neither listed nor accepted by op refuses the
// hoist.
type sharedType struct {
	// methods that leave the value as it was: no Close, no setters of
	// shared settings, nothing that changes a pooled connection.
	methods []string
	// op accepts further methods by their declaration (the API operations
	// of an AWS service client); nil accepts none.
	op func(*types.Func) bool
}

// redisDataCommands are the go-redis command methods a client shared by
// every invocation may send on its pooled connections: each reads or
// writes keys (or publishes, or pings) and none changes the connection's
// session. Not on the list, among others: Do, DoRaw and
// DoRawWriteTo (any command by name, AUTH and SELECT included), Eval,
// EvalSha, FCall and the other scripts (freshen cannot read what a
// script sends), Quit, the Client* commands (CLIENT SETNAME, CLIENT
// TRACKING, CLIENT REPLY ... change the connection), the ACL, CONFIG and
// other administration commands, and the blocking and streaming commands.
var redisDataCommands = []string{
	"Ping", "Echo", "Publish",
	// Keys.
	"Exists", "Del", "Unlink", "Expire", "ExpireAt", "PExpire", "PExpireAt", "Persist",
	"TTL", "PTTL", "Type", "Rename", "RenameNX", "Touch", "Scan",
	// Strings.
	"Get", "GetRange", "GetSet", "GetEx", "GetDel", "MGet", "MSet", "MSetNX",
	"Set", "SetEx", "SetNX", "SetXX", "SetRange", "StrLen", "Append",
	"Incr", "IncrBy", "IncrByFloat", "Decr", "DecrBy",
	// Hashes.
	"HGet", "HGetAll", "HMGet", "HSet", "HSetNX", "HMSet", "HDel", "HExists",
	"HIncrBy", "HIncrByFloat", "HKeys", "HVals", "HLen", "HScan",
	// Lists.
	"LPush", "RPush", "LPushX", "RPushX", "LPop", "RPop", "LLen", "LRange",
	"LIndex", "LSet", "LRem", "LTrim", "LInsert",
	// Sets.
	"SAdd", "SRem", "SMembers", "SIsMember", "SMIsMember", "SCard", "SPop",
	"SRandMember", "SScan", "SInter", "SUnion", "SDiff",
	// Sorted sets.
	"ZAdd", "ZRem", "ZScore", "ZIncrBy", "ZCard", "ZCount", "ZRange",
	"ZRangeWithScores", "ZRevRange", "ZRank", "ZRevRank", "ZRangeByScore", "ZScan",
}

// sharedTypes are keyed by types.TypeString. A hoisted constructor's result
// must have an entry.
var sharedTypes = func() map[string]sharedType {
	m := map[string]sharedType{
		// Not Copy: its copy shares the APIOptions backing array (an
		// append may write a slot another invocation's copy uses) and the
		// providers.
		awsV2 + "/aws.Config": {},
		// Statements run on a shared pool must leave its connections'
		// sessions as they were (sharedSQL); Begin, Conn and Prepare hand
		// out session-bound objects whose statements are not judged.
		"*database/sql.DB": {methods: []string{"Driver", "Exec", "ExecContext", "Ping", "PingContext",
			"Query", "QueryContext", "QueryRow", "QueryRowContext", "Stats"}},
		// Not Conn, Process, pipelines (Pipeline, Pipelined, TxPipeline,
		// TxPipelined: a Pipeliner has Do, Select, Auth, ClientSetName
		// and Hello), Watch or Subscribe: those can SELECT a database,
		// AUTH or name a connection that goes back to the shared pool,
		// or hold it in a transaction or subscription.
		"*" + redisPkg + ".Client": {methods: []string{"PoolStats"}},
		// The command methods go-redis promotes into *Client: the data
		// commands only (redisDataCommands).
		redisPkg + ".cmdable":                 {methods: redisDataCommands},
		"*cloud.google.com/go/storage.Client": {methods: []string{"Bucket"}},
		"*google.golang.org/grpc.ClientConn":  {methods: []string{"Connect", "GetState", "WaitForStateChange", "Target", "CanonicalTarget", "ResetConnectBackoff"}},
	}
	// SDK v2: Options returns a copy of the client's options; every other
	// method must be an API operation, which applies its per-call options
	// to a copy of the client's.
	for _, svc := range awsServices {
		m["*"+awsV2+"/service/"+svc+".Client"] = sharedType{methods: []string{"Options"}, op: awsV2Operation}
	}
	// SDK v1: no session method (Copy and ClientConfig return values
	// sharing the session's Config pointers: Region, Credentials,
	// HTTPClient, so a write through them reaches the shared session); a
	// client's own API operations (Op, OpWithContext,
	// OpPages, WaitUntilOp, ...) are calls. Not OpRequest: the request it
	// returns shares the client's credentials and HTTP client with a
	// handler that may change them. The embedded *client.Client and its
	// fields (Handlers, Config) are not on the list.
	m["*"+awsV1+"/aws/session.Session"] = sharedType{}
	for svc, typ := range awsV1Clients {
		m["*"+awsV1+"/service/"+svc+"."+typ] = sharedType{op: awsV1Operation}
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
	for _, m := range st.methods {
		if m == method {
			return true
		}
	}
	if st.op == nil {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, method)
	fn, ok := obj.(*types.Func)
	return ok && declaredOn(fn, t) && st.op(fn)
}

// declaredOn: method fn is declared on t's named type itself, not
// promoted from an embedded field.
func declaredOn(fn *types.Func, t types.Type) bool {
	recv := fn.Type().(*types.Signature).Recv()
	return recv != nil && namedOf(recv.Type()) != nil && namedOf(recv.Type()).Origin() == namedOf(t).Origin()
}

func namedOf(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// namedPtr: t is *N with N declared in pkg and named name (any name
// ending in suffix when name is "").
func namedPtr(t types.Type, pkg *types.Package, name, suffix string) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() != pkg {
		return false
	}
	if name != "" {
		return n.Obj().Name() == name
	}
	return strings.HasSuffix(n.Obj().Name(), suffix)
}

func isContextType(t types.Type) bool {
	return types.TypeString(types.Unalias(t), nil) == "context.Context"
}

// awsV2Operation: m is an SDK v2 API operation,
// Op(context.Context, *OpInput, ...func(*Options)) (*OpOutput, error).
func awsV2Operation(m *types.Func) bool {
	sig := m.Type().(*types.Signature)
	p, r := sig.Params(), sig.Results()
	if !m.Exported() || !sig.Variadic() || p.Len() != 3 || r.Len() != 2 {
		return false
	}
	if !isContextType(p.At(0).Type()) || !namedPtr(p.At(1).Type(), m.Pkg(), m.Name()+"Input", "") ||
		!namedPtr(r.At(0).Type(), m.Pkg(), m.Name()+"Output", "") || types.TypeString(r.At(1).Type(), nil) != "error" {
		return false
	}
	s, ok := p.At(2).Type().(*types.Slice)
	if !ok {
		return false
	}
	fs, ok := s.Elem().(*types.Signature)
	return ok && fs.Params().Len() == 1 && fs.Results().Len() == 0 && namedPtr(fs.Params().At(0).Type(), m.Pkg(), "Options", "")
}

// awsV1Operation: m is an SDK v1 API operation of its service package,
// taking (an aws.Context and) a *<Something>Input: Op, OpWithContext,
// OpPages, OpPagesWithContext, WaitUntilOp. OpRequest is not.
func awsV1Operation(m *types.Func) bool {
	if !m.Exported() || strings.HasSuffix(m.Name(), "Request") {
		return false
	}
	p := m.Type().(*types.Signature).Params()
	i := 0
	if p.Len() > 0 && isContextType(p.At(0).Type()) {
		i = 1
	}
	return p.Len() > i && namedPtr(p.At(i).Type(), m.Pkg(), "", "Input")
}

// sqlTextArg is the position of the SQL text among the parameters of the
// *sql.DB methods a shared pool allows.
var sqlTextArg = map[string]int{
	"(*database/sql.DB).Exec": 0, "(*database/sql.DB).ExecContext": 1,
	"(*database/sql.DB).Query": 0, "(*database/sql.DB).QueryContext": 1,
	"(*database/sql.DB).QueryRow": 0, "(*database/sql.DB).QueryRowContext": 1,
}

// sharedSQL says why a statement run through method name (args: the SSA
// call's arguments, receiver first) could change the session of a pooled
// connection, which a pool shared by every invocation must not allow: a
// SET search_path or a temporary table one invocation leaves on a
// connection would be seen by the next one to get it. "" when it cannot.
func sharedSQL(name string, args []ssa.Value) string {
	k, ok := sqlTextArg[name]
	if !ok || 1+k >= len(args) {
		return ""
	}
	c, ok := args[1+k].(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.String {
		return "runs SQL text freshen cannot read on it"
	}
	if why := sessionSQL(constant.StringVal(c.Value)); why != "" {
		return "runs " + why + " on it"
	}
	return ""
}

// sessionSQL says why a constant SQL text may change the session of the
// connection it runs on ("" when it cannot). It must be one read-only
// SELECT (JudgeQuery), or statements every one of which only writes named
// tables: WrittenTables knows every effect of every statement (no SET,
// DDL, CALL or function freshen does not know), no statement is
// transaction control (BEGIN, START TRANSACTION, COMMIT, SAVEPOINT, ...,
// which would leave the connection inside or outside a transaction), there
// is no session variable (@x) and no temporary table (TEMP, #t, or a
// table of PostgreSQL's temporary schema pg_temp).
func sessionSQL(q string) string {
	if JudgeQuery(q, -1).ReadOnly {
		return ""
	}
	what := fmt.Sprintf("SQL %q", oneLine(q, 40))
	if tx := sqlTxControl(q); tx != "" {
		return what + fmt.Sprintf(", which controls a transaction (%s)", tx)
	}
	tables, known := WrittenTables(q)
	if !known {
		return what + ", which may change the connection's session (SET, DDL or a function freshen does not know)"
	}
	if strings.ContainsRune(q, '@') {
		return what + ", which may set a session variable"
	}
	for _, t := range tables {
		if strings.HasPrefix(t, "#") {
			return what + ", which writes a temporary table"
		}
	}
	for _, mode := range sqlModes(q) {
		toks, _, _ := sqlLex(q, mode, nil)
		for _, t := range toks {
			if t.kind == sqlWord && (t.word() == "temp" || t.word() == "temporary") {
				return what + ", which may create a temporary table"
			}
			if t.kind == sqlWord || t.kind == sqlQuoted {
				name := strings.ToLower(strings.Trim(q[t.off:t.end], "\"`[]"))
				if name == "pg_temp" || strings.HasPrefix(name, "pg_temp_") {
					return what + ", which names the temporary schema " + q[t.off:t.end]
				}
			}
		}
	}
	return ""
}

// optionFuncs build functional options from their arguments and do nothing
// else (config.WithRegion("eu-west-1")): in a constructor's arguments they
// are as constant as their own arguments.
var optionFuncs = map[string]bool{
	awsV1 + "/aws.String":                        true,
	awsV1 + "/aws.Bool":                          true,
	awsV1 + "/aws.Int64":                         true,
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
	// setenv is a call in the handler (or the package code it calls) that
	// changes the process environment, which constructors read
	// (AWS_REGION, GOOGLE_APPLICATION_CREDENTIALS, PGHOST, ...).
	setenv   token.Pos
	setenvFn string
	// passThrough reports calls of hoistPassThrough functions.
	passThrough func(*ast.CallExpr) bool
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

// of returns the hoist finding whose call (or wrapper) e is, also through
// a pass-through (session.Must).
func (t *hoistTable) of(e ast.Expr) *Finding {
	if t == nil || e == nil {
		return nil
	}
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if f := t.byCall[c]; f != nil {
		return f
	}
	if t.passThrough != nil && len(c.Args) == 1 && t.passThrough(c) {
		return t.of(c.Args[0])
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
	if p := en.hoists.setenvPos(); p.IsValid() {
		return reject(fmt.Sprintf("the handler calls %s, and what the constructor builds may depend on the environment", en.hoists.setenvFn), p)
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

func (t *hoistTable) setenvPos() token.Pos {
	if t == nil {
		return token.NoPos
	}
	return t.setenv
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
			case *ast.CallExpr:
				if fn := a.callee(p); fn != nil && hoistPassThrough[funcName(fn)] {
					continue // session.Must(session.NewSession())
				}
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

// nestedIn reports whether site s's call lies inside the call of another
// site that is (or may be) wrapped (an argument or the receiver of a
// catalogue call): the rewrite wraps the outer call only, so the inner one
// can never be wrapped.
func nestedIn(s *site, sites []*site, wrapped func(*site) bool) bool {
	for _, o := range sites {
		if o == s || !wrapped(o) {
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
