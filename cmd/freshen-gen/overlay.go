package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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

	go build -overlay DIR/overlay.json ./...`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			if outDir == "" {
				return &statusError{exitError, errors.New("overlay needs -o DIR")}
			}
			prog, pcs, err := compute(cmd.Context(), cmd.ErrOrStderr(), opts, args)
			if err != nil {
				return err
			}
			base := prog.Dir
			dir := outDir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(base, dir)
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
