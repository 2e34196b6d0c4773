package frlambda

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strconv"
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

// Runner returns the runner, e.g. to read its Accounts.
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

// freshenRequest recognises a freshen event or a warmer ping and returns
// the handlers it asks for (empty: all). Only the exact shapes count, with
// keys as written (JSON decoding into a struct would match "WARMER" too),
// no other field, no repeated key and nothing after the object:
//
//	{"freshen": {}}  {"freshen": {"handler": "NAME"}}
//	{"source": "serverless-plugin-warmup"}
//	{"warmer": true}  {"warmer": true, "concurrency": N}
//
// Anything else is the function's own event: treating an ordinary event as
// a ping would lose an invocation, which is far worse than a missed freshen.
func freshenRequest(payload []byte) ([]string, bool) {
	p := bytes.TrimSpace(payload)
	// Cheap pre-check: most events are not freshen requests, and parsing
	// every one twice would tax the function's own work.
	if len(p) == 0 || p[0] != '{' ||
		!bytes.Contains(p, []byte(`"freshen"`)) && !bytes.Contains(p, []byte(`"warmer"`)) && !bytes.Contains(p, []byte(`"serverless-plugin-warmup"`)) {
		return nil, false
	}
	fields, ok := object(p)
	if !ok {
		return nil, false
	}
	switch len(fields) {
	case 1:
		if f, ok := fields["freshen"]; ok {
			return freshenBody(f)
		}
		if f, ok := fields["source"]; ok {
			return nil, bytes.Equal(f, []byte(`"serverless-plugin-warmup"`))
		}
		if f, ok := fields["warmer"]; ok {
			return nil, bytes.Equal(f, []byte("true"))
		}
	case 2:
		w, ok1 := fields["warmer"]
		c, ok2 := fields["concurrency"]
		if ok1 && ok2 && bytes.Equal(w, []byte("true")) && positiveInt(c) {
			return nil, true
		}
	}
	return nil, false
}

// freshenBody reads the value of "freshen": {} or {"handler": "NAME"}.
func freshenBody(v []byte) ([]string, bool) {
	fields, ok := object(v)
	if !ok {
		return nil, false
	}
	switch len(fields) {
	case 0:
		return nil, true
	case 1:
		h, ok := fields["handler"]
		if !ok || len(h) == 0 || h[0] != '"' {
			return nil, false
		}
		var name string
		if json.Unmarshal(h, &name) != nil || name == "" {
			return nil, false
		}
		return []string{name}, true
	}
	return nil, false
}

// object parses b as exactly one JSON object and returns its fields, with
// each value's raw bytes. It fails on anything else, on a repeated key
// (parsers disagree on which one wins) and on trailing data.
func object(b []byte) (map[string]json.RawMessage, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	fields := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		k, ok := t.(string)
		if !ok {
			return nil, false
		}
		if _, dup := fields[k]; dup {
			return nil, false
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return nil, false
		}
		fields[k] = v
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return fields, true
}

// positiveInt reports whether v is a JSON integer of at least 1, as
// lambda-warmer's "concurrency" is.
func positiveInt(v []byte) bool {
	n, err := strconv.ParseUint(string(v), 10, 32)
	return err == nil && n >= 1
}
