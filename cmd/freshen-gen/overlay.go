package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
)

func newOverlayCmd(opts *options) *cobra.Command {
	var (
		outDir string
		out    output
	)
	cmd := &cobra.Command{
		Use:   "overlay -o DIR [packages]",
		Short: "Write the rewritten and generated files under DIR plus DIR/overlay.json for go build -overlay",
		Long: `overlay leaves the source tree untouched: it writes what fix would write
under DIR, mirroring paths relative to the working directory, and
DIR/overlay.json mapping each original path to its replacement (or to "" for
a file fix would delete). Build with:

	go build -overlay DIR/overlay.json ./...

DIR is refused when it lies inside the module where the go command would
see the files written there as packages (./... would match them): inside
the module, name it so that go ignores it, starting with _ or . (such as
_freshen) or under testdata, or put it outside the module.`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			if outDir == "" {
				return &statusError{exitError, errors.New("overlay needs -o DIR")}
			}
			wd, err := filepath.Abs(cmp.Or(opts.dir, "."))
			if err != nil {
				return &statusError{exitError, err}
			}
			dir := outDir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(wd, dir)
			}
			dir = filepath.Clean(dir)
			// Before loading: a directory an earlier run filled would
			// otherwise be loaded with the module.
			if m, ok, err := engine.ModuleAt(wd, nil); err != nil {
				return &statusError{exitError, err}
			} else if ok {
				if err := outsideBuild(outDir, dir, m.Dir, m.Path); err != nil {
					return err
				}
			}
			prog, pcs, err := compute(cmd.Context(), cmd.ErrOrStderr(), opts, args)
			if err != nil {
				return err
			}
			base := prog.Dir
			for _, pc := range pcs {
				if m := pc.Package.Module; m != nil && m.Dir != "" {
					if err := outsideBuild(outDir, dir, m.Dir, m.Path); err != nil {
						return err
					}
				}
				if pd := engine.PackageDir(pc.Package.Package); pd != "" && within(dir, pd) {
					return &statusError{exitError, fmt.Errorf("overlay: -o %s holds package %s, which the patterns load; name a directory that holds no package", outDir, pc.Package.PkgPath)}
				}
			}
			replace := map[string]string{}
			for _, pc := range pcs {
				for _, c := range pc.Changes {
					if c.New == nil {
						replace[c.Path] = ""
						continue
					}
					rel := relPath(base, c.Path)
					if filepath.IsAbs(rel) {
						rel = filepath.Join("abs", rel)
					}
					dst := filepath.Join(dir, rel)
					if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
						return &statusError{exitError, err}
					}
					if err := engine.WriteFile(dst, c.New); err != nil {
						return &statusError{exitError, err}
					}
					replace[c.Path] = dst
				}
			}
			data, err := json.MarshalIndent(struct{ Replace map[string]string }{replace}, "", "  ")
			if err != nil {
				return err
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return &statusError{exitError, err}
			}
			ov := filepath.Join(dir, "overlay.json")
			if err := engine.WriteFile(ov, append(data, '\n')); err != nil {
				return &statusError{exitError, err}
			}
			if format == "json" {
				if err := writeJSON(cmd.OutOrStdout(), struct {
					Overlay string            `json:"overlay"`
					Replace map[string]string `json:"replace"`
				}{ov, replace}); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "%d file%s; build with: go build -overlay %s\n", len(replace), plural(len(replace)), relPath(base, ov))
			}
			return requireRuntime(cmd.ErrOrStderr(), opts, pcs)
		},
	}
	cmd.Flags().StringVarP(&outDir, "out", "o", "", "output `DIR`")
	out.flags(cmd, "text", "json")
	return cmd
}

// outsideBuild refuses an output directory dir (given as flag) inside the
// module at root (path modPath) unless the go command ignores it there:
// otherwise ./... matches the files overlay writes, and the next run
// nests their rewrite under dir too.
func outsideBuild(flag, dir, root, modPath string) error {
	if !within(root, dir) {
		return nil
	}
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return nil
	}
	for _, el := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(el, "_") || strings.HasPrefix(el, ".") && el != "." && el != ".." || el == "testdata" {
			return nil
		}
	}
	return &statusError{exitError, fmt.Errorf("overlay: -o %s is inside module %s, where ./... would load the files written there as packages; use a directory the go command ignores (a name starting with _ or ., such as _freshen, or one under testdata) or one outside the module", flag, modPath)}
}

// within says whether path is dir or lies under it.
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
