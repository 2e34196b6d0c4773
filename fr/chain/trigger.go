package chain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// Trigger asks one function to freshen.
type Trigger interface {
	// Fire sends the freshen request. It returns once the platform has
	// accepted it (or, for synchronous HTTP triggers, once it ran).
	Fire(ctx context.Context) error
	// String describes the target for logs and metrics.
	String() string
}

// TimedTrigger is a Trigger that can tell how long the freshen it fired
// took, which a Predictor with Auto lookahead plans with.
type TimedTrigger interface {
	Trigger
	// FireTimed is Fire that also returns the time from sending the
	// request to learning that the freshen has completed, or 0 when it
	// cannot tell: the request was asynchronous, or the function refused
	// it, coalesced it into a freshen already running, or a part failed.
	FireTimed(ctx context.Context) (time.Duration, error)
}

// HTTPTrigger POSTs to a function's fr/frhttp endpoint.
type HTTPTrigger struct {
	URL     string // the endpoint, e.g. https://fn.example.run/_freshen
	Handler string // ?handler=; empty freshens every registered handler
	Token   string // bearer token (the function's FRESHEN_TOKEN)
	// Async asks for 202 Accepted instead of the report. Synchronous is
	// the default because platforms such as Cloud Run throttle the CPU of
	// an instance outside requests: holding the request open keeps the
	// freshen running at full speed. The predictor never waits for it.
	Async  bool
	Client *http.Client // nil: a client with a 5s timeout
}

var defaultHTTPClient = &http.Client{Timeout: 5 * time.Second}

func (t *HTTPTrigger) String() string { return "http " + t.URL }

// Fire implements Trigger.
func (t *HTTPTrigger) Fire(ctx context.Context) error {
	_, err := t.FireTimed(ctx)
	return err
}

// FireTimed implements TimedTrigger. In synchronous mode fr/frhttp answers
// when the freshen has run, with a report of each handler's status; the
// round trip counts when every handler's status is "ok".
func (t *HTTPTrigger) FireTimed(ctx context.Context) (time.Duration, error) {
	u, err := url.Parse(t.URL)
	if err != nil {
		return 0, fmt.Errorf("freshen %s: %w", t.URL, err)
	}
	q := u.Query()
	if t.Handler != "" {
		q.Set("handler", t.Handler)
	}
	if t.Async {
		q.Set("mode", "async")
	}
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), http.NoBody)
	if err != nil {
		return 0, fmt.Errorf("freshen %s: %w", t.URL, err)
	}
	if t.Token != "" {
		req.Header.Set("Authorization", "Bearer "+t.Token)
	}
	c := t.Client
	if c == nil {
		c = defaultHTTPClient
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("freshen %s: %w", t.URL, err)
	}
	defer resp.Body.Close()
	// Drain a bounded amount so the connection can be reused for the next
	// trigger instead of paying a new handshake.
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	took := time.Since(start)
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusAccepted {
		return 0, fmt.Errorf("freshen %s: %s: %s", t.URL, resp.Status, firstLine(body))
	}
	if resp.StatusCode != http.StatusOK || !allOK(body) {
		return 0, nil
	}
	return took, nil
}

// allOK reports whether an fr/frhttp report says every handler's freshen
// ran to the end.
func allOK(report []byte) bool {
	var rep struct {
		Handlers []struct {
			Status string `json:"status"`
		} `json:"handlers"`
	}
	if json.Unmarshal(report, &rep) != nil || len(rep.Handlers) == 0 {
		return false
	}
	for _, h := range rep.Handlers {
		if h.Status != "ok" {
			return false
		}
	}
	return true
}

func firstLine(b []byte) string {
	for i, c := range b {
		if c == '\n' || i == 200 {
			return string(b[:i])
		}
	}
	return string(b)
}

// LambdaInvoker is the part of *lambda.Client a LambdaTrigger uses.
type LambdaInvoker interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, opts ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// LambdaTrigger invokes a Lambda function asynchronously (InvocationType
// Event) with the payload fr/frlambda recognises as a freshen request.
//
// Lambda routes an Event invocation to any free execution environment of
// the function, not necessarily the one that serves the next request; with
// steady traffic and warm environments they usually coincide. Provisioned
// concurrency or a single reserved environment make it dependable.
type LambdaTrigger struct {
	Client    LambdaInvoker
	Function  string
	Qualifier string
	Handler   string
}

func (t *LambdaTrigger) String() string { return "lambda " + t.Function }

// Fire implements Trigger.
func (t *LambdaTrigger) Fire(ctx context.Context) error {
	type req struct {
		Handler string `json:"handler,omitempty"`
	}
	payload, err := json.Marshal(map[string]req{"freshen": {Handler: t.Handler}})
	if err != nil {
		return err
	}
	in := &lambda.InvokeInput{
		FunctionName:   aws.String(t.Function),
		InvocationType: types.InvocationTypeEvent,
		Payload:        payload,
	}
	if t.Qualifier != "" {
		in.Qualifier = aws.String(t.Qualifier)
	}
	out, err := t.Client.Invoke(ctx, in)
	if err != nil {
		return fmt.Errorf("freshen lambda %s: %w", t.Function, err)
	}
	if out.StatusCode != http.StatusAccepted {
		return fmt.Errorf("freshen lambda %s: status %d, want 202", t.Function, out.StatusCode)
	}
	return nil
}

// NewLambdaClient returns a Lambda client for region with static
// credentials from the standard environment variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). endpoint, if set, replaces
// the regional endpoint. Programs with other credential sources build
// their own client (config.LoadDefaultConfig) and pass it in
// Options.Lambda.
func NewLambdaClient(region, endpoint string, getenv func(string) string) (*lambda.Client, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if region == "" {
		return nil, errors.New("no region: set it in the spec or AWS_REGION")
	}
	creds := aws.Credentials{
		AccessKeyID:     getenv("AWS_ACCESS_KEY_ID"),
		SecretAccessKey: getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken:    getenv("AWS_SESSION_TOKEN"),
		Source:          "environment",
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" {
		return nil, errors.New("no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are unset")
	}
	o := lambda.Options{
		Region:      region,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil }),
		HTTPClient:  &http.Client{Timeout: 5 * time.Second},
	}
	if endpoint != "" {
		o.BaseEndpoint = aws.String(endpoint)
	}
	return lambda.New(o), nil
}
