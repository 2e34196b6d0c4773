package fr

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Action is one freshen step for one entry, built by Fetch, Fetch1, Warm,
// WarmHandoff, Hoist or Hoist1 and executed by State.Run.
type Action struct {
	i    int
	kind kind
	do   func(ctx context.Context, s *State, e *entry) (produced, error)
}

// produced is what a successful action leaves in its entry.
type produced struct {
	val   any
	cp    *copier // makes per-caller copies; nil with share: return as is
	share bool    // val may be given to more than one caller (through cp)
	once  bool
	life  time.Duration // TTL, hold or hand-off lifetime
	bytes int64
	// noClose: values of this type never hold anything to close, so an
	// unused one needs no closeValue.
	noClose bool
	// none: the action keeps its outcome elsewhere (a hoist entry's
	// runtime-scoped value); nothing is published as a result.
	none bool
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
	p := produced{val: fv, cp: c.copies(), share: share, bytes: n, noClose: !c.closable}
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
		return produced{val: warmed{}, once: true, life: holdOf(e), noClose: true}, nil
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
//
// Actions run on goroutines of the State's own, which later runs reuse
// (at most the parallelism of the runs in progress); one left without
// work exits within two seconds.
func (s *State) Run(ctx context.Context, actions ...Action) error {
	start := realNow()
	s.runs.Add(1)
	r := newRun(s, actions)
	r.col, _ = ctx.Value(reportKey{}).(*collector)
	n := 0
	for k, a := range actions {
		t := &r.tasks[k]
		switch {
		case a.do == nil:
			t.err = fmt.Errorf("fr: %s: action %d: zero Action", s.name, k)
		case a.i < 0 || a.i >= len(s.entries):
			t.err = fmt.Errorf("fr: %s: action %d: entry %d out of range [0,%d)", s.name, k, a.i, len(s.entries))
		case a.kind == kindHoist && s.entries[a.i].hoist.val.Load() != nil:
			// The value is kept for the runtime already: nothing to
			// build, no worker to claim. It still counts as a run.
			s.entries[a.i].kind.CompareAndSwap(uint32(kindUnknown), uint32(a.kind))
			s.entries[a.i].m.runs.Add(1)
			if r.col != nil {
				r.col.add(EntryReport{Index: a.i, Kind: a.kind.String(), State: Finished})
			}
		case s.entries[a.i].running():
			// Another freshen of this entry is in flight and its result
			// serves: done without a worker. (A worker checks again.)
			s.entries[a.i].kind.CompareAndSwap(uint32(kindUnknown), uint32(a.kind))
			if r.col != nil {
				r.col.add(EntryReport{Index: a.i, Kind: a.kind.String(), State: Running})
			}
		default:
			if a.kind == kindHoist {
				// Actions of this run that need the value wait for
				// its build even before the Hoist action starts.
				s.entries[a.i].hoistReserve(r)
			}
			n++
			continue
		}
		t.state.Store(taskSettled)
	}
	if n > 0 {
		r.wait(ctx, n, start)
	}
	var err error
	for k := range r.tasks {
		if r.tasks[k].err != nil {
			err = r.join()
			s.runErrs.Add(1)
			break
		}
	}
	// The last action's end is the run's, unless the run was cut short.
	end := r.lastEnd.Load()
	if end == 0 || r.cut.Load() {
		end = realNow()
	}
	s.runWall.Add(end - start)
	return err
}

// run is one State.Run: its actions and their tasks, shared with the
// workers that execute them.
type run struct {
	s        *State
	actions  []Action
	tasks    []task
	vctx     context.Context // Run's values without its cancellation: what action contexts answer Value with
	col      *collector
	next     atomic.Int32 // index of the next action a worker claims
	left     atomic.Int32 // actions not settled yet
	done     chan struct{}
	deadline int64        // realNow reading at which the budget ends
	lastEnd  atomic.Int64 // realNow reading when an action last ended
	cut      atomic.Bool  // Run gave up on some action

	// Room for the tasks of small runs, so that a run is one allocation.
	tasksBuf [runInline]task
}

// runInline is how many actions a run holds without extra allocations;
// most handlers have a few freshen entries.
const runInline = 4

func newRun(s *State, actions []Action) *run {
	r := &run{s: s, actions: actions}
	if n := len(actions); n <= runInline {
		r.tasks = r.tasksBuf[:n]
	} else {
		r.tasks = make([]task, n)
	}
	return r
}

// Task states. A worker moves a task from queued to running and from
// running to finishing; Run, giving up at its deadline, moves queued and
// running tasks to settled itself. Whoever settles a task writes its err.
const (
	taskQueued uint32 = iota
	taskRunning
	taskFinishing // the action returned in time; its worker settles it
	taskSettled
)

// task is the progress of one action of a run.
type task struct {
	state atomic.Uint32
	ctx   *actionCtx // the action's context; set before running
	err   error
}

// wait has n actions executed by the State's workers and returns when all
// are settled, or when ctx or the budget ends; the latter settles the
// actions still queued or running with an error and cancels their
// contexts.
func (r *run) wait(ctx context.Context, n int, start int64) {
	s := r.s
	r.vctx = ctx
	if ctx.Done() != nil {
		r.vctx = context.WithoutCancel(ctx)
	}
	r.done = make(chan struct{})
	r.left.Store(int32(n))
	r.deadline = start + s.budget.Load()
	par := int(s.parallel.Load())
	if par <= 0 {
		par = 4 * runtime.GOMAXPROCS(0)
	}
	s.pool.begin(s, r, par, min(par, n), start)
	defer s.pool.end(r, par)
	// The budget is the pool's watchdog's to enforce (see pool.watchdog).
	if done := ctx.Done(); done != nil {
		select {
		case <-r.done:
			return
		case <-done:
			r.giveUp(context.Cause(ctx))
		}
	}
	<-r.done
}

// giveUp settles the tasks still queued or running with an error naming
// cause, and cancels the contexts of the running ones. Run calls it when
// its context ends, the pool's watchdog when its budget does; both may.
func (r *run) giveUp(cause error) {
	s := r.s
	r.cut.Store(true)
	settled, detached := 0, 0
	for k := range r.tasks {
		t := &r.tasks[k]
		i := r.actions[k].i
		switch {
		case t.state.CompareAndSwap(taskQueued, taskSettled):
			t.err = fmt.Errorf("fr: %s entry %d: not started: %w", s.name, i, cause)
			if r.actions[k].kind == kindHoist {
				s.entries[i].hoistRelease(r, t.err)
			}
		case t.state.CompareAndSwap(taskRunning, taskSettled):
			t.ctx.cancel()
			t.err = fmt.Errorf("fr: %s entry %d: %w", s.name, i, cause)
			detached++
		default:
			continue // settled, or finishing (its worker settles it at once)
		}
		settled++
	}
	// The workers of the actions still running no longer count against
	// the pool's limit: an action that ignores its context must not hold
	// up later runs. Before settling, so that a run started as soon as
	// this one returns finds the room.
	s.pool.detach(s, detached)
	if settled > 0 && r.left.Add(-int32(settled)) == 0 {
		close(r.done)
	}
}

// claim returns the index of an action of r that is still queued, for the
// calling worker to execute, or -1 when none is left.
func (r *run) claim() int {
	for {
		k := int(r.next.Add(1)) - 1
		if k >= len(r.actions) {
			return -1
		}
		if r.tasks[k].state.Load() == taskQueued {
			return k
		}
	}
}

// settle counts one task as settled, and ends the wait with the last.
func (r *run) settle() {
	if r.left.Add(-1) == 0 {
		close(r.done)
	}
}

// finish records the outcome of a task its worker moved to finishing,
// and settles it.
func (r *run) finish(t *task, rep EntryReport) {
	if r.col != nil {
		r.col.add(rep)
	}
	t.err = rep.Err
	t.state.Store(taskSettled)
	r.settle()
}

func (r *run) join() error {
	errs := make([]error, len(r.tasks))
	for k := range r.tasks {
		errs[k] = r.tasks[k].err
	}
	return errors.Join(errs...)
}

// pool is a State's workers: goroutines that execute the actions of runs.
// Runs reuse them, so an action costs no goroutine start. Their number is
// bounded by the parallelism of the runs in progress (plus workers stuck
// in actions that outlived their run); a run that finds them all busy
// queues for the next one free. A worker that stays idle for between one
// and two reaper periods ends, so none lingers, and parking costs no timer
// operation.
type pool struct {
	mu    sync.Mutex
	idle  []*worker // most recently idle last: reused first, so the others age out
	queue []*run    // dispatches waiting for a worker
	live  int       // workers, idle or busy, not counting detached ones
	limit int       // the summed parallelism of the runs in progress

	runs    []*run      // runs in progress, whose budgets the watchdog enforces
	watch   *time.Timer // the watchdog: fires at the earliest budget end
	watchAt int64       // realNow reading watch is set for; 0: not pending

	gen   uint64 // reaper ticks so far
	reap  *time.Timer
	armed bool          // reap is pending
	every time.Duration // the reaper's period; 0 means workerIdle (tests shorten it)
}

type worker struct {
	wake chan *run // capacity 1: whoever takes the worker off idle sends without blocking
	gen  uint64    // pool.gen when the worker went idle
}

// workerIdle is the reaper's period: long enough to serve a burst of
// runs, short enough not to linger.
const workerIdle = time.Second

// begin raises the pool's limit by r's parallelism and has k workers
// execute r: idle ones, new ones while under the limit, else the next
// ones to become free. It also puts r under the watchdog; now is a recent
// realNow reading.
func (p *pool) begin(s *State, r *run, par, k int, now int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.limit += par
	for range k {
		if n := len(p.idle); n > 0 {
			w := p.idle[n-1]
			p.idle[n-1] = nil
			p.idle = p.idle[:n-1]
			w.wake <- r
		} else if p.live < p.limit {
			p.live++
			go s.worker(&worker{wake: make(chan *run, 1)}, r)
		} else {
			p.queue = append(p.queue, r)
		}
	}
	p.runs = append(p.runs, r)
	// One timer for the budgets of all runs, moved only when it would
	// fire too late: a run usually costs no timer operation.
	switch d := time.Duration(r.deadline - now); {
	case p.watch == nil:
		p.watch = time.AfterFunc(d, p.watchdog)
	case p.watchAt != 0 && p.watchAt <= r.deadline:
		return
	default:
		p.watch.Reset(d)
	}
	p.watchAt = r.deadline
}

// end lowers the limit again, drops r's dispatches still queued and takes
// r from the watchdog.
func (p *pool) end(r *run, par int) {
	p.mu.Lock()
	p.limit -= par
	if len(p.queue) > 0 {
		p.queue = slices.DeleteFunc(p.queue, func(q *run) bool { return q == r })
	}
	if i := slices.Index(p.runs, r); i >= 0 {
		last := len(p.runs) - 1
		p.runs[i] = p.runs[last]
		p.runs[last] = nil
		p.runs = p.runs[:last]
	}
	p.mu.Unlock()
}

// watchdog gives up on the runs whose budget ended and re-arms for the
// earliest budget still running.
func (p *pool) watchdog() {
	p.mu.Lock()
	p.watchAt = 0
	now := realNow()
	var expired []*run
	next := int64(0)
	for _, r := range p.runs {
		switch {
		case r.deadline <= now:
			expired = append(expired, r)
		case next == 0 || r.deadline < next:
			next = r.deadline
		}
	}
	if next != 0 {
		p.watch.Reset(time.Duration(next - now))
		p.watchAt = next
	}
	p.mu.Unlock()
	for _, r := range expired {
		r.giveUp(context.DeadlineExceeded)
	}
}

// detach stops counting n workers stuck in actions their run gave up on,
// and starts workers for queued dispatches in the room this makes.
func (p *pool) detach(s *State, n int) {
	if n == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.live -= n
	for len(p.queue) > 0 && p.live < p.limit {
		r := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		p.live++
		go s.worker(&worker{wake: make(chan *run, 1)}, r)
	}
}

// reattach is called by a detached worker whose action returned at last:
// it reports whether the worker may stay (the pool is under its limit).
func (p *pool) reattach() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live < p.limit {
		p.live++
		return true
	}
	return false
}

// free is called by a worker that has nothing left to claim: it returns
// a queued run for the worker to execute, or puts the worker on the idle
// list and returns nil.
func (p *pool) free(w *worker) *run {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.queue) > 0 {
		r := p.queue[0]
		p.queue[0] = nil
		p.queue = p.queue[1:]
		return r
	}
	w.gen = p.gen
	p.idle = append(p.idle, w)
	if !p.armed {
		p.armed = true
		if p.reap == nil {
			p.reap = time.AfterFunc(p.period(), p.reapIdle)
		} else {
			p.reap.Reset(p.period())
		}
	}
	return nil
}

// reapIdle ends the workers that were idle already at the previous tick,
// and ticks again while any worker is idle.
func (p *pool) reapIdle() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gen++
	n := 0 // the oldest are first
	for n < len(p.idle) && p.idle[n].gen+1 < p.gen {
		p.idle[n].wake <- nil
		n++
	}
	p.idle = slices.Delete(p.idle, 0, n)
	p.live -= n
	p.armed = len(p.idle) > 0
	if p.armed {
		p.reap.Reset(p.period())
	}
}

func (p *pool) period() time.Duration {
	if p.every > 0 {
		return p.every
	}
	return workerIdle
}

// worker executes runs until it is sent nil or leaves the pool.
func (s *State) worker(w *worker, r *run) {
	for r != nil {
		var stay bool
		r, stay = s.execute(w, r)
		if !stay {
			return
		}
		if r == nil {
			r = <-w.wake
		}
	}
}

// execute runs actions of r until none is left to claim, and returns what
// to do next: a queued run, or nil to wait on the idle list; stay is false
// when the worker must end. The worker becomes free before it settles its
// last action, which may end Run: a run that starts right after finds the
// worker idle.
func (s *State) execute(w *worker, r *run) (next *run, stay bool) {
	k := r.claim()
	if k < 0 {
		return s.pool.free(w), true
	}
	// One clock reading per action: an action's end is the next one's
	// start (what lies between is fr's own bookkeeping, freshen time too).
	now := realNow()
	for {
		t, rep, outcome, end := s.runAction(r, k, now)
		now = end
		r.lastEnd.Store(end)
		if outcome == actionLate && !s.pool.reattach() {
			return nil, false
		}
		k = r.claim()
		if k < 0 {
			next = s.pool.free(w)
		}
		if outcome == actionDone {
			r.finish(t, rep)
		}
		if k < 0 {
			return next, true
		}
	}
}

// Outcomes of runAction.
const (
	actionDone       = iota // the worker settles the task
	actionNotStarted        // Run gave up before the action started
	actionLate              // Run gave up while it ran, and detached the worker
)

// runAction executes action k of r on its entry and publishes the result.
// With actionDone the task is the worker's to settle with rep. start is a
// realNow reading taken just before; end one taken when the action
// returned.
func (s *State) runAction(r *run, k int, start int64) (t *task, rep EntryReport, outcome int, end int64) {
	end = start
	a := r.actions[k]
	t = &r.tasks[k]
	// The slot holds the action's context and its flight (what callers
	// wait on): one allocation for all three.
	sl := &slot{owned: true}
	sl.ctx.values = r.vctx
	t.ctx = &sl.ctx
	if !t.state.CompareAndSwap(taskQueued, taskRunning) {
		return t, rep, actionNotStarted, end
	}
	e := &s.entries[a.i]
	e.kind.CompareAndSwap(uint32(kindUnknown), uint32(a.kind))
	e.mu.Lock()
	if e.run != nil {
		// Another freshen of this entry is in flight; its result serves.
		e.mu.Unlock()
		sl.ctx.cancel()
		rep = EntryReport{Index: a.i, Kind: a.kind.String(), State: Running}
		if !t.state.CompareAndSwap(taskRunning, taskFinishing) {
			return t, rep, actionLate, end
		}
		return t, rep, actionDone, end
	}
	f := &sl.flight
	e.run = f
	e.mu.Unlock()

	e.m.runs.Add(1)
	var p produced
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				if hp, ok := v.(hoistPanic); ok {
					err = hp.err // Hoisted found no value: an error, not a crash
					return
				}
				err = &PanicError{Value: v, Stack: stack()}
			}
		}()
		p, err = a.do(&sl.ctx, s, e)
	}()
	end = realNow()
	late := !t.state.CompareAndSwap(taskRunning, taskFinishing)
	if late && err == nil {
		// Run's context or budget ended while the action ran; Run has
		// reported it and cancelled its context, on which the result
		// may hang.
		if !p.noClose {
			closeValue(p.val)
		}
		err = context.Canceled
	}
	if err == nil && p.none {
		sl.ctx.cancel()
		sl = nil
	} else if err == nil {
		sl.val, sl.cp, sl.once, sl.bytes, sl.noClose = p.val, p.cp, p.once, p.bytes, p.noClose
		sl.exp = s.nowFrom(end) + int64(p.life)
		e.m.bytes.Add(uint64(p.bytes))
	} else {
		sl.ctx.cancel()
		sl = nil
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
		f.val, f.cp, f.ok = p.val, p.cp, true
		if p.once && p.cp != nil {
			f.val = p.cp.clone(p.val)
		}
	}
	if sl != nil {
		old = e.cur.Swap(sl)
		e.armLocked(sl, p.life, end)
	}
	e.run = nil
	done := f.done
	e.mu.Unlock()
	if old != nil {
		e.retire(old) // may close a connection: outside the lock
	}
	if done != nil {
		close(done)
	}

	d := end - start
	e.m.wall.Add(d)
	st := Idle
	if sl != nil || (err == nil && p.none) {
		st = Finished
	}
	rep = EntryReport{Index: a.i, Kind: a.kind.String(), State: st, Duration: time.Duration(d), Bytes: p.bytes, Err: err}
	if late {
		if r.col != nil {
			r.col.add(rep)
		}
		return t, rep, actionLate, end
	}
	return t, rep, actionDone, end
}
