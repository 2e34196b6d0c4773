package analyzer_test

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/internal/drivertest"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestDrivers")

// driverCases are the modules TestDrivers analyses; the golden file
// testdata/drivers/NAME.golden holds the diagnostics and the facts.
var driverCases = []struct {
	name     string
	module   string // under testdata
	tags     []string
	patterns []string // default ./...
}{
	{name: "vetmod", module: "vetmod"},
	{name: "lintmod", module: "golangci"},
	{name: "lintmod-freshenextra", module: "golangci", tags: []string{"freshenextra"}, patterns: []string{"./worker"}},
}

// TestDrivers runs the analyzer as go vet does (freshen-vet under go vet
// -vettool: one process per package, facts through files) and as
// multichecker does (go/analysis/checker over go/packages: the whole
// program in memory), and asserts that both report the same diagnostics,
// positions, categories and suggested fixes, that each is byte-identical
// from one run to the next, that only fetch helpers' packages export facts,
// and that analysis leaves the module's files untouched.
func TestDrivers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds freshen-vet and runs go vet")
	}
	tool := filepath.Join(t.TempDir(), "freshen-vet")
	if err := drivertest.BuildVetTool(tool); err != nil {
		t.Fatal(err)
	}
	for _, tc := range driverCases {
		t.Run(tc.name, func(t *testing.T) {
			m := drivertest.Module{Dir: filepath.Join(testdata(t), tc.module), Tags: tc.tags, Patterns: tc.patterns}
			before := snapshot(t, m.Dir)

			vetOut, vet, err := drivertest.Vet(tool, m)
			if err != nil {
				t.Fatal(err)
			}
			vetOut2, _, err := drivertest.Vet(tool, m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(vetOut, vetOut2) {
				t.Errorf("go vet -json differs between two runs:\n%s\n---\n%s", vetOut, vetOut2)
			}

			// Two analyses of one load: loading is not what is tested.
			var facts, facts2 bytes.Buffer
			chkOuts, chks, err := drivertest.Checker(analyzer.Analyzer, m,
				&checker.Options{SanityCheck: true, FactLog: drivertest.NewSyncWriter(&facts)},
				&checker.Options{FactLog: drivertest.NewSyncWriter(&facts2)})
			if err != nil {
				t.Fatal(err)
			}
			chkOut, chkOut2, chk := chkOuts[0], chkOuts[1], chks[0]
			if !bytes.Equal(chkOut, chkOut2) {
				t.Errorf("checker JSON differs between two runs:\n%s\n---\n%s", chkOut, chkOut2)
			}
			factLines := drivertest.Facts(facts.Bytes(), m.Dir)
			if f2 := drivertest.Facts(facts2.Bytes(), m.Dir); !slices.Equal(factLines, f2) {
				t.Errorf("facts differ between two runs:\n%s\n---\n%s", strings.Join(factLines, "\n"), strings.Join(f2, "\n"))
			}

			if len(vet) == 0 {
				t.Fatal("go vet reported nothing")
			}
			if got, want := drivertest.Text(chk), drivertest.Text(vet); got != want {
				t.Errorf("checker and go vet disagree\nchecker:\n%sgo vet:\n%s", got, want)
			}
			if got, want := drivertest.JSON(chk), drivertest.JSON(vet); got != want {
				t.Errorf("checker and go vet disagree on end positions, categories or fixes\nchecker: %s\ngo vet:  %s", got, want)
			}
			for _, l := range factLines {
				// Facts are for importers: only exported fetch helpers and
				// the packages that have them.
				if !strings.Contains(l, "fetchHelper(") && !strings.Contains(l, "hasFetchHelpers") {
					t.Errorf("unexpected fact: %s", l)
				}
			}

			got := drivertest.Text(vet) + "facts:\n" + strings.Join(factLines, "\n") + "\n"
			golden(t, filepath.Join(testdata(t), "drivers", tc.name+".golden"), got)

			if after := snapshot(t, m.Dir); !maps.Equal(before, after) {
				t.Errorf("analysis changed files under %s", m.Dir)
			}
		})
	}
}

// TestNogoSafe guards what lets the analyzer run under nogo and gopls: the
// freshen packages it links import nothing that writes files, runs
// programs or opens connections.
func TestNogoSafe(t *testing.T) {
	forbidden := []string{"os", "os/exec", "os/signal", "net", "net/http", "syscall", "io/ioutil", "plugin", "unsafe"}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedImports | packages.NeedDeps | packages.NeedModule}
	pkgs, err := packages.Load(cfg, "github.com/freshen-go/freshen/analyzer")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Module == nil || p.Module.Path != "github.com/freshen-go/freshen" {
			return
		}
		seen++
		for path := range p.Imports {
			if slices.Contains(forbidden, path) {
				t.Errorf("%s imports %s: the analyzer must not write files, run programs or use the network", p.PkgPath, path)
			}
		}
	})
	if seen < 2 {
		t.Fatalf("found %d freshen packages behind the analyzer, want analyzer and infer at least", seen)
	}
}

// snapshot hashes every file under dir.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[path] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// golden compares got with the file at path, or writes it with -update.
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
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
