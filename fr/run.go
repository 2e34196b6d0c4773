package fr

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"
)

// Action is one freshen step for one entry, built by Fetch, Fetch1, Warm or
// WarmHandoff and executed by State.Run.
type Action struct {
	i    int
	kind kind
	do   func(ctx context.Context, s *State, e *entry) (produced, error)
}

// produced is what a successful action leaves in its entry.
type produced struct {
	val   any
	clone func(any) any // per-caller copy; nil with share: return as is
	share bool          // val may be given to more than one caller (through clone)
	once  bool
	life  time.Duration // TTL, hold or hand-off lifetime
	bytes int64
}

// warmed is the value of a finished Warm entry.
type warmed struct{}

// Fetch prefetches entry i: f runs during freshen and its result waits for
// the FrFetch caller of entry i. f's context stays alive after Run returns
// for as long as the result is held (see Run), so results that keep a
// stream open, such as *sql.Rows, remain readable. Response bodies are read
// into memory during freshen (up to the State's body limit).
func Fetch[T any](i int, f func(ctx context.Context) (T, error)) Action {
	return Action{i: i, kind: kindFetch, do: func(ctx context.Context, s *State, e *entry) (produced, error) {
		v, err := f(ctx)
		if err == nil {
			err = failure(v)
		}
		if err != nil {
			closeValue(v)
			return produced{}, err
		}
		return freezeFor[T](s, e, v)
	}}
}

// Fetch1 is Fetch for calls with a single result (a redis Cmd, *sql.Row):
// the result counts as failed when its Err method returns an error.
func Fetch1[T any](i int, f func(ctx context.Context) T) Action {
	return Fetch(i, func(ctx context.Context) (T, error) {
		v := f(ctx)
		return v, errOf(v)
	})
}

// freezeFor makes v safe to keep: buffers bodies, and decides between
// hand-out-once and a TTL with per-caller copies.
func freezeFor[T any](s *State, e *entry, v T) (produced, error) {
	c := copierFor[T](e)
	fv, n, err := c.freezeValue(v, s.bodyLimit.Load())
	share := c.ok
	if errors.Is(err, errNoSafeCopy) {
		// Kept, but only for one caller.
		share, err = false, nil
	}
	if err != nil {
		closeValue(fv)
		return produced{}, err
	}
	p := produced{val: fv, clone: c.clone, share: share, bytes: n}
	if ttl := time.Duration(e.ttl.Load()); ttl > 0 && share {
		p.life = ttl
	} else {
		p.once = true
		p.life = holdOf(e)
	}
	return p, nil
}

func holdOf(e *entry) time.Duration {
	if h := time.Duration(e.hold.Load()); h > 0 {
		return h
	}
	return DefaultHold
}

// Warm warms entry i: f opens or checks a connection (WarmHTTP, WarmSQL, a
// Conn's Check). The FrWarm caller of entry i then runs its call as written.
func Warm(i int, f func(ctx context.Context) error) Action {
	return Action{i: i, kind: kindWarm, do: func(ctx context.Context, s *State, e *entry) (produced, error) {
		if err := f(ctx); err != nil {
			return produced{}, err
		}
		return produced{val: warmed{}, once: true, life: holdOf(e)}, nil
	}}
}

// WarmHandoff pre-dials entry i: f's value (a net.Conn, *tls.Conn, ...) is
// handed to the first FrWarm[T] caller of entry i instead of running its
// call. Unused, it is closed (when it is an io.Closer) after the entry's TTL
// (default DefaultHandoffTTL) or when a newer one replaces it.
func WarmHandoff[T any](i int, f func(ctx context.Context) (T, error)) Action {
	return Action{i: i, kind: kindHandoff, do: func(ctx context.Context, s *State, e *entry) (produced, error) {
		v, err := f(ctx)
		if err != nil {
			closeValue(v)
			return produced{}, err
		}
		life := time.Duration(e.ttl.Load())
		if life <= 0 {
			life = DefaultHandoffTTL
		}
		return produced{val: v, once: true, life: life}, nil
	}}
}

// PanicError is a panic recovered from a freshen action or function.
type PanicError struct {
	Value any
	Stack []byte
}

func (p *PanicError) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// Unwrap returns the panic value when it is an error.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

func stack() []byte { return debug.Stack() }

// Run executes actions concurrently, at most the State's parallelism at a
// time, and returns their errors joined. It returns when all actions have
// finished or when ctx or the State's budget (default DefaultBudget) ends;
// actions still running then get a cancelled context, and whatever they
// produce later is dropped.
//
// Contexts: each action gets a context that carries ctx's values and is
// cancelled if ctx (or the budget) ends while the action runs. Once the
// action has returned, its context is no longer tied to ctx: it lives for
// as long as its entry holds the result, and is cancelled when an unused
// result is dropped (expired, replaced, or not taken within its hold
// time). A result handed to a caller keeps its context alive for good, so
// a prefetched *sql.Rows or *sql.Row stays readable until the caller closes
// it.
//
// A panic in an action becomes a *PanicError. Errors are reported, never
// cached: a failed action leaves its entry idle, and callers run inline.
func (s *State) Run(ctx context.Context, actions ...Action) error {
	start := time.Now()
	s.runs.Add(1)
	ctx, cancel := context.WithTimeout(ctx, time.Duration(s.budget.Load()))
	defer cancel()
	col, _ := ctx.Value(reportKey{}).(*collector)

	par := int(s.parallel.Load())
	if par <= 0 {
		par = 4 * runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, par)
	type result struct {
		k   int
		err error
	}
	results := make(chan result, len(actions)) // buffered: stragglers never block
	errs := make([]error, len(actions))
	pending := make([]bool, len(actions))
	n := 0
	for k, a := range actions {
		if a.do == nil {
			errs[k] = fmt.Errorf("fr: %s: action %d: zero Action", s.name, k)
			continue
		}
		if a.i < 0 || a.i >= len(s.entries) {
			errs[k] = fmt.Errorf("fr: %s: action %d: entry %d out of range [0,%d)", s.name, k, a.i, len(s.entries))
			continue
		}
		pending[k] = true
		n++
		go func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results <- result{k, fmt.Errorf("fr: %s entry %d: not started: %w", s.name, a.i, context.Cause(ctx))}
				return
			}
			rep, err := s.runAction(ctx, a)
			<-sem
			if col != nil && rep.Kind != "" {
				col.add(rep)
			}
			results <- result{k, err}
		}()
	}
wait:
	for n > 0 {
		select {
		case r := <-results:
			pending[r.k] = false
			errs[r.k] = r.err
			n--
		case <-ctx.Done():
			// Collect what already finished, then report the rest as late.
			for {
				select {
				case r := <-results:
					pending[r.k] = false
					errs[r.k] = r.err
					continue
				default:
				}
				break
			}
			for k, p := range pending {
				if p {
					errs[k] = fmt.Errorf("fr: %s entry %d: %w", s.name, actions[k].i, context.Cause(ctx))
				}
			}
			break wait
		}
	}
	err := errors.Join(errs...)
	if err != nil {
		s.runErrs.Add(1)
	}
	s.runWall.Add(int64(time.Since(start)))
	return err
}

// runAction executes one action on its entry and publishes the result.
func (s *State) runAction(ctx context.Context, a Action) (rep EntryReport, err error) {
	e := &s.entries[a.i]
	e.kind.CompareAndSwap(uint32(kindUnknown), uint32(a.kind))
	e.mu.Lock()
	if e.run != nil {
		// Another freshen of this entry is in flight; its result serves.
		e.mu.Unlock()
		return EntryReport{Index: a.i, Kind: a.kind.String(), State: Running}, nil
	}
	f := &flight{done: make(chan struct{})}
	e.run = f
	e.mu.Unlock()

	e.m.runs.Add(1)
	start := time.Now()
	actx, release := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, release)
	var p produced
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = &PanicError{Value: r, Stack: stack()}
			}
		}()
		p, err = a.do(actx, s, e)
	}()
	if !stop() && err == nil {
		// ctx ended while the action ran; its result may hang on a
		// cancelled context, and Run has already reported it as late.
		closeValue(p.val)
		err = context.Cause(ctx)
	}

	var sl *slot
	if err == nil {
		val := p.val
		sl = &slot{
			val:     val,
			clone:   p.clone,
			exp:     s.now() + int64(p.life),
			once:    p.once,
			bytes:   p.bytes,
			release: func() { closeValue(val); release() },
		}
		e.m.bytes.Add(uint64(p.bytes))
	} else {
		release()
		e.m.runErrs.Add(1)
		err = fmt.Errorf("fr: %s entry %d: %w", s.name, a.i, err)
	}
	// Publish under mu, so the set of waiters is final: no caller can
	// join the flight once run is cleared.
	var old *slot
	e.mu.Lock()
	if sl != nil && p.share && (!p.once || f.waiters > 1) {
		// Waiters beyond the one that takes a hand-out-once slot get
		// copies of a value nobody owns; the copy is made before the
		// slot is visible, since its taker may change the value.
		f.val, f.clone, f.ok = p.val, p.clone, true
		if p.once && p.clone != nil {
			f.val = p.clone(p.val)
		}
	}
	if sl != nil {
		e.expireAfter(sl, p.life)
		old = e.cur.Swap(sl)
	}
	e.run = nil
	e.mu.Unlock()
	if old != nil {
		e.retire(old) // may close a connection: outside the lock
	}
	close(f.done)

	d := time.Since(start)
	e.m.wall.Add(int64(d))
	st := Idle
	if sl != nil {
		st = Finished
	}
	return EntryReport{Index: a.i, Kind: a.kind.String(), State: st, Duration: d, Bytes: p.bytes, Err: err}, err
}
