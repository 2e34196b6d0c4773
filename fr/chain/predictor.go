package chain

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// PredictorOptions tune a Predictor. Zero fields take defaults.
type PredictorOptions struct {
	// Lookahead overrides the chain's lookahead when > 0.
	Lookahead int
	// Timeout bounds one trigger (default 5s).
	Timeout time.Duration
	// MaxInFlight bounds concurrent triggers (default 64); beyond it new
	// ones are dropped, never queued, so a slow platform cannot pile up
	// goroutines or delay anything.
	MaxInFlight int
	// OnFired, if set, is called after each trigger finishes, from the
	// trigger's goroutine.
	OnFired func(step string, d time.Duration, err error)
}

// Predictor fires freshen for the successors of each started step.
type Predictor struct {
	chain   *Chain
	k       int
	timeout time.Duration
	onFired func(string, time.Duration, error)
	slots   chan struct{}
	wg      sync.WaitGroup

	mu       sync.Mutex
	inflight []bool
	stats    []StepStats
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
	p := &Predictor{chain: c, k: c.Lookahead, timeout: o.Timeout, onFired: o.OnFired}
	if o.Lookahead > 0 {
		p.k = o.Lookahead
	}
	if p.k <= 0 {
		p.k = DefaultLookahead
	}
	if p.timeout <= 0 {
		p.timeout = 5 * time.Second
	}
	n := o.MaxInFlight
	if n <= 0 {
		n = 64
	}
	p.slots = make(chan struct{}, n)
	p.inflight = make([]bool, len(c.Steps))
	p.stats = make([]StepStats, len(c.Steps))
	for i, s := range c.Steps {
		p.stats[i].Step = s.Name
	}
	return p
}

// Started tells the predictor that step i is starting. It fires freshen
// for steps i+1 … i+k in the background and returns at once.
func (p *Predictor) Started(i int) {
	for j := i + 1; j <= i+p.k && j < len(p.chain.Steps); j++ {
		if j < 0 || p.chain.Steps[j].Trigger == nil {
			continue
		}
		p.fire(j)
	}
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
		err := p.chain.Steps[j].Trigger.Fire(ctx)
		d := time.Since(start)
		cancel()
		<-p.slots
		p.mu.Lock()
		p.inflight[j] = false
		p.stats[j].Busy += d
		if err != nil {
			p.stats[j].Failed++
			p.stats[j].LastError = err.Error()
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
// second result would go unused.
type Execution struct {
	p     *Predictor
	mu    sync.Mutex
	fired []bool
}

// Execution starts tracking a new run of the chain.
func (p *Predictor) Execution() *Execution {
	return &Execution{p: p, fired: make([]bool, len(p.chain.Steps))}
}

// Started is Predictor.Started for this run: it fires freshen for steps
// i+1 … i+k that this run has not freshened yet, and returns at once.
func (e *Execution) Started(i int) {
	for j := i + 1; j <= i+e.p.k && j < len(e.p.chain.Steps); j++ {
		if j < 0 || e.p.chain.Steps[j].Trigger == nil {
			continue
		}
		e.mu.Lock()
		done := e.fired[j]
		e.fired[j] = true
		e.mu.Unlock()
		if !done {
			e.p.fire(j)
		}
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
