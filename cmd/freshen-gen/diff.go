package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/freshen-go/freshen/engine"
)

// diffFile is one file of diff --format json.
type diffFile struct {
	File   string `json:"file"`   // relative to the working directory
	Action string `json:"action"` // "create", "modify" or "delete"
	Diff   string `json:"diff"`   // unified diff
}

func newDiffCmd(opts *options) *cobra.Command {
	var out output
	cmd := &cobra.Command{
		Use:   "diff [packages]",
		Short: "Print a unified diff of what fix would change (exit 1 when it would change anything)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := out.get()
			if err != nil {
				return err
			}
			prog, pcs, err := compute(cmd.Context(), cmd.ErrOrStderr(), opts, args)
			if err != nil {
				return err
			}
			files := []diffFile{}
			for _, c := range engine.Flatten(pcs) {
				name := filepath.ToSlash(relPath(prog.Dir, c.Path))
				oldName, newName, action := "a/"+name, "b/"+name, "modify"
				if c.Old == nil {
					oldName, action = "/dev/null", "create"
				}
				if c.New == nil {
					newName, action = "/dev/null", "delete"
				}
				files = append(files, diffFile{name, action, unified(oldName, newName, c.Old, c.New)})
			}
			w := cmd.OutOrStdout()
			if format == "json" {
				if err := writeJSON(w, files); err != nil {
					return err
				}
			} else {
				for _, f := range files {
					fmt.Fprint(w, f.Diff)
				}
			}
			if len(files) > 0 {
				return &statusError{code: exitDiffs}
			}
			return nil
		},
	}
	out.flags(cmd, "text", "json")
	return cmd
}
