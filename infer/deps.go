package infer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// This file holds what the memory judgement needs to know about other
// packages, and what drivers export about this one for its importers
// (as analysis facts): //go:linkname directives and writes to variables of
// other packages that the catalogue takes as fixed.

// scanLinknames records the local names this package's //go:linkname
// directives name: such a variable's value is another package's, or
// another package can write it.
func (a *analysis) scanLinknames() {
	a.links = map[string]token.Pos{}
	for _, f := range a.srcFiles {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if fields := linkname(c.Text); len(fields) > 0 {
					if _, dup := a.links[fields[0]]; !dup {
						a.links[fields[0]] = c.Pos()
					}
				}
			}
		}
	}
}

// linkname returns the arguments of a //go:linkname directive, or nil.
func linkname(text string) []string {
	rest, ok := strings.CutPrefix(text, "//go:linkname")
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil
	}
	return strings.Fields(rest)
}

// linknamed reports whether a directive here or (through facts) in a
// loaded package names v, with the directive's position when it is here.
func (a *analysis) linknamed(v *types.Var) (token.Pos, bool) {
	if a.links == nil {
		a.scanLinknames()
	}
	if v.Pkg() == a.pkg {
		if p, ok := a.links[v.Name()]; ok {
			return p, true
		}
	}
	if a.linkedF != nil && a.linkedF(v) {
		return v.Pos(), true
	}
	return token.NoPos, false
}

func (a *analysis) touched(v *types.Var) string {
	if a.touchedF == nil {
		return ""
	}
	return a.touchedF(v)
}

// LinknameTargets lists the symbols of other packages ("path.name") that
// the files' //go:linkname directives name: a driver exports them so the
// judgement of those packages' importers can refuse the variables.
func LinknameTargets(pkg *types.Package, files []*ast.File) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				fields := linkname(c.Text)
				if len(fields) < 2 {
					continue
				}
				target := fields[1]
				if i := strings.LastIndex(target, "."); i > 0 && target[:i] != pkg.Path() && !seen[target] {
					seen[target] = true
					out = append(out, target)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// TouchedStableVars lists the catalogue's conventionally fixed variables of
// other packages (http.DefaultClient, ...) that this package may change:
// it writes them, or lets a reference to them reach code the memory
// judgement does not know to leave them alone. Drivers export the list to
// importers, whose judgement then refuses those variables. Only packages
// that use such a variable are converted to SSA.
func TouchedStableVars(cfg *Config) []string {
	var used []*types.Var
	seen := map[*types.Var]bool{}
	for _, obj := range cfg.Info.Uses {
		v, ok := obj.(*types.Var)
		if ok && v.Pkg() != nil && v.Pkg() != cfg.Pkg && !seen[v] && defaultCatalogue.stableVar(v) {
			seen[v] = true
			used = append(used, v)
		}
	}
	if len(used) == 0 {
		return nil
	}
	a := newAnalysis(cfg)
	var out []string
	for _, v := range used {
		if a.frozenGlobal(v, false) != nil {
			out = append(out, v.Pkg().Path()+"."+v.Name())
		}
	}
	sort.Strings(out)
	return out
}

// literalRange returns the source range whose stores initialise the object
// allocated at pos: the composite literal whose '{' is at pos, or the
// statement defining the variable whose name is at pos. Empty otherwise.
func (a *analysis) literalRange(pos token.Pos) (token.Pos, token.Pos) {
	if len(a.litRanges) == 0 {
		a.indexRanges()
	}
	r := a.litRanges[pos]
	return r[0], r[1]
}

func (a *analysis) indexRanges() {
	a.litRanges[token.NoPos] = [2]token.Pos{}
	for _, f := range a.allFiles {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				a.litRanges[n.Lbrace] = [2]token.Pos{n.Pos(), n.End()}
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					for _, l := range n.Lhs {
						a.litRanges[l.Pos()] = [2]token.Pos{n.Pos(), n.End()}
					}
				}
			case *ast.ValueSpec:
				for _, name := range n.Names {
					a.litRanges[name.Pos()] = [2]token.Pos{n.Pos(), n.End()}
				}
			}
			return true
		})
	}
}

func sortByKey[T any](s []T, key func(T) string) {
	sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
}
