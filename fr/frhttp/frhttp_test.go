package frhttp

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
	"github.com/freshen-go/freshen/fr/internal/frtest"
	"github.com/freshen-go/freshen/fr/trigger"
)

// origin is an object server: GET /model returns a small body.
func origin(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "model-bytes")
	}))
	t.Cleanup(srv.Close)
	return srv
}

// register adds a handler whose freshen prefetches url into entry 0, the
// way generated code does, and returns its State.
func register(t *testing.T, name, url string) *fr.State {
	t.Helper()
	s := frtest.State(name, 1)
	fr.Register(s, func(ctx context.Context) error {
		return s.Run(ctx, fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
			return fr.HTTPGet(ctx, http.DefaultClient, url)
		}))
	})
	return s
}

type call struct {
	method, target, token, body string
	header                      map[string]string
}

func do(t *testing.T, srv *httptest.Server, c call) (*http.Response, string) {
	t.Helper()
	var body io.Reader = http.NoBody
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	if c.method == "" {
		c.method = http.MethodPost
	}
	req, err := http.NewRequest(c.method, srv.URL+c.target, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func serve(t *testing.T, o Options) (*httptest.Server, *Handler) {
	t.Helper()
	mux := http.NewServeMux()
	h := Mount(mux, o)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, h
}

func TestAuth(t *testing.T) {
	name := "frhttp_test.Auth"
	register(t, name, origin(t).URL+"/model")
	srv, _ := serve(t, Options{Token: "s3cret"})
	tests := []struct {
		name  string
		call  call
		want  int
		inMsg string
	}{
		{"no token", call{target: "/_freshen?handler=" + name}, http.StatusUnauthorized, "token required"},
		{"wrong token", call{target: "/_freshen?handler=" + name, token: "s3cre"}, http.StatusUnauthorized, "wrong token"},
		{"basic auth is not a token", call{target: "/_freshen?handler=" + name, header: map[string]string{"Authorization": "Basic czNjcmV0"}}, http.StatusUnauthorized, "token required"},
		{"right token", call{target: "/_freshen?handler=" + name, token: "s3cret"}, http.StatusOK, `"status":"ok"`},
		{"scheme in lower case", call{target: "/_freshen?handler=" + name, header: map[string]string{"Authorization": "bearer s3cret"}}, http.StatusOK, `"status":"ok"`},
		{"scheme in upper case", call{target: "/_freshen?handler=" + name, header: map[string]string{"Authorization": "BEARER s3cret"}}, http.StatusOK, `"status":"ok"`},
		{"scheme without token", call{target: "/_freshen?handler=" + name, header: map[string]string{"Authorization": "Bearer "}}, http.StatusUnauthorized, "token required"},
		{"token without scheme", call{target: "/_freshen?handler=" + name, header: map[string]string{"Authorization": "s3cret"}}, http.StatusUnauthorized, "token required"},
		{"metrics need the token", call{method: http.MethodGet, target: "/_freshen/metrics"}, http.StatusUnauthorized, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, srv, tt.call)
			if resp.StatusCode != tt.want || !strings.Contains(body, tt.inMsg) {
				t.Fatalf("got %d %q, want %d containing %q", resp.StatusCode, body, tt.want, tt.inMsg)
			}
			if tt.want == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestClosedWithoutToken(t *testing.T) {
	t.Setenv("FRESHEN_TOKEN", "")
	srv, _ := serve(t, Options{})
	// A loopback peer is no credential: the test client is on loopback.
	if resp, body := do(t, srv, call{target: "/_freshen"}); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "disabled") {
		t.Fatalf("got %d %q, want 403", resp.StatusCode, body)
	}
	// Nor is a token sent to an endpoint that has none.
	if resp, _ := do(t, srv, call{target: "/_freshen", token: "anything"}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("with a token: got %d, want 403", resp.StatusCode)
	}
}

// proxy puts a real reverse proxy on loopback in front of backend, the way
// a sidecar or queue-proxy relays outside traffic. It adds no forwarding
// header unless forwarded is set.
func proxy(t *testing.T, backend *httptest.Server, forwarded bool) *httptest.Server {
	t.Helper()
	u, err := url.Parse(backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	p := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(u)
		if forwarded {
			pr.SetXForwarded()
		}
	}})
	t.Cleanup(p.Close)
	return p
}

// Every request a local proxy relays comes from loopback; the endpoint
// must not trust that.
func TestBehindLocalProxy(t *testing.T) {
	name := "frhttp_test.Proxied"
	register(t, name, origin(t).URL+"/model")
	t.Setenv("FRESHEN_TOKEN", "")
	open, _ := serve(t, Options{})
	closed, _ := serve(t, Options{Token: "t"})
	tests := []struct {
		name      string
		backend   *httptest.Server
		forwarded bool
		token     string
		want      int
	}{
		{"no token configured, no forwarding header", open, false, "", http.StatusForbidden},
		{"no token configured, forwarded", open, true, "", http.StatusForbidden},
		{"token configured, none sent", closed, false, "", http.StatusUnauthorized},
		{"token configured, wrong one", closed, false, "x", http.StatusUnauthorized},
		{"token configured and sent", closed, true, "t", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := proxy(t, tt.backend, tt.forwarded)
			resp, body := do(t, p, call{target: "/_freshen?handler=" + name, token: tt.token})
			if resp.StatusCode != tt.want {
				t.Fatalf("through the proxy: %d %q, want %d", resp.StatusCode, body, tt.want)
			}
		})
	}
}

func TestTokenFromEnvironment(t *testing.T) {
	t.Setenv("FRESHEN_TOKEN", "from-env")
	srv, _ := serve(t, Options{})
	if resp, _ := do(t, srv, call{target: "/_freshen", token: "from-env"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d", resp.StatusCode)
	}
}

func TestRequestShape(t *testing.T) {
	name := "frhttp_test.Shape"
	register(t, name, origin(t).URL+"/model")
	srv, _ := serve(t, Options{Token: "t"})
	tests := []struct {
		name  string
		call  call
		want  int
		inMsg string
	}{
		{"unknown handler", call{target: "/_freshen?handler=nope.H", token: "t"}, http.StatusNotFound, "unknown handler"},
		{"body refused", call{target: "/_freshen?handler=" + name, token: "t", body: `{"id":42}`}, http.StatusRequestEntityTooLarge, "no request body"},
		{"GET refused", call{method: http.MethodGet, target: "/_freshen", token: "t"}, http.StatusMethodNotAllowed, "POST"},
		{"bad mode", call{target: "/_freshen?mode=later", token: "t"}, http.StatusBadRequest, "mode"},
		{"async", call{target: "/_freshen?mode=async&handler=" + name, token: "t"}, http.StatusAccepted, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, srv, tt.call)
			if resp.StatusCode != tt.want || !strings.Contains(body, tt.inMsg) {
				t.Fatalf("got %d %q, want %d containing %q", resp.StatusCode, body, tt.want, tt.inMsg)
			}
		})
	}
}

func TestSyncReport(t *testing.T) {
	name := "frhttp_test.Report"
	s := register(t, name, origin(t).URL+"/model")
	srv, _ := serve(t, Options{Token: "t"})
	resp, body := do(t, srv, call{target: "/_freshen?handler=" + name, token: "t"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
	var rep trigger.Report
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Handlers) != 1 || rep.Handlers[0].Handler != name || rep.Handlers[0].Status != "ok" {
		t.Fatalf("report = %s", body)
	}
	es := rep.Handlers[0].Entries
	if len(es) != 1 || es[0].Index != 0 || es[0].Kind != "fetch" || es[0].State != "finished" || es[0].Bytes != int64(len("model-bytes")) || es[0].Error != "" {
		t.Fatalf("entries = %+v", es)
	}
	// The handler now finds its data ready.
	resp2, err := fr.FrFetch(context.Background(), s, 0, func() (*http.Response, error) { t.Fatal("ran inline"); return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	if string(b) != "model-bytes" {
		t.Fatalf("prefetched body %q", b)
	}
}

func TestBudgetExceeded(t *testing.T) {
	name := "frhttp_test.Slow"
	release := make(chan struct{})
	defer close(release)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	register(t, name, slow.URL)
	srv, _ := serve(t, Options{Token: "t", Budget: 50 * time.Millisecond})
	resp, body := do(t, srv, call{target: "/_freshen?handler=" + name, token: "t"})
	if resp.StatusCode != http.StatusGatewayTimeout || !strings.Contains(body, `"status":"timeout"`) {
		t.Fatalf("got %d %q, want 504 with a timeout report", resp.StatusCode, body)
	}
}

func TestRateLimit(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv, _ := serve(t, Options{Token: "t", Rate: 1, Burst: 2, Now: clock})
	codes := func(n int) []int {
		var out []int
		for i := 0; i < n; i++ {
			resp, _ := do(t, srv, call{target: "/_freshen", token: "t"})
			out = append(out, resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After = %q, want 1", resp.Header.Get("Retry-After"))
			}
		}
		return out
	}
	if got := codes(3); got[0] != 200 || got[1] != 200 || got[2] != 429 {
		t.Fatalf("burst: %v, want [200 200 429]", got)
	}
	// Rejected strangers do not spend tokens.
	if resp, _ := do(t, srv, call{target: "/_freshen", token: "x"}); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("stranger: %d", resp.StatusCode)
	}
	mu.Lock()
	now = now.Add(time.Second)
	mu.Unlock()
	if got := codes(2); got[0] != 200 || got[1] != 429 {
		t.Fatalf("after 1s: %v, want [200 429]", got)
	}
}

func TestObserveAndMetrics(t *testing.T) {
	name := "frhttp_test.Observe"
	register(t, name, origin(t).URL+"/model")
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "done") })
	h := Mount(mux, Options{Token: "t"})
	srv := httptest.NewServer(h.Observe(mux, name))
	defer srv.Close()

	for i := 0; i < 2; i++ {
		if resp, body := do(t, srv, call{target: "/_freshen?handler=" + name, token: "t"}); resp.StatusCode != 200 {
			t.Fatalf("freshen: %d %s", resp.StatusCode, body)
		}
	}
	do(t, srv, call{target: "/"}) // one invocation: one of the two freshens was a hit

	resp, body := do(t, srv, call{method: http.MethodGet, target: "/_freshen/metrics", token: "t"})
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		"# TYPE freshen_trigger_runs_total counter",
		`freshen_trigger_runs_total{handler="frhttp_test.Observe"} 2`,
		`freshen_trigger_bytes_total{handler="frhttp_test.Observe"} 22`,
		`freshen_prediction_hits_total{handler="frhttp_test.Observe"} 1`,
		`freshen_prediction_pending{handler="frhttp_test.Observe"} 1`,
		`freshen_gate_open{handler="frhttp_test.Observe"} 1`,
		`freshen_entry_bytes_total{handler="frhttp_test.Observe",index="0",kind="fetch"} 22`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("metrics lack %q", want)
		}
	}
	if t.Failed() {
		t.Log(body)
	}
	// The same accounts, as JSON for other exporters.
	if b, _ := json.Marshal(h.Runner().Accounts()); !strings.Contains(string(b), `"handler":"frhttp_test.Observe","runs":2`) {
		t.Errorf("accounts = %s", b)
	}
	// Nothing was published on the process-wide mux: expvar's import would
	// serve /debug/vars there without the token.
	if _, pattern := http.DefaultServeMux.Handler(httptest.NewRequest(http.MethodGet, "/debug/vars", nil)); pattern != "" {
		t.Errorf("http.DefaultServeMux serves /debug/vars (pattern %q)", pattern)
	}
}

func TestGateTurnsFreshenOffAndOn(t *testing.T) {
	name := "frhttp_test.Gated"
	register(t, name, origin(t).URL+"/model")
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	g := gate.New(gate.Config{Window: 4, MinSamples: 4, Horizon: time.Second, Cooldown: time.Minute, Now: clock})
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {})
	h := Mount(mux, Options{Token: "t", Runner: trigger.New(trigger.Options{Gate: g})})
	srv := httptest.NewServer(h.Observe(mux, name))
	defer srv.Close()

	freshen := func() trigger.HandlerReport {
		t.Helper()
		resp, body := do(t, srv, call{target: "/_freshen?handler=" + name, token: "t"})
		var rep trigger.Report
		if err := json.Unmarshal([]byte(body), &rep); err != nil || resp.StatusCode != 200 || len(rep.Handlers) != 1 {
			t.Fatalf("freshen: %d %s", resp.StatusCode, body)
		}
		return rep.Handlers[0]
	}
	metric := func(line string) bool {
		_, body := do(t, srv, call{method: http.MethodGet, target: "/_freshen/metrics", token: "t"})
		return strings.Contains(body, line+"\n")
	}

	// Four mispredictions: freshened, never invoked within the horizon.
	for i := 0; i < 4; i++ {
		if hr := freshen(); hr.Status != trigger.StatusOK {
			t.Fatalf("freshen %d: %+v", i, hr)
		}
		advance(2 * time.Second)
	}
	if hr := freshen(); hr.Status != trigger.StatusRefused || hr.Reason != "cooldown" {
		t.Fatalf("after 4 wasted freshens: %+v, want refused for cooldown", hr)
	}
	if !metric(`freshen_gate_open{handler="frhttp_test.Gated"} 0`) || !metric(`freshen_prediction_wasted_total{handler="frhttp_test.Gated"} 4`) ||
		!metric(`freshen_gate_refused_total{handler="frhttp_test.Gated"} 1`) {
		t.Fatal("metrics do not show the closed gate")
	}

	// After the cool-down freshen is honoured again, and hits keep it on.
	advance(time.Minute)
	for i := 0; i < 6; i++ {
		if hr := freshen(); hr.Status != trigger.StatusOK {
			t.Fatalf("after cool-down, freshen %d: %+v", i, hr)
		}
		do(t, srv, call{method: http.MethodGet, target: "/"}) // the predicted invocation
	}
	if !metric(`freshen_gate_open{handler="frhttp_test.Gated"} 1`) || !metric(`freshen_prediction_hits_total{handler="frhttp_test.Gated"} 6`) {
		t.Fatal("metrics do not show the reopened gate")
	}
}
