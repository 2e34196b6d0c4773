package engine

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/infer"
)

// driver runs analyzer.Analyzer over a graph, dependencies first, with
// facts passed from each package to its importers: the same results as
// go/analysis/checker gives over a graph loaded wholly from source, for a
// fraction of the cost (see loadAnalyzed).
type driver struct {
	an    *analysis.Analyzer // analyzer.Analyzer, or one told of handlers registered elsewhere
	g     *graph
	facts map[string]*pkgFacts // by package path; nil entry: no facts
	deps  map[string][]string  // transitive dependencies by package path
	cache *cache
	keys  map[string]string // cache keys by package path
}

// transitive returns the paths of p's dependencies, direct or not.
func (d *driver) transitive(p *packages.Package) []string {
	if deps, ok := d.deps[p.PkgPath]; ok {
		return deps
	}
	set := map[string]bool{}
	for _, imp := range p.Imports {
		set[imp.PkgPath] = true
		for _, t := range d.transitive(imp) {
			set[t] = true
		}
	}
	deps := make([]string, 0, len(set))
	for t := range set {
		deps = append(deps, t)
	}
	sort.Strings(deps)
	d.deps[p.PkgPath] = deps
	return deps
}

// hasFactsOf reports, for infer.Relevant, whether an import of p exported
// helper or write package facts, or was itself analysed from source (so
// p may call I/O through what it exports).
func (d *driver) hasFactsOf(p *types.Package) bool {
	pf := d.facts[p.Path()]
	if pf == nil {
		return false
	}
	if pf.Sourced {
		return true
	}
	for _, f := range pf.Pkg {
		switch f.(type) {
		case *analyzer.HasHelpers, *analyzer.HasWrites:
			return true
		}
	}
	return false
}

// hasEnvOf reports whether an import of p exported the environment
// package fact (functions that may change the environment).
func (d *driver) hasEnvOf(p *types.Package) bool {
	pf := d.facts[p.Path()]
	if pf == nil {
		return false
	}
	for _, f := range pf.Pkg {
		if _, ok := f.(*analyzer.HasEnvWrites); ok {
			return true
		}
	}
	return false
}

// run analyses the type-checked package p and records the facts it
// exports.
func (d *driver) run(p *packages.Package) (*infer.Result, error) {
	direct := map[string]bool{}
	for _, imp := range p.Imports {
		direct[imp.PkgPath] = true
	}
	v := view(d.transitive(p), direct, d.facts)
	var enc objectpath.Encoder
	type ownKey struct {
		obj types.Object
		typ reflect.Type
	}
	ownObj := map[ownKey]analysis.Fact{}
	ownPkg := map[reflect.Type]analysis.Fact{}
	copyFact := func(dst, src analysis.Fact) {
		reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
	}
	module := &analysis.Module{}
	if m := p.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	files := map[string]bool{}
	for _, list := range [][]string{p.CompiledGoFiles, p.GoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
		for _, f := range list {
			files[f] = true
		}
	}
	pass := &analysis.Pass{
		Analyzer:     d.an,
		Fset:         p.Fset,
		Files:        p.Syntax,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    p.TypesInfo,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   p.TypeErrors,
		Module:       module,
		ResultOf:     map[*analysis.Analyzer]any{},
		Report:       func(analysis.Diagnostic) {}, // the engine reads the result
		ReadFile: func(name string) ([]byte, error) {
			if !files[name] {
				return nil, fmt.Errorf("reading %s: not a file of package %s", name, p.PkgPath)
			}
			return d.g.readSource(name)
		},
		ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
			if obj == nil || obj.Pkg() == nil {
				return false
			}
			if obj.Pkg() == p.Types {
				f, ok := ownObj[ownKey{obj, reflect.TypeOf(ptr)}]
				if ok {
					copyFact(ptr, f)
				}
				return ok
			}
			path, err := enc.For(obj)
			if err != nil {
				return false
			}
			f, ok := v.obj[factKey{obj.Pkg().Path(), path, reflect.TypeOf(ptr)}]
			if ok {
				copyFact(ptr, f)
			}
			return ok
		},
		ExportObjectFact: func(obj types.Object, fact analysis.Fact) {
			if obj.Pkg() != p.Types {
				panic(fmt.Sprintf("freshen: fact about %s exported from package %s", obj, p.PkgPath))
			}
			ownObj[ownKey{obj, reflect.TypeOf(fact)}] = fact
		},
		ImportPackageFact: func(pkg *types.Package, ptr analysis.Fact) bool {
			if pkg == p.Types {
				f, ok := ownPkg[reflect.TypeOf(ptr)]
				if ok {
					copyFact(ptr, f)
				}
				return ok
			}
			for _, pf := range v.pkgs {
				if pf.path == pkg.Path() && reflect.TypeOf(pf.fact) == reflect.TypeOf(ptr) {
					copyFact(ptr, pf.fact)
					return true
				}
			}
			return false
		},
		ExportPackageFact: func(fact analysis.Fact) { ownPkg[reflect.TypeOf(fact)] = fact },
		AllPackageFacts: func() []analysis.PackageFact {
			var out []analysis.PackageFact
			for _, f := range ownPkg {
				out = append(out, analysis.PackageFact{Package: p.Types, Fact: f})
			}
			for _, pf := range v.pkgs {
				out = append(out, analysis.PackageFact{Package: d.g.typesOf(pf.path), Fact: pf.fact})
			}
			return out
		},
		AllObjectFacts: func() []analysis.ObjectFact {
			var out []analysis.ObjectFact
			for k, f := range ownObj {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
			for k, f := range v.obj {
				if tp := d.g.types[k.pkg]; tp != nil {
					if obj, err := objectpath.Object(tp, k.path); err == nil {
						out = append(out, analysis.ObjectFact{Object: obj, Fact: f})
					}
				}
			}
			return out
		},
	}
	res, err := d.an.Run(pass)
	if err != nil {
		return nil, err
	}
	r, ok := res.(*infer.Result)
	if !ok {
		return nil, fmt.Errorf("analyzer returned %T, want *infer.Result", res)
	}
	// What importers see, in an order that does not depend on maps.
	own := &pkgFacts{}
	for _, f := range ownPkg {
		own.Pkg = append(own.Pkg, f)
	}
	sort.Slice(own.Pkg, func(i, j int) bool {
		return reflect.TypeOf(own.Pkg[i]).String() < reflect.TypeOf(own.Pkg[j]).String()
	})
	for k, f := range ownObj {
		ok, travels := exportable(k.obj)
		if !ok {
			continue
		}
		path, err := enc.For(k.obj)
		if err != nil {
			continue // not reachable from the package's API: importers cannot name it
		}
		own.Obj = append(own.Obj, objFact{Path: path, Travels: travels, Fact: f})
	}
	sort.Slice(own.Obj, func(i, j int) bool {
		a, b := own.Obj[i], own.Obj[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return reflect.TypeOf(a.Fact).String() < reflect.TypeOf(b.Fact).String()
	})
	d.setFacts(p.PkgPath, own)
	return r, nil
}

func (d *driver) setFacts(path string, pf *pkgFacts) {
	if pf == nil || len(pf.Pkg) == 0 && len(pf.Obj) == 0 && !pf.Sourced {
		d.facts[path] = nil
		return
	}
	d.facts[path] = pf
}

// typesOf returns the types of the package at path, or a stand-in named
// by it when no file that was read mentions it (package facts name their
// package; nothing else of it is needed).
func (g *graph) typesOf(path string) *types.Package {
	if tp := g.types[path]; tp != nil {
		return tp
	}
	for _, p := range g.order {
		if p.PkgPath == path {
			return types.NewPackage(path, p.Name)
		}
	}
	return types.NewPackage(path, path[strings.LastIndex(path, "/")+1:])
}

// linknameFacts are the facts of a package that is not analysed from
// source: only its //go:linkname directives, read from its files.
func (d *driver) linknameFacts(p *packages.Package) error {
	t, err := linknameTargets(p, d.g.readSource)
	if err != nil {
		return fmt.Errorf("%s: %w", p.PkgPath, err)
	}
	if len(t) > 0 {
		d.setFacts(p.PkgPath, &pkgFacts{Pkg: []analysis.Fact{&analyzer.LinknameFact{Targets: t}}})
		return nil
	}
	d.setFacts(p.PkgPath, nil)
	return nil
}

// needsSource reports whether p must be parsed and type-checked: a root,
// a package without export data (it does not compile, or the go command
// could not build it), or a dependency the analyzer may export facts for.
func (d *driver) needsSource(p *packages.Package, root bool) bool {
	if root || p.ExportFile == "" && p.PkgPath != "unsafe" {
		return true
	}
	if inGoroot(p) {
		return false
	}
	return mayHaveFacts(p, d.hasFactsOf, d.hasEnvOf, d.g.readSource)
}

// analyzeGraph type-checks what must be seen from source and runs the
// analyzer over it, dependencies first, and returns the roots' results.
//
// A dependency is read from export data unless the analyzer could export
// a fact for it that a syntax-free look cannot produce (needsSource); for
// such a dependency the driver records exactly the facts the analyzer
// would: a LinknameFact read from its comments, nothing else. Facts of a
// dependency found in the cache (same key: same files, same
// dependencies, same tool) are taken from there and its source is not
// read at all. When a package does not type-check, the others still are,
// so that every error is reported; nothing is analysed past it.
func analyzeGraph(g *graph, c *cache, keys map[string]string) (map[*packages.Package]*infer.Result, error) {
	d := &driver{an: analyzer.Analyzer, g: g, facts: map[string]*pkgFacts{}, deps: map[string][]string{}, cache: c, keys: keys}
	isRoot := map[*packages.Package]bool{}
	for _, r := range g.roots {
		isRoot[r] = true
	}
	failed := map[string]bool{}
	results := map[*packages.Package]*infer.Result{}
	for _, p := range g.order {
		if p.ExportFile == "" {
			dropBuildErrors(p)
		}
		bad := len(p.Errors) > 0
		for _, imp := range p.Imports {
			bad = bad || failed[imp.PkgPath]
		}
		key := d.keys[p.PkgPath]
		if !isRoot[p] && !bad && p.ExportFile != "" && !inGoroot(p) {
			var pf pkgFacts
			if c.getGob(key, "facts", &pf) {
				d.setFacts(p.PkgPath, &pf)
				continue
			}
		}
		if !d.needsSource(p, isRoot[p]) {
			if !inGoroot(p) {
				if err := d.linknameFacts(p); err != nil {
					return nil, err
				}
				d.storeFacts(p, key)
			}
			continue
		}
		g.check(p)
		if bad || len(p.Errors) > 0 {
			failed[p.PkgPath] = true
			continue
		}
		res, err := d.run(p)
		if err != nil {
			return nil, fmt.Errorf("running the analyzer: %s: %w", p.PkgPath, err)
		}
		if !isRoot[p] {
			pf := d.facts[p.PkgPath]
			if pf == nil {
				pf = &pkgFacts{}
			}
			pf.Sourced = true
			d.facts[p.PkgPath] = pf
		}
		d.storeFacts(p, key)
		if isRoot[p] {
			results[p] = res
		} else {
			// Only the roots' syntax and type information is used
			// from here on; the types stay for importers.
			p.Syntax, p.TypesInfo = nil, nil
		}
	}
	return results, d.followRegistrations(results)
}

// followRegistrations analyses again the roots that declare a handler
// another root registers (lambda.Start(handler.Serve) in main, for
// package handler), telling the analyzer of those handlers. Facts do not
// depend on which functions are handlers, so nothing else changes.
func (d *driver) followRegistrations(results map[*packages.Package]*infer.Result) error {
	var roots []*packages.Package
	for p := range results {
		roots = append(roots, p)
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].PkgPath < roots[j].PkgPath })
	names := crossRegistered(roots, results)
	writers := d.programWriters()
	first := d.an
	defer func() { d.an = first }()
	for _, p := range roots {
		target := false
		for _, n := range names {
			target = target || handlerPackage(n) == p.PkgPath
		}
		// What the program's packages that p does not import may write:
		// they run in the process of p's handlers too.
		var missing []infer.NamedWrites
		if res := results[p]; res != nil && (target || len(res.Handlers) > 0) {
			deps := map[string]bool{p.PkgPath: true}
			for _, t := range d.transitive(p) {
				deps[t] = true
			}
			mod := ""
			if p.Module != nil {
				mod = p.Module.Path
			}
			for _, w := range writers {
				// The analyzer sees its dependencies' writes itself, but
				// only those of its own module.
				inMod := mod == "" || w.path == mod || strings.HasPrefix(w.path, mod+"/")
				if !deps[w.path] || !inMod {
					missing = append(missing, w.writes)
				}
			}
		}
		if !target && len(missing) == 0 {
			continue
		}
		an, err := analyzer.New(analyzer.Settings{Registered: names, ProgramWrites: missing})
		if err != nil {
			return err
		}
		d.an = an
		res, err := d.run(p)
		if err != nil {
			return fmt.Errorf("running the analyzer: %s: %w", p.PkgPath, err)
		}
		results[p] = res
	}
	if len(names) > 0 {
		markFollowed(results, names)
	}
	return nil
}

// programWriter is a loaded package of the user's own code with writes.
type programWriter struct {
	path   string
	writes infer.NamedWrites
}

// userCode reports whether p is the user's own code: a package of a main
// (or workspace) module or of a module replaced by a local directory, and
// not of a client library freshen models or its runtime.
func userCode(p *packages.Package) bool {
	m := p.Module
	return m != nil && (m.Main || m.Replace != nil && m.Replace.Version == "") && !infer.ClientLibrary(p.PkgPath)
}

// programWriters are the packages of the user's modules (the main module
// or workspace modules, and modules replaced by a local directory) whose
// code may write (their HasWrites facts), sorted by path. The runtime is
// not a writer.
func (d *driver) programWriters() []programWriter {
	var out []programWriter
	for _, p := range d.g.order {
		if !userCode(p) {
			continue
		}
		pf := d.facts[p.PkgPath]
		if pf == nil {
			continue
		}
		for _, f := range pf.Pkg {
			if hw, ok := f.(*analyzer.HasWrites); ok && len(hw.Writes) > 0 {
				out = append(out, programWriter{p.PkgPath, infer.NamedWrites{Pkg: p.Name, Writes: hw.Writes}})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// storeFacts writes p's facts to the cache (empty facts too: they save
// reading the package's source next time).
func (d *driver) storeFacts(p *packages.Package, key string) {
	if d.cache == nil || key == "" {
		return
	}
	pf := d.facts[p.PkgPath]
	if pf == nil {
		pf = &pkgFacts{}
	}
	d.cache.putGob(key, "facts", pf)
}

// dropBuildErrors removes the compiler's output that go list -export
// records for a package that does not build ("# path\nfile:line:col:
// ..."): the package is then type-checked from source, which reports the
// same errors one by one, as the loader always has.
func dropBuildErrors(p *packages.Package) {
	keep := p.Errors[:0]
	for _, e := range p.Errors {
		if e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		keep = append(keep, e)
	}
	p.Errors = keep
}

// errorsIn lists the errors of pkgs and their dependencies.
func errorsIn(pkgs []*packages.Package) []packages.Error {
	var out []packages.Error
	packages.Visit(pkgs, nil, func(p *packages.Package) { out = append(out, p.Errors...) })
	return out
}
