package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteError names the file a Write could not write. Write leaves every
// file as it was when it returns one.
type WriteError struct {
	Path string
	Err  error
	// Restored is false when undoing the files already replaced failed
	// too; RestoreErr then says which.
	Restored   bool
	RestoreErr error
}

func (e *WriteError) Error() string {
	s := e.Path + ": " + e.Err.Error()
	if !e.Restored {
		s += fmt.Sprintf(" (restoring the files already written failed: %v)", e.RestoreErr)
	}
	return s
}

func (e *WriteError) Unwrap() error { return e.Err }

// ErrReadOnly is reported for a file or directory without write
// permission for anyone: freshen-gen does not replace those, even when
// it could (as root, or through the directory's permission).
var ErrReadOnly = errors.New("read-only")

// ErrSymlink is reported for a target that is a symbolic link: writing
// through it would change a file elsewhere, replacing it would turn the
// link into a file.
var ErrSymlink = errors.New("it is a symbolic link; fix does not write through links")

// ReadOnlyDirError is reported for a target whose directory has no write
// permission for anyone; it matches ErrReadOnly.
type ReadOnlyDirError struct {
	Dir string
}

func (e *ReadOnlyDirError) Error() string { return "directory " + e.Dir + " is read-only" }
func (e *ReadOnlyDirError) Unwrap() error { return ErrReadOnly }

// ErrChanged is reported for a file that changed on disk after it was read.
var ErrChanged = errors.New("changed on disk since it was read; run again")

// Write applies changes all or nothing. It first checks every target (it
// still holds the bytes the change was computed from, it and its
// directory are writable, it is a regular file) and writes each new
// content to a temporary file beside its target; only then does it rename
// the temporary files over their targets. When a rename fails, the files
// already replaced get their old content back. The error is a
// *WriteError naming the file at fault.
func Write(changes []Change) error { return (&writer{rename: os.Rename}).write(changes) }

// writer carries the rename function, so tests can make a rename fail
// half-way through.
type writer struct {
	rename func(oldpath, newpath string) error
}

// staged is one change ready to commit.
type staged struct {
	c    Change
	tmp  string      // new content, beside the target; "" for a deletion
	mode fs.FileMode // permissions to keep
	bak  string      // a deleted file's backup, once moved aside
	done bool
}

func (w *writer) write(changes []Change) (err error) {
	var st []*staged
	defer func() {
		for _, s := range st {
			if s.tmp != "" {
				os.Remove(s.tmp) // no-op once renamed
			}
			if s.bak != "" && err == nil {
				os.Remove(s.bak)
			}
		}
	}()
	for _, c := range changes {
		s, err := prepare(c)
		if s != nil {
			st = append(st, s)
		}
		if err != nil {
			return &WriteError{Path: c.Path, Err: err, Restored: true}
		}
	}
	for i, s := range st {
		if err := w.commit(s); err != nil {
			rerr := w.rollback(st[:i+1])
			return &WriteError{Path: s.c.Path, Err: err, Restored: rerr == nil, RestoreErr: rerr}
		}
	}
	return nil
}

// prepare checks c's target and stages its new content.
func prepare(c Change) (*staged, error) {
	s := &staged{c: c, mode: 0o644}
	dir := filepath.Dir(c.Path)
	dst, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, err
	case !dst.IsDir():
		return nil, fmt.Errorf("%s is not a directory", dir)
	case dst.Mode().Perm()&0o222 == 0:
		return nil, &ReadOnlyDirError{Dir: dir}
	}
	cur, err := os.Lstat(c.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if c.Old != nil {
			return nil, ErrChanged
		}
	case err != nil:
		return nil, err
	case cur.Mode()&fs.ModeSymlink != 0:
		return nil, ErrSymlink
	case !cur.Mode().IsRegular():
		return nil, fmt.Errorf("it is not a regular file but %s", fileKind(cur.Mode()))
	case cur.Mode().Perm()&0o222 == 0:
		return nil, ErrReadOnly
	default:
		s.mode = cur.Mode().Perm()
		// Opening for writing asks the kernel, which also knows about
		// ownership, ACLs and immutable files.
		f, err := os.OpenFile(c.Path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		f.Close()
		old, err := os.ReadFile(c.Path)
		if err != nil {
			return nil, err
		}
		if c.Old == nil || !bytes.Equal(old, c.Old) {
			return nil, ErrChanged
		}
	}
	if c.New == nil {
		return s, nil
	}
	tmp, err := tempFile(dir, c.New, s.mode)
	if err != nil {
		return nil, err
	}
	s.tmp = tmp
	return s, nil
}

func (w *writer) commit(s *staged) error {
	if s.c.New == nil {
		bak, err := tempName(filepath.Dir(s.c.Path))
		if err != nil {
			return err
		}
		if err := w.rename(s.c.Path, bak); err != nil {
			os.Remove(bak)
			return err
		}
		s.bak, s.done = bak, true
		return nil
	}
	if err := w.rename(s.tmp, s.c.Path); err != nil {
		return err
	}
	s.tmp, s.done = "", true
	return nil
}

// rollback restores every committed change of st, last first.
func (w *writer) rollback(st []*staged) error {
	var errs []error
	for i := len(st) - 1; i >= 0; i-- {
		s := st[i]
		if !s.done {
			continue
		}
		var err error
		switch {
		case s.c.New == nil:
			err = w.rename(s.bak, s.c.Path)
			if err == nil {
				s.bak = ""
			}
		case s.c.Old == nil:
			err = os.Remove(s.c.Path)
		default:
			var tmp string
			if tmp, err = tempFile(filepath.Dir(s.c.Path), s.c.Old, s.mode); err == nil {
				if err = w.rename(tmp, s.c.Path); err != nil {
					os.Remove(tmp)
				}
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.c.Path, err))
		}
	}
	return errors.Join(errs...)
}

// tempFile writes data with mode to a new temporary file in dir.
func tempFile(dir string, data []byte, mode fs.FileMode) (string, error) {
	f, err := os.CreateTemp(dir, ".freshen-gen-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// tempName reserves an unused name in dir.
func tempName(dir string) (string, error) {
	f, err := os.CreateTemp(dir, ".freshen-gen-*")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	return name, nil
}

// WriteFile replaces path with data through a temporary file in the same
// directory, so readers never see a half-written file. It keeps an
// existing file's permissions and refuses read-only files.
func WriteFile(path string, data []byte) error {
	old, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		old, err = nil, nil
	}
	if err != nil {
		return err
	}
	return Write([]Change{{Path: path, Old: old, New: data}})
}

// fileKind names the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (" + m.Type().String() + ")"
}
