package fr

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// settleGoroutines waits for the goroutine count to come down to at most
// want, and reports the last count.
func settleGoroutines(want int) int {
	deadline := time.Now().Add(5 * time.Second)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// Runs reuse the State's workers: many runs in a row start no more
// goroutines than one run's parallelism, and idle workers end.
func TestRunReusesWorkersAndEndsThem(t *testing.T) {
	s := NewState("test.Workers", 8)
	s.SetParallelism(4)
	s.pool.every = 20 * time.Millisecond
	base := settleGoroutines(runtime.NumGoroutine())
	actions := make([]Action, 8)
	for i := range actions {
		actions[i] = Fetch(i, func(context.Context) (int, error) { return i, nil })
	}
	peak := 0
	for range 200 {
		if err := s.Run(context.Background(), actions...); err != nil {
			t.Fatal(err)
		}
		peak = max(peak, runtime.NumGoroutine()-base)
	}
	// 4 workers, plus a timer goroutine the runtime may have started.
	if peak > 5 {
		t.Fatalf("up to %d goroutines over %d runs of parallelism 4", peak, 200)
	}
	if n := settleGoroutines(base); n > base {
		t.Fatalf("idle workers did not end: %d goroutines, %d before", n, base)
	}
	// The pool still works after its workers ended.
	if err := s.Run(context.Background(), actions...); err != nil {
		t.Fatal(err)
	}
	if v, err := FrFetch(context.Background(), s, 7, func() (int, error) { return -1, nil }); v != 7 || err != nil {
		t.Fatalf("entry 7 = %d, %v", v, err)
	}
	s.stopIdleWorkers()
	if n := settleGoroutines(base); n > base {
		t.Fatalf("stopIdleWorkers left %d goroutines, %d before", n, base)
	}
}

// Concurrent runs of one State each get their own parallelism, and every
// action runs exactly once.
func TestConcurrentRunsShareWorkers(t *testing.T) {
	s := NewState("test.ConcurrentRuns", 16)
	s.SetParallelism(3)
	var ran [16]atomic.Int32
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for range 50 {
				actions := make([]Action, 4)
				for j := range actions {
					i := g*4 + j
					actions[j] = Warm(i, func(context.Context) error { ran[i].Add(1); return nil })
				}
				if err := s.Run(context.Background(), actions...); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for i := range ran {
		if n := ran[i].Load(); n != 50 {
			t.Errorf("entry %d ran %d times, want 50", i, n)
		}
	}
	s.stopIdleWorkers()
}

// A run cut short by its context reports queued actions as not started
// and running ones as late, and the workers move on.
func TestRunCancelledWhileQueued(t *testing.T) {
	s := NewState("test.Queued", 3)
	s.SetParallelism(1)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var second atomic.Bool
	errc := make(chan error, 1)
	go func() {
		errc <- s.Run(ctx,
			Warm(0, func(ctx context.Context) error { close(started); <-ctx.Done(); return ctx.Err() }),
			Warm(1, func(context.Context) error { second.Store(true); return nil }),
			Warm(2, func(context.Context) error { second.Store(true); return nil }),
		)
	}()
	<-started
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	for _, want := range []string{"entry 0: context canceled", "entry 1: not started", "entry 2: not started"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	time.Sleep(10 * time.Millisecond)
	if second.Load() {
		t.Error("an action started after Run gave up on it")
	}
	// The same State runs normally afterwards.
	if err := s.Run(context.Background(), Warm(1, func(context.Context) error { return nil })); err != nil {
		t.Fatal(err)
	}
}

// An action's context behaves like context.WithCancel over Run's values:
// values pass, derived contexts follow its cancellation without a
// goroutine each, Cause is its own.
func TestActionContext(t *testing.T) {
	type key struct{}
	parent, cancelParent := context.WithCancelCause(context.WithValue(context.Background(), key{}, "v"))
	defer cancelParent(nil)
	s := NewState("test.ActionCtx", 1)
	s.SetHold(0, 30*time.Millisecond)
	var actx context.Context
	if err := s.Run(parent, Fetch(0, func(ctx context.Context) (string, error) { actx = ctx; return "x", nil })); err != nil {
		t.Fatal(err)
	}
	if actx.Value(key{}) != "v" {
		t.Fatal("Run's values do not reach the action")
	}
	if _, ok := actx.Deadline(); ok {
		t.Fatal("an action context has a deadline")
	}
	// Run's context ending after Run returned does not reach the result.
	cancelParent(errors.New("caller gone"))
	if actx.Err() != nil || context.Cause(actx) != nil {
		t.Fatalf("detached context: Err %v, Cause %v", actx.Err(), context.Cause(actx))
	}
	before := runtime.NumGoroutine()
	derived := make([]context.Context, 50)
	for i := range derived {
		var cancel context.CancelFunc
		derived[i], cancel = context.WithTimeout(actx, time.Hour)
		defer cancel() // they must end with actx, long before this
	}
	stopped := make(chan struct{})
	stop := context.AfterFunc(actx, func() { close(stopped) })
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Fatalf("%d goroutines for 50 derived contexts", n-before)
	}
	// The unused result is dropped at the end of its hold: its context ends.
	select {
	case <-actx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("context not cancelled when the unused result was dropped")
	}
	if !errors.Is(actx.Err(), context.Canceled) || !errors.Is(context.Cause(actx), context.Canceled) {
		t.Fatalf("Err %v, Cause %v", actx.Err(), context.Cause(actx))
	}
	for i, d := range derived {
		select {
		case <-d.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("derived context %d not cancelled", i)
		}
	}
	<-stopped
	if stop() {
		t.Error("AfterFunc's stop reported stopping a function that ran")
	}
	// A registration stopped in time never runs; one made after the end
	// runs at once.
	c := &actionCtx{values: context.Background()}
	ran := make(chan struct{}, 2)
	stop = c.AfterFunc(func() { ran <- struct{}{} })
	if !stop() || stop() {
		t.Fatal("stop before cancel")
	}
	c.cancel()
	c.cancel()
	c.AfterFunc(func() { ran <- struct{}{} })
	<-ran
	select {
	case <-ran:
		t.Fatal("a stopped AfterFunc ran")
	case <-time.After(20 * time.Millisecond):
	}
	if c.Done() == nil || c.Err() == nil {
		t.Fatal("cancelled before Done was asked: no closed channel")
	}
	select {
	case <-c.Done():
	default:
		t.Fatal("Done of a cancelled context is open")
	}
}

// A worker stuck in an action that ignores its context does not hold up
// the State's later runs, and leaves once the action returns.
func TestStuckActionDoesNotBlockLaterRuns(t *testing.T) {
	s := NewState("test.Stuck", 2)
	s.SetParallelism(1)
	s.SetBudget(30 * time.Millisecond)
	s.pool.every = 20 * time.Millisecond
	base := settleGoroutines(runtime.NumGoroutine())
	release := make(chan struct{})
	err := s.Run(context.Background(), Warm(0, func(context.Context) error { <-release; return nil }))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("first run = %v", err)
	}
	s.SetBudget(5 * time.Second)
	start := time.Now()
	if err := s.Run(context.Background(), Warm(1, func(context.Context) error { return nil })); err != nil {
		t.Fatalf("second run = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("second run waited %v for the stuck worker", d)
	}
	close(release)
	if n := settleGoroutines(base); n > base {
		t.Fatalf("%d goroutines left, %d before", n, base)
	}
}

// A run whose entry is already being freshened leaves it to that freshen:
// it returns at once, reports the entry running and does not run its own
// action; the first freshen's result serves.
func TestRunLeavesEntryInFlightAlone(t *testing.T) {
	const name = "test.InFlight"
	s := NewState(name, 2)
	unregister(t, name)
	release := make(chan struct{})
	started := make(chan struct{})
	first := make(chan error, 1)
	go func() {
		first <- s.Run(context.Background(), Fetch(0, func(context.Context) (string, error) {
			close(started)
			<-release
			return "first", nil
		}))
	}()
	<-started
	var ran atomic.Bool
	Register(s, func(ctx context.Context) error {
		return s.Run(ctx,
			Fetch(0, func(context.Context) (string, error) { ran.Store(true); return "second", nil }),
			Fetch(1, func(context.Context) (string, error) { return "other", nil }),
		)
	})
	rep, err := FreshenReport(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Entries) != 2 || rep.Entries[0].State != Running || rep.Entries[1].State != Finished {
		t.Fatalf("report entries = %+v", rep.Entries)
	}
	if ran.Load() {
		t.Fatal("the second freshen ran its action for an entry in flight")
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if v, _ := FrFetch(context.Background(), s, 0, func() (string, error) { return "inline", nil }); v != "first" {
		t.Fatalf("served %q", v)
	}
}
