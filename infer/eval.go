package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// blocker explains why an expression is not freshen-constant.
type blocker struct {
	pos token.Pos
	// subj is the variable the phrase is about ("" when the phrase stands
	// alone, e.g. "depends on parameter r").
	subj   string
	phrase string
}

// env is the evaluation context.
type env struct {
	// symbolic parameters count as constant (helper summaries).
	symbolic map[*types.Var]bool
	// inInit: the expression runs during package initialisation, where
	// os.Getenv is fixed for the process.
	inInit bool
	// client: the expression builds a client held by a package variable:
	// known constructors (and functional options that only set fields to
	// constants) count, and their multi-value results.
	client bool
	// hoists are the handler's hoisted constructor calls: a local they
	// define holds one runtime-scoped value in every invocation.
	hoists *hoistTable
}

var (
	strictEnv     = &env{}
	initEnv       = &env{inInit: true}
	clientInitEnv = &env{inInit: true, client: true}
)

// initOf is the environment of a package variable's definitions.
func initOf(en *env) *env {
	if en.client {
		return clientInitEnv
	}
	return initEnv
}

// nondeterministic functions and packages get a specific reason.
var nondeterministic = map[string]string{
	"time.Now":   "differs between invocations",
	"time.Since": "differs between invocations",
	"time.Until": "differs between invocations",
	"os.Getenv":  "is read at call time (only package-initialisation reads are constant)",
}

// isConst reports nil when e is freshen-constant in env.
func (a *analysis) isConst(e ast.Expr, en *env) *blocker {
	switch x := e.(type) {
	case *ast.ParenExpr:
		return a.isConst(x.X, en)
	case *ast.BasicLit:
		return nil
	case *ast.Ident:
		return a.identConst(x, en)
	case *ast.SelectorExpr:
		if pkgName(a.info, x.X) != nil {
			switch obj := a.info.Uses[x.Sel].(type) {
			case *types.Var:
				if a.cat.stableVar(obj) {
					if b := a.frozenGlobal(obj, false); b != nil {
						return &blocker{pos: b.pos, subj: obj.Pkg().Name() + "." + obj.Name(), phrase: b.phrase}
					}
					return nil
				}
				return &blocker{pos: x.Pos(), phrase: fmt.Sprintf("depends on %s.%s, an exported variable other packages may write", obj.Pkg().Name(), obj.Name())}
			}
			return nil
		}
		if s := a.info.Selections[x]; s != nil && s.Kind() == types.FieldVal {
			// A field read through a pointer is covered by the pointer
			// variable's pointee check.
			return a.isConst(x.X, en)
		}
		if s := a.info.Selections[x]; s != nil {
			return a.isConst(x.X, en)
		}
		return &blocker{pos: x.Pos(), phrase: "uses an unsupported selector"}
	case *ast.StarExpr:
		return a.isConst(x.X, en)
	case *ast.UnaryExpr:
		switch x.Op {
		case token.ARROW:
			return &blocker{pos: x.Pos(), phrase: "receives from a channel"}
		case token.AND:
			if _, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok {
				return a.isConst(x.X, en)
			}
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok {
				// &local passed to a catalogue API: constant when the
				// local is (collect did not count it as an escape).
				if v := a.varOf(id); v != nil && !a.vinfo(v).pkgLevel {
					return a.isConst(id, en)
				}
			}
			return &blocker{pos: x.Pos(), phrase: "takes an address"}
		}
		return a.isConst(x.X, en)
	case *ast.BinaryExpr:
		if b := a.isConst(x.X, en); b != nil {
			return b
		}
		return a.isConst(x.Y, en)
	case *ast.CompositeLit:
		if t := a.info.TypeOf(x); t != nil && localType(t, a.pkg) {
			return &blocker{pos: x.Pos(), phrase: "uses a type declared inside a function"}
		}
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if !structLit(a.info.TypeOf(x)) {
					if b := a.isConst(kv.Key, en); b != nil {
						return b
					}
				}
				el = kv.Value
			}
			if b := a.isConst(el, en); b != nil {
				return b
			}
		}
		return nil
	case *ast.CallExpr:
		return a.callConst(x, en)
	case *ast.IndexExpr:
		if tv, ok := a.info.Types[x.X]; ok && tv.IsType() {
			return nil
		}
		if b := a.isConst(x.X, en); b != nil {
			return b
		}
		return a.isConst(x.Index, en)
	case *ast.SliceExpr:
		for _, p := range []ast.Expr{x.X, x.Low, x.High, x.Max} {
			if p != nil {
				if b := a.isConst(p, en); b != nil {
					return b
				}
			}
		}
		return nil
	case *ast.TypeAssertExpr:
		return a.isConst(x.X, en)
	case *ast.FuncLit:
		return &blocker{pos: x.Pos(), phrase: "is a function literal"}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType:
		return nil
	}
	return &blocker{pos: e.Pos(), phrase: fmt.Sprintf("uses an unsupported %T", e)}
}

func localType(t types.Type, pkg *types.Package) bool {
	if n, ok := types.Unalias(t).(*types.Named); ok {
		obj := n.Obj()
		return obj.Pkg() == pkg && obj.Parent() != nil && obj.Parent() != pkg.Scope()
	}
	return false
}

func (a *analysis) identConst(id *ast.Ident, en *env) *blocker {
	obj := a.info.Uses[id]
	if obj == nil {
		obj = a.info.Defs[id]
	}
	switch obj := obj.(type) {
	case *types.Const, *types.Nil, *types.Builtin, *types.TypeName, *types.PkgName, *types.Func:
		return nil
	case *types.Var:
		b := a.varConst(obj, en)
		if b != nil && b.subj == "" && b.pos == obj.Pos() && a.vinfo(obj).param != "" {
			// Point at the use, not the declaration.
			b = &blocker{pos: id.Pos(), phrase: b.phrase}
		}
		return b
	}
	return &blocker{pos: id.Pos(), phrase: "uses " + id.Name + ", which is not a variable or constant"}
}

// varConst decides whether a variable holds the same value in every
// invocation, under the rules in doc.go.
func (a *analysis) varConst(v *types.Var, en *env) *blocker {
	if en.symbolic[v] {
		// A helper's parameter stands for the caller's argument only if
		// the helper never changes it (parameters are plain values).
		vi := a.vars[v]
		if vi == nil || len(vi.defs) > 0 || vi.addr.IsValid() {
			return &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is reassigned inside the helper"}
		}
		return nil
	}
	var memo map[*types.Var]*blocker
	if len(en.symbolic) == 0 && !en.inInit && !en.client {
		// A handler's hoists make its locals constant, so each handler
		// has a memo of its own.
		memo = a.memo
		if en.hoists != nil {
			memo = en.hoists.memo
		}
	}
	if memo != nil {
		if b, ok := memo[v]; ok {
			return b
		}
		memo[v] = &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is defined in terms of itself"}
	}
	b := a.varConst1(v, en)
	if memo != nil {
		memo[v] = b
	}
	return b
}

func (a *analysis) varConst1(v *types.Var, en *env) *blocker {
	if v.Pkg() != a.pkg {
		if a.cat.stableVar(v) {
			return a.frozenGlobal(v, false)
		}
		return &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is a variable of another package"}
	}
	vi := a.vars[v]
	if vi == nil {
		return &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is not a simple variable"}
	}
	if vi.param != "" {
		return &blocker{pos: vi.declPos, phrase: fmt.Sprintf("depends on %s %s", vi.param, v.Name())}
	}
	if vi.pkgLevel {
		if b := a.pkgVarDefs(vi, false, en); b != nil {
			return b
		}
		return a.frozenGlobal(v, false)
	}
	if vi.rangeVar {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is a loop variable"}
	}
	if len(vi.defs) > 0 {
		return &blocker{pos: vi.defs[0].pos, subj: v.Name(), phrase: "is assigned more than once"}
	}
	if en.hoists.hoistedVar(vi) != nil {
		// Defined by a hoisted constructor: the runtime-scoped value,
		// which the hoist's own judgement keeps unchanged.
		return nil
	}
	local := &env{symbolic: en.symbolic, client: en.client, hoists: en.hoists}
	switch {
	case vi.tuple:
		if b := a.tupleConst(vi.tupleRHS, v, local); b != nil {
			return b
		}
	case vi.init == nil:
		if vi.declFunc == nil && !vi.initScope {
			return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not a simple variable"}
		}
	default:
		if b := a.isConst(vi.init, local); b != nil {
			return b
		}
	}
	return a.localMemory(vi)
}

// pkgVarDefs judges the values a package variable is given: in its
// declaration and in init (and, for warm receivers, in main), each must be
// freshen-constant; anywhere else is a write the handler could see.
func (a *analysis) pkgVarDefs(vi *varInfo, warm bool, en *env) *blocker {
	v := vi.v
	if v.Exported() && a.pkg.Name() != "main" {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is exported, so importing packages may write it"}
	}
	ien := initOf(en)
	for _, d := range vi.defs {
		switch {
		case d.where == "init" || d.where == "initlit" || (d.where == "main" && warm):
			// (A function literal counts only when the SSA judgement
			// finds it called on the spot during initialisation.)
			switch {
			case d.rhs != nil:
				if b := a.isConst(d.rhs, ien); b != nil {
					return b
				}
			case d.tuple != nil:
				if b := a.tupleConst(d.tuple, v, ien); b != nil {
					return b
				}
			default:
				return &blocker{pos: d.pos, subj: v.Name(), phrase: "is updated in " + d.fn}
			}
		case d.where == "main":
			return &blocker{pos: d.pos, subj: v.Name(), phrase: "is set in main (only warm receivers may use that)"}
		default:
			return &blocker{pos: d.pos, subj: v.Name(), phrase: "is assigned in " + d.fn}
		}
	}
	if vi.tuple {
		return a.tupleConst(vi.tupleRHS, v, ien)
	}
	if vi.init != nil {
		return a.isConst(vi.init, ien)
	}
	return nil
}

// tupleConst judges a variable defined from a multi-value expression: only
// a known client constructor with constant arguments, when building a
// client (cfg, err := config.LoadDefaultConfig(ctx)).
func (a *analysis) tupleConst(rhs ast.Expr, v *types.Var, en *env) *blocker {
	if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && en.client {
		if fn := a.callee(call); fn != nil && constructorOf(funcName(fn)) {
			return a.callConst(call, en)
		}
	}
	if b := a.isConst(rhs, &env{symbolic: en.symbolic, inInit: en.inInit, hoists: en.hoists}); b != nil {
		return b
	}
	return &blocker{pos: v.Pos(), subj: v.Name(), phrase: "comes from a multi-value call"}
}

// localMemory judges, for a local variable whose value refers to memory
// (or whose address is taken), the object its definition builds: nothing
// may change it between its definition and the fetch (SSA, frozen.go).
// A definition that merely names other variables shares their memory,
// which their own judgement covers.
func (a *analysis) localMemory(vi *varInfo) *blocker {
	v := vi.v
	if !vi.addr.IsValid() && !vi.written.IsValid() && !hasRefs(v.Type()) {
		return nil
	}
	sv := a.ssa()
	if sv.err != nil {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "cannot be judged: " + sv.err.Error()}
	}
	if vi.addr.IsValid() || vi.written.IsValid() {
		lo, hi := a.literalRange(vi.declPos)
		alloc := sv.at(vi.declPos, func(x ssa.Value) bool {
			al, ok := x.(*ssa.Alloc)
			return ok && al.Comment == v.Name()
		})
		if alloc == nil {
			if vi.addr.IsValid() {
				return &blocker{pos: vi.addr, subj: v.Name(), phrase: vi.addrWhy}
			}
			return &blocker{pos: vi.written, subj: v.Name(), phrase: "is modified after its definition"}
		}
		return a.frozenLocal(alloc, lo, hi, v.Name())
	}
	if vi.init == nil {
		return nil // zero value: a nil reference
	}
	root, lo, hi := a.allocationOf(vi.init)
	if root == nil {
		if aliasExpr(vi.init) {
			return nil
		}
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "refers to memory freshen cannot follow"}
	}
	return a.frozenLocal(root, lo, hi, v.Name())
}

// allocationOf finds the SSA allocation or call that builds the value of
// expression e, with the range whose stores initialise it.
func (a *analysis) allocationOf(e ast.Expr) (ssa.Value, token.Pos, token.Pos) {
	sv := a.ssa()
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		v := sv.at(x.Lbrace, func(v ssa.Value) bool {
			switch v.(type) {
			case *ssa.Alloc, *ssa.MakeMap:
				return true
			}
			return false
		})
		return v, x.Pos(), x.End()
	case *ast.CallExpr:
		v := sv.at(x.Lparen, func(v ssa.Value) bool {
			switch v.(type) {
			case *ssa.Call, *ssa.MakeMap, *ssa.MakeSlice, *ssa.MakeChan, *ssa.Convert:
				return true
			}
			return false
		})
		return v, token.NoPos, token.NoPos
	}
	return nil, token.NoPos, token.NoPos
}

// aliasExpr: e names memory of other variables (a field, an element, a
// dereference, a re-slice or conversion of them) without making new memory.
func aliasExpr(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		return aliasExpr(x.X)
	case *ast.IndexExpr:
		return aliasExpr(x.X)
	case *ast.StarExpr:
		return aliasExpr(x.X)
	case *ast.SliceExpr:
		return aliasExpr(x.X)
	case *ast.TypeAssertExpr:
		return aliasExpr(x.X)
	}
	return false
}

// recvStable decides whether a receiver (a client) is the same object in
// every invocation. A package variable may be built by known constructors
// in its declaration or init (or, for a warm, in main); then everything
// reachable from it must stay unchanged (frozen.go), interface-typed
// fields holding only types freshen knows.
func (a *analysis) recvStable(e ast.Expr, warm bool, en *env) *blocker {
	e = ast.Unparen(e)
	var v *types.Var
	switch x := e.(type) {
	case *ast.Ident:
		v = a.varOf(x)
	case *ast.SelectorExpr:
		if pkgName(a.info, x.X) != nil {
			if obj, ok := a.info.Uses[x.Sel].(*types.Var); ok && a.cat.stableVar(obj) {
				if b := a.frozenGlobal(obj, false); b != nil {
					return &blocker{pos: b.pos, subj: obj.Pkg().Name() + "." + obj.Name(), phrase: b.phrase}
				}
				return nil
			}
		}
	}
	if v == nil || v.Pkg() != a.pkg || a.vars[v] == nil || !a.vars[v].pkgLevel {
		return a.isConst(e, &env{symbolic: en.symbolic, inInit: en.inInit, client: true, hoists: en.hoists})
	}
	vi := a.vars[v]
	if b := a.pkgVarDefs(vi, warm, clientInitEnv); b != nil {
		return b
	}
	return a.frozenGlobal(v, warm)
}

func (a *analysis) callConst(call *ast.CallExpr, en *env) *blocker {
	if tv, ok := a.info.Types[call.Fun]; ok && tv.IsType() {
		return a.args(call.Args, en)
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := a.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "min", "max", "complex", "real", "imag":
				return a.args(call.Args, en)
			case "make", "new":
				// Fresh memory: whether anything writes it later is
				// the memory judgement's (frozen.go).
				return a.args(call.Args[1:], en)
			}
			return &blocker{pos: call.Pos(), phrase: "calls " + b.Name() + ", which builds a mutable value"}
		}
	}
	fn := a.callee(call)
	if fn == nil {
		return &blocker{pos: call.Pos(), phrase: "calls a function value"}
	}
	name := funcName(fn)
	short := shortName(fn)
	if name == "os.Getenv" && en.inInit {
		return a.args(call.Args, en)
	}
	if why, ok := nondeterministic[name]; ok {
		return &blocker{pos: call.Pos(), phrase: fmt.Sprintf("calls %s, which %s", short, why)}
	}
	if fn.Pkg() != nil && (fn.Pkg().Path() == "math/rand" || fn.Pkg().Path() == "math/rand/v2" || fn.Pkg().Path() == "crypto/rand") {
		return &blocker{pos: call.Pos(), phrase: fmt.Sprintf("calls %s, which is random", short)}
	}
	// Operands first: "depends on parameter r" explains more than "calls
	// a function that is not known to be pure".
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := a.info.Selections[sel]; s != nil {
			if b := a.recvStable(sel.X, false, en); b != nil {
				return b
			}
		}
	}
	if en.client && optionFuncs[name] {
		return a.args(call.Args, en)
	}
	if en.client && (constructorOf(name) || hoistables[name] != (hoistable{})) {
		// A client constructor: constant arguments, and functional
		// options that only set fields to constants. The context of a
		// hoistable one only bounds the build (see hoistables).
		h := hoistableOf(name)
		for i, arg := range call.Args {
			if h != nil && i == h.ctx {
				continue
			}
			if fl, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
				if b := a.optionLiteral(fl, en); b != nil {
					return b
				}
				continue
			}
			if b := a.isConst(arg, en); b != nil {
				return b
			}
		}
		return nil
	}
	if b := a.args(call.Args, en); b != nil {
		return b
	}
	if !a.cat.Pure(name) {
		return &blocker{pos: call.Pos(), phrase: fmt.Sprintf("calls %s, which is not known to be pure", short)}
	}
	return a.pureCall(call, name)
}

// optionLiteral accepts a functional option written as a function literal
// whose body only sets fields of its own parameter to constant values:
// func(o *s3.Options) { o.UsePathStyle = true }.
func (a *analysis) optionLiteral(fl *ast.FuncLit, en *env) *blocker {
	params := fl.Type.Params.List
	if len(params) != 1 || len(params[0].Names) != 1 || (fl.Type.Results != nil && len(fl.Type.Results.List) > 0) {
		return &blocker{pos: fl.Pos(), phrase: "passes a function literal that is not a plain option setter"}
	}
	p, _ := a.info.Defs[params[0].Names[0]].(*types.Var)
	for _, st := range fl.Body.List {
		as, ok := st.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return &blocker{pos: st.Pos(), phrase: "passes an option literal that does more than set fields"}
		}
		for i, l := range as.Lhs {
			if p == nil || a.root(l) != p {
				return &blocker{pos: l.Pos(), phrase: "passes an option literal that writes outside its parameter"}
			}
			if _, isIdent := ast.Unparen(l).(*ast.Ident); isIdent {
				return &blocker{pos: l.Pos(), phrase: "passes an option literal that replaces its parameter"}
			}
			if b := a.isConst(as.Rhs[i], en); b != nil {
				return b
			}
		}
	}
	return nil
}

func (a *analysis) args(args []ast.Expr, en *env) *blocker {
	for _, x := range args {
		if b := a.isConst(x, en); b != nil {
			return b
		}
	}
	return nil
}

// shortName is pkg.Func or pkg.(T).M for messages.
func shortName(fn *types.Func) string {
	sig := fn.Type().(*types.Signature)
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Name() + "."
	}
	if r := sig.Recv(); r != nil {
		t := r.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return fmt.Sprintf("%s(%s%s).%s", pkg, star, n.Obj().Name(), fn.Name())
		}
		return fn.Name()
	}
	return pkg + fn.Name()
}

func pkgName(info *types.Info, e ast.Expr) *types.PkgName {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		pn, _ := info.Uses[id].(*types.PkgName)
		return pn
	}
	return nil
}

// explain renders a blocker about operand text as a sentence:
// "argument u depends on parameter r".
func explain(role, text string, b *blocker) string {
	text = oneLine(text, 40)
	switch {
	case b.subj == "" || b.subj == text:
		return fmt.Sprintf("%s %s %s", role, text, b.phrase)
	default:
		return fmt.Sprintf("%s %s depends on %s, which %s", role, text, b.subj, b.phrase)
	}
}

// oneLine collapses whitespace and shortens long source text.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if max > 0 && len(s) > max {
		s = s[:max-3] + "..."
	}
	return s
}

// structLit: a composite literal of type t has field names for keys; an
// elided &T{...} (an element of a []*T or map[K]*T) has type *T.
func structLit(t types.Type) bool {
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	_, ok := u.(*types.Struct)
	return ok
}
