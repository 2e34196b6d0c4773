package gate

import (
	"sync"
	"testing"
	"time"
)

// clock is a manual clock for tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestGate() (*Gate, *clock) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return New(Config{Window: 10, MinSamples: 5, Threshold: 0.2, Horizon: time.Second, Cooldown: time.Minute, Now: c.Now}), c
}

func stats(t *testing.T, g *Gate, name string) Stats {
	t.Helper()
	for _, s := range g.Snapshot() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no stats for %q", name)
	return Stats{}
}

func TestGateClosesOnWasteAndReopens(t *testing.T) {
	g, c := newTestGate()
	const f = "app.Handle"

	// Five wasted freshens: the window reaches MinSamples at 0% hits.
	for i := 0; i < 5; i++ {
		if d := g.Allow(f); !d.Allowed {
			t.Fatalf("freshen %d refused early: %+v", i, d)
		}
		g.Freshened(f)
		c.Add(2 * time.Second) // past the horizon: waste
	}
	d := g.Allow(f)
	if d.Allowed || d.Reason != ReasonCooldown {
		t.Fatalf("after 5 wasted freshens: got %+v, want refused for cooldown", d)
	}
	s := stats(t, g, f)
	if s.Open || s.Wasted != 5 || s.Trips != 1 || s.Refused != 1 || s.CooldownEnd.IsZero() {
		t.Fatalf("closed stats = %+v", s)
	}

	// Still closed just before the cool-down ends, open right after.
	c.Add(time.Until(d.Until) - time.Until(c.Now()) - time.Millisecond)
	if g.Allow(f).Allowed {
		t.Fatal("gate opened before the cool-down ended")
	}
	c.Add(2 * time.Millisecond)
	if d := g.Allow(f); !d.Allowed {
		t.Fatalf("gate still closed after cool-down: %+v", d)
	}

	// Freshens followed by invocations keep it open.
	for i := 0; i < 20; i++ {
		if d := g.Allow(f); !d.Allowed {
			t.Fatalf("hit %d refused: %+v", i, d)
		}
		g.Freshened(f)
		c.Add(100 * time.Millisecond)
		g.Invoked(f)
	}
	s = stats(t, g, f)
	if !s.Open || s.Hits != 20 || s.Trips != 1 || s.HitRate != 1 {
		t.Fatalf("reopened stats = %+v", s)
	}
}

func TestGateThreshold(t *testing.T) {
	tests := []struct {
		name     string
		outcomes string // h = hit, w = wasted, in order
		open     bool
	}{
		{"all wasted", "wwwwwwwwww", false},
		{"one in ten", "hwwwwwwwww", false},
		{"two in ten is enough", "wwhwwwwhww", true},
		{"all hit", "hhhhhhhhhh", true},
		{"too few samples to judge", "wwwwwwwww", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			g := New(Config{Window: 10, MinSamples: 10, Horizon: time.Second, Now: c.Now})
			for _, o := range tt.outcomes {
				g.Freshened("f")
				if o == 'h' {
					g.Invoked("f")
				} else {
					c.Add(2 * time.Second)
				}
			}
			if got := g.Allow("f").Allowed; got != tt.open {
				t.Fatalf("Allow = %v, want %v (%+v)", got, tt.open, stats(t, g, "f"))
			}
		})
	}
}

func TestGateLatencyInsensitive(t *testing.T) {
	g, _ := newTestGate()
	g.SetClass("batch.Job", LatencyInsensitive)
	if d := g.Allow("batch.Job"); d.Allowed || d.Reason != ReasonClass {
		t.Fatalf("latency-insensitive: got %+v", d)
	}
	if d := g.Allow("web.Page"); !d.Allowed {
		t.Fatalf("latency-sensitive default refused: %+v", d)
	}
	if s := stats(t, g, "batch.Job"); s.Open || s.Class != "latency-insensitive" {
		t.Fatalf("stats = %+v", s)
	}

	// A process-wide default class, overridable per function.
	g = New(Config{Class: LatencyInsensitive})
	g.SetClass("web.Page", LatencySensitive)
	if g.Allow("batch.Other").Allowed || !g.Allow("web.Page").Allowed {
		t.Fatal("Config.Class is not the default class")
	}
}

func TestGateMatchesInvocationsToFreshens(t *testing.T) {
	g, c := newTestGate()
	g.Invoked("f") // nobody predicted it
	g.Freshened("f")
	g.Freshened("f")
	c.Add(500 * time.Millisecond)
	g.Invoked("f") // consumes the older freshen
	c.Add(600 * time.Millisecond)
	// The second freshen is now 1.1s old: past the horizon, wasted.
	s := stats(t, g, "f")
	if s.Unpredicted != 1 || s.Hits != 1 || s.Wasted != 1 || s.Pending != 0 || s.Freshens != 2 {
		t.Fatalf("stats = %+v", s)
	}
}

func TestParseClass(t *testing.T) {
	for in, want := range map[string]Class{"": LatencySensitive, "batch": LatencyInsensitive, "latency-insensitive": LatencyInsensitive, "interactive": LatencySensitive} {
		if got, ok := ParseClass(in); !ok || got != want {
			t.Errorf("ParseClass(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseClass("fast"); ok {
		t.Error("ParseClass accepted an unknown class")
	}
}
