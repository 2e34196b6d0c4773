package chain

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestPlanFire(t *testing.T) {
	// est builds estimates from (need, run) pairs in ms; need < 0 means
	// the step has no trigger.
	est := func(pairs ...[2]int) []estimate {
		out := make([]estimate, len(pairs))
		for i, p := range pairs {
			out[i] = estimate{need: time.Duration(max(p[0], 0)) * ms, run: time.Duration(p[1]) * ms, trigger: p[0] >= 0}
		}
		return out
	}
	tests := []struct {
		name string
		est  []estimate
		maxK int
		want []int
	}{
		{"nothing measured: as early as allowed", est([2]int{-1, 0}, [2]int{0, 0}, [2]int{0, 0}), 2, []int{-1, 0, 0}},
		{"nothing measured, bound 1", est([2]int{-1, 0}, [2]int{0, 0}, [2]int{0, 0}, [2]int{0, 0}), 1, []int{-1, 0, 1, 2}},
		// The demo's shape: infer's freshen (91ms) outlasts validate
		// (53ms), notify's (53ms) fits in infer (88ms).
		{"long freshen from the start, short one late", est([2]int{-1, 53}, [2]int{91, 88}, [2]int{53, 51}), 2, []int{-1, 0, 1}},
		{"fits exactly", est([2]int{-1, 10}, [2]int{-1, 50}, [2]int{50, 10}), 2, []int{-1, -1, 1}},
		{"needs two predecessors", est([2]int{-1, 30}, [2]int{-1, 30}, [2]int{-1, 30}, [2]int{50, 10}), 3, []int{-1, -1, -1, 1}},
		{"needs more than the bound allows", est([2]int{-1, 30}, [2]int{-1, 30}, [2]int{-1, 30}, [2]int{100, 10}), 2, []int{-1, -1, -1, 1}},
		{"needs more than the whole chain", est([2]int{-1, 10}, [2]int{-1, 10}, [2]int{100, 10}), 2, []int{-1, -1, 0}},
		{"a run time not measured yet stops the search", est([2]int{-1, 100}, [2]int{-1, 0}, [2]int{20, 10}, [2]int{50, 10}), 3, []int{-1, -1, 0, 0}},
		{"freshen not measured: earliest", est([2]int{-1, 100}, [2]int{-1, 100}, [2]int{0, 10}), 2, []int{-1, -1, 0}},
		{"no trigger, never fired", est([2]int{-1, 10}, [2]int{-1, 10}), 1, []int{-1, -1}},
		{"single step", est([2]int{5, 10}), 3, []int{-1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := planFire(tt.est, tt.maxK); !slices.Equal(got, tt.want) {
				t.Fatalf("planFire = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWindowQuantile(t *testing.T) {
	var w window
	if w.quantile(0.5) != 0 {
		t.Fatal("empty window has a quantile")
	}
	w.add(30 * ms)
	w.add(10 * ms)
	if w.quantile(0.9) != 0 {
		t.Fatalf("quantile of %d values, fewer than %d", w.n, leadMin)
	}
	w.add(20 * ms)
	if lo, hi := w.quantile(runQuantile), w.quantile(needQuantile); lo != 10*ms || hi != 30*ms {
		t.Fatalf("3 values: low %v high %v, want 10ms and 30ms", lo, hi)
	}
	// Only the last leadWindow values count.
	for i := 1; i <= 2*leadWindow; i++ {
		w.add(time.Duration(i) * ms)
	}
	if w.n != leadWindow {
		t.Fatalf("window holds %d", w.n)
	}
	// 17…32 ms: nearest rank 2 of 16 and 15 of 16.
	if lo, hi := w.quantile(runQuantile), w.quantile(needQuantile); lo != 18*ms || hi != 31*ms {
		t.Fatalf("low %v high %v, want 18ms and 31ms", lo, hi)
	}
}

func TestLookaheadJSON(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Lookahead
		wantErr string
	}{
		{`"auto"`, Auto, ""},
		{`3`, 3, ""},
		{` "auto" `, Auto, ""},
		{`-1`, 0, "< 0"},
		{`"soon"`, 0, "number of steps or"},
		{`1.5`, 0, "number of steps or"},
	} {
		var l Lookahead
		err := json.Unmarshal([]byte(tt.in), &l)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || l != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.in, l, err, tt.want)
		}
		b, err := json.Marshal(l)
		if err != nil || strings.TrimSpace(tt.in) != string(b) {
			t.Errorf("%v marshals as %s, %v", l, b, err)
		}
	}
	c, err := Parse([]byte("name: x\nlookahead: auto\nsteps:\n- name: a\n- name: b\n"), Options{})
	if err != nil || c.Lookahead != Auto {
		t.Fatalf("YAML lookahead auto: %+v, %v", c, err)
	}
	if s := Auto.String() + "," + Lookahead(2).String(); s != "auto,2" {
		t.Errorf("String = %s", s)
	}
}

// timed is a TimedTrigger that records its fires and reports injected
// freshen durations; fires are counted per run (set by the test).
type timed struct {
	name string
	rec  *fireLog
	took time.Duration
	fail error
}

type fireLog struct {
	mu    sync.Mutex
	fires []string // "run/step@started"
	run   int
	at    int // the step whose start is being reported
}

func (l *fireLog) log(step string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fires = append(l.fires, fmt.Sprintf("%d/%s@%d", l.run, step, l.at))
}

func (l *fireLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.fires
	l.fires = nil
	slices.Sort(out)
	return out
}

func (t *timed) FireTimed(context.Context) (time.Duration, error) {
	t.rec.log(t.name)
	return t.took, t.fail
}
func (t *timed) Fire(ctx context.Context) error { _, err := t.FireTimed(ctx); return err }
func (t *timed) String() string                 { return "timed " + t.name }

// clock is a manual clock for Execution's step timing.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// autoChain is a, b, c, d where b, c and d have timed triggers whose
// freshens take need[name].
func autoChain(rec *fireLog, need map[string]time.Duration) *Chain {
	c := &Chain{Name: "auto", Lookahead: Auto, Steps: []Step{{Name: "a"}}}
	for _, n := range []string{"b", "c", "d"} {
		c.Steps = append(c.Steps, Step{Name: n, Trigger: &timed{name: n, rec: rec, took: need[n]}})
	}
	return c
}

// runChain plays one run: each step starts, runs for run[i], and the next
// starts; it stops before step stop (len(run) for a complete run).
func runChain(p *Predictor, rec *fireLog, clk *clock, run []time.Duration, stop int) {
	e := p.Execution()
	for i := 0; i < stop; i++ {
		rec.mu.Lock()
		rec.at = i
		rec.mu.Unlock()
		e.Started(i)
		p.Wait() // deterministic: the fires of step i land before it "runs"
		clk.advance(run[i])
	}
	rec.mu.Lock()
	rec.run++
	rec.mu.Unlock()
}

func TestAutoLookaheadPlansFromMeasurements(t *testing.T) {
	rec := &fireLog{}
	clk := &clock{now: time.Unix(1000, 0)}
	c := autoChain(rec, map[string]time.Duration{"b": 100 * ms, "c": 30 * ms, "d": 30 * ms})
	p := NewPredictor(c, PredictorOptions{Now: clk.Now})
	run := []time.Duration{50 * ms, 40 * ms, 40 * ms, 20 * ms}

	// Before anything is measured, the whole tail fires when the chain
	// starts.
	for r := 0; r < leadMin; r++ {
		runChain(p, rec, clk, run, len(run))
		want := []string{fmt.Sprintf("%d/b@0", r), fmt.Sprintf("%d/c@0", r), fmt.Sprintf("%d/d@0", r)}
		if got := rec.take(); !slices.Equal(got, want) {
			t.Fatalf("run %d fired %v, want %v", r, got, want)
		}
	}
	// Measured: b needs 100ms but a runs 50ms, so b fires at the start;
	// c and d need 30ms and the step before each runs 40ms.
	runChain(p, rec, clk, run, len(run))
	if got, want := rec.take(), []string{"3/b@0", "3/c@1", "3/d@2"}; !slices.Equal(got, want) {
		t.Fatalf("measured run fired %v, want %v", got, want)
	}
	plan := p.Plan()
	wantPlan := []PlanStep{
		{Step: "a"},
		{Step: "b", FireAt: "a", Need: 100 * ms, Lead: 50 * ms},
		{Step: "c", FireAt: "b", Need: 30 * ms, Lead: 40 * ms},
		{Step: "d", FireAt: "c", Need: 30 * ms, Lead: 40 * ms},
	}
	if !slices.Equal(plan, wantPlan) {
		t.Fatalf("plan = %+v\nwant   %+v", plan, wantPlan)
	}
	if plan[1].Short() != 50*ms || plan[2].Short() != 0 || plan[0].Short() != 0 {
		t.Errorf("short: b %v, c %v, a %v", plan[1].Short(), plan[2].Short(), plan[0].Short())
	}

	// A misprediction: the run stops after a (a rejected input). Only b,
	// whose freshen could not wait, was fired; c and d were not, so the
	// functions' gates see one wasted freshen, not three.
	runChain(p, rec, clk, run, 1)
	if got, want := rec.take(), []string{"4/b@0"}; !slices.Equal(got, want) {
		t.Fatalf("stopped run fired %v, want %v", got, want)
	}
	for i, s := range p.Stats() {
		if i > 0 && s.Failed+s.Dropped+s.Coalesced != 0 {
			t.Errorf("stats %+v", s)
		}
	}
}

func TestAutoFixedLookaheadStillFiresEverything(t *testing.T) {
	// The same measurements with a fixed lookahead of 3: everything at
	// the start, measured or not, as before Auto existed.
	rec := &fireLog{}
	clk := &clock{now: time.Unix(1000, 0)}
	c := autoChain(rec, map[string]time.Duration{"b": 100 * ms, "c": 30 * ms, "d": 30 * ms})
	p := NewPredictor(c, PredictorOptions{Lookahead: 3, Now: clk.Now})
	for r := 0; r < leadMin+1; r++ {
		runChain(p, rec, clk, []time.Duration{50 * ms, 40 * ms, 40 * ms, 20 * ms}, 4)
		if got := rec.take(); len(got) != 3 || !strings.HasSuffix(got[0], "@0") || !strings.HasSuffix(got[2], "@0") {
			t.Fatalf("run %d fired %v", r, got)
		}
	}
	if plan := p.Plan(); plan[3].FireAt != "a" || plan[3].Need != 0 {
		t.Fatalf("fixed plan %+v", plan)
	}
}

// TestAutoStartedFiresItsOwnTurnOnly: without an Execution, a start fires
// the steps planned at it and nothing planned earlier, since it cannot know
// whether this run already fired them.
func TestAutoStartedFiresItsOwnTurnOnly(t *testing.T) {
	rec := &fireLog{}
	c := autoChain(rec, nil) // unmeasured: all planned at a
	p := NewPredictor(c, PredictorOptions{})
	for i := range c.Steps {
		rec.at = i
		p.Started(i)
		p.Wait()
	}
	p.Started(-1)
	p.Started(len(c.Steps))
	p.Wait()
	if got, want := rec.take(), []string{"0/b@0", "0/c@0", "0/d@0"}; !slices.Equal(got, want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
}

func TestAutoMaxLookahead(t *testing.T) {
	rec := &fireLog{}
	clk := &clock{now: time.Unix(1000, 0)}
	c := autoChain(rec, nil) // untimed: never measured
	p := NewPredictor(c, PredictorOptions{MaxLookahead: 1, Now: clk.Now})
	runChain(p, rec, clk, []time.Duration{ms, ms, ms, ms}, 4)
	if got, want := rec.take(), []string{"0/b@0", "0/c@1", "0/d@2"}; !slices.Equal(got, want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
}

// TestAutoNeverFiresTwicePerRun changes the measurements in the middle of
// a run, so that the plan moves a step before and after the point where
// the run already is.
func TestAutoNeverFiresTwicePerRun(t *testing.T) {
	rec := &fireLog{}
	clk := &clock{now: time.Unix(1000, 0)}
	c := autoChain(rec, map[string]time.Duration{"b": 10 * ms, "c": 10 * ms, "d": 10 * ms})
	p := NewPredictor(c, PredictorOptions{Now: clk.Now})
	run := []time.Duration{50 * ms, 50 * ms, 50 * ms, 50 * ms}
	for range leadMin {
		runChain(p, rec, clk, run, 4)
	}
	rec.take()
	if plan := p.Plan(); plan[3].FireAt != "c" {
		t.Fatalf("plan %+v", plan)
	}

	e := p.Execution()
	e.Started(0) // fires b only
	p.Wait()
	// d's freshen now takes long: the plan moves it to a, which has
	// passed. The next step fires it, once.
	for range leadWindow {
		p.mu.Lock()
		p.need[3].add(500 * ms)
		p.mu.Unlock()
	}
	if plan := p.Plan(); plan[3].FireAt != "a" {
		t.Fatalf("plan after slow freshens: %+v", plan)
	}
	clk.advance(50 * ms)
	e.Started(1)
	p.Wait()
	// And back to quick: the plan moves d to c, but this run has fired it.
	for range leadWindow {
		p.mu.Lock()
		p.need[3].add(ms)
		p.mu.Unlock()
	}
	clk.advance(50 * ms)
	e.Started(2)
	p.Wait()
	clk.advance(50 * ms)
	e.Started(3)
	p.Wait()
	e.Started(3) // a repeated report changes nothing
	p.Wait()
	got := rec.take()
	count := map[string]int{}
	for _, f := range got {
		count[strings.Split(strings.Split(f, "/")[1], "@")[0]]++
	}
	if count["b"] != 1 || count["c"] != 1 || count["d"] != 1 {
		t.Fatalf("one run fired %v, want b, c and d once each", got)
	}
}

func TestAutoIgnoresFailedAndUntimedFreshens(t *testing.T) {
	rec := &fireLog{}
	clk := &clock{now: time.Unix(1000, 0)}
	c := &Chain{Name: "x", Lookahead: Auto, Steps: []Step{
		{Name: "a"},
		{Name: "b", Trigger: &timed{name: "b", rec: rec, took: 500 * ms, fail: fmt.Errorf("boom")}},
		{Name: "c", Trigger: &timed{name: "c", rec: rec}}, // reports 0: asynchronous
	}}
	p := NewPredictor(c, PredictorOptions{Now: clk.Now})
	for range 2 * leadMin {
		runChain(p, rec, clk, []time.Duration{ms, ms, ms}, 3)
	}
	for _, s := range p.Plan()[1:] {
		if s.Need != 0 || s.FireAt != "a" {
			t.Errorf("%+v: a failed or untimed freshen was measured", s)
		}
	}
}

func TestHTTPTriggerFireTimed(t *testing.T) {
	tests := []struct {
		name   string
		async  bool
		status int
		body   string
		timed  bool
	}{
		{"ran", false, http.StatusOK, `{"handlers":[{"handler":"a.H","status":"ok","duration_ms":20}],"duration_ms":20}`, true},
		{"one handler failed", false, http.StatusOK, `{"handlers":[{"status":"ok"},{"status":"error"}]}`, false},
		{"refused by the gate", false, http.StatusOK, `{"handlers":[{"status":"refused","reason":"cool-down"}]}`, false},
		{"already running", false, http.StatusOK, `{"handlers":[{"status":"busy"}]}`, false},
		{"not a report", false, http.StatusOK, `ok`, false},
		{"async", true, http.StatusAccepted, ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				time.Sleep(5 * ms) // the freshen
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			}))
			defer srv.Close()
			tr := &HTTPTrigger{URL: srv.URL + "/_freshen", Async: tt.async}
			took, err := tr.FireTimed(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tt.timed && took < 5*ms || !tt.timed && took != 0 {
				t.Fatalf("took %v, want timed=%v", took, tt.timed)
			}
		})
	}
}
