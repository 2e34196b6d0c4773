package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/freshen-go/freshen/fr/chain"
)

// result is what the demo prints.
type result struct {
	cfg       config
	gen       string   // what freshen-gen did
	generated []string // steps whose copy has a freshen_gen.go
	entries   []int    // fr_state entries registered per step
	phases    []*phase // off, on, ideal
	mismatch  []string
	pids      []int            // the functions' processes, all stopped when run returns
	plan      []chain.PlanStep // when the predictor freshened each step, at the end

	idealIncomplete atomic.Int64 // ideal-phase freshens that did not report completion

	mu       sync.Mutex
	triggers map[string][]time.Duration // successful freshen round trips per step
}

func (r *result) print(w io.Writer) {
	c := r.cfg
	fmt.Fprintf(w, "freshen demo: image pipeline %s, %d chain runs per phase, lookahead %s\n",
		strings.Join(steps, " → "), c.runs, c.lookahead)
	fmt.Fprintf(w, "object store: %v per request, %.1f MiB/s shared link\n", c.latency, c.bandwidth/(1<<20))
	if c.hop > 0 {
		fmt.Fprintf(w, "orchestrator hand-over: %v between steps (in end-to-end, not in the steps)\n", c.hop)
	}
	if c.rejectEvery > 0 {
		fmt.Fprintf(w, "1 in %d uploads is blank: validate rejects it, so freshening infer and notify was a misprediction\n", c.rejectEvery)
	}
	fmt.Fprintf(w, "code: %s\n", r.gen)
	if len(r.entries) == len(steps) {
		var parts []string
		for i, s := range steps {
			parts = append(parts, fmt.Sprintf("%s %d", s, r.entries[i]))
		}
		fmt.Fprintf(w, "freshen entries registered: %s\n", strings.Join(parts, ", "))
		if sum(r.entries) == 0 {
			fmt.Fprintln(w, "NOTE: no function registered a freshen hook, so freshen cannot speed anything up;")
			fmt.Fprintln(w, "      the speedup below only shows run-to-run noise.")
		}
	}
	if len(r.phases) < 3 {
		return
	}
	off, on, ideal := r.phases[0], r.phases[1], r.phases[2]
	if off.stopped+on.stopped+ideal.stopped > 0 {
		fmt.Fprintf(w, "chain runs completed: %d of %d without freshen, %d with, %d ideal (the rest rejected by validate;\n", len(off.total), c.runs, len(on.total), len(ideal.total))
		fmt.Fprintln(w, "latencies below are of completed runs, counters of all runs)")
	}
	fmt.Fprintln(w)
	const row = "%-11s %9s %9s %9s %9s %9s %9s %6s %6s %7s %7s %13s\n"
	fmt.Fprintf(w, row, "step", "off p50", "off p95", "on p50", "on p95", "ideal p50", "freshens", "hits", "waits", "inline", "wasted", "inline (off)")
	for i, s := range steps {
		m, moff := on.metrics[i], off.metrics[i]
		fmt.Fprintf(w, row, s,
			ms(pct(off.step[i], 50)), ms(pct(off.step[i], 95)), ms(pct(on.step[i], 50)), ms(pct(on.step[i], 95)), ms(pct(ideal.step[i], 50)),
			m.count("freshen_trigger_runs_total"), m.count("freshen_entry_hits_total"), m.count("freshen_entry_waits_total"),
			m.count("freshen_entry_inline_total"), m.count("freshen_entry_wasted_total"), moff.count("freshen_entry_inline_total"))
	}
	last := fmt.Sprintf(row, "end-to-end", ms(pct(off.total, 50)), ms(pct(off.total, 95)), ms(pct(on.total, 50)), ms(pct(on.total, 95)),
		ms(pct(ideal.total, 50)), "", "", "", "", "", "")
	fmt.Fprintln(w, strings.TrimRight(last, " \n"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "freshens: runs of a step's freshen hook; hits: calls served by freshen; waits: calls that")
	fmt.Fprintln(w, "found freshen still running and waited for it (then a hit, or inline if it failed);")
	fmt.Fprintln(w, "inline: calls that did their own I/O; wasted: freshened results dropped unused.")
	fmt.Fprintln(w, "on: freshen fired by the chain's predictor as steps start; ideal: every step's freshen,")
	fmt.Fprintln(w, "the first one's too, fired and completed before each chain run started (counters: on).")
	if n := r.idealIncomplete.Load(); n > 0 {
		fmt.Fprintf(w, "NOTE: %d ideal-phase freshens did not report completion, so the ideal is not quite ideal\n", n)
	}
	var gate []string
	for i, s := range steps {
		m := on.metrics[i]
		if m.sum["freshen_trigger_runs_total"] > 0 {
			gate = append(gate, fmt.Sprintf("%s %s hit/%s wasted/%s pending/%s refused", s,
				m.count("freshen_prediction_hits_total"), m.count("freshen_prediction_wasted_total"),
				m.count("freshen_prediction_pending"), m.count("freshen_gate_refused_total")))
		}
	}
	if len(gate) > 0 {
		fmt.Fprintf(w, "gate (freshens followed by an invocation): %s\n", strings.Join(gate, ", "))
	}
	if on.fired != nil {
		var parts []string
		for _, f := range on.fired {
			if f.Fired+f.Failed+f.Dropped > 0 {
				r.mu.Lock()
				rt := pct(r.triggers[f.Step], 50)
				r.mu.Unlock()
				parts = append(parts, fmt.Sprintf("%s %d fired/%d failed, round trip p50 %s", f.Step, f.Fired, f.Failed, ms(rt)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "triggers (incl. warm-up): %s\n", strings.Join(parts, ", "))
		}
	}
	if l := leadLine(r.plan); l != "" {
		fmt.Fprintln(w, l)
	}
	if len(r.mismatch) == 0 {
		fmt.Fprintln(w, "results: identical without freshen, with it, and ideal")
	} else {
		fmt.Fprintf(w, "results: %d DIFFER with freshen, e.g. %s\n", len(r.mismatch), r.mismatch[0])
	}
	if len(off.total) == 0 || len(on.total) == 0 || len(ideal.total) == 0 {
		fmt.Fprintln(w, "no chain run completed, so there is no end-to-end latency to compare")
		fmt.Fprintln(w, "ideal: none")
		fmt.Fprintln(w, "speedup: 0.00x")
		return
	}
	offP, onP, idealP := pct(off.total, 50), pct(on.total, 50), pct(ideal.total, 50)
	fmt.Fprintln(w, idealLine(offP, onP, idealP))
	fmt.Fprintf(w, "speedup: %.2fx\n", float64(offP)/float64(onP))
}

// idealLine compares the achieved end-to-end p50 with the ideal one: the
// fraction is of the saving the ideal would bring, (off - on) / (off - ideal).
func idealLine(off, on, ideal time.Duration) string {
	l := fmt.Sprintf("ideal: %s end-to-end p50 (%.2fx); achieved %s (%.2fx)",
		ms(ideal), float64(off)/float64(ideal), ms(on), float64(off)/float64(on))
	if off <= ideal {
		return l + ": the ideal saves nothing here"
	}
	return l + fmt.Sprintf(": %.0f%% of the ideal saving", 100*float64(off-on)/float64(off-ideal))
}

// leadLine says, for a predictor with Auto lookahead, when it freshened
// each step, how long the step's freshen takes and how much lead the steps
// before it give: where the lead is short, the step waits for the rest.
func leadLine(plan []chain.PlanStep) string {
	var parts []string
	for _, s := range plan {
		if s.FireAt == "" || s.Need <= 0 {
			continue
		}
		p := fmt.Sprintf("%s at %s's start: freshen %s, lead %s", s.Step, s.FireAt, ms(s.Need), ms(s.Lead))
		if short := s.Short(); short > 0 {
			p += fmt.Sprintf(" (%s short)", ms(short))
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return ""
	}
	return "lead (freshen p90 from trigger to report, lead p10 of the steps before): " + strings.Join(parts, "; ")
}

// recordTrigger is the predictor's OnFired: it keeps how long each
// successful freshen took, trigger to report, to compare with the lead
// time the predecessors give it.
func (r *result) recordTrigger(step string, d time.Duration, err error) {
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.triggers == nil {
		r.triggers = map[string][]time.Duration{}
	}
	r.triggers[step] = append(r.triggers[step], d)
}

// pct returns the p-th percentile (nearest rank).
func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	k := (p*len(s) + 99) / 100 // ceil(p/100 * n)
	return s[max(k-1, 0)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }

func sum(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}
