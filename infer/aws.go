package infer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// strongRead says why a DynamoDB read (GetItem, BatchGetItem, Query,
// Scan; SDK v2 and v1) must not run before the handler: its input asks for
// a strongly consistent read, which returns every write acknowledged
// before the call, and a read made earlier cannot. Prefetching an
// eventually consistent read is what freshen does for any read (its result
// is as old as the hook's run); a strongly consistent one is the program
// saying that is not good enough. A ConsistentRead that is not the
// constant false, or an input freshen cannot see whole, counts as asking.
// This is part of "same world" (docs/internals.md §5), next to the
// read-after-write rule.
func (a *analysis) strongRead(call *ast.CallExpr, e *Entry) (string, token.Pos) {
	if e.Kind != Fetch || len(e.Funcs) == 0 {
		return "", token.NoPos
	}
	spec, ok := resourceSpecs[e.Funcs[0]]
	if !ok || spec.kind != "dynamodb" || spec.write || spec.arg < 0 || spec.arg >= len(call.Args) {
		return "", token.NoPos
	}
	return a.asksStrong(call.Args[spec.arg], 0)
}

const strongWhy = "a strongly consistent read (ConsistentRead), which a read made before the handler runs cannot give"

// asksStrong looks for ConsistentRead fields in the value of e: in the
// composite literal it is built from, and in the literals nested in it
// (BatchGetItem's per-table KeysAndAttributes).
func (a *analysis) asksStrong(e ast.Expr, depth int) (string, token.Pos) {
	t := a.info.TypeOf(e)
	if t == nil || !hasFieldNamed(t, "ConsistentRead", map[types.Type]bool{}) {
		return "", token.NoPos
	}
	lit := a.literalOf(e)
	if lit == nil || depth > 8 {
		return "freshen cannot see whether " + oneLine(a.text(e), 40) + " asks for " + strongWhy, e.Pos()
	}
	// An elided &T{...} (a map of *KeysAndAttributes) has type *T.
	lt := a.info.TypeOf(lit).Underlying()
	if p, ok := lt.(*types.Pointer); ok {
		lt = p.Elem().Underlying()
	}
	_, isStruct := lt.(*types.Struct)
	for _, el := range lit.Elts {
		val := el
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, isID := kv.Key.(*ast.Ident); isID && isStruct && id.Name == "ConsistentRead" {
				if !a.constFalse(kv.Value) {
					return "the input asks for " + strongWhy, kv.Pos()
				}
				continue
			}
			val = kv.Value
		}
		if why, pos := a.asksStrong(val, depth+1); why != "" {
			return why, pos
		}
	}
	return "", token.NoPos
}

// literalOf finds the composite literal e is built from: directly (or
// through &), or the definition of a variable that is its only value (a
// local defined once, or a package variable given it in its declaration
// only, never written through nor its address taken).
func (a *analysis) literalOf(e ast.Expr) *ast.CompositeLit {
	for i := 0; i < 8; i++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CompositeLit:
			return x
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			e = x.X
		case *ast.Ident:
			v := a.varOf(x)
			vi := a.vars[v]
			if v == nil || vi == nil || vi.param != "" || vi.rangeVar || vi.tuple || vi.init == nil ||
				len(vi.defs) > 0 || vi.written.IsValid() || vi.addr.IsValid() {
				return nil
			}
			e = vi.init
		default:
			return nil
		}
	}
	return nil
}

// constFalse: e is the constant false, aws.Bool(false), or nil.
func (a *analysis) constFalse(e ast.Expr) bool {
	e = ast.Unparen(a.unwrapPtrHelper(e))
	tv, ok := a.info.Types[e]
	if ok && tv.IsNil() {
		return true
	}
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
}

// hasFieldNamed reports whether values of t can hold a struct field name:
// in t's own fields or anywhere in the structs, pointers, slices, arrays
// and maps it is made of.
func hasFieldNamed(t types.Type, name string, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return hasFieldNamed(u.Elem(), name, seen)
	case *types.Slice:
		return hasFieldNamed(u.Elem(), name, seen)
	case *types.Array:
		return hasFieldNamed(u.Elem(), name, seen)
	case *types.Map:
		return hasFieldNamed(u.Key(), name, seen) || hasFieldNamed(u.Elem(), name, seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if f.Name() == name || hasFieldNamed(f.Type(), name, seen) {
				return true
			}
		}
	}
	return false
}
