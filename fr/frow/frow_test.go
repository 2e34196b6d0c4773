package frow

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/freshen-go/freshen/fr"
)

func TestIntercept(t *testing.T) {
	const name = "frow_test.Main"
	var freshened atomic.Int32
	s := fr.NewState(name, 1)
	fr.Register(s, func(ctx context.Context) error {
		return s.Run(ctx, fr.Warm(0, func(context.Context) error { freshened.Add(1); return nil }))
	})
	fw := New(Options{Token: "tok", Handlers: []string{name}})
	main := fw.Wrap(func(args map[string]any) map[string]any {
		return map[string]any{"greeting": "hello " + args["name"].(string)}
	})

	tests := []struct {
		name      string
		args      string // JSON, as the OpenWhisk proxy decodes it
		freshened bool
		want      string // substring of the JSON result
	}{
		{"all", `{"__freshen": true}`, true, `"status":"ok"`},
		{"by name", `{"__freshen": "` + name + `"}`, true, `"handler":"` + name + `"`},
		{"by object", `{"__freshen": {"handler": "` + name + `"}}`, true, `"status":"ok"`},
		{"unknown", `{"__freshen": "nope.Main"}`, false, `unknown handler`},
		{"malformed", `{"__freshen": 3}`, false, `want true`},
		{"web without token", `{"__freshen": true, "__ow_method": "get", "__ow_headers": {}}`, false, `needs the freshen token`},
		{"web with token", `{"__freshen": true, "__ow_method": "post", "__ow_headers": {"authorization": "Bearer tok"}}`, true, `"status":"ok"`},
		{"ordinary activation", `{"name": "ada"}`, false, `"greeting":"hello ada"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var args map[string]any
			if err := json.Unmarshal([]byte(tt.args), &args); err != nil {
				t.Fatal(err)
			}
			before := freshened.Load()
			out, err := json.Marshal(main(args))
			if err != nil {
				t.Fatal(err)
			}
			if got := freshened.Load() - before; (got == 1) != tt.freshened {
				t.Errorf("freshened %d times, want freshened=%v", got, tt.freshened)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Fatalf("result %s lacks %q", out, tt.want)
			}
		})
	}
}
