package frow

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/freshen-go/freshen/fr/gate"
	"github.com/freshen-go/freshen/fr/internal/frtest"
	"github.com/freshen-go/freshen/fr/trigger"
)

// lockedBuffer collects log output written from the action.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) take() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.b.String()
	l.b.Reset()
	return s
}

// action registers a one-entry handler and returns the wrapped Main, a
// counter of freshens and the log.
func action(t *testing.T, name string) (func(map[string]any) map[string]any, *atomic.Int32, *atomic.Int32, *lockedBuffer) {
	t.Helper()
	var ran atomic.Int32
	freshened := frtest.Counting(name)
	logs := &lockedBuffer{}
	fw := New(Options{
		Token:    "tok",
		Handlers: []string{name},
		Runner:   trigger.New(trigger.Options{Gate: gate.New(gate.Config{})}),
		Logger:   slog.New(slog.NewTextHandler(logs, nil)),
	})
	main := fw.Wrap(func(args map[string]any) map[string]any {
		ran.Add(1)
		name, _ := args["name"].(string)
		return map[string]any{"greeting": "hello " + name}
	})
	return main, freshened, &ran, logs
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var args map[string]any
	if err := json.Unmarshal([]byte(s), &args); err != nil {
		t.Fatal(err)
	}
	return args
}

func TestIntercept(t *testing.T) {
	const name = "frow_test.Main"
	main, freshened, ran, logs := action(t, name)
	tests := []struct {
		name      string
		args      string // JSON, as the OpenWhisk proxy decodes it
		freshened bool
		want      string // substring of the JSON result
	}{
		{"all", `{"__freshen": true}`, true, `"status":"ok"`},
		{"all as a string", `{"__freshen": "true"}`, true, `"status":"ok"`},
		{"all as an object", `{"__freshen": {}}`, true, `"status":"ok"`},
		{"by name", `{"__freshen": "` + name + `"}`, true, `"handler":"` + name + `"`},
		{"by short name", `{"__freshen": "Main"}`, true, `"handler":"` + name + `"`},
		{"by object", `{"__freshen": {"handler": "` + name + `"}}`, true, `"status":"ok"`},
		{"unknown", `{"__freshen": "nope.Main"}`, false, `unknown handler`},
		{"web without token", `{"__freshen": true, "__ow_method": "get", "__ow_headers": {}}`, false, `needs the freshen token`},
		{"web with a wrong token", `{"__freshen": true, "__ow_method": "post", "__ow_headers": {"authorization": "Bearer tak"}}`, false, `needs the freshen token`},
		{"web with token", `{"__freshen": true, "__ow_method": "post", "__ow_headers": {"authorization": "Bearer tok"}}`, true, `"status":"ok"`},
		{"web with lower-case scheme", `{"__freshen": true, "__ow_method": "post", "__ow_headers": {"authorization": "bearer tok"}}`, true, `"status":"ok"`},
		{"ordinary activation", `{"name": "ada"}`, false, `"greeting":"hello ada"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, beforeRan := freshened.Load(), ran.Load()
			out, err := json.Marshal(main(decode(t, tt.args)))
			if err != nil {
				t.Fatal(err)
			}
			if got := freshened.Load() - before; (got == 1) != tt.freshened {
				t.Errorf("freshened %d times, want freshened=%v", got, tt.freshened)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("result %s lacks %q", out, tt.want)
			}
			if ordinary := strings.Contains(tt.want, "greeting"); (ran.Load()-beforeRan == 1) != ordinary {
				t.Errorf("Main ran %d times", ran.Load()-beforeRan)
			}
			if l := logs.take(); l != "" {
				t.Errorf("logged %q", l)
			}
		})
	}
}

// A malformed __freshen is not a freshen request: the action runs, with its
// arguments as they came, and one line is logged.
func TestMalformedParameterRunsMain(t *testing.T) {
	const name = "frow_test.Malformed"
	main, freshened, ran, logs := action(t, name)
	for _, param := range []string{
		`false`,
		`3`,
		`-1.5`,
		`null`,
		`[]`,
		`["` + name + `"]`,
		`{"handler": "` + name + `", "id": 7}`,
		`{"handler": ""}`,
		`{"handler": 42}`,
		`{"handler": null}`,
		`{"Handler": "` + name + `"}`,
		`{"id": 7}`,
		`{"handler": {"handler": "` + name + `"}}`,
	} {
		t.Run(param, func(t *testing.T) {
			in := decode(t, `{"name": "ada", "__freshen": `+param+`}`)
			before, beforeRan := freshened.Load(), ran.Load()
			out := main(in)
			if ran.Load()-beforeRan != 1 || out["greeting"] != "hello ada" {
				t.Fatalf("Main did not run: %v", out)
			}
			if freshened.Load() != before {
				t.Error("freshened")
			}
			l := logs.take()
			if strings.Count(l, "\n") != 1 || !strings.Contains(l, "malformed freshen parameter") {
				t.Errorf("log = %q, want one line", l)
			}
		})
	}
	// An oversized value is logged bounded.
	in := map[string]any{"name": "ada", Param: map[string]any{"handler": strings.Repeat("x", 10000), "more": 1}}
	main(in)
	if l := logs.take(); len(l) > 400 || strings.Count(l, "\n") != 1 {
		t.Errorf("log of a large value: %d bytes", len(l))
	}
}
