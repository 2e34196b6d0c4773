package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// output is the --format flag every command has (and --json, short for
// --format json, which list -json has always accepted).
type output struct {
	format  string
	json    bool
	allowed []string
}

func (o *output) flags(cmd *cobra.Command, allowed ...string) {
	o.allowed = allowed
	cmd.Flags().StringVar(&o.format, "format", allowed[0], "output `format`: "+strings.Join(allowed, ", "))
	cmd.Flags().BoolVar(&o.json, "json", false, "same as --format json")
}

// get returns the chosen format, or a usage error.
func (o *output) get() (string, error) {
	f := o.format
	if o.json {
		if f != o.allowed[0] && f != "json" {
			return "", &statusError{exitError, fmt.Errorf("--json and --format %s disagree", f)}
		}
		f = "json"
	}
	if !slices.Contains(o.allowed, f) {
		return "", &statusError{exitError, fmt.Errorf("--format %q: want %s", f, strings.Join(o.allowed, ", "))}
	}
	return f, nil
}

// writeJSON writes v indented, as every --format json does.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress prints, once loading has taken longer than after, a line on w
// that counts the seconds, and erases it when stopped. It prints nothing
// when tty is false: a log file should not fill with carriage returns.
func progress(w io.Writer, tty bool, after time.Duration, what string) (stop func()) {
	if !tty {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		timer := time.NewTimer(after)
		defer timer.Stop()
		select {
		case <-done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			fmt.Fprintf(w, "\rfreshen-gen: %s (%ds)", what, int(time.Since(start).Seconds()))
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
