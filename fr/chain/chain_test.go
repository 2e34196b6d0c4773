package chain

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseSpec(t *testing.T) {
	const spec = `{
	  "name": "image-pipeline",
	  "lookahead": 2,
	  "steps": [
	    {"name": "validate"},
	    {"name": "infer", "http": {"url": "http://127.0.0.1:1/_freshen", "handler": "app.Infer", "token_env": "TOK"}},
	    {"name": "notify", "lambda": {"function": "arn:aws:lambda:eu-west-1:123456789012:function:notify", "endpoint": "http://127.0.0.1:1"}}
	  ]
	}`
	c, err := Parse([]byte(spec), Options{Getenv: env(map[string]string{"TOK": "s3cret", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET"})})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "image-pipeline" || c.Lookahead != 2 || len(c.Steps) != 3 {
		t.Fatalf("chain = %+v", c)
	}
	if c.Steps[0].Trigger != nil {
		t.Errorf("validate has trigger %v", c.Steps[0].Trigger)
	}
	h, ok := c.Steps[1].Trigger.(*HTTPTrigger)
	if !ok || h.Token != "s3cret" || h.Handler != "app.Infer" {
		t.Errorf("infer trigger = %#v", c.Steps[1].Trigger)
	}
	if l, ok := c.Steps[2].Trigger.(*LambdaTrigger); !ok || l.Function != "arn:aws:lambda:eu-west-1:123456789012:function:notify" {
		t.Errorf("notify trigger = %#v", c.Steps[2].Trigger)
	}
	if c.Index("notify") != 2 || c.Index("nope") != -1 {
		t.Error("Index is wrong")
	}
}

// TestParseYAML: the YAML form of a spec and of a state machine builds the
// same chain as the JSON form.
func TestParseYAML(t *testing.T) {
	const spec = `
# the image pipeline
name: image-pipeline
lookahead: 2
steps:
  - name: validate
  - name: infer
    http: {url: "http://127.0.0.1:1/_freshen", handler: app.Infer, token_env: TOK}
  - name: notify
    http: {url: "http://127.0.0.1:2/_freshen"}
`
	c, err := Parse([]byte(spec), Options{Getenv: env(map[string]string{"TOK": "s3cret"})})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "image-pipeline" || c.Lookahead != 2 || len(c.Steps) != 3 || c.Steps[0].Trigger != nil {
		t.Fatalf("chain = %+v", c)
	}
	if h, ok := c.Steps[1].Trigger.(*HTTPTrigger); !ok || h.Token != "s3cret" || h.Handler != "app.Infer" {
		t.Errorf("infer trigger = %#v", c.Steps[1].Trigger)
	}
	if h, ok := c.Steps[2].Trigger.(*HTTPTrigger); !ok || h.Token != "" {
		t.Errorf("notify trigger = %#v", c.Steps[2].Trigger)
	}

	const machine = `
StartAt: A
States:
  A: {Type: Task, Resource: "arn:aws:lambda:eu-west-1:123456789012:function:a", Next: P}
  P: {Type: Pass, Next: B}
  B: {Type: Task, Resource: "arn:aws:lambda:us-east-1:123456789012:function:b", End: true}
`
	var got []LambdaSpec
	c, err = Parse([]byte(machine), Options{LambdaEndpoint: "http://127.0.0.1:1", Lambda: func(s LambdaSpec) (LambdaInvoker, error) {
		got = append(got, s)
		return nil, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Steps) != 2 || c.Steps[1].Name != "B" || len(got) != 2 || got[0].Region != "eu-west-1" || got[1].Region != "us-east-1" {
		t.Fatalf("steps = %+v, lambda specs = %+v", c.Steps, got)
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct{ name, spec, want string }{
		{"not json", `{`, "unexpected end of JSON"},
		{"no steps", `{"name":"x","steps":[]}`, "no steps"},
		{"unnamed step", `{"steps":[{}]}`, "has no name"},
		{"duplicate", `{"steps":[{"name":"a"},{"name":"a"}]}`, "duplicate step"},
		{"two triggers", `{"steps":[{"name":"a","http":{"url":"http://x/"},"lambda":{"function":"f"}}]}`, "has 2 triggers"},
		{"relative url", `{"steps":[{"name":"a","http":{"url":"/_freshen"}}]}`, "not an absolute"},
		{"unset token", `{"steps":[{"name":"a","http":{"url":"http://x/","token_env":"NOPE"}}]}`, "NOPE is empty"},
		{"typo in trigger", `{"steps":[{"name":"a","htp":{"url":"http://x/"}}]}`, "unknown field"},
		{"negative lookahead", `{"lookahead":-1,"steps":[{"name":"a"}]}`, "lookahead"},
		{"lambda without region", `{"steps":[{"name":"a","lambda":{"function":"f"}}]}`, "no region"},
		{"lambda without credentials", `{"steps":[{"name":"a","lambda":{"function":"f","region":"us-east-1"}}]}`, "no credentials"},
		{"yaml typo in trigger", "steps:\n- name: a\n  htp: {url: 'http://x/'}\n", "unknown field"},
		{"malformed yaml", "steps:\n- name: a\n  http: [\n", "yaml"},
		{"yaml duplicate", "steps:\n- name: a\n- name: a\n", "duplicate step"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.spec), Options{Getenv: env(nil)})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestParseASL(t *testing.T) {
	const machine = `{
	  "Comment": "orders",
	  "StartAt": "Validate",
	  "States": {
	    "Validate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:validate", "Next": "Pause"},
	    "Pause":    {"Type": "Wait", "Seconds": 1, "Next": "Charge"},
	    "Charge":   {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:charge", "Payload.$": "$"}, "Next": "Audit"},
	    "Audit":    {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName.$": "$.auditor"}, "Next": "Route"},
	    "Route":    {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Ship"}], "Default": "Ship"},
	    "Ship":     {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship", "End": true}
	  }
	}`
	var got []LambdaSpec
	opts := Options{LambdaEndpoint: "http://127.0.0.1:1", Lookahead: 2, Lambda: func(s LambdaSpec) (LambdaInvoker, error) {
		got = append(got, s)
		return nil, nil
	}}
	c, err := Parse([]byte(machine), opts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range c.Steps {
		names = append(names, s.Name)
	}
	// Ship comes after a Choice: not part of the linear prefix.
	if strings.Join(names, ",") != "Validate,Charge,Audit" || c.Lookahead != 2 || c.Name != "orders" {
		t.Fatalf("steps = %v, chain = %+v", names, c)
	}
	if c.Steps[2].Trigger != nil {
		t.Errorf("Audit's function is only known at run time, yet it has trigger %v", c.Steps[2].Trigger)
	}
	if len(got) != 2 || got[1].Function != "arn:aws:lambda:us-east-1:123456789012:function:charge" ||
		got[1].Region != "us-east-1" || got[1].Endpoint != "http://127.0.0.1:1" {
		t.Fatalf("lambda specs = %+v", got)
	}
}

func TestParseASLStopsAtLoop(t *testing.T) {
	const machine = `{"StartAt":"A","States":{
	  "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:a","Next":"B"},
	  "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:b","Next":"A"}}}`
	c, err := Parse([]byte(machine), Options{Lambda: func(LambdaSpec) (LambdaInvoker, error) { return nil, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Steps) != 2 {
		t.Fatalf("got %d steps, want 2", len(c.Steps))
	}
	if _, err := Parse([]byte(`{"StartAt":"X","States":{"A":{"Type":"Task"}}}`), Options{}); err == nil {
		t.Fatal("missing StartAt state accepted")
	}
}

// lambdaAPI speaks enough of the Lambda Invoke REST API for an Event
// invocation: POST /2015-03-31/functions/{name}/invocations.
type lambdaAPI struct {
	mu    sync.Mutex
	calls []lambdaCall
}

type lambdaCall struct {
	Function, Type, Qualifier, Auth string
	Payload                         map[string]map[string]string
}

func (a *lambdaAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fn, ok := strings.CutPrefix(r.URL.Path, "/2015-03-31/functions/")
	fn, ok2 := strings.CutSuffix(fn, "/invocations")
	if r.Method != http.MethodPost || !ok || !ok2 {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	c := lambdaCall{Function: fn, Type: r.Header.Get("X-Amz-Invocation-Type"), Qualifier: r.URL.Query().Get("Qualifier"), Auth: r.Header.Get("Authorization")}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &c.Payload); err != nil {
		http.Error(w, `{"message":"bad payload"}`, http.StatusBadRequest)
		return
	}
	a.mu.Lock()
	a.calls = append(a.calls, c)
	a.mu.Unlock()
	if c.Type != "Event" {
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func TestLambdaTriggerInvokesEvent(t *testing.T) {
	api := &lambdaAPI{}
	srv := httptest.NewServer(api)
	defer srv.Close()
	spec := `{"steps":[{"name":"a","lambda":{"function":"notify","qualifier":"live","handler":"app.Notify","region":"eu-west-1","endpoint":"` + srv.URL + `"}}]}`
	c, err := Parse([]byte(spec), Options{Getenv: env(map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "SECRET"})})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Steps[0].Trigger.Fire(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(api.calls) != 1 {
		t.Fatalf("calls = %+v", api.calls)
	}
	got := api.calls[0]
	if got.Function != "notify" || got.Type != "Event" || got.Qualifier != "live" || got.Payload["freshen"]["handler"] != "app.Notify" {
		t.Fatalf("call = %+v", got)
	}
	if !strings.HasPrefix(got.Auth, "AWS4-HMAC-SHA256 Credential=AKID/") || !strings.Contains(got.Auth, "/eu-west-1/lambda/") {
		t.Fatalf("request not signed for eu-west-1 lambda: %q", got.Auth)
	}
}

func TestHTTPTrigger(t *testing.T) {
	tests := []struct {
		name    string
		trigger HTTPTrigger
		status  int
		wantErr bool
		wantQ   string
	}{
		{"sync with handler", HTTPTrigger{Handler: "app.H", Token: "t"}, http.StatusOK, false, "handler=app.H"},
		{"async", HTTPTrigger{Async: true, Token: "t"}, http.StatusAccepted, false, "mode=async"},
		{"refused", HTTPTrigger{Token: "t"}, http.StatusUnauthorized, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotQ, gotAuth, gotMethod string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotQ, gotAuth, gotMethod = r.URL.RawQuery, r.Header.Get("Authorization"), r.Method
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			tr := tt.trigger
			tr.URL = srv.URL + "/_freshen"
			err := tr.Fire(context.Background())
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if gotQ != tt.wantQ || gotAuth != "Bearer t" || gotMethod != http.MethodPost {
				t.Fatalf("query %q auth %q method %s", gotQ, gotAuth, gotMethod)
			}
		})
	}
}

// recorder is a set of HTTP functions that record freshen requests; a
// step listed in block waits until release is closed.
type recorder struct {
	mu      sync.Mutex
	order   []string
	block   map[string]bool
	release chan struct{}
	arrived chan string
}

func (rec *recorder) chain(t *testing.T, lookahead int, names ...string) *Chain {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		step := strings.TrimPrefix(r.URL.Path, "/")
		rec.mu.Lock()
		rec.order = append(rec.order, step)
		rec.mu.Unlock()
		if rec.arrived != nil {
			rec.arrived <- step
		}
		if rec.block[step] {
			<-rec.release
		}
	}))
	t.Cleanup(srv.Close)
	spec := Spec{Name: "test", Lookahead: Lookahead(lookahead)}
	for _, n := range names {
		spec.Steps = append(spec.Steps, StepSpec{Name: n, HTTP: &HTTPSpec{URL: srv.URL + "/" + n}})
	}
	c, err := spec.Build(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPredictorFiresSuccessors(t *testing.T) {
	tests := []struct {
		name      string
		lookahead int
		started   int
		want      []string
	}{
		{"first step, k=1", 1, 0, []string{"b"}},
		{"first step, k=2", 2, 0, []string{"b", "c"}},
		{"middle step, k=2", 2, 2, []string{"d"}},
		{"last step", 3, 3, nil},
		{"k past the end", 10, 1, []string{"c", "d"}},
		{"before the first step, k=2", 2, -1, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			c := rec.chain(t, tt.lookahead, "a", "b", "c", "d")
			p := NewPredictor(c, PredictorOptions{})
			p.Started(tt.started)
			p.Wait()
			got := append([]string(nil), rec.order...)
			// Triggers run concurrently: compare as sets.
			if strings.Join(sorted(got), ",") != strings.Join(tt.want, ",") {
				t.Fatalf("fired %v, want %v", got, tt.want)
			}
		})
	}
}

func sorted(s []string) []string { sort.Strings(s); return s }

func TestPredictorNeverBlocksTheStep(t *testing.T) {
	rec := &recorder{block: map[string]bool{"b": true}, release: make(chan struct{}), arrived: make(chan string, 4)}
	c := rec.chain(t, 1, "a", "b")
	var mu sync.Mutex
	var fired []error
	p := NewPredictor(c, PredictorOptions{OnFired: func(step string, _ time.Duration, err error) {
		mu.Lock()
		fired = append(fired, err)
		mu.Unlock()
	}})

	returned := make(chan struct{})
	go func() {
		p.Started(0) // b's function is stuck; Started must not care
		p.Started(0) // still in flight: coalesced, not sent again
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("Started blocked on a slow trigger target")
	}
	if got := <-rec.arrived; got != "b" {
		t.Fatalf("trigger reached %q", got)
	}
	s := p.Stats()[1]
	if s.Fired != 1 || s.Coalesced != 1 {
		t.Fatalf("stats while in flight = %+v", s)
	}
	close(rec.release)
	p.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(fired) != 1 || fired[0] != nil {
		t.Fatalf("OnFired results = %v", fired)
	}
}

func TestPredictorDropsWhenFull(t *testing.T) {
	for _, tt := range []struct {
		name      string
		lookahead Lookahead
	}{
		{"fixed", 2},
		{"auto, unmeasured: b and c are due at a", Auto},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{block: map[string]bool{"b": true}, release: make(chan struct{}), arrived: make(chan string, 4)}
			c := rec.chain(t, 1, "a", "b", "c")
			p := NewPredictor(c, PredictorOptions{Lookahead: tt.lookahead, MaxInFlight: 1})
			run := p.Execution()
			run.Started(0) // b takes the only slot; c is dropped
			<-rec.arrived
			run.Started(1) // c was dropped in this run, not queued: it is not sent again
			close(rec.release)
			p.Wait()
			st := p.Stats()
			if st[1].Fired != 1 || st[2].Dropped != 1 || st[2].Fired != 0 {
				t.Fatalf("stats = %+v", st)
			}
		})
	}
}

func TestPredictorReportsFailures(t *testing.T) {
	c := &Chain{Name: "x", Lookahead: 1, Steps: []Step{{Name: "a"}, {Name: "b", Trigger: failing{}}}}
	p := NewPredictor(c, PredictorOptions{})
	if err := p.StartedStep("a"); err != nil {
		t.Fatal(err)
	}
	p.Wait()
	if s := p.Stats()[1]; s.Failed != 1 || s.LastError != "boom" {
		t.Fatalf("stats = %+v", s)
	}
	if err := p.StartedStep("zz"); err == nil {
		t.Fatal("unknown step accepted")
	}
}

type failing struct{}

func (failing) Fire(context.Context) error { return errors.New("boom") }
func (failing) String() string             { return "failing" }

func TestExecutionFreshensEachStepOnce(t *testing.T) {
	rec := &recorder{}
	c := rec.chain(t, 2, "a", "b", "c", "d")
	p := NewPredictor(c, PredictorOptions{})
	run := p.Execution()
	for i := range c.Steps {
		run.Started(i)
		p.Wait()
	}
	got := sorted(append([]string(nil), rec.order...))
	if strings.Join(got, ",") != "b,c,d" {
		t.Fatalf("one run fired %v, want each of b, c, d once", got)
	}
	// A second run starts over.
	p.Execution().Started(0)
	p.Wait()
	if len(rec.order) != 5 {
		t.Fatalf("second run fired %v", rec.order[3:])
	}
}

func TestOpenWhiskTrigger(t *testing.T) {
	var got struct {
		path, query, user, key string
		body                   map[string]any
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.path, got.query = r.URL.EscapedPath(), r.URL.RawQuery
		got.user, got.key, _ = r.BasicAuth()
		json.NewDecoder(r.Body).Decode(&got.body)
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"activationId":"5c0f"}`)
	}))
	defer srv.Close()
	spec := `{"steps":[{"name":"b","openwhisk":{"action":"vision/infer","handler":"main.Main"}}]}`
	c, err := Parse([]byte(spec), Options{Getenv: env(map[string]string{"__OW_API_HOST": srv.URL, "__OW_API_KEY": "23bc:s3cret"})})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Steps[0].Trigger.Fire(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got.path != "/api/v1/namespaces/_/actions/vision/infer" || got.query != "blocking=false" ||
		got.user != "23bc" || got.key != "s3cret" || got.body["__freshen"] != "main.Main" {
		t.Fatalf("request = %+v", got)
	}

	if _, err := Parse([]byte(`{"steps":[{"name":"b","openwhisk":{"action":"a"}}]}`), Options{Getenv: env(map[string]string{"__OW_API_HOST": srv.URL})}); err == nil {
		t.Fatal("accepted a trigger without an API key")
	}
}
