package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
	"github.com/freshen-go/freshen/infer"
)

const modulePath = engine.ModulePath

func runFix(cmd *cobra.Command, opts *options, out *output, args []string) error {
	format, err := out.get()
	if err != nil {
		return err
	}
	if opts.modEdit {
		// Before loading: code an earlier run rewrote imports the runtime,
		// and does not load until go.mod requires it.
		if err := requireFirst(cmd.ErrOrStderr(), opts); err != nil {
			return err
		}
	}
	prog, pcs, err := compute(cmd.Context(), cmd.ErrOrStderr(), opts, args)
	if err != nil {
		return err
	}
	if err := engine.Write(engine.Flatten(pcs)); err != nil {
		return &statusError{exitError, writeFailure(prog.Dir, err)}
	}
	w := cmd.OutOrStdout()
	var sums []fixSummary
	for _, pc := range pcs {
		if s, ok := summarize(prog.Dir, pc); ok {
			sums = append(sums, s)
		}
	}
	if format == "json" {
		if sums == nil {
			sums = []fixSummary{}
		}
		if err := writeJSON(w, sums); err != nil {
			return err
		}
	} else {
		for _, s := range sums {
			fmt.Fprintln(w, s.text())
		}
	}
	return requireRuntime(cmd.ErrOrStderr(), opts, pcs)
}

// fixSummary is what fix did to one package with handlers.
type fixSummary struct {
	Package  string         `json:"package"`
	Handlers int            `json:"handlers"`
	Fetch    int            `json:"fetch"`
	Warm     int            `json:"warm"`
	Hoist    int            `json:"hoist"`
	Skipped  int            `json:"skipped"`
	Skips    map[string]int `json:"skips,omitempty"` // reason -> count
	Notes    []string       `json:"notes,omitempty"`
	Changed  []string       `json:"changed"` // files written or deleted, relative to the working directory
}

func summarize(base string, pc *engine.PackageChanges) (fixSummary, bool) {
	if pc.Plan == nil || len(pc.Plan.Handlers) == 0 {
		return fixSummary{}, false
	}
	s := fixSummary{Package: pc.Package.PkgPath, Handlers: len(pc.Plan.Handlers), Changed: []string{}}
	for _, e := range pc.Plan.Entries() {
		switch {
		case e.Index < 0:
			if s.Skips == nil {
				s.Skips = map[string]int{}
			}
			s.Skips[e.Skip]++
			s.Skipped++
		case e.Finding.Kind == infer.Fetch:
			s.Fetch++
		case e.Finding.Kind == infer.Hoist:
			s.Hoist++
		default:
			s.Warm++
		}
		for _, n := range e.Notes {
			s.Notes = append(s.Notes, oneLine(e.Finding.Text)+": "+n)
		}
	}
	for _, c := range pc.Changes {
		s.Changed = append(s.Changed, filepath.ToSlash(relPath(base, c.Path)))
	}
	return s, true
}

// text is fix's line for the package.
func (s fixSummary) text() string {
	var reasons []string
	for r, n := range s.Skips {
		reasons = append(reasons, fmt.Sprintf("%d× %s", n, r))
	}
	sort.Strings(reasons)
	t := fmt.Sprintf("%s: %d handler%s, %d fetch, %d warm", s.Package, s.Handlers, plural(s.Handlers), s.Fetch, s.Warm)
	if s.Hoist > 0 {
		t += fmt.Sprintf(", %d hoist", s.Hoist)
	}
	t += fmt.Sprintf(", %d skipped", s.Skipped)
	if s.Skipped > 0 {
		t += " (" + strings.Join(reasons, "; ") + ")"
	}
	if len(s.Changed) == 0 {
		t += ", up to date"
	} else {
		t += fmt.Sprintf(", %d file%s changed", len(s.Changed), plural(len(s.Changed)))
	}
	for _, n := range s.Notes {
		t += "\n\tnote: " + n
	}
	return t
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
	why := relError(base, we.Err)
	if !we.Restored {
		return fmt.Errorf("cannot write %s: %s; restoring the files already replaced failed: %v", name, why, we.RestoreErr)
	}
	return fmt.Errorf("cannot write %s: %s; no file was changed", name, why)
}

// relError is err's text with the paths it names relative to base, like
// every other path freshen-gen prints.
func relError(base string, err error) string {
	var de *engine.ReadOnlyDirError
	if errors.As(err, &de) {
		rel := relPath(base, de.Dir)
		if rel == "." {
			return "the working directory is read-only"
		}
		return "directory " + filepath.ToSlash(rel) + " is read-only"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && filepath.IsAbs(pe.Path) {
		return strings.Replace(err.Error(), pe.Path, filepath.ToSlash(relPath(base, pe.Path)), 1)
	}
	return err.Error()
}

// requireFirst adds the runtime requirement to the go.mod of the
// working directory's module when it lacks it, for --mod-edit. It runs
// before loading, since the packages of a module that fix rewrote
// earlier import the runtime and do not load without it.
func requireFirst(stderr io.Writer, opts *options) error {
	dir, err := filepath.Abs(cmp.Or(opts.dir, "."))
	if err != nil {
		return &statusError{exitError, err}
	}
	m, ok, err := engine.ModuleAt(dir, nil)
	if err != nil {
		return &statusError{exitError, err}
	}
	if !ok || m.Required || m.Path == modulePath {
		return nil // outside a module: the load says so
	}
	if !m.Replaced {
		return &statusError{exitError, fmt.Errorf("--mod-edit: the go.mod of %s neither requires nor replaces %s, and freshen has no tagged release to require yet; point it at a local clone of freshen first, in %s:\n\t%s\nnothing written",
			m.Path, modulePath, m.Dir, engine.ReplaceCommand("/path/to/freshen"))}
	}
	return runCommands(stderr, m)
}

// runCommands runs m.Commands() in m's directory and says so on stderr.
func runCommands(stderr io.Writer, m engine.ModuleNeed) error {
	cmds := m.Commands()
	for _, args := range cmds {
		c := exec.Command(args[0], args[1:]...)
		c.Dir, c.Stdout, c.Stderr = m.Dir, stderr, stderr
		if err := c.Run(); err != nil {
			return &statusError{exitError, fmt.Errorf("%s in %s: %w", strings.Join(args, " "), m.Dir, err)}
		}
	}
	fmt.Fprintf(stderr, "freshen-gen: --mod-edit: ran %s in %s\n", commandLine(cmds), m.Dir)
	return nil
}

func commandLine(cmds [][]string) string {
	lines := make([]string, len(cmds))
	for i, args := range cmds {
		lines[i] = strings.Join(args, " ")
	}
	return strings.Join(lines, " && ")
}

// requireRuntime makes sure every module whose packages now use the runtime
// requires it, or says exactly what to run.
func requireRuntime(stderr io.Writer, opts *options, pcs []*engine.PackageChanges) error {
	needs, err := engine.RuntimeNeeds(pcs)
	if err != nil {
		return &statusError{exitError, err}
	}
	var cannot []string
	for _, m := range needs {
		if m.Required {
			continue
		}
		if !m.Replaced {
			// No release to require: the requirement needs a local clone,
			// whose path only the user knows.
			fmt.Fprintf(stderr, "freshen-gen: module %s does not require %s yet; the rewritten code will not build until it does. freshen has no tagged release yet: point go.mod at a local clone of freshen, in %s:\n\t%s\n",
				m.Path, modulePath, m.Dir, engine.ReplaceCommand("/path/to/freshen"))
			if opts.modEdit {
				cannot = append(cannot, m.Path)
			}
			continue
		}
		if opts.modEdit {
			if err := runCommands(stderr, m); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(stderr, "freshen-gen: module %s does not require %s yet; the rewritten code will not build until you run, in %s:\n\t%s\n(or rerun freshen-gen with --mod-edit to run it)\n",
			m.Path, modulePath, m.Dir, commandLine(m.Commands()))
	}
	if len(cannot) > 0 {
		return &statusError{exitError, fmt.Errorf("--mod-edit: cannot add the requirement to %s without a replace to a local clone (the files were written)", strings.Join(cannot, ", "))}
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
