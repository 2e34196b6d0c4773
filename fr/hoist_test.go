package fr

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// client is a value a hoisted constructor builds: it records its build
// context and whether it was closed.
type client struct {
	id     int
	ctx    context.Context
	closed atomic.Bool
}

func (c *client) Close() error {
	c.closed.Store(true)
	return nil
}

// builder counts builds and can hold them at a gate.
type builder struct {
	n       atomic.Int64
	started chan struct{} // one send per build, as it starts
	gate    chan struct{} // when non-nil, builds wait for it
	fail    atomic.Int64  // fail this many builds first
	panics  atomic.Int64  // panic in this many builds first
}

func newBuilder() *builder { return &builder{started: make(chan struct{}, 64)} }

func (b *builder) build(ctx context.Context) (*client, error) {
	id := int(b.n.Add(1))
	b.started <- struct{}{}
	if b.gate != nil {
		select {
		case <-b.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if b.panics.Add(-1) >= 0 {
		panic("constructor panicked")
	}
	if b.fail.Add(-1) >= 0 {
		return nil, errors.New("no credentials")
	}
	return &client{id: id, ctx: ctx}, nil
}

func TestFrHoistBuildsOnce(t *testing.T) {
	s := NewState("test.HoistOnce", 1)
	b := newBuilder()
	first, err := FrHoist(context.Background(), s, 0, b.build)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		c, err := FrHoist(context.Background(), s, 0, b.build)
		if err != nil || c != first {
			t.Fatalf("call got %p, %v; want the kept %p", c, err, first)
		}
	}
	if n := b.n.Load(); n != 1 {
		t.Errorf("built %d times, want 1", n)
	}
	st := s.Stats().Entries[0]
	if st.Kind != "hoist" || st.State != "finished" || st.Hoisted != 1 || st.Inline != 1 || st.Hits != 3 {
		t.Errorf("stats %+v", st)
	}
}

// Concurrent first invocations share one build.
func TestFrHoistConcurrentFirstCalls(t *testing.T) {
	s := NewState("test.HoistConcurrent", 1)
	b := newBuilder()
	b.gate = make(chan struct{})
	const n = 16
	got := make([]*client, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			c, err := FrHoist(context.Background(), s, 0, b.build)
			if err != nil {
				t.Error(err)
			}
			got[k] = c
		})
	}
	<-b.started
	// Let the others reach the flight before the build ends.
	for s.Stats().Entries[0].Waits < n-1 {
		time.Sleep(time.Millisecond)
	}
	close(b.gate)
	wg.Wait()
	for _, c := range got {
		if c != got[0] {
			t.Fatalf("callers got different values: %p and %p", c, got[0])
		}
	}
	if k := b.n.Load(); k != 1 {
		t.Errorf("built %d times, want 1", k)
	}
}

func TestFrHoistErrorsAreNotKept(t *testing.T) {
	s := NewState("test.HoistErr", 1)
	b := newBuilder()
	b.fail.Store(1)
	if _, err := FrHoist(context.Background(), s, 0, b.build); err == nil || err.Error() != "no credentials" {
		t.Fatalf("first call: %v, want the build's error", err)
	}
	if st := s.EntryState(0); st != Idle {
		t.Fatalf("entry %v after a failed build", st)
	}
	c, err := FrHoist(context.Background(), s, 0, b.build)
	if err != nil || c == nil {
		t.Fatalf("second call: %v", err)
	}
	if n := b.n.Load(); n != 2 {
		t.Errorf("built %d times, want 2 (the error is never served)", n)
	}
}

// A panicking build panics in its caller, releases the callers waiting
// for it, and keeps nothing.
func TestFrHoistPanic(t *testing.T) {
	s := NewState("test.HoistPanic", 1)
	b := newBuilder()
	b.gate = make(chan struct{})
	b.panics.Store(1)
	panicked := make(chan any, 1)
	go func() {
		defer func() { panicked <- recover() }()
		FrHoist(context.Background(), s, 0, b.build)
	}()
	<-b.started
	waiter := make(chan *client, 1)
	go func() {
		c, err := FrHoist(context.Background(), s, 0, b.build)
		if err != nil {
			t.Error(err)
		}
		waiter <- c
	}()
	for s.Stats().Entries[0].Waits < 1 {
		time.Sleep(time.Millisecond)
	}
	close(b.gate)
	if v := <-panicked; v != "constructor panicked" {
		t.Fatalf("owner recovered %v, want the build's panic", v)
	}
	c := <-waiter
	if c == nil {
		t.Fatal("waiter got no value")
	}
	if again, _ := FrHoist(context.Background(), s, 0, b.build); again != c {
		t.Errorf("the waiter's build was not kept")
	}
	if n := b.n.Load(); n != 2 {
		t.Errorf("built %d times, want 2", n)
	}
}

// The kept value's build context does not end with the invocation that
// built it; a build that saw its caller's context end is not kept.
func TestFrHoistBuildContext(t *testing.T) {
	type key struct{}
	s := NewState("test.HoistCtx", 1)
	b := newBuilder()
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "v"))
	c, err := FrHoist(ctx, s, 0, b.build)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := c.ctx.Err(); err != nil {
		t.Errorf("the kept value's context ended with its invocation: %v", err)
	}
	if c.ctx.Value(key{}) != "v" {
		t.Error("build context lost the caller's values")
	}

	// Cancelled while building: returned to the caller, kept for nobody.
	s2 := NewState("test.HoistCtxCancel", 1)
	ctx2, cancel2 := context.WithCancel(context.Background())
	slow := func(ctx context.Context) (*client, error) {
		cancel2()
		<-ctx.Done()
		return &client{ctx: ctx}, nil // a constructor that ignores ctx's error
	}
	v, err := FrHoist(ctx2, s2, 0, slow)
	if err != nil || v == nil {
		t.Fatalf("got %v, %v", v, err)
	}
	if st := s2.EntryState(0); st != Idle {
		t.Errorf("a value whose build context ended is kept (entry %v)", st)
	}
}

// A caller waits for a build in flight only while its context allows.
func TestFrHoistWaitBoundedByContext(t *testing.T) {
	s := NewState("test.HoistWait", 1)
	b := newBuilder()
	b.gate = make(chan struct{})
	defer close(b.gate)
	go FrHoist(context.Background(), s, 0, b.build)
	<-b.started
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := FrHoist(ctx, s, 0, b.build)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want the caller's deadline", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("waited %v past a 20ms deadline", d)
	}
}

// When the build in flight takes longer than the max wait, a caller builds
// for itself; the first value kept wins and a later one is closed.
func TestFrHoistFirstSuccessWins(t *testing.T) {
	s := NewState("test.HoistRace", 1)
	s.SetMaxWait(0, 10*time.Millisecond)
	gate := make(chan struct{})
	var built []*client
	var mu sync.Mutex
	slow := func(ctx context.Context) (*client, error) {
		<-gate
		c := &client{id: 1}
		mu.Lock()
		built = append(built, c)
		mu.Unlock()
		return c, nil
	}
	done := make(chan *client)
	go func() {
		c, _ := FrHoist(context.Background(), s, 0, slow)
		done <- c
	}()
	for s.EntryState(0) != Running {
		if kind(s.entries[0].kind.Load()) != kindHoist {
			time.Sleep(time.Millisecond)
			continue
		}
		time.Sleep(time.Millisecond)
	}
	fast, err := FrHoist(context.Background(), s, 0, func(context.Context) (*client, error) { return &client{id: 2}, nil })
	if err != nil || fast.id != 2 {
		t.Fatalf("fast caller got %+v, %v", fast, err)
	}
	close(gate)
	owner := <-done
	if owner != fast {
		t.Errorf("slow owner got %+v, want the value kept first", owner)
	}
	if !built[0].closed.Load() {
		t.Error("the value built too late was not closed")
	}
	if fast.closed.Load() {
		t.Error("the kept value was closed")
	}
}

func TestFrHoist1(t *testing.T) {
	s := NewState("test.Hoist1", 1)
	var n atomic.Int64
	mk := func(context.Context) *client { return &client{id: int(n.Add(1))} }
	a := FrHoist1(context.Background(), s, 0, mk)
	b := FrHoist1(context.Background(), s, 0, mk)
	if a != b || n.Load() != 1 {
		t.Errorf("FrHoist1 built %d values (%p, %p)", n.Load(), a, b)
	}
}

// The hook builds the value when it runs first; the invocation reuses it.
func TestHoistFromFreshen(t *testing.T) {
	s := NewState("test.HoistHook", 1)
	b := newBuilder()
	if err := s.Run(context.Background(), Hoist(0, b.build)); err != nil {
		t.Fatal(err)
	}
	if st := s.EntryState(0); st != Finished {
		t.Fatalf("entry %v after the hook", st)
	}
	c, err := FrHoist(context.Background(), s, 0, b.build)
	if err != nil || c == nil || b.n.Load() != 1 {
		t.Fatalf("invocation after the hook: %v, %v, %d builds", c, err, b.n.Load())
	}
	if c.ctx.Err() != nil {
		t.Error("a value the hook built keeps a context that ended with the hook")
	}
	// A second freshen finds it built.
	if err := s.Run(context.Background(), Hoist(0, b.build)); err != nil || b.n.Load() != 1 {
		t.Fatalf("second hook: %v, %d builds", err, b.n.Load())
	}
	st := s.Stats().Entries[0]
	if st.Runs != 2 || st.Hits != 1 || st.Inline != 0 || st.Hoisted != 1 {
		t.Errorf("stats %+v", st)
	}
}

// The hook waits for an invocation's build in flight instead of building
// a second value, and the other way round.
func TestHoistRacesInvocation(t *testing.T) {
	s := NewState("test.HoistRace2", 1)
	b := newBuilder()
	b.gate = make(chan struct{})
	got := make(chan *client)
	go func() {
		c, _ := FrHoist(context.Background(), s, 0, b.build)
		got <- c
	}()
	<-b.started
	ran := make(chan error)
	go func() { ran <- s.Run(context.Background(), Hoist(0, b.build)) }()
	time.Sleep(10 * time.Millisecond)
	close(b.gate)
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
	<-got
	if n := b.n.Load(); n != 1 {
		t.Errorf("built %d times, want 1", n)
	}

	s2 := NewState("test.HoistRace3", 1)
	b2 := newBuilder()
	b2.gate = make(chan struct{})
	go func() { ran <- s2.Run(context.Background(), Hoist(0, b2.build)) }()
	<-b2.started
	go func() {
		c, _ := FrHoist(context.Background(), s2, 0, b2.build)
		got <- c
	}()
	for s2.Stats().Entries[0].Waits < 1 {
		time.Sleep(time.Millisecond)
	}
	close(b2.gate)
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
	if c := <-got; c == nil || b2.n.Load() != 1 {
		t.Errorf("invocation got %v after %d builds, want the hook's", c, b2.n.Load())
	}
}

// A freshen action whose operand is a hoisted value (a warm-up through the
// hoisted client) gets it from the same run, in any order of execution,
// and opens the connection the invocation then reuses.
func TestHoistedWarmsTheSharedPool(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)

	for _, par := range []int{1, 8} {
		t.Run(fmt.Sprint("parallelism", par), func(t *testing.T) {
			conns.Store(0)
			s := NewState("test.HoistedWarm"+fmt.Sprint(par), 2)
			s.SetParallelism(par)
			newClient := func(context.Context) (*http.Client, error) {
				time.Sleep(5 * time.Millisecond) // the dependent action starts first
				return &http.Client{Transport: &http.Transport{}}, nil
			}
			err := s.Run(context.Background(),
				Hoist(0, newClient),
				Warm(1, func(ctx context.Context) error {
					return WarmHTTP(ctx, Hoisted[*http.Client](ctx, s, 0), srv.URL+"/")
				}),
			)
			if err != nil {
				t.Fatal(err)
			}
			c, err := FrHoist(context.Background(), s, 0, newClient)
			if err != nil {
				t.Fatal(err)
			}
			defer c.CloseIdleConnections()
			resp, err := FrWarm(context.Background(), s, 1, func() (*http.Response, error) { return c.Get(srv.URL + "/x") })
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if n := conns.Load(); n != 1 {
				t.Errorf("%d connections; the invocation should reuse the one freshen opened", n)
			}
		})
	}
}

// Hoisted reports a failed build as the action's error, not as a panic.
func TestHoistedWithoutValue(t *testing.T) {
	s := NewState("test.HoistedFail", 2)
	b := newBuilder()
	b.fail.Store(1)
	err := s.Run(context.Background(),
		Hoist(0, b.build),
		Fetch(1, func(ctx context.Context) (int, error) {
			return Hoisted[*client](ctx, s, 0).id, nil
		}),
	)
	if !errors.Is(err, ErrNotHoisted) {
		t.Fatalf("err %v, want ErrNotHoisted", err)
	}
	var pe *PanicError
	if errors.As(err, &pe) {
		t.Errorf("reported as a panic: %v", err)
	}
	if s.EntryState(0) != Idle || s.EntryState(1) != Idle {
		t.Errorf("entries %v %v after the failure", s.EntryState(0), s.EntryState(1))
	}
	// Outside a run with nothing built, it panics with the same error.
	func() {
		defer func() {
			if hp, ok := recover().(hoistPanic); !ok || !errors.Is(hp.err, ErrNotHoisted) {
				t.Errorf("recovered %v", hp)
			}
		}()
		Hoisted[*client](context.Background(), s, 0)
	}()
}

// A run that gives up before its Hoist action starts releases those
// waiting for the build it reserved; an invocation does not wait for a
// reserved build at all, it makes it.
func TestHoistReservation(t *testing.T) {
	s := NewState("test.HoistRelease", 2)
	s.SetParallelism(1)
	block := make(chan struct{})
	defer close(block)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	ran := make(chan error, 2)
	b := newBuilder()
	go func() {
		ran <- s.Run(ctx,
			Warm(0, func(context.Context) error { close(started); <-block; return nil }),
			Hoist(1, b.build),
		)
	}()
	<-started // the Hoist action is queued behind it, its build reserved
	if s.entries[1].hoistFlightNow() == nil {
		t.Fatal("no reserved build")
	}
	waited := make(chan any)
	go func() {
		defer func() { waited <- recover() }()
		Hoisted[*client](context.Background(), s, 1)
	}()
	time.Sleep(5 * time.Millisecond)
	cancel()
	if err := <-ran; !errors.Is(err, context.Canceled) {
		t.Errorf("run: %v", err)
	}
	select {
	case v := <-waited:
		if hp, ok := v.(hoistPanic); !ok || !errors.Is(hp.err, ErrNotHoisted) || !errors.Is(hp.err, context.Canceled) {
			t.Errorf("Hoisted ended with %v", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Hoisted still waits for a build nobody will make")
	}
	if s.entries[1].hoistFlightNow() != nil {
		t.Error("the reservation outlived its run")
	}

	// A reserved build an invocation finds is its own to make.
	s2 := NewState("test.HoistClaim", 2)
	s2.SetParallelism(1)
	started2 := make(chan struct{})
	go func() {
		ran <- s2.Run(context.Background(),
			Warm(0, func(context.Context) error { close(started2); <-block; return nil }),
			Hoist(1, b.build),
		)
	}()
	<-started2
	c, err := FrHoist(context.Background(), s2, 1, b.build)
	if err != nil || c == nil {
		t.Fatalf("invocation: %v", err)
	}
	if st := s2.Stats().Entries[1]; st.Waits != 0 || st.Inline != 1 {
		t.Errorf("the invocation waited for a build that had not started: %+v", st)
	}
}

// Hoist1 keeps single-result values, and the action's build panicking is a
// reported error that leaves the entry buildable.
func TestHoist1AndPanic(t *testing.T) {
	s := NewState("test.Hoist1Panic", 2)
	err := s.Run(context.Background(),
		Hoist1(0, func(context.Context) *client { return &client{id: 7} }),
		Hoist1(1, func(context.Context) *client { panic("boom") }),
	)
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("err %v, want a PanicError", err)
	}
	if c := FrHoist1(context.Background(), s, 0, func(context.Context) *client { return nil }); c == nil || c.id != 7 {
		t.Errorf("entry 0 value %+v", c)
	}
	if c := FrHoist1(context.Background(), s, 1, func(context.Context) *client { return &client{id: 8} }); c == nil || c.id != 8 {
		t.Errorf("entry 1 after the panic: %+v", c)
	}
}

// Values need not be comparable (aws.Config holds slices and funcs).
func TestFrHoistUncomparable(t *testing.T) {
	type config struct {
		Region  string
		Options []func()
	}
	s := NewState("test.HoistUncomparable", 1)
	err := s.Run(context.Background(), Hoist(0, func(context.Context) (config, error) {
		return config{Region: "eu-west-1", Options: []func(){func() {}}}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := FrHoist(context.Background(), s, 0, func(context.Context) (config, error) { return config{}, nil })
	if err != nil || c.Region != "eu-west-1" || len(c.Options) != 1 {
		t.Fatalf("got %+v, %v", c, err)
	}
	// Owner losing to a value kept meanwhile.
	s2 := NewState("test.HoistUncomparable2", 1)
	s2.SetMaxWait(0, time.Millisecond)
	gate := make(chan struct{})
	done := make(chan config)
	go func() {
		v, _ := FrHoist(context.Background(), s2, 0, func(context.Context) (config, error) {
			<-gate
			return config{Region: "late"}, nil
		})
		done <- v
	}()
	for s2.EntryState(0) != Running {
		time.Sleep(time.Millisecond)
	}
	if v, _ := FrHoist(context.Background(), s2, 0, func(context.Context) (config, error) { return config{Region: "first"}, nil }); v.Region != "first" {
		t.Fatalf("fast caller got %+v", v)
	}
	close(gate)
	if v := <-done; v.Region != "first" {
		t.Errorf("owner got %+v, want the value kept first", v)
	}
}

// The hit path of a hoisted value: what every invocation after the first
// pays instead of building a client.
func BenchmarkFrHoistHit(b *testing.B) {
	s := NewState("bench.Hoist", 2)
	ctx := context.Background()
	build := func(context.Context) (*client, error) { return &client{}, nil }
	build1 := func(context.Context) *client { return &client{} }
	FrHoist(ctx, s, 0, build)
	FrHoist1(ctx, s, 1, build1)
	b.Run("FrHoist", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := FrHoist(ctx, s, 0, build); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FrHoist1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			FrHoist1(ctx, s, 1, build1)
		}
	})
}

// An invocation that builds its HTTP client (and so its connection pool)
// each time, against one served from a hoisted value: the request over
// loopback with a new connection each time, or over the pooled one.
func BenchmarkHoistedClient(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()
	newClient := func(context.Context) (*http.Client, error) {
		return &http.Client{Transport: &http.Transport{}}, nil
	}
	invoke := func(b *testing.B, c *http.Client) {
		resp, err := c.Get(srv.URL)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	b.Run("per-invocation", func(b *testing.B) {
		for b.Loop() {
			c, _ := newClient(context.Background())
			invoke(b, c)
			c.CloseIdleConnections() // what dropping the client amounts to
		}
	})
	b.Run("hoisted", func(b *testing.B) {
		s := NewState("bench.HoistedClient", 1)
		for b.Loop() {
			c, err := FrHoist(context.Background(), s, 0, newClient)
			if err != nil {
				b.Fatal(err)
			}
			invoke(b, c)
		}
	})
}
