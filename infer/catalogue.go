package infer

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"
	"sort"
	"strings"
)

// FrPath is the import path of the freshen runtime.
const FrPath = "github.com/freshen-go/freshen/fr"

// Rule names an extra check an entry needs beyond "every operand is
// freshen-constant". Rules are the only place where catalogue semantics live
// in code; entries pick them by name.
type Rule string

const (
	// RuleNone: fetch when receiver and all arguments are constant.
	RuleNone Rule = ""
	// RuleHTTPRequest: (*http.Client).Do. Fetch only when the request is
	// built in the same function by http.NewRequest[WithContext] with a
	// constant GET or HEAD, a constant URL, no body, and only constant
	// header sets; otherwise warm the origin of the request URL.
	RuleHTTPRequest Rule = "http-request"
	// RuleSQLSelect: the SQL text (argument QueryArg) must be a constant,
	// single, side-effect-free SELECT for a fetch; otherwise warm.
	RuleSQLSelect Rule = "sql-select"
)

// Entry is one catalogue API. Templates are Go expressions in which these
// identifiers are placeholders:
//
//	ctx     freshen's own context
//	_recv   the call's receiver
//	_0, _1  the call's arguments
//	_p0     the longest freshen-constant prefix of string argument 0 that
//	        fixes the URL origin (prefix reasoning: base + "/items/" + id)
//	_all    (only as a call argument) all the call's arguments, ctx replaced
//	_url    (RuleHTTPRequest) the origin prefix of the request URL
//
// Other identifiers are package names resolved through Imports, or
// predeclared names.
type Entry struct {
	ID    string   // shown to users and in Finding.API, e.g. "net/http.Get"
	Funcs []string // (*types.Func).FullName() forms that match
	Kind  Kind     // kind when every operand is constant (and Rule holds)
	Ctx   int      // index of the context.Context argument, -1 if none
	Rule  Rule
	// QueryArg is the SQL text argument for RuleSQLSelect.
	QueryArg int `json:",omitempty"`

	// Freshen is the fetch form; "" means the call as written with its
	// context argument replaced by ctx.
	Freshen string `json:",omitempty"`
	// Warm is the fr warmer and WarmArgs its arguments after ctx; empty
	// Warm means the API has no warm form. The operands WarmArgs use are
	// the ones a warm requires to be constant.
	Warm     string   `json:",omitempty"`
	WarmArgs []string `json:",omitempty"`
	Handoff  bool     `json:",omitempty"`

	Imports map[string]string `json:",omitempty"` // package idents in templates
	// Implicit are package variables ("path.Name") the API reads without
	// naming them (http.Get uses http.DefaultClient): they are judged
	// like a receiver.
	Implicit []string `json:",omitempty"`
	// ResultKeepsRecv: the result refers to the receiver (a Firestore
	// snapshot's Ref is the DocumentRef it came from), so whatever the
	// handler does to the result it may do to the receiver.
	ResultKeepsRecv bool `json:",omitempty"`

	// clientArgs are arguments judged like receivers (a warm helper's
	// client parameters).
	clientArgs []int

	// Parsed templates, filled by compile.
	freshen  ast.Expr
	warmArgs []ast.Expr
}

var httpImports = map[string]string{"http": "net/http", "fr": FrPath}

var defaultClient = []string{"net/http.DefaultClient"}
var frImports = map[string]string{"fr": FrPath}

// awsEntries are the AWS SDK v2 APIs of one service. A warm opens the
// endpoint the client resolves for the service through its own
// EndpointResolverV2 (region, FIPS, dual stack, BaseEndpoint, account
// routing: fr/fraws), with its own HTTP client; the regional endpoint is
// the fallback when resolution fails.
func awsEntries(svc, pkg string, fetch, warm []string) []*Entry {
	var out []*Entry
	add := func(op string, k Kind) {
		out = append(out, &Entry{
			ID:    svc + "." + op,
			Funcs: []string{fmt.Sprintf("(*%s.Client).%s", pkg, op)},
			Kind:  k,
			Ctx:   0,
			Warm:  "WarmAWS",
			WarmArgs: []string{
				"_recv.Options().HTTPClient",
				fmt.Sprintf("fraws.Endpoint(_recv.Options(), new(%s.EndpointParameters)%s)", svc, awsInputField(svc, op)),
				fmt.Sprintf(`"https://%s." + _recv.Options().Region + ".amazonaws.com/"`, svc),
			},
			Imports: map[string]string{"fraws": FrPath + "/fraws", svc: pkg},
		})
	}
	for _, op := range fetch {
		add(op, Fetch)
	}
	for _, op := range warm {
		add(op, Warm)
	}
	return out
}

const redisPkg = "github.com/redis/go-redis/v9"

func redisEntries(fetch, warm []string) []*Entry {
	var out []*Entry
	add := func(op string, k Kind) {
		out = append(out, &Entry{
			ID: "redis." + op,
			// Methods live on the unexported cmdable (promoted into
			// *Client) and on the Cmdable interface.
			Funcs: []string{
				fmt.Sprintf("(%s.cmdable).%s", redisPkg, op),
				fmt.Sprintf("(%s.Cmdable).%s", redisPkg, op),
			},
			Kind:     k,
			Ctx:      0,
			Warm:     "WarmPing",
			WarmArgs: []string{"_recv.Ping"},
		})
	}
	for _, op := range fetch {
		add(op, Fetch)
	}
	for _, op := range warm {
		add(op, Warm)
	}
	return out
}

// sqlEntries cover *sql.DB only: a query on a *sql.Tx or *sql.Conn belongs
// to that transaction or session and cannot run ahead of it.
func sqlEntries() []*Entry {
	const p = "(*database/sql.DB)."
	warm := []string{"_recv"}
	entry := func(id, method string, kind Kind, ctx int, rule Rule, query int, freshen string) *Entry {
		return &Entry{ID: "database/sql." + id, Funcs: []string{p + method}, Kind: kind, Ctx: ctx, Rule: rule,
			QueryArg: query, Freshen: freshen, Warm: "WarmSQL", WarmArgs: warm, Imports: frImports}
	}
	return []*Entry{
		entry("QueryContext", "QueryContext", Fetch, 0, RuleSQLSelect, 1, ""),
		entry("QueryRowContext", "QueryRowContext", Fetch, 0, RuleSQLSelect, 1, ""),
		entry("Query", "Query", Fetch, -1, RuleSQLSelect, 0, "_recv.QueryContext(ctx, _all)"),
		entry("QueryRow", "QueryRow", Fetch, -1, RuleSQLSelect, 0, "_recv.QueryRowContext(ctx, _all)"),
		entry("ExecContext", "ExecContext", Warm, 0, RuleNone, 0, ""),
		entry("Exec", "Exec", Warm, -1, RuleNone, 0, ""),
	}
}

// catalogueData is the API catalogue. Adding an API is adding an entry here.
var catalogueData = concat(
	[]*Entry{
		// net/http package-level helpers use http.DefaultClient.
		{ID: "net/http.Get", Funcs: []string{"net/http.Get"}, Implicit: defaultClient, Kind: Fetch, Ctx: -1,
			Freshen: "fr.HTTPGet(ctx, http.DefaultClient, _0)",
			Warm:    "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "_p0"}, Imports: httpImports},
		{ID: "net/http.Head", Funcs: []string{"net/http.Head"}, Implicit: defaultClient, Kind: Fetch, Ctx: -1,
			Freshen: "fr.HTTPHead(ctx, http.DefaultClient, _0)",
			Warm:    "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "_p0"}, Imports: httpImports},
		{ID: "net/http.Post", Funcs: []string{"net/http.Post"}, Implicit: defaultClient, Kind: Warm, Ctx: -1,
			Warm: "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "_p0"}, Imports: httpImports},
		{ID: "net/http.PostForm", Funcs: []string{"net/http.PostForm"}, Implicit: defaultClient, Kind: Warm, Ctx: -1,
			Warm: "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "_p0"}, Imports: httpImports},
		{ID: "net/http.(*Client).Get", Funcs: []string{"(*net/http.Client).Get"}, Kind: Fetch, Ctx: -1,
			Freshen: "fr.HTTPGet(ctx, _recv, _0)",
			Warm:    "WarmHTTP", WarmArgs: []string{"_recv", "_p0"}, Imports: frImports},
		{ID: "net/http.(*Client).Head", Funcs: []string{"(*net/http.Client).Head"}, Kind: Fetch, Ctx: -1,
			Freshen: "fr.HTTPHead(ctx, _recv, _0)",
			Warm:    "WarmHTTP", WarmArgs: []string{"_recv", "_p0"}, Imports: frImports},
		{ID: "net/http.(*Client).Post", Funcs: []string{"(*net/http.Client).Post"}, Kind: Warm, Ctx: -1,
			Warm: "WarmHTTP", WarmArgs: []string{"_recv", "_p0"}, Imports: frImports},
		{ID: "net/http.(*Client).PostForm", Funcs: []string{"(*net/http.Client).PostForm"}, Kind: Warm, Ctx: -1,
			Warm: "WarmHTTP", WarmArgs: []string{"_recv", "_p0"}, Imports: frImports},
		{ID: "net/http.(*Client).Do", Funcs: []string{"(*net/http.Client).Do"}, Kind: Fetch, Ctx: -1, Rule: RuleHTTPRequest,
			Warm: "WarmHTTP", WarmArgs: []string{"_recv", "_url"}, Imports: frImports},

		// Files, typically on a network file system (EFS, Filestore).
		{ID: "os.ReadFile", Funcs: []string{"os.ReadFile"}, Kind: Fetch, Ctx: -1},

		// Raw connections: pre-dialled and handed to the call site.
		{ID: "net.Dial", Funcs: []string{"net.Dial"}, Kind: Warm, Ctx: -1,
			Warm: "DialContext", WarmArgs: []string{"_0", "_1"}, Handoff: true},
		{ID: "net.DialTimeout", Funcs: []string{"net.DialTimeout"}, Kind: Warm, Ctx: -1,
			Warm: "DialContext", WarmArgs: []string{"_0", "_1"}, Handoff: true},
		{ID: "net.(*Dialer).DialContext", Funcs: []string{"(*net.Dialer).DialContext"}, Kind: Warm, Ctx: 0,
			Warm: "DialContext", WarmArgs: []string{"_1", "_2"}, Handoff: true},
		{ID: "crypto/tls.Dial", Funcs: []string{"crypto/tls.Dial"}, Kind: Warm, Ctx: -1,
			Warm: "TLSDialContext", WarmArgs: []string{"_0", "_1", "_2"}, Handoff: true},

		// Google Cloud Storage object reads.
		{ID: "storage.(*ObjectHandle).NewReader", Funcs: []string{"(*cloud.google.com/go/storage.ObjectHandle).NewReader"}, Kind: Fetch, Ctx: 0},
		{ID: "storage.(*ObjectHandle).NewRangeReader", Funcs: []string{"(*cloud.google.com/go/storage.ObjectHandle).NewRangeReader"}, Kind: Fetch, Ctx: 0},
		{ID: "storage.(*ObjectHandle).Attrs", Funcs: []string{"(*cloud.google.com/go/storage.ObjectHandle).Attrs"}, Kind: Fetch, Ctx: 0},

		// gRPC: the connection is made ready early; the RPC runs as written.
		{ID: "grpc.(*ClientConn).Invoke", Funcs: []string{"(*google.golang.org/grpc.ClientConn).Invoke"}, Kind: Warm, Ctx: 0,
			Warm: "WarmConnect", WarmArgs: []string{"_recv"}},
		{ID: "grpc.(*ClientConn).NewStream", Funcs: []string{"(*google.golang.org/grpc.ClientConn).NewStream"}, Kind: Warm, Ctx: 0,
			Warm: "WarmConnect", WarmArgs: []string{"_recv"}},
	},
	sqlEntries(),
	awsEntries("s3", "github.com/aws/aws-sdk-go-v2/service/s3",
		[]string{"GetObject", "HeadObject"},
		[]string{"PutObject", "DeleteObject", "CopyObject", "ListObjectsV2"}),
	// Query and Scan only read, and return the same page for the same
	// input and table contents, like GetItem; a strongly consistent read
	// is never prefetched (raw.go).
	awsEntries("dynamodb", "github.com/aws/aws-sdk-go-v2/service/dynamodb",
		[]string{"GetItem", "BatchGetItem", "Query", "Scan"},
		[]string{"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}),
	awsEntries("ssm", "github.com/aws/aws-sdk-go-v2/service/ssm",
		[]string{"GetParameter", "GetParameters"},
		[]string{"PutParameter"}),
	awsEntries("secretsmanager", "github.com/aws/aws-sdk-go-v2/service/secretsmanager",
		[]string{"GetSecretValue"},
		[]string{"PutSecretValue"}),
	awsEntries("kms", "github.com/aws/aws-sdk-go-v2/service/kms",
		[]string{"Decrypt"},
		[]string{"Encrypt", "GenerateDataKey", "Sign"}),
	awsEntries("sqs", "github.com/aws/aws-sdk-go-v2/service/sqs",
		nil,
		[]string{"SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage"}),
	awsEntries("sns", "github.com/aws/aws-sdk-go-v2/service/sns",
		nil,
		[]string{"Publish", "PublishBatch"}),
	awsV1Entries(),
	redisEntries(
		[]string{"Get", "HGet", "HGetAll", "MGet", "Exists", "SMembers", "LRange"},
		[]string{"Set", "SetEx", "SetNX", "Del", "HSet", "Incr", "Expire", "LPush", "RPush", "Publish"}),
	otherClientEntries(),
)

func concat(parts ...[]*Entry) []*Entry {
	var out []*Entry
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Catalogue is the compiled API table.
type Catalogue struct {
	entries []*Entry
	byFunc  map[string]*Entry
	pkgs    map[string]bool // import paths whose functions appear in the table
	pure    map[string]bool
}

var defaultCatalogue = mustCompile(catalogueData, pureFuncs)

// DefaultCatalogue returns the built-in catalogue.
func DefaultCatalogue() *Catalogue { return defaultCatalogue }

// Entries returns the entries sorted by ID (for docs and tests).
func (c *Catalogue) Entries() []*Entry {
	out := append([]*Entry(nil), c.entries...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// stableVars are exported variables of other packages that programs treat
// as fixed (they are set by their package and, by convention, not
// reassigned).
var stableVars = []string{"net/http.DefaultClient", "net/http.DefaultTransport", "net/http.NoBody"}

// StableVarPackages lists the import paths whose variables the catalogue
// takes as conventionally fixed: only a package importing one of them can
// have a TouchedStableVars result.
func StableVarPackages() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range stableVars {
		p := s[:strings.LastIndex(s, ".")]
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

func (c *Catalogue) stableVar(v *types.Var) bool {
	if v.Pkg() == nil {
		return false
	}
	name := v.Pkg().Path() + "." + v.Name()
	for _, s := range stableVars {
		if s == name {
			return true
		}
	}
	return false
}

// Lookup returns the entry for a function's FullName, or nil.
func (c *Catalogue) Lookup(fullName string) *Entry { return c.byFunc[fullName] }

// Imports reports whether path holds a catalogue API.
func (c *Catalogue) Imports(path string) bool { return c.pkgs[path] }

// Pure reports whether a function (by FullName) is in the allow-list of
// pure functions: same result for the same arguments, no I/O, no
// observable side effects. Names only; there are no wildcards.
func (c *Catalogue) Pure(fullName string) bool { return c.pure[fullName] }

// NewCatalogue compiles entries and a pure-function list, so tools can extend
// the built-in table.
func NewCatalogue(entries []*Entry, pure []string) (*Catalogue, error) {
	c := &Catalogue{byFunc: map[string]*Entry{}, pkgs: map[string]bool{}, pure: map[string]bool{}}
	for _, e := range entries {
		if err := e.compile(); err != nil {
			return nil, fmt.Errorf("catalogue entry %s: %w", e.ID, err)
		}
		for _, f := range e.Funcs {
			if _, dup := c.byFunc[f]; dup {
				return nil, fmt.Errorf("catalogue: %s listed twice", f)
			}
			c.byFunc[f] = e
			c.pkgs[funcPkg(f)] = true
		}
		c.entries = append(c.entries, e)
	}
	for _, p := range pure {
		c.pure[p] = true
	}
	return c, nil
}

func mustCompile(entries []*Entry, pure []string) *Catalogue {
	c, err := NewCatalogue(entries, pure)
	if err != nil {
		panic(err)
	}
	return c
}

// funcPkg extracts the import path from a FullName: "net/http.Get",
// "(*net/http.Client).Get", "(github.com/x/y.T).M".
func funcPkg(full string) string {
	s := full
	if strings.HasPrefix(s, "(") {
		s = strings.TrimPrefix(s[1:strings.Index(s, ")")], "*")
	}
	if i := strings.LastIndex(s, "."); i > 0 {
		return s[:i]
	}
	return s
}

func (e *Entry) compile() error {
	if e.Kind != Fetch && e.Kind != Warm {
		return fmt.Errorf("kind %q", e.Kind)
	}
	if e.Kind == Warm && e.Warm == "" {
		return fmt.Errorf("warm entry without warmer")
	}
	if e.Freshen != "" {
		x, err := parser.ParseExpr(e.Freshen)
		if err != nil {
			return fmt.Errorf("freshen template: %w", err)
		}
		e.freshen = x
	}
	for _, a := range e.WarmArgs {
		x, err := parser.ParseExpr(a)
		if err != nil {
			return fmt.Errorf("warm template: %w", err)
		}
		e.warmArgs = append(e.warmArgs, x)
	}
	return nil
}

// Other clients: Cloud Spanner, Firestore and go-github reads. Their
// writes (and those of Cloud Storage, Pub/Sub, BigQuery and redigo) have no
// warm form, since none of these clients exposes the connection it would
// use, so they are not entries: raw.go records them for the
// read-after-write rule.

func otherClientEntries() []*Entry {
	// Spanner reads on a transaction. The methods are declared on the
	// unexported txReadOnly that both transaction kinds embed; a receiver
	// is only freshen-constant when it is built in place by Single (and
	// WithTimestampBound), since a read in a read-write transaction
	// belongs to that transaction and a multi-use read-only transaction
	// fixes one timestamp for all of its reads. Query is not here: its
	// RowIterator sends the query on the first Next, so running it early
	// would only take a session and keep it until Stop.
	spanner := func(op string) *Entry {
		return &Entry{ID: "spanner.(*ReadOnlyTransaction)." + op,
			Funcs: []string{fmt.Sprintf("(*%s.txReadOnly).%s", spannerPkg, op)}, Kind: Fetch, Ctx: 0}
	}
	github := func(svc, op string) *Entry {
		e := &Entry{ID: fmt.Sprintf("github.(*%s).%s", svc, op), Kind: Fetch, Ctx: 0}
		for _, p := range githubMajors {
			e.Funcs = append(e.Funcs, fmt.Sprintf("(*%s.%s).%s", p, svc, op))
		}
		return e
	}
	return []*Entry{
		spanner("ReadRow"),
		spanner("ReadRowUsingIndex"),
		spanner("ReadRowWithOptions"),
		// Firestore document reads.
		{ID: "firestore.(*DocumentRef).Get", Funcs: []string{"(*" + firestorePkg + ".DocumentRef).Get"}, Kind: Fetch, Ctx: 0, ResultKeepsRecv: true},
		// go-github reads return (T, *Response, error) or more: they are
		// recognised, and rejected for their shape until fetches can carry
		// several results.
		github("RepositoriesService", "Get"),
		github("RepositoriesService", "GetContents"),
	}
}

// awsInputField binds the input field that picks the endpoint.
func awsInputField(svc, op string) string {
	switch {
	case svc == "s3":
		return `, fraws.Field("Bucket", _1_Bucket)`
	case svc == "dynamodb" && !strings.HasPrefix(op, "Batch") && !strings.HasPrefix(op, "Transact"):
		return `, fraws.Field("ResourceArn", _1_TableName)`
	}
	return ""
}
