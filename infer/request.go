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
	if len(r.headers) > 0 {
		// Sound to fetch, but fr has no fetch form that sets headers yet
		// (requested as fr.HTTPDo); warm instead of emitting a form that
		// generated code could not express.
		return "the request sets headers, which fr's fetch forms cannot carry yet", r.headers[0].Pos(), nil
	}
	fn := "HTTPGet"
	if m == "HEAD" {
		fn = "HTTPHead"
	}
	form := &ast.CallExpr{
		Fun:  &ast.SelectorExpr{X: in.pkgIdent("fr", FrPath), Sel: ast.NewIdent(fn)},
		Args: []ast.Expr{ctxIdent(), in.expr(recv), in.expr(r.url)},
	}
	return "", token.NoPos, form
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
