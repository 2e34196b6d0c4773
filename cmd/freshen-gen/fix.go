package main

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
	"github.com/freshen-go/freshen/infer"
)

const modulePath = engine.ModulePath

func runFix(cmd *cobra.Command, opts *options, args []string) error {
	prog, pcs, err := compute(cmd.Context(), opts, args)
	if err != nil {
		return err
	}
	if err := engine.Write(engine.Flatten(pcs)); err != nil {
		return &statusError{exitError, writeFailure(prog.Dir, err)}
	}
	out := cmd.OutOrStdout()
	for _, pc := range pcs {
		if line := summary(pc); line != "" {
			fmt.Fprintln(out, line)
		}
	}
	return requireRuntime(cmd.ErrOrStderr(), opts, pcs)
}

// summary is fix's one line per package with handlers.
func summary(pc *engine.PackageChanges) string {
	if pc.Plan == nil || len(pc.Plan.Handlers) == 0 {
		return ""
	}
	var fetch, warm int
	skips := map[string]int{}
	for _, e := range pc.Plan.Entries() {
		switch {
		case e.Index < 0:
			skips[e.Skip]++
		case e.Finding.Kind == infer.Fetch:
			fetch++
		default:
			warm++
		}
	}
	nskip := 0
	var reasons []string
	for r, n := range skips {
		nskip += n
		reasons = append(reasons, fmt.Sprintf("%d× %s", n, r))
	}
	sort.Strings(reasons)
	s := fmt.Sprintf("%s: %d handler%s, %d fetch, %d warm, %d skipped", pc.Package.PkgPath,
		len(pc.Plan.Handlers), plural(len(pc.Plan.Handlers)), fetch, warm, nskip)
	if nskip > 0 {
		s += " (" + strings.Join(reasons, "; ") + ")"
	}
	for _, e := range pc.Plan.Entries() {
		for _, n := range e.Notes {
			s += "\n\tnote: " + e.Finding.Text + ": " + n
		}
	}
	if len(pc.Changes) == 0 {
		s += ", up to date"
	} else {
		s += fmt.Sprintf(", %d file%s changed", len(pc.Changes), plural(len(pc.Changes)))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// writeFailure says which file could not be written and that nothing was.
func writeFailure(base string, err error) error {
	var we *engine.WriteError
	if !errors.As(err, &we) {
		return err
	}
	name := relPath(base, we.Path)
	if !we.Restored {
		return fmt.Errorf("cannot write %s: %w; restoring the files already replaced failed: %v", name, we.Err, we.RestoreErr)
	}
	return fmt.Errorf("cannot write %s: %w; no file was changed", name, we.Err)
}

// requireRuntime makes sure every module whose packages now use the runtime
// requires it, or says exactly what to run.
func requireRuntime(stderr io.Writer, opts *options, pcs []*engine.PackageChanges) error {
	needs, err := engine.RuntimeNeeds(pcs)
	if err != nil {
		return &statusError{exitError, err}
	}
	for _, m := range needs {
		if m.Required {
			continue
		}
		if opts.modEdit {
			get := exec.Command("go", "get", modulePath+"@latest")
			get.Dir, get.Stdout, get.Stderr = m.Dir, stderr, stderr
			if err := get.Run(); err != nil {
				return &statusError{exitError, fmt.Errorf("go get %s@latest in %s: %w", modulePath, m.Dir, err)}
			}
			continue
		}
		fmt.Fprintf(stderr, "freshen-gen: module %s does not require %s yet; the rewritten code will not build until you run, in %s:\n"+
			"\tgo get %s@latest\n"+
			"or, for a local checkout of freshen:\n"+
			"\tgo mod edit -replace %s=/path/to/freshen && go get %s\n"+
			"(or rerun freshen-gen with --mod-edit)\n", m.Path, modulePath, m.Dir, modulePath, modulePath, modulePath)
	}
	return nil
}

// relPath shows path relative to base when it lies inside it.
func relPath(base, path string) string {
	if base != "" {
		if r, err := filepath.Rel(base, path); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
	}
	return path
}
