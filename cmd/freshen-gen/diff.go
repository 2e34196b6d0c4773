package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
)

func newDiffCmd(opts *options) *cobra.Command {
	return &cobra.Command{
		Use:   "diff [packages]",
		Short: "Print a unified diff of what fix would change (exit 1 when it would change anything)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pcs, err := compute(opts, args)
			if err != nil {
				return err
			}
			base, _ := workDir(opts)
			n := 0
			for _, pc := range pcs {
				for _, c := range pc.changes {
					name := filepath.ToSlash(relPath(base, c.path))
					oldName, newName := "a/"+name, "b/"+name
					if c.old == nil {
						oldName = "/dev/null"
					}
					if c.new == nil {
						newName = "/dev/null"
					}
					fmt.Fprint(cmd.OutOrStdout(), unified(oldName, newName, c.old, c.new))
					n++
				}
			}
			if n > 0 {
				return &statusError{code: exitDiffs}
			}
			return nil
		},
	}
}
