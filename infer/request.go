package infer

import (
	"go/ast"
	"go/token"
	"go/types"
	"net/textproto"
	"sort"
	"strconv"
)

// builtRequest is an *http.Request built in the same function by
// http.NewRequest or http.NewRequestWithContext.
type builtRequest struct {
	v                 *types.Var
	method, url, body ast.Expr
	headers           []*ast.CallExpr // req.Header.Set/Add calls, source order
	// straight holds the header calls that are statements of the list
	// declaring the request, so they run exactly once before a later Do.
	straight map[*ast.CallExpr]bool
	hasGoto  bool // the function has a goto, which could jump over a header set
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
	declList := map[ast.Stmt]bool{}
	for _, st := range stmtListAt(vi.declFunc.Body, vi.declPos) {
		declList[st] = true
	}
	r.straight = map[*ast.CallExpr]bool{}
	ast.Inspect(vi.declFunc.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		if br, ok := n.(*ast.BranchStmt); ok && br.Tok == token.GOTO {
			r.hasGoto = true
		}
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
			if es, ok := stack[len(stack)-5].(*ast.ExprStmt); ok && es.X == hc && declList[es] {
				r.straight[hc] = true
			}
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

// stmtListAt returns the innermost statement list of body with a statement
// that contains pos.
func stmtListAt(body *ast.BlockStmt, pos token.Pos) []ast.Stmt {
	var found []ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		var list []ast.Stmt
		switch x := n.(type) {
		case *ast.BlockStmt:
			list = x.List
		case *ast.CaseClause:
			list = x.Body
		case *ast.CommClause:
			list = x.Body
		}
		for _, st := range list {
			if st.Pos() <= pos && pos < st.End() {
				found = list
			}
		}
		return true
	})
	return found
}

// headerCall matches req.Header.Set(...) / Add(...) around the ident on top
// of stack.
func headerCall(stack []ast.Node) *ast.CallExpr {
	if len(stack) < 5 {
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
	var header ast.Expr
	if len(r.headers) > 0 {
		var why string
		var pos token.Pos
		header, why, pos = a.requestHeader(call, r, en, in)
		if header == nil {
			return why, pos, nil
		}
	}
	recvX := in.expr(recv)
	if header != nil {
		form := &ast.CallExpr{
			Fun: &ast.SelectorExpr{X: in.pkgIdent("fr", FrPath), Sel: ast.NewIdent("HTTPDo")},
			Args: []ast.Expr{ctxIdent(), recvX,
				&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(m)}, in.expr(r.url), header},
		}
		return "", token.NoPos, form
	}
	fn := "HTTPGet"
	if m == "HEAD" {
		fn = "HTTPHead"
	}
	form := &ast.CallExpr{
		Fun:  &ast.SelectorExpr{X: in.pkgIdent("fr", FrPath), Sel: ast.NewIdent(fn)},
		Args: []ast.Expr{ctxIdent(), recvX, in.expr(r.url)},
	}
	return "", token.NoPos, form
}

// requestHeader builds the header the request has at Do as a composite
// literal http.Header{"K": {"v"}}, replaying its Set and Add calls. It
// gives up (nil, why, where) unless every call runs exactly once before Do:
// a statement of the list that declares the request, before the Do, in a
// function without goto.
func (a *analysis) requestHeader(do *ast.CallExpr, r *builtRequest, en *env, in *inliner) (ast.Expr, string, token.Pos) {
	var keys []string
	vals := map[string][]ast.Expr{}
	for _, h := range r.headers {
		if h.Pos() > do.Pos() {
			return nil, "the request's headers change after Do", h.Pos()
		}
		if !r.straight[h] {
			return nil, "the request sets a header conditionally or in a loop", h.Pos()
		}
		name, ok := a.constString(h.Args[0], en)
		if !ok {
			return nil, "the header name " + a.text(h.Args[0]) + " is not a known constant string", h.Args[0].Pos()
		}
		// Header.Set and Add store under the canonical key.
		k := textproto.CanonicalMIMEHeaderKey(name)
		if _, seen := vals[k]; !seen {
			keys = append(keys, k)
		}
		v := in.expr(h.Args[1])
		if sel := h.Fun.(*ast.SelectorExpr); sel.Sel.Name == "Set" {
			vals[k] = []ast.Expr{v}
		} else {
			vals[k] = append(vals[k], v)
		}
	}
	if r.hasGoto {
		return nil, "the request sets headers in a function with goto", r.headers[0].Pos()
	}
	sort.Strings(keys)
	lit := &ast.CompositeLit{Type: &ast.SelectorExpr{X: in.pkgIdent("http", "net/http"), Sel: ast.NewIdent("Header")}}
	for _, k := range keys {
		lit.Elts = append(lit.Elts, &ast.KeyValueExpr{
			Key:   &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(k)},
			Value: &ast.CompositeLit{Elts: vals[k]},
		})
	}
	return lit, "", token.NoPos
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
