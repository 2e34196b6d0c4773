package trigger

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
)

// Account is what triggered freshens of one handler cost, plus its gate.
type Account struct {
	Handler  string        `json:"handler"`
	Runs     uint64        `json:"runs"`     // freshen runs started by a trigger
	Errors   uint64        `json:"errors"`   // runs with a failed action
	Timeouts uint64        `json:"timeouts"` // runs that outlived the budget
	Busy     uint64        `json:"busy"`     // requests coalesced into a running freshen
	Wall     time.Duration `json:"wall_ns"`  // summed freshen wall time: what the owner pays for
	Bytes    int64         `json:"bytes"`    // bytes prefetched
	Gate     gate.Stats    `json:"gate"`     // hits, waste, refusals, cool-down
}

// Accounts returns one Account per handler seen by the runner or its gate,
// sorted by handler name.
func (r *Runner) Accounts() []Account {
	gs := map[string]gate.Stats{}
	for _, s := range r.gate.Snapshot() {
		gs[s.Name] = s
	}
	r.mu.Lock()
	names := make([]string, 0, len(r.acct)+len(gs))
	for n := range r.acct {
		names = append(names, n)
	}
	for n := range gs {
		if r.acct[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	out := make([]Account, 0, len(names))
	for _, n := range names {
		a := Account{Handler: n, Gate: gs[n]}
		if c := r.acct[n]; c != nil {
			a.Runs, a.Errors, a.Timeouts, a.Busy, a.Wall, a.Bytes = c.runs, c.errors, c.timeouts, c.busy, c.wall, c.bytes
		}
		if a.Gate.Name == "" {
			a.Gate = gate.Stats{Name: n, Class: gate.LatencySensitive.String(), Open: true, HitRate: 1}
		}
		out = append(out, a)
	}
	r.mu.Unlock()
	return out
}

// WritePrometheus writes the runner's accounts and fr's per-entry counters
// in the Prometheus text exposition format (version 0.0.4).
func (r *Runner) WritePrometheus(w io.Writer) error {
	bw := bufio.NewWriter(w)
	accts := r.Accounts()
	type metric struct {
		name, help, typ string
		val             func(Account) float64
	}
	ms := []metric{
		{"freshen_trigger_runs_total", "Freshen runs started by a trigger.", "counter", func(a Account) float64 { return float64(a.Runs) }},
		{"freshen_trigger_errors_total", "Triggered freshen runs in which an action failed.", "counter", func(a Account) float64 { return float64(a.Errors) }},
		{"freshen_trigger_timeouts_total", "Triggered freshen runs that outlived the time budget.", "counter", func(a Account) float64 { return float64(a.Timeouts) }},
		{"freshen_trigger_busy_total", "Freshen requests that found one already running.", "counter", func(a Account) float64 { return float64(a.Busy) }},
		{"freshen_trigger_wall_seconds_total", "Wall time spent in triggered freshen runs (billable).", "counter", func(a Account) float64 { return a.Wall.Seconds() }},
		{"freshen_trigger_bytes_total", "Bytes prefetched by triggered freshen runs (billable).", "counter", func(a Account) float64 { return float64(a.Bytes) }},
		{"freshen_prediction_hits_total", "Freshens followed by an invocation within the horizon.", "counter", func(a Account) float64 { return float64(a.Gate.Hits) }},
		{"freshen_prediction_wasted_total", "Freshens not followed by an invocation within the horizon.", "counter", func(a Account) float64 { return float64(a.Gate.Wasted) }},
		{"freshen_prediction_pending", "Freshens still waiting for their invocation.", "gauge", func(a Account) float64 { return float64(a.Gate.Pending) }},
		{"freshen_unpredicted_invocations_total", "Invocations that no freshen preceded.", "counter", func(a Account) float64 { return float64(a.Gate.Unpredicted) }},
		{"freshen_gate_refused_total", "Freshen requests refused by the gate (cool-down or service class).", "counter", func(a Account) float64 { return float64(a.Gate.Refused) }},
		{"freshen_gate_trips_total", "Times the gate closed because too many freshens were wasted.", "counter", func(a Account) float64 { return float64(a.Gate.Trips) }},
		{"freshen_gate_open", "1 while freshen is honoured, 0 during a cool-down or for latency-insensitive functions.", "gauge", func(a Account) float64 { return b2f(a.Gate.Open) }},
		{"freshen_gate_hit_ratio", "Hit ratio over the gate's sliding window (1 when empty).", "gauge", func(a Account) float64 { return a.Gate.HitRate }},
	}
	for _, m := range ms {
		header(bw, m.name, m.help, m.typ)
		for _, a := range accts {
			sample(bw, m.name, m.val(a), "handler", a.Handler)
		}
	}

	stats := fr.Stats()
	type emetric struct {
		name, help, typ string
		val             func(fr.EntryStats) float64
	}
	ems := []emetric{
		{"freshen_entry_runs_total", "Freshen actions started per fr_state entry.", "counter", func(e fr.EntryStats) float64 { return float64(e.Runs) }},
		{"freshen_entry_errors_total", "Freshen actions that failed per entry.", "counter", func(e fr.EntryStats) float64 { return float64(e.Errors) }},
		{"freshen_entry_hits_total", "Calls served by a freshen result or warmed resource.", "counter", func(e fr.EntryStats) float64 { return float64(e.Hits) }},
		{"freshen_entry_waits_total", "Calls that waited for a running freshen.", "counter", func(e fr.EntryStats) float64 { return float64(e.Waits) }},
		{"freshen_entry_inline_total", "Calls that ran themselves (nothing freshened).", "counter", func(e fr.EntryStats) float64 { return float64(e.Inline) }},
		{"freshen_entry_wasted_total", "Freshen results dropped before any use.", "counter", func(e fr.EntryStats) float64 { return float64(e.Wasted) }},
		{"freshen_entry_bytes_total", "Bytes prefetched per entry.", "counter", func(e fr.EntryStats) float64 { return float64(e.Bytes) }},
		{"freshen_entry_wall_seconds_total", "Freshen action wall time per entry.", "counter", func(e fr.EntryStats) float64 { return e.Wall.Seconds() }},
		{"freshen_entry_hoisted_total", "Runtime-scoped values a hoist entry built and kept (1 once built).", "counter", func(e fr.EntryStats) float64 { return float64(e.Hoisted) }},
	}
	for _, m := range ems {
		header(bw, m.name, m.help, m.typ)
		for _, h := range stats {
			for _, e := range h.Entries {
				sample(bw, m.name, m.val(e), "handler", h.Handler, "index", strconv.Itoa(e.Index), "kind", e.Kind)
			}
		}
	}
	return bw.Flush()
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func header(w *bufio.Writer, name, help, typ string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// sample writes one line; labels are name/value pairs.
func sample(w *bufio.Writer, name string, v float64, labels ...string) {
	w.WriteString(name)
	if len(labels) > 0 {
		w.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, "%s=\"%s\"", labels[i], labelEscaper.Replace(labels[i+1]))
		}
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	w.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	w.WriteByte('\n')
}

// labelEscaper escapes a label value as the text format requires.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
