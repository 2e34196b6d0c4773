package engine

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/infer"
)

// This file is the loader: the go command lists the packages with their
// export data (one go list -deps -export, as go vet runs it), and only the
// packages the analysis must see from source are parsed and type-checked.
// Everything else is read from the compiler's export data, which is a small
// fraction of the memory and time of checking its source.

// metaMode is what the single go list run must report.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedModule | packages.NeedTypesSizes

// fullMode is the earlier loading: every package from source.
const fullMode = packages.LoadAllSyntax | packages.NeedModule

// graph is the loaded package graph.
type graph struct {
	fset    *token.FileSet
	roots   []*packages.Package
	order   []*packages.Package // every package, dependencies first
	overlay map[string][]byte

	// types holds every package's types by path: the source-checked ones
	// and those read from export data (possibly partial until the
	// package's own export data is read), shared so that a type has one
	// identity whichever file mentions it.
	types    map[string]*types.Package
	complete map[string]bool
}

// newGraph orders the metadata go list returned.
func newGraph(roots []*packages.Package, overlay map[string][]byte) *graph {
	g := &graph{
		fset:     token.NewFileSet(),
		roots:    roots,
		overlay:  overlay,
		types:    map[string]*types.Package{"unsafe": types.Unsafe},
		complete: map[string]bool{"unsafe": true},
	}
	packages.Visit(roots, nil, func(p *packages.Package) { g.order = append(g.order, p) })
	return g
}

// inGoroot reports whether p is a package of the standard library (or of
// the toolchain's own commands): the analyzer has nothing to say about
// those, and their facts are empty.
func inGoroot(p *packages.Package) bool {
	files := p.CompiledGoFiles
	if len(files) == 0 {
		files = p.GoFiles
	}
	if len(files) > 0 {
		return strings.HasPrefix(files[0], goroot)
	}
	return p.Module == nil && !strings.Contains(strings.Split(p.PkgPath, "/")[0], ".")
}

// importTypes returns the types of p for an importer: the source-checked
// package, or p read from its export data.
func (g *graph) importTypes(p *packages.Package) (*types.Package, error) {
	if g.complete[p.PkgPath] {
		return g.types[p.PkgPath], nil
	}
	if p.ExportFile == "" {
		return nil, fmt.Errorf("no export data for %s", p.PkgPath)
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", p.PkgPath, err)
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", p.PkgPath, err)
	}
	tp, err := gcexportdata.Read(r, g.fset, g.types, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading export data of %s: %w", p.PkgPath, err)
	}
	g.complete[p.PkgPath] = true
	return tp, nil
}

// srcImporter resolves the import paths of p's files.
type srcImporter struct {
	g *graph
	p *packages.Package
}

func (im srcImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	dep := im.p.Imports[path]
	if dep == nil {
		return nil, fmt.Errorf("package %s is not among the imports of %s", path, im.p.PkgPath)
	}
	return im.g.importTypes(dep)
}

// readSource returns a file's content, from the overlay when it has one.
func (g *graph) readSource(name string) ([]byte, error) {
	if src, ok := g.overlay[name]; ok {
		return src, nil
	}
	return os.ReadFile(name)
}

// parse parses p's compiled files, two at a time, into p.Syntax, and
// records parse errors in p.Errors.
func (g *graph) parse(p *packages.Package) {
	files := make([]*ast.File, len(p.CompiledGoFiles))
	errs := make([]error, len(p.CompiledGoFiles))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, name := range p.CompiledGoFiles {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			src, err := g.readSource(name)
			if err != nil {
				errs[i] = err
				return
			}
			files[i], errs[i] = parseFile(g.fset, name, src)
		}()
	}
	wg.Wait()
	for i, f := range files {
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
		if errs[i] != nil {
			addParseErrors(p, p.CompiledGoFiles[i], errs[i])
		}
	}
}

func addParseErrors(p *packages.Package, name string, err error) {
	if list, ok := err.(scanner.ErrorList); ok {
		for _, e := range list {
			p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
		}
		return
	}
	p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: err.Error(), Kind: packages.ParseError})
}

// check parses and type-checks p from source, as go/packages does.
func (g *graph) check(p *packages.Package) {
	g.parse(p)
	p.Fset = g.fset
	p.TypesInfo = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	g.types[p.PkgPath] = p.Types
	conf := &types.Config{
		Importer: srcImporter{g, p},
		Sizes:    p.TypesSizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	// Errors are collected above; the returned one is the first of them.
	_ = types.NewChecker(conf, g.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	p.IllTyped = len(p.Errors) > 0
	g.complete[p.PkgPath] = true
}

// mayHaveFacts reports whether the analyzer could export a fact other than
// LinknameFact for the dependency p, judged without type-checking it: it
// does so only for a package that infer.Relevant accepts (it imports a
// catalogue, handler-registering or fr package, or a package with helper
// or write facts, or has a //freshen:handler directive; a dependency is
// never package main), and TouchFact needs a use of a variable of
// net/http, which the import of net/http (a handler package) already
// makes relevant. EnvFact is exported regardless of relevance, for a
// package that imports one whose functions may change the environment
// (hasEnv), or that imports os, syscall or testing and whose source
// names a writer (Setenv, Unsetenv, Clearenv). hasFacts reports the
// helper and write package facts of an import, hasEnv its environment
// package fact, both known bottom-up.
func mayHaveFacts(p *packages.Package, hasFacts, hasEnv func(*types.Package) bool, read func(string) ([]byte, error)) bool {
	fake := types.NewPackage(p.PkgPath, p.Name)
	var imps []*types.Package
	for _, dep := range p.Imports {
		imps = append(imps, types.NewPackage(dep.PkgPath, dep.Name))
	}
	fake.SetImports(imps)
	if infer.Relevant(fake, nil, hasFacts) {
		return true
	}
	// TouchFact: a package importing one whose variables the catalogue
	// takes as fixed may change them (true of net/http today, which is
	// relevant anyway; this keeps it true if the list grows).
	for _, dep := range p.Imports {
		if slices.Contains(infer.StableVarPackages(), dep.PkgPath) {
			return true
		}
	}
	// EnvFact (analyzer.MayWriteEnv): an import that writes the
	// environment, or a writer of os, syscall or testing in the files.
	envImport := false
	for _, imp := range fake.Imports() {
		if hasEnv(imp) {
			return true
		}
		switch imp.Path() {
		case "os", "syscall", "testing":
			envImport = true
		}
	}
	for _, name := range p.CompiledGoFiles {
		src, err := read(name)
		if err != nil || bytes.Contains(src, []byte("//freshen:")) {
			return true // unreadable: let the type checker say why
		}
		if envImport && (bytes.Contains(src, []byte("etenv")) || bytes.Contains(src, []byte("learenv"))) {
			return true // Setenv, Unsetenv, Clearenv
		}
	}
	return false
}

// linknameTargets is what the analyzer's LinknameFact holds for a package
// loaded from export data: the directives are comments, so only the files
// that contain one are parsed (for their comments alone).
func linknameTargets(p *packages.Package, read func(string) ([]byte, error)) ([]string, error) {
	var files []*ast.File
	fset := token.NewFileSet()
	for _, name := range p.CompiledGoFiles {
		src, err := read(name)
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(src, []byte("//go:linkname")) {
			continue
		}
		f, err := parserParseComments(fset, name, src)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, nil
	}
	return infer.LinknameTargets(types.NewPackage(p.PkgPath, p.Name), files), nil
}

func parserParseComments(fset *token.FileSet, name string, src []byte) (*ast.File, error) {
	return parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
}
