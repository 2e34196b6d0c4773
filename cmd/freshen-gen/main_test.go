package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the freshen checkout the test modules replace the runtime with.
var repoRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	root, err := filepath.Abs("../..")
	if err != nil {
		panic(err)
	}
	repoRoot = root
	// Test modules resolve everything from the module cache; -mod=mod lets
	// go add the runtime's own requirements to their go.mod.
	os.Setenv("GOFLAGS", "-mod=mod")
	os.Setenv("GOPROXY", "off")
	os.Setenv("GOWORK", "off")
	os.Exit(m.Run())
}

// module copies testdata/gen/mod/name to a temporary directory, pointing its
// replace directive at this checkout (an absolute path, hence written now).
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
			data = regexp.MustCompile(`(?m)^replace .*$`).ReplaceAll(data, []byte("replace github.com/freshen-go/freshen => "+repoRoot))
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

// fg runs freshen-gen in-process in dir.
func fg(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"-C", dir}, args...), &out, &errb)
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
	for _, name := range []string{"basic", "shapes", "awsv1", "awsv2"} {
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
		{"pos": "main.go:21:15", "kind": "fetch", "handler": "example.com/basic.Handle", "index": 0.0, "call": "http.Get(modelURL)", "api": "net/http.Get"},
		{"pos": "main.go:35:15", "kind": "warm", "handler": "example.com/basic.Handle", "index": 1.0, "api": "net/http.Post"},
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
	dir := module(t, "basic")
	if code, out, errs := fg(t, dir, "fix", "./..."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
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
		}, []string{"freshen_gen.go:1: generated file is stale"}},
		{"unapplied and drifted", func() {
			// a new fetch before the others shifts every index
			src := strings.Replace(string(orig), "\tresp, err := fr.FrFetch(", "\t_, _ = http.Head(modelURL)\n\tresp, err := fr.FrFetch(", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{"main.go:23: freshen opportunity not applied: http.Head(modelURL)", "main.go:24: wrapper drifted: index frHandle0, want frHandle1", "freshen_gen.go:1: generated file is stale"}},
		{"stale wrapper", func() {
			src := strings.Replace(string(orig), "return http.Get(modelURL)", "return http.Get(r.URL.Query().Get(\"u\"))", 1)
			os.WriteFile(main, []byte(src), 0o644)
		}, []string{"main.go:23: stale wrapper"}},
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
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if line != "" && !regexp.MustCompile(`^[^:]+\.go:\d+: .+`).MatchString(line) {
					t.Errorf("line %q is not file:line: reason", line)
				}
			}
		})
	}
}

func TestCheckFormats(t *testing.T) {
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
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
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

func TestOverlayBuild(t *testing.T) {
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
}

func TestErrors(t *testing.T) {
	t.Run("type errors", func(t *testing.T) {
		dir := module(t, "typeerr")
		before := snapshot(t, dir)
		for _, cmd := range []string{"fix", "list", "check", "diff"} {
			code, _, errs := fg(t, dir, cmd, "./...")
			if code != 2 || !regexp.MustCompile(`main\.go:7:\d+: undefined: undefinedURL`).MatchString(errs) {
				t.Errorf("%s: exit %d, want 2 with file:line\n%s", cmd, code, errs)
			}
		}
		if !equalMaps(before, snapshot(t, dir)) {
			t.Error("files written for a package that does not type-check")
		}
	})
	t.Run("unwritable", func(t *testing.T) {
		dir := module(t, "basic")
		// A directory where the generated file goes cannot be replaced,
		// whoever runs the test (root ignores file modes).
		if err := os.Mkdir(filepath.Join(dir, "freshen_gen.go"), 0o755); err != nil {
			t.Fatal(err)
		}
		code, _, errs := fg(t, dir, "fix", ".")
		if code != 2 || !strings.Contains(errs, "freshen_gen.go") {
			t.Errorf("exit %d, want 2\n%s", code, errs)
		}
	})
	t.Run("read-only file", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root can write read-only files")
		}
		dir := module(t, "basic")
		os.Chmod(filepath.Join(dir, "main.go"), 0o444)
		if code, _, errs := fg(t, dir, "fix", "."); code != 2 || !strings.Contains(errs, "main.go") {
			t.Errorf("exit %d, want 2\n%s", code, errs)
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
	})
}

func TestMissingRequirement(t *testing.T) {
	dir := module(t, "basic")
	gomod := filepath.Join(dir, "go.mod")
	os.WriteFile(gomod, []byte("module example.com/basic\n\ngo 1.26\n"), 0o644)
	os.Remove(filepath.Join(dir, "main_test.go")) // it imports the runtime
	code, _, errs := fg(t, dir, "fix", ".")
	if code != 0 || !strings.Contains(errs, "go get github.com/freshen-go/freshen@latest") {
		t.Errorf("exit %d; want advice to run go get:\n%s", code, errs)
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
	dir := module(t, "basic")
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	main := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(main)
	// Both endpoints now come from the request: nothing is constant.
	s := strings.Replace(string(src), "return http.Get(modelURL)", `return http.Get(r.URL.Query().Get("m"))`, 1)
	s = strings.Replace(s, "return http.Post(resultURL,", `return http.Post(r.URL.Query().Get("res"),`, 1)
	os.WriteFile(main, []byte(s), 0o644)
	os.Remove(filepath.Join(dir, "main_test.go")) // it expects the handler to be freshened
	if code, out, _ := fg(t, dir, "check", "."); code != 1 || !strings.Contains(out, "stale wrapper") {
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
	dir := module(t, "basic")
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: %d %s %s", code, out, errs)
	}
	main := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, bytes.ReplaceAll(src, []byte("modelURL"), []byte("modelAddr")), 0o644)
	if code, out, _ := fg(t, dir, "check", "."); code != 1 || !strings.Contains(out, "freshen_gen.go:1: generated file is stale") {
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

// TestBuildTags: -tags reaches the loader, so files behind a build
// constraint are analysed only when asked for.
func TestBuildTags(t *testing.T) {
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
