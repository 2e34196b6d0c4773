package fr

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// The registry is the only global mutable state of fr: generated init
// functions fill it, triggers read it.
var registry = struct {
	sync.RWMutex
	m map[string]registration
}{m: map[string]registration{}}

type registration struct {
	s       *State
	freshen func(context.Context) error
}

// Register makes freshen runnable as Freshen(ctx, s.Name()). Generated code
// calls it from init. Registering the same State again replaces its
// function; registering a different State under a taken name panics, as two
// handlers with one name is a build mistake.
func Register(s *State, freshen func(context.Context) error) {
	if s == nil || freshen == nil {
		panic("fr.Register: nil State or freshen function")
	}
	registry.Lock()
	defer registry.Unlock()
	if r, ok := registry.m[s.name]; ok && r.s != s {
		panic(fmt.Sprintf("fr.Register: handler %q registered twice", s.name))
	}
	registry.m[s.name] = registration{s: s, freshen: freshen}
}

// Handlers returns the registered handler names, sorted.
func Handlers() []string {
	registry.RLock()
	names := make([]string, 0, len(registry.m))
	for n := range registry.m {
		names = append(names, n)
	}
	registry.RUnlock()
	slices.Sort(names)
	return names
}

// Lookup returns the State registered under name.
func Lookup(name string) (*State, bool) {
	registry.RLock()
	r, ok := registry.m[name]
	registry.RUnlock()
	return r.s, ok
}

// registered returns the registered States sorted by name.
func registered() []*State {
	registry.RLock()
	out := make([]*State, 0, len(registry.m))
	for _, r := range registry.m {
		out = append(out, r.s)
	}
	registry.RUnlock()
	slices.SortFunc(out, func(a, b *State) int { return strings.Compare(a.name, b.name) })
	return out
}

// UnknownHandlerError is returned by Freshen for a name nobody registered.
type UnknownHandlerError struct {
	Name  string
	Known []string // sorted
}

func (e *UnknownHandlerError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("fr: unknown handler %q (no handlers registered)", e.Name)
	}
	return fmt.Sprintf("fr: unknown handler %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Freshen runs the freshen function registered under name. Its error is
// informational: a failed freshen leaves the handler as correct and as fast
// as without freshen.
func Freshen(ctx context.Context, name string) error {
	_, err := FreshenReport(ctx, name)
	return err
}

// Report says what one freshen run did.
type Report struct {
	Handler  string
	Start    time.Time
	Duration time.Duration
	Err      error
	Entries  []EntryReport // one per action the run executed, by index
}

// EntryReport is the outcome of one action of a freshen run.
type EntryReport struct {
	Index    int
	Kind     string // "fetch", "warm" or "handoff"
	State    EntryState
	Duration time.Duration
	Bytes    int64
	Err      error
}

// reportKey carries a *collector through the context of a freshen run, so
// Run can record its actions without a registry look-up.
type reportKey struct{}

type collector struct {
	mu      sync.Mutex
	entries []EntryReport
	closed  bool // the report was taken: actions that end later are not in it
	buf     [4]EntryReport
}

// reportCtx is the context of a FreshenReport run: ctx plus the
// collector, in one allocation.
type reportCtx struct {
	context.Context
	c collector
}

func (c *reportCtx) Value(key any) any {
	if _, ok := key.(reportKey); ok {
		return &c.c
	}
	return c.Context.Value(key)
}

func (c *collector) add(r EntryReport) {
	c.mu.Lock()
	if !c.closed {
		c.entries = append(c.entries, r)
	}
	c.mu.Unlock()
}

// take closes the collector and returns what it collected.
func (c *collector) take() []EntryReport {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if len(c.entries) == 0 {
		return nil
	}
	return c.entries
}

// FreshenReport is Freshen that also reports each action's outcome, for
// triggers that answer with details.
func FreshenReport(ctx context.Context, name string) (Report, error) {
	registry.RLock()
	r, ok := registry.m[name]
	registry.RUnlock()
	if !ok {
		err := &UnknownHandlerError{Name: name, Known: Handlers()}
		return Report{Handler: name, Err: err}, err
	}
	rc := &reportCtx{Context: ctx}
	rc.c.entries = rc.c.buf[:0]
	rep := Report{Handler: name, Start: time.Now()}
	err := safeCall(rc, r.freshen)
	rep.Duration = time.Since(rep.Start)
	rep.Err = err
	rep.Entries = rc.c.take()
	slices.SortFunc(rep.Entries, func(a, b EntryReport) int { return a.Index - b.Index })
	return rep, err
}

// safeCall runs a freshen function, turning a panic into an error.
func safeCall(ctx context.Context, f func(context.Context) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: stack()}
		}
	}()
	return f(ctx)
}
