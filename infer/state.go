package infer

import (
	"fmt"
	"go/ast"
	"path/filepath"
)

// checkGeneratedState compares what the package's generated files declare
// with what the code needs now: each handler's fr_state size against its
// findings (a different count means indices were handed out for another
// version of the code), and each applied finding's index constant comment
// (kind, call, fingerprint) against the finding. Unapplied opportunities and
// drifted wrappers are reported on their own; positions in the code never
// make the file stale.
func (a *analysis) checkGeneratedState() {
	byName := map[string]*Handler{}
	for _, h := range a.res.Handlers {
		byName[h.Name] = h
	}
	for _, f := range a.allFiles {
		if !ast.IsGenerated(f) {
			continue
		}
		file := filepath.Base(a.fset.Position(f.Pos()).Filename)
		for _, g := range ReadGenerated(f) {
			h := byName[g.Name]
			if h == nil {
				continue
			}
			if g.Size >= 0 && g.Size != len(h.Findings) {
				a.res.Problems = append(a.res.Problems, &Problem{Pos: h.Decl.Name.Pos(), Handler: h.Name, Code: "index",
					Message: fmt.Sprintf("%s declares %d fr_state entries for %s, but it has %d freshen opportunities now; rerun freshen-gen fix",
						file, g.Size, shortHandler(h.Name), len(h.Findings))})
			}
			applied, _ := Applied(h)
			for _, st := range g.Changed(h, applied) {
				a.res.Problems = append(a.res.Problems, &Problem{Pos: st.Pos, Handler: h.Name, Code: "index",
					Message: file + " is stale: " + st.Msg + "; rerun freshen-gen fix"})
			}
		}
	}
}
