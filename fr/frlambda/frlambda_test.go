package frlambda

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
	"github.com/freshen-go/freshen/fr/internal/frtest"
	"github.com/freshen-go/freshen/fr/trigger"
)

type order struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
}

func TestInvoke(t *testing.T) {
	var fetched atomic.Int32
	obj := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		io.WriteString(w, "prices")
	}))
	defer obj.Close()
	const name = "frlambda_test.Handle"
	s := frtest.State(name, 1)
	fr.Register(s, func(ctx context.Context) error {
		return s.Run(ctx, fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
			return fr.HTTPGet(ctx, http.DefaultClient, obj.URL)
		}))
	})

	var calls atomic.Int32
	handle := func(ctx context.Context, o order) (string, error) {
		calls.Add(1)
		return "handled " + o.ID, nil
	}
	g := gate.New(gate.Config{})
	h := lambda.NewHandler(Wrap(handle, Options{Runner: trigger.New(trigger.Options{Gate: g}), Handlers: []string{name}}))

	tests := []struct {
		name      string
		payload   string
		freshened bool   // fetched once more
		handled   string // function's answer; empty when freshen answered
		inResp    string
	}{
		{"freshen event", `{"freshen":{"handler":"` + name + `"}}`, true, "", `"status":"ok"`},
		{"freshen all", `{"freshen":{}}`, true, "", `"handler":"` + name + `"`},
		{"serverless-plugin-warmup", `{"source":"serverless-plugin-warmup"}`, true, "", `"freshen"`},
		{"lambda-warmer", `{"warmer":true,"concurrency":1}`, true, "", `"freshen"`},
		{"unknown handler", `{"freshen":{"handler":"nope.H"}}`, false, "", `unknown handler`},
		{"normal event", `{"id":"42"}`, false, `"handled 42"`, ""},
		{"event with another source", `{"id":"7","source":"aws.events"}`, false, `"handled 7"`, ""},
		{"freshen field among others", `{"id":"8","freshen":{"handler":"x"}}`, false, `"handled 8"`, ""},
		{"freshen with unknown field", `{"freshen":{"handler":"` + name + `","id":"9"}}`, false, `"handled "`, ""},
		{"warmer false", `{"id":"10","warmer":false}`, false, `"handled 10"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			beforeF, beforeC := fetched.Load(), calls.Load()
			out, err := h.Invoke(context.Background(), []byte(tt.payload))
			if err != nil {
				t.Fatal(err)
			}
			if got := fetched.Load() - beforeF; (got == 1) != tt.freshened {
				t.Errorf("fetches = %d, freshened want %v", got, tt.freshened)
			}
			if tt.handled != "" {
				if calls.Load()-beforeC != 1 || string(out) != tt.handled {
					t.Fatalf("function not called as itself: out %s", out)
				}
				return
			}
			if calls.Load() != beforeC {
				t.Fatal("freshen event reached the function")
			}
			if !strings.Contains(string(out), tt.inResp) {
				t.Fatalf("response %s lacks %q", out, tt.inResp)
			}
			var resp Response
			if err := json.Unmarshal(out, &resp); err != nil {
				t.Fatalf("response is not JSON: %v", err)
			}
		})
	}
	// Normal events were credited to the handler for hit/waste accounting.
	// ("freshen all" also freshens handlers other tests registered.)
	st := g.Snapshot()
	i := slices.IndexFunc(st, func(s gate.Stats) bool { return s.Name == name })
	if i < 0 || st[i].Hits == 0 {
		t.Fatalf("gate = %+v", st)
	}
}

// TestOrdinaryEventsReachTheFunction sends events that resemble a freshen
// request or a warmer ping but are not exactly one: each must reach the
// function byte for byte, and none may freshen.
func TestOrdinaryEventsReachTheFunction(t *testing.T) {
	const name = "frlambda_test.Echo"
	freshened := frtest.Counting(name)
	var calls atomic.Int32
	echo := func(ctx context.Context, ev json.RawMessage) (json.RawMessage, error) {
		calls.Add(1)
		return ev, nil
	}
	h := lambda.NewHandler(Wrap(echo, Options{Runner: trigger.New(trigger.Options{Gate: gate.New(gate.Config{})}), Handlers: []string{name}}))

	for _, payload := range []string{
		// The examples: a field among the function's own.
		`{"orderId":42,"warmer":true}`,
		`{"source":"serverless-plugin-warmup","detail":{"orderId":42}}`,
		`{"orderId":42,"WARMER":true}`,
		// Case variants of every key and value.
		`{"WARMER":true}`,
		`{"Warmer":true}`,
		`{"SOURCE":"serverless-plugin-warmup"}`,
		`{"source":"Serverless-Plugin-Warmup"}`,
		`{"Freshen":{}}`,
		`{"FRESHEN":{"handler":"` + name + `"}}`,
		`{"freshen":{"Handler":"` + name + `"}}`,
		// Wrong value types.
		`{"warmer":"true"}`,
		`{"warmer":1}`,
		`{"warmer":false}`,
		`{"warmer":null}`,
		`{"source":null}`,
		`{"source":["serverless-plugin-warmup"]}`,
		`{"freshen":null}`,
		`{"freshen":true}`,
		`{"freshen":"` + name + `"}`,
		`{"freshen":[]}`,
		`{"freshen":{"handler":null}}`,
		`{"freshen":{"handler":42}}`,
		`{"freshen":{"handler":""}}`,
		`{"warmer":true,"concurrency":0}`,
		`{"warmer":true,"concurrency":-1}`,
		`{"warmer":true,"concurrency":1.5}`,
		`{"warmer":true,"concurrency":"3"}`,
		// Extra fields.
		`{"warmer":true,"concurrency":3,"orderId":42}`,
		`{"warmer":true,"orderId":42}`,
		`{"freshen":{},"orderId":42}`,
		`{"freshen":{"handler":"` + name + `","orderId":42}}`,
		`{"source":"serverless-plugin-warmup","warmer":true}`,
		// Nested, arrays, null, scalars.
		`{"detail":{"warmer":true}}`,
		`{"detail":{"source":"serverless-plugin-warmup"}}`,
		`{"Records":[{"freshen":{}}]}`,
		`[{"warmer":true}]`,
		`[{"freshen":{}}]`,
		`null`,
		`"serverless-plugin-warmup"`,
		`{}`,
		// Repeated keys: parsers disagree on which one wins.
		`{"warmer":true,"warmer":true}`,
		`{"warmer":false,"warmer":true}`,
		`{"source":"x","source":"serverless-plugin-warmup"}`,
		`{"freshen":{},"freshen":{}}`,
		`{"freshen":{"handler":"x","handler":"` + name + `"}}`,
		// Trailing data.
		`{"warmer":true} {"orderId":42}`,
		`{"freshen":{}}[]`,
	} {
		t.Run(payload, func(t *testing.T) {
			beforeF, beforeC := freshened.Load(), calls.Load()
			out, err := h.Invoke(context.Background(), []byte(payload))
			if calls.Load()-beforeC != 1 {
				t.Fatalf("function not called (out %s, err %v)", out, err)
			}
			if freshened.Load() != beforeF {
				t.Error("the event freshened")
			}
			if err != nil {
				// Only input the function's own decoder refuses may fail,
				// and then it failed in the function.
				var v any
				if json.Unmarshal([]byte(payload), &v) == nil {
					t.Fatalf("valid JSON failed: %v", err)
				}
				return
			}
			if !jsonEqual(t, out, []byte(payload)) {
				t.Fatalf("function saw %s", out)
			}
		})
	}
}

// TestExactShapesFreshen: the shapes that are freshen requests, also with
// insignificant whitespace and key order.
func TestExactShapesFreshen(t *testing.T) {
	const name = "frlambda_test.Shapes"
	freshened := frtest.Counting(name)
	var calls atomic.Int32
	fn := func(ctx context.Context, ev json.RawMessage) (string, error) { calls.Add(1); return "called", nil }
	h := lambda.NewHandler(Wrap(fn, Options{Runner: trigger.New(trigger.Options{Gate: gate.New(gate.Config{})})}))
	for _, payload := range []string{
		`{"freshen":{"handler":"` + name + `"}}`,
		` { "freshen" : { "handler" : "` + name + `" } } `,
		`{"freshen":{}}`,
		`{"source":"serverless-plugin-warmup"}`,
		"{\n\t\"source\": \"serverless-plugin-warmup\"\n}",
		`{"warmer":true}`,
		`{"warmer":true,"concurrency":3}`,
		`{"concurrency":1,"warmer":true}`,
	} {
		t.Run(payload, func(t *testing.T) {
			beforeF, beforeC := freshened.Load(), calls.Load()
			out, err := h.Invoke(context.Background(), []byte(payload))
			if err != nil {
				t.Fatal(err)
			}
			if calls.Load() != beforeC {
				t.Fatalf("freshen request reached the function: %s", out)
			}
			if freshened.Load()-beforeF != 1 {
				t.Fatalf("not freshened: %s", out)
			}
			var resp Response
			if err := json.Unmarshal(out, &resp); err != nil || resp.Freshen == nil || resp.Error != "" {
				t.Fatalf("response %s (%v)", out, err)
			}
		})
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%s: %v", a, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&y); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func TestWrapKeepsHandlerInterface(t *testing.T) {
	inner := lambda.NewHandler(func() (int, error) { return 7, nil })
	out, err := Wrap(inner, Options{}).Invoke(context.Background(), []byte(`{}`))
	if err != nil || string(out) != "7" {
		t.Fatalf("got %s, %v", out, err)
	}
}
