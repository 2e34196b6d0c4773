package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
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
}

var (
	strictEnv = &env{}
	initEnv   = &env{inInit: true}
)

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
				if _, isStruct := a.info.TypeOf(x).Underlying().(*types.Struct); !isStruct {
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
		// the helper never changes it.
		vi := a.vars[v]
		if vi == nil || len(vi.defs) > 0 {
			return &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is reassigned inside the helper"}
		}
		if b := a.varShared(vi); b != nil {
			return b
		}
		return nil
	}
	memo := len(en.symbolic) == 0 && !en.inInit
	if memo {
		if b, ok := a.memo[v]; ok {
			return b
		}
		a.memo[v] = &blocker{pos: v.Pos(), subj: v.Name(), phrase: "is defined in terms of itself"}
	}
	b := a.varConst1(v, en)
	if memo {
		a.memo[v] = b
	}
	return b
}

func (a *analysis) varConst1(v *types.Var, en *env) *blocker {
	if v.Pkg() != a.pkg {
		if a.cat.stableVar(v) {
			return nil
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
	if b := a.varShared(vi); b != nil {
		return b
	}
	if vi.pkgLevel {
		if v.Exported() && a.pkg.Name() != "main" {
			return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is exported, so importing packages may write it"}
		}
		for _, d := range vi.defs {
			switch d.where {
			case "init":
				if d.rhs == nil {
					return &blocker{pos: d.pos, subj: v.Name(), phrase: "is updated in init"}
				}
				if b := a.isConst(d.rhs, initEnv); b != nil {
					return b
				}
			case "main":
				return &blocker{pos: d.pos, subj: v.Name(), phrase: "is set in main (only warm receivers may use that)"}
			default:
				return &blocker{pos: d.pos, subj: v.Name(), phrase: "is assigned in " + d.fn}
			}
		}
		if vi.tuple {
			return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "comes from a multi-value expression"}
		}
		if vi.init != nil {
			return a.isConst(vi.init, initEnv)
		}
		return nil
	}
	if vi.rangeVar {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is a loop variable"}
	}
	if len(vi.defs) > 0 {
		return &blocker{pos: vi.defs[0].pos, subj: v.Name(), phrase: "is assigned more than once"}
	}
	if vi.tuple {
		if b := a.isConst(vi.tupleRHS, &env{symbolic: en.symbolic}); b != nil {
			return b
		}
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "comes from a multi-value call"}
	}
	if vi.init == nil {
		if vi.declFunc == nil && !vi.initScope {
			return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is not a simple variable"}
		}
		return nil // zero value
	}
	return a.isConst(vi.init, &env{symbolic: en.symbolic})
}

// varShared checks address escapes, writes through the variable and, for
// reference types, writes to any value of the pointee type.
func (a *analysis) varShared(vi *varInfo) *blocker { return a.varSharedExcept(vi, false) }

func (a *analysis) varSharedExcept(vi *varInfo, allowEscape bool) *blocker {
	name := vi.v.Name()
	if vi.addr.IsValid() {
		return &blocker{pos: vi.addr, subj: name, phrase: vi.addrWhy}
	}
	if vi.mut.IsValid() {
		return &blocker{pos: vi.mut, subj: name, phrase: vi.mutWhy}
	}
	if isRef(vi.v.Type()) && vi.esc.IsValid() && !allowEscape {
		return &blocker{pos: vi.esc, subj: name, phrase: "is shared: " + vi.escWhy}
	}
	// Anything reachable through a pointer, slice or map, also inside a
	// struct value (whose copies share it), must not be written anywhere.
	for _, ct := range sharedTypes(vi.v.Type(), nil, map[types.Type]bool{}) {
		if pos, ok := a.mutTypes[types.TypeString(ct, nil)]; ok {
			return &blocker{pos: pos, subj: name, phrase: fmt.Sprintf("reaches a %s, and values of that type are modified", types.TypeString(ct, types.RelativeTo(a.pkg)))}
		}
	}
	return nil
}

// sharedTypes lists the types whose values t reaches by reference: the
// slice and map types themselves and pointer element types, through struct
// fields and arrays.
func sharedTypes(t types.Type, out []types.Type, seen map[types.Type]bool) []types.Type {
	if seen[t] {
		return out
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		out = append(out, u.Elem())
		out = sharedTypes(u.Elem(), out, seen)
	case *types.Slice:
		out = append(out, t)
		out = sharedTypes(u.Elem(), out, seen)
	case *types.Map:
		out = append(out, t)
		out = sharedTypes(u.Elem(), out, seen)
	case *types.Array:
		out = sharedTypes(u.Elem(), out, seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			out = sharedTypes(u.Field(i).Type(), out, seen)
		}
	}
	return out
}

// recvStable decides whether a receiver (a client) is the same object in
// every invocation. Package variables need not have a constant initializer:
// a client built once in init (or, for warm, in main) is stable.
func (a *analysis) recvStable(e ast.Expr, warm bool, en *env) *blocker {
	e = ast.Unparen(e)
	var v *types.Var
	switch x := e.(type) {
	case *ast.Ident:
		v = a.varOf(x)
	case *ast.SelectorExpr:
		if pkgName(a.info, x.X) != nil {
			if obj, ok := a.info.Uses[x.Sel].(*types.Var); ok && a.cat.stableVar(obj) {
				return nil
			}
		}
	}
	if v == nil || v.Pkg() != a.pkg || a.vars[v] == nil || !a.vars[v].pkgLevel {
		return a.isConst(e, en)
	}
	vi := a.vars[v]
	if v.Exported() && a.pkg.Name() != "main" {
		return &blocker{pos: vi.declPos, subj: v.Name(), phrase: "is exported, so importing packages may write it"}
	}
	// A client may be shared (stored in an interface, passed to
	// instrumentation): what matters is that nobody reassigns it or writes
	// through it, which the address, write and pointee checks cover.
	if b := a.varSharedExcept(vi, true); b != nil {
		return b
	}
	for _, d := range vi.defs {
		switch d.where {
		case "init":
		case "main":
			if !warm {
				return &blocker{pos: d.pos, subj: v.Name(), phrase: "is set in main (only warm receivers may use that)"}
			}
		default:
			return &blocker{pos: d.pos, subj: v.Name(), phrase: "is assigned in " + d.fn}
		}
	}
	return nil
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
	if b := a.args(call.Args, en); b != nil {
		return b
	}
	if !a.cat.Pure(name) {
		return &blocker{pos: call.Pos(), phrase: fmt.Sprintf("calls %s, which is not known to be pure", short)}
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
