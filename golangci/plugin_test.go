package golangci_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/golangci"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		settings any // as golangci-lint passes them: decoded YAML
		wantErr  string
		filtered bool // the analyzer is not analyzer.Analyzer itself
	}{
		{name: "no settings block", settings: nil},
		{name: "empty", settings: map[string]any{}},
		{name: "handlers", settings: map[string]any{"handlers": []any{"Handle", "example.com/app.Server.Handle"}}, filtered: true},
		{name: "ttl", settings: map[string]any{"ttl": "30s"}},
		{name: "negative ttl", settings: map[string]any{"ttl": "-1s"}, wantErr: "must not be negative"},
		{name: "tags", settings: map[string]any{"tags": []any{"cloud"}}, wantErr: "run.build-tags"},
		{name: "unknown key", settings: map[string]any{"handler": "Handle"}, wantErr: `unknown field "handler"`},
		{name: "handlers not a list", settings: map[string]any{"handlers": "Handle"}, wantErr: "cannot unmarshal string"},
		{name: "empty handler name", settings: map[string]any{"handlers": []any{""}}, wantErr: `handler name ""`},
		{name: "two names in one", settings: map[string]any{"handlers": []any{"Handle, Other"}}, wantErr: "want one name per entry (pkg/path.Func or Func)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := golangci.New(tt.settings)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New: error %v, want one containing %q", err, tt.wantErr)
				}
				if !strings.HasPrefix(err.Error(), "freshen settings: ") {
					t.Errorf("error %q does not say it is about freshen's settings", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			as, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 1 || as[0].Name != "freshen" {
				t.Fatalf("BuildAnalyzers = %v, want the freshen analyzer", as)
			}
			if filtered := as[0] != analyzer.Analyzer; filtered != tt.filtered {
				t.Errorf("analyzer filtered: %v, want %v", filtered, tt.filtered)
			}
			if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
				t.Errorf("GetLoadMode = %q, want %q", got, register.LoadModeTypesInfo)
			}
		})
	}
}

// TestRegistered: importing the package registers the plugin under the
// name .golangci.yml uses.
func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("freshen")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"handlers": []any{"Handle"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.(*golangci.Plugin); !ok {
		t.Errorf("registered constructor returned %T, want *golangci.Plugin", p)
	}
}

// TestReadme: the README shows the .golangci.yml that TestGolangciLint
// runs with, and the golangci-lint version that CI builds.
func TestReadme(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join("..", "testdata", "golangci", ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, append([]byte("```yaml\n"), config...)) {
		t.Errorf("README.md does not show testdata/golangci/.golangci.yml as it is:\n%s", config)
	}
	custom, err := os.ReadFile(filepath.Join("..", "testdata", "golangci", ".custom-gcl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^version: \S+$`).Find(custom)
	if version == nil {
		t.Fatal("testdata/golangci/.custom-gcl.yml has no version")
	}
	if !bytes.Contains(readme, append([]byte("```yaml\n"), version...)) {
		t.Errorf("README.md's .custom-gcl.yml does not start with %q, the version CI builds", version)
	}
}
