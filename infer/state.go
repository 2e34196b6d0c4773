package infer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
)

// checkGeneratedState compares the fr_state sizes the generated file
// declares (fr.NewState("<handler>", n)) with the handlers' findings: a
// different count means indices were handed out for another version of the
// code.
func (a *analysis) checkGeneratedState() {
	declared := map[string]int{}
	where := map[string]token.Pos{}
	for _, f := range a.allFiles {
		if !ast.IsGenerated(f) {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				return true
			}
			fn := a.callee(call)
			if fn == nil || funcName(fn) != FrPath+".NewState" {
				return true
			}
			name, ok1 := a.info.Types[call.Args[0]]
			size, ok2 := a.info.Types[call.Args[1]]
			if !ok1 || !ok2 || name.Value == nil || size.Value == nil || name.Value.Kind() != constant.String {
				return true
			}
			if n, ok := constant.Int64Val(constant.ToInt(size.Value)); ok {
				h := constant.StringVal(name.Value)
				declared[h], where[h] = int(n), call.Pos()
			}
			return true
		})
	}
	for _, h := range a.res.Handlers {
		n, ok := declared[h.Name]
		if !ok || n == len(h.Findings) {
			continue
		}
		p := a.fset.Position(where[h.Name])
		pos := h.Decl.Name.Pos()
		a.res.Problems = append(a.res.Problems, &Problem{Pos: pos, Handler: h.Name, Code: "index",
			Message: fmt.Sprintf("%s declares %d fr_state entries for %s, but it has %d freshen opportunities now; rerun freshen-gen fix",
				shortFile(p.Filename), n, shortHandler(h.Name), len(h.Findings))})
	}
}
