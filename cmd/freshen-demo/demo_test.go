package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDemo runs the whole demo with a few chain runs: freshen-gen fix on a
// copy of the example, three function processes, the object store.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds freshen-gen and three functions and runs them; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var log bytes.Buffer
	res, err := run(ctx, config{
		runs: 8, warmup: 1, latency: 50 * time.Millisecond, bandwidth: 8 << 20,
		lookahead: 2, rejectEvery: 4, // uploads 3 and 7 are blank: two mispredictions
	}, &log)
	if err != nil {
		t.Fatalf("demo: %v\nlog:\n%s", err, log.String())
	}
	var out bytes.Buffer
	res.print(&out)
	t.Logf("\n%s", out.String())

	if strings.HasPrefix(res.gen, "FAILED") || len(res.generated) != len(steps) {
		t.Fatalf("freshen-gen fix did not generate code for every step: %s (generated %v)", res.gen, res.generated)
	}
	if len(res.phases) != 3 {
		t.Fatalf("%d phases, want off, on and ideal", len(res.phases))
	}
	off, on, ideal := res.phases[0], res.phases[1], res.phases[2]
	if off.stopped != 2 || on.stopped != 2 || ideal.stopped != 2 {
		t.Errorf("rejected runs: %d without freshen, %d with, %d ideal; want 2 each", off.stopped, on.stopped, ideal.stopped)
	}
	if n := res.idealIncomplete.Load(); n != 0 {
		t.Errorf("%d ideal-phase freshens did not complete", n)
	}
	// infer's model is fetched before every ideal run, so infer never
	// waits on the store for it: well under its time without freshen.
	if i, o := pct(ideal.step[1], 50), pct(off.step[1], 50); i > o*2/3 {
		t.Errorf("ideal infer p50 %v, not well under %v without freshen", i, o)
	}
	for i, s := range steps[1:] {
		m := on.metrics[i+1]
		if m.count("freshen_trigger_runs_total") != "8" {
			t.Errorf("%s: %s freshens, want one per chain run", s, m.count("freshen_trigger_runs_total"))
		}
		if m.sum["freshen_entry_hits_total"]+m.sum["freshen_entry_waits_total"] == 0 {
			t.Errorf("%s: no call was served by freshen", s)
		}
		if off.metrics[i+1].sum["freshen_trigger_runs_total"] != 0 {
			t.Errorf("%s freshened with freshen off", s)
		}
	}
	if len(res.mismatch) != 0 {
		t.Errorf("results differ: %v", res.mismatch)
	}
	// A generous bound: the store's latency alone makes this about 1.8x.
	if sp := float64(pct(off.total, 50)) / float64(pct(on.total, 50)); sp < 1.2 {
		t.Errorf("speedup %.2fx, want at least 1.2x", sp)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "speedup: ") || !strings.HasSuffix(last, "x") {
		t.Errorf("last line %q", last)
	}
	if l := lines[len(lines)-2]; !strings.HasPrefix(l, "ideal: ") || !strings.HasSuffix(l, "of the ideal saving") {
		t.Errorf("line before the last %q, want the ideal", l)
	}
	// Everything it started is gone.
	if len(res.pids) != len(steps) {
		t.Fatalf("pids = %v", res.pids)
	}
	for _, pid := range res.pids {
		if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.Signal(0)) == nil {
			t.Errorf("process %d still running", pid)
		}
	}
}

func TestIdealLine(t *testing.T) {
	const ms = time.Millisecond
	for _, tt := range []struct {
		off, on, ideal time.Duration
		want           string
	}{
		{350 * ms, 190 * ms, 150 * ms, "ideal: 150.0ms end-to-end p50 (2.33x); achieved 190.0ms (1.84x): 80% of the ideal saving"},
		{350 * ms, 150 * ms, 150 * ms, "ideal: 150.0ms end-to-end p50 (2.33x); achieved 150.0ms (2.33x): 100% of the ideal saving"},
		{100 * ms, 100 * ms, 100 * ms, "ideal: 100.0ms end-to-end p50 (1.00x); achieved 100.0ms (1.00x): the ideal saves nothing here"},
	} {
		if got := idealLine(tt.off, tt.on, tt.ideal); got != tt.want {
			t.Errorf("idealLine(%v, %v, %v) =\n%s\nwant\n%s", tt.off, tt.on, tt.ideal, got, tt.want)
		}
	}
}

func TestLookaheadFlag(t *testing.T) {
	var l lookaheadFlag
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{{"auto", "auto", true}, {"2", "2", true}, {"0", "", false}, {"-1", "", false}, {"soon", "", false}} {
		err := l.Set(tt.in)
		if (err == nil) != tt.ok || tt.ok && l.String() != tt.want {
			t.Errorf("Set(%q): %v, %v", tt.in, l.String(), err)
		}
	}
}
