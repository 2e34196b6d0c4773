package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree writes files (name -> content) under a new directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// read returns every file under dir (name -> content), temporary files
// included, so leftovers show.
func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

func keys(m map[string]string) string {
	var ks []string
	for k, v := range m {
		ks = append(ks, k+"="+v)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func TestWrite(t *testing.T) {
	orig := map[string]string{"a.go": "a", "b.go": "b", "sub/c.go": "c"}
	type tc struct {
		name    string
		setup   func(t *testing.T, dir string) // breaks something
		changes func(dir string) []Change
		renames int               // with failAt: fail the failAt-th rename (1-based)
		want    map[string]string // nil: unchanged
		wantErr error             // errors.Is target, or nil for any error when wantPath is set
		wantIn  string            // error text contains
		path    string            // WriteError.Path, relative
	}
	all := func(dir string) []Change {
		return []Change{
			{Path: filepath.Join(dir, "a.go"), Old: []byte("a"), New: []byte("A")},
			{Path: filepath.Join(dir, "b.go"), Old: []byte("b")},   // delete
			{Path: filepath.Join(dir, "new.go"), New: []byte("N")}, // create
			{Path: filepath.Join(dir, "sub", "c.go"), Old: []byte("c"), New: []byte("C")},
		}
	}
	tests := []tc{
		{name: "all", changes: all, want: map[string]string{"a.go": "A", "new.go": "N", "sub/c.go": "C"}},
		{name: "read-only file", setup: func(t *testing.T, dir string) { os.Chmod(filepath.Join(dir, "sub", "c.go"), 0o444) },
			changes: all, wantErr: ErrReadOnly, path: "sub/c.go"},
		{name: "read-only directory", setup: func(t *testing.T, dir string) { os.Chmod(filepath.Join(dir, "sub"), 0o555) },
			changes: all, wantErr: ErrReadOnly, path: "sub/c.go"},
		{name: "directory at the target", setup: func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "new.go"), 0o755) },
			changes: all, wantIn: "not a regular file", path: "new.go"},
		{name: "symbolic link", setup: func(t *testing.T, dir string) {
			a := filepath.Join(dir, "a.go")
			os.Rename(a, a+".orig")
			os.Symlink("a.go.orig", a)
		}, changes: all, wantErr: ErrSymlink, path: "a.go", want: map[string]string{"a.go.orig": "a", "b.go": "b", "sub/c.go": "c"}},
		{name: "file where the directory should be", changes: func(dir string) []Change {
			return append(all(dir), Change{Path: filepath.Join(dir, "a.go", "x.go"), New: []byte("x")})
		}, wantIn: "not a directory", path: "a.go/x.go"},
		{name: "changed on disk", setup: func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "sub", "c.go"), []byte("edited"), 0o644)
		},
			changes: all, wantErr: ErrChanged, path: "sub/c.go",
			want: map[string]string{"a.go": "a", "b.go": "b", "sub/c.go": "edited"}},
		{name: "created meanwhile", setup: func(t *testing.T, dir string) { os.WriteFile(filepath.Join(dir, "new.go"), []byte("x"), 0o644) },
			changes: all, wantErr: ErrChanged, path: "new.go",
			want: map[string]string{"a.go": "a", "b.go": "b", "sub/c.go": "c", "new.go": "x"}},
		{name: "rename fails last", changes: all, renames: 4, wantIn: "injected", path: "sub/c.go"},
		{name: "rename fails second", changes: all, renames: 2, wantIn: "injected", path: "b.go"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t, orig)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := read(t, dir)
			w := &writer{rename: os.Rename}
			n := 0
			if tt.renames > 0 {
				w.rename = func(a, b string) error {
					n++
					if n == tt.renames {
						return errors.New("injected failure")
					}
					return os.Rename(a, b)
				}
			}
			err := w.write(tt.changes(dir))
			// Let the cleanup remove what the test made read-only.
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, _ error) error { os.Chmod(p, 0o755); return nil })
			want := tt.want
			if want == nil && tt.path != "" {
				want = before
			}
			if got := read(t, dir); keys(got) != keys(want) {
				t.Errorf("files after write:\n got %s\nwant %s", keys(got), keys(want))
			}
			if tt.path == "" {
				if err != nil {
					t.Fatalf("write: %v", err)
				}
				return
			}
			var we *WriteError
			if !errors.As(err, &we) {
				t.Fatalf("error %v (%T), want a *WriteError", err, err)
			}
			if rel, _ := filepath.Rel(dir, we.Path); filepath.ToSlash(rel) != tt.path || !we.Restored {
				t.Errorf("WriteError for %s (restored %v), want %s restored", rel, we.Restored, tt.path)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantIn) {
				t.Errorf("error %q lacks %q", err, tt.wantIn)
			}
		})
	}
}

// TestWriteKeepsMode: a replaced file keeps its permissions.
func TestWriteKeepsMode(t *testing.T) {
	dir := tree(t, map[string]string{"x.sh": "old"})
	p := filepath.Join(dir, "x.sh")
	os.Chmod(p, 0o751)
	if err := WriteFile(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o751 {
		t.Errorf("mode %v, want 0751", st.Mode().Perm())
	}
}
