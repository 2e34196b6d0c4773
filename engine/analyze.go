package engine

import (
	"errors"
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/infer"
)

// analyze runs analyzer.Analyzer through go/analysis/checker over roots
// loaded wholly from source (Options.FullLoad) and returns each root's
// *infer.Result: exactly what go vet and gopls see.
func analyze(pkgs []*packages.Package) (map[*packages.Package]*infer.Result, error) {
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
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
