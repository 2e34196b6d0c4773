package engine

import (
	"fmt"
	"go/parser"
	"go/token"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/infer"
)

// staleReasons says what makes the generated file at path (content old)
// differ from what plan generates: per handler, the entries that changed
// (infer.GenHandler.Stale, the comparison the analyzer makes too), at the
// declaration at fault. Differences it cannot name (a TTL from the
// command line, the imports, the layout) give one general reason.
func staleReasons(path string, old []byte, plan *codegen.Plan) []Reason {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, old, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return []Reason{{Pos: token.Position{Filename: path, Line: 1, Column: 1}, Msg: fmt.Sprintf("freshen_gen.go is stale: it does not parse (%v)", err)}}
	}
	var out []Reason
	add := func(pos token.Pos, msg string) {
		p := token.Position{Filename: path, Line: 1, Column: 1}
		if pos.IsValid() {
			p = fset.Position(pos)
		}
		out = append(out, Reason{Pos: p, Msg: "freshen_gen.go is stale: " + msg})
	}
	gens := infer.ReadGenerated(f)
	declared := map[string]*infer.GenHandler{}
	for _, g := range gens {
		declared[g.Name] = g
	}
	planned := map[string]bool{}
	for _, hp := range plan.Handlers {
		applied := hp.Applied()
		if len(applied) == 0 {
			continue
		}
		planned[hp.Handler.Name] = true
		g := declared[hp.Handler.Name]
		if g == nil {
			add(token.NoPos, fmt.Sprintf("handler %s is not declared", hp.Short))
			continue
		}
		fs := make([]*infer.Finding, len(applied))
		for i, e := range applied {
			fs[i] = e.Finding
		}
		for _, st := range g.Stale(hp.Handler, fs, hp.Size) {
			add(st.Pos, st.Msg)
		}
	}
	for _, g := range gens {
		if !planned[g.Name] {
			add(g.Pos, fmt.Sprintf("handler %s has no applied opportunity left", g.Name))
		}
	}
	if len(out) == 0 {
		add(token.NoPos, "it differs from what freshen-gen fix writes (a TTL, the imports or the layout)")
	}
	return out
}
