package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// safeBuffer is a bytes.Buffer the progress goroutine and the test can
// share.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestUnknownCommand: a misspelt command is an error with a suggestion,
// not a package pattern.
func TestUnknownCommand(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"lsit", "./..."}, "Did you mean list?"},
		{[]string{"chekc"}, "Did you mean check?"},
		{[]string{"versoin"}, "Did you mean version?"},
		{[]string{"dif", "."}, "Did you mean fix or diff?"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), `unknown command "`+tt.args[0]+`"`) || !strings.Contains(errb.String(), tt.want) || out.Len() > 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out.String(), errb.String(), tt.want)
		}
	}
	// Patterns are never mistaken for commands.
	for _, arg := range []string{"./...", ".", "./list", "example.com/app/..."} {
		if err := commandOrPatterns(newRoot(&bytes.Buffer{}, &bytes.Buffer{}), []string{arg}); err != nil {
			t.Errorf("%s: %v", arg, err)
		}
	}
}

// TestFormatFlags: every command takes --format and --json the same way.
func TestFormatFlags(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"list", "--format", "json", "."}, 0},
		{[]string{"list", "-json", "."}, 0},
		{[]string{"check", "--json", "."}, 1},
		{[]string{"diff", "--format=json", "."}, 1},
		{[]string{"version", "--json"}, 0},
	} {
		code, out, errs := fg(t, dir, tt.args...)
		var v any
		if code != tt.code || json.Unmarshal([]byte(out), &v) != nil {
			t.Errorf("%v: exit %d (want %d), output not JSON:\n%s%s", tt.args, code, tt.code, out, errs)
		}
	}
	for _, args := range [][]string{
		{"list", "--format", "sarif", "."},
		{"check", "--json", "--format", "sarif", "."},
		{"version", "--format", "yaml"},
	} {
		if code, _, errs := fg(t, dir, args...); code != 2 || !strings.Contains(errs, "--") {
			t.Errorf("%v: exit %d, want 2 with the flag named\n%s", args, code, errs)
		}
	}
}

// TestFixJSON: fix --format json describes each package and what changed,
// and then the tree is as after a plain fix.
func TestFixJSON(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	code, out, errs := fg(t, dir, "fix", "--json", ".")
	var sums []fixSummary
	if code != 0 || json.Unmarshal([]byte(out), &sums) != nil || len(sums) != 1 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	s := sums[0]
	if s.Package != "example.com/basic" || s.Fetch != 1 || s.Warm != 1 || strings.Join(s.Changed, " ") != "freshen_gen.go main.go" {
		t.Errorf("summary %+v", s)
	}
	if code, out, _ := fg(t, dir, "check", "."); code != 0 {
		t.Errorf("check after fix --json: exit %d\n%s", code, out)
	}
}

// TestListPaths: in a package below the working directory, every path
// keeps its directory (the --explain lines too), positions are
// file:line:col, and an ignore without a reason is an error line.
func TestListPaths(t *testing.T) {
	t.Parallel()
	dir := module(t, "nested")
	code, out, errs := fg(t, dir, "list", "--explain", "./...")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"api/api.go:12:15: warm #0 ",
		"\tnot a fetch: argument base + \"/items/\" + r.URL.Query().Get(... depends on parameter r (api/api.go:12)",
		"api/api.go:16:19: rejected http.Get(r.URL.Query().Get(\"src\")): URL r.URL.Query().Get(\"src\") depends on parameter r (api/api.go:16)",
		"api/api.go:19:2: error: //freshen:ignore",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("list output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = fg(t, dir, "list", "-json", "./...")
	if code != 0 || !strings.Contains(errs, "api/api.go:19:2: error: //freshen:ignore") {
		t.Errorf("list -json: exit %d, want the directive error on stderr:\n%s", code, errs)
	}
	var items []listItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list -json is not a JSON array of findings: %v\n%s", err, out)
	}
	// The contract: pos relative to the module root.
	if len(items) == 0 || items[0].Pos != "api/api.go:12:15" {
		t.Errorf("items %+v", items)
	}
}

func TestVersionText(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const mod = "github.com/freshen-go/freshen"
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: mod, Version: "v0.3.1"}},
			"freshen-gen v0.3.1 (module github.com/freshen-go/freshen v0.3.1, go1.26.8)"},
		{"go tool in another module", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "example.com/app", Version: "(devel)"},
			Deps: []*debug.Module{{Path: mod, Version: "v0.4.0"}}},
			"freshen-gen v0.4.0 (module github.com/freshen-go/freshen v0.4.0, go1.26.8)"},
		{"checkout, stamped", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: mod, Version: "v0.3.2-0.20261130101500-abc1234def56+dirty"},
			Settings: settings("vcs.revision", "abc1234def567890", "vcs.time", "2026-11-30T10:15:00Z", "vcs.modified", "true")},
			"freshen-gen v0.3.2-0.20261130101500-abc1234def56+dirty: built from a source checkout, vcs revision abc1234def56 (2026-11-30T10:15:00Z), modified (module github.com/freshen-go/freshen, go1.26.8)"},
		{"checkout, pseudo-version only", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: mod, Version: "v0.0.0-20261130101500-abc1234def56"}},
			"freshen-gen v0.0.0-20261130101500-abc1234def56: built from a source checkout, vcs revision abc1234def56 (module github.com/freshen-go/freshen, go1.26.8)"},
		{"devel with vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: mod, Version: "(devel)"},
			Settings: settings("vcs.revision", "abc1234", "vcs.modified", "false")},
			"freshen-gen devel: built from a source checkout, vcs revision abc1234 (module github.com/freshen-go/freshen, go1.26.8)"},
		{"devel without vcs", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: mod, Version: "(devel)"}},
			"freshen-gen devel: built from a source checkout without version control information (module github.com/freshen-go/freshen, go1.26.8)"},
		{"replaced by a checkout", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "example.com/app"},
			Deps: []*debug.Module{{Path: mod, Version: "v0.0.0", Replace: &debug.Module{Path: "../freshen"}}}},
			"freshen-gen devel: built from a source checkout without version control information (module github.com/freshen-go/freshen, replaced by ../freshen, go1.26.8)"},
	}
	for _, tt := range tests {
		if got := readVersion(tt.bi, true).text(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	if got := readVersion(nil, false).text(); !strings.Contains(got, "devel") {
		t.Errorf("no build info: %s", got)
	}
}

func TestVersionHelp(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"version", "--help"}, &out, &out); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, flag := range []string{"--chdir", "--tags", "--ttl", "--handlers", "--mod-edit"} {
		if strings.Contains(out.String(), flag) {
			t.Errorf("version --help lists %s:\n%s", flag, out.String())
		}
	}
	if !strings.Contains(out.String(), "--format") {
		t.Errorf("version --help lacks --format:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"list", "--help"}, &out, &out); code != 0 || !strings.Contains(out.String(), "--tags") {
		t.Errorf("list --help lost the loading flags:\n%s", out.String())
	}
}

func TestProgress(t *testing.T) {
	var buf safeBuffer
	stop := progress(&buf, true, 10*time.Millisecond, "loading ./...")
	time.Sleep(100 * time.Millisecond)
	stop()
	if s := buf.String(); !strings.Contains(s, "\rfreshen-gen: loading ./... (0s)") || !strings.HasSuffix(s, "\r\033[K") {
		t.Errorf("terminal: %q", s)
	}
	var quiet safeBuffer
	stop = progress(&quiet, false, 0, "loading")
	time.Sleep(20 * time.Millisecond)
	stop()
	// Fast loads print nothing.
	stop = progress(&quiet, true, time.Hour, "loading")
	stop()
	if quiet.String() != "" {
		t.Errorf("printed when not a terminal or before the delay: %q", quiet.String())
	}
	if isTerminal(&quiet) {
		t.Error("a buffer is not a terminal")
	}
}

// TestCRLFAndLineDirectives: a CRLF file with a //line directive is
// reported at its real positions, stays CRLF throughout after fix, and
// builds.
func TestCRLFAndLineDirectives(t *testing.T) {
	t.Parallel()
	dir := module(t, "basic")
	main := filepath.Join(dir, "main.go")
	src, _ := os.ReadFile(main)
	src = bytes.Replace(src, []byte("//freshen:handler"), []byte("//line handler.tmpl:100\n//freshen:handler"), 1)
	src = bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	os.WriteFile(main, src, 0o644)

	code, out, errs := fg(t, dir, "list", ".")
	if code != 0 || !strings.Contains(out, "main.go:24:15: fetch #0 http.Get(modelURL)") || strings.Contains(out, "tmpl") {
		t.Errorf("list: exit %d, want real positions:\n%s%s", code, out, errs)
	}
	// The blocker's position in --explain is the real file's too.
	code, out, errs = fg(t, dir, "list", "--explain", ".")
	if code != 0 || !strings.Contains(out, "main.go:44:20: rejected http.Get(src): URL src depends on parameter r (main.go:43)") || strings.Contains(out, "tmpl") {
		t.Errorf("list --explain: exit %d, want real positions:\n%s%s", code, out, errs)
	}
	code, out, _ = fg(t, dir, "check", ".")
	if code != 1 || !strings.Contains(out, "main.go:24:15: freshen opportunity not applied") || strings.Contains(out, "tmpl") {
		t.Errorf("check: exit %d, want real positions:\n%s", code, out)
	}
	if code, out, errs := fg(t, dir, "fix", "."); code != 0 {
		t.Fatalf("fix: exit %d\n%s%s", code, out, errs)
	}
	got, _ := os.ReadFile(main)
	if !bytes.Contains(got, []byte("fr.FrFetch(")) || !bytes.Contains(got, []byte("\"github.com/freshen-go/freshen/fr\"\r\n")) {
		t.Errorf("not rewritten, or the import line lost its CRLF:\n%q", got)
	}
	if n := bytes.Count(got, []byte("\n")) - bytes.Count(got, []byte("\r\n")); n != 0 {
		t.Errorf("%d lines of main.go end in a bare LF after fix", n)
	}
	goCmd(t, dir, nil, "build", "./...")
	if code, out, _ := fg(t, dir, "check", "."); code != 0 {
		t.Errorf("check after fix: exit %d\n%s", code, out)
	}
}

// TestRule: check's rule ids, the analyzer's drift messages included.
func TestRule(t *testing.T) {
	for msg, want := range map[string]string{
		"fr.FrFetch wraps http.Get(u + p), which is no longer freshen-constant: argument u + p depends on parameter r (main.go:3); it could serve stale or another request's data": "not-constant",
		"fr.FrHoist wraps sql.Open(d, dsn), which can no longer be shared between invocations: x; every invocation would get the value the first one built":                        "not-constant",
		"fr.FrWarm wraps http.Get(u), which is now a fetch; rerun freshen-gen fix":                                                                                                 "drifted",
		"wrapper drifted: index frHandle0, want frHandle1":                                                                                                                         "drifted",
		"stale wrapper: the call is no longer a freshen opportunity":                                                                                                               "stale-wrapper",
	} {
		if got := rule(msg); got != want {
			t.Errorf("rule(%q) = %s, want %s", msg, got, want)
		}
		if ruleText[want] == "" {
			t.Errorf("rule %s has no SARIF description", want)
		}
	}
}

// TestREADMEExplain: the samples under "Reading `--explain`" in the
// README are lines freshen-gen prints for the packages it names.
func TestREADMEExplain(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, _ := strings.Cut(string(readme), "### Reading `--explain`")
	sec, _, _ = strings.Cut(sec, "\n### ")
	var samples []string
	in := false
	for _, line := range strings.Split(sec, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			in = !in
		case in && line != "":
			samples = append(samples, line)
		}
	}
	if len(samples) < 5 {
		t.Fatalf("found %d sample lines in the README section", len(samples))
	}
	var out strings.Builder
	for _, pkg := range []string{"httpbasic", "helpsame", "cataws1"} {
		// The repository's own module: leave its go.mod alone.
		code, stdout, stderr := fgEnv(t, filepath.Join(repoRoot, "testdata", "src", pkg), []string{"GOFLAGS=-mod=readonly"}, "list", "--explain", ".")
		if code != 0 {
			t.Fatalf("list --explain in testdata/src/%s: exit %d\n%s", pkg, code, stderr)
		}
		out.WriteString(stdout)
	}
	lines := strings.Split(out.String(), "\n")
	for _, s := range samples {
		if !slices.Contains(lines, s) {
			t.Errorf("README sample not in the output:\n%s", s)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", out.String())
	}
}
