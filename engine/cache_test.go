package engine

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeTree writes files (slash-separated names) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A module whose handler calls a fetch helper of another package: its
// findings depend on the helper's facts.
var invTree = map[string]string{
	"go.mod": "module example.com/inv\n\ngo 1.22\n",
	"lib/lib.go": `package lib

import "net/http"

// Config reads the service's configuration.
func Config() (*http.Response, error) { return http.Get("https://config.example.com/v1") }
`,
	"app/main.go": `package main

import (
	"net/http"

	"example.com/inv/lib"
)

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := lib.Config()
	if err == nil {
		resp.Body.Close()
	}
}

func main() {}
`,
	"app/extra.go": `//go:build extra

package main

import "net/http"

//freshen:handler
func Extra(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://extra.example.com/v1")
	if err == nil {
		resp.Body.Close()
	}
}
`,
}

// TestCacheInvalidation: a run served from the cache gives what a run
// without it gives, and any change of input — the package's source, a
// dependency's source, build tags, the tool — is a miss.
func TestCacheInvalidation(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module several times")
	}
	dir := t.TempDir()
	writeTree(t, dir, invTree)
	env := testEnv()
	cacheDir := t.TempDir()
	opts := Options{Dir: dir, Env: env, CacheDir: cacheDir, toolID: "tool-1"}

	// run lists with the cache, checks the result against a run without
	// it, and reports whether the cache served every package.
	run := func(what string, opts Options) ([]*PackageList, bool) {
		t.Helper()
		prog, err := load(context.Background(), opts, outList, []string{"./app"})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		fresh := opts
		fresh.NoCache = true
		want, err := List(context.Background(), fresh, "./app")
		if err != nil {
			t.Fatalf("%s without cache: %v", what, err)
		}
		if !reflect.DeepEqual(prog.lists, want) {
			t.Errorf("%s: cached run differs from a run without the cache:\n got %s\nwant %s", what, dump(prog.lists), dump(want))
		}
		return prog.lists, len(prog.Packages) == 0
	}
	first, hit := run("first run", opts)
	if hit {
		t.Fatal("first run: served from an empty cache")
	}
	if n := countFindings(first); n != 1 {
		t.Fatalf("first run: %d findings, want the helper call's: %s", n, dump(first))
	}
	if _, hit := run("unchanged", opts); !hit {
		t.Error("unchanged tree: not served from the cache")
	}

	// The package's own source.
	app := filepath.Join(dir, "app", "main.go")
	src, _ := os.ReadFile(app)
	if err := os.WriteFile(app, []byte(strings.Replace(string(src), "func main() {}", "func main() {}\n\n// A comment.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, hit := run("source edit", opts); hit {
		t.Error("source edit: served from the cache")
	}
	if _, hit := run("after source edit", opts); !hit {
		t.Error("after source edit: not served from the cache")
	}

	// A dependency's source: the helper now writes, so the call is no
	// longer a fetch.
	writeTree(t, dir, map[string]string{"lib/lib.go": strings.Replace(invTree["lib/lib.go"],
		`return http.Get("https://config.example.com/v1")`,
		`return http.Post("https://config.example.com/v1", "text/plain", nil)`, 1)})
	edited, hit := run("dependency edit", opts)
	if hit {
		t.Error("dependency edit: served from the cache")
	}
	if reflect.DeepEqual(edited, first) {
		t.Errorf("dependency edit: same list as before: %s", dump(edited))
	}

	// Build tags.
	tagged := opts
	tagged.Tags = []string{"extra"}
	if _, hit := run("tag change", tagged); hit {
		t.Error("tag change: served from the cache")
	}
	if _, hit := run("same tags again", tagged); !hit {
		t.Error("same tags again: not served from the cache")
	}

	// Another build of the tool.
	retooled := opts
	retooled.toolID = "tool-2"
	if _, hit := run("tool change", retooled); hit {
		t.Error("tool change: served from the cache")
	}

	// Damaged entries read as misses.
	damaged := 0
	filepath.WalkDir(cacheDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(filepath.Base(path), "-") {
			data, _ := os.ReadFile(path)
			os.WriteFile(path, data[:len(data)/2], 0o644)
			damaged++
		}
		return nil
	})
	if damaged == 0 {
		t.Fatal("no cache entries written")
	}
	if _, hit := run("damaged cache", retooled); hit {
		t.Error("damaged cache: served from it")
	}

	// Off means off.
	off := opts
	off.Env = append(env, "FRESHEN_CACHE=off")
	off.CacheDir = ""
	if _, hit := run("FRESHEN_CACHE=off", off); hit {
		t.Error("FRESHEN_CACHE=off: served from a cache")
	}
}

func countFindings(ls []*PackageList) int {
	n := 0
	for _, l := range ls {
		n += len(l.Findings)
	}
	return n
}

func dump(ls []*PackageList) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.PkgPath + ":")
		for _, f := range l.Findings {
			b.WriteString(" " + f.Kind + " " + f.Call + " (" + f.API + ")")
		}
		for _, r := range l.Rejected {
			b.WriteString(" rejected " + r.Call)
		}
		b.WriteString("; ")
	}
	return b.String()
}

// TestCheckCache: check results come from the cache for an unchanged
// package, and a generated file the build leaves out (fix still compares
// it) is part of the key.
func TestCheckCache(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module several times")
	}
	dir := t.TempDir()
	writeTree(t, dir, invTree)
	env := testEnv()
	opts := Options{Dir: dir, Env: env, CacheDir: t.TempDir(), toolID: "tool-1"}
	run := func(what string) ([]*PackageCheck, bool) {
		t.Helper()
		prog, err := load(context.Background(), opts, outCheck, []string{"./app"})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		fresh := opts
		fresh.NoCache = true
		want, err := Check(context.Background(), fresh, "./app")
		if err != nil {
			t.Fatalf("%s without cache: %v", what, err)
		}
		if !reflect.DeepEqual(prog.checks, want) {
			t.Errorf("%s: cached run differs from a run without the cache:\n got %+v\nwant %+v", what, prog.checks, want)
		}
		return prog.checks, len(prog.Packages) == 0
	}
	first, hit := run("first run")
	if hit || len(first) != 1 || len(first[0].Changes) == 0 {
		t.Fatalf("first run: hit %v, %+v", hit, first)
	}
	if _, hit := run("unchanged"); !hit {
		t.Error("unchanged tree: not served from the cache")
	}
	writeTree(t, dir, map[string]string{"app/freshen_gen.go": "// Code generated by freshen-gen. DO NOT EDIT.\n\n//go:build never\n\npackage main\n"})
	second, hit := run("generated file outside the build")
	if hit {
		t.Error("generated file outside the build: served from the cache")
	}
	if reflect.DeepEqual(first, second) {
		t.Errorf("generated file outside the build: same result as without it: %+v", second)
	}
}
