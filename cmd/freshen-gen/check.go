package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
)

// finding is one problem check reports.
type checkFinding struct {
	File    string `json:"file"` // relative to the working directory when inside it
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Rule    string `json:"rule"` // stale-generated, unapplied, drifted, stale-wrapper, import, problem
	Message string `json:"message"`
}

func newCheckCmd(opts *options) *cobra.Command {
	var out output
	cmd := &cobra.Command{
		Use:   "check [packages]",
		Short: "Exit 1 when a generated file is stale, an opportunity is not applied or a wrapper drifted",
		Long: `check is the CI gate: it runs what fix would do without writing and reports
every difference as file:line:col: reason. Opportunities marked //freshen:ignore
and calls fix cannot wrap (defer, go) are not differences.
Exit status: 0 clean, 1 differences, 2 errors.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			base, pcs, err := loadChecks(cmd.Context(), cmd.ErrOrStderr(), opts, args)
			if err != nil {
				return err
			}
			var named []handlerName
			for _, pc := range pcs {
				for _, h := range pc.Handlers {
					named = append(named, handlerName{h, pc.PkgPath})
				}
			}
			if err := unmatchedHandlers(opts, named); err != nil {
				return err
			}
			fs := checkFindings(base, pcs)
			w := cmd.OutOrStdout()
			switch format {
			case "json":
				if err := writeJSON(w, fs); err != nil {
					return err
				}
			case "sarif":
				if err := writeSARIF(w, base, fs); err != nil {
					return err
				}
			default:
				writeText(w, fs)
			}
			if len(fs) > 0 {
				return &statusError{code: exitDiffs}
			}
			return nil
		},
	}
	out.flags(cmd, "text", "json", "sarif")
	return cmd
}

func writeText(w io.Writer, fs []checkFinding) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s:%d:%d: %s\n", f.File, max(f.Line, 1), max(f.Col, 1), f.Message)
	}
}

func checkFindings(base string, pcs []*engine.PackageCheck) []checkFinding {
	fs := []checkFinding{}
	seen := map[string]bool{}
	add := func(file string, line, col int, msg string) {
		key := fmt.Sprintf("%s:%d", file, line)
		f := checkFinding{File: filepath.ToSlash(relPath(base, file)), Line: line, Col: col, Rule: rule(msg), Message: msg}
		if seen[key+msg] {
			return
		}
		seen[key+msg], seen[key] = true, true
		fs = append(fs, f)
	}
	for _, pc := range pcs {
		for _, c := range pc.Changes {
			if len(c.Reasons) == 0 {
				add(c.Path, 1, 1, "file is not what freshen-gen fix writes")
			}
			for _, r := range c.Reasons {
				add(c.Path, r.Pos.Line, r.Pos.Column, r.Msg)
			}
		}
	}
	// Problems the analyzer reports, unless a change already covers the line.
	for _, pc := range pcs {
		for _, p := range pc.Problems {
			key := fmt.Sprintf("%s:%d", p.Pos.Filename, p.Pos.Line)
			if !seen[key] {
				add(p.Pos.Filename, p.Pos.Line, p.Pos.Column, p.Msg)
			}
		}
	}
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		return fs[i].Line < fs[j].Line
	})
	return fs
}

func rule(msg string) string {
	// The analyzer's drift messages ("fr.FrFetch wraps X, which is no
	// longer freshen-constant: ...").
	if strings.HasPrefix(msg, "fr.Fr") {
		switch {
		case strings.Contains(msg, ", which is no longer freshen-constant: "), strings.Contains(msg, ", which can no longer be shared"):
			return "not-constant"
		case strings.Contains(msg, ", which is now a "):
			return "drifted"
		}
	}
	for _, r := range []struct{ prefix, rule string }{
		{"freshen_gen.go is", "stale-generated"},
		{"freshen opportunity not applied", "unapplied"},
		{"wrapper drifted", "drifted"},
		{"stale wrapper", "stale-wrapper"},
		{"runtime import", "import"},
		{"import ", "import"}, // an import only removed wrappers used
	} {
		if len(msg) >= len(r.prefix) && msg[:len(r.prefix)] == r.prefix {
			return r.rule
		}
	}
	return "problem"
}
