package infer_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/freshen-go/freshen/infer"
)

// One FileSet and source importer for all tests: type-checking net/http
// from source once is what costs.
var (
	testFset     = token.NewFileSet()
	testImporter = importer.ForCompiler(testFset, "source", nil)
)

// analyze type-checks one main package (standard library imports only).
func analyze(t *testing.T, src string) (*infer.Result, *token.FileSet) {
	t.Helper()
	fset := testFset
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := newInfo()
	conf := types.Config{Importer: testImporter}
	pkg, err := conf.Check("example.com/app", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	res, err := infer.Analyze(&infer.Config{Fset: fset, Pkg: pkg, Info: info, Files: []*ast.File{f}})
	if err != nil {
		t.Fatal(err)
	}
	return res, fset
}

// newInfo records everything the type checker can: infer builds SSA from it.
func newInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
}

func render(e ast.Expr) string {
	var b strings.Builder
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}

// TestForms checks what the hook runs: locals inlined, the context replaced,
// ctx-less APIs mapped to their ctx-aware fr forms, package refs recorded.
func TestForms(t *testing.T) {
	src := `package main

import (
	"context"
	"net/http"
	"os"
)

const (
	origin = "https://api.example.com"
	logs   = "https://logs.example.com"
)

var client = &http.Client{}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	u := origin + "/model"
	http.Get(u)
	client.Get(u)
	const local = "/etc/app.json"
	os.ReadFile(local)
	http.Post(logs+"/items/"+r.URL.Path, "text/plain", r.Body)
	load(r.Context())
}

func load(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", origin+"/cfg", nil)
	client.Do(req)
}
`
	res, _ := analyze(t, src)
	if len(res.Handlers) != 1 {
		t.Fatalf("handlers: %d", len(res.Handlers))
	}
	h := res.Handlers[0]
	if h.Name != "example.com/app.Handle" || h.Via != "http.HandleFunc" {
		t.Errorf("handler %s via %s", h.Name, h.Via)
	}
	want := []struct{ kind, form string }{
		{"fetch", `fr.HTTPGet(ctx, http.DefaultClient, (origin + "/model"))`},
		{"fetch", `fr.HTTPGet(ctx, client, (origin + "/model"))`},
		{"fetch", `os.ReadFile("/etc/app.json")`},
		{"warm", `WarmHTTP(http.DefaultClient, logs + "/items/")`},
		{"fetch", `fr.HTTPGet(ctx, client, origin+"/cfg")`},
	}
	if len(h.Findings) != len(want) {
		for _, f := range h.Findings {
			t.Logf("%s %s", f.Kind, f.Text)
		}
		for _, r := range h.Rejections {
			t.Logf("rejected %s: %s", r.Text, r.Reason)
		}
		t.Fatalf("got %d findings, want %d", len(h.Findings), len(want))
	}
	for i, f := range h.Findings {
		if f.Index != i || string(f.Kind) != want[i].kind {
			t.Errorf("#%d: index %d kind %s, want %s", i, f.Index, f.Kind, want[i].kind)
		}
		var got string
		if f.Kind == infer.Fetch {
			got = render(f.Freshen)
		} else {
			var args []string
			for _, a := range f.WarmArgs {
				args = append(args, render(a))
			}
			got = f.WarmFunc + "(" + strings.Join(args, ", ") + ")"
		}
		if !strings.HasPrefix(strings.ReplaceAll(got, "\n", " "), want[i].form) {
			t.Errorf("#%d %s: form %q, want prefix %q", i, f.Text, got, want[i].form)
		}
		// Every package qualifier is recorded, with its path.
		for id, path := range f.PkgRefs {
			switch id.Name {
			case "http":
				if path != "net/http" {
					t.Errorf("http -> %s", path)
				}
			case "fr":
				if path != infer.FrPath {
					t.Errorf("fr -> %s", path)
				}
			case "os":
				if path != "os" {
					t.Errorf("os -> %s", path)
				}
			default:
				t.Errorf("unexpected package ref %s -> %s", id.Name, path)
			}
		}
	}
	if len(h.Findings[0].PkgRefs) != 2 {
		t.Errorf("fetch #0 refs: %d, want fr and http", len(h.Findings[0].PkgRefs))
	}
}

// TestRequestHeaders: a Do of a request with constant headers runs as
// fr.HTTPDo with the header the request has at Do; header calls that may
// not run exactly once before the Do leave it a warm, with the reason.
func TestRequestHeaders(t *testing.T) {
	src := `package main

import "net/http"

const origin = "https://api.example.com"

var client = &http.Client{}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	tok := "t-" + "1"
	a, _ := http.NewRequest("HEAD", origin+"/a", nil)
	a.Header.Add("accept", "text/plain")
	a.Header.Set("x-api-key", tok)
	a.Header.Add("Accept", "application/json")
	client.Do(a)

	b, _ := http.NewRequest("GET", origin+"/b", nil)
	b.Header.Set("X-Old", "1")
	b.Header.Set("x-old", "2")
	client.Do(b)

	c, _ := http.NewRequest("GET", origin+"/c", nil)
	c.Header.Set("X-Id", r.URL.Path)
	client.Do(c)

	d, _ := http.NewRequest("GET", origin+"/d", nil)
	client.Do(d)
	d.Header.Set("X-Late", "1")

	e, _ := http.NewRequest("GET", origin+"/e", nil)
	if r.Method == "HEAD" {
		e.Header.Set("X-Cond", "1")
	}
	client.Do(e)
	jump(r.Method)
}

func jump(method string) {
	g, _ := http.NewRequest("GET", origin+"/g", nil)
	if method == "HEAD" {
		goto do
	}
	g.Header.Set("X-Jump", "1")
do:
	client.Do(g)
}
`
	res, _ := analyze(t, src)
	if len(res.Handlers) != 1 {
		t.Fatalf("handlers: %d", len(res.Handlers))
	}
	h := res.Handlers[0]
	want := []struct{ kind, form, why string }{
		{"fetch", `fr.HTTPDo(ctx, client, "HEAD", origin+"/a", http.Header{"Accept": {"text/plain", "application/json"}, "X-Api-Key": {("t-" + "1")}})`, ""},
		{"fetch", `fr.HTTPDo(ctx, client, "GET", origin+"/b", http.Header{"X-Old": {"2"}})`, ""},
		{"warm", "", "header r.URL.Path depends on parameter r"},
		{"warm", "", "the request's headers change after Do"},
		{"warm", "", "the request sets a header conditionally or in a loop"},
		{"warm", "", "the request sets headers in a function with goto"},
	}
	if len(h.Findings) != len(want) {
		t.Fatalf("got %d findings, want %d", len(h.Findings), len(want))
	}
	for i, f := range h.Findings {
		if string(f.Kind) != want[i].kind {
			t.Errorf("#%d %s: kind %s, want %s (%s)", i, f.Text, f.Kind, want[i].kind, f.WhyWarm)
			continue
		}
		if f.Kind == infer.Fetch {
			if got := strings.Join(strings.Fields(render(f.Freshen)), " "); got != want[i].form {
				t.Errorf("#%d %s: form\n%s\nwant\n%s", i, f.Text, got, want[i].form)
			}
			for id, path := range f.PkgRefs {
				if (id.Name == "http") != (path == "net/http") || (id.Name == "fr") != (path == infer.FrPath) {
					t.Errorf("#%d: package ref %s -> %s", i, id.Name, path)
				}
			}
			continue
		}
		if !strings.HasPrefix(f.WhyWarm, want[i].why) {
			t.Errorf("#%d %s: why warm %q, want prefix %q", i, f.Text, f.WhyWarm, want[i].why)
		}
	}
}

// TestResultShapes: only (T) and (T, error) calls are findings.
func TestResultShapes(t *testing.T) {
	res, _ := analyze(t, `package main

import "net/http"

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://example.com/")
	_, _ = resp, err
}
`)
	f := res.Handlers[0].Findings[0]
	if !f.HasErr || len(f.Results) != 2 || f.Results[0].String() != "*net/http.Response" {
		t.Errorf("results %v haserr %v", f.Results, f.HasErr)
	}
}

func TestRejectionExplain(t *testing.T) {
	res, fset := analyze(t, `package main

import (
	"net/http"
	"os"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	os.ReadFile("/data/" + id)
}
`)
	rj := res.Handlers[0].Rejections
	if len(rj) != 1 {
		t.Fatalf("rejections: %d", len(rj))
	}
	got := rj[0].Explain(fset)
	want := `argument "/data/" + id depends on parameter r (main.go:11)`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCatalogue checks the table's internal consistency.
func TestCatalogue(t *testing.T) {
	known := map[string]bool{"WarmHTTP": true, "WarmSQL": true, "DialContext": true, "TLSDialContext": true,
		"WarmPing": true, "WarmConnect": true, "WarmAWS": true, "WarmAWSV1": true}
	placeholder := regexp.MustCompile(`\b_(recv|all|url|p?\d+)\b`)
	for _, e := range infer.DefaultCatalogue().Entries() {
		if e.ID == "" || len(e.Funcs) == 0 {
			t.Errorf("entry %+v: no ID or funcs", e)
		}
		if e.Warm != "" && !known[e.Warm] {
			t.Errorf("%s: unknown warmer %s", e.ID, e.Warm)
		}
		if e.Kind == infer.Warm && e.Freshen != "" {
			t.Errorf("%s: warm entry with a fetch form", e.ID)
		}
		for _, tmpl := range append([]string{e.Freshen}, e.WarmArgs...) {
			for _, m := range placeholder.FindAllString(tmpl, -1) {
				if m == "_url" && e.Rule != infer.RuleHTTPRequest {
					t.Errorf("%s: _url outside the http-request rule", e.ID)
				}
			}
		}
		for _, f := range e.Funcs {
			if infer.DefaultCatalogue().Lookup(f) != e {
				t.Errorf("%s: lookup of %s", e.ID, f)
			}
		}
	}
}

// TestCatalogueDocumented: every API of the table is named in the README.
func TestCatalogueDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Skip("README not found")
	}
	readme := string(b)
	for _, e := range infer.DefaultCatalogue().Entries() {
		op := e.ID[strings.LastIndex(e.ID, ".")+1:]
		if !strings.Contains(readme, op) {
			t.Errorf("README does not mention %s (%s)", op, e.ID)
		}
	}
}

func TestNewCatalogueRejectsDuplicates(t *testing.T) {
	e := &infer.Entry{ID: "x", Funcs: []string{"os.ReadFile"}, Kind: infer.Fetch, Ctx: -1}
	if _, err := infer.NewCatalogue([]*infer.Entry{e, e}, nil); err == nil {
		t.Error("duplicate accepted")
	}
	bad := &infer.Entry{ID: "y", Funcs: []string{"os.ReadDir"}, Kind: "maybe", Ctx: -1}
	if _, err := infer.NewCatalogue([]*infer.Entry{bad}, nil); err == nil {
		t.Error("bad kind accepted")
	}
}

// TestSkipAndShared: deferred and go calls cannot be wrapped in place, nor
// can a call site two handlers reach.
func TestSkipAndShared(t *testing.T) {
	res, _ := analyze(t, `package main

import (
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/a", A)
	http.HandleFunc("/b", B)
}

func A(w http.ResponseWriter, r *http.Request) {
	defer os.ReadFile("/etc/a")
	go http.Post("https://api.example.com/log", "text/plain", nil)
	common()
}

func B(w http.ResponseWriter, r *http.Request) { common() }

func common() { os.ReadFile("/etc/common") }
`)
	if len(res.Handlers) != 2 {
		t.Fatalf("handlers: %d", len(res.Handlers))
	}
	a := res.Handlers[0]
	want := []string{"call is deferred", "call runs in a go statement", "call site is reached from several handlers (A, B)"}
	if len(a.Findings) != len(want) {
		t.Fatalf("A findings: %d", len(a.Findings))
	}
	for i, f := range a.Findings {
		if f.Skip != want[i] {
			t.Errorf("A #%d %s: skip %q, want %q", i, f.Text, f.Skip, want[i])
		}
	}
	if b := res.Handlers[1]; len(b.Findings) != 1 || b.Findings[0].Skip == "" || b.Findings[0].Index != 0 {
		t.Errorf("B: %+v", b.Findings)
	}
}

// TestDeterministic: the same input gives the same findings, reasons and
// forms, in the same order.
func TestDeterministic(t *testing.T) {
	src := `package main

import (
	"net/http"
	"os"
)

var base = "https://api.example.com"

func main() { http.HandleFunc("/", H) }

func H(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		os.ReadFile("/etc/" + r.URL.Path)
	}
	http.Get(base + "/x/" + r.URL.Path)
	http.Get(base + "/y")
	os.ReadFile("/etc/z")
}
`
	dump := func() string {
		res, fset := analyze(t, src)
		var b strings.Builder
		for _, h := range res.Handlers {
			for _, f := range h.Findings {
				b.WriteString(string(f.Kind) + " " + f.Text + " ")
				if f.Freshen != nil {
					b.WriteString(render(f.Freshen))
				}
				for _, a := range f.WarmArgs {
					b.WriteString(render(a))
				}
				b.WriteString("\n")
			}
			for _, r := range h.Rejections {
				b.WriteString(r.Explain(fset) + "\n")
			}
		}
		return b.String()
	}
	first := dump()
	for i := 0; i < 5; i++ {
		if got := dump(); got != first {
			t.Fatalf("run %d differs:\n%s\nvs\n%s", i, got, first)
		}
	}
}

// TestDotImportAndSourceText: dot-imported names get their qualifier back,
// and Text is the call as written when the source is readable.
func TestDotImportAndSourceText(t *testing.T) {
	src := `package main

import (
	. "net/http"
	"os"
)

func main() { HandleFunc("/", serveModel) }

func serveModel(w ResponseWriter, r *Request) {
	os.ReadFile(  "/etc/" +   MethodGet  )
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := newInfo()
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("example.com/app", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	res, err := infer.Analyze(&infer.Config{Fset: fset, Pkg: pkg, Info: info, Files: []*ast.File{f},
		ReadFile: func(string) ([]byte, error) { return []byte(src), nil }})
	if err != nil {
		t.Fatal(err)
	}
	fs := res.Handlers[0].Findings
	if len(fs) != 1 {
		t.Fatalf("findings: %d", len(fs))
	}
	if got := fs[0].Text; got != `os.ReadFile(  "/etc/" +   MethodGet  )` {
		t.Errorf("Text = %q", got)
	}
	if got := render(fs[0].Freshen); got != `os.ReadFile("/etc/" + http.MethodGet)` {
		t.Errorf("Freshen = %q", got)
	}
}

// TestFuncValueForms: a call through a function or method value runs in the
// hook as a call of the API itself, with the receiver from the definition.
func TestFuncValueForms(t *testing.T) {
	res, _ := analyze(t, `package main

import (
	"database/sql"
	"net"
	"net/http"
	"os"
	"time"
)

const u = "https://models.example.com/m"

var (
	client = &http.Client{Timeout: time.Second}
	getter = client.Get
	db     *sql.DB
)

func init() { db, _ = sql.Open("postgres", "dsn") }

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	get := http.DefaultClient.Get
	get(u)
	read := os.ReadFile
	read("/etc/app.json")
	getter(u)
	local := &http.Client{Timeout: time.Second}
	lget := local.Get
	(lget)(u)
	query := db.Query
	query("SELECT 1")
	dial := net.Dial
	dial("tcp", "cache.internal:6379")
	head := http.Head
	head(u)
}
`)
	want := []struct{ kind, api, form string }{
		{"fetch", "net/http.(*Client).Get", `fr.HTTPGet(ctx, http.DefaultClient, u)`},
		{"fetch", "os.ReadFile", `os.ReadFile("/etc/app.json")`},
		{"fetch", "net/http.(*Client).Get", `fr.HTTPGet(ctx, client, u)`},
		{"fetch", "net/http.(*Client).Get", `fr.HTTPGet(ctx, (&http.Client{Timeout: time.Second}), u)`},
		{"fetch", "database/sql.Query", `db.QueryContext(ctx, "SELECT 1")`},
		{"warm", "net.Dial", `DialContext("tcp", "cache.internal:6379")`},
		{"fetch", "net/http.Head", `fr.HTTPHead(ctx, http.DefaultClient, u)`},
	}
	h := res.Handlers[0]
	for _, r := range h.Rejections {
		t.Errorf("rejected %s: %s", r.Text, r.Reason)
	}
	if len(h.Findings) != len(want) {
		t.Fatalf("got %d findings, want %d", len(h.Findings), len(want))
	}
	for i, f := range h.Findings {
		got := ""
		if f.Kind == infer.Fetch {
			got = render(f.Freshen)
		} else {
			var args []string
			for _, a := range f.WarmArgs {
				args = append(args, render(a))
			}
			got = f.WarmFunc + "(" + strings.Join(args, ", ") + ")"
		}
		if string(f.Kind) != want[i].kind || f.API != want[i].api || got != want[i].form {
			t.Errorf("#%d %s: %s %s %q, want %s %s %q", i, f.Text, f.Kind, f.API, got, want[i].kind, want[i].api, want[i].form)
		}
		for id, path := range f.PkgRefs {
			if id.Name != "fr" && id.Name != "http" && id.Name != "os" && id.Name != "time" || path == "" {
				t.Errorf("#%d: unexpected package ref %s -> %q", i, id.Name, path)
			}
		}
	}
}

// TestDeployedByName: Cloud Functions (1st gen) deploy exported functions
// of the module's root package by name; other packages' exported
// functions are not handlers unless registered.
func TestDeployedByName(t *testing.T) {
	src := `package votes

import (
	"context"
	"net/http"
	"os"
)

type PubSubMessage struct{ Data []byte }

func Votes(w http.ResponseWriter, r *http.Request) { os.ReadFile("/etc/votes") }

func OnMessage(ctx context.Context, m PubSubMessage) error {
	_, err := os.ReadFile("/etc/msg")
	return err
}

func Save(ctx context.Context, id string) error {
	_, err := os.ReadFile("/etc/save")
	return err
}

func private(w http.ResponseWriter, r *http.Request) { os.ReadFile("/etc/p") }
`
	for _, tt := range []struct {
		module string
		want   []string
	}{
		{"example.com/app", []string{"example.com/app.OnMessage", "example.com/app.Votes"}},
		{"example.com", nil},
		{"", nil},
	} {
		fset := testFset
		f, err := parser.ParseFile(fset, "votes.go", src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		info := newInfo()
		pkg, err := (&types.Config{Importer: testImporter}).Check("example.com/app", fset, []*ast.File{f}, info)
		if err != nil {
			t.Fatal(err)
		}
		res, err := infer.Analyze(&infer.Config{Fset: fset, Pkg: pkg, Info: info, Files: []*ast.File{f}, ModulePath: tt.module})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Handlers {
			got = append(got, h.Name)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("module %q: handlers %v, want %v", tt.module, got, tt.want)
		}
	}
}
