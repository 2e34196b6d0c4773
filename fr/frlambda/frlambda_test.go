package frlambda

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
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
	s := fr.NewState(name, 1)
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
	st := g.Snapshot()
	if len(st) != 1 || st[0].Hits == 0 {
		t.Fatalf("gate = %+v", st)
	}
}

func TestWrapKeepsHandlerInterface(t *testing.T) {
	inner := lambda.NewHandler(func() (int, error) { return 7, nil })
	out, err := Wrap(inner, Options{}).Invoke(context.Background(), []byte(`{}`))
	if err != nil || string(out) != "7" {
		t.Fatalf("got %s, %v", out, err)
	}
}
