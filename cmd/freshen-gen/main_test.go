package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the freshen checkout the test modules replace the runtime with.
var repoRoot string

// binary is freshen-gen built once for the whole test binary. End-to-end
// tests run it as a subprocess: it is the command users run, and it runs
// without the race detector, which slows type-checking the standard
// library several times over while it has nothing to find there (the
// engine and the analyzer are race-tested in their own packages, and the
// command's own goroutine, the progress line, in TestProgress).
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	root, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	repoRoot = root
	tmp, err := os.MkdirTemp("", "freshen-gen-test-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(tmp)
	binary = filepath.Join(tmp, "freshen-gen")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building freshen-gen: %v\n%s", err, out)
		return 2
	}
	// Test modules resolve everything from the module cache; -mod=mod lets
	// go add the runtime's own requirements to their go.mod.
	os.Setenv("GOFLAGS", "-mod=mod")
	os.Setenv("GOPROXY", "off")
	os.Setenv("GOWORK", "off")
	return m.Run()
}

// module copies testdata/gen/mod/name to a temporary directory, pointing its
// replace directive for freshen at this checkout (an absolute path, hence
// written now); other replace directives (stand-in SDK modules inside the
// golden module) are kept.
func module(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join(repoRoot, "testdata", "gen", "mod", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = regexp.MustCompile(`(?m)^replace github.com/freshen-go/freshen => .*$`).ReplaceAll(data, []byte("replace github.com/freshen-go/freshen => "+repoRoot))
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(repoRoot, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// fixedModule is module(t, name) as fix leaves it: the golden files
// (which TestFixGolden holds to what fix writes) copied over it, so tests
// that start from a fixed tree do not each run fix first.
func fixedModule(t *testing.T, name string) string {
	t.Helper()
	dir := module(t, name)
	golden := filepath.Join(repoRoot, "testdata", "gen", "golden", name)
	entries, err := os.ReadDir(golden)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(golden, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fg runs the freshen-gen binary in dir.
func fg(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return fgEnv(t, dir, nil, args...)
}

// fgEnv is fg with env added to the environment.
func fgEnv(t *testing.T, dir string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := exec.Command(binary, append([]string{"-C", dir}, args...)...)
	c.Stdout, c.Stderr = &out, &errb
	if env != nil {
		c.Env = append(os.Environ(), env...)
	}
	err := c.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running freshen-gen: %v", err)
	}
	return code, out.String(), errb.String()
}

func goCmd(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	c := exec.Command("go", args...)
	c.Dir = dir
	c.Env = append(os.Environ(), env...)
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// snapshot reads every .go file of dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[rel] = string(data)
		}
		return nil
	})
	return files
}

// TestFixGolden runs the whole cycle on each golden module: check and diff
// report work to do, fix matches the golden files, the result builds, vets
// and passes the module's own behaviour tests, and then fix is a no-op and
// check and diff are clean.
func TestFixGolden(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"basic", "shapes", "greet", "awsv1", "awsv2", "hoist"} {
		t.Run(name, func(t *testing.T) {
			dir := module(t, name)
			before := snapshot(t, dir)

			if code, out, errs := fg(t, dir, "check", "./..."); code != 1 || !strings.Contains(out, "not applied") {
				t.Fatalf("check before fix: exit %d, want 1\n%s%s", code, out, errs)
			}
			if code, out, _ := fg(t, dir, "diff", "./..."); code != 1 || !strings.Contains(out, "+++ b/freshen_gen.go") {
				t.Fatalf("diff before fix: exit %d, want 1\n%s", code, out)
			}
			if !equalMaps(before, snapshot(t, dir)) {
				t.Fatal("check or diff wrote files")
			}
			code, out, errs := fg(t, dir, "./...") // fix is the default command
			if code != 0 {
				t.Fatalf("fix: exit %d\n%s%s", code, out, errs)
			}
			after := snapshot(t, dir)
			for file, data := range after {
				if before[file] == data {
					continue
				}
				golden(t, filepath.Join(repoRoot, "testdata", "gen", "golden", name, file), data)
			}

			goCmd(t, dir, nil, "build", "./...")
			goCmd(t, dir, nil, "vet", "./...")
			goCmd(t, dir, []string{"FRESHEN_EXPECT=1"}, "test", "-count=1", "./...")

			if code, out, errs := fg(t, dir, "fix", "./..."); code != 0 || !strings.Contains(out, "up to date") {
				t.Fatalf("second fix: exit %d\n%s%s", code, out, errs)
			}
			if !equalMaps(after, snapshot(t, dir)) {
				t.Error("second fix changed files")
			}
			if code, out, errs := fg(t, dir, "check", "./..."); code != 0 || out != "" {
				t.Errorf("check after fix: exit %d, want 0\n%s%s", code, out, errs)
			}
			if code, out, _ := fg(t, dir, "diff", "./..."); code != 0 || out != "" {
				t.Errorf("diff after fix: exit %d, want 0\n%s", code, out)
			}
		})
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden (go test -update to accept):\n%s", path, unified("want", "got", want, []byte(got)))
	}
}

func TestListJSON(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	code, out, errs := fg(t, dir, "list", "-json", "./...")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	want := []map[string]any{
		{"pos": "main.go:23:15", "kind": "fetch", "handler": "example.com/basic.Handle", "index": 0.0, "call": "http.Get(modelURL)", "api": "net/http.Get"},
		{"pos": "main.go:37:15", "kind": "warm", "handler": "example.com/basic.Handle", "index": 1.0, "api": "net/http.Post"},
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d:\n%s", len(items), len(want), out)
	}
	for i, w := range want {
		for k, v := range w {
			if items[i][k] != v {
				t.Errorf("item %d: %s = %v, want %v", i, k, items[i][k], v)
			}
		}
	}

	// --explain adds the calls freshen leaves alone, with a reason.
	code, out, _ = fg(t, dir, "list", "--explain", "-json", "./...")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	items = nil
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	rejected := 0
	for _, it := range items {
		if it["kind"] == "rejected" {
			rejected++
			if r, _ := it["reason"].(string); r == "" {
				t.Errorf("rejected item without reason: %v", it)
			}
		}
	}
	if rejected == 0 {
		t.Errorf("--explain listed no rejected calls:\n%s", out)
	}
	code, out, _ = fg(t, dir, "list", "--explain", "./...")
	if code != 0 || !strings.Contains(out, "rejected") {
		t.Errorf("text --explain: exit %d\n%s", code, out)
	}
}

// TestCheck covers each kind of difference check reports.
func TestCheck(t *testing.T) {
	t.Parallel()
	dir := fixedModule(t, "basic")
	main := filepath.Join(dir, "main.go")
	gen := filepath.Join(dir, "freshen_gen.go")
	orig, _ := os.ReadFile(main)
	origGen, _ := os.ReadFile(gen)
	restore := func() {
		os.WriteFile(main, orig, 0o644)
		os.WriteFile(gen, origGen, 0o644)
	}
	tests := []struct {
		name string
		edit func()
		want []string
	}{
		{"clean", func() {}, nil},
		{"stale generated file", func() {
			os.WriteFile(gen, bytes.Replace(origGen, []byte("return frHandle.Run("), []byte("return frHandle.Run(\n\t\t/* edited */"), 1), 0o644)
		}, []string{"freshen_gen.go:1:1: freshen_gen.go is stale: it differs from what freshen-gen fix writes"}},
		{"unrelated edit", func() {
			// Lines added above the handler move every call: not a difference.
			src := strings.Replace(string(orig), "//freshen:handler", "// helper is new.\nfunc helper() {}\n\n//freshen:handler", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, nil},
		{"other operand", func() {
			src := strings.Replace(string(orig), "return http.Get(modelURL)", "return http.Get(modelURL + \"?v=2\")", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{`freshen_gen.go:17:2: freshen_gen.go is stale: fetch #0 of Handle is now http.Get(modelURL + "?v=2")`}},
		{"unapplied and drifted", func() {
			// a new fetch before the others shifts every index
			src := strings.Replace(string(orig), "\tresp, err := fr.FrFetch(", "\t_, _ = http.Head(modelURL)\n\tresp, err := fr.FrFetch(", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{"main.go:25:9: freshen opportunity not applied: http.Head(modelURL)", "main.go:26:15: wrapper drifted: index frHandle0, want frHandle1",
			"freshen_gen.go:13:5: freshen_gen.go is stale: handler Handle has 3 opportunities, the file declares 2",
			"freshen_gen.go:17:2: freshen_gen.go is stale: fetch #0 of Handle is now http.Head(modelURL)"}},
		// A wrapped call that stopped being freshen-constant is reported
		// as go vet reports it: it could serve another request's data.
		{"no longer constant", func() {
			src := strings.Replace(string(orig), "return http.Get(modelURL)", "return http.Get(modelURL + r.URL.Path)", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{"main.go:25:15: fr.FrFetch wraps http.Get(modelURL + r.URL.Path), which is no longer freshen-constant: argument modelURL + r.URL.Path depends on parameter r (main.go:25); it could serve stale or another request's data (only its connection can be warmed now; rerun freshen-gen fix)\n"}},
		{"stale wrapper", func() {
			src := strings.Replace(string(orig), "return http.Get(modelURL)", "return http.Get(r.URL.Query().Get(\"u\"))", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{"main.go:25:15: fr.FrFetch wraps http.Get(r.URL.Query().Get(\"u\")), which is no longer freshen-constant: URL r.URL.Query().Get(\"u\") depends on parameter r (main.go:25); it could serve stale or another request's data\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer restore()
			tt.edit()
			code, out, errs := fg(t, dir, "check", "./...")
			wantCode := 1
			if tt.want == nil {
				wantCode = 0
			}
			if code != wantCode {
				t.Fatalf("exit %d, want %d\n%s%s", code, wantCode, out, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "main.go:25:15: wrapper drifted") || strings.Contains(out, "main.go:25:15: stale wrapper") {
				t.Errorf("a drifted call reported as a wrapper difference:\n%s", out)
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if line != "" && !regexp.MustCompile(`^[^:]+\.go:\d+:\d+: .+`).MatchString(line) {
					t.Errorf("line %q is not file:line:col: reason", line)
				}
			}
		})
	}
}

func TestCheckFormats(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	code, out, _ := fg(t, dir, "check", "--format", "json", "./...")
	var fs []checkFinding
	if code != 1 || json.Unmarshal([]byte(out), &fs) != nil || len(fs) != 3 {
		t.Errorf("json: exit %d, %d findings\n%s", code, len(fs), out)
	}

	code, out, _ = fg(t, dir, "check", "--format=sarif", "./...")
	if code != 1 {
		t.Fatalf("sarif: exit %d", code)
	}
	validateSARIF(t, out)
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID string `json:"id"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("sarif is not JSON: %v", err)
	}
	if log.Version != "2.1.0" || !strings.HasSuffix(log.Schema, "sarif-schema-2.1.0.json") || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log: %+v", log)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "freshen-gen" || len(run.Results) != 3 {
		t.Fatalf("driver %q, %d results", run.Tool.Driver.Name, len(run.Results))
	}
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result rule %q index %d does not match the rules", r.RuleID, r.RuleIndex)
		}
		if r.Level != "error" || r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %+v incomplete", r)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI == "" || loc.Region.StartLine < 1 {
			t.Errorf("bad location %+v", loc)
		}
	}

	if code, _, errs := fg(t, dir, "check", "--format", "xml", "./..."); code != 2 || !strings.Contains(errs, "xml") {
		t.Errorf("unknown format: exit %d %s", code, errs)
	}
}

// validateSARIF checks a log against the OASIS SARIF 2.1.0 schema
// (testdata/gen/sarif). gojsonschema is the validator the SARIF library
// already brings into the module graph.
func validateSARIF(t *testing.T, log string) {
	t.Helper()
	schema := gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(filepath.Join(repoRoot, "testdata", "gen", "sarif", "sarif-schema-2.1.0.json")))
	res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(log))
	if err != nil {
		t.Fatalf("validating SARIF: %v", err)
	}
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}
}

// TestSARIFSchemaCatches makes sure the validation can fail.
func TestSARIFSchemaCatches(t *testing.T) {
	schema := gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(filepath.Join(repoRoot, "testdata", "gen", "sarif", "sarif-schema-2.1.0.json")))
	for _, doc := range []string{
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`, // driver without name
		`{"version": "2.0.0", "runs": []}`,                         // wrong version
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"level": "fatal", "message": {"text": "m"}}]}]}`, // bad level
	} {
		res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if res.Valid() {
			t.Errorf("schema accepts %s", doc)
		}
	}
}

func TestOverlayBuild(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	before := snapshot(t, dir)
	ov := t.TempDir()
	code, out, errs := fg(t, dir, "overlay", "-o", ov, "./...")
	if code != 0 {
		t.Fatalf("overlay: exit %d\n%s%s", code, out, errs)
	}
	if !equalMaps(before, snapshot(t, dir)) {
		t.Fatal("overlay changed the source tree")
	}
	var o struct{ Replace map[string]string }
	data, err := os.ReadFile(filepath.Join(ov, "overlay.json"))
	if err != nil || json.Unmarshal(data, &o) != nil || len(o.Replace) != 2 {
		t.Fatalf("overlay.json: %v\n%s", err, data)
	}
	goCmd(t, dir, nil, "build", "-overlay", filepath.Join(ov, "overlay.json"), "./...")
	goCmd(t, dir, []string{"FRESHEN_EXPECT=1"}, "test", "-count=1", "-overlay", filepath.Join(ov, "overlay.json"), "./...")
	if code, _, _ := fg(t, dir, "overlay", "./..."); code != 2 {
		t.Errorf("overlay without -o: exit %d, want 2", code)
	}

	// Inside the module, a directory ./... would match is refused before
	// anything is written; one the go command ignores (the README's
	// _freshen) can be written again and again without nesting, and
	// list still sees the module's handler once.
	for _, o := range []string{"out", ".", "sub/out"} {
		if code, _, errs := fg(t, dir, "overlay", "-o", o, "./..."); code != 2 || !strings.Contains(errs, "_freshen") {
			t.Errorf("overlay -o %s inside the module: exit %d, want 2 naming a directory go ignores\n%s", o, code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a refused overlay created its directory")
	}
	for range 2 {
		if code, out, errs := fg(t, dir, "overlay", "-o", "_freshen", "./..."); code != 0 || !strings.Contains(out, "go build -overlay _freshen/overlay.json") {
			t.Fatalf("overlay -o _freshen: exit %d\n%s%s", code, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "_freshen", "_freshen")); err == nil {
		t.Error("a second overlay run nested its output")
	}
	code, out, _ = fg(t, dir, "list", "-json", "./...")
	var items []listItem
	if code != 0 || json.Unmarshal([]byte(out), &items) != nil || len(items) != 2 {
		t.Errorf("list after overlay -o _freshen: exit %d, want the module's 2 findings\n%s", code, out)
	}
	goCmd(t, dir, nil, "build", "-overlay", "_freshen/overlay.json", "./...")
}

func TestErrors(t *testing.T) {
	t.Parallel()
	t.Run("type errors", func(t *testing.T) {
		dir := module(t, "typeerr")
		before := snapshot(t, dir)
		for _, cmd := range []string{"fix", "list", "check", "diff"} {
			code, _, errs := fg(t, dir, cmd, "./...")
			if code != 2 || !regexp.MustCompile(`(?m)^\tmain\.go:7:\d+: undefined: undefinedURL|: main\.go:7:\d+: undefined: undefinedURL`).MatchString(errs) {
				t.Errorf("%s: exit %d, want 2 with file:line\n%s", cmd, code, errs)
			}
		}
		if !equalMaps(before, snapshot(t, dir)) {
			t.Error("files written for a package that does not type-check")
		}
	})
	t.Run("unwritable", func(t *testing.T) {
		// Each case makes one target unwritable; fix must exit 2 naming it,
		// write nothing at all, and leave a package that still builds.
		tests := []struct {
			name  string
			file  string                              // the file the error names
			load  bool                                // refused while reading, before any write
			spoil func(t *testing.T, dir string) bool // false: cannot be set up here
		}{
			{"read-only file", "main.go", false, func(t *testing.T, dir string) bool {
				return os.Chmod(filepath.Join(dir, "main.go"), 0o444) == nil
			}},
			{"read-only directory", "freshen_gen.go", false, func(t *testing.T, dir string) bool {
				return os.Chmod(dir, 0o555) == nil
			}},
			{"directory at the target", "freshen_gen.go", true, func(t *testing.T, dir string) bool {
				return os.Mkdir(filepath.Join(dir, "freshen_gen.go"), 0o755) == nil
			}},
			{"read-only subdirectory", "sub/freshen_gen.go", false, func(t *testing.T, dir string) bool {
				// The package in a subdirectory of the working directory.
				sub := filepath.Join(dir, "sub")
				if err := os.Mkdir(sub, 0o755); err != nil {
					return false
				}
				for _, f := range []string{"main.go", "main_test.go"} {
					if err := os.Rename(filepath.Join(dir, f), filepath.Join(sub, f)); err != nil {
						return false
					}
				}
				return os.Chmod(sub, 0o555) == nil
			}},
			{"symbolic link", "main.go", false, func(t *testing.T, dir string) bool {
				main := filepath.Join(dir, "main.go")
				return os.Rename(main, main+".orig") == nil && os.Symlink("main.go.orig", main) == nil
			}},
			{"immutable file", "main.go", false, func(t *testing.T, dir string) bool {
				// Stops root too, where the file system supports it.
				return exec.Command("chattr", "+i", filepath.Join(dir, "main.go")).Run() == nil
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				dir := module(t, "basic")
				before := snapshot(t, dir)
				if !tt.spoil(t, dir) {
					t.Skipf("cannot make %s unwritable on this system", tt.file)
				}
				t.Cleanup(func() {
					exec.Command("chattr", "-i", filepath.Join(dir, "main.go")).Run()
					os.Chmod(dir, 0o755)
					os.Chmod(filepath.Join(dir, "sub"), 0o755)
				})
				before = snapshot(t, dir)
				code, _, errs := fg(t, dir, "fix", "./...")
				want := "cannot write " + tt.file + ": "
				if tt.load {
					want = tt.file + ": "
				}
				if code != 2 || !strings.Contains(errs, want) || !tt.load && !strings.Contains(errs, "no file was changed") {
					t.Errorf("exit %d, want 2 naming %s\n%s", code, tt.file, errs)
				}
				// Paths relative to the working directory, and what is wrong
				// in words (not a file mode).
				if strings.Contains(errs, dir) || strings.Contains(errs, "L---") {
					t.Errorf("message names an absolute path or a file mode:\n%s", errs)
				}
				if w := map[string]string{
					"read-only directory":    "cannot write freshen_gen.go: the working directory is read-only",
					"read-only subdirectory": "cannot write sub/freshen_gen.go: directory sub is read-only",
					"symbolic link":          "cannot write main.go: it is a symbolic link; fix does not write through links",
				}[tt.name]; !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
				if after := snapshot(t, dir); !equalMaps(before, after) {
					t.Errorf("fix changed files although it failed")
				}
				goCmd(t, dir, nil, "build", "-o", os.DevNull, "./...")
			})
		}
	})
	t.Run("usage", func(t *testing.T) {
		dir := module(t, "basic")
		if code, _, _ := fg(t, dir, "list", "--no-such-flag"); code != 2 {
			t.Errorf("unknown flag: exit %d, want 2", code)
		}
		if code, _, errs := fg(t, filepath.Join(dir, "missing"), "list"); code != 2 || !strings.Contains(errs, "missing") {
			t.Errorf("bad -C: exit %d, want 2: %s", code, errs)
		}
		if code, _, _ := fg(t, dir, "list", "./nothing/..."); code != 2 {
			t.Errorf("no packages: exit %d, want 2", code)
		}
		// An error without a position is the message alone.
		if code, _, errs := fg(t, dir, "list", "foo"); code != 2 || !strings.Contains(errs, "package does not load: package foo is not in std") {
			t.Errorf("list foo: exit %d, want 2 without a position\n%s", code, errs)
		}
		// Outside a module: one line that says so, not the go command's text.
		empty := t.TempDir()
		os.WriteFile(filepath.Join(empty, "x.go"), []byte("package x\n"), 0o644)
		for _, pat := range []string{"./...", "."} {
			code, _, errs := fg(t, empty, "list", pat)
			if code != 2 || !strings.Contains(errs, "is not in a Go module") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Errorf("list %s outside a module: exit %d\n%s", pat, code, errs)
			}
		}
	})
}

// TestMissingRequirement: fix says what to run when the module does not
// require the runtime yet, taking an existing replace into account, and
// what it says works.
func TestMissingRequirement(t *testing.T) {
	t.Parallel()
	const req = "go mod edit -require=github.com/freshen-go/freshen@v0.0.0 && go mod tidy"
	const clone = "go mod edit -replace=github.com/freshen-go/freshen=/path/to/freshen -require=github.com/freshen-go/freshen@v0.0.0 && go mod tidy"
	replaceOnly := func(o string) string { return regexp.MustCompile(`(?m)^require .*$`).ReplaceAllString(o, "") }
	// The go command's default, not the tests' -mod=mod, which would
	// add the requirement by itself.
	readonly := []string{"GOFLAGS=-mod=readonly"}
	tests := []struct {
		name    string
		gomod   func(orig string) string
		first   bool // run fix without --mod-edit first, as a user rerunning it would have
		args    []string
		code    int
		want    []string // in stderr
		notWant []string
		run     string // run this hint, then the module must build
	}{
		{name: "required", gomod: func(o string) string { return o }, notWant: []string{"does not require"}},
		// There is no release: the hint is the replace of a local clone
		// that the README describes, not a go get that cannot resolve.
		{name: "nothing", gomod: func(string) string { return "module example.com/basic\n\ngo 1.26\n" },
			want: []string{clone, "no tagged release"}, notWant: []string{"@latest", "go get", "--mod-edit"},
			run: strings.Replace(clone, "/path/to/freshen", repoRoot, 1)},
		{name: "mod-edit without replace", gomod: func(string) string { return "module example.com/basic\n\ngo 1.26\n" },
			args: []string{"--mod-edit"}, code: 2, want: []string{clone, "nothing written"}},
		{name: "replace only", gomod: replaceOnly, want: []string{req}, notWant: []string{"-replace", "@latest"}, run: req},
		{name: "mod-edit with replace", gomod: replaceOnly, args: []string{"--mod-edit"}, notWant: []string{"does not require"}, run: "true"},
		// The rerun the hint suggests: the rewritten code imports the
		// runtime, so go.mod is edited before the packages are loaded.
		{name: "mod-edit rerun", gomod: replaceOnly, first: true, args: []string{"--mod-edit"}, notWant: []string{"does not require", "do not load"}, run: "true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := module(t, "basic")
			gomod := filepath.Join(dir, "go.mod")
			orig, _ := os.ReadFile(gomod)
			os.WriteFile(gomod, []byte(tt.gomod(string(orig))), 0o644)
			if tt.first {
				if code, _, errs := fgEnv(t, dir, readonly, "fix", "."); code != 0 || !strings.Contains(errs, "--mod-edit") {
					t.Fatalf("first fix: exit %d\n%s", code, errs)
				}
				// Without the requirement the rewritten package does not load;
				// the error says what to run.
				if code, _, errs := fgEnv(t, dir, readonly, "list", "."); code != 2 || !strings.Contains(errs, req) || strings.Count(errs, "could not import") != 0 {
					t.Errorf("list after fix: exit %d, want 2 naming the cause once and what to run\n%s", code, errs)
				}
			}
			before := snapshot(t, dir)
			code, _, errs := fgEnv(t, dir, readonly, append([]string{"fix"}, append(tt.args, ".")...)...)
			if code != tt.code {
				t.Fatalf("fix: exit %d, want %d\n%s", code, tt.code, errs)
			}
			if code != 0 && !equalMaps(before, snapshot(t, dir)) {
				t.Error("fix failed but wrote files")
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(errs, w) {
					t.Errorf("stderr has %q:\n%s", w, errs)
				}
			}
			if tt.run != "" {
				sh := exec.Command("sh", "-c", tt.run)
				sh.Dir = dir
				if out, err := sh.CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%s", tt.run, err, out)
				}
				goCmd(t, dir, []string{"GOFLAGS=-mod=readonly"}, "build", "./...")
			}
		})
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"version"}, &out, &out); code != 0 || !strings.HasPrefix(out.String(), "freshen-gen ") {
		t.Errorf("version: exit %d %q", code, out.String())
	}
}

func TestUnifiedDiff(t *testing.T) {
	a := []byte("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n")
	b := []byte("a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\n")
	got := unified("a/x", "b/x", a, b)
	want := "--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if unified("a", "b", a, a) != "" {
		t.Error("equal inputs produce a diff")
	}
}

// TestRemoveLast: when a handler loses its last opportunity, fix unwraps the
// stale wrappers, drops the runtime import and deletes freshen_gen.go, and
// the package still builds.
func TestRemoveLast(t *testing.T) {
	t.Parallel()
	dir := fixedModule(t, "basic")
	main := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(main)
	// Both endpoints now come from the request: nothing is constant.
	s := strings.Replace(string(src), "return http.Get(modelURL)", `return http.Get(r.URL.Query().Get("m"))`, 1)
	s = strings.Replace(s, "return http.Post(resultURL,", `return http.Post(r.URL.Query().Get("res"),`, 1)
	os.WriteFile(main, []byte(s), 0o644)
	os.Remove(filepath.Join(dir, "main_test.go")) // it expects the handler to be freshened
	// Reported as go vet reports it, not as a mere stale wrapper.
	if code, out, _ := fg(t, dir, "check", "."); code != 1 || !strings.Contains(out, `main.go:25:15: fr.FrFetch wraps http.Get(r.URL.Query().Get("m")), which is no longer freshen-constant`) {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "freshen_gen.go")); !os.IsNotExist(err) {
		t.Errorf("freshen_gen.go still there: %v", err)
	}
	got, _ := os.ReadFile(main)
	if bytes.Contains(got, []byte("fr.")) || bytes.Contains(got, []byte("freshen/fr")) {
		t.Errorf("runtime still referenced:\n%s", got)
	}
	goCmd(t, dir, nil, "build", "./...")
	if code, out, _ := fg(t, dir, "check", "."); code != 0 {
		t.Errorf("check after removal: exit %d\n%s", code, out)
	}
}

// TestGoGenerateTool documents and checks the go:generate setup with Go's
// tool directive: go get -tool, then go generate runs fix.
func TestGoGenerateTool(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds freshen-gen inside a test module")
	}
	dir := module(t, "basic")
	goCmd(t, dir, nil, "get", "-tool", "github.com/freshen-go/freshen/cmd/freshen-gen")
	gen := "package main\n\n//go:generate go tool freshen-gen fix .\n"
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), []byte(gen), 0o644); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, nil, "generate", "./...")
	if _, err := os.Stat(filepath.Join(dir, "freshen_gen.go")); err != nil {
		t.Fatalf("go generate did not write freshen_gen.go: %v", err)
	}
	goCmd(t, dir, nil, "build", "./...")
}

// TestHandlersAndTTL: --handlers restricts the plan, --ttl sets a default
// TTL for fetches whose result type can be copied.
func TestHandlersAndTTL(t *testing.T) {
	t.Parallel()
	dir := module(t, "shapes")
	code, out, errs := fg(t, dir, "fix", "--handlers", "Page", "--ttl", "30s", ".")
	if code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	gen, _ := os.ReadFile(filepath.Join(dir, "freshen_gen.go"))
	if !bytes.Contains(gen, []byte("frPage.SetTTL(frPage0, 30*time.Second)")) || bytes.Contains(gen, []byte("shapes.Handle")) {
		t.Errorf("want only Page, with a 30s TTL:\n%s", gen)
	}
	if src, _ := os.ReadFile(filepath.Join(dir, "shapes.go")); bytes.Contains(src, []byte("fr.FrFetch")) {
		t.Error("Handle was rewritten although not selected")
	}
	goCmd(t, dir, nil, "build", "./...")
	// Handle is left out on purpose: check with the same selection is clean.
	if code, out, _ := fg(t, dir, "check", "--handlers=Page", "--ttl=30s", "."); code != 0 {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// TestBrokenGenerated: a generated file that no longer compiles (its
// freshen function names a variable the user renamed) does not stop fix,
// which regenerates it.
func TestBrokenGenerated(t *testing.T) {
	t.Parallel()
	dir := fixedModule(t, "basic")
	main := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, bytes.ReplaceAll(src, []byte("modelURL"), []byte("modelAddr")), 0o644)
	if code, out, _ := fg(t, dir, "check", "."); code != 1 || !strings.Contains(out, "freshen_gen.go is stale: fetch #0 of Handle is now http.Get(modelAddr)") {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	goCmd(t, dir, nil, "build", "./...")
	if gen, _ := os.ReadFile(filepath.Join(dir, "freshen_gen.go")); !bytes.Contains(gen, []byte("modelAddr)")) {
		t.Errorf("not regenerated:\n%s", gen)
	}
}

// TestRecoverDeletedGenerated: a deleted freshen_gen.go (git clean -fdx)
// leaves wrapped call sites naming undefined identifiers; list and check
// still run, and fix writes the same file again.
func TestRecoverDeletedGenerated(t *testing.T) {
	t.Parallel()
	dir := module(t, "shapes")
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	fixed := snapshot(t, dir)
	gen := filepath.Join(dir, "freshen_gen.go")
	if err := os.Remove(gen); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := fg(t, dir, "list", "."); code != 0 || !strings.Contains(out, "applied") || !strings.Contains(errs, "freshen_gen.go is missing or does not compile") {
		t.Errorf("list: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := fg(t, dir, "check", "."); code != 1 || !strings.Contains(out, "freshen_gen.go") || !strings.Contains(out, "missing") {
		t.Errorf("check: exit %d, want 1 for the missing file\n%s%s", code, out, errs)
	}
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix after deleting freshen_gen.go: exit %d\n%s%s", code, out, errs)
	}
	if got := snapshot(t, dir); !equalMaps(fixed, got) {
		t.Errorf("fix did not restore the same files:\n%s", unified("first fix", "after delete", []byte(fixed["freshen_gen.go"]), []byte(got["freshen_gen.go"])))
	}
	goCmd(t, dir, nil, "build", "./...")

	// Other type errors are still reported, not papered over.
	os.Remove(gen)
	src, _ := os.ReadFile(filepath.Join(dir, "shapes.go"))
	os.WriteFile(filepath.Join(dir, "shapes.go"), append(src, "\nvar _ = undefinedThing\n"...), 0o644)
	if code, _, errs := fg(t, dir, "fix", "."); code != 2 || !strings.Contains(errs, "undefined: undefinedThing") {
		t.Errorf("fix with another error: exit %d, want 2\n%s", code, errs)
	}
}

// TestBuildTags: -tags reaches the loader, so files behind a build
// constraint are analysed only when asked for.
func TestBuildTags(t *testing.T) {
	t.Parallel()
	dir := module(t, "tags")
	if code, out, errs := fg(t, dir, "list", "-json", "."); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("without tags: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := fg(t, dir, "list", "-tags", "cloud", "-json", ".")
	if code != 0 || !strings.Contains(out, `"pos": "cloud.go:11:15"`) {
		t.Errorf("with -tags cloud: exit %d\n%s%s", code, out, errs)
	}
}

func TestGoStyleFlags(t *testing.T) {
	got := goStyleFlags([]string{"list", "-json", "-tags=a,b", "-C", "x", "--explain", "-o", "d", "--", "-json"})
	want := []string{"list", "--json", "--tags=a,b", "-C", "x", "--explain", "-o", "d", "--", "-json"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestExplainWhyWarm: a read that is only warmed says, with --explain, what
// kept it from being a fetch.
func TestExplainWhyWarm(t *testing.T) {
	t.Parallel()
	dir := module(t, "whywarm")
	decode := func(out string) []map[string]any {
		t.Helper()
		var items []map[string]any
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("not a JSON array: %v\n%s", err, out)
		}
		if len(items) != 1 || items[0]["kind"] != "warm" {
			t.Fatalf("want one warm finding, got:\n%s", out)
		}
		return items
	}
	_, out, _ := fg(t, dir, "list", "-json", ".")
	if _, ok := decode(out)[0]["why_warm"]; ok {
		t.Errorf("why_warm without --explain:\n%s", out)
	}
	_, out, _ = fg(t, dir, "list", "--explain", "-json", ".")
	why, _ := decode(out)[0]["why_warm"].(string)
	if !strings.Contains(why, "depends on parameter r") || !strings.Contains(why, "main.go:11") {
		t.Errorf("why_warm = %q, want the request dependency and its line", why)
	}
	code, out, _ := fg(t, dir, "list", "--explain", ".")
	if code != 0 || !strings.Contains(out, "\tnot a fetch: ") {
		t.Errorf("text --explain: exit %d\n%s", code, out)
	}
}

// TestHandlerNames: --handlers takes the names the triggers take (full,
// within the package, or a tail of the full name from a path element),
// and a name that selects nothing is an error in every command instead
// of a silent no-op.
func TestHandlerNames(t *testing.T) {
	t.Parallel()
	dir := module(t, "shapes")
	before := snapshot(t, dir)
	for _, name := range []string{"Page", "shapes.Page", "example.com/shapes.Page"} {
		code, out, errs := fg(t, dir, "list", "--handlers", name, ".")
		if code != 0 || !strings.Contains(out, "handler Page") || strings.Contains(out, "handler Handle") {
			t.Errorf("list --handlers %s: exit %d\n%s%s", name, code, out, errs)
		}
	}
	for _, cmd := range []string{"list", "check", "diff", "fix"} {
		code, out, errs := fg(t, dir, cmd, "--handlers", "Page,Hadnle", ".")
		if code != 2 || !strings.Contains(errs, `--handlers "Hadnle": no handler`) || out != "" {
			t.Errorf("%s --handlers Page,Hadnle: exit %d, want 2 naming Hadnle\nstdout: %s\nstderr: %s", cmd, code, out, errs)
		}
	}
	if !equalMaps(before, snapshot(t, dir)) {
		t.Error("a refused run changed files")
	}
}

// TestFixRefusesMalformedDirectives: fix, diff and overlay stop on a
// malformed directive (naming it, writing nothing), since what it meant
// to exclude or limit is unknown; list shows it and leaves an ignore
// without a reason ignored.
func TestFixRefusesMalformedDirectives(t *testing.T) {
	t.Parallel()
	dir := module(t, "nested")
	before := snapshot(t, dir)
	for _, args := range [][]string{{"fix", "./..."}, {"diff", "./..."}, {"overlay", "-o", t.TempDir(), "./..."}} {
		code, out, errs := fg(t, dir, args...)
		if code != 2 || !strings.Contains(errs, "api/api.go:19:2: //freshen:ignore at api.go:19 needs a reason") ||
			!strings.Contains(errs, "1 malformed //freshen: directive; nothing written") {
			t.Errorf("%v: exit %d, want 2 naming the directive\nstdout: %s\nstderr: %s", args, code, out, errs)
		}
	}
	if !equalMaps(before, snapshot(t, dir)) {
		t.Error("a refused run changed files")
	}
	_, out, _ := fg(t, dir, "list", "./...")
	if !strings.Contains(out, "api/api.go:20:17: fetch http.Get(base + \"/config\") in example.com/nested/api.Handle, not applied: ignored: (no reason given)") {
		t.Errorf("the call under a reasonless //freshen:ignore is not listed as ignored:\n%s", out)
	}
}

// TestExamplesRecall: the bundled example (what make demo runs) keeps its
// fetches. The runtime it imports is no writer, and nothing else of the
// program writes what the steps read.
func TestExamplesRecall(t *testing.T) {
	t.Parallel()
	code, out, errs := fg(t, repoRoot, "list", "--no-cache", "./examples/...")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"examples/pipeline/infer/main.go:66:15: fetch #0 http.Get(modelURL)",
		"examples/pipeline/infer/main.go:77:16: fetch #1 http.Get(configURL)",
		"examples/pipeline/notify/main.go:56:15: fetch #0 http.Get(thresholdsURL)",
		"examples/pipeline/validate/main.go:53:15: warm #0 http.Get(store + \"/\" + req.Image)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
}
