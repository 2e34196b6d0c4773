package rewrite_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/codegen/codegentest"
	"github.com/freshen-go/freshen/infer"
	"github.com/freshen-go/freshen/rewrite"
)

var update = flag.Bool("update", false, "rewrite golden files")

var imps = map[string]string{"fr": codegen.FrPath, "http": "net/http", "net": "net"}

func fetch(h, call string, nth int) codegentest.Spec {
	return codegentest.Spec{Handler: h, Kind: infer.Fetch, Call: call, Nth: nth, Freshen: "fr.HTTPGet(ctx, http.DefaultClient, u)", Imports: imps}
}

func warm(h, call string) codegentest.Spec {
	return codegentest.Spec{Handler: h, Kind: infer.Warm, Call: call, WarmFunc: "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "u"}, Imports: imps}
}

func TestRewriteGolden(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		specs []codegentest.Spec
	}{
		{
			name: "shapes",
			files: map[string]string{"main.go": `package main

import (
	"context"
	"io"
	"net/http"
)

const u = "http://cfg.internal/v1" // the config service

func use(resp *http.Response, err error) {}

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	// a statement call
	http.Get(u)
	a, err := http.Get(u) /* trailing */
	_, _ = a, err
	_, _ = http.Get(u)
	use(http.Get(u))
	if resp, err := http.Get(u); err != nil {
		_ = resp
		return
	}
	defer http.Get(u)
	go http.Get(u)
	get := http.DefaultClient.Get
	_, _ = get(u)
	_, _ = http.Post(u, "text/plain", nil)
	_, _ = io.Copy(w, nil)
}

func helper(ctx context.Context) (*http.Response, error) {
	return http.Get(u)
}

//freshen:handler
func Other() {
	_, _ = http.Get(u)
}
`},
			specs: []codegentest.Spec{
				fetch("Handle", "http.Get(u)", 0),
				fetch("Handle", "http.Get(u)", 1),
				fetch("Handle", "http.Get(u)", 2),
				fetch("Handle", "http.Get(u)", 3),
				fetch("Handle", "http.Get(u)", 4),
				fetch("Handle", "http.Get(u)", 5),
				fetch("Handle", "http.Get(u)", 6),
				fetch("Handle", "get(u)", 0),
				warm("Handle", `http.Post(u, "text/plain", nil)`),
				fetch("Handle", "http.Get(u)", 7),
				fetch("Other", "http.Get(u)", 8),
			},
		},
		{
			// Not gofmt-clean: only the edited calls change; fr and context
			// are taken, so the imports get other names; the result type's
			// package is not imported by this file.
			name: "odd",
			files: map[string]string{
				"client.go": "package odd\n\nimport \"net/http\"\n\nvar client = &http.Client{}\n",
				"odd.go": `package odd
import "fmt"
var fr, context = 1, 2
const u="http://x.internal/"
//freshen:handler
func   Handle( ) {
	resp ,  err := client.Get(u)    // keep me
	fmt.Println(resp,err, fr, context)
	x := client.Get
	_ = x
}
`},
			specs: []codegentest.Spec{fetch("Handle", "client.Get(u)", 0)},
		},
		{
			// Single-result calls use FrFetch1/FrWarm1; an own ctx argument
			// is passed through; a handoff warm keeps the call's shape.
			name: "single",
			files: map[string]string{"single.go": `package single

import (
	"context"
	"database/sql"
	"net"
)

var db *sql.DB

//freshen:handler
func Handle(ctx context.Context) error {
	row := db.QueryRowContext(ctx, "SELECT 1")
	var n int
	if err := row.Scan(&n); err != nil {
		return err
	}
	c, err := net.Dial("tcp", "db.internal:5432")
	if err != nil {
		return err
	}
	return c.Close()
}
`},
			specs: []codegentest.Spec{
				{Handler: "Handle", Kind: infer.Fetch, Call: `db.QueryRowContext(ctx, "SELECT 1")`, Freshen: `db.QueryRowContext(ctx, "SELECT 1")`},
				{Handler: "Handle", Kind: infer.Warm, Call: `net.Dial("tcp", "db.internal:5432")`, WarmFunc: "DialContext", WarmArgs: []string{`"tcp"`, `"db.internal:5432"`}, Handoff: true, Imports: imps},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "example.com/" + tt.name
			p := codegentest.Load(t, path, tt.files)
			plan := codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t, tt.specs...), codegen.Options{})
			out := map[string]string{}
			var report strings.Builder
			for i, f := range p.Files {
				name := p.Names[i]
				res, err := rewrite.File(plan, p.Info, f, p.Src[name])
				if err != nil {
					t.Fatal(err)
				}
				got, why := res.Src, res.Reasons
				out[name] = string(got)
				fmt.Fprintf(&report, "-- %s --\n%s", name, got)
				for _, w := range why {
					fmt.Fprintf(&report, "// why %s:%d: %s\n", filepath.Base(w.Pos.Filename), w.Pos.Line, w.Msg)
				}
				if was, _ := format.Source(p.Src[name]); bytes.Equal(was, p.Src[name]) {
					if now, err := format.Source(got); err != nil || !bytes.Equal(now, got) {
						t.Errorf("%s: was gofmt-clean, rewritten file is not", name)
					}
				}
			}
			gen, err := codegen.Generate(plan)
			if err != nil {
				t.Fatal(err)
			}
			out[codegen.GenFile] = string(gen)
			for _, e := range plan.Entries() {
				if e.Skip != "" {
					fmt.Fprintf(&report, "// skip %s: %s\n", e.Finding.Text, e.Skip)
				}
			}
			golden(t, filepath.Join("..", "testdata", "gen", "rewrite", tt.name+".golden"), []byte(report.String()))

			// Second round on the output: nothing changes.
			p2 := codegentest.Load(t, path, out)
			plan2 := codegen.NewPlan(p2.Fset, p2.Files, p2.Info, p2.Result(t, tt.specs...), codegen.Options{})
			for i, f := range p2.Files {
				name := p2.Names[i]
				if name == codegen.GenFile {
					continue
				}
				res, err := rewrite.File(plan2, p2.Info, f, p2.Src[name])
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(res.Src, p2.Src[name]) || len(res.Reasons) > 0 {
					t.Errorf("%s: second rewrite not a no-op (why %v):\n%s", name, res.Reasons, res.Src)
				}
			}
			gen2, err := codegen.Generate(plan2)
			if err != nil || !bytes.Equal(gen, gen2) {
				t.Errorf("generated file changed on the second run (err %v):\n%s", err, gen2)
			}
		})
	}
}

// TestRewriteDrift covers a wrapper whose index drifted after a call was
// inserted before it, and a stale wrapper whose call stopped being an
// opportunity: the first is renumbered, the second unwrapped, and the
// runtime import dropped once nothing uses it.
func TestRewriteDrift(t *testing.T) {
	gen := `// Code generated by freshen-gen. DO NOT EDIT.

package drift

import "github.com/freshen-go/freshen/fr"

var frHandle = fr.NewState("example.com/drift.Handle", 2)

const (
	frHandle0 = 0
	frHandle1 = 1
)
`
	src := `package drift

import (
	"net/http"

	"github.com/freshen-go/freshen/fr"
)

const u = "http://x.internal/"

var v string

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	_, _ = http.Head(u)
	_, _ = fr.FrFetch(r.Context(), frHandle, frHandle0, func() (*http.Response, error) { return http.Get(u) })
	_, _ = fr.FrFetch(r.Context(), frHandle, frHandle1, func() (*http.Response, error) {
		return http.Get(v)
	})
}
`
	p := codegentest.Load(t, "example.com/drift", map[string]string{"drift.go": src, codegen.GenFile: gen})
	specs := []codegentest.Spec{
		{Handler: "Handle", Kind: infer.Fetch, Call: "http.Head(u)", Freshen: "fr.HTTPHead(ctx, http.DefaultClient, u)", Imports: imps},
		fetch("Handle", "http.Get(u)", 0),
	}
	plan := codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t, specs...), codegen.Options{})
	i := slices.Index(p.Names, "drift.go")
	res, err := rewrite.File(plan, p.Info, p.Files[i], p.Src["drift.go"])
	if err != nil {
		t.Fatal(err)
	}
	got, why := res.Src, res.Reasons
	var report strings.Builder
	report.Write(got)
	for _, w := range why {
		fmt.Fprintf(&report, "// why %d: %s\n", w.Pos.Line, w.Msg)
	}
	golden(t, filepath.Join("..", "testdata", "gen", "rewrite", "drift.golden"), []byte(report.String()))

	// With no findings left at all, every wrapper goes and so does the import.
	plan = codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t), codegen.Options{})
	res, err = rewrite.File(plan, p.Info, p.Files[i], p.Src["drift.go"])
	if err != nil {
		t.Fatal(err)
	}
	got = res.Src
	if bytes.Contains(got, []byte("fr.")) || bytes.Contains(got, []byte("freshen/fr")) {
		t.Errorf("runtime still referenced after removing every opportunity:\n%s", got)
	}
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

// TestRewriteLineEndings: a CRLF file gets CRLF import lines and wrappers,
// with no line ending mixed in, and otherwise the same edits as with LF;
// //line directives do not move the positions of reasons.
func TestRewriteLineEndings(t *testing.T) {
	const src = `package crlf

import "net/http"

const u = "http://x.internal/"

//line handler.tmpl:100
//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(u)
	_, _ = resp, err
	if resp, err := http.Post(u, "text/plain", r.Body); err == nil {
		resp.Body.Close()
	}
}
`
	specs := []codegentest.Spec{
		fetch("Handle", "http.Get(u)", 0),
		{Handler: "Handle", Kind: infer.Warm, Call: `http.Post(u, "text/plain", r.Body)`, WarmFunc: "WarmHTTP", WarmArgs: []string{"http.DefaultClient", "u"}, Imports: imps},
	}
	rewriteOne := func(src string) *rewrite.Result {
		t.Helper()
		p := codegentest.Load(t, "example.com/crlf", map[string]string{"crlf.go": src})
		plan := codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t, specs...), codegen.Options{})
		res, err := rewrite.File(plan, p.Info, p.Files[0], p.Src["crlf.go"])
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	lf := rewriteOne(src)
	crlf := rewriteOne(strings.ReplaceAll(src, "\n", "\r\n"))
	if want := strings.ReplaceAll(string(lf.Src), "\n", "\r\n"); string(crlf.Src) != want {
		t.Errorf("CRLF rewrite:\n%q\nwant\n%q", crlf.Src, want)
	}
	if n := strings.Count(string(crlf.Src), "\n") - strings.Count(string(crlf.Src), "\r\n"); n > 0 {
		t.Errorf("%d lines end in a bare LF", n)
	}
	if !strings.Contains(string(lf.Src), "fr.FrFetch(") || !strings.Contains(string(lf.Src), "\"github.com/freshen-go/freshen/fr\"") {
		t.Fatalf("nothing wrapped:\n%s", lf.Src)
	}
	for _, why := range crlf.Reasons {
		if why.Pos.Filename != "crlf.go" || why.Pos.Line < 10 || why.Pos.Line > 12 {
			t.Errorf("reason at %s, want crlf.go lines 10-12 (not the //line position): %s", why.Pos, why.Msg)
		}
	}
}

// TestRewriteHoist wraps constructors in fr.FrHoist: the build gets a
// context parameter in place of the call's own context (a variable is
// shadowed, r.Context() gives way to the parameter, context.TODO() stays),
// a second run changes nothing, and unwrapping gives back the source as
// written, without the imports only the wrappers used.
func TestRewriteHoist(t *testing.T) {
	src := `package hoist

import (
	"context"
	"net/http"
)

type store struct{ name string }

func newStore(ctx context.Context, name string) (*store, error) { return &store{name}, ctx.Err() }

type client struct{}

func newClient() *client { return &client{} }

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := newStore(ctx, "a")
	b, err := newStore(r.Context(), "b")
	c, err := newStore(context.TODO(), "c")
	d := newClient()
	_, _, _, _, _ = a, b, c, d, err
}
`
	hoist := func(call, freshen string) codegentest.Spec {
		return codegentest.Spec{Handler: "Handle", Kind: infer.Hoist, Call: call, Freshen: freshen}
	}
	specs := func(bCall string) []codegentest.Spec {
		return []codegentest.Spec{
			hoist(`newStore(ctx, "a")`, `newStore(ctx, "a")`),
			hoist(bCall, `newStore(ctx, "b")`),
			hoist(`newStore(context.TODO(), "c")`, `newStore(context.TODO(), "c")`),
			hoist(`newClient()`, `newClient()`),
		}
	}
	p := codegentest.Load(t, "example.com/hoist", map[string]string{"hoist.go": src})
	plan := codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t, specs(`newStore(r.Context(), "b")`)...), codegen.Options{})
	res, err := rewrite.File(plan, p.Info, p.Files[0], p.Src["hoist.go"])
	if err != nil {
		t.Fatal(err)
	}
	gen, err := codegen.Generate(plan)
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	report.Write(res.Src)
	for _, w := range res.Reasons {
		fmt.Fprintf(&report, "// why %d: %s\n", w.Pos.Line, w.Msg)
	}
	fmt.Fprintf(&report, "-- %s --\n%s", codegen.GenFile, gen)
	golden(t, filepath.Join("..", "testdata", "gen", "rewrite", "hoist.golden"), []byte(report.String()))
	if now, err := format.Source(res.Src); err != nil || !bytes.Equal(now, res.Src) {
		t.Errorf("rewritten file is not gofmt-clean (err %v)", err)
	}

	// Second run: a no-op.
	out := map[string]string{"hoist.go": string(res.Src), codegen.GenFile: string(gen)}
	p2 := codegentest.Load(t, "example.com/hoist", out)
	i := slices.Index(p2.Names, "hoist.go")
	plan2 := codegen.NewPlan(p2.Fset, p2.Files, p2.Info, p2.Result(t, specs(`newStore(ctx, "b")`)...), codegen.Options{})
	res2, err := rewrite.File(plan2, p2.Info, p2.Files[i], p2.Src["hoist.go"])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res2.Src, res.Src) || len(res2.Reasons) > 0 {
		t.Errorf("second rewrite not a no-op (why %v):\n%s", res2.Reasons, res2.Src)
	}

	// No opportunity left: the source comes back as written.
	plan3 := codegen.NewPlan(p2.Fset, p2.Files, p2.Info, p2.Result(t), codegen.Options{})
	res3, err := rewrite.File(plan3, p2.Info, p2.Files[i], p2.Src["hoist.go"])
	if err != nil {
		t.Fatal(err)
	}
	if string(res3.Src) != src {
		t.Errorf("unwrapping did not restore the source:\n%s", res3.Src)
	}
}

// TestRewriteHoistImports: the context import a hoist wrapper needs is
// added, and removed again with the wrapper.
func TestRewriteHoistImports(t *testing.T) {
	src := `package hoist

import "net/http"

type client struct{}

func newClient() *client { return &client{} }

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	c := newClient()
	_ = c
}
`
	spec := codegentest.Spec{Handler: "Handle", Kind: infer.Hoist, Call: `newClient()`, Freshen: `newClient()`}
	p := codegentest.Load(t, "example.com/hoist", map[string]string{"hoist.go": src})
	plan := codegen.NewPlan(p.Fset, p.Files, p.Info, p.Result(t, spec), codegen.Options{})
	res, err := rewrite.File(plan, p.Info, p.Files[0], p.Src["hoist.go"])
	if err != nil {
		t.Fatal(err)
	}
	gen, err := codegen.Generate(plan)
	if err != nil {
		t.Fatal(err)
	}
	want := `	c := fr.FrHoist1(r.Context(), frHandle, frHandle0, func(context.Context) *client { return newClient() })`
	if !strings.Contains(string(res.Src), want) || !strings.Contains(string(res.Src), "\t\"context\"\n") {
		t.Fatalf("wrapped:\n%s", res.Src)
	}
	p2 := codegentest.Load(t, "example.com/hoist", map[string]string{"hoist.go": string(res.Src), codegen.GenFile: string(gen)})
	i := slices.Index(p2.Names, "hoist.go")
	plan2 := codegen.NewPlan(p2.Fset, p2.Files, p2.Info, p2.Result(t), codegen.Options{})
	res2, err := rewrite.File(plan2, p2.Info, p2.Files[i], p2.Src["hoist.go"])
	if err != nil {
		t.Fatal(err)
	}
	if string(res2.Src) != src {
		t.Errorf("unwrapped:\n%s\nwhy %v", res2.Src, res2.Reasons)
	}
}
