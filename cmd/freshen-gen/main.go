package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	exitOK    = 0
	exitDiffs = 1 // diff/check found something to change
	exitError = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the flags common to every command.
type options struct {
	dir      string
	tags     string
	ttl      time.Duration
	handlers []string
	modEdit  bool
	noCache  bool
	fullLoad bool

	// tty says whether stderr is a terminal (progress lines go there).
	tty bool
}

// exitError carries a non-zero status out of a command.
type statusError struct {
	code int
	err  error
}

func (e *statusError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// run executes the command line args and returns the exit status; tests call
// it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(goStyleFlags(args))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var se *statusError
	if errors.As(err, &se) {
		if se.err != nil {
			fmt.Fprintln(stderr, "freshen-gen:", se.err)
		}
		return se.code
	}
	fmt.Fprintln(stderr, "freshen-gen:", err)
	return exitError
}

// goStyleFlags accepts Go-tool spellings (-tags, -json) for long flags, which
// pflag would otherwise read as bundles of one-letter flags.
func goStyleFlags(args []string) []string {
	long := []string{"tags", "json", "explain", "format", "ttl", "handlers", "mod-edit", "out", "chdir"}
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		for _, l := range long {
			if a == "-"+l || strings.HasPrefix(a, "-"+l+"=") {
				a = "-" + a
				break
			}
		}
		out = append(out, a)
	}
	return out
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	opts := &options{tty: isTerminal(stderr)}
	var out output
	root := &cobra.Command{
		Use:   "freshen-gen [command] [packages]",
		Short: "Generate freshen hooks and wrap call sites for Go serverless handlers",
		Long: `freshen-gen finds I/O calls in serverless handlers that can run before the
handler is invoked (fetches with constant operands) or whose connection can be
opened early (warms), generates each package's freshen_gen.go and wraps the
call sites in fr.FrFetch / fr.FrWarm. Without a command it runs fix.`,
		Args:          commandOrPatterns,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFix(cmd, opts, &out, args)
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVarP(&opts.dir, "chdir", "C", "", "run as if started in `dir`")
	pf.StringVar(&opts.tags, "tags", "", "comma-separated build `tags`")
	pf.DurationVar(&opts.ttl, "ttl", 0, "default TTL for fetches without //freshen:ttl (0: hand each result out once)")
	pf.StringSliceVar(&opts.handlers, "handlers", nil, "only these handlers (full \"pkg.Func\" or short \"Func\" names)")
	pf.BoolVar(&opts.noCache, "no-cache", false, "do not read or write the analysis cache (also: FRESHEN_CACHE=off)")
	// Loads every dependency from source, as before export data was
	// used: for comparing the two and for ruling the loader out.
	pf.BoolVar(&opts.fullLoad, "full-load", false, "type-check every dependency from source (slow; for debugging)")
	_ = pf.MarkHidden("full-load")
	root.Flags().BoolVar(&opts.modEdit, "mod-edit", false, "add the github.com/freshen-go/freshen requirement to go.mod when missing (go.mod must replace it with a local clone)")
	out.flags(root, "text", "json")

	root.AddCommand(
		newListCmd(opts),
		newFixCmd(opts),
		newDiffCmd(opts),
		newCheckCmd(opts),
		newOverlayCmd(opts),
		newVersionCmd(),
	)
	return root
}

// commandOrPatterns rejects a first argument that looks like a misspelt
// command rather than a package pattern (patterns have a dot or a slash,
// or name a package no command resembles), so "freshen-gen lsit ./..."
// does not run fix on a package named lsit.
func commandOrPatterns(cmd *cobra.Command, args []string) error {
	if len(args) == 0 || strings.ContainsAny(args[0], "./\\") {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return fmt.Errorf("unknown command %q\nDid you mean %s?\nRun 'freshen-gen --help' for usage.", args[0], strings.Join(s, " or "))
	}
	return nil
}

func newFixCmd(opts *options) *cobra.Command {
	var out output
	cmd := &cobra.Command{
		Use:     "fix [packages]",
		Aliases: []string{"gen"},
		Short:   "Write freshen_gen.go and wrap call sites (the default command)",
		Args:    cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFix(cmd, opts, &out, args)
		},
	}
	cmd.Flags().BoolVar(&opts.modEdit, "mod-edit", false, "add the github.com/freshen-go/freshen requirement to go.mod when missing (go.mod must replace it with a local clone)")
	out.flags(cmd, "text", "json")
	return cmd
}

func patterns(args []string) []string {
	if len(args) == 0 {
		return []string{"."}
	}
	return args
}
