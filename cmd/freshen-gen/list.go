package main

import (
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"regexp"
	"strings"

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
	var (
		out     output
		explain bool
	)
	cmd := &cobra.Command{
		Use:   "list [packages]",
		Short: "List freshen opportunities (and, with --explain, the I/O calls left alone)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			base, lists, err := loadLists(cmd.Context(), cmd.ErrOrStderr(), opts, args)
			if err != nil {
				return err
			}
			var named []handlerName
			for _, l := range lists {
				for _, h := range l.Handlers {
					named = append(named, handlerName{h.Name, l.PkgPath})
				}
			}
			if err := unmatchedHandlers(opts, named); err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			for _, l := range lists {
				if l.Recovered != "" {
					fmt.Fprintf(stderr, "freshen-gen: %s is missing or does not compile; listed with it rebuilt from the wrapped calls (freshen-gen fix writes it)\n", relPath(base, l.Recovered))
				}
			}
			items, problems := listItems(base, lists, explain)
			w := cmd.OutOrStdout()
			if format == "json" {
				// stdout stays the array of findings; errors go beside it.
				for _, p := range problems {
					fmt.Fprintf(stderr, "freshen-gen: %s: error: %s\n", p.pos, p.msg)
				}
				return writeJSON(w, items)
			}
			lastPkg := ""
			for _, it := range items {
				if it.Package != lastPkg {
					lastPkg = it.Package
					printHandlers(w, base, lists, it.Package, explain)
				}
				pos := fmt.Sprintf("%s:%d:%d", filepath.ToSlash(relPath(base, it.File)), it.Line, it.Col)
				switch {
				case it.Kind == "rejected":
					fmt.Fprintf(w, "%s: rejected %s: %s\n", pos, it.Call, it.Reason)
				case it.Skip != "":
					fmt.Fprintf(w, "%s: %s %s in %s, not applied: %s\n", pos, it.Kind, it.Call, it.Handler, it.Skip)
				default:
					extra := ""
					if it.TTL != "" {
						extra = ", ttl " + it.TTL
					}
					if it.Applied {
						extra += ", applied"
					}
					fmt.Fprintf(w, "%s: %s #%d %s in %s (%s%s)\n", pos, it.Kind, it.Index, it.Call, it.Handler, it.API, extra)
				}
				if it.WhyWarm != "" {
					fmt.Fprintf(w, "\tnot a fetch: %s\n", it.WhyWarm)
				}
				for _, n := range it.Notes {
					fmt.Fprintf(w, "\tnote: %s\n", n)
				}
			}
			// Packages whose handlers found nothing say so too.
			listed := map[string]bool{}
			for _, it := range items {
				listed[it.Package] = true
			}
			for _, l := range lists {
				if !listed[l.PkgPath] {
					printHandlers(w, base, lists, l.PkgPath, explain)
				}
			}
			for _, p := range problems {
				fmt.Fprintf(w, "%s: error: %s\n", p.pos, p.msg)
			}
			return nil
		},
	}
	out.flags(cmd, "text", "json")
	cmd.Flags().BoolVar(&explain, "explain", false, "also list rejected I/O calls with the reason")
	return cmd
}

// printHandlers prints, for one package, the handlers freshen recognised
// and how many opportunities each has, and with explain the handler
// registrations it saw but could not follow, so that "no handler" and "no
// I/O" do not look the same.
func printHandlers(w io.Writer, base string, lists []*engine.PackageList, pkgPath string, explain bool) {
	var l *engine.PackageList
	for _, q := range lists {
		if q.PkgPath == pkgPath {
			l = q
		}
	}
	if l == nil {
		return
	}
	for _, h := range l.Handlers {
		var parts []string
		for _, k := range []string{"fetch", "warm", "hoist"} {
			if h.Counts[k] > 0 || k != "hoist" {
				parts = append(parts, fmt.Sprintf("%d %s", h.Counts[k], k))
			}
		}
		fmt.Fprintf(w, "%s: handler %s (%s): %s\n", pkgPath, strings.TrimPrefix(h.Name, pkgPath+"."), h.Via, strings.Join(parts, ", "))
	}
	if !explain {
		return
	}
	if len(l.Handlers) == 0 {
		fmt.Fprintf(w, "%s: no handler recognised\n", pkgPath)
	}
	for _, r := range l.Unfollowed {
		fmt.Fprintf(w, "%s:%d:%d: registration of %s by %s not followed: %s\n",
			filepath.ToSlash(relPath(base, r.Pos.Filename)), r.Pos.Line, r.Pos.Column, oneLine(r.Target), r.Via, r.Why)
	}
}

// listProblem is an error in the freshen setup (a malformed directive, a
// drifted wrapper), shown among list's lines.
type listProblem struct {
	pos string // file:line:col, relative to the working directory
	msg string
}

func listItems(base string, lists []*engine.PackageList, explain bool) ([]listItem, []listProblem) {
	items := []listItem{}
	var problems []listProblem
	for _, l := range lists {
		item := func(e engine.ListItem) listItem {
			return listItem{
				Pos:  fmt.Sprintf("%s:%d:%d", filepath.ToSlash(relPath(l.Root, e.Pos.Filename)), e.Pos.Line, e.Pos.Column),
				Kind: e.Kind, Handler: e.Handler, Index: e.Index, Call: oneLine(e.Call), API: e.API,
				File: e.Pos.Filename, Line: e.Pos.Line, Col: e.Pos.Column, Package: l.PkgPath, Via: e.Via,
				Const: e.Const, State: e.State, Applied: e.Applied, TTL: e.TTL, Skip: e.Skip, Notes: e.Notes,
			}
		}
		for _, e := range l.Findings {
			it := item(e)
			if explain {
				it.WhyWarm = relExplanation(base, l.Files, e.WhyWarm)
			}
			items = append(items, it)
		}
		for _, pr := range l.Problems {
			problems = append(problems, listProblem{fmt.Sprintf("%s:%d:%d", filepath.ToSlash(relPath(base, pr.Pos.Filename)), pr.Pos.Line, pr.Pos.Column), pr.Msg})
		}
		if !explain {
			continue
		}
		for _, e := range l.Rejected {
			it := item(e)
			it.Reason = e.Reason
			if e.Blocker.IsValid() {
				it.Reason += fmt.Sprintf(" (%s:%d)", filepath.ToSlash(relPath(base, e.Blocker.Filename)), e.Blocker.Line)
			}
			items = append(items, it)
		}
	}
	return items, problems
}

// position is where pos is in the file as it is on disk: //line
// directives are not followed, so positions and edits name real files.
func position(fset *token.FileSet, pos token.Pos) token.Position {
	return fset.PositionFor(pos, false)
}

// explainPos matches the "(main.go:11)" that infer puts after a reason:
// a file of the package, by base name.
var explainPos = regexp.MustCompile(`\(([^()\s/\\]+\.go):(\d+)\)`)

// relExplanation rewrites the file names of an explanation relative to
// the working directory (api/main.go:11, not main.go:11) when they name a
// file of package p.
func relExplanation(base string, files []string, s string) string {
	return explainPos.ReplaceAllStringFunc(s, func(m string) string {
		sub := explainPos.FindStringSubmatch(m)
		for _, f := range files {
			if filepath.Base(f) == sub[1] {
				return fmt.Sprintf("(%s:%s)", filepath.ToSlash(relPath(base, f)), sub[2])
			}
		}
		return m
	})
}
