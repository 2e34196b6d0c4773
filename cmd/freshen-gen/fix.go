package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/freshen-go/freshen/infer"
	"github.com/spf13/cobra"
)

const modulePath = "github.com/freshen-go/freshen"

func runFix(cmd *cobra.Command, opts *options, args []string) error {
	pcs, err := compute(opts, args)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	var failed []string
	for _, pc := range pcs {
		for _, c := range pc.changes {
			var err error
			if c.new == nil {
				err = os.Remove(c.path)
			} else {
				err = writeAtomic(c.path, c.new)
			}
			if err != nil {
				failed = append(failed, err.Error())
			}
		}
		if line := summary(pc); line != "" {
			fmt.Fprintln(out, line)
		}
	}
	if len(failed) > 0 {
		return &statusError{exitError, fmt.Errorf("writing files:\n\t%s", strings.Join(failed, "\n\t"))}
	}
	return requireRuntime(cmd.ErrOrStderr(), opts, pcs)
}

// summary is fix's one line per package with handlers.
func summary(pc *pkgChanges) string {
	if pc.plan == nil || len(pc.plan.Handlers) == 0 {
		return ""
	}
	var fetch, warm int
	skips := map[string]int{}
	for _, e := range pc.plan.Entries() {
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
	s := fmt.Sprintf("%s: %d handler%s, %d fetch, %d warm, %d skipped", pc.l.pkg.PkgPath,
		len(pc.plan.Handlers), plural(len(pc.plan.Handlers)), fetch, warm, nskip)
	if nskip > 0 {
		s += " (" + strings.Join(reasons, "; ") + ")"
	}
	for _, e := range pc.plan.Entries() {
		for _, n := range e.Notes {
			s += "\n\tnote: " + e.Finding.Text + ": " + n
		}
	}
	if len(pc.changes) == 0 {
		s += ", up to date"
	} else {
		s += fmt.Sprintf(", %d file%s changed", len(pc.changes), plural(len(pc.changes)))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// requireRuntime makes sure every module whose packages now use the runtime
// requires it, or says exactly what to run.
func requireRuntime(stderr io.Writer, opts *options, pcs []*pkgChanges) error {
	mods := map[string]string{} // module dir -> module path
	for _, pc := range pcs {
		m := pc.l.pkg.Module
		if pc.plan == nil || !pc.plan.Applied() || m == nil || m.Path == modulePath || m.GoMod == "" {
			continue
		}
		mods[filepath.Dir(m.GoMod)] = m.Path
	}
	dirs := make([]string, 0, len(mods))
	for d := range mods {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		ok, err := requires(dir)
		if err != nil {
			return &statusError{exitError, err}
		}
		if ok {
			continue
		}
		if opts.modEdit {
			get := exec.Command("go", "get", modulePath+"@latest")
			get.Dir, get.Stdout, get.Stderr = dir, stderr, stderr
			if err := get.Run(); err != nil {
				return &statusError{exitError, fmt.Errorf("go get %s@latest in %s: %w", modulePath, dir, err)}
			}
			continue
		}
		fmt.Fprintf(stderr, "freshen-gen: module %s does not require %s yet; the rewritten code will not build until you run, in %s:\n"+
			"\tgo get %s@latest\n"+
			"or, for a local checkout of freshen:\n"+
			"\tgo mod edit -replace %s=/path/to/freshen && go get %s\n"+
			"(or rerun freshen-gen with --mod-edit)\n", mods[dir], modulePath, dir, modulePath, modulePath, modulePath)
	}
	return nil
}

// requires reports whether the go.mod in dir requires the runtime module.
func requires(dir string) (bool, error) {
	c := exec.Command("go", "mod", "edit", "-json", filepath.Join(dir, "go.mod"))
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", filepath.Join(dir, "go.mod"), err)
	}
	var mf struct {
		Require []struct{ Path string }
	}
	if err := json.Unmarshal(out, &mf); err != nil {
		return false, fmt.Errorf("reading %s: %w", filepath.Join(dir, "go.mod"), err)
	}
	for _, r := range mf.Require {
		if r.Path == modulePath {
			return true, nil
		}
	}
	return false, nil
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
