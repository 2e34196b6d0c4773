package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/freshen-go/freshen/engine"
	"github.com/freshen-go/freshen/infer"
)

// engineOptions maps the command line to the engine's options.
func engineOptions(opts *options) engine.Options {
	var tags []string
	for t := range strings.SplitSeq(opts.tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return engine.Options{
		Dir:      opts.dir,
		NoCache:  opts.noCache,
		FullLoad: opts.fullLoad,
		Settings: engine.Settings{
			Handlers: opts.handlers,
			Tags:     tags,
			TTL:      engine.Duration(opts.ttl),
		},
	}
}

// load loads the packages args name; any error is exit status 2.
func load(ctx context.Context, stderr io.Writer, opts *options, args []string) (*engine.Program, error) {
	stop := progress(stderr, opts.tty, 2*time.Second, "loading and analysing "+strings.Join(patterns(args), " "))
	prog, err := engine.Load(ctx, engineOptions(opts), patterns(args)...)
	stop()
	if err != nil {
		var le *engine.LoadError
		if errors.As(err, &le) {
			err = loadFailure(opts.dir, le)
		}
		return nil, &statusError{exitError, err}
	}
	return prog, nil
}

// loadLists is load for list: the roots' lists, from the cache where
// the packages did not change.
func loadLists(ctx context.Context, stderr io.Writer, opts *options, args []string) (string, []*engine.PackageList, error) {
	return loadOutput(ctx, stderr, opts, args, engine.List)
}

// loadChecks is compute for check: what fix would change and the
// problems, from the cache where the packages did not change.
func loadChecks(ctx context.Context, stderr io.Writer, opts *options, args []string) (string, []*engine.PackageCheck, error) {
	return loadOutput(ctx, stderr, opts, args, engine.Check)
}

// loadOutput runs an engine entry point with load's progress line and
// errors, and returns the absolute working directory with its output.
func loadOutput[T any](ctx context.Context, stderr io.Writer, opts *options, args []string, run func(context.Context, engine.Options, ...string) (T, error)) (string, T, error) {
	var zero T
	stop := progress(stderr, opts.tty, 2*time.Second, "loading and analysing "+strings.Join(patterns(args), " "))
	res, err := run(ctx, engineOptions(opts), patterns(args)...)
	stop()
	if err != nil {
		var le *engine.LoadError
		if errors.As(err, &le) {
			err = loadFailure(opts.dir, le)
		}
		return "", zero, &statusError{exitError, err}
	}
	dir := opts.dir
	if dir == "" {
		dir = "."
	}
	base, err := filepath.Abs(dir)
	if err != nil {
		return "", zero, &statusError{exitError, err}
	}
	return base, res, nil
}

// loadFailure is le with its files relative to the working directory
// and, when the packages import the runtime that go.mod does not
// provide (code fix rewrote), what to run.
func loadFailure(dir string, le *engine.LoadError) error {
	le = relLoadError(dir, le)
	for _, m := range le.Errors {
		switch {
		case strings.Contains(m, "module "+modulePath+" provides package") && strings.Contains(m, "replaced but not required"):
			return fmt.Errorf("%w\nthe module replaces %s but does not require it: run %s (or freshen-gen fix --mod-edit)",
				le, modulePath, commandLine(engine.ModuleNeed{Replaced: true}.Commands()))
		case strings.Contains(m, "no required module provides package "+modulePath+"/"):
			return fmt.Errorf("%w\nthe module does not require %s, which has no tagged release yet: point go.mod at a local clone of freshen with %s",
				le, modulePath, engine.ReplaceCommand("/path/to/freshen"))
		}
	}
	return le
}

// relLoadError shows the files of load errors relative to the working
// directory, like every other path freshen-gen prints.
func relLoadError(dir string, le *engine.LoadError) *engine.LoadError {
	base, err := filepath.Abs(dir)
	if err != nil {
		return le
	}
	out := &engine.LoadError{Errors: make([]string, len(le.Errors))}
	for i, m := range le.Errors {
		if file, rest, ok := strings.Cut(m, ":"); ok && filepath.IsAbs(file) {
			m = filepath.ToSlash(relPath(base, file)) + ":" + rest
		}
		out.Errors[i] = m
	}
	return out
}

// compute loads and works out every change fix would make.
func compute(ctx context.Context, stderr io.Writer, opts *options, args []string) (*engine.Program, []*engine.PackageChanges, error) {
	prog, err := load(ctx, stderr, opts, args)
	if err != nil {
		return nil, nil, err
	}
	pcs, err := prog.Changes()
	if err != nil {
		return nil, nil, &statusError{exitError, errors.New(relError(prog.Dir, err))}
	}
	var named []handlerName
	var bad []string
	for _, pc := range pcs {
		for _, h := range pc.Handlers {
			named = append(named, handlerName{h, pc.Package.PkgPath})
		}
		for _, r := range pc.Directives {
			bad = append(bad, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(relPath(prog.Dir, r.Pos.Filename)), r.Pos.Line, r.Pos.Column, r.Msg))
		}
	}
	if err := unmatchedHandlers(opts, named); err != nil {
		return nil, nil, err
	}
	if len(bad) > 0 {
		// What a malformed directive meant to exclude or limit is unknown:
		// rewriting now could freshen a call the user wanted left alone.
		return nil, nil, &statusError{exitError, fmt.Errorf("%s\n%d malformed //freshen: directive%s; nothing written", strings.Join(bad, "\n"), len(bad), plural(len(bad)))}
	}
	return prog, pcs, nil
}

// handlerName is a selected handler: its full name and its package.
type handlerName struct{ full, pkgPath string }

// unmatchedHandlers is the error for --handlers names that name none of
// the selected handlers: a typo would otherwise turn every command, check
// included, into a silent no-op.
func unmatchedHandlers(opts *options, named []handlerName) error {
	var missing []string
	for _, q := range opts.handlers {
		found := false
		for _, h := range named {
			if infer.HandlerNamed(h.full, h.pkgPath, q) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("%q", q))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &statusError{exitError, fmt.Errorf("--handlers %s: no handler of the loaded packages has that name (run freshen-gen list to see their names)", strings.Join(missing, ", "))}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
