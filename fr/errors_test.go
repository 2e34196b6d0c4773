package fr

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var errBoom = errors.New("boom")

func TestFreshenFailuresAreNeverServed(t *testing.T) {
	tests := []struct {
		name    string
		action  func(o *origin) Action
		wantErr func(error) bool
	}{
		{"error", func(o *origin) Action {
			return Fetch(0, func(ctx context.Context) (*http.Response, error) { return nil, errBoom })
		}, func(err error) bool { return errors.Is(err, errBoom) }},
		{"panic", func(o *origin) Action {
			return Fetch(0, func(ctx context.Context) (*http.Response, error) { panic(errBoom) })
		}, func(err error) bool {
			var p *PanicError
			return errors.As(err, &p) && errors.Is(err, errBoom) && len(p.Stack) > 0
		}},
		{"server error status", func(o *origin) Action {
			return Fetch(0, func(ctx context.Context) (*http.Response, error) {
				return HTTPGet(ctx, o.Client(), o.URL+"/fail")
			})
		}, func(err error) bool { return err != nil && strings.Contains(err.Error(), "503") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrigin(t, "good")
			srv := o.Server.Config.Handler
			o.Server.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/fail" {
					w.WriteHeader(http.StatusServiceUnavailable)
					io.WriteString(w, "down")
					return
				}
				srv.ServeHTTP(w, r)
			})
			s := NewState("test.Failures", 1)
			err := s.Run(context.Background(), tt.action(o))
			if !tt.wantErr(err) {
				t.Fatalf("Run error = %v", err)
			}
			if got := s.EntryState(0); got != Idle {
				t.Fatalf("state after a failed freshen = %v, want idle", got)
			}
			resp, err := FrFetch(context.Background(), s, 0, o.get)
			if err != nil {
				t.Fatal(err)
			}
			if b := bodyString(t, resp); b != "good" {
				t.Fatalf("call got %q, want the inline result", b)
			}
			st := s.Stats().Entries[0]
			if st.Inline != 1 || st.Hits != 0 {
				t.Fatalf("stats = %+v", st)
			}
			if st.Errors != 1 {
				t.Fatalf("errors = %d, want 1", st.Errors)
			}
		})
	}
}

// cmd is a single-result value carrying its error, like a redis command.
type cmd struct {
	val string
	err error
}

func (c *cmd) Err() error { return c.err }

func TestFetch1ErrMethod(t *testing.T) {
	s := NewState("test.Fetch1", 2)
	ctx := context.Background()
	err := s.Run(ctx,
		Fetch1(0, func(ctx context.Context) *cmd { return &cmd{err: errBoom} }),
		Fetch1(1, func(ctx context.Context) *cmd { return &cmd{val: "pre"} }),
	)
	if !errors.Is(err, errBoom) {
		t.Fatalf("Run = %v, want the Err() error", err)
	}
	if got := FrFetch1(ctx, s, 0, func() *cmd { return &cmd{val: "inline"} }); got.val != "inline" {
		t.Fatalf("entry 0 = %q, want inline", got.val)
	}
	if got := FrFetch1(ctx, s, 1, func() *cmd { return &cmd{val: "inline"} }); got.val != "pre" {
		t.Fatalf("entry 1 = %q, want pre", got.val)
	}
	// An inline error is the caller's own result, returned as is.
	if got := FrFetch1(ctx, s, 1, func() *cmd { return &cmd{err: errBoom} }); got.err != errBoom {
		t.Fatalf("inline error lost: %+v", got)
	}
}

func TestRunJoinsErrorsAndKeepsGoing(t *testing.T) {
	s := NewState("test.Join", 4)
	errA, errB := errors.New("a"), errors.New("b")
	err := s.Run(context.Background(),
		Fetch(0, func(ctx context.Context) (string, error) { return "", errA }),
		Fetch(1, func(ctx context.Context) (string, error) { panic("kaboom") }),
		Fetch(2, func(ctx context.Context) (string, error) { return "ok", nil }),
		Warm(3, func(ctx context.Context) error { return errB }),
		Fetch(7, func(ctx context.Context) (string, error) { return "", nil }),
		Action{},
	)
	for _, want := range []error{errA, errB} {
		if !errors.Is(err, want) {
			t.Errorf("joined error %v lacks %v", err, want)
		}
	}
	for _, want := range []string{"kaboom", "entry 7 out of range", "zero Action"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("joined error %v lacks %q", err, want)
		}
	}
	if v, _ := FrFetch(context.Background(), s, 2, func() (string, error) { return "inline", nil }); v != "ok" {
		t.Fatalf("healthy action's result = %q", v)
	}
	if st := s.Stats(); st.Runs != 1 || st.Errors != 1 {
		t.Fatalf("handler stats = %+v", st)
	}
}

func TestRunDeadline(t *testing.T) {
	checkGoroutines(t)
	s := NewState("test.Deadline", 2)
	s.SetBudget(50 * time.Millisecond)
	late := make(chan struct{})
	start := time.Now()
	err := s.Run(context.Background(),
		// Honours its context.
		Fetch(0, func(ctx context.Context) (string, error) {
			<-ctx.Done()
			return "", ctx.Err()
		}),
		// Ignores its context and finishes after Run returned.
		Fetch(1, func(ctx context.Context) (string, error) {
			<-late
			return "late", nil
		}),
	)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Run = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("Run took %v with a 50ms budget", d)
	}
	close(late)
	eventually(t, "the late action to finish", func() bool { return s.EntryState(1) != Running })
	if v, _ := FrFetch(context.Background(), s, 1, func() (string, error) { return "inline", nil }); v != "inline" {
		t.Fatalf("late result was served: %q", v)
	}
	if st := s.Stats().Entries[1]; st.Errors != 1 {
		t.Fatalf("late action not counted as failed: %+v", st)
	}
}

func TestRunParallelismBound(t *testing.T) {
	s := NewState("test.Parallel", 8)
	s.SetParallelism(2)
	var cur, peak atomic.Int32
	var actions []Action
	for i := range 8 {
		actions = append(actions, Warm(i, func(ctx context.Context) error {
			n := cur.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(5 * time.Millisecond)
			cur.Add(-1)
			return nil
		}))
	}
	if err := s.Run(context.Background(), actions...); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p < 1 || p > 2 {
		t.Fatalf("peak concurrency = %d, want at most 2", p)
	}
}

func TestWaitBoundedByContextAndMaxWait(t *testing.T) {
	tests := []struct {
		name    string
		maxWait time.Duration
		cancel  bool
	}{
		{"caller context cancelled", time.Hour, true},
		{"max wait", 30 * time.Millisecond, false},
		{"no wait", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrigin(t, "data")
			s := NewState("test.Wait", 1)
			s.SetMaxWait(0, tt.maxWait)
			release := o.hold()
			defer release()
			runErr := make(chan error, 1)
			go func() { runErr <- s.Run(context.Background(), o.fetch(0)) }()
			o.waitArrival(t)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var inlineCalls atomic.Int32
			got := make(chan string, 1)
			go func() {
				v, err := FrFetch(ctx, s, 0, func() (string, error) {
					inlineCalls.Add(1)
					return "inline", nil
				})
				if err != nil {
					v = err.Error()
				}
				got <- v
			}()
			if tt.cancel {
				eventually(t, "the call to wait", func() bool { return s.Stats().Entries[0].Waits == 1 })
				cancel()
			}
			select {
			case v := <-got:
				if v != "inline" || inlineCalls.Load() != 1 {
					t.Fatalf("got %q after %d inline calls, want the inline result", v, inlineCalls.Load())
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the caller kept waiting for freshen")
			}
			release()
			if err := <-runErr; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestBodyOverLimit(t *testing.T) {
	big := strings.Repeat("x", 1000)
	o := newOrigin(t, big)
	s := NewState("test.BodyLimit", 1)
	s.SetBodyLimit(100)
	err := s.Run(context.Background(), o.fetch(0))
	if !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("Run = %v, want ErrBodyTooLarge", err)
	}
	if s.EntryState(0) != Idle {
		t.Fatal("entry kept an oversized body")
	}
	resp, err := FrFetch(context.Background(), s, 0, o.get)
	if err != nil {
		t.Fatal(err)
	}
	if b := bodyString(t, resp); b != big {
		t.Fatalf("inline body has %d bytes, want %d", len(b), len(big))
	}
	if n := o.hits.Load(); n != 2 {
		t.Fatalf("server hits = %d, want 2", n)
	}
}

// With followers joining an inline call whose body is over the limit, the
// leader still streams its full body and every follower runs its own call.
func TestBodyOverLimitInlineFollowers(t *testing.T) {
	big := strings.Repeat("y", 1000)
	o := newOrigin(t, big)
	s := NewState("test.BodyLimitInline", 1)
	s.SetBodyLimit(100)
	release := o.hold()
	done := make(chan []string)
	go func() { done <- concurrentCalls(t, s, o, 4) }()
	o.waitArrival(t)
	eventually(t, "followers", func() bool { return s.Stats().Entries[0].Coalesced == 3 })
	release()
	for _, b := range <-done {
		if b != big {
			t.Fatalf("a caller got %d bytes, want %d", len(b), len(big))
		}
	}
	if n := o.hits.Load(); n != 4 {
		t.Fatalf("server hits = %d, want 4 (nothing shared over the limit)", n)
	}
}

func TestInlinePanicReleasesFollowers(t *testing.T) {
	s := NewState("test.InlinePanic", 1)
	entered := make(chan struct{})
	unblock := make(chan struct{})
	panicked := make(chan any, 1)
	go func() {
		defer func() { panicked <- recover() }()
		FrFetch(context.Background(), s, 0, func() (string, error) {
			close(entered)
			<-unblock
			panic("inline boom")
		})
	}()
	<-entered
	got := make(chan string, 1)
	go func() {
		v, _ := FrFetch(context.Background(), s, 0, func() (string, error) { return "own", nil })
		got <- v
	}()
	eventually(t, "follower", func() bool { return s.Stats().Entries[0].Coalesced == 1 })
	close(unblock)
	if p := <-panicked; p != "inline boom" {
		t.Fatalf("panic = %v, want it to reach the caller", p)
	}
	if v := <-got; v != "own" {
		t.Fatalf("follower got %q, want its own call's result", v)
	}
}
