package trigger

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
	"github.com/freshen-go/freshen/fr/internal/frtest"
)

// reg registers a one-entry handler whose freshen runs f as a warm action.
func reg(name string, f func(ctx context.Context) error) {
	s := frtest.State(name, 1)
	fr.Register(s, func(ctx context.Context) error { return s.Run(ctx, fr.Warm(0, f)) })
}

func TestRunStatuses(t *testing.T) {
	release := make(chan struct{})
	reg("trigger_test.OK", func(context.Context) error { return nil })
	reg("trigger_test.Fails", func(context.Context) error { return errors.New("origin down") })
	reg("trigger_test.Blocks", func(ctx context.Context) error {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return ctx.Err()
	})
	defer close(release)

	tests := []struct {
		name, handler, status, inErr string
		budget                       time.Duration
	}{
		{"ok", "trigger_test.OK", StatusOK, "", time.Second},
		{"action error", "trigger_test.Fails", StatusError, "origin down", time.Second},
		{"budget", "trigger_test.Blocks", StatusTimeout, "deadline", 30 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{Budget: tt.budget})
			rep, err := r.Run(context.Background(), []string{tt.handler})
			if err != nil {
				t.Fatal(err)
			}
			h := rep.Handlers[0]
			if h.Status != tt.status || !strings.Contains(h.Error, tt.inErr) || rep.TimedOut() != (tt.status == StatusTimeout) {
				t.Fatalf("report = %+v", h)
			}
			if tt.status != StatusTimeout && (len(h.Entries) != 1 || h.Entries[0].Kind != "warm") {
				t.Fatalf("entries = %+v", h.Entries)
			}
		})
	}
}

func TestRunUnknownAndBusy(t *testing.T) {
	r := New(Options{})
	if _, err := r.Run(context.Background(), []string{"trigger_test.Nope"}); !IsUnknown(err) {
		t.Fatalf("err = %v, want unknown handler", err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	reg("trigger_test.Busy", func(context.Context) error { close(started); <-release; return nil })
	done := make(chan Report)
	go func() { rep, _ := r.Run(context.Background(), []string{"trigger_test.Busy"}); done <- rep }()
	<-started
	rep, _ := r.Run(context.Background(), []string{"trigger_test.Busy"})
	if rep.Handlers[0].Status != StatusBusy {
		t.Fatalf("second run = %+v, want busy", rep.Handlers[0])
	}
	close(release)
	if rep := <-done; rep.Handlers[0].Status != StatusOK {
		t.Fatalf("first run = %+v", rep.Handlers[0])
	}
}

func TestRunRespectsCallerDeadline(t *testing.T) {
	reg("trigger_test.Deadline", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	r := New(Options{Budget: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	rep, err := r.Run(ctx, []string{"trigger_test.Deadline"})
	if err != nil || rep.Handlers[0].Status != StatusTimeout {
		t.Fatalf("report %+v, err %v", rep, err)
	}
}

func TestRefusedByGateAndAccounts(t *testing.T) {
	reg("trigger_test.Batch", func(context.Context) error { return nil })
	g := gate.New(gate.Config{})
	g.SetClass("trigger_test.Batch", gate.LatencyInsensitive)
	reg("trigger_test.OK2", func(context.Context) error { return nil })
	r := New(Options{Gate: g})
	rep, err := r.Run(context.Background(), []string{"trigger_test.Batch", "trigger_test.OK2"})
	if err != nil {
		t.Fatal(err)
	}
	if h := rep.Handlers[0]; h.Status != StatusRefused || h.Reason != "latency-insensitive" {
		t.Fatalf("batch = %+v", h)
	}
	r.Invoked("trigger_test.OK2")
	var got []Account
	b, _ := json.Marshal(r.Accounts())
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Handler != "trigger_test.Batch" || got[0].Runs != 0 || got[0].Gate.Refused != 1 ||
		got[1].Runs != 1 || got[1].Gate.Hits != 1 {
		t.Fatalf("accounts = %s", b)
	}
}

func TestWritePrometheus(t *testing.T) {
	reg("trigger_test.Prom\"x", func(context.Context) error { return nil })
	r := New(Options{})
	if _, err := r.Run(context.Background(), []string{"trigger_test.Prom\"x"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WritePrometheus(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"# HELP freshen_trigger_wall_seconds_total ",
		"# TYPE freshen_gate_open gauge\n",
		`freshen_trigger_runs_total{handler="trigger_test.Prom\"x"} 1` + "\n",
		`freshen_entry_runs_total{handler="trigger_test.Prom\"x",index="0",kind="warm"} 1` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// Every sample line is NAME{labels} VALUE.
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if sp := strings.LastIndexByte(line, ' '); sp < 0 || !strings.HasPrefix(line, "freshen_") {
			t.Errorf("malformed line %q", line)
		}
	}
}

func TestServiceClassFromEnvironment(t *testing.T) {
	reg("trigger_test.Env", func(context.Context) error { return nil })
	tests := []struct{ env, status, reason string }{
		{"", StatusOK, ""},
		{"latency-sensitive", StatusOK, ""},
		{"latency-insensitive", StatusRefused, "latency-insensitive"},
		{"fastest-please", StatusRefused, "latency-insensitive"}, // unknown: off
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv(ClassEnv, tt.env)
			rep, err := New(Options{}).Run(context.Background(), []string{"trigger_test.Env"})
			if err != nil {
				t.Fatal(err)
			}
			if h := rep.Handlers[0]; h.Status != tt.status || h.Reason != tt.reason {
				t.Fatalf("%s=%q: %+v", ClassEnv, tt.env, h)
			}
		})
	}
}

// A hoist entry reports the value it keeps.
func TestWritePrometheusHoisted(t *testing.T) {
	name := "trigger_test.PromHoist"
	s := frtest.State(name, 1)
	fr.Register(s, func(ctx context.Context) error {
		return s.Run(ctx, fr.Hoist(0, func(context.Context) (*bytes.Buffer, error) { return new(bytes.Buffer), nil }))
	})
	r := New(Options{})
	if _, err := r.Run(context.Background(), []string{name}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WritePrometheus(&buf); err != nil {
		t.Fatal(err)
	}
	want := `freshen_entry_hoisted_total{handler="trigger_test.PromHoist",index="0",kind="hoist"} 1` + "\n"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("output lacks %q", want)
	}
}
