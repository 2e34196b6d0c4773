package infer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// builtRequest is an *http.Request built in the same function by
// http.NewRequest or http.NewRequestWithContext.
type builtRequest struct {
	v                 *types.Var
	method, url, body ast.Expr
	headers           []*ast.CallExpr // req.Header.Set/Add calls, source order
}

// request finds how the Do call's request was built.
func (a *analysis) request(call *ast.CallExpr) (*builtRequest, *blocker) {
	if len(call.Args) != 1 {
		return nil, &blocker{pos: call.Pos(), phrase: "is not a single request"}
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return nil, &blocker{pos: call.Args[0].Pos(), phrase: "is not built in this function"}
	}
	v := a.varOf(id)
	vi := a.vars[v]
	if v == nil || vi == nil || vi.pkgLevel {
		return nil, &blocker{pos: id.Pos(), phrase: "is not built in this function"}
	}
	if vi.param != "" {
		return nil, &blocker{pos: id.Pos(), phrase: "depends on " + vi.param + " " + v.Name()}
	}
	if len(vi.defs) > 0 {
		return nil, &blocker{pos: vi.defs[0].pos, subj: v.Name(), phrase: "is assigned more than once"}
	}
	if !vi.tuple || vi.tupleIdx != 0 {
		return nil, &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not built by http.NewRequest"}
	}
	nc, ok := ast.Unparen(vi.tupleRHS).(*ast.CallExpr)
	if !ok {
		return nil, &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not built by http.NewRequest"}
	}
	fn := a.callee(nc)
	r := &builtRequest{v: v}
	switch {
	case fn != nil && funcName(fn) == "net/http.NewRequest" && len(nc.Args) == 3:
		r.method, r.url, r.body = nc.Args[0], nc.Args[1], nc.Args[2]
	case fn != nil && funcName(fn) == "net/http.NewRequestWithContext" && len(nc.Args) == 4:
		r.method, r.url, r.body = nc.Args[1], nc.Args[2], nc.Args[3]
	default:
		return nil, &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not built by http.NewRequest"}
	}
	if vi.declFunc == nil || vi.declFunc.Body == nil {
		return nil, &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not built in a function"}
	}
	// Every other use must be a header set; anything else may change the
	// request between its construction and Do.
	var bad *blocker
	var stack []ast.Node
	ast.Inspect(vi.declFunc.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		use, ok := n.(*ast.Ident)
		if !ok || a.info.Uses[use] != v || bad != nil {
			return true
		}
		parent := stack[len(stack)-2]
		if parent == call {
			return true
		}
		if hc := headerCall(stack); hc != nil && a.isHeaderSet(hc) {
			r.headers = append(r.headers, hc)
			return true
		}
		bad = &blocker{pos: use.Pos(), subj: v.Name(), phrase: "is used for more than building the request and Do"}
		return true
	})
	if bad != nil {
		return nil, bad
	}
	sort.Slice(r.headers, func(i, j int) bool { return r.headers[i].Pos() < r.headers[j].Pos() })
	return r, nil
}

// headerCall matches req.Header.Set(...) / Add(...) around the ident on top
// of stack.
func headerCall(stack []ast.Node) *ast.CallExpr {
	if len(stack) < 4 {
		return nil
	}
	s1, ok := stack[len(stack)-2].(*ast.SelectorExpr)
	if !ok || s1.Sel.Name != "Header" {
		return nil
	}
	s2, ok := stack[len(stack)-3].(*ast.SelectorExpr)
	if !ok || (s2.Sel.Name != "Set" && s2.Sel.Name != "Add") {
		return nil
	}
	c, ok := stack[len(stack)-4].(*ast.CallExpr)
	if !ok || c.Fun != s2 || len(c.Args) != 2 {
		return nil
	}
	return c
}

func (a *analysis) isHeaderSet(c *ast.CallExpr) bool {
	fn := a.callee(c)
	return fn != nil && (funcName(fn) == "(net/http.Header).Set" || funcName(fn) == "(net/http.Header).Add")
}

// requestURL returns the URL expression of the Do call's request.
func (a *analysis) requestURL(call *ast.CallExpr, en *env) (ast.Expr, *blocker) {
	r, b := a.request(call)
	if b != nil {
		return nil, b
	}
	return r.url, nil
}

// requestFetch: a Do of a constant GET/HEAD request becomes a function
// literal that rebuilds the request with freshen's context.
func (a *analysis) requestFetch(call *ast.CallExpr, recv ast.Expr, en *env, in *inliner) (string, token.Pos, ast.Expr) {
	r, b := a.request(call)
	if b != nil {
		return explain("request", a.text(call.Args[0]), b), b.pos, nil
	}
	m, ok := a.constString(r.method, en)
	if !ok || (m != "GET" && m != "HEAD") {
		return "the request method is not a constant GET or HEAD", r.method.Pos(), nil
	}
	if b := a.isConst(r.url, en); b != nil {
		return explain("URL", a.text(r.url), b), b.pos, nil
	}
	if !a.noBody(r.body) {
		return "the request has a body", r.body.Pos(), nil
	}
	for _, h := range r.headers {
		for _, arg := range h.Args {
			if b := a.isConst(arg, en); b != nil {
				return explain("header", a.text(arg), b), b.pos, nil
			}
		}
	}
	httpID := func() *ast.Ident { return in.pkgIdent("http", "net/http") }
	reqID := func() *ast.Ident { return ast.NewIdent("frReq") }
	errID := func() *ast.Ident { return ast.NewIdent("frErr") }
	body := []ast.Stmt{
		&ast.AssignStmt{
			Lhs: []ast.Expr{reqID(), errID()}, Tok: token.DEFINE,
			Rhs: []ast.Expr{&ast.CallExpr{
				Fun:  &ast.SelectorExpr{X: httpID(), Sel: ast.NewIdent("NewRequestWithContext")},
				Args: []ast.Expr{ctxIdent(), in.expr(r.method), in.expr(r.url), &ast.SelectorExpr{X: httpID(), Sel: ast.NewIdent("NoBody")}},
			}},
		},
		&ast.IfStmt{
			Cond: &ast.BinaryExpr{X: errID(), Op: token.NEQ, Y: ast.NewIdent("nil")},
			Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{ast.NewIdent("nil"), errID()}}}},
		},
	}
	for _, h := range r.headers {
		sel := h.Fun.(*ast.SelectorExpr)
		body = append(body, &ast.ExprStmt{X: &ast.CallExpr{
			Fun:  &ast.SelectorExpr{X: &ast.SelectorExpr{X: reqID(), Sel: ast.NewIdent("Header")}, Sel: ast.NewIdent(sel.Sel.Name)},
			Args: []ast.Expr{in.expr(h.Args[0]), in.expr(h.Args[1])},
		}})
	}
	body = append(body, &ast.ReturnStmt{Results: []ast.Expr{&ast.CallExpr{
		Fun:  &ast.SelectorExpr{X: in.expr(recv), Sel: ast.NewIdent("Do")},
		Args: []ast.Expr{reqID()},
	}}})
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{
			{Type: &ast.StarExpr{X: &ast.SelectorExpr{X: httpID(), Sel: ast.NewIdent("Response")}}},
			{Type: ast.NewIdent("error")},
		}}},
		Body: &ast.BlockStmt{List: body},
	}
	return "", token.NoPos, &ast.CallExpr{Fun: lit}
}

func (a *analysis) noBody(e ast.Expr) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		_, isNil := a.info.Uses[id].(*types.Nil)
		return isNil
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, ok := a.info.Uses[sel.Sel].(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "net/http" && v.Name() == "NoBody" {
			return true
		}
	}
	return false
}
