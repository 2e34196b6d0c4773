package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/rewrite"
)

// change is one file fix would write.
type change struct {
	path    string // absolute
	old     []byte // nil: the file does not exist yet
	new     []byte // nil: delete the file
	reasons []rewrite.Reason
}

// pkgChanges is the plan and the changes of one package.
type pkgChanges struct {
	l       loaded
	plan    *codegen.Plan
	changes []change
	// problems the analyzer reported that are not opportunities.
	problems []rewrite.Reason
}

// compute loads the packages args name and works out, without writing
// anything, every change fix makes: fix, diff, check and overlay share it.
func compute(opts *options, args []string) ([]*pkgChanges, error) {
	// Edits are made to the files on disk; with an overlay the syntax trees
	// would describe other bytes.
	if strings.Contains(os.Getenv("GOFLAGS"), "-overlay") {
		return nil, &statusError{exitError, errors.New("GOFLAGS sets -overlay: the syntax would not match the files fix edits; unset it (list works with it)")}
	}
	ls, err := load(opts, patterns(args))
	if err != nil {
		return nil, err
	}
	var out []*pkgChanges
	for _, l := range ls {
		pc, err := computePkg(opts, l)
		if err != nil {
			return nil, &statusError{exitError, fmt.Errorf("%s: %w", l.pkg.PkgPath, err)}
		}
		out = append(out, pc)
	}
	return out, nil
}

func computePkg(opts *options, l loaded) (*pkgChanges, error) {
	p := l.pkg
	pc := &pkgChanges{l: l}
	if l.res == nil {
		return pc, nil
	}
	plan := codegen.NewPlan(p.Fset, p.Syntax, p.TypesInfo, l.res, codegen.Options{DefaultTTL: opts.ttl, Handlers: opts.handlers})
	pc.plan = plan
	files, names := userFiles(p)
	for i, f := range files {
		if filepath.Base(names[i]) == codegen.GenFile {
			continue
		}
		src, err := os.ReadFile(names[i])
		if err != nil {
			return nil, err
		}
		res, err := rewrite.File(plan, p.TypesInfo, f, src)
		if err != nil {
			return nil, err
		}
		for e, line := range res.Lines {
			e.Line = line
		}
		if !bytes.Equal(res.Src, src) {
			pc.changes = append(pc.changes, change{path: names[i], old: src, new: res.Src, reasons: res.Reasons})
		}
	}
	gen, err := codegen.Generate(plan)
	if err != nil {
		return nil, err
	}
	dir := pkgDir(p)
	if dir == "" {
		return nil, errors.New("package has no directory")
	}
	genPath := filepath.Join(dir, codegen.GenFile)
	old, err := os.ReadFile(genPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return nil, err
	case !bytes.HasPrefix(old, []byte(codegen.Header+"\n")):
		if gen != nil {
			return nil, fmt.Errorf("%s exists and was not written by freshen-gen; rename it", genPath)
		}
		old, gen = nil, nil // not ours: leave it alone
	}
	switch {
	case gen == nil && old != nil:
		pc.changes = append(pc.changes, change{path: genPath, old: old, reasons: []rewrite.Reason{{Pos: token.Position{Filename: genPath, Line: 1}, Msg: "generated file is stale: the package has no freshen opportunity left"}}})
	case gen != nil && !bytes.Equal(gen, old):
		msg := "generated file is stale"
		if old == nil {
			msg = "generated file is missing"
		}
		pc.changes = append(pc.changes, change{path: genPath, old: old, new: gen, reasons: []rewrite.Reason{{Pos: token.Position{Filename: genPath, Line: 1}, Msg: msg}}})
	}
	if l.res != nil {
		for _, pr := range l.res.Problems {
			pc.problems = append(pc.problems, rewrite.Reason{Pos: p.Fset.Position(pr.Pos), Msg: pr.Message})
		}
	}
	sort.Slice(pc.changes, func(i, j int) bool { return pc.changes[i].path < pc.changes[j].path })
	return pc, nil
}

// writeAtomic replaces path with data through a temporary file in the same
// directory, so readers never see a half-written file. It keeps the old
// file's permissions.
func writeAtomic(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
		// Respect a read-only file rather than replacing it behind the
		// user's back through the directory's write permission.
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err != nil {
			return fmt.Errorf("%s is not writable: %w", path, err)
		} else {
			f.Close()
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".freshen-gen-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	w := bufio.NewWriter(tmp)
	if _, err := w.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
