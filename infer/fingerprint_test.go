package infer_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
	"time"

	"github.com/freshen-go/freshen/infer"
)

// finding builds a finding whose freshen form (fetch) or warm arguments
// are parsed from src, with package idents resolved through refs.
func finding(t *testing.T, kind infer.Kind, text string, refs map[string]string, src ...string) *infer.Finding {
	t.Helper()
	f := &infer.Finding{Kind: kind, API: "net/http.Get", Text: text, PkgRefs: map[*ast.Ident]string{},
		Results: []types.Type{types.Typ[types.String]}}
	var exprs []ast.Expr
	for _, s := range src {
		// Padding moves every position: the fingerprint must not notice.
		e, err := parser.ParseExprFrom(token.NewFileSet(), "x.go", strings.Repeat("\n", len(text))+s, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && refs[id.Name] != "" {
					f.PkgRefs[id] = refs[id.Name]
				}
			}
			return true
		})
		exprs = append(exprs, e)
	}
	if kind == infer.Fetch {
		f.Freshen = exprs[0]
	} else {
		f.WarmFunc, f.WarmArgs = "WarmHTTP", exprs
	}
	return f
}

func TestFingerprint(t *testing.T) {
	std := map[string]string{"fr": infer.FrPath, "http": "net/http", "h": "net/http"}
	base := finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, http.DefaultClient, base+"/model")`)
	ttl := finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, http.DefaultClient, base+"/model")`)
	ttl.TTL, ttl.TTLSet = 30*time.Second, true
	warm := finding(t, infer.Warm, "http.Get(u)", std, "http.DefaultClient", "base")
	tests := []struct {
		name string
		f    *infer.Finding
		same bool
	}{
		{"same code elsewhere", finding(t, infer.Fetch, "http.Get(u) // moved", std, `fr.HTTPGet(ctx, http.DefaultClient, base+"/model")`), true},
		{"import renamed", finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, h.DefaultClient, base+"/model")`), true},
		{"other literal", finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, http.DefaultClient, base+"/other")`), false},
		{"other variable", finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, http.DefaultClient, root+"/model")`), false},
		{"other operator", finding(t, infer.Fetch, "http.Get(u)", std, `fr.HTTPGet(ctx, http.DefaultClient, base+("/model"))`), false},
		{"a local named like the package", finding(t, infer.Fetch, "http.Get(u)", map[string]string{"fr": infer.FrPath}, `fr.HTTPGet(ctx, http.DefaultClient, base+"/model")`), false},
		{"ttl directive", ttl, false},
		{"warm", warm, false},
	}
	fp := infer.Fingerprint(base)
	if len(fp) != 8 {
		t.Fatalf("fingerprint %q, want 8 hex digits", fp)
	}
	for _, tt := range tests {
		if got := infer.Fingerprint(tt.f) == fp; got != tt.same {
			t.Errorf("%s: same fingerprint = %v, want %v", tt.name, got, tt.same)
		}
	}
}

// TestStale reads a generated file's declarations and compares them with
// findings, the way check and the vet tool both do.
func TestStale(t *testing.T) {
	std := map[string]string{"fr": infer.FrPath, "http": "net/http"}
	get := finding(t, infer.Fetch, "http.Get(modelURL)", std, "fr.HTTPGet(ctx, http.DefaultClient, modelURL)")
	post := finding(t, infer.Warm, `http.Post(resultURL, "text/plain", body)`, std, "http.DefaultClient", "resultURL")
	get.Index, post.Index = 0, 1
	file := func(entries ...*infer.Finding) *ast.File {
		var b strings.Builder
		fmt.Fprintf(&b, "package main\n\nvar frHandle = fr.NewState(%q, %d)\n\nconst (\n", "example.com/app.Handle", len(entries))
		for i, f := range entries {
			fmt.Fprintf(&b, "\tfrHandle%d = %d // %s\n", i, i, infer.EntryComment(f))
		}
		b.WriteString(")\n")
		f, err := parser.ParseFile(token.NewFileSet(), "freshen_gen.go", b.String(), parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	h := &infer.Handler{Name: "example.com/app.Handle"}
	other := finding(t, infer.Fetch, "http.Get(otherURL)", std, "fr.HTTPGet(ctx, http.DefaultClient, otherURL)")
	inlined := finding(t, infer.Fetch, "http.Get(modelURL)", std, `fr.HTTPGet(ctx, http.DefaultClient, modelURL+"?v=2")`)
	asWarm := finding(t, infer.Warm, "http.Get(modelURL)", std, "http.DefaultClient", "modelURL")
	tests := []struct {
		name    string
		decl    []*infer.Finding
		applied []*infer.Finding
		size    int
		want    []string
	}{
		{"current", []*infer.Finding{get, post}, []*infer.Finding{get, post}, 2, nil},
		{"new opportunity", []*infer.Finding{get, post}, []*infer.Finding{get, post, withIndex(other, 2)}, 3,
			[]string{"handler Handle has 3 opportunities, the file declares 2", "fetch #2 of Handle (http.Get(otherURL)) is not declared"}},
		{"call changed", []*infer.Finding{get, post}, []*infer.Finding{withIndex(other, 0), post}, 2,
			[]string{"fetch #0 of Handle is now http.Get(otherURL)"}},
		{"operand changed, same call text", []*infer.Finding{get, post}, []*infer.Finding{withIndex(inlined, 0), post}, 2,
			[]string{"fetch #0 of Handle (http.Get(modelURL)) now fetches something else (its operands changed)"}},
		{"kind changed", []*infer.Finding{get, post}, []*infer.Finding{withIndex(asWarm, 0), post}, 2,
			[]string{"#0 of Handle is now a warm: http.Get(modelURL)"}},
		{"entry dropped", []*infer.Finding{get, post}, []*infer.Finding{get}, 1,
			[]string{"handler Handle has 1 opportunity, the file declares 2", `#1 of Handle (http.Post(resultURL, "text/plain", body)) is no longer applied`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gens := infer.ReadGenerated(file(tt.decl...))
			if len(gens) != 1 || gens[0].Name != h.Name || gens[0].State != "frHandle" || len(gens[0].Entries) != len(tt.decl) {
				t.Fatalf("ReadGenerated: %+v", gens)
			}
			var got []string
			for _, s := range gens[0].Stale(h, tt.applied, tt.size) {
				if !s.Pos.IsValid() {
					t.Errorf("%q has no position", s.Msg)
				}
				got = append(got, s.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func withIndex(f *infer.Finding, i int) *infer.Finding {
	c := *f
	c.Index = i
	return &c
}

func TestApplied(t *testing.T) {
	h := &infer.Handler{Findings: []*infer.Finding{
		{Index: 0, Wrapped: true},
		{Index: 1},
		{Index: 2, Wrapped: true, Ignored: "flaky"},
		{Index: 3, Wrapped: true},
		{Index: 4, Wrapped: true, Skip: "in a defer statement"},
	}}
	applied, size := infer.Applied(h)
	if len(applied) != 2 || applied[0].Index != 0 || applied[1].Index != 3 || size != 4 {
		t.Errorf("Applied = %d findings, size %d; want #0 and #3, size 4", len(applied), size)
	}
}

// TestReadGeneratedOldComments: files written before fingerprints carry
// the call's position; its text still compares.
func TestReadGeneratedOldComments(t *testing.T) {
	src := `package main

var frHandle = fr.NewState("example.com/app.Handle", 1)

const (
	frHandle0 = 0 // main.go:31 http.Get(modelURL)
)
`
	f, err := parser.ParseFile(token.NewFileSet(), "freshen_gen.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	gens := infer.ReadGenerated(f)
	if len(gens) != 1 || gens[0].Entries[0] == nil {
		t.Fatalf("ReadGenerated: %+v", gens)
	}
	e := gens[0].Entries[0]
	if e.Text != "http.Get(modelURL)" || e.Kind != "" || e.Fingerprint != "" {
		t.Errorf("entry %+v, want the call text only", e)
	}
	get := &infer.Finding{Kind: infer.Fetch, Text: "http.Get(modelURL)"}
	if st := gens[0].Stale(&infer.Handler{Name: "example.com/app.Handle"}, []*infer.Finding{get}, 1); len(st) != 0 {
		t.Errorf("an old file with the same calls is stale: %v", st)
	}
	// Constants without comments (written by hand) are only counted.
	f, err = parser.ParseFile(token.NewFileSet(), "freshen_gen.go", "package main\n\nvar frHandle = fr.NewState(\"example.com/app.Handle\", 1)\n\nconst frHandle0 = 0\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if st := infer.ReadGenerated(f)[0].Stale(&infer.Handler{Name: "example.com/app.Handle"}, []*infer.Finding{get}, 1); len(st) != 0 {
		t.Errorf("a constant without a comment is stale: %v", st)
	}
}
