package infer

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The memory judgement. A value read by a fetch must be the same in every
// invocation. For values that live in memory (package variables, and the
// objects a local variable's definition builds) that holds when the whole
// object graph reachable from them is frozen: every store into it happens
// while it is initialised, and every other use of a reference into it is
// one this file knows to leave it unchanged. The walk is an allow-list over
// SSA instructions: a use it does not recognise refuses the value.
//
// What initialisation means depends on the object:
//   - a package variable: the package initializer, init functions and
//     function literals they only call on the spot (and main.main when the
//     value only picks an endpoint to warm);
//   - an object built by a composite literal: the literal's own stores,
//     or any store during initialisation when the literal itself runs then.
// Objects stored into frozen memory while it is initialised join the graph
// (so do globals that come to share a reference into it), which makes
// aliasing through another variable, an interface box or a conversion
// visible to the same walk.

// memNode is one object of a graph.
type memNode struct {
	v       ssa.Value     // *ssa.Global, an allocation, or a constructor call
	fn      *ssa.Function // the function creating it; nil for globals
	lo, hi  token.Pos     // the literal or statement whose stores initialise it
	foreign bool          // a global of another package
	name    string        // for messages
}

// walker runs one judgement. Each derived value (a value that may refer to
// memory of the graph) carries the node it points into, or nil when it may
// point into any of them (after a load of a reference).
type walker struct {
	a    *analysis
	sv   *ssaView
	warm bool
	// hoist: the root is a value every invocation will share (a hoisted
	// constructor's result). Nothing may change it after it is built,
	// not even through the methods opaque types allow (Close); only the
	// methods sharedTypes lists, catalogue APIs and constructors reading
	// it count as reads.
	hoist   bool
	nodes   map[ssa.Value]*memNode
	derived map[ssa.Value]*memNode
	queue   []ssa.Value
	block   *blocker
	owning  map[ssa.Value]bool
	root    *memNode
	// dyn is, for derived interface values, the concrete type of the
	// graph's value inside (nil when several could be).
	dyn map[ssa.Value]types.Type
}

type frozenKey struct {
	v     ssa.Value
	warm  bool
	hoist bool
}

// frozenGlobal judges a package-level variable (of this or another
// package). subj names it in messages.
func (a *analysis) frozenGlobal(obj *types.Var, warm bool) *blocker {
	sv := a.ssa()
	if sv.err != nil {
		return &blocker{pos: obj.Pos(), subj: obj.Name(), phrase: "cannot be judged: " + sv.err.Error()}
	}
	g := sv.global(obj)
	if g == nil {
		return &blocker{pos: obj.Pos(), subj: obj.Name(), phrase: "is not a package variable freshen can follow"}
	}
	n := &memNode{v: g, foreign: obj.Pkg() != a.pkg, name: obj.Name()}
	if n.foreign {
		n.name = obj.Pkg().Name() + "." + obj.Name()
	}
	return a.frozen(n, warm)
}

// frozenLocal judges the object a local variable's definition builds: v is
// its allocation site or call, [lo, hi) the syntax whose stores initialise
// it.
func (a *analysis) frozenLocal(v ssa.Value, lo, hi token.Pos, name string) *blocker {
	return a.frozen(&memNode{v: v, fn: v.Parent(), lo: lo, hi: hi, name: name}, false)
}

func (a *analysis) frozen(n *memNode, warm bool) *blocker { return a.frozenMode(n, warm, false) }

func (a *analysis) frozenMode(n *memNode, warm, hoist bool) *blocker {
	k := frozenKey{n.v, warm, hoist}
	if b, ok := a.frozenMemo[k]; ok {
		return b
	}
	w := &walker{a: a, sv: a.ssa(), warm: warm, hoist: hoist, nodes: map[ssa.Value]*memNode{},
		derived: map[ssa.Value]*memNode{}, owning: map[ssa.Value]bool{}, root: n, dyn: map[ssa.Value]types.Type{}}
	if n.foreign {
		w.joinForeign(n, nil)
	} else if g, ok := n.v.(*ssa.Global); ok {
		w.linkname(g, n)
		if w.block == nil {
			w.join(n)
		}
	} else {
		w.join(n)
	}
	for len(w.queue) > 0 && w.block == nil {
		d := w.queue[0]
		w.queue = w.queue[1:]
		w.visit(d)
	}
	a.frozenMemo[k] = w.block
	return w.block
}

func (w *walker) fail(at ssa.Instruction, format string, args ...any) {
	if w.block != nil {
		return
	}
	pos := token.NoPos
	if at != nil {
		pos = at.Pos()
		if !pos.IsValid() && at.Parent() != nil {
			pos = at.Parent().Pos()
		}
	}
	if !pos.IsValid() {
		pos = w.root.v.Pos()
	}
	w.block = &blocker{pos: pos, subj: w.root.name, phrase: fmt.Sprintf(format, args...)}
}

func (w *walker) join(n *memNode) {
	if w.nodes[n.v] != nil {
		return
	}
	w.nodes[n.v] = n
	w.derive(n.v, n)
}

// derive records that v may refer to memory of node t (nil: any node).
func (w *walker) derive(v ssa.Value, t *memNode) {
	if old, ok := w.derived[v]; ok {
		if old != nil && old != t {
			// Widen and judge its uses again under the weaker tag.
			w.derived[v] = nil
			w.queue = append(w.queue, v)
		}
		return
	}
	w.derived[v] = t
	// A reference to an opaque client: nothing reachable through it
	// changes. (The variables holding one are still walked: a node is
	// the variable itself, whose stores matter.)
	if p := policyOf(v.Type()); p != nil && p.opaque && w.nodes[v] == nil && !w.hoist {
		return
	}
	w.queue = append(w.queue, v)
}

func (w *walker) referrers(v ssa.Value) []ssa.Instruction {
	if g, ok := v.(*ssa.Global); ok {
		return w.sv.globalUses[g]
	}
	refs := v.Referrers()
	if refs == nil {
		return nil
	}
	return *refs
}

func (w *walker) visit(d ssa.Value) {
	for _, instr := range w.referrers(d) {
		w.use(d, instr)
		if w.block != nil {
			return
		}
	}
}

// where names the function of an instruction for messages.
func where(instr ssa.Instruction) string { return describe(instr.Parent()) }

func (w *walker) use(d ssa.Value, instr ssa.Instruction) {
	t := w.derived[d]
	switch in := instr.(type) {
	case *ssa.DebugRef, *ssa.BinOp, *ssa.If, *ssa.Jump:
		// Reads and comparisons.
	case *ssa.FieldAddr:
		w.derive(in, t)
	case *ssa.IndexAddr:
		if in.X == d {
			w.derive(in, t)
		}
	case *ssa.Slice:
		if in.X == d {
			w.derive(in, t)
		}
	case *ssa.UnOp:
		switch in.Op {
		case token.MUL:
			if hasRefs(in.Type()) {
				if g, ok := d.(*ssa.Global); ok && types.IsInterface(in.Type()) {
					// The concrete type an interface variable holds.
					w.setDyn(in, w.storedType(g))
				}
				w.derive(in, nil)
			}
		case token.ARROW:
			w.fail(in, "is a channel received from in %s", where(in))
		}
	case *ssa.Field, *ssa.Index, *ssa.Lookup, *ssa.Extract, *ssa.Next:
		if x, ok := in.(*ssa.Extract); ok && isError(x.Type()) && w.constructorResult(d) {
			return // a constructor's error is a new value, not part of the client
		}
		if v := in.(ssa.Value); hasRefs(v.Type()) {
			if l, ok := in.(*ssa.Lookup); ok && l.X != d {
				return // used as the key
			}
			w.derive(v, nil)
		}
	case *ssa.Range:
		w.derive(in, nil)
	case *ssa.Store:
		if in.Addr == d {
			w.store(t, in, in.Val, d)
		}
		if in.Val == d {
			if _, inGraph := w.derived[in.Addr]; !inGraph {
				w.escapeInto(in.Addr, in, d)
			}
		}
	case *ssa.MapUpdate:
		if in.Map == d {
			w.store(t, in, in.Key, d)
			w.own(in.Value, in)
		}
		if (in.Key == d || in.Value == d) && in.Map != d {
			if _, inGraph := w.derived[in.Map]; !inGraph {
				w.escapeInto(in.Map, in, d)
			}
		}
	case *ssa.MakeInterface:
		w.setDyn(in, in.X.Type())
		w.derive(in, t)
	case *ssa.ChangeInterface, *ssa.TypeAssert:
		if _, isIface := in.(ssa.Value).Type().Underlying().(*types.Interface); isIface {
			w.setDyn(in.(ssa.Value), w.dyn[d])
		}
		w.derive(in.(ssa.Value), t)
	case *ssa.ChangeType, *ssa.SliceToArrayPointer, *ssa.MultiConvert:
		w.derive(in.(ssa.Value), t)
	case *ssa.Convert:
		if isUnsafe(in.Type()) || isUnsafe(in.X.Type()) {
			w.fail(in, "is converted to %s in %s", types.TypeString(in.Type(), nil), where(in))
			return
		}
		if hasRefs(in.Type()) {
			w.derive(in, t)
		}
	case *ssa.Phi:
		if _, isIface := in.Type().Underlying().(*types.Interface); isIface {
			w.setDyn(in, w.dyn[d])
		}
		w.derive(in, t)
	case *ssa.MakeClosure:
		fn, _ := in.Fn.(*ssa.Function)
		for i, b := range in.Bindings {
			if b == d && fn != nil && i < len(fn.FreeVars) {
				w.derive(fn.FreeVars[i], t)
			}
		}
	case *ssa.Return:
		w.returned(in, d)
	case *ssa.Send:
		w.fail(in, "is sent on a channel in %s", where(in))
	case *ssa.Panic:
		w.fail(in, "is passed to panic in %s", where(in))
	case ssa.CallInstruction:
		w.call(d, t, in)
	default:
		w.fail(instr, "is used in %s in a way freshen does not follow (%s)", where(instr), strings.TrimPrefix(fmt.Sprintf("%T", instr), "*ssa."))
	}
}

// storedType is the one concrete type stored into an interface-typed
// global (nil when none, several, or not through a MakeInterface).
func (w *walker) storedType(g *ssa.Global) types.Type {
	var t types.Type
	for _, u := range w.sv.globalUses[g] {
		st, ok := u.(*ssa.Store)
		if !ok || st.Addr != g {
			continue
		}
		mi, ok := st.Val.(*ssa.MakeInterface)
		if !ok || (t != nil && !types.Identical(t, mi.X.Type())) {
			return nil
		}
		t = mi.X.Type()
	}
	return t
}

// setDyn records the concrete type inside a derived interface value; two
// different ones make it unknown.
func (w *walker) setDyn(v ssa.Value, t types.Type) {
	if old, ok := w.dyn[v]; ok && (old == nil || t == nil || !types.Identical(old, t)) {
		w.dyn[v] = nil
		return
	}
	w.dyn[v] = t
}

// mayStore says whether a store at instr into memory of node t (nil: any)
// is part of initialising it.
func (w *walker) mayStore(t *memNode, instr ssa.Instruction) bool {
	fn := instr.Parent()
	init := w.sv.initish[fn] || (w.warm && fn != nil && fn == w.sv.mainFn)
	if t == nil || t.fn == nil {
		return init
	}
	if init && (w.sv.initish[t.fn] || (w.warm && t.fn == w.sv.mainFn)) {
		return true
	}
	p := instr.Pos()
	return fn == t.fn && p.IsValid() && t.lo <= p && p < t.hi
}

// store judges a write of val into graph memory through d.
func (w *walker) store(t *memNode, instr ssa.Instruction, val ssa.Value, d ssa.Value) {
	if !w.mayStore(t, instr) {
		if g, ok := d.(*ssa.Global); ok && w.nodes[g] != nil {
			if w.nodes[g] == w.root {
				w.fail(instr, "is assigned in %s", where(instr))
			} else {
				w.fail(instr, "shares memory with %s, which is assigned in %s", w.nodes[g].name, where(instr))
			}
			return
		}
		w.fail(instr, "is modified in %s", where(instr))
		return
	}
	w.own(val, instr)
}

// escapeInto: a reference into the graph is stored into other memory at
// addr. That memory becomes part of the graph (whoever reads it can reach
// ours), so the store must be one that initialises it.
func (w *walker) escapeInto(addr ssa.Value, instr ssa.Instruction, d ssa.Value) {
	o := origin(addr)
	switch x := o.(type) {
	case *ssa.Global:
		n := w.globalNode(x, instr)
		if n == nil {
			return
		}
		if !w.mayStore(n, instr) {
			w.fail(instr, "is stored in %s in %s", n.name, where(instr))
			return
		}
		w.join(n)
	case *ssa.Alloc:
		if x.Comment == "varargs" {
			if call, idx := varargsCall(x); call != nil {
				w.callArg(d, nil, call, idx, true)
				return
			}
		}
		n := w.localNode(x)
		if !w.mayStore(n, instr) {
			w.fail(instr, "is stored in another variable in %s", where(instr))
			return
		}
		w.join(n)
	case *ssa.MakeMap, *ssa.MakeSlice:
		n := w.localNode(x)
		if !w.mayStore(n, instr) {
			w.fail(instr, "is stored in another variable in %s", where(instr))
			return
		}
		w.join(n)
	default:
		w.fail(instr, "is stored through a reference freshen cannot follow in %s", where(instr))
	}
}

// origin walks an address back to the object it points into.
func origin(v ssa.Value) ssa.Value {
	for i := 0; i < 64; i++ {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return v
			}
			v = x.X
		default:
			return v
		}
	}
	return v
}

// varargsCall finds the call a variadic argument array is passed to, and
// the parameter index of the ... slice.
func varargsCall(alloc *ssa.Alloc) (ssa.CallInstruction, int) {
	for _, r := range *alloc.Referrers() {
		s, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, rr := range *s.Referrers() {
			if c, ok := rr.(ssa.CallInstruction); ok {
				for i, arg := range c.Common().Args {
					if arg == s {
						return c, i
					}
				}
			}
		}
	}
	return nil, 0
}

func (w *walker) localNode(v ssa.Value) *memNode {
	if n := w.nodes[v]; n != nil {
		return n
	}
	lo, hi := w.a.literalRange(v.Pos())
	return &memNode{v: v, fn: v.Parent(), lo: lo, hi: hi, name: w.root.name}
}

// globalNode returns the node of a global joining the graph, or nil after
// failing when it cannot join.
func (w *walker) globalNode(g *ssa.Global, at ssa.Instruction) *memNode {
	if n := w.nodes[g]; n != nil {
		return n
	}
	obj, _ := g.Object().(*types.Var)
	if obj == nil {
		w.fail(at, "shares memory with %s, which freshen cannot follow", g.Name())
		return nil
	}
	if obj.Pkg() != w.a.pkg {
		n := &memNode{v: g, foreign: true, name: obj.Pkg().Name() + "." + obj.Name()}
		w.joinForeign(n, at)
		if w.block != nil {
			return nil
		}
		return n
	}
	if obj.Exported() && w.a.pkg.Name() != "main" {
		w.fail(at, "shares memory with %s, which other packages may write", obj.Name())
		return nil
	}
	n := &memNode{v: g, name: obj.Name()}
	w.linkname(g, n)
	if w.block != nil {
		return nil
	}
	return n
}

// joinForeign admits a variable of another package only when the catalogue
// lists it as conventionally fixed, no loaded package writes it, and
// nothing here does (its uses are walked like ours).
func (w *walker) joinForeign(n *memNode, at ssa.Instruction) {
	g := n.v.(*ssa.Global)
	obj, _ := g.Object().(*types.Var)
	if obj == nil || !w.a.cat.stableVar(obj) {
		w.failAt(at, g.Pos(), "shares memory with %s, a variable of another package", n.name)
		return
	}
	if who := w.a.touched(obj); who != "" {
		if n == w.root {
			w.failAt(at, g.Pos(), "is modified by package %s", who)
		} else {
			w.failAt(at, g.Pos(), "shares memory with %s, which package %s modifies", n.name, who)
		}
		return
	}
	w.join(n)
}

func (w *walker) failAt(at ssa.Instruction, pos token.Pos, format string, args ...any) {
	if at != nil {
		w.fail(at, format, args...)
		return
	}
	if w.block == nil {
		w.block = &blocker{pos: pos, subj: w.root.name, phrase: fmt.Sprintf(format, args...)}
	}
}

func (w *walker) linkname(g *ssa.Global, n *memNode) {
	obj, _ := g.Object().(*types.Var)
	if obj == nil {
		return
	}
	if pos, ok := w.a.linknamed(obj); ok {
		w.failAt(nil, pos, "is named by a //go:linkname directive, so code elsewhere may write it")
		if n != w.root {
			w.block.phrase = "shares memory with " + n.name + ", which is named by a //go:linkname directive"
		}
	}
}

// own: val is stored into graph memory while it is initialised. If it
// refers to memory, that memory joins the graph.
func (w *walker) own(val ssa.Value, at ssa.Instruction) {
	if val == nil || !hasRefs(val.Type()) || w.owning[val] {
		return
	}
	if _, ok := w.derived[val]; ok && w.hoist {
		// The shared value itself (or memory already in its graph),
		// stored into memory that joined the graph: walked already.
		return
	}
	w.owning[val] = true
	switch x := val.(type) {
	case *ssa.Const:
	case *ssa.Global:
		if n := w.globalNode(x, at); n != nil {
			w.join(n)
		}
	case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice:
		w.join(w.localNode(x))
	case *ssa.UnOp:
		if x.Op != token.MUL {
			w.fail(at, "holds a value freshen cannot follow")
			return
		}
		w.ownAddr(x.X, at)
	case *ssa.FieldAddr, *ssa.IndexAddr:
		w.ownAddr(x, at)
	case *ssa.Field, *ssa.Index, *ssa.Slice, *ssa.Lookup, *ssa.ChangeType, *ssa.ChangeInterface,
		*ssa.TypeAssert, *ssa.SliceToArrayPointer, *ssa.MultiConvert:
		// Values made from another value: they hold what it holds.
		w.own(operand(x), at)
	case *ssa.Convert:
		if isUnsafe(x.X.Type()) || isUnsafe(x.Type()) {
			w.fail(at, "is set through a conversion to %s", types.TypeString(x.Type(), nil))
			return
		}
		w.own(x.X, at)
	case *ssa.MakeInterface:
		// A type of this package in an interface type of this package
		// is fine: only this package's code can call its methods through
		// that interface, and such calls are followed into their bodies.
		// (In any other interface, code elsewhere may call them: an
		// http.Client calls its Transport's RoundTrip.)
		if !ifaceSafe(x.X.Type()) && !(w.a.ownNamed(x.X.Type()) && w.a.ownNamed(x.Type())) {
			w.fail(at, "holds a %s in an interface, which is not a type freshen knows to be read-only", types.TypeString(x.X.Type(), types.RelativeTo(w.a.pkg)))
			return
		}
		w.own(x.X, at)
	case *ssa.Phi:
		for _, e := range x.Edges {
			w.own(e, at)
		}
	case *ssa.Extract:
		w.own(x.Tuple, at)
	case *ssa.Call:
		w.ownCall(x, at)
	case *ssa.Function:
		if obj, ok := x.Object().(*types.Func); !ok || !funcValues[funcName(obj)] {
			w.fail(at, "holds the function value %s, which may do anything when called", x.Name())
		}
	case *ssa.MakeClosure:
		fn, _ := x.Fn.(*ssa.Function)
		if fn != nil && fn.Synthetic != "" && strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
			if obj, ok := fn.Object().(*types.Func); ok && funcValues[funcName(obj)] {
				for _, b := range x.Bindings {
					w.own(b, at)
				}
				return
			}
		}
		w.fail(at, "holds a function literal, which may do anything when called")
	case *ssa.Parameter:
		w.fail(at, "is set from parameter %s", x.Name())
	case *ssa.FreeVar:
		if b := bindingOf(x); b != nil {
			w.own(b, at)
			return
		}
		w.fail(at, "is set from a captured variable freshen cannot follow")
	default:
		w.fail(at, "is set from a value freshen cannot follow (%s)", strings.TrimPrefix(fmt.Sprintf("%T", val), "*ssa."))
	}
}

func (w *walker) ownAddr(addr ssa.Value, at ssa.Instruction) {
	switch o := origin(addr).(type) {
	case *ssa.Global:
		if n := w.globalNode(o, at); n != nil {
			w.join(n)
		}
	case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice:
		w.join(w.localNode(o))
	default:
		w.own(o, at)
	}
}

// ownCall: a call result stored into frozen memory. Constructors and pure
// functions make new values; a function of this package gives whatever it
// returns; anything else is unknown.
func (w *walker) ownCall(c *ssa.Call, at ssa.Instruction) {
	common := c.Common()
	if b, ok := common.Value.(*ssa.Builtin); ok {
		if b.Name() == "append" || b.Name() == "ssa:wrapnilchk" {
			for _, arg := range common.Args {
				w.own(arg, at)
			}
			return
		}
		w.fail(at, "is set from the builtin %s", b.Name())
		return
	}
	callee := common.StaticCallee()
	if callee == nil || common.IsInvoke() {
		w.fail(at, "is set from a call through a function value or interface")
		return
	}
	if body := bodyOf(callee); body != nil && body.Pkg == w.sv.pkg {
		for _, b := range body.Blocks {
			for _, instr := range b.Instrs {
				if r, ok := instr.(*ssa.Return); ok {
					for _, res := range r.Results {
						w.own(res, at)
					}
				}
			}
		}
		return
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		w.fail(at, "is set from %s, which freshen does not know", callee.Name())
		return
	}
	name := funcName(obj)
	switch {
	case constructors[name], w.a.cat.Pure(name):
		w.join(&memNode{v: c, fn: c.Parent(), name: w.root.name})
	case readers[name].keeps:
		w.join(&memNode{v: c, fn: c.Parent(), name: w.root.name})
		for _, arg := range common.Args {
			w.own(arg, at)
		}
	default:
		w.fail(at, "is set from %s, which is not a known client constructor or pure function", shortName(obj))
	}
}

// operand is the value an extraction, slice or type change is made from.
func operand(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.Field:
		return x.X
	case *ssa.Index:
		return x.X
	case *ssa.Slice:
		return x.X
	case *ssa.Lookup:
		return x.X
	case *ssa.ChangeType:
		return x.X
	case *ssa.ChangeInterface:
		return x.X
	case *ssa.TypeAssert:
		return x.X
	case *ssa.SliceToArrayPointer:
		return x.X
	case *ssa.MultiConvert:
		return x.X
	}
	return nil
}

// bodyOf returns the function whose instructions implement fn: fn itself,
// or the generic function an instance comes from.
func bodyOf(fn *ssa.Function) *ssa.Function {
	if fn == nil {
		return nil
	}
	// An instance of a generic function: its body is the generic one's
	// (an instance may itself be a wrapper that calls it).
	if o := fn.Origin(); o != nil && o != fn && len(o.Blocks) > 0 {
		return o
	}
	if len(fn.Blocks) > 0 {
		return fn
	}
	return nil
}

// bindingOf returns the value a closure captured for fv, when the closure
// is made in exactly one place.
func bindingOf(fv *ssa.FreeVar) ssa.Value {
	fn := fv.Parent()
	idx := -1
	for i, f := range fn.FreeVars {
		if f == fv {
			idx = i
		}
	}
	parent := fn.Parent()
	if parent == nil || idx < 0 {
		return nil
	}
	var found ssa.Value
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				if found != nil {
					return nil
				}
				found = mc.Bindings[idx]
			}
		}
	}
	return found
}

// returned: a function returns a reference into the graph. Its callers get
// it; when they are all known (an unexported function of this package
// called directly), their results join the walk.
func (w *walker) returned(ret *ssa.Return, d ssa.Value) {
	fn := ret.Parent()
	exported := fn.Object() != nil && fn.Object().Exported() && w.a.pkg.Name() != "main"
	if fn.Parent() != nil || fn.Signature.Recv() != nil || exported || len(w.sv.funcUses[fn]) > 0 {
		w.fail(ret, "is returned by %s, whose callers freshen cannot all see", describe(fn))
		return
	}
	for i, r := range ret.Results {
		if r != d {
			continue
		}
		for _, c := range w.sv.staticCalls[fn] {
			cv := c.Value()
			if cv == nil {
				continue
			}
			if len(ret.Results) == 1 {
				w.derive(cv, nil)
				continue
			}
			for _, ref := range *cv.Referrers() {
				if e, ok := ref.(*ssa.Extract); ok && e.Index == i {
					w.derive(e, nil)
				}
			}
		}
	}
}

// call judges a call receiving d (as callee, receiver or argument).
func (w *walker) call(d ssa.Value, t *memNode, c ssa.CallInstruction) {
	common := c.Common()
	if common.IsInvoke() {
		name := funcName(common.Method)
		if common.Value == d {
			if dt := w.dyn[d]; dt != nil {
				// The graph's value inside is known: judge its method.
				m, ok := concreteMethod(dt, common.Method)
				if ok && (w.a.cat.Lookup(funcName(m)) != nil || w.reads(dt, m.Name())) {
					if w.hoist {
						if why := sharedSQL(funcName(m), append([]ssa.Value{d}, common.Args...)); why != "" {
							w.fail(c, "%s in %s", why, where(c))
						}
					}
					return
				}
				// A method of this package: follow the receiver into it.
				if ok && m.Pkg() == w.a.pkg {
					if body := bodyOf(w.sv.prog.FuncValue(m)); body != nil && len(body.Params) > 0 {
						w.derive(body.Params[0], t)
						for i, arg := range common.Args {
							if arg == d && i+1 < len(body.Params) {
								w.derive(body.Params[i+1], t)
							}
						}
						return
					}
				}
			}
			if w.a.cat.Lookup(name) == nil && !w.reads(common.Value.Type(), common.Method.Name()) {
				w.fail(c, "has method %s called on it through an interface in %s", common.Method.Name(), where(c))
				return
			}
		}
		for _, arg := range common.Args {
			if arg == d && w.a.cat.Lookup(name) == nil {
				w.fail(c, "is passed to %s through an interface in %s, which may change it", common.Method.Name(), where(c))
				return
			}
		}
		return
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		w.builtin(d, t, b, c)
		return
	}
	callee := common.StaticCallee()
	if callee == nil {
		if common.Value == d {
			w.fail(c, "is called as a function value in %s", where(c))
		} else {
			w.fail(c, "is passed to a function value in %s, which may change it", where(c))
		}
		return
	}
	for i, arg := range common.Args {
		if arg == d {
			w.callArg(d, t, c, i, false)
			if w.block != nil {
				return
			}
		}
	}
}

// callArg judges d passed as argument i (receiver first for static method
// calls) of a call with a static callee. variadic: d is an element of the
// ... slice at i.
func (w *walker) callArg(d ssa.Value, t *memNode, c ssa.CallInstruction, i int, variadic bool) {
	common := c.Common()
	callee := common.StaticCallee()
	if callee == nil {
		w.fail(c, "is passed to a function value in %s, which may change it", where(c))
		return
	}
	// Code of this package, and method wrappers (bound, promoted,
	// thunks) whose body is a call of the method, are followed.
	// Instances of other packages' generic functions are judged by the
	// generic function's name.
	if body := bodyOf(callee); body != nil && (body.Pkg == w.sv.pkg || methodWrapper(callee)) && !variadic {
		if i < len(body.Params) {
			w.derive(body.Params[i], t)
			return
		}
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		w.fail(c, "is passed to %s in %s, which freshen does not know", callee.Name(), where(c))
		return
	}
	name := funcName(obj)
	if obj.Pkg() != nil && obj.Pkg().Path() == FrPath {
		return // the runtime reads what generated code passes it
	}
	isRecv := obj.Type().(*types.Signature).Recv() != nil && i == 0
	if w.hoist && isRecv {
		if why := sharedSQL(name, common.Args); why != "" {
			w.fail(c, "%s in %s", why, where(c))
			return
		}
	}
	if e := w.a.cat.Lookup(name); e != nil {
		// Catalogue APIs read their operands; a result that refers to
		// its receiver is followed like the receiver.
		if isRecv && e.ResultKeepsRecv {
			if v := c.Value(); v != nil {
				w.derive(v, t)
			}
		}
		return
	}
	if isRecv {
		if w.reads(d.Type(), obj.Name()) {
			return
		}
		w.fail(c, "has method %s called on it in %s", obj.Name(), where(c))
		return
	}
	if w.hoist && hoistPassThrough[name] {
		if v := c.Value(); v != nil {
			w.derive(v, t) // returns the value it is given
		}
		return
	}
	if w.hoist && (constructors[name] || hoistables[name] != (hoistable{})) {
		// Constructors read their arguments (a config, options). One
		// that takes a reference may keep it in what it builds (an SDK
		// v1 client built from a session): that is followed like the
		// shared value. A value argument (an aws.Config) is copied.
		if ps := obj.Type().(*types.Signature).Params(); i < ps.Len() {
			switch ps.At(i).Type().Underlying().(type) {
			case *types.Pointer, *types.Interface, *types.Map, *types.Slice:
				if v := c.Value(); v != nil {
					w.derive(v, t)
				}
			}
		}
		return
	}
	if w.a.cat.Pure(name) {
		if v := c.Value(); v != nil && hasRefs(v.Type()) {
			w.derive(v, nil)
		}
		return
	}
	if r, ok := readers[name]; ok && i >= r.skip {
		if r.reflective {
			et := d.Type()
			if mi, ok := d.(*ssa.MakeInterface); ok {
				et = mi.X.Type()
			}
			if !inert(et) {
				w.fail(c, "is printed by %s in %s, which may call its methods", shortName(obj), where(c))
				return
			}
		}
		if v := c.Value(); r.keeps && v != nil {
			w.derive(v, nil)
		}
		return
	}
	w.fail(c, "is passed to %s in %s, which may change it", shortName(obj), where(c))
}

// concreteMethod finds the method of concrete type t that an interface
// method call dispatches to.
func concreteMethod(t types.Type, m *types.Func) (*types.Func, bool) {
	sel := types.NewMethodSet(t).Lookup(m.Pkg(), m.Name())
	if sel == nil {
		return nil, false
	}
	fn, ok := sel.Obj().(*types.Func)
	return fn, ok
}

// reads reports whether calling method on a value of type t leaves it
// unchanged, in the walker's mode.
func (w *walker) reads(t types.Type, method string) bool {
	if w.hoist {
		return sharedMethodOK(t, method)
	}
	return policyReads(t, method)
}

// constructorResult: d is the result tuple of a call of a known
// constructor.
func (w *walker) constructorResult(d ssa.Value) bool {
	c, ok := d.(*ssa.Call)
	if !ok {
		return false
	}
	callee := c.Common().StaticCallee()
	if callee == nil {
		return false
	}
	obj, ok := callee.Object().(*types.Func)
	return ok && constructors[funcName(obj)]
}

// methodWrapper: a synthetic function that only calls a method.
func methodWrapper(fn *ssa.Function) bool {
	s := fn.Synthetic
	return strings.HasPrefix(s, "bound method wrapper") || strings.HasPrefix(s, "wrapper for") || strings.HasPrefix(s, "thunk for")
}

func policyReads(t types.Type, method string) bool {
	p := policyOf(t)
	if p == nil {
		return false
	}
	if p.opaque {
		return true
	}
	for _, m := range p.reads {
		if m == method {
			return true
		}
	}
	return false
}

func (w *walker) builtin(d ssa.Value, t *memNode, b *ssa.Builtin, c ssa.CallInstruction) {
	args := c.Common().Args
	switch b.Name() {
	case "len", "cap", "print", "println", "min", "max", "real", "imag":
	case "ssa:wrapnilchk":
		if v := c.Value(); v != nil {
			w.derive(v, t)
		}
	case "append":
		if len(args) > 0 && args[0] == d {
			w.fail(c, "is modified by append in %s", where(c))
			return
		}
		if v := c.Value(); v != nil && hasRefs(v.Type().Underlying().(*types.Slice).Elem()) {
			w.derive(v, nil)
		}
	case "copy":
		if len(args) > 0 && args[0] == d {
			w.fail(c, "is modified by copy in %s", where(c))
			return
		}
		if len(args) > 0 {
			if s, ok := args[0].Type().Underlying().(*types.Slice); ok && hasRefs(s.Elem()) {
				w.fail(c, "is copied into another slice in %s", where(c))
			}
		}
	case "delete", "clear":
		w.fail(c, "is modified by %s in %s", b.Name(), where(c))
	default:
		w.fail(c, "is passed to the builtin %s in %s", b.Name(), where(c))
	}
}

func isUnsafe(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && (b.Kind() == types.UnsafePointer || b.Kind() == types.Uintptr)
}
