package codegen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/types"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/freshen-go/freshen/infer"
)

// gen holds the state of rendering one generated file.
type gen struct {
	check   bool // only validating expressions, no file
	f       *jen.File
	pkg     *types.Package
	taken   map[string]bool   // package-scope and generated names an import must avoid
	aliases map[string]string // import path -> chosen name
	used    map[string]bool   // chosen import names
	names   map[string]string // import path -> package name, from the import graph
	// hoisted spells the placeholders of the finding being rendered that
	// stand for hoisted values (infer.Finding.HoistRefs).
	hoisted map[*ast.Ident]*jen.Statement
}

// Generate renders the generated file of plan. It returns nil when no
// handler has an applied entry: the package needs no generated file.
func Generate(plan *Plan) ([]byte, error) {
	if !plan.Applied() {
		return nil, nil
	}
	g := &gen{
		f:       jen.NewFilePathName(plan.Pkg.Path(), plan.Pkg.Name()),
		pkg:     plan.Pkg,
		taken:   map[string]bool{"ctx": true},
		aliases: map[string]string{},
		used:    map[string]bool{},
		names:   map[string]string{},
	}
	g.f.HeaderComment(strings.TrimPrefix(Header, "// "))
	for _, name := range plan.Pkg.Scope().Names() {
		g.taken[name] = true // includes our own names from an earlier run: harmless
	}
	for _, h := range plan.Handlers {
		g.taken[h.State], g.taken[h.Func] = true, true
		for _, e := range h.Applied() {
			g.taken[e.Const] = true
		}
	}
	var walk func(*types.Package)
	walk = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if _, ok := g.names[imp.Path()]; !ok {
				g.names[imp.Path()] = imp.Name()
				walk(imp)
			}
		}
	}
	walk(plan.Pkg)

	var inits []jen.Code
	for _, h := range plan.Handlers {
		applied := h.Applied()
		if len(applied) == 0 {
			continue
		}
		if err := g.handler(plan, h, applied); err != nil {
			return nil, fmt.Errorf("handler %s: %w", h.Handler.Name, err)
		}
		for _, e := range applied {
			if e.TTL > 0 {
				inits = append(inits, jen.Id(h.State).Dot("SetTTL").Call(jen.Id(e.Const), g.duration(e.TTL)).
					Comment(fmt.Sprintf("%s TTL", e.TTLFrom)))
			}
		}
		inits = append(inits, g.fr("Register").Call(jen.Id(h.State), jen.Id(h.Func)))
	}
	g.f.Comment("init registers the freshen hooks with the runtime.")
	g.f.Func().Id("init").Params().Block(inits...)

	var buf bytes.Buffer
	if err := g.f.Render(&buf); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", GenFile, err)
	}
	return groupImports(buf.Bytes()), nil
}

// groupImports splits jennifer's single sorted import block into standard
// library and other imports, the layout goimports and gofmt users expect.
func groupImports(src []byte) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)\n"))
	if end < 0 {
		return src
	}
	end += start
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		quoted := line[strings.IndexByte(line, '"')+1:]
		if first, _, _ := strings.Cut(quoted, "/"); strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	block := strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n")
	return append(append(append([]byte{}, src[:start]...), block...), src[end:]...)
}

func (g *gen) handler(plan *Plan, h *HandlerPlan, applied []*Entry) error {
	g.f.Commentf("%s is the fr_state of %s: one entry per freshen resource.", h.State, h.Short)
	g.f.Var().Id(h.State).Op("=").Add(g.fr("NewState")).Call(jen.Lit(h.Handler.Name), jen.Lit(h.Size))

	g.f.Commentf("fr_state indices of %s, in source order.", h.Short)
	g.f.Const().DefsFunc(func(grp *jen.Group) {
		for _, e := range applied {
			grp.Id(e.Const).Op("=").Lit(e.Index).Comment(infer.EntryComment(e.Finding))
		}
	})

	ctxType := func() *jen.Statement { return g.qual("context", "context", "Context") }
	actions := []jen.Code{jen.Id("ctx")}
	byIndex := map[int]*Entry{}
	for _, e := range applied {
		byIndex[e.Index] = e
	}
	for _, e := range applied {
		f := e.Finding
		if err := g.hoistRefs(h, f, byIndex); err != nil {
			return fmt.Errorf("%s: %w", f.Text, err)
		}
		var a *jen.Statement
		switch {
		case f.Kind == infer.Hoist:
			build, err := g.expr(f.Freshen, f.PkgRefs)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Text, err)
			}
			if e.Single() {
				a = g.fr("Hoist1").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Add(g.typ(f.Results[0])).Block(jen.Return(build)))
			} else {
				a = g.fr("Hoist").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Params(g.typ(f.Results[0]), jen.Error()).Block(jen.Return(build)))
			}
		case f.Kind == infer.Fetch:
			call, err := g.expr(f.Freshen, f.PkgRefs)
			if err != nil {
				return fmt.Errorf("%s: %w", f.Text, err)
			}
			if e.Single() {
				a = g.fr("Fetch1").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Add(g.typ(f.Results[0])).Block(jen.Return(call)))
			} else {
				a = g.fr("Fetch").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Params(g.typ(f.Results[0]), jen.Error()).Block(jen.Return(call)))
			}
		default:
			args := []jen.Code{jen.Id("ctx")}
			for _, x := range f.WarmArgs {
				c, err := g.expr(x, f.PkgRefs)
				if err != nil {
					return fmt.Errorf("%s: %w", f.Text, err)
				}
				args = append(args, c)
			}
			call := g.fr(f.WarmFunc).Call(args...)
			if f.Handoff {
				a = g.fr("WarmHandoff").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Params(g.typ(f.Results[0]), jen.Error()).Block(jen.Return(call)))
			} else {
				a = g.fr("Warm").Call(jen.Id(e.Const),
					jen.Func().Params(jen.Id("ctx").Add(ctxType())).Error().Block(jen.Return(call)))
			}
		}
		actions = append(actions, a)
	}
	g.f.Commentf("%s is the freshen hook of %s.", h.Func, h.Short)
	g.f.Func().Id(h.Func).Params(jen.Id("ctx").Add(ctxType())).Error().Block(
		jen.Return(jen.Id(h.State).Dot("Run").Custom(jen.Options{Open: "(", Close: ")", Separator: ",", Multi: true}, actions...)),
	)
	return nil
}

// hoistRefs prepares the spelling of f's hoisted-value placeholders:
// fr.Hoisted[T](ctx, state, index), the value the handler's FrHoist of that
// entry returns.
func (g *gen) hoistRefs(h *HandlerPlan, f *infer.Finding, byIndex map[int]*Entry) error {
	g.hoisted = map[*ast.Ident]*jen.Statement{}
	for id, i := range f.HoistRefs {
		e := byIndex[i]
		if e == nil || e.Finding.Kind != infer.Hoist {
			return fmt.Errorf("uses hoist #%d, which is not applied", i)
		}
		g.hoisted[id] = g.fr("Hoisted").Types(g.typ(e.Finding.Results[0])).Call(jen.Id("ctx"), jen.Id(h.State), jen.Id(e.Const))
	}
	return nil
}

func (g *gen) fr(name string) *jen.Statement { return g.qual(FrPath, "fr", name) }

// qual qualifies sel with the package at path, importing it under its own
// name unless that name is taken in the package, then under name2, name3...
func (g *gen) qual(pkgPath, name, sel string) *jen.Statement {
	if pkgPath == g.pkg.Path() {
		return jen.Id(sel)
	}
	if _, ok := g.aliases[pkgPath]; !ok {
		alias := name
		for i := 2; g.taken[alias] || g.used[alias] || jen.IsReservedWord(alias) || types.Universe.Lookup(alias) != nil; i++ {
			alias = name + strconv.Itoa(i)
		}
		g.aliases[pkgPath], g.used[alias] = alias, true
		if alias == name {
			g.f.ImportName(pkgPath, name)
		} else {
			g.f.ImportAlias(pkgPath, alias)
		}
	}
	return jen.Qual(pkgPath, sel)
}

// pkgName is the declared name of the package at pkgPath.
func (g *gen) pkgName(pkgPath, fallback string) string {
	if n, ok := g.names[pkgPath]; ok {
		return n
	}
	if fallback != "" {
		return fallback
	}
	return path.Base(pkgPath)
}

// duration spells d as a constant expression: 30*time.Second.
func (g *gen) duration(d time.Duration) *jen.Statement {
	units := []struct {
		d    time.Duration
		name string
	}{{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"}, {time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}}
	for _, u := range units {
		if d%u.d == 0 {
			if d == u.d {
				return g.qual("time", "time", u.name)
			}
			return jen.Lit(int(d / u.d)).Op("*").Add(g.qual("time", "time", u.name))
		}
	}
	return g.qual("time", "time", "Duration").Call(jen.Lit(int(d)))
}
