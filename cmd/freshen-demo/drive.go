package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/freshen-go/freshen/fr/chain"
)

// driver plays the orchestrator (Step Functions, a workflow engine): it
// invokes the steps one after the other, passing each one's output on.
type driver struct {
	client *http.Client
	fns    []*function
	token  string
	store  *objectStore
	hop    time.Duration
}

// phase is what one pass over the chain measured.
type phase struct {
	name    string
	step    [][]time.Duration // per step, per run
	total   []time.Duration   // completed chain runs only
	stopped int               // runs that validate rejected: the chain ended after step 1
	metrics []counters        // per step: counter growth during the phase
	fired   []chain.StepStats // predictor counters; nil without freshen
	answers map[string]string // image -> notify's answer, to compare phases
}

// how says how a phase freshens: through a predictor that fires
// successors as steps start, and/or by something done before each chain
// run starts, outside the measured time.
type how struct {
	pred    *chain.Predictor
	prepare func(context.Context) error
}

func (d *driver) phase(ctx context.Context, name string, h how, warmup, runs int, tick func(int)) (*phase, error) {
	p := &phase{name: name, step: make([][]time.Duration, len(d.fns)), answers: map[string]string{}}
	for i := 0; i < warmup; i++ {
		if _, _, _, _, err := d.chainRun(ctx, h, i); err != nil {
			return nil, err
		}
	}
	before, err := d.scrapeAll(ctx)
	if err != nil {
		return nil, err
	}
	for i := 0; i < runs; i++ {
		steps, hops, answer, stopped, err := d.chainRun(ctx, h, i)
		if err != nil {
			return nil, err
		}
		p.answers[uploadKey(i%64)] = answer
		if stopped {
			// A misprediction: the successors' freshen was for nothing.
			p.stopped++
			tick(i)
			continue
		}
		total := hops
		for s, dur := range steps {
			p.step[s] = append(p.step[s], dur)
			total += dur
		}
		p.total = append(p.total, total)
		tick(i)
	}
	after, err := d.scrapeAll(ctx)
	if err != nil {
		return nil, err
	}
	for s := range d.fns {
		p.metrics = append(p.metrics, after[s].minus(before[s]))
	}
	if h.pred != nil {
		p.fired = h.pred.Stats()
	}
	return p, nil
}

// chainRun runs the chain once for upload i and returns each step's
// latency as the orchestrator sees it and the last answer; stopped says
// that a step rejected its input (422) and the chain ended there.
func (d *driver) chainRun(ctx context.Context, h how, i int) (durs []time.Duration, hops time.Duration, answer string, stopped bool, err error) {
	var run *chain.Execution
	if h.pred != nil {
		run = h.pred.Execution()
		// Let the previous run's triggers settle, so each run starts
		// alike; none of this is inside a measured interval.
		h.pred.Wait()
	}
	if h.prepare != nil {
		if err := h.prepare(ctx); err != nil {
			return nil, 0, "", false, err
		}
	}
	body, _ := json.Marshal(map[string]string{"image": uploadKey(i % 64)})
	durs = make([]time.Duration, len(d.fns))
	for s, f := range d.fns {
		if s > 0 && d.hop > 0 {
			// The platform's hand-over: part of the chain's latency and of
			// the lead time freshen gets, in both phases alike.
			time.Sleep(d.hop)
			hops += d.hop
		}
		start := time.Now()
		if run != nil {
			run.Started(s) // fires successors' freshen, never waits
		}
		out, code, err := d.invoke(ctx, f, body)
		durs[s] = time.Since(start)
		if err != nil {
			return nil, 0, "", false, err
		}
		if code == http.StatusUnprocessableEntity {
			return durs[:s+1], hops, fmt.Sprintf("%s rejected: %s", f.name, bytes.TrimSpace(out)), true, nil
		}
		body = out
	}
	return durs, hops, string(bytes.TrimSpace(body)), false, nil
}

// invoke calls one step; a 422 (input rejected) is an answer, not an error.
func (d *driver) invoke(ctx context.Context, f *function, body []byte) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+f.addr+"/", bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.name, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", f.name, err)
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusUnprocessableEntity {
		return nil, 0, fmt.Errorf("%s: %s: %s", f.name, resp.Status, bytes.TrimSpace(out))
	}
	return out, resp.StatusCode, nil
}

func (d *driver) scrapeAll(ctx context.Context) ([]counters, error) {
	out := make([]counters, len(d.fns))
	for i, f := range d.fns {
		var err error
		if out[i], err = scrape(ctx, d.client, f.addr, d.token); err != nil {
			return nil, err
		}
	}
	return out, nil
}
