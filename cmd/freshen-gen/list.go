package main

import (
	"encoding/json"
	"fmt"
	"go/token"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
)

// listItem is one entry of list -json. The first six fields are the
// contract; the rest help tools and humans.
type listItem struct {
	Pos     string `json:"pos"`     // file.go:LINE:COL, relative to the module root
	Kind    string `json:"kind"`    // "fetch", "warm"; "rejected" only with --explain
	Handler string `json:"handler"` // "<pkgpath>.<Func>"
	Index   int    `json:"index"`   // fr_state index, -1 when not applied
	Call    string `json:"call"`
	API     string `json:"api"`

	File    string   `json:"file"` // absolute path
	Line    int      `json:"line"`
	Col     int      `json:"col"`
	Package string   `json:"package"`
	Via     string   `json:"via,omitempty"`     // how the handler was recognised
	Const   string   `json:"const,omitempty"`   // index constant in freshen_gen.go
	State   string   `json:"state,omitempty"`   // fr_state variable
	Applied bool     `json:"applied,omitempty"` // the call site is already wrapped
	TTL     string   `json:"ttl,omitempty"`
	Skip    string   `json:"skip,omitempty"`     // why the finding is not applied
	Reason  string   `json:"reason,omitempty"`   // rejected calls: why freshen leaves it alone
	WhyWarm string   `json:"why_warm,omitempty"` // with --explain: why a read is only warmed, not fetched
	Notes   []string `json:"notes,omitempty"`
}

func newListCmd(opts *options) *cobra.Command {
	var asJSON, explain bool
	cmd := &cobra.Command{
		Use:   "list [packages]",
		Short: "List freshen opportunities (and, with --explain, the I/O calls left alone)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			prog, err := load(cmd.Context(), opts, args)
			if err != nil {
				return err
			}
			for _, p := range prog.Packages {
				if p.Recovered != "" {
					fmt.Fprintf(cmd.ErrOrStderr(), "freshen-gen: %s is missing or does not compile; listed with it rebuilt from the wrapped calls (freshen-gen fix writes it)\n", relPath(prog.Dir, p.Recovered))
				}
			}
			items := listItems(prog, explain)
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(items)
			}
			for _, it := range items {
				switch {
				case it.Kind == "rejected":
					fmt.Fprintf(out, "%s: rejected %s: %s\n", it.Pos, it.Call, it.Reason)
				case it.Skip != "":
					fmt.Fprintf(out, "%s: %s %s in %s, not applied: %s\n", it.Pos, it.Kind, it.Call, it.Handler, it.Skip)
				default:
					extra := ""
					if it.TTL != "" {
						extra = ", ttl " + it.TTL
					}
					if it.Applied {
						extra += ", applied"
					}
					fmt.Fprintf(out, "%s: %s #%d %s in %s (%s%s)\n", it.Pos, it.Kind, it.Index, it.Call, it.Handler, it.API, extra)
				}
				if it.WhyWarm != "" {
					fmt.Fprintf(out, "\tnot a fetch: %s\n", it.WhyWarm)
				}
				for _, n := range it.Notes {
					fmt.Fprintf(out, "\tnote: %s\n", n)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	cmd.Flags().BoolVar(&explain, "explain", false, "also list rejected I/O calls with the reason")
	return cmd
}

func listItems(prog *engine.Program, explain bool) []listItem {
	items := []listItem{}
	settings := prog.Options().Settings
	for _, p := range prog.Packages {
		if p.Result == nil {
			continue
		}
		root := engine.PackageDir(p.Package)
		if p.Module != nil && p.Module.Dir != "" {
			root = p.Module.Dir
		}
		pos := func(tp token.Pos) (string, token.Position) {
			ps := p.Fset.Position(tp)
			return fmt.Sprintf("%s:%d:%d", filepath.ToSlash(relPath(root, ps.Filename)), ps.Line, ps.Column), ps
		}
		plan := prog.Plan(p)
		for _, e := range plan.Entries() {
			f := e.Finding
			s, ps := pos(f.Pos)
			it := listItem{
				Pos: s, Kind: string(f.Kind), Handler: f.Handler, Index: e.Index, Call: oneLine(f.Text), API: f.API,
				File: ps.Filename, Line: ps.Line, Col: ps.Column, Package: p.PkgPath, Via: e.Handler.Handler.Via,
				Const: e.Const, Applied: f.Wrapped, Skip: e.Skip, Notes: e.Notes,
			}
			if e.Index >= 0 {
				it.State = e.Handler.State
			}
			if e.TTL > 0 {
				it.TTL = e.TTL.String()
			}
			if explain {
				it.WhyWarm = f.WhyWarm
			}
			items = append(items, it)
		}
		if !explain {
			continue
		}
		for _, h := range p.Result.Handlers {
			if !settings.Selected(h.Name, p.PkgPath) {
				continue
			}
			for _, r := range h.Rejections {
				s, ps := pos(r.Pos)
				items = append(items, listItem{
					Pos: s, Kind: "rejected", Handler: h.Name, Index: -1, Call: oneLine(r.Text), API: r.API,
					File: ps.Filename, Line: ps.Line, Col: ps.Column, Package: p.PkgPath, Via: h.Via,
					Reason: r.Explain(p.Fset),
				})
			}
		}
	}
	return items
}
