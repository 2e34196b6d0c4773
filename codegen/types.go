package codegen

import (
	"fmt"
	"go/types"

	"github.com/dave/jennifer/jen"
)

// Spellable reports why t cannot be written down in package from (nil if it
// can). Generated code and rewritten call sites must name every result type,
// so a type that mentions an unexported name of another package, or a type
// parameter, makes a call unfit for freshen.
func Spellable(t types.Type, from *types.Package) error {
	return spellable(t, from, map[types.Type]bool{})
}

func spellable(t types.Type, from *types.Package, seen map[types.Type]bool) error {
	if seen[t] {
		return nil
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Basic:
		if t.Info()&types.IsUntyped != 0 || t.Kind() == types.Invalid {
			return fmt.Errorf("type %s has no spelling", t)
		}
		return nil
	case *types.Alias:
		if err := objSpellable(t.Obj(), from); err != nil {
			return err
		}
		for i := range t.TypeArgs().Len() {
			if err := spellable(t.TypeArgs().At(i), from, seen); err != nil {
				return err
			}
		}
		return nil
	case *types.Named:
		if err := objSpellable(t.Obj(), from); err != nil {
			return err
		}
		for i := range t.TypeArgs().Len() {
			if err := spellable(t.TypeArgs().At(i), from, seen); err != nil {
				return err
			}
		}
		return nil
	case *types.Pointer:
		return spellable(t.Elem(), from, seen)
	case *types.Slice:
		return spellable(t.Elem(), from, seen)
	case *types.Array:
		return spellable(t.Elem(), from, seen)
	case *types.Chan:
		return spellable(t.Elem(), from, seen)
	case *types.Map:
		if err := spellable(t.Key(), from, seen); err != nil {
			return err
		}
		return spellable(t.Elem(), from, seen)
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tup.Len() {
				if err := spellable(tup.At(i).Type(), from, seen); err != nil {
					return err
				}
			}
		}
		return nil
	case *types.Struct:
		for i := range t.NumFields() {
			f := t.Field(i)
			if !f.Exported() && f.Pkg() != from {
				return fmt.Errorf("struct field %s belongs to package %s", f.Name(), f.Pkg().Path())
			}
			if err := spellable(f.Type(), from, seen); err != nil {
				return err
			}
		}
		return nil
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			if !m.Exported() && m.Pkg() != from {
				return fmt.Errorf("interface method %s belongs to package %s", m.Name(), m.Pkg().Path())
			}
			if err := spellable(m.Type(), from, seen); err != nil {
				return err
			}
		}
		for i := range t.NumEmbeddeds() {
			if err := spellable(t.EmbeddedType(i), from, seen); err != nil {
				return err
			}
		}
		return nil
	case *types.TypeParam:
		return fmt.Errorf("type parameter %s cannot be named outside its function", t)
	case *types.Union:
		for i := range t.Len() {
			if err := spellable(t.Term(i).Type(), from, seen); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("type %s has no spelling", t)
}

func objSpellable(obj *types.TypeName, from *types.Package) error {
	if obj.Pkg() == nil {
		return nil // universe: error, comparable, any
	}
	if obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope() {
		return fmt.Errorf("type %s is local to a function", obj.Name())
	}
	if obj.Pkg() != from && !obj.Exported() {
		return fmt.Errorf("type %s.%s is unexported", obj.Pkg().Path(), obj.Name())
	}
	return nil
}

// typ converts a go/types type into jennifer code, qualifying named types
// through g so that their imports are registered with non-clashing names.
func (g *gen) typ(t types.Type) *jen.Statement {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return g.qual("unsafe", "unsafe", "Pointer")
		}
		return jen.Id(t.Name())
	case *types.Alias:
		return g.typeName(t.Obj(), t.TypeArgs())
	case *types.Named:
		return g.typeName(t.Obj(), t.TypeArgs())
	case *types.Pointer:
		return jen.Op("*").Add(g.typ(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(g.typ(t.Elem()))
	case *types.Array:
		return jen.Index(jen.Lit(int(t.Len()))).Add(g.typ(t.Elem()))
	case *types.Map:
		return jen.Map(g.typ(t.Key())).Add(g.typ(t.Elem()))
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return jen.Chan().Op("<-").Add(g.typ(t.Elem()))
		case types.RecvOnly:
			return jen.Op("<-").Chan().Add(g.typ(t.Elem()))
		}
		return jen.Chan().Add(g.typ(t.Elem()))
	case *types.Signature:
		return jen.Func().Add(g.signature(t))
	case *types.Struct:
		return jen.StructFunc(func(grp *jen.Group) {
			for i := range t.NumFields() {
				f := t.Field(i)
				var s *jen.Statement
				if f.Embedded() {
					s = grp.Add(g.typ(f.Type()))
				} else {
					s = grp.Id(f.Name()).Add(g.typ(f.Type()))
				}
				if tag := t.Tag(i); tag != "" {
					s.Op("`" + tag + "`")
				}
			}
		})
	case *types.Interface:
		if t.Empty() {
			return jen.Any()
		}
		return jen.InterfaceFunc(func(grp *jen.Group) {
			for i := range t.NumEmbeddeds() {
				grp.Add(g.typ(t.EmbeddedType(i)))
			}
			for i := range t.NumExplicitMethods() {
				m := t.ExplicitMethod(i)
				grp.Id(m.Name()).Add(g.signature(m.Type().(*types.Signature)))
			}
		})
	case *types.Union:
		return jen.UnionFunc(func(grp *jen.Group) {
			for i := range t.Len() {
				term := t.Term(i)
				if term.Tilde() {
					grp.Op("~").Add(g.typ(term.Type()))
				} else {
					grp.Add(g.typ(term.Type()))
				}
			}
		})
	}
	// Spellable rejects everything else before generation starts.
	panic(fmt.Sprintf("codegen: unexpected type %T", t))
}

func (g *gen) typeName(obj *types.TypeName, args *types.TypeList) *jen.Statement {
	var s *jen.Statement
	if obj.Pkg() == nil || obj.Pkg() == g.pkg {
		s = jen.Id(obj.Name())
	} else {
		s = g.qual(obj.Pkg().Path(), obj.Pkg().Name(), obj.Name())
	}
	if args.Len() > 0 {
		s.TypesFunc(func(grp *jen.Group) {
			for i := range args.Len() {
				grp.Add(g.typ(args.At(i)))
			}
		})
	}
	return s
}

func (g *gen) signature(sig *types.Signature) *jen.Statement {
	params := jen.ParamsFunc(func(grp *jen.Group) {
		for i := range sig.Params().Len() {
			p := sig.Params().At(i)
			if sig.Variadic() && i == sig.Params().Len()-1 {
				grp.Op("...").Add(g.typ(p.Type().(*types.Slice).Elem()))
				continue
			}
			grp.Add(g.typ(p.Type()))
		}
	})
	res := sig.Results()
	switch res.Len() {
	case 0:
		return params
	case 1:
		return params.Add(g.typ(res.At(0).Type()))
	}
	return params.ParamsFunc(func(grp *jen.Group) {
		for i := range res.Len() {
			grp.Add(g.typ(res.At(i).Type()))
		}
	})
}
