package analyzer

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/freshen-go/freshen/infer"
)

// Analyzer reports freshen opportunities, drifted wrappers and malformed
// directives. Its result is the package's *infer.Result.
var Analyzer = &analysis.Analyzer{
	Name:       "freshen",
	Doc:        doc,
	URL:        "https://pkg.go.dev/github.com/freshen-go/freshen/analyzer",
	Run:        run,
	ResultType: reflect.TypeOf((*infer.Result)(nil)),
	FactTypes:  []analysis.Fact{new(HelperFact), new(HasHelpers), new(LinknameFact), new(TouchFact), new(WritesFact), new(HasWrites), new(EnvFact), new(HasEnvWrites)},
}

const doc = `report I/O a serverless handler can do before it is invoked

freshen finds the handlers of a package (lambda.Start, functions.HTTP,
http.HandleFunc, OpenWhisk Main, //freshen:handler) and reports each call
they make that can be prefetched (a read with freshen-constant operands),
whose connection can be opened early (a constant endpoint), or that build a
client per invocation which can be built once per runtime (a known
constructor with freshen-constant arguments). It also reports
fr.FrFetch/FrWarm/FrHoist wrappers whose call is no longer freshen-constant
or whose index disagrees with the generated state, and malformed //freshen:
directives.`

// HelperFact marks a function that is a fetch when called with constant
// arguments (its only I/O is one catalogue fetch driven by its parameters).
type HelperFact struct {
	Summary infer.HelperSummary
}

// AFact implements analysis.Fact.
func (*HelperFact) AFact() {}

func (f *HelperFact) String() string {
	if f.Summary.Warm != nil {
		return "warmHelper(" + f.Summary.API + ")"
	}
	return "fetchHelper(" + f.Summary.API + ")"
}

// WritesFact lists the resources a function writes, so that a handler in
// an importing package does not prefetch what its call changes.
type WritesFact struct{ Writes []infer.Write }

// AFact implements analysis.Fact.
func (*WritesFact) AFact() {}

func (f *WritesFact) String() string {
	var parts []string
	for _, w := range f.Writes {
		parts = append(parts, w.String())
	}
	return "writes(" + strings.Join(parts, ", ") + ")"
}

// EnvFact marks a function that may change the process environment when
// called (it reaches os.Setenv, syscall.Setenv, ... directly or through
// other functions), so that a handler in an importing package that calls
// it does not share a constructor's result, which may depend on the
// environment, between invocations.
type EnvFact struct {
	Via string // the writer it reaches: "os.Setenv"
}

// AFact implements analysis.Fact.
func (*EnvFact) AFact() {}

func (f *EnvFact) String() string { return "writesEnv(" + f.Via + ")" }

// HasEnvWrites is a package fact: the package has functions that may
// change the process environment (EnvFact).
type HasEnvWrites struct{}

// AFact implements analysis.Fact.
func (*HasEnvWrites) AFact() {}

func (*HasEnvWrites) String() string { return "hasEnvWrites" }

// HasWrites is a package fact: the package's code writes resources, so
// its importers are worth analysing. Writes are what any of its code may
// write: a program that links the package may run it in a handler's
// process (a handler registered in init, say).
type HasWrites struct{ Writes []infer.Write }

// AFact implements analysis.Fact.
func (*HasWrites) AFact() {}

func (*HasWrites) String() string { return "hasWrites" }

// HasHelpers is a package fact: the package exports fetch helpers, so its
// importers are worth analysing.
type HasHelpers struct{}

// AFact implements analysis.Fact.
func (*HasHelpers) AFact() {}

func (*HasHelpers) String() string { return "hasFetchHelpers" }

// depFacts index the linkname and touch facts of the dependencies by
// variable ("path.name").
type depFacts struct {
	linknamed map[string]bool
	// toucher is, per variable, the first (sorted) path of another
	// package that writes it or lets it escape.
	toucher map[string]string
}

func indexFacts(pass *analysis.Pass) depFacts {
	d := depFacts{linknamed: map[string]bool{}, toucher: map[string]string{}}
	for _, pf := range pass.AllPackageFacts() {
		switch f := pf.Fact.(type) {
		case *LinknameFact:
			for _, t := range f.Targets {
				d.linknamed[t] = true
			}
		case *TouchFact:
			// This package's own uses are judged directly.
			if pf.Package == pass.Pkg {
				continue
			}
			p := pf.Package.Path()
			for _, v := range f.Vars {
				if old, ok := d.toucher[v]; !ok || p < old {
					d.toucher[v] = p
				}
			}
		}
	}
	return d
}

// programWrites are the package write facts of the module's other
// packages, sorted by path: any of their code may run in the process
// that runs this package's handlers. Outside a module, every package
// with facts counts.
func programWrites(pass *analysis.Pass, modPath string) []infer.NamedWrites {
	var out []infer.NamedWrites
	var paths []string
	for _, pf := range pass.AllPackageFacts() {
		f, ok := pf.Fact.(*HasWrites)
		if !ok || pf.Package == pass.Pkg || len(f.Writes) == 0 {
			continue
		}
		p := pf.Package.Path()
		if modPath != "" && p != modPath && !strings.HasPrefix(p, modPath+"/") {
			continue
		}
		// The runtime only prefetches and warms; a modelled client's
		// calls are judged where the program makes them.
		if infer.ClientLibrary(p) {
			continue
		}
		paths = append(paths, p)
		out = append(out, infer.NamedWrites{Pkg: pf.Package.Name(), Writes: f.Writes})
	}
	sort.Sort(byPath{paths, out})
	return out
}

type byPath struct {
	paths []string
	nw    []infer.NamedWrites
}

func (b byPath) Len() int           { return len(b.paths) }
func (b byPath) Less(i, j int) bool { return b.paths[i] < b.paths[j] }
func (b byPath) Swap(i, j int) {
	b.paths[i], b.paths[j] = b.paths[j], b.paths[i]
	b.nw[i], b.nw[j] = b.nw[j], b.nw[i]
}

// LinknameFact lists the symbols of other packages ("path.name") that a
// package's //go:linkname directives name: those variables can be written
// from here, so they are never freshen-constant.
type LinknameFact struct{ Targets []string }

// AFact implements analysis.Fact.
func (*LinknameFact) AFact() {}

func (f *LinknameFact) String() string { return "linkname(" + strings.Join(f.Targets, ", ") + ")" }

// TouchFact lists the variables of other packages that the catalogue takes
// as conventionally fixed (http.DefaultClient, ...) which a package writes
// or hands to code that may: calls through them stop being constant.
type TouchFact struct{ Vars []string }

// AFact implements analysis.Fact.
func (*TouchFact) AFact() {}

func (f *TouchFact) String() string { return "touches(" + strings.Join(f.Vars, ", ") + ")" }

var goroot = filepath.Clean(build.Default.GOROOT) + string(filepath.Separator)

func run(pass *analysis.Pass) (any, error) { return runWith(pass, nil, nil) }

// runWith runs the analysis; registered names handlers (full names) that
// other packages register, as a whole-program driver found them.
func runWith(pass *analysis.Pass, registered []string, progWrites []infer.NamedWrites) (any, error) {
	empty := &infer.Result{Pkg: pass.Pkg}
	// The standard library defines the catalogue; it has no handlers.
	if len(pass.Files) > 0 {
		if f := pass.Fset.File(pass.Files[0].Pos()); f != nil && strings.HasPrefix(f.Name(), goroot) {
			return empty, nil
		}
	}
	// What importers need to know, whatever this package holds.
	if t := infer.LinknameTargets(pass.Pkg, pass.Files); len(t) > 0 {
		pass.ExportPackageFact(&LinknameFact{Targets: t})
	}
	if t := infer.TouchedStableVars(&infer.Config{Fset: pass.Fset, Pkg: pass.Pkg, Info: pass.TypesInfo, Files: pass.Files}); len(t) > 0 {
		pass.ExportPackageFact(&TouchFact{Vars: t})
	}
	importedEnv := func(fn *types.Func) string {
		var f EnvFact
		if pass.ImportObjectFact(fn, &f) {
			return f.Via
		}
		return ""
	}
	exportEnvFacts(pass, importedEnv)
	hasHelpers := func(p *types.Package) bool {
		return pass.ImportPackageFact(p, new(HasHelpers)) || pass.ImportPackageFact(p, new(HasWrites))
	}
	// A package may call I/O through a value another package hands it
	// (store.DB().ExecContext) without importing the I/O package: its
	// writes must still reach its importers as facts.
	if !infer.Relevant(pass.Pkg, pass.Files, hasHelpers) && !infer.UsesIO(pass.Pkg, pass.TypesInfo) {
		return empty, nil
	}
	modPath := ""
	if pass.Module != nil {
		modPath = pass.Module.Path
	}
	// The package facts of the dependencies, indexed once: the analysis
	// asks about many variables.
	facts := sync.OnceValue(func() depFacts { return indexFacts(pass) })
	res, err := infer.Analyze(&infer.Config{
		ModulePath: modPath,
		Dependency: pass.Module != nil && pass.Module.Version != "",
		Registered: func(fn *types.Func) string {
			if slices.Contains(registered, infer.HandlerName(fn)) {
				return "registered in another package"
			}
			return ""
		},
		Fset:     pass.Fset,
		Pkg:      pass.Pkg,
		Info:     pass.TypesInfo,
		Files:    pass.Files,
		ReadFile: pass.ReadFile,
		ImportedHelper: func(fn *types.Func) *infer.HelperSummary {
			var f HelperFact
			// A method of a generic type carries its facts on the origin.
			if pass.ImportObjectFact(fn.Origin(), &f) {
				return &f.Summary
			}
			return nil
		},
		ImportedEnv: importedEnv,
		ImportedWrites: func(fn *types.Func) []infer.Write {
			var f WritesFact
			if pass.ImportObjectFact(fn.Origin(), &f) {
				return f.Writes
			}
			return nil
		},
		ProgramWrites: func() []infer.NamedWrites {
			return append(programWrites(pass, modPath), progWrites...)
		},
		Linknamed: func(v *types.Var) bool {
			return facts().linknamed[v.Pkg().Path()+"."+v.Name()]
		},
		Touched: func(v *types.Var) string {
			return facts().toucher[v.Pkg().Path()+"."+v.Name()]
		},
	})
	if err != nil {
		return nil, fmt.Errorf("freshen: %w", err)
	}
	exportFacts(pass, res)
	report(pass, res)
	return res, nil
}

func exportFacts(pass *analysis.Pass, res *infer.Result) {
	if pass.Pkg.Name() == "main" {
		return // nobody imports package main
	}
	var fns []*types.Func
	for fn := range res.Helpers {
		if fn.Exported() {
			fns = append(fns, fn)
		}
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pos() < fns[j].Pos() })
	for _, fn := range fns {
		pass.ExportObjectFact(fn, &HelperFact{Summary: *res.Helpers[fn]})
	}
	if len(fns) > 0 {
		pass.ExportPackageFact(&HasHelpers{})
	}
	fns = fns[:0]
	for fn := range res.Writes {
		fns = append(fns, fn)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pos() < fns[j].Pos() })
	for _, fn := range fns {
		pass.ExportObjectFact(fn, &WritesFact{Writes: res.Writes[fn]})
	}
	if len(fns) > 0 || len(res.PackageWrites) > 0 {
		pass.ExportPackageFact(&HasWrites{Writes: res.PackageWrites})
	}
}

// exportEnvFacts exports an EnvFact for each function of the package that
// may change the process environment, whether or not the package is worth
// analysing otherwise. Only a package that names an environment writer or
// imports a package with such functions can have one.
func exportEnvFacts(pass *analysis.Pass, importedEnv func(*types.Func) string) {
	if pass.Pkg.Name() == "main" || !MayWriteEnv(pass.Pkg, func(p *types.Package) bool { return pass.ImportPackageFact(p, new(HasEnvWrites)) }) {
		return
	}
	w := infer.EnvWriters(pass.Pkg, pass.TypesInfo, pass.Files, importedEnv)
	var fns []*types.Func
	for fn := range w {
		fns = append(fns, fn)
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pos() < fns[j].Pos() })
	for _, fn := range fns {
		pass.ExportObjectFact(fn, &EnvFact{Via: w[fn]})
	}
	if len(fns) > 0 {
		pass.ExportPackageFact(&HasEnvWrites{})
	}
}

// MayWriteEnv reports whether a package with pkg's imports can have a
// function that changes the process environment: it imports os, syscall
// or testing (the writers' packages) or a package with such functions
// (hasEnvWrites).
func MayWriteEnv(pkg *types.Package, hasEnvWrites func(*types.Package) bool) bool {
	for _, imp := range pkg.Imports() {
		switch imp.Path() {
		case "os", "syscall", "testing":
			return true
		}
		if hasEnvWrites(imp) {
			return true
		}
	}
	return false
}

// report emits one diagnostic per unapplied, unignored finding and per
// problem. Applied (wrapped) findings are silent unless they drifted.
func report(pass *analysis.Pass, res *infer.Result) {
	for _, h := range res.Handlers {
		short := shortFunc(h)
		for _, f := range h.Findings {
			if f.Wrapped || f.Ignored != "" {
				continue
			}
			pass.Report(analysis.Diagnostic{
				Pos:      f.Pos,
				End:      f.Call.End(),
				Category: string(f.Kind),
				Message:  Message(f, short),
			})
		}
	}
	for _, p := range res.Problems {
		d := analysis.Diagnostic{Pos: p.Pos, Category: p.Code, Message: "freshen: " + p.Message}
		if p.Fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "use " + p.Fix.NewText,
				TextEdits: []analysis.TextEdit{{Pos: p.Fix.Pos, End: p.Fix.End, NewText: []byte(p.Fix.NewText)}},
			}}
		}
		pass.Report(d)
	}
}

// Message is the diagnostic text of a finding; handler is the short name
// of its handler (Handle, or Server.Handle for methods).
func Message(f *infer.Finding, handler string) string {
	call := oneLine(f.Text, 0)
	if len(call) > 100 {
		// Long literals: keep the callee, elide the operands.
		call = types.ExprString(f.Call.Fun) + "(...)"
	}
	if f.Kind == infer.Fetch {
		return fmt.Sprintf("freshen: %s can be prefetched before %s runs (fetch #%d)", call, handler, f.Index)
	}
	if f.Kind == infer.Hoist {
		return fmt.Sprintf("freshen: %s builds a %s per invocation; it can be built once per runtime (hoist #%d)", call, infer.HoistWhat(f.API), f.Index)
	}
	what := "its connection"
	if f.Resource != "" {
		what = "its connection to " + oneLine(f.Resource, 60)
	}
	return fmt.Sprintf("freshen: %s can have %s opened before %s runs (warm #%d)", call, what, handler, f.Index)
}

func shortFunc(h *infer.Handler) string {
	if h.Decl != nil && h.Decl.Recv != nil && len(h.Decl.Recv.List) == 1 {
		t := h.Decl.Recv.List[0].Type
		if s, ok := t.(*ast.StarExpr); ok {
			t = s.X
		}
		if ix, ok := t.(*ast.IndexExpr); ok {
			t = ix.X
		}
		if id, ok := t.(*ast.Ident); ok {
			return id.Name + "." + h.Decl.Name.Name
		}
	}
	return h.Func.Name()
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if max > 0 && len(s) > max {
		s = s[:max-3] + "..."
	}
	return s
}
