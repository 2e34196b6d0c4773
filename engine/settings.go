package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/infer"
)

// Settings are the options every driver of the engine shares. Their JSON
// form ({"handlers": ["Handle"], "tags": ["cloud"], "ttl": "30s"}) is the
// one configuration files use.
type Settings struct {
	// Handlers restricts planning to these handlers, by full name
	// ("example.com/app.Handle") or short name ("Handle", "T.Method").
	// Empty means all. Handlers left out keep what an earlier run applied.
	Handlers []string `json:"handlers,omitempty"`
	// Tags are build tags for loading, as for go build -tags.
	Tags []string `json:"tags,omitempty"`
	// TTL is the default TTL of fetches without a //freshen:ttl
	// directive; 0 hands each result out once.
	TTL Duration `json:"ttl,omitempty"`
}

// Validate reports settings no run can use.
func (s Settings) Validate() error {
	var errs []error
	if s.TTL < 0 {
		errs = append(errs, fmt.Errorf("ttl %s: must not be negative", time.Duration(s.TTL)))
	}
	for _, h := range s.Handlers {
		if err := analyzer.CheckHandlerName(h); err != nil {
			errs = append(errs, fmt.Errorf("handler name %q: %w", h, err))
		}
	}
	for _, t := range s.Tags {
		if t == "" || strings.ContainsAny(t, " \t,") {
			errs = append(errs, fmt.Errorf("build tag %q: want one tag per entry", t))
		}
	}
	return errors.Join(errs...)
}

// PlanOptions are the codegen options the settings imply.
func (s Settings) PlanOptions() codegen.Options {
	return codegen.Options{DefaultTTL: time.Duration(s.TTL), Handlers: s.Handlers}
}

// Selected reports whether the handler name (of the package at pkgPath)
// passes the handler filter.
func (s Settings) Selected(name, pkgPath string) bool {
	return infer.HandlerSelected(name, pkgPath, s.Handlers)
}

// Duration is a time.Duration that reads and writes JSON as Go duration
// text ("30s"); a JSON number is taken as nanoseconds.
type Duration time.Duration

// String is the Go duration text.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes "30s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "30s" or a number of nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n int64
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("duration: want a string such as \"30s\", got %s", b)
		}
		*d = Duration(n)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	*d = Duration(v)
	return nil
}

// Options configure a Load.
type Options struct {
	Settings
	// Dir is the directory the go command runs in and paths are shown
	// relative to; "" is the current directory.
	Dir string
	// Env is the go command's environment; nil means os.Environ().
	Env []string
	// FullLoad loads every dependency from source, as go/packages'
	// LoadAllSyntax does, and drives the analyzer with go/analysis/checker
	// instead of reading dependencies from export data. The results are
	// the same; it costs several times the memory and time. It exists to
	// compare the two and to rule the loader out when chasing a bug.
	FullLoad bool
	// NoCache turns off the cache of analysis results across runs (as
	// FRESHEN_CACHE=off in the environment does).
	NoCache bool
	// CacheDir is where the cache lives; "" means $FRESHEN_CACHE, or
	// else freshen under os.UserCacheDir().
	CacheDir string

	// toolID stands for the running binary in cache keys; tests set it
	// to play a new release.
	toolID string
}
