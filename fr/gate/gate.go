package gate

import (
	"sort"
	"sync"
	"time"
)

// Class is a function's service class.
type Class int

const (
	// LatencySensitive functions freshen when predicted (the default).
	LatencySensitive Class = iota
	// LatencyInsensitive functions never freshen: nobody waits for them, so
	// paying for speculative work buys nothing.
	LatencyInsensitive
)

func (c Class) String() string {
	if c == LatencyInsensitive {
		return "latency-insensitive"
	}
	return "latency-sensitive"
}

// ParseClass maps "latency-insensitive"/"batch" and
// "latency-sensitive"/"interactive"/"" to a Class.
func ParseClass(s string) (Class, bool) {
	switch s {
	case "", "latency-sensitive", "interactive":
		return LatencySensitive, true
	case "latency-insensitive", "batch":
		return LatencyInsensitive, true
	}
	return LatencySensitive, false
}

// Defaults used for zero Config fields.
const (
	DefaultWindow     = 20
	DefaultMinSamples = 10
	DefaultThreshold  = 0.20
	DefaultHorizon    = 10 * time.Second
	DefaultCooldown   = time.Minute
)

// Config tunes a Gate. Zero fields take the defaults above.
type Config struct {
	// Window is how many resolved freshens (hits and wastes) are kept.
	Window int
	// MinSamples is how many resolved freshens the window needs before the
	// gate may close; a few early misses must not switch freshen off.
	MinSamples int
	// Threshold is the lowest acceptable hit rate, in [0,1].
	Threshold float64
	// Horizon is how long after a freshen an invocation still counts as
	// its hit. Later, the freshen is waste.
	Horizon time.Duration
	// Cooldown is how long freshen stays off once the gate closes.
	Cooldown time.Duration
	// Class is the service class of functions not given one with
	// SetClass (default LatencySensitive).
	Class Class
	// Now is the clock; nil means time.Now. Tests inject their own.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.Window <= 0 {
		c.Window = DefaultWindow
	}
	if c.MinSamples <= 0 {
		c.MinSamples = DefaultMinSamples
	}
	if c.MinSamples > c.Window {
		c.MinSamples = c.Window
	}
	if c.Threshold <= 0 {
		c.Threshold = DefaultThreshold
	}
	if c.Horizon <= 0 {
		c.Horizon = DefaultHorizon
	}
	if c.Cooldown <= 0 {
		c.Cooldown = DefaultCooldown
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Reason says why a freshen was refused.
type Reason string

const (
	// ReasonNone: the freshen is allowed.
	ReasonNone Reason = ""
	// ReasonClass: the function is latency-insensitive.
	ReasonClass Reason = "latency-insensitive"
	// ReasonCooldown: recent freshens were mostly wasted.
	ReasonCooldown Reason = "cooldown"
)

// Decision is the gate's answer to one freshen request.
type Decision struct {
	Allowed bool
	Reason  Reason
	Until   time.Time // end of the cool-down, for ReasonCooldown
}

// Gate tracks freshen outcomes for any number of functions. It is safe for
// concurrent use. The zero value is not usable; call New.
type Gate struct {
	cfg Config

	mu  sync.Mutex
	fns map[string]*fn
}

type fn struct {
	class    Class
	pending  []time.Time // freshens not yet matched by an invocation, oldest first
	outcomes []bool      // ring of the last Window outcomes (true = hit)
	next     int         // ring write position
	full     bool

	until time.Time // cool-down end; zero when open

	hits, wasted, refused, trips, unpredicted, freshens uint64
}

// New returns a Gate with cfg (zero fields take defaults).
func New(cfg Config) *Gate {
	return &Gate{cfg: cfg.withDefaults(), fns: map[string]*fn{}}
}

func (g *Gate) get(name string) *fn {
	f := g.fns[name]
	if f == nil {
		f = &fn{class: g.cfg.Class, outcomes: make([]bool, g.cfg.Window)}
		g.fns[name] = f
	}
	return f
}

// SetClass sets name's service class.
func (g *Gate) SetClass(name string, c Class) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.get(name).class = c
}

// Allow reports whether name should run a freshen now. A refusal is counted.
func (g *Gate) Allow(name string) Decision {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.cfg.Now()
	f := g.get(name)
	g.expire(f, now)
	switch {
	case f.class == LatencyInsensitive:
		f.refused++
		return Decision{Reason: ReasonClass}
	case now.Before(f.until):
		f.refused++
		return Decision{Reason: ReasonCooldown, Until: f.until}
	}
	return Decision{Allowed: true}
}

// Freshened records that a freshen of name ran (or started) now.
func (g *Gate) Freshened(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.cfg.Now()
	f := g.get(name)
	g.expire(f, now)
	f.freshens++
	f.pending = append(f.pending, now)
}

// Invoked records an invocation of name. It turns the oldest pending
// freshen within the horizon into a hit; an invocation nobody predicted
// is only counted.
func (g *Gate) Invoked(name string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.cfg.Now()
	f := g.get(name)
	g.expire(f, now)
	if len(f.pending) == 0 {
		f.unpredicted++
		return
	}
	f.pending = f.pending[1:]
	f.hits++
	g.record(f, true, now)
}

// expire turns pending freshens older than the horizon into waste.
func (g *Gate) expire(f *fn, now time.Time) {
	for len(f.pending) > 0 && now.Sub(f.pending[0]) > g.cfg.Horizon {
		f.pending = f.pending[1:]
		f.wasted++
		g.record(f, false, now) // may close the gate and clear pending
	}
	if len(f.pending) == 0 {
		f.pending = nil // let the backing array go
	}
}

func (g *Gate) record(f *fn, hit bool, now time.Time) {
	f.outcomes[f.next] = hit
	f.next = (f.next + 1) % len(f.outcomes)
	if f.next == 0 {
		f.full = true
	}
	n, hits := f.window()
	if n < g.cfg.MinSamples || float64(hits) >= g.cfg.Threshold*float64(n) {
		return
	}
	// Close: refuse freshen for the cool-down and start over afterwards,
	// so the function gets a fresh chance once the prediction may have
	// improved. Pending freshens are forgotten rather than judged later.
	f.until = now.Add(g.cfg.Cooldown)
	f.trips++
	f.pending = nil
	f.next, f.full = 0, false
}

func (f *fn) window() (n, hits int) {
	n = f.next
	if f.full {
		n = len(f.outcomes)
	}
	for i := 0; i < n; i++ {
		if f.outcomes[i] {
			hits++
		}
	}
	return n, hits
}

// Stats is a snapshot of one function's gate.
type Stats struct {
	Name        string    `json:"name"`
	Class       string    `json:"class"`
	Open        bool      `json:"open"`                  // freshen is honoured now
	CooldownEnd time.Time `json:"cooldown_end,omitzero"` // set while closed by cool-down
	Freshens    uint64    `json:"freshens"`              // freshens recorded
	Hits        uint64    `json:"hits"`                  // freshens followed by an invocation in time
	Wasted      uint64    `json:"wasted"`                // freshens that expired unused
	Pending     int       `json:"pending"`               // freshens still waiting for an invocation
	Refused     uint64    `json:"refused"`               // freshen requests the gate turned down
	Trips       uint64    `json:"trips"`                 // times the gate closed
	Unpredicted uint64    `json:"unpredicted"`           // invocations no freshen preceded
	WindowSize  int       `json:"window_size"`           // resolved freshens in the window
	HitRate     float64   `json:"hit_rate"`              // over the window; 1 when empty
}

// Snapshot returns every known function's stats, sorted by name.
func (g *Gate) Snapshot() []Stats {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.cfg.Now()
	out := make([]Stats, 0, len(g.fns))
	for name, f := range g.fns {
		g.expire(f, now)
		n, hits := f.window()
		rate := 1.0
		if n > 0 {
			rate = float64(hits) / float64(n)
		}
		s := Stats{
			Name: name, Class: f.class.String(),
			Open:     f.class == LatencySensitive && !now.Before(f.until),
			Freshens: f.freshens, Hits: f.hits, Wasted: f.wasted, Pending: len(f.pending),
			Refused: f.refused, Trips: f.trips, Unpredicted: f.unpredicted,
			WindowSize: n, HitRate: rate,
		}
		if now.Before(f.until) {
			s.CooldownEnd = f.until
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
