package benchreport

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPercentile(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		p    float64
		want float64
	}{
		{"single", []float64{7}, 50, 7},
		{"odd median", []float64{3, 1, 2}, 50, 2},
		{"even median interpolates", []float64{4, 1, 3, 2}, 50, 2.5},
		{"p95 of 20", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 95, 19.05},
		{"p0 is min", []float64{5, 9, 2}, 0, 2},
		{"p100 is max", []float64{5, 9, 2}, 100, 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Percentile(tc.xs, tc.p); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("Percentile(%v, %v) = %v, want %v", tc.xs, tc.p, got, tc.want)
			}
		})
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Error("Percentile of no samples is not NaN")
	}
}

func TestParseAndHumanSize(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  int64
		human string
	}{
		{"1KB", 1 << 10, "1KB"},
		{"10kb", 10 << 10, "10KB"},
		{"100MB", 100 << 20, "100MB"},
		{"2MiB", 2 << 20, "2MB"},
		{"512", 512, "512B"},
		{"1536", 1536, "1536B"},
	} {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if h := HumanSize(got); h != tc.human {
			t.Errorf("HumanSize(%d) = %q, want %q", got, h, tc.human)
		}
	}
	for _, bad := range []string{"", "KB", "-1KB", "1.5MB", "ten"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func cw(n int) *int { return &n }

func sampleRows() []Row {
	var s []Sample
	for i, ms := range []float64{100, 102, 101} {
		s = append(s, Sample{Experiment: Retrieval, Location: "remote", Variant: Cold, Size: 1 << 20, Ms: ms, Cwnd: cw(10 + i)})
	}
	s = append(s,
		Sample{Experiment: Retrieval, Location: "remote", Variant: Freshened, Size: 1 << 20, Ms: 0.105, Order: 1},
		Sample{Experiment: Retrieval, Location: "remote", Variant: Floor, Size: 1 << 20, Ms: 0.1, Order: 2},
		Sample{Experiment: Retrieval, Location: "remote", Variant: Floor, Size: 1 << 20, Ms: 0.1, Order: 1},
		Sample{Experiment: Retrieval, Location: "remote", Variant: Freshened, Size: 1 << 20, Ms: 0.105, Order: 2},
		// A small size missing its goal at the near location: 1.5×.
		Sample{Experiment: Retrieval, Location: "local", Variant: Freshened, Size: 1 << 10, Ms: 0.0015, Order: 1},
		Sample{Experiment: Retrieval, Location: "local", Variant: Floor, Size: 1 << 10, Ms: 0.001, Order: 2},
		Sample{Experiment: Send, Location: "remote", Variant: Idle, Size: 1 << 20, Ms: 360, Cwnd: cw(10)},
		Sample{Experiment: Send, Location: "remote", Variant: Warmed, Size: 1 << 20, Ms: 140, Cwnd: cw(400)},
		Sample{Experiment: Send, Location: "remote", Variant: Provider, Size: 1 << 20, Ms: 200, Cwnd: cw(440)},
		Sample{Experiment: Send, Location: "remote", Variant: Idle, CC: "bbr", Size: 1 << 20, Ms: 150, Cwnd: cw(300)},
		Sample{Experiment: Send, Location: "local", Variant: Cold, Size: 1 << 10, Ms: 0.3, Cwnd: cw(10)},
	)
	rows := Aggregate(s)
	rows = append(rows, Row{Experiment: Send, Location: "remote", SizeBytes: 1 << 20, Variant: Floor,
		P50: SendFloor(50, 100e6, 1<<20), P95: SendFloor(50, 100e6, 1<<20)})
	SortRows(rows)
	return rows
}

func TestAggregate(t *testing.T) {
	rows := sampleRows()
	cold, ok := Find(rows, Retrieval, "remote", 1<<20, Cold, "")
	if !ok {
		t.Fatal("no cold retrieval row")
	}
	if cold.P50 != 101 || cold.Iterations != 3 || cold.CwndBefore == nil || *cold.CwndBefore != 11 {
		t.Errorf("cold row = %+v, want p50 101, 3 iterations, cwnd 11", cold)
	}
	fr, _ := Find(rows, Retrieval, "remote", 1<<20, Freshened, "")
	if fr.CwndBefore != nil {
		t.Errorf("freshened row has a window: %v", *fr.CwndBefore)
	}
	if len(fr.P50ByOrder) != 2 || fr.P50ByOrder[0] != 0.105 || fr.P50ByOrder[1] != 0.105 {
		t.Errorf("freshened p50 by order = %v, want [0.105 0.105]", fr.P50ByOrder)
	}
	if fl, _ := Find(rows, Retrieval, "local", 1<<10, Floor, ""); fl.P50ByOrder != nil {
		t.Errorf("floor timed in one position only has p50 by order %v", fl.P50ByOrder)
	}
	if cold.P50ByOrder != nil {
		t.Errorf("cold row has p50 by order %v", cold.P50ByOrder)
	}
	if _, ok := Find(rows, Send, "remote", 1<<20, Idle, "bbr"); !ok {
		t.Error("BBR row lost")
	}
	if rows[0].Experiment != Retrieval || rows[len(rows)-1].Location != "remote" {
		t.Errorf("rows not sorted retrieval first, near to far: first %+v last %+v", rows[0], rows[len(rows)-1])
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rows); err != nil {
		t.Fatal(err)
	}
	var generic []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &generic); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"experiment", "location", "size_bytes", "variant", "p50_ms", "p95_ms", "cwnd_before"} {
		if _, ok := generic[0][key]; !ok {
			t.Errorf("JSON row lacks %q: %v", key, generic[0])
		}
	}
}

func TestSendFloor(t *testing.T) {
	// 1 MiB at 100 Mbit/s is 83.886 ms of serialisation.
	if got := SendFloor(50, 100e6, 1<<20); math.Abs(got-133.886) > 0.001 {
		t.Errorf("SendFloor = %v, want 133.886", got)
	}
}

func TestCheckGoalsAndMarkdown(t *testing.T) {
	rows := sampleRows()
	goals := CheckGoals(rows)
	if len(goals) != 3 {
		t.Fatalf("goals = %+v, want two retrieval (local, remote) and one send", goals)
	}
	// Retrieval is checked everywhere: local's 1KB misses.
	if goals[0].Met || !strings.Contains(goals[0].Name, "local 1KB") || !strings.Contains(goals[0].Detail, "1.50×") {
		t.Errorf("local retrieval goal = %+v, want missed at 1.50×", goals[0])
	}
	if !goals[1].Met || !strings.Contains(goals[1].Name, "remote 1MB") || !strings.Contains(goals[1].Detail, "1.05×") {
		t.Errorf("remote retrieval goal = %+v, want met at 1.05×", goals[1])
	}
	// warmed 140 vs floor 133.886: 1.05×, met; provider is slower, so
	// the better of the two is warmed.
	if !goals[2].Met || !strings.Contains(goals[2].Detail, "warmed") {
		t.Errorf("send goal = %+v, want met by warmed", goals[2])
	}
	md := Markdown(rows, Meta{Rate: "100mbit", Locations: []LocationInfo{{Name: "remote", OneWayMs: 25, RTTms: 50, Mode: "tun+delayline", InitCwnd: 432}}})
	for _, want := range []string{"| remote | 1MB | 101 (102)", "-61%", "BBR", "met", "**missed**", "432",
		"| remote | 1MB | 0.105 / 0.105 | 0.1 / 0.1 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestPlots(t *testing.T) {
	dir := t.TempDir()
	paths, err := Plots(sampleRows(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"retrieval.png", "send-local.png", "send-remote.png"}
	if len(paths) != len(want) {
		t.Fatalf("wrote %v, want %v", paths, want)
	}
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("%s is not a PNG", name)
		}
	}
}
