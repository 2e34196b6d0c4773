package chain

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"sigs.k8s.io/yaml"
)

// DefaultLookahead is how many successors a step freshens when the spec
// does not say.
const DefaultLookahead = 1

// Chain is a linear sequence of functions.
type Chain struct {
	Name      string
	Lookahead Lookahead // successors freshened when a step starts: >= 1, or Auto
	Steps     []Step
}

// Step is one function of a chain.
type Step struct {
	Name    string
	Trigger Trigger // nil: the step cannot be freshened (it still takes time)
}

// Index returns the position of the step called name, or -1.
func (c *Chain) Index(name string) int {
	for i, s := range c.Steps {
		if s.Name == name {
			return i
		}
	}
	return -1
}

// Spec is the JSON form of a chain (YAML with the same fields works too):
//
//	{
//	  "name": "image-pipeline",
//	  "lookahead": 2,
//	  "steps": [
//	    {"name": "validate"},
//	    {"name": "infer",  "http":   {"url": "https://infer.example.run/_freshen", "token_env": "FRESHEN_TOKEN"}},
//	    {"name": "notify", "lambda": {"function": "notify", "region": "eu-west-1"}}
//	  ]
//	}
//
// lookahead is a number of steps or "auto" (see Auto). Tokens are never
// written into a spec: token_env names the environment variable that holds
// one.
type Spec struct {
	Name      string     `json:"name"`
	Lookahead Lookahead  `json:"lookahead,omitempty"` // a number of steps, or "auto"
	Steps     []StepSpec `json:"steps"`
}

// StepSpec is one step of a Spec; at most one trigger may be set.
type StepSpec struct {
	Name   string      `json:"name"`
	HTTP   *HTTPSpec   `json:"http,omitempty"`
	Lambda *LambdaSpec `json:"lambda,omitempty"`
	// OpenWhisk is a non-blocking action invocation (see OpenWhiskTrigger).
	OpenWhisk *OpenWhiskSpec `json:"openwhisk,omitempty"`
}

// HTTPSpec configures an HTTP trigger (see HTTPTrigger).
type HTTPSpec struct {
	URL      string `json:"url"`
	Handler  string `json:"handler,omitempty"`   // empty: every handler the process registered
	TokenEnv string `json:"token_env,omitempty"` // environment variable holding the bearer token
	Async    bool   `json:"async,omitempty"`     // ask for 202 instead of waiting for the report
}

// LambdaSpec configures a Lambda trigger (see LambdaTrigger).
type LambdaSpec struct {
	Function  string `json:"function"` // name, ARN or partial ARN
	Qualifier string `json:"qualifier,omitempty"`
	Handler   string `json:"handler,omitempty"`
	Region    string `json:"region,omitempty"`   // default: from the ARN, else AWS_REGION
	Endpoint  string `json:"endpoint,omitempty"` // override, e.g. a local emulator
}

// OpenWhiskSpec configures an OpenWhisk trigger (see OpenWhiskTrigger).
type OpenWhiskSpec struct {
	APIHost   string `json:"apihost,omitempty"`   // default: $__OW_API_HOST, set inside actions
	Namespace string `json:"namespace,omitempty"` // default "_": the caller's own
	Action    string `json:"action"`              // "name" or "package/name"
	Handler   string `json:"handler,omitempty"`
	AuthEnv   string `json:"auth_env,omitempty"` // variable holding "uuid:key"; default __OW_API_KEY
}

// Options supply what a spec must not contain.
type Options struct {
	// HTTPClient sends HTTP triggers; nil means a client with a 5s timeout.
	HTTPClient *http.Client
	// Lambda builds the client for Lambda triggers; nil means
	// NewLambdaClient with credentials from the environment.
	Lambda func(spec LambdaSpec) (LambdaInvoker, error)
	// LambdaEndpoint overrides the endpoint of Lambda triggers that do not
	// set their own (state machines cannot say it).
	LambdaEndpoint string
	// Lookahead is the lookahead of a state machine (default 1), which
	// cannot say it itself: a number of steps, or Auto.
	Lookahead Lookahead
	// Getenv reads token_env; nil means os.Getenv.
	Getenv func(string) string
}

func (o Options) getenv(k string) string {
	if o.Getenv != nil {
		return o.Getenv(k)
	}
	return os.Getenv(k)
}

// Parse reads a chain from JSON or YAML: either a Spec or an Amazon States
// Language state machine (recognised by its "States" field). YAML is
// turned into JSON first, so both forms take the same field names and the
// same checks.
func Parse(data []byte, opts Options) (*Chain, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] != '{' {
		j, err := yaml.YAMLToJSON(data)
		if err != nil {
			return nil, fmt.Errorf("chain: %w", err)
		}
		data = j
	}
	var probe struct {
		States json.RawMessage `json:"States"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("chain: %w", err)
	}
	if probe.States != nil {
		return ParseASL(data, opts)
	}
	var spec Spec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a typo in a trigger must not silently disable it
	if err := dec.Decode(&spec); err != nil {
		return nil, fmt.Errorf("chain: %w", err)
	}
	return spec.Build(opts)
}

// Build validates the spec and creates its triggers.
func (s Spec) Build(opts Options) (*Chain, error) {
	if len(s.Steps) == 0 {
		return nil, errors.New("chain: no steps")
	}
	c := &Chain{Name: s.Name, Lookahead: s.Lookahead}
	if c.Lookahead == 0 {
		c.Lookahead = DefaultLookahead
	}
	if c.Lookahead < 0 && c.Lookahead != Auto {
		return nil, fmt.Errorf("chain: lookahead %d < 0", s.Lookahead)
	}
	seen := map[string]bool{}
	for i, st := range s.Steps {
		if st.Name == "" {
			return nil, fmt.Errorf("chain: step %d has no name", i)
		}
		if seen[st.Name] {
			return nil, fmt.Errorf("chain: duplicate step %q", st.Name)
		}
		seen[st.Name] = true
		var tr Trigger
		n := 0
		for _, set := range []bool{st.HTTP != nil, st.Lambda != nil, st.OpenWhisk != nil} {
			if set {
				n++
			}
		}
		switch {
		case n > 1:
			return nil, fmt.Errorf("chain: step %q has %d triggers", st.Name, n)
		case st.OpenWhisk != nil:
			t, err := newOpenWhiskTrigger(*st.OpenWhisk, opts)
			if err != nil {
				return nil, fmt.Errorf("chain: step %q: %w", st.Name, err)
			}
			tr = t
		case st.HTTP != nil:
			t, err := newHTTPTrigger(*st.HTTP, opts)
			if err != nil {
				return nil, fmt.Errorf("chain: step %q: %w", st.Name, err)
			}
			tr = t
		case st.Lambda != nil:
			t, err := newLambdaTrigger(*st.Lambda, opts)
			if err != nil {
				return nil, fmt.Errorf("chain: step %q: %w", st.Name, err)
			}
			tr = t
		}
		c.Steps = append(c.Steps, Step{Name: st.Name, Trigger: tr})
	}
	return c, nil
}

func newHTTPTrigger(s HTTPSpec, opts Options) (*HTTPTrigger, error) {
	u, err := url.Parse(s.URL)
	if err != nil {
		return nil, fmt.Errorf("http trigger: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("http trigger: url %q is not an absolute http(s) URL", s.URL)
	}
	t := &HTTPTrigger{URL: s.URL, Handler: s.Handler, Async: s.Async, Client: opts.HTTPClient}
	if s.TokenEnv != "" {
		t.Token = opts.getenv(s.TokenEnv)
		if t.Token == "" {
			return nil, fmt.Errorf("http trigger: token_env %s is empty", s.TokenEnv)
		}
	}
	return t, nil
}

func newLambdaTrigger(s LambdaSpec, opts Options) (*LambdaTrigger, error) {
	if s.Function == "" {
		return nil, errors.New("lambda trigger: no function")
	}
	if s.Endpoint == "" {
		s.Endpoint = opts.LambdaEndpoint
	}
	if s.Region == "" {
		s.Region = regionFromARN(s.Function)
	}
	if s.Region == "" {
		s.Region = opts.getenv("AWS_REGION")
	}
	mk := opts.Lambda
	if mk == nil {
		mk = func(s LambdaSpec) (LambdaInvoker, error) { return NewLambdaClient(s.Region, s.Endpoint, opts.getenv) }
	}
	cl, err := mk(s)
	if err != nil {
		return nil, fmt.Errorf("lambda trigger: %w", err)
	}
	return &LambdaTrigger{Client: cl, Function: s.Function, Qualifier: s.Qualifier, Handler: s.Handler}, nil
}

// regionFromARN returns the region of arn:aws:lambda:REGION:ACCOUNT:function:NAME.
func regionFromARN(fn string) string {
	parts := strings.Split(fn, ":")
	if len(parts) >= 7 && parts[0] == "arn" && parts[2] == "lambda" {
		return parts[3]
	}
	return ""
}
