package engine

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteError names the file a Write could not write.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *WriteError) Unwrap() error { return e.Err }

// Write applies changes file by file, each atomically (temporary file and
// rename). It returns every failure.
func Write(changes []Change) error {
	var failed []string
	for _, c := range changes {
		var err error
		if c.New == nil {
			err = os.Remove(c.Path)
		} else {
			err = WriteFile(c.Path, c.New)
		}
		if err != nil {
			failed = append(failed, err.Error())
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("writing files:\n\t%s", strings.Join(failed, "\n\t"))
	}
	return nil
}

// WriteFile replaces path with data through a temporary file in the same
// directory, so readers never see a half-written file. It keeps the old
// file's permissions.
func WriteFile(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
		// Respect a read-only file rather than replacing it behind the
		// user's back through the directory's write permission.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("%s is not writable: %w", path, err)
		}
		f.Close()
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
