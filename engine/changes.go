package engine

import (
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/rewrite"
)

// Reason says why a change is made, or what check reports.
type Reason = rewrite.Reason

// Change is one file fix writes.
type Change struct {
	Path    string // absolute
	Old     []byte // nil: the file does not exist yet
	New     []byte // nil: delete the file
	Reasons []Reason
}

// PackageChanges are the plan and the changes of one package.
type PackageChanges struct {
	Package *Package
	Plan    *codegen.Plan // nil when the package has no handlers
	Changes []Change      // sorted by path
	// Problems the analyzer reported that are not opportunities (drifted
	// wrappers, malformed directives).
	Problems []Reason
	// Directives are the problems that are malformed //freshen:
	// directives: fix, diff and overlay refuse to run while there are
	// any, since what the user meant to exclude or limit is unknown.
	Directives []Reason
	// Handlers are the full names of the handlers the settings select.
	Handlers []string
}

// Plan plans pkg's findings with the program's settings.
func (p *Program) Plan(pkg *Package) *codegen.Plan {
	return codegen.NewPlan(pkg.Fset, pkg.Syntax, pkg.TypesInfo, pkg.Result, p.opts.PlanOptions())
}

// Changes works out, without writing anything, every change fix makes to
// the program's packages: fix, diff, check and overlay share it.
func (p *Program) Changes() ([]*PackageChanges, error) {
	// Edits are made to the files on disk; with an overlay the syntax trees
	// would describe other bytes.
	if env := p.env("GOFLAGS"); strings.Contains(env, "-overlay") {
		return nil, errors.New("GOFLAGS sets -overlay: the syntax would not match the files fix edits; unset it (list works with it)")
	}
	var out []*PackageChanges
	for _, pkg := range p.Packages {
		pc, err := p.changes(pkg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pkg.PkgPath, err)
		}
		out = append(out, pc)
	}
	return out, nil
}

func (p *Program) env(key string) string {
	if p.opts.Env == nil {
		return os.Getenv(key)
	}
	v := ""
	for _, kv := range p.opts.Env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

// Flatten lists every change of pcs.
func Flatten(pcs []*PackageChanges) []Change {
	var out []Change
	for _, pc := range pcs {
		out = append(out, pc.Changes...)
	}
	return out
}

func (p *Program) changes(pkg *Package) (*PackageChanges, error) {
	pc := &PackageChanges{Package: pkg}
	if pkg.Result == nil {
		return pc, nil
	}
	for _, h := range pkg.Result.Handlers {
		if p.opts.Settings.Selected(h.Name, pkg.PkgPath) {
			pc.Handlers = append(pc.Handlers, h.Name)
		}
	}
	plan := p.Plan(pkg)
	pc.Plan = plan
	files, names := userFiles(pkg.Package)
	for i, f := range files {
		if filepath.Base(names[i]) == codegen.GenFile {
			continue
		}
		src, err := os.ReadFile(names[i])
		if err != nil {
			return nil, err
		}
		res, err := rewrite.File(plan, pkg.TypesInfo, f, src)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(res.Src, src) {
			pc.Changes = append(pc.Changes, Change{Path: names[i], Old: src, New: res.Src, Reasons: res.Reasons})
		}
	}
	gen, err := codegen.Generate(plan)
	if err != nil {
		return nil, err
	}
	dir := PackageDir(pkg.Package)
	if dir == "" {
		return nil, errors.New("package has no directory")
	}
	genPath := filepath.Join(dir, codegen.GenFile)
	old, err := os.ReadFile(genPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return nil, err
	case !bytes.HasPrefix(old, []byte(codegen.Header+"\n")):
		if gen != nil {
			return nil, fmt.Errorf("%s exists and was not written by freshen-gen; rename it", genPath)
		}
		old, gen = nil, nil // not ours: leave it alone
	}
	switch {
	case gen == nil && old != nil:
		pc.Changes = append(pc.Changes, Change{Path: genPath, Old: old, Reasons: []Reason{{Pos: token.Position{Filename: genPath, Line: 1, Column: 1}, Msg: "freshen_gen.go is stale: the package has no freshen opportunity left"}}})
	case gen != nil && old == nil:
		pc.Changes = append(pc.Changes, Change{Path: genPath, New: gen, Reasons: []Reason{{Pos: token.Position{Filename: genPath, Line: 1, Column: 1}, Msg: "freshen_gen.go is missing"}}})
	case gen != nil && !bytes.Equal(gen, old):
		pc.Changes = append(pc.Changes, Change{Path: genPath, Old: old, New: gen, Reasons: staleReasons(genPath, old, plan)})
	}
	drift := map[token.Position]string{} // wrapper position -> the analyzer's message
	for _, pr := range pkg.Result.Problems {
		r := Reason{Pos: pkg.Fset.PositionFor(pr.Pos, false), Msg: pr.Message}
		pc.Problems = append(pc.Problems, r)
		switch pr.Code {
		case "directive":
			pc.Directives = append(pc.Directives, r)
		case "drift":
			drift[r.Pos] = r.Msg
		}
	}
	// A wrapper the rewrite changes because its call drifted is reported
	// as the analyzer (and go vet) reports it: that the call is no longer
	// freshen-constant and could serve another request's data, not only
	// that the wrapper differs.
	for _, c := range pc.Changes {
		for i, r := range c.Reasons {
			if m, ok := drift[r.Pos]; ok && (strings.HasPrefix(r.Msg, "wrapper drifted: ") || strings.HasPrefix(r.Msg, "stale wrapper: ")) {
				c.Reasons[i].Msg = m
			}
		}
	}
	sort.Slice(pc.Changes, func(i, j int) bool { return pc.Changes[i].Path < pc.Changes[j].Path })
	return pc, nil
}
