package fr

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// A hoist entry holds one runtime-scoped value: a client or configuration
// the handler used to build on every invocation (config.LoadDefaultConfig,
// dynamodb.NewFromConfig, sql.Open, ...), built once per runtime and then
// shared by every invocation, so the connections its pool opens, freshen's
// warm-ups among them, are reused.
//
// The value is built by whoever needs it first: the freshen hook (Hoist)
// or an invocation (FrHoist). Others wait for that build; the first build
// that succeeds is kept for the life of the process. A failed or panicking
// build keeps nothing, so the next caller builds again; a value built while
// another was kept is closed (when it is an io.Closer) and the kept one is
// used instead.
//
// Contexts: a build runs with a context that carries the caller's values
// and is cancelled if the caller's context ends while the build runs, but
// never afterwards. A constructor that keeps its context (a token source
// refreshing credentials later) therefore never sees the invocation's
// context end, and a build still bounded by the caller's deadline is one
// the caller would have made. A value whose build saw that cancellation is
// handed to its caller but not kept.

// ErrNotHoisted is reported by a freshen action that needs the value of a
// hoist entry (Hoisted) which has none: its build failed, or has not run.
var ErrNotHoisted = errors.New("fr: runtime-scoped value not built")

// hoistCell is the runtime-scoped value of a hoist entry.
type hoistCell struct {
	val atomic.Pointer[hoistBox]
	// fl is the build in progress; guarded by entry.mu.
	fl *hoistFlight
}

// hoistBox holds the kept value; it is set once.
type hoistBox struct{ v any }

// hoistFlight is a build in progress that others wait for.
type hoistFlight struct {
	done chan struct{} // closed when the build ends
	ok   bool          // a value is kept (set before done closes)
	err  error         // why not, when ok is false
	// claimed: someone is building on it. A flight not claimed was
	// reserved by State.Run (owner) for a Hoist action not started yet.
	claimed bool
	owner   *run
}

// load returns the kept value as a T.
func hoistedValue[T any](e *entry) (T, bool) {
	if b := e.hoist.val.Load(); b != nil {
		if v, ok := b.v.(T); ok {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// begin returns the flight to build on (owner) or to wait for. It returns
// nil, false when a value is kept already.
func (e *entry) hoistBegin() (f *hoistFlight, owner bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hoist.val.Load() != nil {
		return nil, false
	}
	if f := e.hoist.fl; f != nil {
		if !f.claimed {
			f.claimed = true
			return f, true
		}
		return f, false
	}
	f = &hoistFlight{done: make(chan struct{}), claimed: true}
	e.hoist.fl = f
	return f, true
}

// hoistReserve creates a flight for a Hoist action of r that has not
// started, so that actions of the same run needing the value (Hoisted)
// wait for it instead of finding nothing.
func (e *entry) hoistReserve(r *run) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hoist.val.Load() != nil || e.hoist.fl != nil {
		return
	}
	e.hoist.fl = &hoistFlight{done: make(chan struct{}), owner: r}
}

// hoistRelease ends a flight r reserved that no action claimed: the run
// gave up before the action started.
func (e *entry) hoistRelease(r *run, cause error) {
	e.mu.Lock()
	f := e.hoist.fl
	if f == nil || f.owner != r || f.claimed {
		e.mu.Unlock()
		return
	}
	e.hoist.fl = nil
	f.err = cause
	e.mu.Unlock()
	close(f.done)
}

// hoistEnd ends the owner's flight f with the outcome of its build. v is
// kept when err is nil and no other value was kept meanwhile; the value
// callers should use is returned (a losing v is closed).
func (e *entry) hoistEnd(f *hoistFlight, v any, err error) (any, bool) {
	e.mu.Lock()
	if e.hoist.fl == f {
		e.hoist.fl = nil
	}
	kept, ok, lost := v, err == nil, false
	if ok {
		if b := e.hoist.val.Load(); b != nil {
			kept, lost = b.v, true
		} else {
			e.hoist.val.Store(&hoistBox{v: v})
			e.m.hoisted.Add(1)
		}
	}
	f.ok, f.err = ok, err
	e.mu.Unlock()
	close(f.done)
	if lost {
		closeValue(v) // (values need not be comparable: aws.Config is not)
	}
	return kept, ok
}

// hoistOffer keeps v unless a value is kept already; it returns the value
// to use (closing v when it lost).
func (e *entry) hoistOffer(v any) any {
	e.mu.Lock()
	b := e.hoist.val.Load()
	var unclaimed *hoistFlight
	if b == nil {
		e.hoist.val.Store(&hoistBox{v: v})
		e.m.hoisted.Add(1)
		// A flight reserved for a Hoist action that has not started
		// has nothing left to build: its waiters find the value.
		if f := e.hoist.fl; f != nil && !f.claimed {
			e.hoist.fl, f.ok, unclaimed = nil, true, f
		}
	}
	e.mu.Unlock()
	if unclaimed != nil {
		close(unclaimed.done)
	}
	if b != nil {
		closeValue(v)
		return b.v
	}
	return v
}

// hoistFlightNow returns the build in progress, if any.
func (e *entry) hoistFlightNow() *hoistFlight {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hoist.fl
}

// buildContext is the context a build runs with: parent's values, and
// parent's cancellation only while the build runs. detach ends the tie
// and reports whether the build ran without being cancelled.
func buildContext(parent context.Context) (ctx *actionCtx, detach func() bool) {
	c := &actionCtx{values: context.WithoutCancel(parent)}
	if parent.Done() == nil {
		return c, func() bool { return true }
	}
	if err := parent.Err(); err != nil {
		c.cancelErr(err)
		return c, func() bool { return false }
	}
	stop := context.AfterFunc(parent, func() { c.cancelErr(parent.Err()) })
	return c, func() bool {
		stop()
		return c.Err() == nil
	}
}

// build runs f under a build context; kept reports whether the value may
// be kept for the runtime (no error, and the caller's context did not end
// during the build). A panic propagates after end has released waiters.
func build[T any](ctx context.Context, f func(context.Context) (T, error)) (v T, err error, keep bool) {
	bctx, detach := buildContext(ctx)
	// Not recover-and-repanic: the panic keeps the constructor's stack.
	done := false
	defer func() {
		if !done {
			detach()
		}
	}()
	v, err = f(bctx)
	done = true
	keep = detach() && err == nil
	return v, err, keep
}

// FrHoist wraps a call that builds a client or configuration from constant
// arguments: the value is built once per runtime and shared by every
// caller.
//
//   - a value is kept: returns it;
//   - a build is in flight (freshen's or another caller's): waits for it,
//     at most the entry's max wait and while ctx allows, then builds for
//     itself;
//   - nothing: builds with build, keeping the value when it succeeds.
//
// A failed build is returned to its caller and kept for nobody. build
// receives a context that ends with ctx while it runs but not afterwards
// (see the package's hoist notes); a panic in build propagates to the
// caller.
func FrHoist[T any](ctx context.Context, s *State, i int, build func(ctx context.Context) (T, error)) (T, error) {
	e := &s.entries[i]
	if v, ok := hoistedValue[T](e); ok {
		e.m.hits.Add(1)
		return v, nil
	}
	return hoistSlow(ctx, s, e, build)
}

// FrHoist1 is FrHoist for constructors with a single result
// (dynamodb.NewFromConfig, redis.NewClient). A value whose Err method
// reports an error is not kept.
func FrHoist1[T any](ctx context.Context, s *State, i int, build func(ctx context.Context) T) T {
	v, _ := FrHoist(ctx, s, i, func(ctx context.Context) (T, error) {
		v := build(ctx)
		return v, errOf(v)
	})
	return v
}

func hoistSlow[T any](ctx context.Context, s *State, e *entry, f func(context.Context) (T, error)) (T, error) {
	e.kind.CompareAndSwap(uint32(kindUnknown), uint32(kindHoist))
	for {
		fl, owner := e.hoistBegin()
		if fl == nil {
			if v, ok := hoistedValue[T](e); ok {
				e.m.hits.Add(1)
				return v, nil
			}
			// A value of another type: the call as written.
			e.m.inline.Add(1)
			v, err, _ := build(ctx, f)
			return v, err
		}
		if owner {
			return hoistOwned(ctx, e, fl, f)
		}
		e.m.waits.Add(1)
		if waitFlight(ctx, fl.done, time.Duration(e.maxWait.Load())) {
			if fl.ok {
				if v, ok := hoistedValue[T](e); ok {
					e.m.hits.Add(1)
					return v, nil
				}
			}
			continue // that build failed: its error is its own; try again
		}
		// The build in flight is slower than the wait allows, or ctx
		// ended: build for this call. The first value kept wins.
		e.m.inline.Add(1)
		v, err, keep := build(ctx, f)
		if keep {
			if kv, ok := e.hoistOffer(v).(T); ok {
				return kv, nil
			}
		}
		return v, err
	}
}

// hoistOwned builds on the caller's own flight.
func hoistOwned[T any](ctx context.Context, e *entry, fl *hoistFlight, f func(context.Context) (T, error)) (T, error) {
	e.m.inline.Add(1)
	v, err, kept, why := buildOwned(ctx, e, fl, f)
	if why != nil {
		return v, err
	}
	if kv, ok := kept.(T); ok {
		return kv, nil
	}
	return v, nil
}

// buildOwned builds on the flight fl its caller owns and ends it. err is
// the build's own error; why is non-nil when nothing was kept (the error,
// or the caller's context ending during the build), kept otherwise the
// value to use (another one may have been kept meanwhile). A panicking
// build ends the flight, releasing its waiters, and keeps nothing.
func buildOwned[T any](ctx context.Context, e *entry, fl *hoistFlight, f func(context.Context) (T, error)) (v T, err error, kept any, why error) {
	ended := false
	defer func() {
		if !ended {
			e.hoistEnd(fl, nil, errors.New("fr: build panicked"))
		}
	}()
	v, err, keep := build(ctx, f)
	ended = true
	if !keep {
		why = err
		if why == nil {
			why = fmt.Errorf("fr: build cancelled: %w", context.Cause(ctx))
		}
		e.hoistEnd(fl, nil, why)
		return v, err, nil, why
	}
	kept, _ = e.hoistEnd(fl, v, nil)
	return v, err, kept, nil
}

// Hoist builds entry i's runtime-scoped value during freshen, unless one
// is kept already; when a caller is building it, the action waits for
// that build (bounded by Run's context and budget). Later FrHoist callers
// get the value, and other actions of the same freshen use it through
// Hoisted.
func Hoist[T any](i int, build func(ctx context.Context) (T, error)) Action {
	return Action{i: i, kind: kindHoist, do: func(ctx context.Context, s *State, e *entry) (produced, error) {
		return produced{none: true}, hoistFreshen(ctx, e, build)
	}}
}

// Hoist1 is Hoist for constructors with a single result.
func Hoist1[T any](i int, build func(ctx context.Context) T) Action {
	return Hoist(i, func(ctx context.Context) (T, error) {
		v := build(ctx)
		return v, errOf(v)
	})
}

func hoistFreshen[T any](ctx context.Context, e *entry, f func(context.Context) (T, error)) error {
	for tries := 0; ; tries++ {
		fl, owner := e.hoistBegin()
		if fl == nil {
			return nil // built already
		}
		if owner {
			v, _, _, why := buildOwned(ctx, e, fl, f)
			if why != nil {
				closeValue(v) // nobody to hand it to
			}
			return why
		}
		select {
		case <-fl.done:
			if fl.ok {
				return nil
			}
			if tries > 0 {
				return fl.err
			}
			// A caller's build failed: try once ourselves.
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
}

// Hoisted returns entry i's runtime-scoped value for generated freshen
// functions whose operands come from a hoisted constructor (the client a
// prefetch or warm-up must use, so that its pool is the one the handler
// reuses). It waits, while ctx allows, for a build in flight; State.Run
// starts the builds of a run's Hoist actions before any action runs, so
// an earlier action of the same run is always in flight or done. When no
// value can be had, Hoisted panics with an error wrapping ErrNotHoisted,
// which State.Run reports as the action's error.
func Hoisted[T any](ctx context.Context, s *State, i int) T {
	e := s.entry(i)
	for {
		if v, ok := hoistedValue[T](e); ok {
			return v
		}
		fl := e.hoistFlightNow()
		if fl == nil {
			panic(hoistPanic{fmt.Errorf("%w: %s entry %d", ErrNotHoisted, s.name, i)})
		}
		select {
		case <-fl.done:
			if !fl.ok && e.hoistFlightNow() == nil {
				if _, ok := hoistedValue[T](e); !ok {
					panic(hoistPanic{fmt.Errorf("%w: %s entry %d: %w", ErrNotHoisted, s.name, i, fl.err)})
				}
			}
		case <-ctx.Done():
			panic(hoistPanic{fmt.Errorf("%w: %s entry %d: %w", ErrNotHoisted, s.name, i, context.Cause(ctx))})
		}
	}
}

// hoistPanic carries Hoisted's error out of a freshen action.
type hoistPanic struct{ err error }
