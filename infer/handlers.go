package infer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

const (
	lambdaPkg    = "github.com/aws/aws-lambda-go/lambda"
	functionsPkg = "github.com/GoogleCloudPlatform/functions-framework-go/functions"
)

// registrar is a call that registers a handler, and which argument holds it.
type registrar struct {
	via string
	arg int
	// wrapped: the argument must be http.HandlerFunc(f).
	wrapped bool
}

// registrars maps FullNames of handler-registering functions. Data, like the
// catalogue: a new platform entry point needs no code.
var registrars = map[string]registrar{
	lambdaPkg + ".Start":                   {via: "lambda.Start", arg: 0},
	lambdaPkg + ".StartWithOptions":        {via: "lambda.StartWithOptions", arg: 0},
	lambdaPkg + ".StartWithContext":        {via: "lambda.StartWithContext", arg: 1},
	lambdaPkg + ".StartHandlerFunc":        {via: "lambda.StartHandlerFunc", arg: 0},
	functionsPkg + ".HTTP":                 {via: "functions.HTTP", arg: 1},
	functionsPkg + ".CloudEvent":           {via: "functions.CloudEvent", arg: 1},
	"net/http.HandleFunc":                  {via: "http.HandleFunc", arg: 1},
	"(*net/http.ServeMux).HandleFunc":      {via: "(*http.ServeMux).HandleFunc", arg: 1},
	"net/http.Handle":                      {via: "http.Handle", arg: 1, wrapped: true},
	"(*net/http.ServeMux).Handle":          {via: "(*http.ServeMux).Handle", arg: 1, wrapped: true},
	lambdaPkg + ".StartHandler":            {via: "lambda.StartHandler", arg: 0, wrapped: true},
	lambdaPkg + ".StartHandlerWithContext": {via: "lambda.StartHandlerWithContext", arg: 1, wrapped: true},
}

// passThrough maps FullNames of functions that take a handler function and
// return something a registrar accepts (a Lambda handler, an action), to the
// argument holding the function: lambda.Start(frlambda.Wrap(handle, o))
// registers handle. Data, like registrars.
var passThrough = map[string]int{
	lambdaPkg + ".NewHandler":                        0,
	lambdaPkg + ".NewHandlerWithOptions":             0,
	"github.com/freshen-go/freshen/fr/frlambda.Wrap": 0,
	"github.com/freshen-go/freshen/fr/frow.Wrap":     0,
}

// handlerPkgs are import paths whose presence means a package may register
// handlers (used for the cheap bail-out).
var handlerPkgs = []string{lambdaPkg, functionsPkg, "net/http"}

// findHandlers returns the package's handlers, sorted by position.
func (a *analysis) findHandlers() []*Handler {
	seen := map[*types.Func]*Handler{}
	var out []*Handler
	add := func(fn *types.Func, via string) {
		if fn == nil || seen[fn] != nil {
			return
		}
		decl := a.decls[fn]
		if decl == nil || decl.Body == nil || !a.userFile(decl.Pos()) {
			return
		}
		h := &Handler{Name: handlerName(fn), Func: fn, Decl: decl, Via: via}
		seen[fn] = h
		out = append(out, h)
	}
	for _, f := range a.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := a.info.Defs[fd.Name].(*types.Func)
			if fd.Doc != nil {
				for _, c := range fd.Doc.List {
					if strings.HasPrefix(c.Text, "//freshen:handler") {
						add(fn, "//freshen:handler")
					}
				}
			}
			if fd.Name.Name == "Main" && fd.Recv == nil && a.pkg.Name() == "main" && isOpenWhiskMain(fn) {
				add(fn, "OpenWhisk Main")
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn := a.callee(call)
			if fn == nil {
				return true
			}
			r, ok := registrars[funcName(fn)]
			if !ok || r.arg >= len(call.Args) {
				return true
			}
			arg, conv := a.unwrapHandler(call.Args[r.arg])
			if r.wrapped && !conv {
				return true
			}
			add(a.funcRef(arg), r.via)
			return true
		})
	}
	a.sortBySource(len(out), func(i int) token.Pos { return out[i].Decl.Pos() }, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// unwrapHandler strips http.HandlerFunc conversions and pass-through
// wrappers (bounded, wrappers rarely nest) from a registrar's argument; conv
// reports whether one was stripped, which registrars taking an interface
// (http.Handle, lambda.StartHandler) require to know a function is inside.
func (a *analysis) unwrapHandler(e ast.Expr) (arg ast.Expr, conv bool) {
	arg = ast.Unparen(e)
	for range 4 {
		c, ok := arg.(*ast.CallExpr)
		if !ok || len(c.Args) == 0 {
			return arg, conv
		}
		if tv, ok := a.info.Types[c.Fun]; ok && tv.IsType() {
			if len(c.Args) != 1 || types.TypeString(tv.Type, nil) != "net/http.HandlerFunc" {
				return arg, conv
			}
			arg, conv = ast.Unparen(c.Args[0]), true
			continue
		}
		fn := a.callee(c)
		if fn == nil {
			return arg, conv
		}
		i, ok := passThrough[funcName(fn)]
		if !ok || i >= len(c.Args) {
			return arg, conv
		}
		arg, conv = ast.Unparen(c.Args[i]), true
	}
	return arg, conv
}

// funcRef resolves a function or method value expression to its function.
func (a *analysis) funcRef(e ast.Expr) *types.Func {
	switch x := e.(type) {
	case *ast.Ident:
		fn, _ := a.info.Uses[x].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if s := a.info.Selections[x]; s != nil && (s.Kind() == types.MethodVal || s.Kind() == types.MethodExpr) {
			fn, _ := s.Obj().(*types.Func)
			return fn
		}
		fn, _ := a.info.Uses[x.Sel].(*types.Func)
		return fn
	case *ast.IndexExpr: // generic instantiation
		return a.funcRef(x.X)
	}
	return nil
}

// handlerName is "<pkgpath>.<Func>" or "<pkgpath>.<Type>.<Method>".
func handlerName(fn *types.Func) string {
	path := ""
	if fn.Pkg() != nil {
		path = fn.Pkg().Path()
	}
	sig := fn.Type().(*types.Signature)
	if r := sig.Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return path + "." + n.Obj().Name() + "." + fn.Name()
		}
	}
	return path + "." + fn.Name()
}

// isOpenWhiskMain checks func Main(map[string]any) map[string]any.
func isOpenWhiskMain(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	sig := fn.Type().(*types.Signature)
	isMap := func(t types.Type) bool {
		m, ok := t.Underlying().(*types.Map)
		if !ok {
			return false
		}
		k, ok := m.Key().(*types.Basic)
		if !ok || k.Kind() != types.String {
			return false
		}
		i, ok := m.Elem().Underlying().(*types.Interface)
		return ok && i.Empty()
	}
	return sig.Params().Len() == 1 && sig.Results().Len() == 1 &&
		isMap(sig.Params().At(0).Type()) && isMap(sig.Results().At(0).Type())
}
