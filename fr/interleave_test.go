package fr

import (
	"context"
	"sync"
	"testing"
	"time"
)

// The paper's interleavings of freshen and the function, counted on a real
// server.

func TestFreshenBeforeCall(t *testing.T) {
	o := newOrigin(t, "model-v1")
	s := NewState("test.FreshenBeforeCall", 1)
	ctx := context.Background()
	if err := s.Run(ctx, o.fetch(0)); err != nil {
		t.Fatal(err)
	}
	if got := s.EntryState(0); got != Finished {
		t.Fatalf("state after freshen = %v, want finished", got)
	}
	o.setBody("model-v2") // a call now would see v2; the prefetched v1 is served
	resp, err := FrFetch(ctx, s, 0, o.get)
	if err != nil {
		t.Fatal(err)
	}
	if b := bodyString(t, resp); b != "model-v1" {
		t.Fatalf("body = %q, want the prefetched model-v1", b)
	}
	if n := o.hits.Load(); n != 1 {
		t.Fatalf("server hits = %d, want 1", n)
	}
	st := s.Stats().Entries[0]
	if st.Hits != 1 || st.Inline != 0 || st.Runs != 1 || st.Bytes != uint64(len("model-v1")) {
		t.Fatalf("stats = %+v", st)
	}
}

func TestCallDuringFreshen(t *testing.T) {
	o := newOrigin(t, "model")
	s := NewState("test.CallDuringFreshen", 1)
	ctx := context.Background()
	release := o.hold()
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx, o.fetch(0)) }()
	o.waitArrival(t)
	if got := s.EntryState(0); got != Running {
		t.Fatalf("state = %v, want running", got)
	}
	type res struct {
		body string
		err  error
	}
	called := make(chan res, 1)
	go func() {
		resp, err := FrFetch(ctx, s, 0, o.get)
		if err != nil {
			called <- res{err: err}
			return
		}
		called <- res{body: bodyString(t, resp)}
	}()
	eventually(t, "the call to wait", func() bool { return s.Stats().Entries[0].Waits == 1 })
	release()
	r := <-called
	if r.err != nil || r.body != "model" {
		t.Fatalf("call = %q, %v", r.body, r.err)
	}
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
	if n := o.hits.Load(); n != 1 {
		t.Fatalf("server hits = %d, want exactly 1", n)
	}
}

func TestCallWithoutFreshen(t *testing.T) {
	o := newOrigin(t, "model")
	s := NewState("test.CallWithoutFreshen", 1)
	for i := 1; i <= 3; i++ {
		resp, err := FrFetch(context.Background(), s, 0, o.get)
		if err != nil {
			t.Fatal(err)
		}
		if b := bodyString(t, resp); b != "model" {
			t.Fatalf("body = %q", b)
		}
		if n := o.hits.Load(); n != int64(i) {
			t.Fatalf("after %d calls server hits = %d: results must not be kept without a TTL", i, n)
		}
	}
	if st := s.Stats().Entries[0]; st.Inline != 3 || st.Hits != 0 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestFreshenAfterCall(t *testing.T) {
	o := newOrigin(t, "v1")
	s := NewState("test.FreshenAfterCall", 1)
	ctx := context.Background()
	resp, err := FrFetch(ctx, s, 0, o.get)
	if err != nil || bodyString(t, resp) != "v1" {
		t.Fatal(err)
	}
	o.setBody("v2")
	if err := s.Run(ctx, o.fetch(0)); err != nil {
		t.Fatal(err)
	}
	resp, err = FrFetch(ctx, s, 0, o.get)
	if err != nil {
		t.Fatal(err)
	}
	if b := bodyString(t, resp); b != "v2" {
		t.Fatalf("body = %q, want v2 from the later freshen", b)
	}
	if n := o.hits.Load(); n != 2 {
		t.Fatalf("server hits = %d, want 2", n)
	}
}

func TestHandOutOnce(t *testing.T) {
	o := newOrigin(t, "x")
	s := NewState("test.HandOutOnce", 1)
	ctx := context.Background()
	if err := s.Run(ctx, o.fetch(0)); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		resp, err := FrFetch(ctx, s, 0, o.get)
		if err != nil || bodyString(t, resp) != "x" {
			t.Fatal(err)
		}
	}
	if n := o.hits.Load(); n != 2 {
		t.Fatalf("server hits = %d, want 2 (prefetch once, then inline)", n)
	}
	if st := s.Stats().Entries[0]; st.Hits != 1 || st.Inline != 1 {
		t.Fatalf("stats = %+v", st)
	}
}

// concurrentCalls runs n FrFetch callers at once and returns their bodies.
func concurrentCalls(t *testing.T, s *State, o *origin, n int) []string {
	t.Helper()
	bodies := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			resp, err := FrFetch(context.Background(), s, 0, o.get)
			if err != nil {
				errs[k] = err
				return
			}
			bodies[k] = bodyString(t, resp)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return bodies
}

func TestManyConcurrentCallers(t *testing.T) {
	const n = 16
	tests := []struct {
		name     string
		ttl      time.Duration
		freshen  bool
		wantHits int64 // server requests, exactly
	}{
		// One takes the prefetched result, the rest share one inline call.
		{"no TTL, after freshen", 0, true, 2},
		// Everybody shares one inline call.
		{"no TTL, no freshen", 0, false, 1},
		// Everybody gets a copy of the prefetched result.
		{"TTL, after freshen", time.Minute, true, 1},
		// One inline call, its result shared and cached.
		{"TTL, no freshen", time.Minute, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrigin(t, "shared")
			s := NewState("test.ManyConcurrent", 1)
			s.SetTTL(0, tt.ttl)
			if tt.freshen {
				if err := s.Run(context.Background(), o.fetch(0)); err != nil {
					t.Fatal(err)
				}
			}
			before := o.hits.Load()
			var release func()
			if before+1 < tt.wantHits || (tt.ttl == 0 || !tt.freshen) {
				// Hold the inline call until every other caller joined it.
				release = o.hold()
			}
			done := make(chan []string)
			go func() { done <- concurrentCalls(t, s, o, n) }()
			if release != nil {
				o.waitArrival(t)
				if tt.freshen {
					o.waitArrival(t) // the freshen request itself, already served
				}
				joiners := uint64(n - 1)
				if tt.freshen {
					joiners = n - 2
				}
				eventually(t, "callers to join the inline call", func() bool {
					return s.Stats().Entries[0].Coalesced == joiners
				})
				release()
			}
			for k, b := range <-done {
				if b != "shared" {
					t.Fatalf("caller %d got %q", k, b)
				}
			}
			if got := o.hits.Load(); got != tt.wantHits {
				t.Fatalf("server hits = %d, want exactly %d", got, tt.wantHits)
			}
			if tt.ttl > 0 {
				// Later callers are served from the cache.
				concurrentCalls(t, s, o, 4)
				if got := o.hits.Load(); got != tt.wantHits {
					t.Fatalf("after more calls server hits = %d, want %d", got, tt.wantHits)
				}
			}
		})
	}
}

// Many callers arriving while freshen runs all wait for it: one request
// reaches the server, whatever the TTL.
func TestManyCallersDuringFreshen(t *testing.T) {
	for _, ttl := range []time.Duration{0, time.Minute} {
		t.Run(ttl.String(), func(t *testing.T) {
			const n = 8
			o := newOrigin(t, "shared")
			s := NewState("test.ManyDuring", 1)
			s.SetTTL(0, ttl)
			release := o.hold()
			runErr := make(chan error, 1)
			go func() { runErr <- s.Run(context.Background(), o.fetch(0)) }()
			o.waitArrival(t)
			done := make(chan []string)
			go func() { done <- concurrentCalls(t, s, o, n) }()
			eventually(t, "every caller to wait", func() bool { return s.Stats().Entries[0].Waits == n })
			release()
			for k, b := range <-done {
				if b != "shared" {
					t.Fatalf("caller %d got %q", k, b)
				}
			}
			if err := <-runErr; err != nil {
				t.Fatal(err)
			}
			if got := o.hits.Load(); got != 1 {
				t.Fatalf("server hits = %d, want exactly 1", got)
			}
			if st := s.Stats().Entries[0]; st.Hits != n || st.Inline != 0 {
				t.Fatalf("stats = %+v", st)
			}
		})
	}
}
