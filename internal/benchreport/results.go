package benchreport

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Experiments and variants, as they appear in the JSON.
const (
	Retrieval = "retrieval"
	Send      = "send"

	Cold      = "cold"
	Freshened = "freshened"
	Idle      = "idle"
	Warmed    = "warmed"
	Provider  = "provider"
	Floor     = "floor"
)

// variantOrder is the column order of the tables and the JSON.
var variantOrder = map[string]int{Cold: 0, Idle: 1, Warmed: 2, Provider: 3, Freshened: 4, Floor: 5}

// Sample is one timed operation, as a client process reports it.
type Sample struct {
	Experiment string  `json:"experiment"`
	Location   string  `json:"location,omitempty"`
	Variant    string  `json:"variant"`
	CC         string  `json:"cc,omitempty"`
	Size       int64   `json:"size"`
	Ms         float64 `json:"ms"`
	// Cwnd is the sender's tcpi_snd_cwnd before the payload, when known.
	Cwnd *int `json:"cwnd,omitempty"`
	// Order is when the sample was timed among the in-memory variants of
	// its iteration (1: first, 2: second); 0 where it does not apply.
	Order int `json:"order,omitempty"`
}

// Row is one point of the published results.
type Row struct {
	Experiment string  `json:"experiment"`
	Location   string  `json:"location"`
	SizeBytes  int64   `json:"size_bytes"`
	Variant    string  `json:"variant"`
	P50        float64 `json:"p50_ms"`
	P95        float64 `json:"p95_ms"`
	// CwndBefore is the median sender congestion window (segments) just
	// before the payload; null where no TCP sender is involved (floors,
	// FrFetch hits).
	CwndBefore *int `json:"cwnd_before"`
	// CC is the sender's congestion control; "bbr" rows are the extra
	// column, everything else runs CUBIC as the paper's kernel did.
	CC         string `json:"cc,omitempty"`
	Iterations int    `json:"iterations"`
	// P50ByOrder is the p50 of the samples timed first and of those timed
	// second in their iteration, for variants that alternate their order
	// (retrieval's freshened and floor): if the two differ much, the
	// order, not the variant, is what was measured.
	P50ByOrder []float64 `json:"p50_by_order_ms,omitempty"`
}

// LocationOrder sorts locations near to far.
var LocationOrder = map[string]int{"local": 0, "edge": 1, "remote": 2}

// Aggregate groups samples by point and reports p50/p95 and the median
// window.
func Aggregate(samples []Sample) []Row {
	type key struct {
		exp, loc, variant, cc string
		size                  int64
	}
	groups := map[key][]Sample{}
	var keys []key
	for _, s := range samples {
		k := key{s.Experiment, s.Location, s.Variant, s.CC, s.Size}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], s)
	}
	rows := make([]Row, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		ms := make([]float64, len(g))
		var cwnds []int
		var byOrder [2][]float64
		for i, s := range g {
			ms[i] = s.Ms
			if s.Cwnd != nil {
				cwnds = append(cwnds, *s.Cwnd)
			}
			if s.Order == 1 || s.Order == 2 {
				byOrder[s.Order-1] = append(byOrder[s.Order-1], s.Ms)
			}
		}
		r := Row{Experiment: k.exp, Location: k.loc, SizeBytes: k.size, Variant: k.variant, CC: k.cc,
			P50: roundNs(Percentile(ms, 50)), P95: roundNs(Percentile(ms, 95)), Iterations: len(g)}
		if m, ok := MedianInt(cwnds); ok {
			r.CwndBefore = &m
		}
		if len(byOrder[0]) > 0 && len(byOrder[1]) > 0 {
			r.P50ByOrder = []float64{roundNs(Percentile(byOrder[0], 50)), roundNs(Percentile(byOrder[1], 50))}
		}
		rows = append(rows, r)
	}
	SortRows(rows)
	return rows
}

// SortRows orders rows by experiment, location, size, congestion control
// and variant.
func SortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(
			cmp.Compare(a.Experiment, b.Experiment),
			cmp.Compare(LocationOrder[a.Location], LocationOrder[b.Location]),
			cmp.Compare(a.SizeBytes, b.SizeBytes),
			cmp.Compare(a.CC, b.CC),
			cmp.Compare(variantOrder[a.Variant], variantOrder[b.Variant]),
		)
	})
}

// SendFloor is the least time a send of size bytes can take on a link of
// rateBits bit/s with round-trip rtt: one RTT for the completion reply plus
// the serialisation of the payload.
func SendFloor(rttMs, rateBits float64, size int64) float64 {
	return round3(rttMs + float64(size)*8/rateBits*1000)
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// roundNs keeps nanoseconds: FrFetch hits and small floors are a few
// microseconds, and their ratio must not be made of rounding.
func roundNs(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// WriteJSON writes rows as an indented JSON array.
func WriteJSON(w io.Writer, rows []Row) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rows); err != nil {
		return fmt.Errorf("encode results: %w", err)
	}
	return nil
}

// Find returns the row for a point, if present.
func Find(rows []Row, exp, loc string, size int64, variant, cc string) (Row, bool) {
	for _, r := range rows {
		if r.Experiment == exp && r.Location == loc && r.SizeBytes == size && r.Variant == variant && r.CC == cc {
			return r, true
		}
	}
	return Row{}, false
}

// Sizes returns the distinct sizes of an experiment, ascending.
func Sizes(rows []Row, exp string) []int64 {
	var out []int64
	for _, r := range rows {
		if r.Experiment == exp && !slices.Contains(out, r.SizeBytes) {
			out = append(out, r.SizeBytes)
		}
	}
	slices.Sort(out)
	return out
}

// Locations returns the distinct locations of an experiment, near to far.
func Locations(rows []Row, exp string) []string {
	var out []string
	for _, r := range rows {
		if r.Experiment == exp && !slices.Contains(out, r.Location) {
			out = append(out, r.Location)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(LocationOrder[a], LocationOrder[b]) })
	return out
}

// HumanSize prints 1KB, 10MB and so on (powers of 1024, as the sizes are).
func HumanSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

// ParseSize reads sizes such as 1KB, 10MB, 512 or 2MiB.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, suf := range []struct {
		s string
		m int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"B", 1}} {
		if strings.HasSuffix(t, suf.s) {
			t, mult = strings.TrimSuffix(t, suf.s), suf.m
			break
		}
	}
	var n int64
	if _, err := fmt.Sscanf(t, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != t {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
