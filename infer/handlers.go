package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
)

const (
	lambdaPkg        = "github.com/aws/aws-lambda-go/lambda"
	lambdaURLPkg     = "github.com/aws/aws-lambda-go/lambdaurl"
	functionsPkg     = "github.com/GoogleCloudPlatform/functions-framework-go/functions"
	funcframeworkPkg = "github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	chiPkg           = "github.com/go-chi/chi/v5"
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
	lambdaPkg + ".Start":                                    {via: "lambda.Start", arg: 0},
	lambdaPkg + ".StartWithOptions":                         {via: "lambda.StartWithOptions", arg: 0},
	lambdaPkg + ".StartWithContext":                         {via: "lambda.StartWithContext", arg: 1},
	lambdaPkg + ".StartHandlerFunc":                         {via: "lambda.StartHandlerFunc", arg: 0},
	functionsPkg + ".HTTP":                                  {via: "functions.HTTP", arg: 1},
	functionsPkg + ".CloudEvent":                            {via: "functions.CloudEvent", arg: 1},
	"net/http.HandleFunc":                                   {via: "http.HandleFunc", arg: 1},
	"(*net/http.ServeMux).HandleFunc":                       {via: "(*http.ServeMux).HandleFunc", arg: 1},
	"net/http.Handle":                                       {via: "http.Handle", arg: 1, wrapped: true},
	"(*net/http.ServeMux).Handle":                           {via: "(*http.ServeMux).Handle", arg: 1, wrapped: true},
	lambdaPkg + ".StartHandler":                             {via: "lambda.StartHandler", arg: 0, wrapped: true},
	lambdaPkg + ".StartHandlerWithContext":                  {via: "lambda.StartHandlerWithContext", arg: 1, wrapped: true},
	lambdaURLPkg + ".Start":                                 {via: "lambdaurl.Start", arg: 0, wrapped: true},
	funcframeworkPkg + ".RegisterHTTPFunctionContext":       {via: "funcframework.RegisterHTTPFunctionContext", arg: 2},
	funcframeworkPkg + ".RegisterEventFunctionContext":      {via: "funcframework.RegisterEventFunctionContext", arg: 2},
	funcframeworkPkg + ".RegisterCloudEventFunctionContext": {via: "funcframework.RegisterCloudEventFunctionContext", arg: 2},
	// Routers of Cloud Run and other net/http services.
	"(*github.com/gorilla/mux.Router).HandleFunc": {via: "(*mux.Router).HandleFunc", arg: 1},
	"(*github.com/gorilla/mux.Router).Handle":     {via: "(*mux.Router).Handle", arg: 1, wrapped: true},
	"(*github.com/gorilla/mux.Route).HandlerFunc": {via: "(*mux.Route).HandlerFunc", arg: 0},
	"(*github.com/gorilla/mux.Route).Handler":     {via: "(*mux.Route).Handler", arg: 0, wrapped: true},
}

func init() {
	// chi's Mux and Router interface: HandleFunc, Handle and one method
	// per HTTP verb (MethodFunc takes the verb first).
	for _, recv := range []string{"(*" + chiPkg + ".Mux)", "(" + chiPkg + ".Router)"} {
		for _, m := range []string{"HandleFunc", "Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "Connect", "Trace"} {
			registrars[recv+"."+m] = registrar{via: "chi." + m, arg: 1}
		}
		registrars[recv+".Handle"] = registrar{via: "chi.Handle", arg: 1, wrapped: true}
		registrars[recv+".MethodFunc"] = registrar{via: "chi.MethodFunc", arg: 2}
		registrars[recv+".Method"] = registrar{via: "chi.Method", arg: 2, wrapped: true}
	}
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
	// Tracing and error-reporting wrappers of Lambda handlers.
	"github.com/DataDog/datadog-lambda-go.WrapFunction":                                                     0,
	"github.com/DataDog/datadog-lambda-go.WrapHandler":                                                      0,
	"github.com/DataDog/dd-trace-go/contrib/aws/datadog-lambda-go/v2.WrapFunction":                          0,
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-lambda-go/otellambda.InstrumentHandler": 0,
	// ... and of net/http handlers.
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.NewHandler":   0,
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp.WithRouteTag": 1,
	"(*github.com/getsentry/sentry-go/http.Handler).Handle":                      0,
	"(*github.com/getsentry/sentry-go/http.Handler).HandleFunc":                  0,
	"github.com/aws/aws-xray-sdk-go/xray.Handler":                                1,
}

// handlerPkgs are import paths whose presence means a package may register
// handlers (used for the cheap bail-out).
var handlerPkgs = []string{lambdaPkg, lambdaURLPkg, functionsPkg, funcframeworkPkg, chiPkg, "github.com/gorilla/mux", "net/http"}

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
			if via := a.deployedByName(fd, fn); via != "" {
				add(fn, via)
			}
			if fn != nil && a.registered != nil {
				if via := a.registered(fn); via != "" {
					add(fn, via)
				}
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
			reg := &Registration{Pos: call.Pos(), Via: r.via, Target: a.text(call.Args[r.arg])}
			a.res.Registrations = append(a.res.Registrations, reg)
			arg, conv := a.unwrapHandler(call.Args[r.arg])
			target := a.funcRef(arg)
			switch {
			case r.wrapped && !conv:
				reg.Why = "the handler is a value freshen cannot see into (wrap a function with http.HandlerFunc, or mark it //freshen:handler)"
			case target == nil:
				reg.Why = a.whyNotFollowed(arg)
			case target.Pkg() != a.pkg:
				reg.Handler = handlerName(target)
				reg.Why = fmt.Sprintf("%s is declared in package %s: freshen-gen follows registrations into the packages it loads; under go vet, mark it //freshen:handler there", shortHandler(reg.Handler), target.Pkg().Path())
			case a.decls[target] == nil || !a.userFile(a.decls[target].Pos()):
				reg.Why = "the handler has no body in this package's own files"
			default:
				reg.Handler = handlerName(target)
				reg.Followed = true
				add(target, r.via)
			}
			return true
		})
	}
	a.sortBySource(len(out), func(i int) token.Pos { return out[i].Decl.Pos() }, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// whyNotFollowed explains a registration whose handler is not a named
// function of this package.
func (a *analysis) whyNotFollowed(arg ast.Expr) string {
	switch x := ast.Unparen(arg).(type) {
	case *ast.FuncLit:
		return "the handler is a function literal: it has no name to register a freshen hook under (make it a named function)"
	case *ast.CallExpr:
		if fn := a.callee(x); fn != nil {
			return fmt.Sprintf("the handler comes from %s, which freshen does not know to pass a handler through", shortName(fn))
		}
		return "the handler comes from a call freshen cannot follow"
	case *ast.Ident:
		if _, ok := a.info.Uses[x].(*types.Var); ok {
			return fmt.Sprintf("the handler is the variable %s, not a function", x.Name)
		}
	}
	return "the handler is not a function or method freshen can name"
}

// deployedByName recognises functions that platforms invoke by their
// exported name, with no registration in the code: Cloud Functions (1st
// gen) HTTP and background functions in the package at the module root,
// and Vercel functions in an api/ directory.
func (a *analysis) deployedByName(fd *ast.FuncDecl, fn *types.Func) string {
	if fn == nil || fd.Recv != nil || !fn.Exported() || a.pkg.Name() == "main" || fd.Body == nil {
		return ""
	}
	sig := fn.Type().(*types.Signature)
	root := a.modulePath != "" && a.pkg.Path() == a.modulePath
	api := false
	if tf := a.fset.File(fd.Pos()); tf != nil {
		for dir := filepath.Dir(tf.Name()); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if filepath.Base(dir) == "api" {
				api = true
				break
			}
		}
	}
	switch {
	case isHTTPHandlerSig(sig) && root:
		return "Cloud Functions HTTP function (deployed by name)"
	case isHTTPHandlerSig(sig) && api:
		return "Vercel function (api/)"
	case root && isBackgroundSig(sig, a.pkg):
		return "Cloud Functions background function (deployed by name)"
	}
	return ""
}

// isHTTPHandlerSig: func(http.ResponseWriter, *http.Request).
func isHTTPHandlerSig(sig *types.Signature) bool {
	if sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	return types.TypeString(sig.Params().At(0).Type(), nil) == "net/http.ResponseWriter" &&
		types.TypeString(sig.Params().At(1).Type(), nil) == "*net/http.Request"
}

// isBackgroundSig: func(context.Context, E) error, with E a struct (or
// pointer to one) of this package or an event type of a known package.
func isBackgroundSig(sig *types.Signature, pkg *types.Package) bool {
	if sig.Params().Len() != 2 || sig.Results().Len() != 1 || !isError(sig.Results().At(0).Type()) || !isContext(sig.Params().At(0).Type()) {
		return false
	}
	t := sig.Params().At(1).Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if _, isStruct := n.Underlying().(*types.Struct); !isStruct {
		return false
	}
	path := n.Obj().Pkg().Path()
	return n.Obj().Pkg() == pkg || strings.HasPrefix(path, "github.com/googleapis/google-cloudevents-go/") ||
		path == "cloud.google.com/go/functions/metadata" || strings.HasPrefix(path, "github.com/cloudevents/sdk-go/")
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

// HandlerName is the name a handler's freshen hook is registered under:
// "<pkgpath>.<Func>" or "<pkgpath>.<Type>.<Method>".
func HandlerName(fn *types.Func) string { return handlerName(fn) }

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
