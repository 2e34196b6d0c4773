package codegen

import (
	"fmt"
	"go/types"
)

// TTLCopyable reports why a result of type t cannot be shared under a TTL
// (nil if it can). A TTL hands every caller its own copy of one prefetched
// result, so the type needs a copy that shares nothing mutable. This mirrors
// fr.NewTTLCopier over go/types, so freshen-gen refuses at generation time
// what the runtime would refuse at init; a test keeps the two in step.
func TTLCopyable(t types.Type) error {
	return ttlCopyable(t, map[types.Type]bool{})
}

func ttlCopyable(t types.Type, seen map[types.Type]bool) error {
	if seen[t] {
		return nil // recursive types: the element was judged on first visit
	}
	seen[t] = true
	if isNamed(t, "net/http", "Response") {
		return fmt.Errorf("%s is not copyable (only *net/http.Response is)", t)
	}
	if p, ok := t.(*types.Pointer); ok && isNamed(p.Elem(), "net/http", "Response") {
		return nil // the runtime buffers the body and hands out re-readable copies
	}
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		switch n.Obj().Pkg().Path() {
		case "sync", "sync/atomic", "unsafe":
			return fmt.Errorf("%s must not be copied", t)
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Kind() == types.UnsafePointer {
			return fmt.Errorf("%s is an unsafe pointer", t)
		}
		return nil
	case *types.Pointer:
		return ttlCopyable(u.Elem(), seen)
	case *types.Slice:
		return ttlCopyable(u.Elem(), seen)
	case *types.Array:
		return ttlCopyable(u.Elem(), seen)
	case *types.Map:
		if err := ttlCopyable(u.Key(), seen); err != nil {
			return err
		}
		return ttlCopyable(u.Elem(), seen)
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if !f.Exported() {
				return fmt.Errorf("%s has unexported field %s, which a copy cannot reach", t, f.Name())
			}
			if err := ttlCopyable(f.Type(), seen); err != nil {
				return err
			}
		}
		return nil
	case *types.Interface:
		return fmt.Errorf("%s is an interface: its dynamic value has no known copy", t)
	case *types.Chan:
		return fmt.Errorf("%s is a channel", t)
	case *types.Signature:
		return fmt.Errorf("%s is a function", t)
	}
	return fmt.Errorf("%s has no known copy", t)
}

func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}
