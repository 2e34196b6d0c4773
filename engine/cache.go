package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/freshen-go/freshen/analyzer"
)

// The cache keeps what the analysis learnt about each package, keyed by a
// hash of everything the result depends on: the package's files (their
// contents), its dependencies' keys, the build flags, the Go version and
// the freshen-gen binary itself. Any change to any input is a new key, so
// an entry is never stale, only unused; unused entries are removed after
// a few days. Entries are written to a temporary file and renamed into
// place, and carry a checksum: a partial or corrupted entry reads as a
// miss.

const (
	cacheMagic = "freshen-cache 1\n"
	// Entries unused for this long are removed, at most once a day.
	cacheMaxAge   = 5 * 24 * time.Hour
	cacheTrimEach = 24 * time.Hour
	// A hit refreshes an entry's time at most this often.
	cacheTouchEach = time.Hour
)

func init() {
	// Facts travel in cache entries as interface values.
	for _, f := range analyzer.Analyzer.FactTypes {
		gob.Register(f)
	}
}

// cache is a directory of entries; nil is a cache that is off.
type cache struct {
	dir  string
	salt string // the tool and the build settings, in every key
	now  func() time.Time
}

// cacheDir resolves where the cache lives, or "" when it is off.
func cacheDir(opts Options) string {
	if opts.NoCache {
		return ""
	}
	if opts.CacheDir != "" {
		return opts.CacheDir
	}
	env := goEnv(opts.Env, "FRESHEN_CACHE")
	switch env {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "freshen")
	}
	return env
}

// openCache returns the cache the options name, or nil when it is off or
// cannot be used (a cache is an optimisation: it never fails a run).
func openCache(opts Options) *cache {
	dir := cacheDir(opts)
	if dir == "" || strings.Contains(goEnv(opts.Env, "GOFLAGS"), "-overlay") {
		// (An overlay named in GOFLAGS replaces files the keys would
		// hash from disk.)
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	tool := opts.toolID
	if tool == "" {
		var err error
		if tool, err = executableID(); err != nil {
			return nil
		}
	}
	c := &cache{dir: dir, now: time.Now}
	c.salt = strings.Join([]string{tool, runtime.Version(), strings.Join(opts.Tags, ","), goEnvKey(opts.Env)}, "\x00")
	c.trim()
	return c
}

// goEnv is the value of an environment variable in env, the go
// command's environment (nil: this process's).
func goEnv(env []string, name string) string {
	v := os.Getenv(name)
	if env != nil {
		v = ""
	}
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == name {
			v = val
		}
	}
	return v
}

// goEnvKey is the part of the environment that changes what the go
// command lists or builds without showing in file contents. (GOOS,
// GOARCH and tags choose files, which the keys hash; they are here too
// because they also select the standard library's export data.)
func goEnvKey(env []string) string {
	var out []string
	for _, name := range []string{"GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "CGO_ENABLED", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOWORK"} {
		out = append(out, name+"="+goEnv(env, name))
	}
	return strings.Join(out, "\x00")
}

// executableID is the hash of the running binary: a rebuilt freshen-gen
// never reads what an earlier build wrote.
func executableID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *cache) path(key, kind string) string {
	return filepath.Join(c.dir, key[:2], key+"-"+kind)
}

// get returns the entry's payload, or false when there is none or it is
// damaged.
func (c *cache) get(key, kind string) ([]byte, bool) {
	if c == nil || key == "" {
		return nil, false
	}
	name := c.path(key, kind)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(data, []byte(cacheMagic))
	if !ok || len(rest) < 2*sha256.Size+1 || rest[2*sha256.Size] != '\n' {
		return nil, false
	}
	sum, payload := rest[:2*sha256.Size], rest[2*sha256.Size+1:]
	got := sha256.Sum256(payload)
	if hex.EncodeToString(got[:]) != string(sum) {
		return nil, false
	}
	if st, err := os.Stat(name); err == nil && c.now().Sub(st.ModTime()) > cacheTouchEach {
		now := c.now()
		_ = os.Chtimes(name, now, now) // keeps it from being trimmed; best effort
	}
	return payload, true
}

// put stores payload under key; failures are ignored (the next run
// recomputes the entry).
func (c *cache) put(key, kind string, payload []byte) {
	if c == nil || key == "" {
		return
	}
	name := c.path(key, kind)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	sum := sha256.Sum256(payload)
	_, err = fmt.Fprintf(tmp, "%s%x\n", cacheMagic, sum)
	if err == nil {
		_, err = tmp.Write(payload)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// getGob decodes an entry into v.
func (c *cache) getGob(key, kind string, v any) bool {
	data, ok := c.get(key, kind)
	if !ok {
		return false
	}
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v) == nil
}

// putGob encodes v into an entry.
func (c *cache) putGob(key, kind string, v any) {
	if c == nil || key == "" {
		return
	}
	var b bytes.Buffer
	if gob.NewEncoder(&b).Encode(v) == nil {
		c.put(key, kind, b.Bytes())
	}
}

// trim removes entries unused for cacheMaxAge, once a day.
func (c *cache) trim() {
	mark := filepath.Join(c.dir, "trim.txt")
	if st, err := os.Stat(mark); err == nil && c.now().Sub(st.ModTime()) < cacheTrimEach {
		return
	}
	cutoff := c.now().Add(-cacheMaxAge)
	_ = filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == mark {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(path)
		}
		return nil
	})
	_ = os.WriteFile(mark, []byte(c.now().UTC().Format(time.RFC3339)+"\n"), 0o644)
}

// keys computes every package's cache key, dependencies first. A package
// whose key cannot be computed (an unreadable file, no export data for a
// standard-library package) has "", and so do its importers.
func (c *cache) keys(order []*packages.Package, read func(string) ([]byte, error)) map[string]string {
	keys := map[string]string{}
	for _, p := range order {
		keys[p.PkgPath] = c.key(p, keys, read)
	}
	return keys
}

func (c *cache) key(p *packages.Package, keys map[string]string, read func(string) ([]byte, error)) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00", c.salt, p.PkgPath, p.Name)
	if inGoroot(p) {
		// The standard library contributes its types only (the analyzer
		// skips it); the export data's name in the build cache is the
		// hash of its content.
		if p.ExportFile == "" {
			return ""
		}
		fmt.Fprintf(h, "goroot\x00%s\x00", p.ExportFile)
	} else {
		if m := p.Module; m != nil {
			fmt.Fprintf(h, "module\x00%s\x00%s\x00%s\x00%t\x00", m.Path, m.Version, m.GoVersion, m.Main)
		}
		for _, name := range p.CompiledGoFiles {
			src, err := read(name)
			if err != nil {
				return ""
			}
			sum := sha256.Sum256(src)
			fmt.Fprintf(h, "file\x00%s\x00%x\x00", name, sum)
		}
		// Files the analyzer may read besides (go:embed patterns are
		// not its business; other files are listed by name).
		for _, name := range p.OtherFiles {
			fmt.Fprintf(h, "other\x00%s\x00", name)
		}
	}
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		dep := p.Imports[path]
		k := keys[dep.PkgPath]
		if k == "" && dep.PkgPath != "unsafe" {
			return ""
		}
		fmt.Fprintf(h, "import\x00%s\x00%s\x00%s\x00", path, dep.PkgPath, k)
	}
	return hex.EncodeToString(h.Sum(nil))
}
