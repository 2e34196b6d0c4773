//go:build linux

package bench

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/freshen-go/freshen/internal/benchreport"
	"github.com/freshen-go/freshen/internal/netlab"
)

// TestMain lets the test binary play the lab's server and client: Run
// re-executes its own executable inside the namespaces.
func TestMain(m *testing.M) {
	if IsChild(os.Args) {
		os.Exit(Main(os.Args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestParsePlan(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"1KB=20,100MB=3", "1KB=20,100MB=3", true},
		{" 10KB=1 , ", "10KB=1", true},
		{"", "", false},
		{"1KB", "", false},
		{"1KB=0", "", false},
		{"1KB=5000", "", false},
	} {
		plan, err := parsePlan(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("parsePlan(%q) error = %v, want ok=%v", tc.in, err, tc.ok)
			continue
		}
		if tc.ok && formatPlan(plan) != tc.want {
			t.Errorf("parsePlan(%q) = %s, want %s", tc.in, formatPlan(plan), tc.want)
		}
	}
	if got := formatPlan(planUpTo(mustPlan(t, fullPlan), bbrMaxSize)); got != "1KB=20,10KB=20,100KB=20,1MB=20,10MB=6" {
		t.Errorf("planUpTo = %s", got)
	}
}

func mustPlan(t *testing.T, s string) []planItem {
	t.Helper()
	p, err := parsePlan(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSmokeRemote runs a tiny plan at the far location through the real
// lab: delay line, kernel TCP, the server and client processes and the fr
// runtime. It checks the shape of the results, not performance numbers
// beyond what physics forces (a new connection costs round trips).
func TestSmokeRemote(t *testing.T) {
	if err := netlab.Preflight(); err != nil {
		if errors.Is(err, netlab.ErrUnsupported) {
			t.Skipf("skipping: %v", err)
		}
		t.Fatal(err)
	}
	if testing.Short() {
		t.Skip("skipping the lab smoke test in -short mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	res, err := Run(ctx, Options{
		Locations: []Location{{Name: "remote", OneWay: 10 * time.Millisecond}},
		Plan:      mustPlan(t, "1KB=2,100KB=2"),
		Shaping:   netlab.DefaultShaping,
		WarmMax:   4 << 20,
		Logf:      t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	rtt := res.Meta.Locations[0].RTTms
	if rtt < 20 || rtt > 60 {
		t.Errorf("connect RTT %.1f ms for 10 ms each way", rtt)
	}
	for _, v := range []struct{ exp, variant string }{
		{benchreport.Retrieval, benchreport.Cold},
		{benchreport.Retrieval, benchreport.Freshened},
		{benchreport.Retrieval, benchreport.Floor},
		{benchreport.Send, benchreport.Cold},
		{benchreport.Send, benchreport.Idle},
		{benchreport.Send, benchreport.Warmed},
		{benchreport.Send, benchreport.Provider},
		{benchreport.Send, benchreport.Floor},
	} {
		for _, size := range []int64{1 << 10, 100 << 10} {
			if _, ok := benchreport.Find(res.Rows, v.exp, "remote", size, v.variant, ""); !ok {
				t.Errorf("no %s %s row for %d bytes", v.exp, v.variant, size)
			}
		}
	}
	cold, _ := benchreport.Find(res.Rows, benchreport.Retrieval, "remote", 100<<10, benchreport.Cold, "")
	fresh, _ := benchreport.Find(res.Rows, benchreport.Retrieval, "remote", 100<<10, benchreport.Freshened, "")
	// A new connection plus a GET is at least two round trips.
	if cold.P50 < 2*rtt {
		t.Errorf("cold retrieval %.1f ms, less than two round trips (%.1f ms)", cold.P50, 2*rtt)
	}
	if fresh.P50 >= rtt {
		t.Errorf("freshened retrieval %.3f ms is not below one round trip: FrFetch did not serve from memory", fresh.P50)
	}
	idle, _ := benchreport.Find(res.Rows, benchreport.Send, "remote", 100<<10, benchreport.Idle, "")
	if idle.CwndBefore == nil || *idle.CwndBefore > 10 {
		t.Errorf("idle window %v, want the restart window (≤ 10) after slow start after idle", idle.CwndBefore)
	}
}
