package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/freshen-go/freshen/analyzer"
)

// Name is the plugin's name: the key of its block under
// linters.settings.custom in .golangci.yml and its name in linters.enable.
const Name = "freshen"

func init() { register.Plugin(Name, New) }

// Settings are the plugin's settings, the settings block of
// linters.settings.custom.freshen in .golangci.yml.
type Settings struct {
	// Handlers restricts the reported opportunities to these handlers
	// (full "example.com/app.Handle" or short "Handle", "Server.Handle"
	// names, as freshen-gen --handlers takes them). Drifted wrappers,
	// index mismatches and malformed directives are reported for every
	// handler. Empty or absent: every handler.
	Handlers []string `json:"handlers,omitempty"`
}

// Plugin is the freshen linter as golangci-lint sees it.
type Plugin struct {
	analyzer *analysis.Analyzer
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes the settings golangci-lint read from .golangci.yml and returns
// the plugin. golangci-lint calls it through the registration in init.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("freshen settings: %w", err)
	}
	a, err := analyzer.New(analyzer.Settings{Handlers: s.Handlers})
	if err != nil {
		return nil, fmt.Errorf("freshen settings: %w", err)
	}
	return &Plugin{analyzer: a}, nil
}

// BuildAnalyzers returns the freshen analyzer configured by the settings.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer needs types, the
// syntax of the analysed packages and facts from their imports, which
// golangci-lint provides in this mode.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
