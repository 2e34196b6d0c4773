package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/engine"
)

// Name is the plugin's name: the key of its block under
// linters.settings.custom in .golangci.yml and its name in linters.enable.
const Name = "freshen"

func init() { register.Plugin(Name, New) }

// Settings are the plugin's settings, the settings block of
// linters.settings.custom.freshen in .golangci.yml: the engine's settings,
// shared with freshen-gen, so one block can configure both.
//
// handlers restricts the reported opportunities to these handlers (full
// "example.com/app.Handle" or short "Handle", "Server.Handle" names, as
// freshen-gen --handlers takes them); drifted wrappers, index mismatches
// and malformed directives are reported for every handler. ttl is accepted
// and validated (no diagnostic depends on it). tags is refused: build tags
// are golangci-lint's run.build-tags.
type Settings = engine.Settings

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
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("freshen settings: %w", err)
	}
	if len(s.Tags) > 0 {
		return nil, fmt.Errorf("freshen settings: tags: set build tags with golangci-lint's run.build-tags, which loads the packages")
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
