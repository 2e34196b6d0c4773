package analyzer

import (
	"errors"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/freshen-go/freshen/infer"
)

// Settings tune an analyzer made by New. The zero value reports exactly
// what Analyzer reports.
type Settings struct {
	// Handlers restricts the opportunity diagnostics (categories "fetch"
	// and "warm") to these handlers, named in full
	// ("example.com/app.Handle", "example.com/app.Server.Handle") or
	// within their package ("Handle", "Server.Handle") or from a package
	// path element on ("app.Handle"), as freshen-gen --handlers names
	// them (infer.HandlerNamed). Drift, index and directive
	// diagnostics are kept for every handler, as freshen-gen check keeps
	// them: they say that code already applied is wrong. Empty means every
	// handler.
	Handlers []string
	// Registered are handlers (full names) that other packages register,
	// which a driver that sees the whole program found (for example
	// lambda.Start(handler.Serve) in main, for package handler). Under a
	// driver that analyses one package at a time, they are unknown; a
	// //freshen:handler directive marks them instead.
	Registered []string
	// ProgramWrites are what the program's packages that this one does
	// not import may write (a driver that sees the whole program knows:
	// a handler registered in another package's init, a store wired in
	// by main). Under a driver that analyses one package at a time, only
	// the writes of the package's own dependencies are known.
	ProgramWrites []infer.NamedWrites
}

// validate rejects names no handler can have, so a typo in a
// configuration file fails loudly instead of silencing everything.
func (s Settings) validate() error {
	var errs []error
	for _, h := range s.Handlers {
		if err := CheckHandlerName(h); err != nil {
			errs = append(errs, fmt.Errorf("handlers: %q: %w", h, err))
		}
	}
	return errors.Join(errs...)
}

// CheckHandlerName rejects what no handler filter entry can be: an empty
// name, or several names in one entry. Every driver's settings use it.
func CheckHandlerName(h string) error {
	switch {
	case strings.TrimSpace(h) == "":
		return errors.New("empty name")
	case strings.ContainsFunc(h, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }):
		return errors.New("want one name per entry (pkg/path.Func or Func)")
	}
	return nil
}

// New returns an analyzer that reports what Analyzer reports, tuned by s.
// It has Analyzer's name, documentation, facts and result type, so a
// driver can run it in Analyzer's place (not next to it: both are named
// "freshen"). With the zero Settings it is Analyzer itself.
func New(s Settings) (*analysis.Analyzer, error) {
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("freshen: %w", err)
	}
	if len(s.Handlers) == 0 && len(s.Registered) == 0 && len(s.ProgramWrites) == 0 {
		return Analyzer, nil
	}
	handlers := slices.Clone(s.Handlers)
	registered := slices.Clone(s.Registered)
	progWrites := slices.Clone(s.ProgramWrites)
	a := *Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		if len(handlers) == 0 {
			return runWith(pass, registered, progWrites)
		}
		// Collect what run reports, then pass on what the settings keep,
		// in the order run reported it.
		var diags []analysis.Diagnostic
		inner := *pass
		inner.Report = func(d analysis.Diagnostic) { diags = append(diags, d) }
		res, err := runWith(&inner, registered, progWrites)
		if err != nil {
			return nil, err
		}
		drop := unselected(res.(*infer.Result), handlers)
		for _, d := range diags {
			if !drop[diagKey{d.Pos, d.Message}] {
				pass.Report(d)
			}
		}
		return res, nil
	}
	return &a, nil
}

// diagKey identifies an opportunity's diagnostic. The message names the
// handler, so a call site shared by two handlers has one key per handler.
type diagKey struct {
	pos token.Pos
	msg string
}

// unselected returns the keys of the opportunity diagnostics of handlers
// not in filter.
func unselected(res *infer.Result, filter []string) map[diagKey]bool {
	drop := map[diagKey]bool{}
	for _, h := range res.Handlers {
		short := shortFunc(h)
		if infer.HandlerSelected(h.Name, res.Pkg.Path(), filter) {
			continue
		}
		for _, f := range h.Findings {
			drop[diagKey{f.Pos, Message(f, short)}] = true
		}
	}
	return drop
}
