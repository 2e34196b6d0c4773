package codegen

import (
	"fmt"
	"go/types"
)

// TTLCopyable reports why a result of type t cannot be kept under a TTL (nil
// if it can). A TTL hands every caller its own copy of one prefetched result,
// so the type needs a copy that shares no mutable memory. This is
// fr.NewTTLCopier's rule restated over go/types, so freshen-gen refuses at
// generation time what the runtime would refuse at init; a test keeps the
// two in step on a table of types.
func TTLCopyable(t types.Type) error {
	switch {
	case isPtrTo(t, "net/http", "Response"):
		return nil // the body is buffered, each copy gets its own reader
	case isBytes(t):
		return nil
	case shareable(t):
		return nil
	}
	if types.IsInterface(t) {
		return fmt.Errorf("type %s is an interface: its dynamic value has no known safe copy", t)
	}
	if err := deepCopyable(t, map[types.Type]bool{}); err != nil {
		return fmt.Errorf("type %s has no safe copy: %w", t, err)
	}
	return nil
}

// shareable: values share no mutable memory once assigned.
func shareable(t types.Type) bool {
	if isNamed(t, "time", "Time") {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer && u.Kind() != types.Invalid
	case *types.Array:
		return u.Len() == 0 || shareable(u.Elem())
	case *types.Struct:
		for i := range u.NumFields() {
			if !shareable(u.Field(i).Type()) {
				return false
			}
		}
		return true
	case *types.Pointer:
		return isNamed(u.Elem(), "time", "Location")
	}
	return false
}

func deepCopyable(t types.Type, seen map[types.Type]bool) error {
	if seen[t] || shareable(t) {
		return nil
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		return deepCopyable(u.Elem(), seen)
	case *types.Slice:
		return deepCopyable(u.Elem(), seen)
	case *types.Array:
		return deepCopyable(u.Elem(), seen)
	case *types.Map:
		if err := deepCopyable(u.Key(), seen); err != nil {
			return err
		}
		return deepCopyable(u.Elem(), seen)
	case *types.Struct:
		for i := range u.NumFields() {
			f := u.Field(i)
			if err := deepCopyable(f.Type(), seen); err != nil {
				return fmt.Errorf("field %s: %w", f.Name(), err)
			}
		}
		return nil
	case *types.Interface:
		return nil // the runtime checks each dynamic value
	case *types.Chan:
		return fmt.Errorf("%s is a channel", t)
	case *types.Signature:
		return fmt.Errorf("%s is a function", t)
	case *types.Basic:
		return fmt.Errorf("%s is an unsafe pointer", t)
	}
	return fmt.Errorf("%s has no known copy", t)
}

func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}

func isPtrTo(t types.Type, path, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && isNamed(p.Elem(), path, name)
}

// isBytes matches []byte exactly, as the runtime does (a named byte slice
// is deep-copied instead, with the same outcome).
func isBytes(t types.Type) bool {
	s, ok := types.Unalias(t).(*types.Slice)
	if !ok {
		return false
	}
	b, ok := types.Unalias(s.Elem()).(*types.Basic)
	return ok && b.Kind() == types.Byte
}
