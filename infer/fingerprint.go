package infer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Fingerprint is a short digest of what the generated freshen hook does
// for f: its kind, API, result types, the freshen form of a fetch or the
// warmer and arguments of a warm, a handed-off value and a //freshen:ttl
// directive. It depends on the syntax of those expressions only, never on
// positions, so moving or editing unrelated code leaves it unchanged.
// Generated files record it beside each index constant; a different value
// means the file was generated for other code.
func Fingerprint(f *Finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%t\x00", f.Kind, f.API, f.Helper, f.Handoff)
	for _, t := range f.Results {
		io.WriteString(h, types.TypeString(t, func(p *types.Package) string { return p.Path() }))
		h.Write([]byte{0})
	}
	if f.TTLSet {
		fmt.Fprintf(h, "ttl=%d\x00", f.TTL)
	}
	if f.Kind == Fetch {
		hashExpr(h, f.Freshen, f.PkgRefs)
	} else {
		io.WriteString(h, f.WarmFunc)
		for _, a := range f.WarmArgs {
			hashExpr(h, a, f.PkgRefs)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:4])
}

// hashExpr writes the structure of e: node types, identifiers (package
// names as their import paths), literals and operators.
func hashExpr(w io.Writer, e ast.Expr, refs map[*ast.Ident]string) {
	if e == nil {
		io.WriteString(w, "nil\x00")
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		if n == nil {
			io.WriteString(w, ")")
			return false
		}
		io.WriteString(w, reflect.TypeOf(n).Elem().Name())
		switch n := n.(type) {
		case *ast.Ident:
			if path, ok := refs[n]; ok {
				io.WriteString(w, " pkg "+strconv.Quote(path))
			} else {
				io.WriteString(w, " "+n.Name)
			}
		case *ast.BasicLit:
			io.WriteString(w, " "+n.Kind.String()+" "+n.Value)
		case *ast.BinaryExpr:
			io.WriteString(w, " "+n.Op.String())
		case *ast.UnaryExpr:
			io.WriteString(w, " "+n.Op.String())
		case *ast.ChanType:
			fmt.Fprintf(w, " %d", n.Dir)
		case *ast.CallExpr:
			if n.Ellipsis.IsValid() {
				io.WriteString(w, " ...")
			}
		case *ast.SliceExpr:
			fmt.Fprintf(w, " %t", n.Slice3)
		}
		io.WriteString(w, "(")
		return true
	})
	io.WriteString(w, "\x00")
}

// GenHandler is what a generated freshen file declares for one handler.
type GenHandler struct {
	Name  string    // the handler name passed to fr.NewState
	State string    // its fr_state variable
	Size  int       // the size passed to fr.NewState; -1 when not a literal
	Pos   token.Pos // the variable's name
	// Entries are the index constants of the state, by index.
	Entries map[int]*GenEntry
}

// GenEntry is one index constant and the comment generated beside it:
// "// fetch http.Get(modelURL) [1f0c93aa]".
type GenEntry struct {
	Const       string
	Index       int
	Kind        Kind   // "" when the comment does not say
	Text        string // the call as written, on one line, maybe shortened
	Fingerprint string // "" when the comment has none (older files)
	Pos         token.Pos
}

// EntryComment is the comment a generated file puts beside the index
// constant of f: its kind, its call on one line (shortened past 100
// bytes) and its Fingerprint. No position: unrelated edits must not make
// the generated file stale.
func EntryComment(f *Finding) string {
	return fmt.Sprintf("%s %s [%s]", f.Kind, shortCall(f.Text), Fingerprint(f))
}

func shortCall(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > 100 {
		text = text[:97] + "..."
	}
	return text
}

// ReadGenerated reads the handlers a generated freshen file declares, from
// its syntax alone: each `var S = <fr>.NewState("name", n)` and the
// constants `S<i> = i` (or `S_<i>` when S ends in a digit) with their
// comments.
func ReadGenerated(file *ast.File) []*GenHandler {
	var out []*GenHandler
	byState := map[string]*GenHandler{}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, sp := range gd.Specs {
			vs, ok := sp.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			call, ok := vs.Values[0].(*ast.CallExpr)
			if !ok || len(call.Args) != 2 {
				continue
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "NewState" {
				continue
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			name, err := strconv.Unquote(lit.Value)
			if err != nil {
				continue
			}
			g := &GenHandler{Name: name, State: vs.Names[0].Name, Size: -1, Pos: vs.Names[0].Pos(), Entries: map[int]*GenEntry{}}
			if n, ok := call.Args[1].(*ast.BasicLit); ok && n.Kind == token.INT {
				if v, err := strconv.Atoi(n.Value); err == nil {
					g.Size = v
				}
			}
			out = append(out, g)
			byState[g.State] = g
		}
	}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, sp := range gd.Specs {
			vs, ok := sp.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			lit, ok := vs.Values[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.INT {
				continue
			}
			i, err := strconv.Atoi(lit.Value)
			if err != nil {
				continue
			}
			cname := vs.Names[0].Name
			for state, g := range byState {
				if cname != state+strconv.Itoa(i) && cname != state+"_"+strconv.Itoa(i) {
					continue
				}
				e := &GenEntry{Const: cname, Index: i, Pos: vs.Names[0].Pos()}
				if vs.Comment != nil {
					e.Kind, e.Text, e.Fingerprint = parseEntryComment(vs.Comment.Text())
				}
				g.Entries[i] = e
			}
		}
	}
	return out
}

// parseEntryComment splits "fetch http.Get(u) [1f0c93aa]".
func parseEntryComment(c string) (kind Kind, text, fp string) {
	c = strings.TrimSpace(c)
	if i := strings.LastIndex(c, " ["); i >= 0 && strings.HasSuffix(c, "]") {
		fp, c = c[i+2:len(c)-1], c[:i]
	}
	if k, rest, ok := strings.Cut(c, " "); ok && (Kind(k) == Fetch || Kind(k) == Warm || Kind(k) == Hoist) {
		kind, c = Kind(k), rest
	}
	// Files from before fingerprints start with the call's position
	// ("main.go:31 http.Get(u)"); the call text is what counts.
	if first, rest, ok := strings.Cut(c, " "); ok {
		if file, line, ok := strings.Cut(first, ".go:"); ok && file != "" && line != "" && strings.Trim(line, "0123456789") == "" {
			c = rest
		}
	}
	return kind, c, fp
}

// Applied returns the findings of h that a generated file must declare, as
// far as the analyzer can tell on its own: the wrapped ones that are not
// ignored or skipped. size is the fr_state size they need.
func Applied(h *Handler) (applied []*Finding, size int) {
	for _, f := range h.Findings {
		if f.Wrapped && f.Ignored == "" && f.Skip == "" {
			applied = append(applied, f)
			size = max(size, f.Index+1)
		}
	}
	return applied, size
}

// Staleness is one way a generated file differs from the code: Pos is
// the declaration at fault (an index constant, or the fr_state variable).
type Staleness struct {
	Pos token.Pos
	Msg string // "fetch #1 of Handle is now http.Get(otherURL)"
}

// Stale says how what g declares differs from what a generated file for
// handler h must declare: the applied findings (each under its Index) and
// the fr_state size. Messages name the handler by short name; nil means g
// is current. An entry whose comment has no fingerprint (a file from an
// older freshen-gen) is compared by its call text, one without a comment
// only by its presence.
func (g *GenHandler) Stale(h *Handler, applied []*Finding, size int) []Staleness {
	short := genShortName(h.Name)
	var out []Staleness
	if g.Size >= 0 && g.Size != size {
		out = append(out, Staleness{g.Pos, fmt.Sprintf("handler %s has %d opportunit%s, the file declares %d", short, size, genPlural(size, "y", "ies"), g.Size)})
	}
	want := map[int]bool{}
	for _, f := range applied {
		want[f.Index] = true
		e, ok := g.Entries[f.Index]
		text := shortCall(f.Text)
		switch {
		case !ok:
			out = append(out, Staleness{g.Pos, fmt.Sprintf("%s #%d of %s (%s) is not declared", f.Kind, f.Index, short, text)})
		case e.Kind == "" && e.Text == "" && e.Fingerprint == "":
			// No comment to compare with (written by hand).
		case e.Kind != "" && e.Kind != f.Kind:
			out = append(out, Staleness{e.Pos, fmt.Sprintf("#%d of %s is now a %s: %s", f.Index, short, f.Kind, text)})
		case e.Text != text:
			out = append(out, Staleness{e.Pos, fmt.Sprintf("%s #%d of %s is now %s", f.Kind, f.Index, short, text)})
		case e.Fingerprint != "" && e.Fingerprint != Fingerprint(f):
			out = append(out, Staleness{e.Pos, fmt.Sprintf("%s #%d of %s (%s) now %s", f.Kind, f.Index, short, text, changedWhat(f))})
		}
	}
	for _, i := range slices.Sorted(maps.Keys(g.Entries)) {
		if !want[i] {
			out = append(out, Staleness{g.Entries[i].Pos, fmt.Sprintf("#%d of %s (%s) is no longer applied", i, short, g.Entries[i].Text)})
		}
	}
	return out
}

// Changed reports the applied findings whose index constant's comment no
// longer describes them (another kind, another call, another freshen
// form); entries without a comment, and missing or extra entries, are left
// to the other checks.
func (g *GenHandler) Changed(h *Handler, applied []*Finding) []Staleness {
	short := genShortName(h.Name)
	var out []Staleness
	for _, f := range applied {
		e, ok := g.Entries[f.Index]
		if !ok || (e.Kind == "" && e.Text == "" && e.Fingerprint == "") {
			continue
		}
		text := shortCall(f.Text)
		switch {
		case e.Kind != "" && e.Kind != f.Kind:
			out = append(out, Staleness{e.Pos, fmt.Sprintf("#%d of %s is now a %s: %s", f.Index, short, f.Kind, text)})
		case e.Text != text:
			out = append(out, Staleness{e.Pos, fmt.Sprintf("%s #%d of %s is now %s", f.Kind, f.Index, short, text)})
		case e.Fingerprint != "" && e.Fingerprint != Fingerprint(f):
			out = append(out, Staleness{e.Pos, fmt.Sprintf("%s #%d of %s (%s) now %s", f.Kind, f.Index, short, text, changedWhat(f))})
		}
	}
	return out
}

func changedWhat(f *Finding) string {
	if f.Kind == Fetch {
		return "fetches something else (its operands changed)"
	}
	return "warms something else (its operands changed)"
}

// genShortName is the handler's name within its package: Handle, T.M.
func genShortName(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if _, rest, ok := strings.Cut(name, "."); ok {
		return rest
	}
	return name
}

func genPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
