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
			prog, pcs, err := compute(cmd.Context(), opts, args)
			if err != nil {
				return err
			}
			base := prog.Dir
			n := 0
			for _, pc := range pcs {
				for _, c := range pc.Changes {
					name := filepath.ToSlash(relPath(base, c.Path))
					oldName, newName := "a/"+name, "b/"+name
					if c.Old == nil {
						oldName = "/dev/null"
					}
					if c.New == nil {
						newName = "/dev/null"
					}
					fmt.Fprint(cmd.OutOrStdout(), unified(oldName, newName, c.Old, c.New))
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
