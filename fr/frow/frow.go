package frow

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/freshen-go/freshen/fr/trigger"
)

// Param is the parameter that marks a freshen request.
const Param = "__freshen"

// Options configure an Action.
type Options struct {
	// Runner runs freshen; nil means trigger.New with Budget.
	Runner *trigger.Runner
	// Budget bounds one freshen when Runner is nil (default 10s).
	Budget time.Duration
	// Token is required from web invocations; empty means FRESHEN_TOKEN.
	// Without one, web invocations cannot freshen.
	Token string
	// Handlers are the names an ordinary activation is credited to for
	// hit/waste accounting; empty means the only registered handler.
	Handlers []string
	// Logger receives one line per activation whose __freshen parameter
	// is malformed (and therefore ignored); nil means slog.Default().
	Logger *slog.Logger
}

// Action intercepts freshen requests of an OpenWhisk action.
type Action struct {
	runner *trigger.Runner
	token  trigger.Token
	names  []string
	log    *slog.Logger
}

// New returns an Action.
func New(o Options) *Action {
	a := &Action{runner: o.Runner, names: o.Handlers, token: trigger.TokenOrEnv(o.Token), log: o.Logger}
	if a.runner == nil {
		a.runner = trigger.New(trigger.Options{Budget: o.Budget})
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	return a
}

// Runner returns the runner, e.g. to read its Accounts.
func (a *Action) Runner() *trigger.Runner { return a.runner }

// Intercept answers a freshen request and reports true; for any other
// activation it records the invocation and reports false, and the action
// goes on with its own work. A __freshen parameter that is not one of the
// documented shapes (false, a number, an object with other fields, ...)
// does not make a freshen request: it is logged once and the activation
// is the action's, so no invocation is lost to a malformed parameter.
func (a *Action) Intercept(args map[string]any) (map[string]any, bool) {
	v, ok := args[Param]
	if !ok {
		a.runner.Invoked(a.names...)
		return nil, false
	}
	names, err := parse(v)
	if err != nil {
		a.log.Warn("frow: ignoring a malformed freshen parameter; the action runs", "param", Param, "value", describe(v), "error", err)
		a.runner.Invoked(a.names...)
		return nil, false
	}
	if _, web := args["__ow_method"]; web && !a.webAuthorized(args) {
		return map[string]any{Param: map[string]any{"error": "freshen from a web invocation needs the freshen token"}}, true
	}
	rep, err := a.runner.Run(context.Background(), names)
	if err != nil {
		return map[string]any{Param: map[string]any{"error": err.Error()}}, true
	}
	// Round-trip through JSON: the OpenWhisk Go proxy marshals the result,
	// and a plain map is what other actions of a composition can read.
	var out map[string]any
	b, _ := json.Marshal(rep)
	_ = json.Unmarshal(b, &out)
	return map[string]any{Param: out}, true
}

// Wrap returns main with Intercept in front of it.
func (a *Action) Wrap(main func(map[string]any) map[string]any) func(map[string]any) map[string]any {
	return func(args map[string]any) map[string]any {
		if out, ok := a.Intercept(args); ok {
			return out
		}
		return main(args)
	}
}

func (a *Action) webAuthorized(args map[string]any) bool {
	hdrs, _ := args["__ow_headers"].(map[string]any)
	auth, _ := hdrs["authorization"].(string) // OpenWhisk lower-cases header names
	tok, ok := trigger.BearerToken(auth)
	return ok && a.token.Match(tok)
}

// parse reads the value of __freshen: true, "true" or "" (every handler),
// a handler name, {} (every handler) or {"handler": NAME}.
func parse(v any) ([]string, error) {
	switch v := v.(type) {
	case bool:
		if v {
			return nil, nil
		}
	case string:
		if v == "" || v == "true" {
			return nil, nil
		}
		return []string{v}, nil
	case map[string]any:
		if len(v) == 0 {
			return nil, nil
		}
		if h, ok := v["handler"].(string); ok && h != "" && len(v) == 1 {
			return []string{h}, nil
		}
	}
	return nil, fmt.Errorf("want true, a handler name or {\"handler\": NAME}")
}

// describe renders a parameter value for the log, bounded: it comes from
// the caller.
func describe(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%T", v)
	}
	const limit = 80
	if len(b) > limit {
		return strings.ToValidUTF8(string(b[:limit]), "") + "..."
	}
	return string(b)
}
