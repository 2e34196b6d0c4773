package engine

import (
	"go/types"
	"reflect"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// pkgFacts are the facts one package exported: what its importers learn
// about it, kept by object path so that they describe the package whether
// its importers see it from source or from export data, and can be stored
// in the cache.
type pkgFacts struct {
	Pkg []analysis.Fact
	Obj []objFact
	// Sourced: the package was analysed from source because it may call
	// I/O. Its importers are then analysed too, for they may call that
	// I/O through values it hands them (store.DB().ExecContext) without
	// importing the I/O package, and their writes must become facts.
	Sourced bool
}

// objFact is a fact about an object of the package that exported it.
type objFact struct {
	Path objectpath.Path
	// Travels says the fact reaches every importer, direct or not (a
	// method, a field, a type or a constant); otherwise (an exported
	// package-level function or variable) only direct importers see it.
	// This is go/analysis/checker's rule, kept so the results are the
	// same as when it drove the analyzer.
	Travels bool
	Fact    analysis.Fact
}

// factKey finds an object fact.
type factKey struct {
	pkg  string
	path objectpath.Path
	typ  reflect.Type
}

// factView is what one pass sees of its dependencies' facts.
type factView struct {
	obj  map[factKey]analysis.Fact
	pkgs []pkgFactOf
}

type pkgFactOf struct {
	path string
	fact analysis.Fact
}

// exportable reports whether a fact about obj reaches importers at all
// (checker's exportedFrom, for the package's own objects), and whether it
// travels beyond direct importers.
func exportable(obj types.Object) (ok, travels bool) {
	switch obj := obj.(type) {
	case *types.Func:
		if obj.Type().(*types.Signature).Recv() != nil {
			return true, true
		}
		return obj.Exported(), false
	case *types.Var:
		if obj.IsField() {
			return true, true
		}
		return obj.Exported(), false
	case *types.TypeName, *types.Const:
		return true, true
	}
	return false, false
}

// view assembles the facts a pass over p sees: package facts of every
// dependency, object facts that travel from every dependency, and the
// others from direct imports only.
func view(deps []string, direct map[string]bool, facts map[string]*pkgFacts) *factView {
	v := &factView{obj: map[factKey]analysis.Fact{}}
	for _, path := range deps {
		pf := facts[path]
		if pf == nil {
			continue
		}
		for _, f := range pf.Pkg {
			v.pkgs = append(v.pkgs, pkgFactOf{path, f})
		}
		for _, of := range pf.Obj {
			if of.Travels || direct[path] {
				v.obj[factKey{path, of.Path, reflect.TypeOf(of.Fact)}] = of.Fact
			}
		}
	}
	sort.SliceStable(v.pkgs, func(i, j int) bool { return v.pkgs[i].path < v.pkgs[j].path })
	return v
}
