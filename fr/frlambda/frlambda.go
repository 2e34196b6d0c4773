package frlambda

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/freshen-go/freshen/fr/trigger"
)

// Options configure Wrap.
type Options struct {
	// Runner runs freshen; nil means trigger.New with Budget.
	Runner *trigger.Runner
	// Budget bounds one freshen when Runner is nil (default 10s, and never
	// past the invocation's deadline).
	Budget time.Duration
	// Handlers are the names an ordinary invocation is credited to for
	// hit/waste accounting; empty means the only registered handler.
	Handlers []string
}

// Handler is a lambda.Handler that answers freshen events and passes every
// other event to the wrapped function.
type Handler struct {
	next   lambda.Handler
	runner *trigger.Runner
	names  []string
}

// Wrap returns handler (anything lambda.Start accepts) wrapped so that it
// answers freshen events and warmer pings.
func Wrap(handler any, o Options) *Handler {
	next, ok := handler.(lambda.Handler)
	if !ok {
		next = lambda.NewHandler(handler)
	}
	r := o.Runner
	if r == nil {
		r = trigger.New(trigger.Options{Budget: o.Budget})
	}
	return &Handler{next: next, runner: r, names: o.Handlers}
}

// Runner returns the runner, e.g. to publish its expvar.
func (h *Handler) Runner() *trigger.Runner { return h.runner }

// Response is what a freshen event returns.
type Response struct {
	Freshen *trigger.Report `json:"freshen,omitempty"`
	Error   string          `json:"error,omitempty"`
}

// Invoke implements lambda.Handler.
func (h *Handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	names, ok := freshenRequest(payload)
	if !ok {
		h.runner.Invoked(h.names...)
		return h.next.Invoke(ctx, payload)
	}
	var resp Response
	rep, err := h.runner.Run(ctx, names)
	if err != nil {
		// An unknown handler is the caller's mistake; answer it rather
		// than fail the invocation, which Lambda would retry.
		resp.Error = err.Error()
	} else {
		resp.Freshen = &rep
	}
	return json.Marshal(resp)
}

// ping is the shape of the two warmer pings.
type ping struct {
	Source string `json:"source"`
	Warmer bool   `json:"warmer"`
}

// freshenRequest recognises a freshen event or a warmer ping and returns
// the handlers it asks for (empty: all).
func freshenRequest(payload []byte) ([]string, bool) {
	p := bytes.TrimSpace(payload)
	// Cheap pre-check: most events are not freshen requests, and decoding
	// every one twice would tax the function's own work.
	if len(p) == 0 || p[0] != '{' ||
		!bytes.Contains(p, []byte(`"freshen"`)) && !bytes.Contains(p, []byte(`"warmer"`)) && !bytes.Contains(p, []byte(`serverless-plugin-warmup`)) {
		return nil, false
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(p, &raw) != nil {
		return nil, false
	}
	var ev ping
	if f, ok := raw["freshen"]; ok {
		// Strict: only {"freshen": {...}} with known fields and nothing
		// else at the top level, so an ordinary event that happens to
		// carry a "freshen" field still reaches the function.
		if len(raw) != 1 {
			return nil, false
		}
		dec := json.NewDecoder(bytes.NewReader(f))
		dec.DisallowUnknownFields()
		var body struct {
			Handler string `json:"handler"`
		}
		if bytes.Equal(bytes.TrimSpace(f), []byte("null")) || dec.Decode(&body) != nil {
			return nil, false
		}
		if body.Handler == "" {
			return nil, true
		}
		return []string{body.Handler}, true
	}
	if json.Unmarshal(p, &ev) != nil {
		return nil, false
	}
	if ev.Source == "serverless-plugin-warmup" || ev.Warmer {
		return nil, true
	}
	return nil, false
}
