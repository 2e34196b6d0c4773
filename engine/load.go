package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/infer"
)

// Program is a set of loaded and analysed packages.
type Program struct {
	// Dir is the absolute working directory of the load.
	Dir string
	// Packages are the root packages, sorted by import path.
	Packages []*Package

	opts Options
	// lists and checks: the roots' lists for List, their check results
	// for Check (from the cache when all of them were there, and then
	// Packages is empty).
	lists  []*PackageList
	checks []*PackageCheck
}

// output is what a load must produce besides the program.
type output int

const (
	outProgram output = iota
	outList           // the roots' lists
	outCheck          // the roots' check results
)

// Package is one root package and what the analyzer found in it.
type Package struct {
	*packages.Package
	// Result is the analyzer's result (never nil after a successful Load).
	Result *infer.Result
	// Recovered, when set, is the generated file that was rebuilt in
	// memory for loading, because on disk it is missing or does not
	// compile.
	Recovered string
}

// Options returns the options the program was loaded with.
func (p *Program) Options() Options { return p.opts }

// LoadError lists every package error as "file:line:col: message".
type LoadError struct {
	Errors []string
}

func (e *LoadError) Error() string {
	if len(e.Errors) == 1 {
		return "package does not load: " + e.Errors[0]
	}
	// A message of several lines (the go command's "to add it:\n\tgo
	// get ...") is indented under its first.
	lines := make([]string, len(e.Errors))
	for i, m := range e.Errors {
		lines[i] = strings.ReplaceAll(m, "\n", "\n\t")
	}
	return "packages do not load or type-check:\n\t" + strings.Join(lines, "\n\t")
}

// Load loads all patterns at once (honouring go.work, GOFLAGS and build
// tags through the go command) and runs the analyzer over the roots. Any
// package error fails the load: nothing is to be written for a tree that
// does not type-check.
func Load(ctx context.Context, opts Options, patterns ...string) (*Program, error) {
	return load(ctx, opts, outProgram, patterns)
}

// load is Load; for outList or outCheck, it also makes what they name
// for every root, and returns that alone, without loading anything but
// the package graph, when the cache holds it for all of them.
func load(ctx context.Context, opts Options, out output, patterns []string) (*Program, error) {
	if err := opts.Settings.Validate(); err != nil {
		return nil, err
	}
	dir, err := absDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	cfg := &packages.Config{
		Context:   ctx,
		Mode:      metaMode,
		Dir:       dir,
		Env:       opts.Env,
		ParseFile: parseFile,
	}
	if opts.FullLoad {
		cfg.Mode = fullMode
	}
	if len(opts.Tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	c := openCache(opts)
	var (
		cached   *Program
		rootKeys map[string]string
	)
	load := func() ([]*packages.Package, map[*packages.Package]*infer.Result, error) {
		pkgs, err := packages.Load(cfg, patterns...)
		if err == nil && len(pkgs) == 0 && !opts.FullLoad {
			// go list -export says nothing when it fails before listing
			// (outside a module, say); without -export it says why.
			plain := *cfg
			plain.Mode &^= packages.NeedExportFile
			_, err = packages.Load(&plain, patterns...)
		}
		if err != nil {
			return nil, nil, goError(dir, patterns, err)
		}
		if opts.FullLoad {
			return pkgs, nil, nil
		}
		g := newGraph(pkgs, cfg.Overlay)
		var keys map[string]string
		if c != nil {
			keys = c.keys(g.order, g.readSource)
		}
		if out != outProgram && len(cfg.Overlay) == 0 && len(errorsIn(pkgs)) == 0 {
			if cached = fromCache(c, out, keys, pkgs, opts.Settings); cached != nil {
				cached.Dir, cached.opts = dir, opts
				return pkgs, nil, nil
			}
		}
		rootKeys = keys
		results, err := analyzeGraph(g, c, keys)
		return pkgs, results, err
	}
	pkgs, results, err := load()
	if err != nil {
		return nil, err
	}
	if cached != nil {
		return cached, nil
	}
	// A generated file that is missing or no longer compiles would stop
	// every command, fix included: load again with it rebuilt from the
	// call sites, so fix can write the real one.
	var recovered map[string]string
	if ov := recoverGenerated(pkgs); len(ov) > 0 {
		cfg.Overlay = ov
		recovered = map[string]string{}
		for path := range ov {
			recovered[filepath.Dir(path)] = path
		}
		if pkgs, results, err = load(); err != nil {
			return nil, err
		}
	}
	var errs []packages.Error
	outside := false
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if strings.Contains(e.Msg, "does not contain main module") {
				outside = true
			}
			errs = append(errs, e)
		}
	})
	if outside {
		return nil, notInModule(dir)
	}
	msgs := loadErrors(errs)
	if len(pkgs) == 0 {
		msgs = append(msgs, fmt.Sprintf("no packages match %s", strings.Join(patterns, " ")))
	}
	if len(msgs) > 0 {
		return nil, &LoadError{msgs}
	}
	if results == nil {
		if results, err = analyze(pkgs); err != nil {
			return nil, err
		}
	}
	prog := &Program{Dir: dir, opts: opts}
	for _, p := range pkgs {
		prog.Packages = append(prog.Packages, &Package{Package: p, Result: results[p], Recovered: recovered[PackageDir(p)]})
	}
	sort.Slice(prog.Packages, func(i, j int) bool { return prog.Packages[i].PkgPath < prog.Packages[j].PkgPath })
	if err := prog.produce(out, c, rootKeys, recovered == nil); err != nil {
		return nil, err
	}
	return prog, nil
}

// couldNotImport matches the type checker's error for an import the go
// command could not provide: one per importing file, each repeating a
// cause the go command reported once.
var couldNotImport = regexp.MustCompile(`^could not import (\S+) \(`)

// loadErrors are the messages of errs, sorted, each once: "file:line:col:
// message", or the message alone when it has no position (the go
// command's "package foo is not in std"). A "could not import P" is left
// out when another error says why P is missing, and otherwise given once,
// at its first position, with the count of the others.
func loadErrors(errs []packages.Error) []string {
	text := func(e packages.Error) string {
		if e.Pos == "" || e.Pos == "-" {
			return e.Msg
		}
		return e.Pos + ": " + e.Msg
	}
	var causes []string // messages that are not "could not import"
	imports := map[string][]string{}
	for _, e := range errs {
		if m := couldNotImport.FindStringSubmatch(e.Msg); m != nil {
			imports[m[1]] = append(imports[m[1]], text(e))
			continue
		}
		causes = append(causes, text(e))
	}
	var msgs []string
	seen := map[string]bool{}
	add := func(m string) {
		if !seen[m] {
			seen[m] = true
			msgs = append(msgs, m)
		}
	}
	for _, m := range causes {
		add(m)
	}
	for path, ms := range imports {
		if slices.ContainsFunc(causes, func(c string) bool { return mentions(c, path) }) {
			continue
		}
		ms = slices.Compact(slices.Sorted(slices.Values(ms)))
		m := ms[0]
		switch n := len(ms) - 1; {
		case n == 1:
			m += " (and 1 more import of it)"
		case n > 1:
			m += fmt.Sprintf(" (and %d more imports of it)", n)
		}
		add(m)
	}
	sort.Strings(msgs)
	return msgs
}

// mentions says whether msg names the package path as a whole word.
func mentions(msg, path string) bool {
	for i := 0; ; {
		j := strings.Index(msg[i:], path)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(path)
		before := j == 0 || !pathChar(msg[j-1])
		after := end == len(msg) || !pathChar(msg[end])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func pathChar(c byte) bool {
	return c == '/' || c == '.' || c == '-' || c == '_' || c == '~' ||
		'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// goError turns what the go command said when it could not list the
// packages into one line that says what to do.
func goError(dir string, patterns []string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "go.mod file not found"), strings.Contains(msg, "does not contain main module"):
		return notInModule(dir)
	case strings.Contains(msg, "updates to go.mod needed"):
		return fmt.Errorf("the go.mod of %s needs updating first: run go mod tidy there", dir)
	case strings.Contains(msg, "go.work file") && strings.Contains(msg, "not found"):
		return fmt.Errorf("%s: the go.work file GOWORK names does not exist", dir)
	}
	// "err: exit status 1: stderr: go: ..." is the loader wrapping the go
	// command; keep what the go command said, on one line.
	if _, rest, ok := strings.Cut(msg, "stderr: "); ok {
		msg = rest
	}
	msg = strings.Join(strings.Fields(strings.TrimPrefix(msg, "go: ")), " ")
	return fmt.Errorf("go list %s: %s", strings.Join(patterns, " "), msg)
}

func notInModule(dir string) error {
	return fmt.Errorf("%s is not in a Go module (no go.mod in it or any parent directory): run freshen-gen inside a module, or create one with go mod init", dir)
}

func absDir(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a directory")
		}
		return "", fmt.Errorf("directory %s: %w", dir, err)
	}
	return abs, nil
}

// PackageDir is the directory of p's source files.
func PackageDir(p *packages.Package) string {
	if p.Dir != "" {
		return p.Dir
	}
	if len(p.GoFiles) > 0 {
		return filepath.Dir(p.GoFiles[0])
	}
	return ""
}

// userFiles returns p's syntax trees with their file names, leaving out
// files generated by other tools (they are not ours to rewrite).
func userFiles(p *packages.Package) (files []*ast.File, names []string) {
	for _, f := range p.Syntax {
		name := p.Fset.File(f.Pos()).Name()
		if ast.IsGenerated(f) {
			continue
		}
		files = append(files, f)
		names = append(names, name)
	}
	return files, names
}

// recoverGenerated returns overlay contents for the generated files of
// packages whose only errors come from a generated file that is missing
// (deleted, or never committed) or no longer compiles (its freshen function
// names a variable the user renamed): each is rebuilt from the wrapped call
// sites as the fr_state variables and index constants they name, which is
// all the rest of the package needs. fix then writes the real file. Errors
// that remain with the stand-in are reported as usual.
func recoverGenerated(pkgs []*packages.Package) map[string][]byte {
	ov := map[string][]byte{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) == 0 || p.Name == "" {
			return
		}
		dir := PackageDir(p)
		if dir == "" {
			return
		}
		gen := filepath.Join(dir, codegen.GenFile)
		if src, err := os.ReadFile(gen); err == nil && !bytes.HasPrefix(src, []byte(codegen.Header+"\n")) {
			return // someone else's file: not ours to replace
		}
		sites, ok := wrappedNames(p)
		if !ok || len(sites.consts) == 0 {
			return
		}
		// Type errors only, and one at least from the generated file: in
		// it, or an undefined name that it declares. Follow-on errors (a
		// wrapper whose state is undefined has no type) go away with the
		// stand-in; anything else is reported by the second load.
		relevant := false
		for _, e := range p.Errors {
			if e.Kind != packages.TypeError {
				return
			}
			file, _, _ := strings.Cut(e.Pos, ":")
			name, isUndef := strings.CutPrefix(e.Msg, "undefined: ")
			if filepath.Base(file) == codegen.GenFile && filepath.Dir(file) == dir || isUndef && sites.declares(name) {
				relevant = true
			}
		}
		if !relevant {
			return
		}
		ov[gen] = sites.stub(p)
	})
	return ov
}

// genNames are the identifiers wrapped call sites take from the generated
// file: fr_state variables and their index constants with their values.
type genNames struct {
	states map[string]bool
	consts map[string]int
	taken  map[string]bool // package-level names of the other files
}

func (g *genNames) declares(name string) bool {
	_, ok := g.consts[name]
	return ok || g.states[name]
}

// wrappedNames reads the state and index names of every fr.FrFetch,
// FrFetch1, FrWarm and FrWarm1 call in p's files (syntax only: the
// package does not type-check). ok is false when an index constant's
// value cannot be read from its name.
func wrappedNames(p *packages.Package) (g *genNames, ok bool) {
	g = &genNames{states: map[string]bool{}, consts: map[string]int{}, taken: map[string]bool{}}
	ok = true
	for _, f := range p.Syntax {
		if filepath.Base(p.Fset.File(f.Pos()).Name()) == codegen.GenFile {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					g.taken[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							g.taken[n.Name] = true
						}
					case *ast.TypeSpec:
						g.taken[sp.Name.Name] = true
					}
				}
			}
		}
		frNames := map[string]bool{}
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == codegen.FrPath {
				name := "fr"
				if imp.Name != nil {
					name = imp.Name.Name
				}
				frNames[name] = true
			}
		}
		if len(frNames) == 0 {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall || len(call.Args) != 4 {
				return true
			}
			sel, isSel := call.Fun.(*ast.SelectorExpr)
			if !isSel {
				return true
			}
			if x, isID := sel.X.(*ast.Ident); !isID || !frNames[x.Name] {
				return true
			}
			switch sel.Sel.Name {
			case "FrFetch", "FrFetch1", "FrWarm", "FrWarm1":
			default:
				return true
			}
			state, ok1 := call.Args[1].(*ast.Ident)
			index, ok2 := call.Args[2].(*ast.Ident)
			if !ok1 || !ok2 {
				return true
			}
			i, valid := indexValue(state.Name, index.Name)
			if !valid {
				ok = false
				return true
			}
			g.states[state.Name] = true
			g.consts[index.Name] = i
			return true
		})
	}
	return g, ok
}

// indexValue reads i from an index constant's name: state+i, or
// state+"_"+i when state ends in a digit (codegen's naming).
func indexValue(state, name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, state)
	if !ok || rest == "" {
		return 0, false
	}
	if last := state[len(state)-1]; last >= '0' && last <= '9' {
		if rest, ok = strings.CutPrefix(rest, "_"); !ok {
			return 0, false
		}
	}
	if strings.Trim(rest, "0123456789") != "" || len(rest) > 1 && rest[0] == '0' {
		return 0, false
	}
	i, err := strconv.Atoi(rest)
	return i, err == nil
}

// stub renders the stand-in generated file.
func (g *genNames) stub(p *packages.Package) []byte {
	alias := "fr"
	for i := 2; g.taken[alias]; i++ {
		alias = "fr" + strconv.Itoa(i)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n\n// Stand-in for a missing or broken generated file, rebuilt from the\n// wrapped call sites; freshen-gen fix writes the real one.\n\npackage %s\n\nimport %s %q\n\n", codegen.Header, p.Name, alias, codegen.FrPath)
	states := slices.Sorted(maps.Keys(g.states))
	for _, s := range states {
		fmt.Fprintf(&b, "var %s *%s.State\n", s, alias)
	}
	consts := slices.Sorted(maps.Keys(g.consts))
	if len(consts) > 0 {
		b.WriteString("\nconst (\n")
		for _, c := range consts {
			fmt.Fprintf(&b, "\t%s = %d\n", c, g.consts[c])
		}
		b.WriteString(")\n")
	}
	return b.Bytes()
}
