package infer

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
)

// Config is the input of Analyze: one type-checked package.
type Config struct {
	Fset  *token.FileSet
	Pkg   *types.Package
	Info  *types.Info // needs Types, Defs, Uses, Selections
	Files []*ast.File
	// Catalogue defaults to DefaultCatalogue().
	Catalogue *Catalogue
	// ImportedHelper returns the summary another package exported for fn
	// (analysis facts), or nil.
	ImportedHelper func(fn *types.Func) *HelperSummary
	// ReadFile, if set, gives the source of a file so Finding.Text and
	// Rejection.Text are the calls as written; otherwise they are printed
	// from the syntax tree.
	ReadFile func(filename string) ([]byte, error)
	// Touched reports, for a variable of another package that the
	// catalogue takes as conventionally fixed (http.DefaultClient), the
	// path of a loaded package that writes it or lets it escape, or "".
	// Drivers compute it from analysis facts of the dependencies.
	Touched func(v *types.Var) string
	// Linknamed reports whether a //go:linkname directive in another
	// loaded package names v (facts of the dependencies).
	Linknamed func(v *types.Var) bool
	// ImportedWrites returns the resources another package's function is
	// known to write (analysis facts), for the read-after-write rule.
	ImportedWrites func(fn *types.Func) []Write
	// ProgramWrites lists, for the other packages of the program (the
	// module) with known writes, what their code may write (facts): any
	// of it may run in the process of a handler, so the handler's read of
	// the same resource is not constant.
	ProgramWrites func() []NamedWrites
	// ImportedEnv returns, for a function of another package, the
	// environment writer it may call ("os.Setenv"; analysis facts of
	// the dependencies, from EnvWriters), or "".
	ImportedEnv func(fn *types.Func) string
	// ModulePath is the path of the module the package belongs to: Cloud
	// Functions deploy exported functions of the module's root package by
	// name. Empty when unknown.
	ModulePath string
	// Dependency: the package belongs to a module the program depends on
	// at a version (not the user's own code: the main module, a
	// workspace module or a local replacement). Calls of its own
	// interfaces are then not taken as writes of the program's.
	Dependency bool
	// Registered reports, for a function of this package, how another
	// loaded package registers it as a handler (a driver that sees the
	// whole program passes what it found there), or "".
	Registered func(fn *types.Func) string
}

// analysis is the state of one Analyze call.
type analysis struct {
	fset        *token.FileSet
	pkg         *types.Package
	info        *types.Info
	files       []*ast.File // user files: not generated, not tests
	srcFiles    []*ast.File // every file the type checker saw (SSA is built from them)
	allFiles    []*ast.File // non-test files, generated included
	cat         *Catalogue
	imported    func(*types.Func) *HelperSummary
	readFile    func(string) ([]byte, error)
	srcs        map[*token.File][]byte
	touchedF    func(*types.Var) string
	linkedF     func(*types.Var) bool
	importedW   func(*types.Func) []Write
	programW    func() []NamedWrites
	dependency  bool
	progWrites  *[]*resource // programWrites, once computed
	declWs      *[]declWrite // declWrites, once computed
	declW       map[*ast.FuncDecl]declWritesMemo
	importedEnv func(*types.Func) string
	modulePath  string
	registered  func(*types.Func) string
	links       map[string]token.Pos // package-level names this package's //go:linkname directives name

	sv         *ssaView
	frozenMemo map[frozenKey]*blocker
	litRanges  map[token.Pos][2]token.Pos
	// tmplParams/lastTmpl: while summarising a function, resource keys
	// built from its parameters become templates.
	tmplParams map[*types.Var]int
	lastTmpl   *keyTmpl
	// paramMark: while summarising a warm helper, its parameters print
	// as placeholders in warm forms.
	paramMark   map[*types.Var]int
	warmEntries map[*HelperSummary]*Entry

	vars    map[*types.Var]*varInfo
	decls   map[*types.Func]*ast.FuncDecl
	memo    map[*types.Var]*blocker
	dirs    map[lineKey][]directive
	userPos map[*token.File]bool

	helpers  map[*types.Func]*HelperSummary
	helperIP map[*types.Func]bool // in progress (recursion guard)
	hasIO    map[*types.Func]bool
	// helperWhy: why a function is not a fetch helper, by its fetch.
	helperWhy map[token.Pos]*helperRefusal

	res *Result
}

// Analyze finds the package's handlers and their freshen opportunities.
// It is deterministic and never modifies its input.
func Analyze(cfg *Config) (*Result, error) {
	if cfg.Fset == nil || cfg.Pkg == nil || cfg.Info == nil {
		return nil, fmt.Errorf("infer: incomplete config")
	}
	a := newAnalysis(cfg)
	if !a.worthAnalysing() {
		a.res.Helpers = a.helpers
		return a.res, nil
	}
	a.collect()
	a.parseDirectives()
	a.summarizeHelpers()
	a.summarizeWrites()
	a.res.Handlers = a.findHandlers()
	a.inferHandlers()
	a.explainHelpers()
	a.checkGeneratedState()
	ps := a.res.Problems
	a.sortBySource(len(ps), func(i int) token.Pos { return ps[i].Pos }, func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	a.res.Helpers = a.helpers
	return a.res, nil
}

// newAnalysis sets up the state of one Analyze call.
func newAnalysis(cfg *Config) *analysis {
	a := &analysis{
		fset:        cfg.Fset,
		pkg:         cfg.Pkg,
		info:        cfg.Info,
		cat:         cfg.Catalogue,
		imported:    cfg.ImportedHelper,
		readFile:    cfg.ReadFile,
		srcs:        map[*token.File][]byte{},
		touchedF:    cfg.Touched,
		linkedF:     cfg.Linknamed,
		importedW:   cfg.ImportedWrites,
		programW:    cfg.ProgramWrites,
		importedEnv: cfg.ImportedEnv,
		modulePath:  cfg.ModulePath,
		dependency:  cfg.Dependency,
		registered:  cfg.Registered,

		frozenMemo:  map[frozenKey]*blocker{},
		warmEntries: map[*HelperSummary]*Entry{},
		litRanges:   map[token.Pos][2]token.Pos{},
		vars:        map[*types.Var]*varInfo{},
		decls:       map[*types.Func]*ast.FuncDecl{},
		memo:        map[*types.Var]*blocker{},
		dirs:        map[lineKey][]directive{},
		userPos:     map[*token.File]bool{},
		helpers:     map[*types.Func]*HelperSummary{},
		helperIP:    map[*types.Func]bool{},
		hasIO:       map[*types.Func]bool{},
		helperWhy:   map[token.Pos]*helperRefusal{},
		res:         &Result{Pkg: cfg.Pkg},
	}
	if a.cat == nil {
		a.cat = defaultCatalogue
	}
	if a.imported == nil {
		a.imported = func(*types.Func) *HelperSummary { return nil }
	}
	a.srcFiles = cfg.Files
	for _, f := range cfg.Files {
		tf := cfg.Fset.File(f.Pos())
		if tf == nil || strings.HasSuffix(tf.Name(), "_test.go") {
			continue
		}
		a.allFiles = append(a.allFiles, f)
		if !ast.IsGenerated(f) {
			a.files = append(a.files, f)
			a.userPos[tf] = true
		}
	}
	return a
}

// Relevant is the cheap pre-check: false means Analyze would find nothing
// (no catalogue, handler-registering or fr import, no handler directive, no
// OpenWhisk Main). extra reports imports that carry helper facts.
func Relevant(pkg *types.Package, files []*ast.File, extra func(*types.Package) bool) bool {
	cat := defaultCatalogue
	for _, imp := range pkg.Imports() {
		p := imp.Path()
		if cat.Imports(p) || hoistPkgs[p] || resourcePkgs[p] || p == FrPath || (extra != nil && extra(imp)) {
			return true
		}
		for _, h := range handlerPkgs {
			if p == h {
				return true
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fd.Name.Name == "Main" && pkg.Name() == "main" {
				return true
			}
			if hasHandlerDirective(fd) {
				return true
			}
		}
	}
	return false
}

// clientLibraries are module path prefixes of the clients freshen models
// call by call (the catalogue, resource specs, constructors): their own
// code is not counted among the program's writes, since every call of
// theirs the program makes is judged where it is made.
var clientLibraries = []string{
	awsV1, awsV2, "github.com/redis/go-redis", "github.com/gomodule/redigo",
	"cloud.google.com/go", "google.golang.org/api", "google.golang.org/grpc",
	"github.com/google/go-github", "github.com/aws/aws-lambda-go",
	"github.com/GoogleCloudPlatform/functions-framework-go", FrPath,
}

// ClientLibrary reports whether the package at path belongs to a client
// library freshen models (or to its runtime): not a writer of its own.
func ClientLibrary(path string) bool {
	for _, p := range clientLibraries {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// UsesIO reports whether the package refers to a function or method of a
// package whose calls freshen judges (catalogue, resources, constructors)
// — also one it does not import, reached through a value another package
// returns.
func UsesIO(pkg *types.Package, info *types.Info) bool {
	for _, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg() == pkg {
			continue
		}
		p := fn.Pkg().Path()
		if defaultCatalogue.Imports(p) || hoistPkgs[p] || resourcePkgs[p] {
			return true
		}
	}
	return false
}

func hasHandlerDirective(fd *ast.FuncDecl) bool {
	if fd.Doc == nil {
		return false
	}
	for _, c := range fd.Doc.List {
		if strings.HasPrefix(c.Text, "//freshen:handler") {
			return true
		}
	}
	return false
}

// worthAnalysing is a syntactic pre-scan: without a handler registration,
// a handler candidate, a //freshen: comment, or any catalogue or helper
// call, the package can have neither findings nor helpers. This keeps
// large dependencies (SDKs) that only import net/http cheap.
func (a *analysis) worthAnalysing() bool {
	// Generated files too: their writes count (sqlc, SDK generators).
	for _, f := range a.allFiles {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, "//freshen:") {
					return true
				}
			}
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Main" && a.pkg.Name() == "main" {
				return true
			}
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn := a.callee(call); fn != nil {
				name := funcName(fn)
				_, reg := registrars[name]
				found = reg || a.cat.Lookup(name) != nil || a.imported(fn) != nil || a.writerCall(fn) || hoistables[name] != (hoistable{})
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}

func shortFile(name string) string { return filepath.Base(name) }

func (a *analysis) userFile(pos token.Pos) bool {
	return a.userPos[a.fset.File(pos)]
}

// text is the source text of n when the file can be read, else n printed.
func (a *analysis) text(n ast.Node) string {
	if a.readFile != nil {
		if tf := a.fset.File(n.Pos()); tf != nil {
			src, ok := a.srcs[tf]
			if !ok {
				src, _ = a.readFile(tf.Name())
				a.srcs[tf] = src
			}
			start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
			if src != nil && tf.Size() == len(src) && start <= end && end <= len(src) {
				return string(src[start:end])
			}
		}
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, a.fset, n); err != nil {
		return fmt.Sprintf("<%T>", n)
	}
	return buf.String()
}

func sortByPos[T any](s []T, pos func(T) int) {
	sort.SliceStable(s, func(i, j int) bool { return pos(s[i]) < pos(s[j]) })
}

// sortBySource orders by file name, then offset: token.Pos order depends on
// the order files were added to the FileSet, which loaders do in parallel.
// It is stable: a call and the call in its receiver start at the same
// offset, and the walk lists the outer one first.
func (a *analysis) sortBySource(n int, pos func(int) token.Pos, swap func(i, j int)) {
	sort.Stable(bySource{a.fset, n, pos, swap})
}

type bySource struct {
	fset *token.FileSet
	n    int
	pos  func(int) token.Pos
	swap func(i, j int)
}

func (b bySource) Len() int      { return b.n }
func (b bySource) Swap(i, j int) { b.swap(i, j) }
func (b bySource) Less(i, j int) bool {
	pi, pj := b.fset.Position(b.pos(i)), b.fset.Position(b.pos(j))
	if pi.Filename != pj.Filename {
		return pi.Filename < pj.Filename
	}
	return pi.Offset < pj.Offset
}
