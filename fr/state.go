package fr

import (
	"fmt"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for the per-State and per-entry settings.
const (
	// DefaultMaxWait bounds how long a call waits for a running freshen of
	// its entry before it runs the call itself.
	DefaultMaxWait = 5 * time.Second
	// DefaultHold is how long a hand-out-once result waits for its caller.
	// An older prefetched result is dropped: data fetched long ago is not
	// what the function would read now.
	DefaultHold = 60 * time.Second
	// DefaultHandoffTTL is how long a pre-dialled connection waits for the
	// first FrWarm caller before it is closed.
	DefaultHandoffTTL = 30 * time.Second
	// DefaultBudget is the deadline of one State.Run.
	DefaultBudget = 30 * time.Second
	// DefaultBodyLimit is the most bytes of a response body freshen buffers.
	DefaultBodyLimit int64 = 64 << 20
)

// EntryState is where an fr_state entry is in its life cycle.
type EntryState uint8

const (
	// Idle: nothing prefetched or warmed; callers run the call inline.
	Idle EntryState = iota
	// Running: a freshen action for the entry is in progress.
	Running
	// Finished: a result (or a warmed connection) waits for its caller.
	Finished
)

func (s EntryState) String() string {
	switch s {
	case Idle:
		return "idle"
	case Running:
		return "running"
	case Finished:
		return "finished"
	}
	return fmt.Sprintf("EntryState(%d)", uint8(s))
}

// kind is what the actions of an entry do; learnt from the first action.
type kind uint32

const (
	kindUnknown kind = iota
	kindFetch
	kindWarm
	kindHandoff
	kindHoist
)

func (k kind) String() string {
	switch k {
	case kindFetch:
		return "fetch"
	case kindWarm:
		return "warm"
	case kindHandoff:
		return "handoff"
	case kindHoist:
		return "hoist"
	}
	return "unused"
}

// epoch anchors the monotonic clock the entries use: time.Since on a value
// with a monotonic reading skips the wall clock, which keeps the hit path
// cheap.
var epoch = time.Now()

// State is the fr_state of one handler: one entry per freshen resource,
// indexed in source order. Generated code creates it once with NewState;
// all methods are safe for concurrent use.
type State struct {
	name    string
	entries []entry
	pool    pool // goroutines that execute actions (see dispatch)

	clock     atomic.Pointer[func() time.Time] // nil: the real clock
	budget    atomic.Int64
	bodyLimit atomic.Int64
	parallel  atomic.Int32

	runs    atomic.Uint64 // Run calls
	runErrs atomic.Uint64 // Run calls that returned an error
	runWall atomic.Int64  // total wall time of Run, ns
}

// entry is one fr_state slot. The hit path reads cur and nothing under mu.
type entry struct {
	cur     atomic.Pointer[slot] // finished result, or nil
	ttl     atomic.Int64         // ns; 0 = hand out once
	maxWait atomic.Int64         // ns
	hold    atomic.Int64         // ns; 0 = DefaultHold
	cp      atomic.Pointer[copier]
	kind    atomic.Uint32

	_ [64]byte // keep the counters below off the cache line of cur

	mu      sync.Mutex
	run     *flight     // freshen action in progress
	inl     bool        // an inline call that others may join is in progress
	inlWait *flight     // created by the first caller that joins the inline call
	timer   *time.Timer // ends the life of the newest slot; created on first use
	timerAt int64       // realNow reading the timer is set for; 0: not pending

	hoist hoistCell // the runtime-scoped value of a hoist entry

	m entryMetrics
}

// slot is one finished result. Slots are never reused, so a
// compare-and-swap on entry.cur decides who owns a slot's end.
type slot struct {
	val   any
	cp    *copier // makes per-caller copies; nil: the value can be returned as is
	exp   int64   // clock reading after which the slot is not served
	once  bool    // hand out once (no TTL, or no safe copy)
	used  atomic.Bool
	bytes int64

	end int64 // real-clock reading (ns since epoch) at which the entry's timer retires the slot

	// owned: a freshen action produced the value, with ctx. An unused
	// owned value is closed and its context cancelled when the slot
	// retires; a value an inline call produced belongs to its caller.
	owned   bool
	noClose bool // the value's type holds nothing to close
	ctx     actionCtx
	flight  flight // the action in progress, while the entry's run points here
}

// flight is a call in progress that others wait for.
type flight struct {
	done    chan struct{} // created by the first waiter (freshen flights); guarded by entry.mu
	waiters int           // callers waiting on a freshen flight; guarded by entry.mu
	val     any           // frozen value others may copy; set before done closes
	cp      *copier       // nil: val can be returned as is
	ok      bool
}

// wait returns the channel that closes when f ends. The caller holds the
// entry's mu.
func (f *flight) wait() <-chan struct{} {
	if f.done == nil {
		f.done = make(chan struct{})
	}
	return f.done
}

// NewState returns the fr_state of handler with n entries. Generated code
// calls it once per handler, at package initialization.
func NewState(handler string, n int) *State {
	if n < 0 {
		panic(fmt.Sprintf("fr.NewState(%q, %d): negative size", handler, n))
	}
	s := &State{name: handler, entries: make([]entry, n)}
	s.budget.Store(int64(DefaultBudget))
	s.bodyLimit.Store(DefaultBodyLimit)
	for i := range s.entries {
		s.entries[i].maxWait.Store(int64(DefaultMaxWait))
	}
	return s
}

// Name returns the handler name given to NewState.
func (s *State) Name() string { return s.name }

// Len returns the number of entries.
func (s *State) Len() int { return len(s.entries) }

func (s *State) entry(i int) *entry {
	if i < 0 || i >= len(s.entries) {
		panic(fmt.Sprintf("fr: %s: entry %d out of range [0,%d)", s.name, i, len(s.entries)))
	}
	return &s.entries[i]
}

// SetTTL lets entry i's prefetched result be reused for ttl, each caller
// getting its own copy. 0 (the default) hands a result out once. For a
// WarmHandoff entry, ttl is how long the value waits for its caller
// (default DefaultHandoffTTL). A result type with no safe copy (see
// NewTTLCopier) is handed out once whatever the TTL.
func (s *State) SetTTL(i int, ttl time.Duration) {
	s.entry(i).ttl.Store(int64(max(ttl, 0)))
}

// TTL returns entry i's TTL.
func (s *State) TTL(i int) time.Duration { return time.Duration(s.entry(i).ttl.Load()) }

// SetMaxWait bounds how long a call waits for a running freshen of entry i
// before running the call itself (default DefaultMaxWait). The caller's
// context bounds the wait too. d <= 0 means never wait.
func (s *State) SetMaxWait(i int, d time.Duration) {
	s.entry(i).maxWait.Store(int64(max(d, 0)))
}

// SetHold sets how long a hand-out-once result of entry i waits for its
// caller before it is dropped (default DefaultHold).
func (s *State) SetHold(i int, d time.Duration) {
	s.entry(i).hold.Store(int64(max(d, 0)))
}

// SetBudget sets the deadline of each Run (default DefaultBudget).
func (s *State) SetBudget(d time.Duration) {
	if d <= 0 {
		d = DefaultBudget
	}
	s.budget.Store(int64(d))
}

// SetBodyLimit sets the most bytes of a body freshen buffers
// (default DefaultBodyLimit). A larger body is not prefetched: the entry is
// dropped and the call runs inline.
func (s *State) SetBodyLimit(n int64) {
	if n <= 0 {
		n = DefaultBodyLimit
	}
	s.bodyLimit.Store(n)
}

// SetParallelism bounds how many actions of one Run execute at once
// (default 4*GOMAXPROCS).
func (s *State) SetParallelism(n int) { s.parallel.Store(int32(max(n, 0))) }

// SetClock replaces the clock that decides expiry, for tests. nil restores
// the real clock. Timers that release unused values still use real time.
func (s *State) SetClock(now func() time.Time) {
	if now == nil {
		s.clock.Store(nil)
		return
	}
	s.clock.Store(&now)
}

// now returns the clock reading in ns since epoch.
func (s *State) now() int64 {
	if c := s.clock.Load(); c != nil {
		return int64((*c)().Sub(epoch))
	}
	return realNow()
}

// EntryState reports where entry i is in its life cycle.
func (s *State) EntryState(i int) EntryState {
	e := s.entry(i)
	if kind(e.kind.Load()) == kindHoist {
		switch {
		case e.hoist.val.Load() != nil:
			return Finished
		case e.hoistFlightNow() != nil:
			return Running
		}
		return Idle
	}
	if e.running() {
		return Running
	}
	if sl := e.cur.Load(); sl != nil && s.now() < sl.exp {
		return Finished
	}
	return Idle
}

// running reports whether a freshen action of e is in flight.
func (e *entry) running() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.run != nil
}

// copierFor returns the copier of T, cached on the entry so that the inline
// path does not pay a map look-up.
func copierFor[T any](e *entry) *copier {
	t := reflect.TypeFor[T]()
	if c := e.cp.Load(); c != nil && c.typ == t {
		return c
	}
	c := typedCopier[T]()
	e.cp.Store(c)
	return c
}

// retire ends a slot that left entry.cur without being handed out as the
// caller's own value: counts it as wasted when nobody used it and frees
// what it holds.
func (e *entry) retire(sl *slot) {
	if !sl.used.Load() {
		e.m.wasted.Add(1)
	}
	if sl.owned {
		if !sl.noClose {
			closeValue(sl.val)
		}
		sl.ctx.cancel()
	}
}

// realNow is the real clock in ns since epoch; the timers that end slots
// run on it, also when a test injects a clock.
func realNow() int64 { return int64(time.Since(epoch)) }

// nowFrom is now, given a reading of the real clock taken just before.
func (s *State) nowFrom(real int64) int64 {
	if c := s.clock.Load(); c != nil {
		return int64((*c)().Sub(epoch))
	}
	return real
}

// armLocked makes the entry's timer remove sl, the newest slot, at the end
// of its life. The hit path does not read the clock, so this timer is
// what ends a TTL; it fires a little early (1/64 of the life, at most 1ms)
// to absorb timer latency. One timer per entry serves every slot: it is
// moved only when it would fire too late for sl, and when it fires for a
// slot that is gone it re-arms for the current one, so publishing a
// result usually costs no timer operation. now is a recent realNow
// reading; the caller holds e.mu.
func (e *entry) armLocked(sl *slot, life time.Duration, now int64) {
	if life <= 0 {
		return
	}
	life -= min(life/64, time.Millisecond)
	sl.end = now + int64(life)
	switch {
	case e.timer == nil:
		e.timer = time.AfterFunc(life, e.expire)
	case e.timerAt != 0 && e.timerAt <= sl.end:
		return // fires in time, and then re-arms for sl
	default:
		e.timer.Reset(life)
	}
	e.timerAt = sl.end
}

// expire is the entry timer's function: it retires the current slot when
// its life is over, and otherwise re-arms the timer for it (the timer may
// have been armed for a slot that was taken or replaced since).
func (e *entry) expire() {
	e.mu.Lock()
	e.timerAt = 0
	sl := e.cur.Load()
	if sl == nil || sl.end == 0 {
		e.mu.Unlock()
		return
	}
	if d := sl.end - realNow(); d > 0 {
		e.timer.Reset(time.Duration(d))
		e.timerAt = sl.end
		e.mu.Unlock()
		return
	}
	ok := e.cur.CompareAndSwap(sl, nil)
	e.mu.Unlock()
	if ok {
		e.retire(sl) // may close a connection: outside the lock
	}
}

// take hands out a once slot and marks it used. The caller owns the value
// from now on, so nothing is released.
func (e *entry) take(sl *slot) {
	sl.used.Store(true)
	e.m.hits.Add(1)
}

// closeValue closes v if it holds something closable: an io.Closer, or a
// response body.
func closeValue(v any) {
	switch x := v.(type) {
	case nil:
	case io.Closer:
		if !isNilPtr(x) {
			_ = x.Close()
		}
	default:
		if b := bodyOf(v); b != nil {
			_ = b.Close()
		}
	}
}

func isNilPtr(v any) bool {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return !rv.IsValid()
}
