package codegen_test

import (
	"bytes"
	"flag"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/codegen/codegentest"
	"github.com/freshen-go/freshen/infer"
)

var update = flag.Bool("update", false, "rewrite golden files")

const httpImports = `import (
	"bytes"
	"net/http"
)
`

var frImports = map[string]string{"fr": codegen.FrPath, "http": "net/http", "sql": "database/sql", "net": "net"}

func TestGenerateGolden(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		specs []codegentest.Spec
		opts  codegen.Options
	}{
		{
			name: "basic",
			files: map[string]string{"main.go": `package main

` + httpImports + `
const modelURL = "http://models.internal/v1/model.bin"

var resultURL = "http://results.internal/v1/put"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(modelURL)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_, _ = http.Post(resultURL, "application/json", bytes.NewReader(nil))
}
`},
			specs: []codegentest.Spec{
				{Handler: "Handle", Kind: infer.Fetch, Call: "http.Get(modelURL)", Freshen: "fr.HTTPGet(ctx, http.DefaultClient, modelURL)", Imports: frImports},
				{Handler: "Handle", Kind: infer.Warm, Call: `http.Post(resultURL, "application/json", bytes.NewReader(nil))`, WarmFunc: "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "resultURL"}, Imports: frImports},
			},
		},
		{
			// The package already uses every name freshen-gen would pick
			// first, including the import names.
			name: "clash",
			files: map[string]string{"main.go": `package main

import "net/http"

var (
	frHandle      = 1
	freshenHandle = 2
	context       = 3
	fr            = 4
)

const u = "http://a.internal/"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	frHandle_0 := 5
	_ = frHandle_0
	resp, _ := http.Get(u)
	_ = resp
}
`},
			specs: []codegentest.Spec{
				{Handler: "Handle", Kind: infer.Fetch, Call: "http.Get(u)", Freshen: "fr.HTTPGet(ctx, http.DefaultClient, u)", Imports: frImports},
			},
		},
		{
			name: "kinds",
			files: map[string]string{"svc.go": `package svc

import (
	"database/sql"
	"net"
	"net/http"
)

var db *sql.DB

const (
	q    = "SELECT v FROM config WHERE k = 'mode'"
	addr = "cache.internal:6379"
	page = "http://cms.internal/home"
	skip = "http://cms.internal/skip"
)

type Server struct{}

//freshen:handler
func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {
	row := db.QueryRow(q)
	_ = row
	conn, _ := net.Dial("tcp", addr)
	_ = conn
	resp, _ := http.Get(page)
	_ = resp
	defer http.Get(skip)
	resp2, _ := http.Get(skip)
	_ = resp2
}
`},
			specs: []codegentest.Spec{
				{Handler: "Server.Handle", Kind: infer.Fetch, Call: "db.QueryRow(q)", Freshen: "db.QueryRowContext(ctx, q)", TTL: "1m"},
				{Handler: "Server.Handle", Kind: infer.Warm, Call: `net.Dial("tcp", addr)`, WarmFunc: "DialContext", WarmArgs: []string{`"tcp"`, "addr"}, Handoff: true, Imports: frImports},
				{Handler: "Server.Handle", Kind: infer.Fetch, Call: "http.Get(page)", Freshen: "fr.HTTPGet(ctx, http.DefaultClient, page)", Imports: frImports, TTL: "30s"},
				{Handler: "Server.Handle", Kind: infer.Fetch, Call: "http.Get(skip)", Freshen: "fr.HTTPGet(ctx, http.DefaultClient, skip)", Imports: frImports},
				{Handler: "Server.Handle", Kind: infer.Fetch, Call: "http.Get(skip)", Nth: 1, Freshen: "fr.HTTPGet(ctx, http.DefaultClient, skip)", Imports: frImports, Ignored: "served from a CDN already"},
			},
			opts: codegen.Options{DefaultTTL: 5 * time.Second},
		},
		{
			// Hoists: a (T, error) and a single-result constructor, calls
			// through their values in the hook, and a hoist left out with
			// the call that needs it.
			name: "hoist",
			files: map[string]string{"main.go": `package main

import (
	"database/sql"
	"net/http"
	"time"
)

const (
	dsn  = "postgres://db.internal/app"
	page = "http://cms.internal/home"
)

func newClient(opts ...func(*http.Client)) *http.Client {
	c := &http.Client{}
	for _, o := range opts {
		o(c)
	}
	return c
}

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return
	}
	rows, _ := db.QueryContext(r.Context(), "SELECT name FROM models")
	_ = rows
	_, _ = db.ExecContext(r.Context(), "INSERT INTO hits VALUES (1)")
	c := newClient(func(c *http.Client) { c.Timeout = 5 * time.Second })
	_, _ = c.Post(page, "text/plain", nil)
	old := newClient()
	_, _ = old.Post(page, "text/plain", nil)
}
`},
			specs: []codegentest.Spec{
				{Handler: "Handle", Kind: infer.Hoist, Call: `sql.Open("postgres", dsn)`, Freshen: `sql.Open("postgres", dsn)`, Imports: frImports, TTL: "1m"},
				{Handler: "Handle", Kind: infer.Fetch, Call: `db.QueryContext(r.Context(), "SELECT name FROM models")`, Freshen: `_hoisted0.QueryContext(ctx, "SELECT name FROM models")`, Hoisted: map[string]int{"_hoisted0": 0}},
				{Handler: "Handle", Kind: infer.Warm, Call: `db.ExecContext(r.Context(), "INSERT INTO hits VALUES (1)")`, WarmFunc: "WarmSQL", WarmArgs: []string{"_hoisted0"}, Hoisted: map[string]int{"_hoisted0": 0}},
				{Handler: "Handle", Kind: infer.Hoist, Call: `newClient(func(c *http.Client) { c.Timeout = 5 * time.Second })`, Freshen: `newClient(func(c *http.Client) { c.Timeout = 5 * time.Second })`, Imports: map[string]string{"http": "net/http", "time": "time"}},
				{Handler: "Handle", Kind: infer.Warm, Call: `c.Post(page, "text/plain", nil)`, WarmFunc: "WarmHTTP", WarmArgs: []string{"_hoisted3", "page"}, Hoisted: map[string]int{"_hoisted3": 3}},
				{Handler: "Handle", Kind: infer.Hoist, Call: `newClient()`, Freshen: `newClient()`, Ignored: "tuned per request"},
				{Handler: "Handle", Kind: infer.Warm, Call: `old.Post(page, "text/plain", nil)`, WarmFunc: "WarmHTTP", WarmArgs: []string{"_hoisted5", "page"}, Hoisted: map[string]int{"_hoisted5": 5}},
			},
		},
		{
			// Two handlers; an inlined binary expression keeps its meaning.
			name: "two",
			files: map[string]string{"main.go": `package main

import (
	"net/http"
	"os"
)

var base = os.Getenv("BASE")

//freshen:handler
func A(w http.ResponseWriter, r *http.Request) {
	u := base + "/a"
	http.Get(u)
}

//freshen:handler
func b(w http.ResponseWriter, r *http.Request) {
	http.Head(base)
}
`},
			specs: []codegentest.Spec{
				{Handler: "A", Kind: infer.Fetch, Call: "http.Get(u)", Freshen: `fr.HTTPGet(ctx, http.DefaultClient, base + "/a")`, Imports: frImports},
				{Handler: "b", Kind: infer.Fetch, Call: "http.Head(base)", Freshen: `fr.HTTPHead(ctx, http.DefaultClient, base)`, Imports: frImports},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgPath := "example.com/" + tt.name
			p := codegentest.Load(t, pkgPath, tt.files)
			res := p.Result(t, tt.specs...)
			plan := codegen.NewPlan(p.Fset, p.Files, p.Info, res, tt.opts)
			got, err := codegen.Generate(plan)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(got, []byte(codegen.Header+"\n")) {
				t.Errorf("first line is not the header:\n%s", got)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), codegen.GenFile, got, 0); err != nil {
				t.Errorf("generated file does not parse: %v", err)
			}
			if formatted, err := format.Source(got); err != nil || !bytes.Equal(formatted, got) {
				t.Errorf("generated file is not gofmt-clean (err %v)", err)
			}
			// Deterministic: a second run from a fresh plan gives the same bytes.
			again, err := codegen.Generate(codegen.NewPlan(p.Fset, p.Files, p.Info, res, tt.opts))
			if err != nil || !bytes.Equal(got, again) {
				t.Errorf("second generation differs (err %v)", err)
			}
			var notes strings.Builder
			for _, e := range plan.Entries() {
				notes.WriteString("// entry " + e.Finding.Text + ": index " + itoa(e.Index) + " const " + e.Const + " skip " + e.Skip)
				for _, n := range e.Notes {
					notes.WriteString(" note " + n)
				}
				notes.WriteString("\n")
			}
			golden(t, filepath.Join("..", "testdata", "gen", "codegen", tt.name+".golden"), append(got, []byte("\n"+notes.String())...))
		})
	}
}

func TestGenerateNothing(t *testing.T) {
	p := codegentest.Load(t, "example.com/none", map[string]string{"a.go": "package a\n\nimport \"net/http\"\n\nfunc H() { http.Get(\"x\") }\n"})
	res := p.Result(t, codegentest.Spec{Handler: "H", Kind: infer.Fetch, Call: `http.Get("x")`, Ignored: "no"})
	got, err := codegen.Generate(codegen.NewPlan(p.Fset, p.Files, p.Info, res, codegen.Options{}))
	if err != nil || got != nil {
		t.Fatalf("Generate = %q, %v; want nil, nil", got, err)
	}
}

func itoa(i int) string {
	if i < 0 {
		return "-1"
	}
	return string(rune('0' + i))
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
