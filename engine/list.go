package engine

import (
	"context"
	"go/token"
)

// PackageList is what list shows for one root package: its findings as
// planned, the calls its handlers leave alone, and its problems. Unlike
// a Package it holds no syntax or types, so List can keep it in the
// cache and a run over an unchanged package does not load it.
type PackageList struct {
	PkgPath string
	Dir     string // the package's directory
	Root    string // its module's directory, or Dir outside a module
	// Files are the package's compiled Go files (absolute).
	Files []string
	// Recovered is Package.Recovered.
	Recovered string
	// Findings are the planned entries, in plan order.
	Findings []ListItem
	// Rejected are the I/O calls of the selected handlers that freshen
	// leaves alone, handler by handler.
	Rejected []ListItem
	Problems []ListProblem
	// Handlers are the selected handlers freshen recognised, with how
	// many opportunities of each kind they have.
	Handlers []ListHandler
	// Unfollowed are handler registrations freshen saw but could not
	// follow (a function literal, an unknown wrapper, ...).
	Unfollowed []ListRegistration
}

// ListHandler is one recognised handler.
type ListHandler struct {
	Name   string
	Via    string
	Counts map[string]int // kind -> findings
}

// ListRegistration is a registration freshen could not follow.
type ListRegistration struct {
	Pos    token.Position
	Via    string
	Target string
	Why    string
}

// ListItem is one finding, or one rejected call.
type ListItem struct {
	Kind    string // "fetch", "warm", "hoist"; "rejected" for Rejected
	Handler string
	Index   int // fr_state index, -1 when not applied
	Call    string
	API     string
	Pos     token.Position // as on disk: //line directives are not followed
	Via     string
	Const   string
	State   string
	Applied bool
	TTL     string
	Skip    string
	Notes   []string
	WhyWarm string // why a read is only warmed
	Reason  string // why a rejected call is left alone
	// Blocker is where what blocks a rejected call is, when known.
	Blocker token.Position
}

// ListProblem is a malformed directive or a drifted wrapper.
type ListProblem struct {
	Pos token.Position
	Msg string
}

// List is what the list command shows: each root's findings, in import
// path order. Packages unchanged since an earlier run (same files, same
// dependencies, same settings, same freshen-gen) are read from the cache
// without being loaded.
func List(ctx context.Context, opts Options, patterns ...string) ([]*PackageList, error) {
	prog, err := load(ctx, opts, outList, patterns)
	if err != nil {
		return nil, err
	}
	return prog.lists, nil
}

// List returns each root's list.
func (p *Program) List() []*PackageList {
	if p.lists != nil {
		return p.lists
	}
	out := make([]*PackageList, 0, len(p.Packages))
	for _, pkg := range p.Packages {
		out = append(out, p.listOf(pkg))
	}
	return out
}

func (p *Program) listOf(pkg *Package) *PackageList {
	l := &PackageList{PkgPath: pkg.PkgPath, Dir: PackageDir(pkg.Package), Files: pkg.CompiledGoFiles, Recovered: pkg.Recovered}
	l.Root = l.Dir
	if pkg.Module != nil && pkg.Module.Dir != "" {
		l.Root = pkg.Module.Dir
	}
	if pkg.Result == nil {
		return l
	}
	pos := func(tp token.Pos) token.Position { return pkg.Fset.PositionFor(tp, false) }
	plan := p.Plan(pkg)
	for _, e := range plan.Entries() {
		f := e.Finding
		it := ListItem{
			Kind: string(f.Kind), Handler: f.Handler, Index: e.Index, Call: f.Text, API: f.API,
			Pos: pos(f.Pos), Via: e.Handler.Handler.Via, Const: e.Const, Applied: f.Wrapped,
			Skip: e.Skip, Notes: e.Notes, WhyWarm: f.WhyWarm,
		}
		if e.Index >= 0 {
			it.State = e.Handler.State
		}
		if e.TTL > 0 {
			it.TTL = e.TTL.String()
		}
		l.Findings = append(l.Findings, it)
	}
	for _, pr := range pkg.Result.Problems {
		l.Problems = append(l.Problems, ListProblem{Pos: pos(pr.Pos), Msg: pr.Message})
	}
	settings := p.opts.Settings
	for _, h := range pkg.Result.Handlers {
		if !settings.Selected(h.Name, pkg.PkgPath) {
			continue
		}
		lh := ListHandler{Name: h.Name, Via: h.Via, Counts: map[string]int{}}
		for _, f := range h.Findings {
			lh.Counts[string(f.Kind)]++
		}
		l.Handlers = append(l.Handlers, lh)
	}
	for _, r := range pkg.Result.Registrations {
		if !r.Followed {
			l.Unfollowed = append(l.Unfollowed, ListRegistration{Pos: pos(r.Pos), Via: r.Via, Target: r.Target, Why: r.Why})
		}
	}
	for _, h := range pkg.Result.Handlers {
		if !settings.Selected(h.Name, pkg.PkgPath) {
			continue
		}
		for _, r := range h.Rejections {
			it := ListItem{
				Kind: "rejected", Handler: h.Name, Index: -1, Call: r.Text, API: r.API,
				Pos: pos(r.Pos), Via: h.Via, Reason: r.Reason,
			}
			if r.Blocker.IsValid() {
				it.Blocker = pos(r.Blocker)
			}
			l.Rejected = append(l.Rejected, it)
		}
	}
	return l
}
