package fr

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestTTLExpiryWithInjectedClock(t *testing.T) {
	o := newOrigin(t, "v1")
	s := NewState("test.TTL", 1)
	s.SetTTL(0, 10*time.Second)
	clock := newFakeClock(s)
	ctx := context.Background()
	if err := s.Run(ctx, o.fetch(0)); err != nil {
		t.Fatal(err)
	}
	o.setBody("v2")
	for range 3 {
		resp, err := FrFetch(ctx, s, 0, o.get)
		if err != nil || bodyString(t, resp) != "v1" {
			t.Fatalf("within TTL: %v", err)
		}
	}
	clock.Advance(9 * time.Second)
	if resp, _ := FrFetch(ctx, s, 0, o.get); bodyString(t, resp) != "v1" {
		t.Fatal("served a fresh result as expired")
	}
	if n := o.hits.Load(); n != 1 {
		t.Fatalf("server hits within TTL = %d, want 1", n)
	}
	clock.Advance(2 * time.Second)
	if s.EntryState(0) != Idle {
		t.Fatal("expired entry still finished")
	}
	resp, err := FrFetch(ctx, s, 0, o.get)
	if err != nil || bodyString(t, resp) != "v2" {
		t.Fatalf("after expiry: %v", err)
	}
	// The inline result is kept for the TTL too.
	if resp, _ := FrFetch(ctx, s, 0, o.get); bodyString(t, resp) != "v2" {
		t.Fatal("inline result not reused")
	}
	if n := o.hits.Load(); n != 2 {
		t.Fatalf("server hits = %d, want 2", n)
	}
	if st := s.Stats().Entries[0]; st.Wasted != 0 || st.Hits != 5 || st.Inline != 1 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestWasted(t *testing.T) {
	t.Run("expired unused", func(t *testing.T) {
		s := NewState("test.WastedExpired", 1)
		s.SetTTL(0, time.Second)
		clock := newFakeClock(s)
		if err := s.Run(context.Background(), Fetch(0, func(context.Context) (string, error) { return "x", nil })); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Second)
		if v, _ := FrFetch(context.Background(), s, 0, func() (string, error) { return "inline", nil }); v != "inline" {
			t.Fatalf("got %q", v)
		}
		if w := s.Stats().Entries[0].Wasted; w != 1 {
			t.Fatalf("wasted = %d, want 1", w)
		}
	})
	t.Run("replaced unused", func(t *testing.T) {
		s := NewState("test.WastedReplaced", 1)
		n := 0
		fetch := Fetch(0, func(context.Context) (int, error) { n++; return n, nil })
		for range 2 {
			if err := s.Run(context.Background(), fetch); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := FrFetch(context.Background(), s, 0, func() (int, error) { return -1, nil }); v != 2 {
			t.Fatalf("got %d, want the newer result 2", v)
		}
		if w := s.Stats().Entries[0].Wasted; w != 1 {
			t.Fatalf("wasted = %d, want 1", w)
		}
	})
	t.Run("used then replaced is not waste", func(t *testing.T) {
		s := NewState("test.WastedUsed", 1)
		s.SetTTL(0, time.Hour)
		fetch := Fetch(0, func(context.Context) (string, error) { return "x", nil })
		_ = s.Run(context.Background(), fetch)
		FrFetch(context.Background(), s, 0, func() (string, error) { return "", nil })
		_ = s.Run(context.Background(), fetch)
		if w := s.Stats().Entries[0].Wasted; w != 0 {
			t.Fatalf("wasted = %d, want 0", w)
		}
	})
}

// closer records whether it was closed.
type closer struct{ closed atomic.Bool }

func (c *closer) Close() error { c.closed.Store(true); return nil }

func TestUnusedResultReleased(t *testing.T) {
	checkGoroutines(t)
	s := NewState("test.Hold", 1)
	s.SetHold(0, 20*time.Millisecond)
	c := &closer{}
	var fctx context.Context
	err := s.Run(context.Background(), Fetch(0, func(ctx context.Context) (*closer, error) {
		fctx = ctx
		return c, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	// Run has returned, but the result's context lives while it is held.
	if fctx.Err() != nil {
		t.Fatal("a held result's context was cancelled when Run returned")
	}
	eventually(t, "the unused result to be released", func() bool { return c.closed.Load() })
	if fctx.Err() == nil {
		t.Fatal("released result's context not cancelled")
	}
	if s.EntryState(0) != Idle || s.Stats().Entries[0].Wasted != 1 {
		t.Fatalf("state %v, stats %+v", s.EntryState(0), s.Stats().Entries[0])
	}
}

func TestTakenResultKeepsContext(t *testing.T) {
	s := NewState("test.TakenCtx", 1)
	s.SetHold(0, 20*time.Millisecond)
	c := &closer{}
	var fctx context.Context
	_ = s.Run(context.Background(), Fetch(0, func(ctx context.Context) (*closer, error) { fctx = ctx; return c, nil }))
	got, _ := FrFetch(context.Background(), s, 0, func() (*closer, error) { return nil, nil })
	if got != c {
		t.Fatal("prefetched value not handed out")
	}
	time.Sleep(60 * time.Millisecond) // past the hold: the caller owns it now
	if c.closed.Load() || fctx.Err() != nil {
		t.Fatal("a result handed to its caller was closed or its context cancelled")
	}
}

func TestTTLExpiryRealClock(t *testing.T) {
	s := NewState("test.TTLReal", 1)
	s.SetTTL(0, 30*time.Millisecond)
	_ = s.Run(context.Background(), Fetch(0, func(context.Context) (string, error) { return "pre", nil }))
	if v, _ := FrFetch(context.Background(), s, 0, func() (string, error) { return "inline", nil }); v != "pre" {
		t.Fatalf("got %q", v)
	}
	start := time.Now()
	eventually(t, "expiry", func() bool {
		v, _ := FrFetch(context.Background(), s, 0, func() (string, error) { return "inline", nil })
		return v == "inline"
	})
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a 30ms TTL ended after %v", d)
	}
}
