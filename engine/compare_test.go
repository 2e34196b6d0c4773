package engine

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/analyzer"
)

// copyModule copies testdata/gen/mod/name, subdirectories included, to a
// temporary directory with the replace of this module pointing at the
// checkout.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "testdata", "gen", "mod", name)
	dst := t.TempDir()
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = regexp.MustCompile(`(?m)^replace github.com/freshen-go/freshen => .*$`).ReplaceAll(data, []byte("replace github.com/freshen-go/freshen => "+root))
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestLoadersAgree: reading dependencies from export data gives the
// same lists (findings, rejected calls with their reasons, problems) and
// the same load errors as type-checking every dependency from source,
// on every golden module and on this repository's examples.
func TestLoadersAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("loads every golden module twice")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv()
	type tcase struct {
		name, dir string
		patterns  []string
		tags      []string
	}
	cases := []tcase{{name: "examples", dir: root, patterns: []string{"./examples/..."}}}
	mods, err := os.ReadDir(filepath.Join(root, "testdata", "gen", "mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		if m.IsDir() {
			cases = append(cases, tcase{name: m.Name(), patterns: []string{"./..."}})
		}
	}
	cases = append(cases, tcase{name: "tags", patterns: []string{"./..."}, tags: []string{"cloud"}})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir
			if dir == "" {
				dir = copyModule(t, tc.name)
			}
			opts := Options{Dir: dir, Env: env, NoCache: true, Settings: Settings{Tags: tc.tags}}
			fast, fastErr := List(context.Background(), opts, tc.patterns...)
			opts.FullLoad = true
			full, fullErr := List(context.Background(), opts, tc.patterns...)
			if errMsg(fastErr) != errMsg(fullErr) {
				t.Fatalf("errors differ:\nexport data: %v\nfrom source: %v", fastErr, fullErr)
			}
			if !reflect.DeepEqual(fast, full) {
				t.Errorf("lists differ:\nexport data: %s\nfrom source: %s", dump(fast), dump(full))
			}
			if tc.name == "examples" && countFindings(fast) == 0 {
				t.Error("examples: no findings to compare")
			}
			var le *LoadError
			if fullErr != nil && !errors.As(fullErr, &le) {
				t.Fatalf("load: %v", fullErr)
			}
		})
	}
}

func errMsg(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestDependencyWithoutSyntax: a dependency that is read from export
// data (it imports nothing the analyzer looks at) still contributes its
// //go:linkname directives, so the variable it can write is not taken as
// constant.
func TestDependencyWithoutSyntax(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module twice")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/ln\n\ngo 1.22\n",
		"app/app.go": `package app

import (
	"net/http"

	_ "example.com/ln/hack"
)

var modelURL = "https://models.example.com/v1"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(modelURL)
	if err == nil {
		resp.Body.Close()
	}
}
`,
		"hack/hack.go": `package hack

import _ "unsafe"

//go:linkname modelURL example.com/ln/app.modelURL
var modelURL string

func init() { modelURL = "https://elsewhere.example.com/" }
`,
	})
	env := testEnv()
	opts := Options{Dir: dir, Env: env, NoCache: true}
	fast, err := List(context.Background(), opts, "./app")
	if err != nil {
		t.Fatal(err)
	}
	if n := countFindings(fast); n != 0 || len(fast[0].Rejected) != 1 {
		t.Errorf("export data: want http.Get(modelURL) rejected, got %s", dump(fast))
	}
	opts.FullLoad = true
	full, err := List(context.Background(), opts, "./app")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, full) {
		t.Errorf("lists differ:\nexport data: %s\nfrom source: %s", dump(fast), dump(full))
	}

	// The dependency was not type-checked: its LinknameFact came from
	// the comment scan.
	g, err := metadata(t, dir, env, "./app")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range g.order {
		if p.PkgPath == "example.com/ln/hack" {
			d := &driver{g: g, facts: map[string]*pkgFacts{}, deps: map[string][]string{}}
			if d.needsSource(p, false) {
				t.Error("hack: judged to need its source")
			}
		}
	}
}

// metadata lists the packages as Load does, without type-checking.
func metadata(t *testing.T, dir string, env []string, patterns ...string) (*graph, error) {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{Mode: metaMode, Dir: dir, Env: env}, patterns...)
	if err != nil {
		return nil, err
	}
	return newGraph(pkgs, nil), nil
}

// TestKnownFacts: the loader reads a dependency from export data only
// when it can tell, without type-checking it, every fact the analyzer
// would export for it (needsSource). A new kind of fact needs the same
// reasoning before this list is extended.
func TestKnownFacts(t *testing.T) {
	var got []string
	for _, f := range analyzer.Analyzer.FactTypes {
		got = append(got, reflect.TypeOf(f).Elem().Name())
	}
	want := []string{"HelperFact", "HasHelpers", "LinknameFact", "TouchFact", "WritesFact", "HasWrites", "EnvFact", "HasEnvWrites"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("analyzer facts = %v, the loader knows %v: see needsSource and mayHaveFacts", got, want)
	}
}
