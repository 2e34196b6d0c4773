package golangci_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/internal/drivertest"
)

// showAll turns off golangci-lint's own limits, which would hide issues
// that go vet prints: at most 3 issues with the same text, 50 per linter,
// one per line.
const showAll = `
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`

// TestGolangciLint runs a golangci-lint binary built with this plugin on
// testdata/golangci, configured with the .golangci.yml the README shows,
// and asserts that it reports what go vet -vettool=freshen-vet reports:
// the same positions, messages and suggested fixes, with build tags from
// golangci-lint's configuration, again from golangci-lint's cache, and with
// the handlers setting as the analyzer applies it. --fix applies the index
// fix. scripts/golangci-check.sh builds the binary and runs this test.
func TestGolangciLint(t *testing.T) {
	bin := os.Getenv("FRESHEN_GOLANGCI_LINT")
	if bin == "" {
		t.Skip("needs FRESHEN_GOLANGCI_LINT=path/to/custom-gcl; scripts/golangci-check.sh builds it and runs this test")
	}
	mod, err := filepath.Abs(filepath.Join("..", "testdata", "golangci"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := os.ReadFile(filepath.Join(mod, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	tool := filepath.Join(t.TempDir(), "freshen-vet")
	if err := drivertest.BuildVetTool(tool); err != nil {
		t.Fatal(err)
	}
	handlers := []string{"Handle", "example.com/lintmod/worker.Server.Handle"}

	tests := []struct {
		name   string
		config string
		// want runs go vet, or the checker with a tuned analyzer.
		want func(t *testing.T) []drivertest.Diagnostic
	}{
		{
			name:   "as go vet",
			config: string(base) + showAll,
			want:   func(t *testing.T) []drivertest.Diagnostic { return vet(t, tool, drivertest.Module{Dir: mod}) },
		},
		{
			name:   "build tags",
			config: string(base) + showAll + "run:\n  build-tags: [freshenextra]\n",
			want: func(t *testing.T) []drivertest.Diagnostic {
				return vet(t, tool, drivertest.Module{Dir: mod, Tags: []string{"freshenextra"}})
			},
		},
		{
			name:   "handlers",
			config: withSettings(t, base, map[string]any{"handlers": handlers}) + showAll,
			want: func(t *testing.T) []drivertest.Diagnostic {
				a, err := analyzer.New(analyzer.Settings{Handlers: handlers})
				if err != nil {
					t.Fatal(err)
				}
				_, dss, err := drivertest.Checker(a, drivertest.Module{Dir: mod})
				if err != nil {
					t.Fatal(err)
				}
				return dss[0]
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := drivertest.Core(tt.want(t))
			if len(want) == 0 {
				t.Fatal("the reference driver reported nothing")
			}
			config := filepath.Join(t.TempDir(), ".golangci.yml")
			if err := os.WriteFile(config, []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			cache := t.TempDir()
			// The second run reads facts and issues from golangci-lint's cache.
			for _, run := range []string{"first run", "cached run"} {
				_, got, err := drivertest.GolangciLint(bin, config, cache, "freshen", drivertest.Module{Dir: mod})
				if err != nil {
					t.Fatal(err)
				}
				if g, w := drivertest.Text(got), drivertest.Text(want); g != w {
					t.Errorf("%s: golangci-lint and the reference disagree\ngolangci-lint:\n%sreference:\n%s", run, g, w)
				} else if g, w := drivertest.JSON(got), drivertest.JSON(want); g != w {
					t.Errorf("%s: golangci-lint and the reference disagree on suggested fixes\ngolangci-lint: %s\nreference:     %s", run, g, w)
				}
			}
		})
	}

	t.Run("fix", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(mod)); err != nil {
			t.Fatal(err)
		}
		config := filepath.Join(t.TempDir(), ".golangci.yml")
		if err := os.WriteFile(config, append(base, showAll...), 0o644); err != nil {
			t.Fatal(err)
		}
		m := drivertest.Module{Dir: dir, Patterns: []string{"./drift"}}
		if _, _, err := drivertest.GolangciLint(bin, config, t.TempDir(), "freshen", m, "--fix"); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, "drift", "main.go"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(mod, "drift", "main.go.golden"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("golangci-lint --fix wrote\n%s\nwant (drift/main.go.golden)\n%s", got, want)
		}
		// Nothing else changed.
		err = fs.WalkDir(os.DirFS(mod), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == "drift/main.go" {
				return err
			}
			a, err := os.ReadFile(filepath.Join(mod, p))
			if err != nil {
				return err
			}
			b, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				return err
			}
			if !bytes.Equal(a, b) {
				t.Errorf("--fix changed %s", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func vet(t *testing.T, tool string, m drivertest.Module) []drivertest.Diagnostic {
	t.Helper()
	_, ds, err := drivertest.Vet(tool, m)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// withSettings returns config with the freshen linter's settings block set.
func withSettings(t *testing.T, config []byte, settings map[string]any) string {
	t.Helper()
	var c map[string]any
	if err := yaml.Unmarshal(config, &c); err != nil {
		t.Fatal(err)
	}
	linters, _ := c["linters"].(map[string]any)
	ls, _ := linters["settings"].(map[string]any)
	custom, _ := ls["custom"].(map[string]any)
	freshen, ok := custom["freshen"].(map[string]any)
	if !ok {
		t.Fatal(".golangci.yml has no linters.settings.custom.freshen")
	}
	freshen["settings"] = settings
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
