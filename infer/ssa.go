package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// ssaView is the package in SSA form, built on first use. Every store,
// address, conversion, closure and call is an explicit instruction there,
// which is what the memory judgement (frozen.go) walks.
type ssaView struct {
	prog *ssa.Program
	pkg  *ssa.Package
	err  error

	// funcs are the package's functions (anonymous ones included) outside
	// _test.go files: the code that runs in production.
	funcs []*ssa.Function
	// uses indexes, for values that have no referrer list of their own
	// (globals, functions), the instructions that name them as operands.
	globalUses map[*ssa.Global][]ssa.Instruction
	funcUses   map[*ssa.Function][]ssa.Instruction
	// staticCalls are the call sites of each package function.
	staticCalls map[*ssa.Function][]ssa.CallInstruction
	// byPos finds allocation sites and calls by their source position
	// (CompositeLit.Lbrace, CallExpr.Lparen, the ident of a var).
	byPos map[token.Pos][]ssa.Value
	// initish are the functions whose stores count as initialisation:
	// the package initializer, init functions, and function literals
	// they only call directly.
	initish map[*ssa.Function]bool
	mainFn  *ssa.Function
}

// ssa returns the package's SSA form, building it once.
func (a *analysis) ssa() *ssaView {
	if a.sv != nil {
		return a.sv
	}
	a.sv = &ssaView{}
	a.sv.build(a)
	return a.sv
}

func (v *ssaView) build(a *analysis) {
	defer func() {
		// SSA construction is not expected to fail on a type-checked
		// package; if it does, nothing can be proven constant.
		if r := recover(); r != nil {
			v.err = fmt.Errorf("building SSA: %v", r)
		}
	}()
	v.prog = ssa.NewProgram(a.fset, 0)
	created := map[*types.Package]bool{}
	var create func(p *types.Package)
	create = func(p *types.Package) {
		if created[p] {
			return
		}
		created[p] = true
		for _, imp := range p.Imports() {
			create(imp)
		}
		if p != a.pkg {
			v.prog.CreatePackage(p, nil, nil, true)
		}
	}
	for _, imp := range a.pkg.Imports() {
		create(imp)
	}
	v.pkg = v.prog.CreatePackage(a.pkg, a.srcFiles, a.info, false)
	v.pkg.Build()

	v.globalUses = map[*ssa.Global][]ssa.Instruction{}
	v.funcUses = map[*ssa.Function][]ssa.Instruction{}
	v.staticCalls = map[*ssa.Function][]ssa.CallInstruction{}
	v.byPos = map[token.Pos][]ssa.Value{}
	v.initish = map[*ssa.Function]bool{}

	seen := map[*ssa.Function]bool{}
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		if fn == nil || seen[fn] || testFile(a.fset, fn.Pos()) {
			return
		}
		seen[fn] = true
		v.funcs = append(v.funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	// The package initializer holds package-level variable initialisers
	// (function literals among them), then every source function.
	add(v.pkg.Func("init"))
	for _, f := range a.allFiles {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if obj, ok := a.info.Defs[fd.Name].(*types.Func); ok {
					add(v.prog.FuncValue(obj))
				}
			}
		}
	}
	sortFuncs(a.fset, v.funcs)
	if fn := v.pkg.Func("main"); fn != nil && a.pkg.Name() == "main" {
		v.mainFn = fn
	}

	for _, fn := range v.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				v.index(instr)
			}
		}
	}
	// Initialisation: the package initializer and init#N, then function
	// literals created there that are only ever called on the spot.
	if fn := v.pkg.Func("init"); fn != nil {
		v.initish[fn] = true
	}
	for _, fn := range v.funcs {
		if fn.Parent() == nil && strings.HasPrefix(fn.Name(), "init#") {
			v.initish[fn] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range v.funcs {
			if v.initish[fn] || fn.Parent() == nil || !v.initish[fn.Parent()] {
				continue
			}
			if v.onlyCalledFrom(fn, v.initish) {
				v.initish[fn] = true
				changed = true
			}
		}
	}
}

func sortFuncs(fset *token.FileSet, fs []*ssa.Function) {
	keys := make(map[*ssa.Function]string, len(fs))
	for _, f := range fs {
		p := fset.Position(f.Pos())
		keys[f] = fmt.Sprintf("%s:%09d:%s", p.Filename, p.Offset, f.String())
	}
	sortByKey(fs, func(f *ssa.Function) string { return keys[f] })
}

func testFile(fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	f := fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

func (v *ssaView) index(instr ssa.Instruction) {
	if val, ok := instr.(ssa.Value); ok {
		switch val.(type) {
		case *ssa.Alloc, *ssa.MakeMap, *ssa.MakeSlice, *ssa.MakeChan, *ssa.Call:
			if p := val.Pos(); p.IsValid() {
				v.byPos[p] = append(v.byPos[p], val)
			}
		}
	}
	var callee *ssa.Function
	if c, ok := instr.(ssa.CallInstruction); ok {
		callee = c.Common().StaticCallee()
		// A call of an instance of a generic function is a call of the
		// generic function: its body (the origin's) is what runs, and
		// what it returns reaches this call.
		if callee != nil && callee.Pkg == nil && instanceOf(callee, v.pkg) {
			callee = callee.Origin()
		}
		if callee != nil && callee.Pkg == v.pkg {
			v.staticCalls[callee] = append(v.staticCalls[callee], c)
		}
		if _, isGo := instr.(*ssa.Go); isGo && callee != nil {
			// A goroutine started here runs later: its function is
			// not called on the spot.
			v.funcUses[callee] = append(v.funcUses[callee], instr)
		}
	}
	var ops [16]*ssa.Value
	for i, op := range instr.Operands(ops[:0]) {
		if op == nil || *op == nil {
			continue
		}
		switch x := (*op).(type) {
		case *ssa.Global:
			v.globalUses[x] = append(v.globalUses[x], instr)
		case *ssa.Function:
			// A direct call names its callee as operand 0: not a use of
			// the function as a value.
			if c, ok := instr.(ssa.CallInstruction); ok && i == 0 && c.Common().Value == x {
				continue
			}
			v.funcUses[x] = append(v.funcUses[x], instr)
			if instanceOf(x, v.pkg) {
				// An instance used as a value: so is its origin.
				v.funcUses[x.Origin()] = append(v.funcUses[x.Origin()], instr)
			}
		}
	}
}

// instanceOf: fn is an instance of a generic function (or method) of pkg.
func instanceOf(fn *ssa.Function, pkg *ssa.Package) bool {
	o := fn.Origin()
	return o != nil && o != fn && o.Pkg == pkg
}

// onlyCalledFrom: every use of fn is a direct call made in a function of
// set, or a closure of it made there that is only ever called (a function
// literal invoked on the spot).
func (v *ssaView) onlyCalledFrom(fn *ssa.Function, set map[*ssa.Function]bool) bool {
	n := 0
	for _, c := range v.staticCalls[fn] {
		if !set[c.Parent()] {
			return false
		}
		n++
	}
	for _, u := range v.funcUses[fn] {
		mc, ok := u.(*ssa.MakeClosure)
		if !ok || mc.Fn != fn || !set[mc.Parent()] || !onlyCalled(mc) {
			return false
		}
		n++
	}
	return n > 0
}

// onlyCalled: the closure value is only ever the callee of calls.
func onlyCalled(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		switch r := r.(type) {
		case *ssa.Call:
			if r.Call.Value != v {
				return false
			}
			for _, arg := range r.Call.Args {
				if arg == v {
					return false
				}
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// global returns the SSA global of a package-level variable.
func (v *ssaView) global(obj *types.Var) *ssa.Global {
	if v.prog == nil || obj.Pkg() == nil {
		return nil
	}
	p := v.prog.Package(obj.Pkg())
	if p == nil {
		return nil
	}
	return p.Var(obj.Name())
}

// at returns the allocation site or call of the given kind at pos inside
// function fn (any function when fn is nil).
func (v *ssaView) at(pos token.Pos, match func(ssa.Value) bool) ssa.Value {
	for _, val := range v.byPos[pos] {
		if match(val) {
			return val
		}
	}
	return nil
}

// funcAt returns the SSA function whose syntax is n (a FuncDecl or FuncLit).
func (v *ssaView) funcAt(n ast.Node) *ssa.Function {
	for _, fn := range v.funcs {
		if fn.Syntax() == n {
			return fn
		}
	}
	return nil
}

// describe names an SSA function for messages: its source name, or
// "a function literal in F".
func describe(fn *ssa.Function) string {
	if fn == nil {
		return "unknown code"
	}
	if fn.Parent() != nil {
		outer := fn
		for outer.Parent() != nil {
			outer = outer.Parent()
		}
		if outer.Name() == "init" && outer.Synthetic != "" {
			return "a function literal at package level"
		}
		return "a function literal in " + describe(outer)
	}
	if fn.Synthetic != "" && fn.Name() == "init" {
		return "package initialisation"
	}
	name := fn.Name()
	if strings.HasPrefix(name, "init#") {
		return "init"
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + name
		}
	}
	return name
}
