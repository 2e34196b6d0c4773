package drivertest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Diagnostic is one diagnostic as a driver reported it.
type Diagnostic struct {
	Posn     string `json:"posn"`               // file:line:col
	End      string `json:"end,omitempty"`      // file:line:col; "" if the driver does not say
	Category string `json:"category,omitempty"` // "" if the driver does not say
	Message  string `json:"message"`
	Fixes    []Fix  `json:"fixes,omitempty"`
}

// Fix is a suggested fix.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces the bytes [Start, End) of File with New.
type Edit struct {
	File       string `json:"file"`
	Start, End int
	New        string `json:"new"`
}

// String is the diagnostic as go vet prints it: "file:line:col: message".
func (d Diagnostic) String() string { return d.Posn + ": " + d.Message }

// Text is the diagnostics one a line, as go vet prints them.
func Text(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// JSON is the diagnostics with everything they carry, for comparing end
// positions, categories and suggested fixes too.
func JSON(ds []Diagnostic) string {
	b, err := json.Marshal(ds)
	if err != nil {
		panic(err) // strings and ints only
	}
	return string(b)
}

// Core drops what golangci-lint does not carry (end positions and
// categories), for comparing its diagnostics with another driver's.
func Core(ds []Diagnostic) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		d.End, d.Category = "", ""
		out[i] = d
	}
	return normalize(out)
}

// Module is what to analyse.
type Module struct {
	Dir      string   // module root, absolute
	Tags     []string // build tags
	Patterns []string // package patterns; default ./...
}

func (m Module) patterns() []string {
	if len(m.Patterns) == 0 {
		return []string{"./..."}
	}
	return m.Patterns
}

func (m Module) buildFlags() []string {
	if len(m.Tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(m.Tags, ",")}
}

// Env is the environment the go command runs in: the module on its own,
// with the local toolchain and no GOFLAGS from the caller.
func Env() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
}

// BuildVetTool builds cmd/freshen-vet into dst. It runs in the freshen
// module, so the caller's working directory must be inside it.
func BuildVetTool(dst string) error {
	cmd := exec.Command("go", "build", "-o", dst, "github.com/freshen-go/freshen/cmd/freshen-vet")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build freshen-vet: %w\n%s", err, out)
	}
	return nil
}

// Vet runs go vet -json -vettool=tool on m and returns its output, one
// JSON tree per package in a fixed order (go vet prints them as packages
// finish), and the diagnostics.
func Vet(tool string, m Module) ([]byte, []Diagnostic, error) {
	args := append([]string{"vet", "-json", "-vettool=" + tool}, m.buildFlags()...)
	cmd := exec.Command("go", append(args, m.patterns()...)...)
	cmd.Dir, cmd.Env = m.Dir, Env()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, nil, fmt.Errorf("go vet: %w\n%s", err, stderr.Bytes())
	}
	// One JSON tree per package, in the order the packages finished.
	var ds []Diagnostic
	var trees [][]byte
	dec := json.NewDecoder(bytes.NewReader(stdout.Bytes()))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("go vet -json output: %w", err)
		}
		var tree jsonTree
		if err := json.Unmarshal(raw, &tree); err != nil {
			return nil, nil, fmt.Errorf("go vet -json output: %w", err)
		}
		more, err := tree.diagnostics(m.Dir)
		if err != nil {
			return nil, nil, fmt.Errorf("go vet: %w", err)
		}
		ds = append(ds, more...)
		trees = append(trees, raw)
	}
	slices.SortFunc(trees, bytes.Compare)
	return bytes.Join(trees, []byte("\n")), normalize(ds), nil
}

// Checker loads m with go/packages (test variants included, as go vet
// does) and runs a through go/analysis/checker once per element of opts
// (nil: once with the default options). It returns the JSON the checker
// printed and the diagnostics of each run.
func Checker(a *analysis.Analyzer, m Module, opts ...*checker.Options) ([][]byte, [][]Diagnostic, error) {
	if len(opts) == 0 {
		opts = []*checker.Options{nil}
	}
	cfg := &packages.Config{
		Mode:       packages.LoadAllSyntax,
		Dir:        m.Dir,
		Env:        Env(),
		BuildFlags: m.buildFlags(),
		Tests:      true,
	}
	pkgs, err := packages.Load(cfg, m.patterns()...)
	if err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	var errs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, errors.New(e.Error()))
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, fmt.Errorf("load: %w", err)
	}
	var outs [][]byte
	var dss [][]Diagnostic
	for _, o := range opts {
		g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, o)
		if err != nil {
			return nil, nil, err
		}
		var buf bytes.Buffer
		if err := g.PrintJSON(&buf); err != nil {
			return nil, nil, err
		}
		var tree jsonTree
		if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
			return nil, nil, fmt.Errorf("checker JSON: %w", err)
		}
		ds, err := tree.diagnostics(m.Dir)
		if err != nil {
			return nil, nil, err
		}
		outs, dss = append(outs, buf.Bytes()), append(dss, normalize(ds))
	}
	return outs, dss, nil
}

// GolangciLint runs `bin run` on m with the configuration file config,
// golangci-lint's cache in cacheDir and extra arguments, and returns its
// JSON report and the diagnostics of linter. Build tags come from the
// configuration, not from m.
func GolangciLint(bin, config, cacheDir, linter string, m Module, extra ...string) ([]byte, []Diagnostic, error) {
	args := []string{"run", "--config=" + config, "--path-mode=abs", "--show-stats=false", "--output.json.path=stdout"}
	args = append(append(args, extra...), m.patterns()...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = m.Dir
	cmd.Env = append(Env(), "GOLANGCI_LINT_CACHE="+cacheDir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	// Exit status 1 means issues were found.
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
		return nil, nil, fmt.Errorf("golangci-lint %s: %w\n%s%s", strings.Join(args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	var rep struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
			SuggestedFixes []analysis.SuggestedFix
		}
		Report struct{ Error string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return nil, nil, fmt.Errorf("golangci-lint JSON: %w\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if rep.Report.Error != "" {
		return nil, nil, fmt.Errorf("golangci-lint: %s\n%s", rep.Report.Error, stderr.Bytes())
	}
	var ds []Diagnostic
	for _, is := range rep.Issues {
		if is.FromLinter != linter {
			return nil, nil, fmt.Errorf("golangci-lint: issue from linter %q: %s", is.FromLinter, is.Text)
		}
		file := rel(m.Dir, is.Pos.Filename)
		d := Diagnostic{Posn: fmt.Sprintf("%s:%d:%d", file, is.Pos.Line, is.Pos.Column), Message: is.Text}
		// golangci-lint's edits are byte offsets in the issue's file.
		for _, sf := range is.SuggestedFixes {
			f := Fix{Message: sf.Message}
			for _, e := range sf.TextEdits {
				f.Edits = append(f.Edits, Edit{File: file, Start: int(e.Pos), End: int(e.End), New: string(e.NewText)})
			}
			d.Fixes = append(d.Fixes, f)
		}
		ds = append(ds, d)
	}
	return stdout.Bytes(), normalize(ds), nil
}

// jsonTree is the JSON go vet -json and the checker print: package ID →
// analyzer → diagnostics, or an object with an error.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename   string `json:"filename"`
			Start, End int
			New        string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

func (t jsonTree) diagnostics(dir string) ([]Diagnostic, error) {
	var ds []Diagnostic
	var errs []error
	for pkg, byAnalyzer := range t {
		for name, raw := range byAnalyzer {
			var failed struct{ Error string }
			if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
				errs = append(errs, fmt.Errorf("%s: %s: %s", pkg, name, failed.Error))
				continue
			}
			var jds []jsonDiagnostic
			if err := json.Unmarshal(raw, &jds); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", pkg, name, err)
			}
			for _, jd := range jds {
				d := Diagnostic{Posn: relPosn(dir, jd.Posn), End: relPosn(dir, jd.End), Category: jd.Category, Message: jd.Message}
				for _, sf := range jd.SuggestedFixes {
					f := Fix{Message: sf.Message}
					for _, e := range sf.Edits {
						f.Edits = append(f.Edits, Edit{File: rel(dir, e.Filename), Start: e.Start, End: e.End, New: e.New})
					}
					d.Fixes = append(d.Fixes, f)
				}
				ds = append(ds, d)
			}
		}
	}
	return ds, errors.Join(errs...)
}

// SyncWriter serialises writes to w; checker.Options.FactLog is written
// from the goroutines that analyse packages in parallel.
type SyncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// NewSyncWriter returns a writer that serialises writes to w.
func NewSyncWriter(w io.Writer) *SyncWriter { return &SyncWriter{w: w} }

func (s *SyncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// Facts turns a checker fact log into sorted lines with paths relative to
// dir: the checker writes it from parallel goroutines.
func Facts(log []byte, dir string) []string {
	var lines []string
	for l := range strings.Lines(string(log)) {
		l = strings.TrimSuffix(l, "\n")
		if i := strings.Index(l, ": "); i > 0 {
			l = relPosn(dir, l[:i]) + l[i:]
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return lines
}

// relPosn makes the file of "file:line:col" relative to dir.
func relPosn(dir, posn string) string {
	if posn == "" {
		return ""
	}
	file, lc := posn, ""
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 {
			return posn
		}
		if _, err := strconv.Atoi(file[i+1:]); err != nil {
			return posn
		}
		file, lc = file[:i], file[i:]+lc
	}
	return rel(dir, file) + lc
}

func rel(dir, file string) string {
	if r, err := filepath.Rel(dir, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(file)
}

// normalize sorts diagnostics by file, line, column and message and drops
// repeats.
func normalize(ds []Diagnostic) []Diagnostic {
	slices.SortFunc(ds, func(a, b Diagnostic) int {
		af, al, ac := splitPosn(a.Posn)
		bf, bl, bc := splitPosn(b.Posn)
		return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc),
			cmp.Compare(a.Message, b.Message), cmp.Compare(key(a), key(b)))
	})
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool { return key(a) == key(b) })
}

func key(d Diagnostic) string {
	b, _ := json.Marshal(d)
	return string(b)
}

func splitPosn(posn string) (string, int, int) {
	parts := strings.Split(posn, ":")
	if len(parts) < 3 {
		return posn, 0, 0
	}
	n := len(parts)
	l, _ := strconv.Atoi(parts[n-2])
	c, _ := strconv.Atoi(parts[n-1])
	return strings.Join(parts[:n-2], ":"), l, c
}
