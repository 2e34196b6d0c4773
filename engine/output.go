package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/codegen"
)

// PackageCheck is what check reports for one root package: the files
// fix would change, each with its reasons, and the analyzer's problems.
// Like PackageList it holds no syntax, so Check can keep it in the cache.
type PackageCheck struct {
	PkgPath  string
	Changes  []CheckChange
	Problems []Reason
	// Handlers are the full names of the selected handlers.
	Handlers []string
}

// CheckChange is a file fix would write (or delete), and why.
type CheckChange struct {
	Path    string
	Reasons []Reason
}

// Check is what the check command reports: for each root, in import path
// order, what fix would change and the problems found. Like List, it
// serves packages unchanged since an earlier run from the cache.
func Check(ctx context.Context, opts Options, patterns ...string) ([]*PackageCheck, error) {
	prog, err := load(ctx, opts, outCheck, patterns)
	if err != nil {
		return nil, err
	}
	return prog.checks, nil
}

// outputKey is the cache key of a root's list or check result: its
// analysis key, the settings that shape the plan and, for check, the
// generated file on disk, which fix compares even when the build does
// not include it.
// rootsKey stands for the whole set of roots and their keys: a root's
// output can depend on the others (a handler registered in another
// loaded package), and an output is only taken from the cache when every
// root's is, so keying each by all of them loses nothing.
func rootsKey(keys map[string]string, roots []*packages.Package) string {
	var parts []string
	for _, p := range roots {
		k := keys[p.PkgPath]
		if k == "" {
			return ""
		}
		parts = append(parts, p.PkgPath+"\x00"+k)
	}
	sort.Strings(parts)
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:])
}

func outputKey(out output, key, roots string, s Settings, p *packages.Package) string {
	if key == "" || roots == "" {
		return ""
	}
	js, err := json.Marshal(struct {
		Handlers []string
		TTL      Duration
	}{s.Handlers, s.TTL})
	if err != nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00", key, roots, outputKind(out), js)
	if out == outCheck {
		gen, err := os.ReadFile(filepath.Join(PackageDir(p), codegen.GenFile))
		switch {
		case err == nil:
			fmt.Fprintf(h, "gen\x00%x\x00", sha256.Sum256(gen))
		case os.IsNotExist(err):
			fmt.Fprint(h, "nogen\x00")
		default:
			return ""
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func outputKind(out output) string {
	if out == outCheck {
		return "check"
	}
	return "list"
}

// fromCache returns a program holding every root's output from the
// cache, or nil when one of them is not there.
func fromCache(c *cache, out output, keys map[string]string, roots []*packages.Package, s Settings) *Program {
	if c == nil {
		return nil
	}
	prog := &Program{}
	rk := rootsKey(keys, roots)
	for _, p := range roots {
		k := outputKey(out, keys[p.PkgPath], rk, s, p)
		switch out {
		case outList:
			var l PackageList
			if !c.getGob(k, "list", &l) {
				return nil
			}
			prog.lists = append(prog.lists, &l)
		case outCheck:
			var pc PackageCheck
			if !c.getGob(k, "check", &pc) {
				return nil
			}
			prog.checks = append(prog.checks, &pc)
		}
	}
	sort.Slice(prog.lists, func(i, j int) bool { return prog.lists[i].PkgPath < prog.lists[j].PkgPath })
	sort.Slice(prog.checks, func(i, j int) bool { return prog.checks[i].PkgPath < prog.checks[j].PkgPath })
	return prog
}

// produce makes the output a load was asked for and, when store is set
// (nothing was loaded with a stand-in file), keeps it in the cache.
func (p *Program) produce(out output, c *cache, keys map[string]string, store bool) error {
	var roots []*packages.Package
	for _, pkg := range p.Packages {
		roots = append(roots, pkg.Package)
	}
	rk := rootsKey(keys, roots)
	switch out {
	case outList:
		p.lists = p.List()
		for i, l := range p.lists {
			if store {
				c.putGob(outputKey(out, keys[l.PkgPath], rk, p.opts.Settings, p.Packages[i].Package), "list", l)
			}
		}
	case outCheck:
		pcs, err := p.Changes()
		if err != nil {
			return err
		}
		for i, pc := range pcs {
			r := &PackageCheck{PkgPath: pc.Package.PkgPath, Problems: pc.Problems, Handlers: pc.Handlers}
			for _, ch := range pc.Changes {
				r.Changes = append(r.Changes, CheckChange{Path: ch.Path, Reasons: ch.Reasons})
			}
			p.checks = append(p.checks, r)
			if store {
				c.putGob(outputKey(out, keys[r.PkgPath], rk, p.opts.Settings, p.Packages[i].Package), "check", r)
			}
		}
	}
	return nil
}
