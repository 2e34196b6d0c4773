package chain

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// PredictorOptions tune a Predictor. Zero fields take defaults.
type PredictorOptions struct {
	// Lookahead overrides the chain's lookahead when set: a number of
	// successors (> 0), or Auto.
	Lookahead Lookahead
	// MaxLookahead bounds Auto: no step is freshened more than this many
	// steps ahead. Default: the whole chain, so a step whose freshen takes
	// long may be freshened as soon as the chain's first step starts.
	MaxLookahead int
	// Timeout bounds one trigger (default 5s).
	Timeout time.Duration
	// MaxInFlight bounds concurrent triggers (default 64); beyond it new
	// ones are dropped, never queued, so a slow platform cannot pile up
	// goroutines or delay anything.
	MaxInFlight int
	// OnFired, if set, is called after each trigger finishes, from the
	// trigger's goroutine.
	OnFired func(step string, d time.Duration, err error)
	// Now is the clock that times steps for Auto; nil means time.Now.
	Now func() time.Time
}

// Predictor fires freshen for the successors of each started step.
//
// With a fixed lookahead k, step i's start fires steps i+1 … i+k. With
// Auto, it learns from Executions how long each step runs (from its start
// to the next step's start) and, from triggers that report it (see
// TimedTrigger), how long each step's freshen takes, and fires each step
// at the latest predecessor that leaves its freshen enough time. Until it
// has measured, it fires as early as MaxLookahead allows.
type Predictor struct {
	chain   *Chain
	k       int  // fixed lookahead; the bound when auto
	auto    bool // size the lookahead per step from measurements
	timeout time.Duration
	onFired func(string, time.Duration, error)
	now     func() time.Time
	slots   chan struct{}
	wg      sync.WaitGroup

	mu       sync.Mutex
	inflight []bool
	stats    []StepStats
	need     []window // per step: durations of its completed freshens
	run      []window // per step: start to the next step's start
}

// StepStats counts what the predictor did for one step.
type StepStats struct {
	Step      string        `json:"step"`
	Fired     uint64        `json:"fired"`     // triggers sent
	Failed    uint64        `json:"failed"`    // of which failed
	Coalesced uint64        `json:"coalesced"` // skipped: one was already in flight
	Dropped   uint64        `json:"dropped"`   // skipped: too many in flight
	LastError string        `json:"last_error,omitempty"`
	Busy      time.Duration `json:"busy_ns"` // summed trigger wall time
}

// NewPredictor returns a predictor for c.
func NewPredictor(c *Chain, o PredictorOptions) *Predictor {
	p := &Predictor{chain: c, timeout: o.Timeout, onFired: o.OnFired, now: o.Now}
	la := c.Lookahead
	if o.Lookahead != 0 {
		la = o.Lookahead
	}
	switch {
	case la == Auto:
		p.auto = true
		p.k = len(c.Steps) - 1
		if o.MaxLookahead > 0 {
			p.k = o.MaxLookahead
		}
	case la > 0:
		p.k = int(la)
	default:
		p.k = DefaultLookahead
	}
	if p.timeout <= 0 {
		p.timeout = 5 * time.Second
	}
	if p.now == nil {
		p.now = time.Now
	}
	n := o.MaxInFlight
	if n <= 0 {
		n = 64
	}
	p.slots = make(chan struct{}, n)
	p.inflight = make([]bool, len(c.Steps))
	p.stats = make([]StepStats, len(c.Steps))
	p.need = make([]window, len(c.Steps))
	p.run = make([]window, len(c.Steps))
	for i, s := range c.Steps {
		p.stats[i].Step = s.Name
	}
	return p
}

// fireAt returns, for each step, the step whose start fires its freshen,
// or -1 for none.
func (p *Predictor) fireAt() []int {
	if !p.auto {
		fire := make([]int, len(p.chain.Steps))
		for j, s := range p.chain.Steps {
			fire[j] = -1
			if j > 0 && s.Trigger != nil {
				fire[j] = max(j-p.k, 0)
			}
		}
		return fire
	}
	p.mu.Lock()
	est := p.estimatesLocked()
	p.mu.Unlock()
	return planFire(est, p.k)
}

func (p *Predictor) estimatesLocked() []estimate {
	est := make([]estimate, len(p.chain.Steps))
	for i, s := range p.chain.Steps {
		est[i] = estimate{need: p.need[i].quantile(needQuantile), run: p.run[i].quantile(runQuantile), trigger: s.Trigger != nil}
	}
	return est
}

// Started tells the predictor that step i is starting. It fires freshen
// for the steps whose turn it is (steps i+1 … i+k, or with Auto the steps
// planned at i) in the background and returns at once. It does not know
// which run of the chain i belongs to, so it cannot avoid freshening a
// step twice for one run, nor measure steps for Auto: orchestrators that
// can tell runs apart use Execution.
func (p *Predictor) Started(i int) {
	for _, j := range p.due(i, true) {
		p.fire(j)
	}
}

// due returns the steps that step i's start fires: with a fixed lookahead,
// steps i+1 … i+k that have a trigger; with Auto, the later steps planned
// at i, or (not exact) at i or before, for a run that may have passed
// their turn while the plan moved.
func (p *Predictor) due(i int, exact bool) []int {
	var out []int
	if !p.auto {
		for j := i + 1; j <= i+p.k && j < len(p.chain.Steps); j++ {
			if j >= 0 && p.chain.Steps[j].Trigger != nil {
				out = append(out, j)
			}
		}
		return out
	}
	if i < 0 || i >= len(p.chain.Steps) {
		return nil
	}
	for j, f := range p.fireAt() {
		if j > i && f >= 0 && (f == i || !exact && f < i) {
			out = append(out, j)
		}
	}
	return out
}

// StartedStep is Started by step name.
func (p *Predictor) StartedStep(name string) error {
	i := p.chain.Index(name)
	if i < 0 {
		return fmt.Errorf("chain %s: no step %q", p.chain.Name, name)
	}
	p.Started(i)
	return nil
}

func (p *Predictor) fire(j int) {
	p.mu.Lock()
	if p.inflight[j] {
		p.stats[j].Coalesced++
		p.mu.Unlock()
		return
	}
	select {
	case p.slots <- struct{}{}:
	default:
		p.stats[j].Dropped++
		p.mu.Unlock()
		return
	}
	p.inflight[j] = true
	p.stats[j].Fired++
	p.mu.Unlock()

	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		// Not the caller's context: the step that started must not cancel
		// the freshen of its successor by finishing first.
		ctx, cancel := context.WithTimeout(context.Background(), p.timeout)
		start := time.Now()
		var took time.Duration
		var err error
		if tt, ok := p.chain.Steps[j].Trigger.(TimedTrigger); ok {
			took, err = tt.FireTimed(ctx)
		} else {
			err = p.chain.Steps[j].Trigger.Fire(ctx)
		}
		d := time.Since(start)
		cancel()
		<-p.slots
		p.mu.Lock()
		p.inflight[j] = false
		p.stats[j].Busy += d
		if err != nil {
			p.stats[j].Failed++
			p.stats[j].LastError = err.Error()
		} else if took > 0 {
			p.need[j].add(took)
		}
		p.mu.Unlock()
		if p.onFired != nil {
			p.onFired(p.chain.Steps[j].Name, d, err)
		}
	}()
}

// Execution is one run of the chain. A run invokes each step once, so it
// freshens each step at most once: with lookahead k > 1, step i+1 would
// otherwise freshen step i+2 again although step i already did, and the
// second result would go unused. With Auto it also times the run's steps.
type Execution struct {
	p     *Predictor
	mu    sync.Mutex
	fired []bool
	last  int       // the step that started last; -1 before the first
	at    time.Time // when it started
}

// Execution starts tracking a new run of the chain.
func (p *Predictor) Execution() *Execution {
	return &Execution{p: p, fired: make([]bool, len(p.chain.Steps)), last: -1}
}

// Started is Predictor.Started for this run: it fires freshen for the
// later steps whose turn has come (fixed: i+1 … i+k; Auto: planned at i
// or before) and that this run has not freshened yet, and returns at once.
// Call it for each step, in order, as the step starts.
func (e *Execution) Started(i int) {
	p := e.p
	if i < 0 || i >= len(p.chain.Steps) {
		for _, j := range p.due(i, false) {
			e.fireOnce(j)
		}
		return
	}
	now := p.now()
	e.mu.Lock()
	if e.last >= 0 && i == e.last+1 {
		d := now.Sub(e.at)
		p.mu.Lock()
		p.run[e.last].add(d)
		p.mu.Unlock()
	}
	e.last, e.at = i, now
	e.mu.Unlock()

	for _, j := range p.due(i, false) {
		e.fireOnce(j)
	}
}

// fireOnce fires step j unless this run already has (or tried: a trigger
// dropped for lack of room is not retried in the same run).
func (e *Execution) fireOnce(j int) {
	e.mu.Lock()
	done := e.fired[j]
	e.fired[j] = true
	e.mu.Unlock()
	if !done {
		e.p.fire(j)
	}
}

// Wait blocks until every fired trigger has finished.
func (p *Predictor) Wait() { p.wg.Wait() }

// Stats returns per-step counters in chain order.
func (p *Predictor) Stats() []StepStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]StepStats(nil), p.stats...)
}

// Plan returns when each step is freshened and the measurements behind
// it, in chain order. Need and Lead are filled in for Auto only.
func (p *Predictor) Plan() []PlanStep {
	fire := p.fireAt()
	p.mu.Lock()
	est := p.estimatesLocked()
	p.mu.Unlock()
	out := make([]PlanStep, len(fire))
	for j, f := range fire {
		out[j].Step = p.chain.Steps[j].Name
		if f < 0 {
			continue
		}
		out[j].FireAt = p.chain.Steps[f].Name
		if !p.auto {
			continue
		}
		out[j].Need = est[j].need
		for i := f; i < j; i++ {
			if est[i].run <= 0 {
				out[j].Lead = 0
				break
			}
			out[j].Lead += est[i].run
		}
	}
	return out
}
