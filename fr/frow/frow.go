package frow

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"os"
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
}

// Action intercepts freshen requests of an OpenWhisk action.
type Action struct {
	runner   *trigger.Runner
	token    [sha256.Size]byte
	hasToken bool
	names    []string
}

// New returns an Action.
func New(o Options) *Action {
	a := &Action{runner: o.Runner, names: o.Handlers}
	if a.runner == nil {
		a.runner = trigger.New(trigger.Options{Budget: o.Budget})
	}
	tok := o.Token
	if tok == "" {
		tok = os.Getenv("FRESHEN_TOKEN")
	}
	if tok != "" {
		a.token, a.hasToken = sha256.Sum256([]byte(tok)), true
	}
	return a
}

// Runner returns the runner, e.g. to publish its expvar.
func (a *Action) Runner() *trigger.Runner { return a.runner }

// Intercept answers a freshen request and reports true; for any other
// activation it records the invocation and reports false, and the action
// goes on with its own work.
func (a *Action) Intercept(args map[string]any) (map[string]any, bool) {
	v, ok := args[Param]
	if !ok {
		a.runner.Invoked(a.names...)
		return nil, false
	}
	if _, web := args["__ow_method"]; web && !a.webAuthorized(args) {
		return map[string]any{Param: map[string]any{"error": "freshen from a web invocation needs the freshen token"}}, true
	}
	names, err := parse(v)
	if err != nil {
		return map[string]any{Param: map[string]any{"error": err.Error()}}, true
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
	if !a.hasToken {
		return false
	}
	hdrs, _ := args["__ow_headers"].(map[string]any)
	auth, _ := hdrs["authorization"].(string) // OpenWhisk lower-cases header names
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		return false
	}
	sum := sha256.Sum256([]byte(tok))
	return subtle.ConstantTimeCompare(sum[:], a.token[:]) == 1
}

// parse reads the value of __freshen.
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
		h, ok := v["handler"].(string)
		if ok && len(v) == 1 {
			return []string{h}, nil
		}
		if len(v) == 0 {
			return nil, nil
		}
	}
	return nil, fmt.Errorf("%s: want true, a handler name or {\"handler\": NAME}, got %v", Param, v)
}
