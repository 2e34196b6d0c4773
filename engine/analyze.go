package engine

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/infer"
)

// analyze runs analyzer.Analyzer through go/analysis/checker over roots
// loaded wholly from source (Options.FullLoad) and returns each root's
// *infer.Result: exactly what go vet and gopls see.
//
// One thing the engine sees that a one-package-at-a-time driver cannot: a
// handler registered in another loaded package (lambda.Start(handler.Serve)
// in main, for package handler). When the first run finds such
// registrations, the analysis runs again with those handlers named.
func analyze(pkgs []*packages.Package) (map[*packages.Package]*infer.Result, error) {
	out, err := analyzeWith(analyzer.Analyzer, pkgs)
	if err != nil {
		return nil, err
	}
	names := crossRegistered(pkgs, out)
	writers := resultWriters(pkgs, out)
	if len(names) == 0 && len(writers) == 0 {
		return out, nil
	}
	a, err := analyzer.New(analyzer.Settings{Registered: names, ProgramWrites: writers})
	if err != nil {
		return nil, err
	}
	if out, err = analyzeWith(a, pkgs); err != nil {
		return nil, err
	}
	if len(names) > 0 {
		markFollowed(out, names)
	}
	return out, nil
}

// resultWriters are what the roots of the user's own code may write
// (userCode), when some root has handlers. Unlike programWriters it
// passes every root's writes, also those the analyzer already sees as
// facts of a package's dependencies: a repeated write only repeats a
// conflict the first one already reports.
func resultWriters(pkgs []*packages.Package, results map[*packages.Package]*infer.Result) []infer.NamedWrites {
	handlers := false
	var out []infer.NamedWrites
	for _, p := range pkgs {
		res := results[p]
		if res == nil {
			continue
		}
		handlers = handlers || len(res.Handlers) > 0
		if !userCode(p) || len(res.PackageWrites) == 0 {
			continue
		}
		out = append(out, infer.NamedWrites{Pkg: p.Name, Writes: res.PackageWrites})
	}
	if !handlers {
		return nil
	}
	return out
}

// markFollowed records that the registrations of names were followed, in
// the handler's own package.
func markFollowed(results map[*packages.Package]*infer.Result, names []string) {
	for _, res := range results {
		for _, r := range res.Registrations {
			if !r.Followed && r.Handler != "" && slices.Contains(names, r.Handler) {
				r.Followed, r.Why = true, ""
			}
		}
	}
}

// crossRegistered lists the handlers that one loaded package registers
// and another loaded package declares.
func crossRegistered(pkgs []*packages.Package, results map[*packages.Package]*infer.Result) []string {
	loaded := map[string]bool{}
	if results == nil {
		return nil
	}
	for _, p := range pkgs {
		loaded[p.PkgPath] = true
	}
	seen := map[string]bool{}
	var names []string
	for _, res := range results {
		for _, r := range res.Registrations {
			if r.Followed || r.Handler == "" || seen[r.Handler] {
				continue
			}
			if pkg := handlerPackage(r.Handler); loaded[pkg] {
				seen[r.Handler] = true
				names = append(names, r.Handler)
			}
		}
	}
	sort.Strings(names)
	return names
}

// handlerPackage is the package path of a handler name
// ("<pkgpath>.<Func>" or "<pkgpath>.<Type>.<Method>").
func handlerPackage(name string) string {
	slash := strings.LastIndex(name, "/")
	rest := name[slash+1:]
	dot := strings.Index(rest, ".")
	if dot < 0 {
		return name
	}
	return name[:slash+1+dot]
}

func analyzeWith(a *analysis.Analyzer, pkgs []*packages.Package) (map[*packages.Package]*infer.Result, error) {
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("running the analyzer: %w", err)
	}
	out := map[*packages.Package]*infer.Result{}
	var errs []error
	for _, act := range graph.Roots {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", act.Package.PkgPath, act.Err))
			continue
		}
		res, ok := act.Result.(*infer.Result)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: analyzer returned %T, want *infer.Result", act.Package.PkgPath, act.Result))
			continue
		}
		out[act.Package] = res
	}
	return out, errors.Join(errs...)
}
