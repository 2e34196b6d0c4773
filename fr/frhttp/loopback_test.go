package frhttp

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// listenLoopback starts h's loopback listener on a free port.
func listenLoopback(t *testing.T, h *Handler) *LoopbackServer {
	t.Helper()
	lb, err := h.ListenLoopback("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- lb.Serve() }()
	t.Cleanup(func() {
		if err := lb.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		select {
		case err := <-done:
			if !errors.Is(err, http.ErrServerClosed) {
				t.Errorf("Serve returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Serve did not return after Close")
		}
	})
	return lb
}

// loopbackTarget is an httptest.Server-shaped value for do.
func loopbackTarget(lb *LoopbackServer) *httptest.Server {
	return &httptest.Server{URL: "http://" + lb.Addr().String()}
}

func TestLoopbackListener(t *testing.T) {
	name := "frhttp_test.Loopback"
	register(t, name, origin(t).URL+"/model")
	t.Setenv("FRESHEN_TOKEN", "")
	public, h := serve(t, Options{}) // no token: the public endpoint is closed
	lb := listenLoopback(t, h)
	if got, want := lb.URL(), "http://"+lb.Addr().String()+"/_freshen"; got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
	local := loopbackTarget(lb)

	tests := []struct {
		name   string
		srv    *httptest.Server
		call   call
		want   int
		inBody string
	}{
		{"public endpoint stays closed", public, call{target: "/_freshen?handler=" + name}, http.StatusForbidden, "disabled"},
		{"loopback listener, no token", local, call{target: "/_freshen?handler=" + name}, http.StatusOK, `"status":"ok"`},
		{"loopback listener, short name", local, call{target: "/_freshen?handler=Loopback"}, http.StatusOK, `"handler":"` + name + `"`},
		{"loopback listener, metrics", local, call{method: http.MethodGet, target: "/_freshen/metrics"}, http.StatusOK, `freshen_trigger_runs_total{handler="` + name + `"} 2`},
		{"loopback listener, other path", local, call{target: "/"}, http.StatusNotFound, ""},
		{"loopback listener, GET", local, call{method: http.MethodGet, target: "/_freshen"}, http.StatusMethodNotAllowed, "POST"},
		{"loopback listener, body", local, call{target: "/_freshen", body: `{"id":1}`}, http.StatusRequestEntityTooLarge, ""},
		{"loopback listener, relayed", local, call{target: "/_freshen", header: map[string]string{"X-Forwarded-For": "203.0.113.9"}}, http.StatusForbidden, "relayed"},
		{"loopback listener, Forwarded", local, call{target: "/_freshen", header: map[string]string{"Forwarded": "for=203.0.113.9"}}, http.StatusForbidden, "relayed"},
		{"loopback listener, Via", local, call{target: "/_freshen", header: map[string]string{"Via": "1.1 envoy"}}, http.StatusForbidden, "relayed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, tt.srv, tt.call)
			if resp.StatusCode != tt.want || !strings.Contains(body, tt.inBody) {
				t.Fatalf("got %d %q, want %d containing %q", resp.StatusCode, body, tt.want, tt.inBody)
			}
		})
	}

	// A real reverse proxy that marks what it relays is refused too.
	p := proxy(t, local, true)
	if resp, body := do(t, p, call{target: "/_freshen?handler=" + name}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("through a proxy: %d %q", resp.StatusCode, body)
	}
}

// The loopback listener and the public endpoint share one rate limit.
func TestLoopbackSharesRateLimit(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	public, h := serve(t, Options{Token: "t", Rate: 1, Burst: 2, Now: func() time.Time { return now }})
	local := loopbackTarget(listenLoopback(t, h))
	codes := []int{}
	for _, srv := range []*httptest.Server{public, local, local, public} {
		resp, _ := do(t, srv, call{target: "/_freshen", token: "t"})
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 || codes[3] != 429 {
		t.Fatalf("codes %v, want [200 200 429 429]", codes)
	}
}

func TestListenLoopbackRefuses(t *testing.T) {
	h := New(Options{Token: "t"})
	for _, addr := range []string{
		":0",
		"0.0.0.0:0",
		"[::]:0",
		"192.0.2.1:0",
		"example.com:0",
		"localhost.example.com:0",
		"127.0.0.1", // no port
	} {
		lb, err := h.ListenLoopback(addr)
		if err == nil {
			lb.Close()
			t.Errorf("ListenLoopback(%q) accepted", addr)
			continue
		}
		if strings.Contains(addr, ":") && !errors.Is(err, ErrNotLoopback) {
			t.Errorf("ListenLoopback(%q) = %v, want ErrNotLoopback", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "127.0.0.2:0", "localhost:0", "[::1]:0"} {
		lb, err := h.ListenLoopback(addr)
		if err != nil {
			var op *net.OpError
			if addr == "[::1]:0" && errors.As(err, &op) {
				t.Logf("no IPv6 loopback here: %v", err)
				continue
			}
			t.Errorf("ListenLoopback(%q): %v", addr, err)
			continue
		}
		if ta := lb.Addr().(*net.TCPAddr); !ta.IP.IsLoopback() {
			t.Errorf("ListenLoopback(%q) bound %v", addr, ta)
		}
		if err := lb.Close(); err != nil {
			t.Errorf("Close without Serve: %v", err)
		}
	}
}

func TestShortHandlerNames(t *testing.T) {
	url := origin(t).URL + "/model"
	register(t, "example.com/fh/a.ShortFn", url)
	register(t, "example.com/fh/b.ShortFn", url)
	register(t, "example.com/fh/a.ShortOnly", url)
	srv, _ := serve(t, Options{Token: "t"})
	tests := []struct {
		name, handler string
		want          int
		inBody        []string
	}{
		{"bare function name", "ShortOnly", http.StatusOK, []string{`"handler":"example.com/fh/a.ShortOnly"`}},
		{"package and function", "a.ShortOnly", http.StatusOK, []string{`"handler":"example.com/fh/a.ShortOnly"`}},
		{"path suffix", "fh/a.ShortFn", http.StatusOK, []string{`"handler":"example.com/fh/a.ShortFn"`}},
		{"full name", "example.com/fh/b.ShortFn", http.StatusOK, []string{`"handler":"example.com/fh/b.ShortFn"`}},
		{"ambiguous", "ShortFn", http.StatusBadRequest, []string{"ambiguous", "example.com/fh/a.ShortFn", "example.com/fh/b.ShortFn"}},
		{"unknown", "NoSuchFn", http.StatusNotFound, []string{"unknown handler"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, srv, call{target: "/_freshen?handler=" + tt.handler, token: "t"})
			if resp.StatusCode != tt.want {
				t.Fatalf("got %d %q, want %d", resp.StatusCode, body, tt.want)
			}
			for _, in := range tt.inBody {
				if !strings.Contains(body, in) {
					t.Errorf("body %q lacks %q", body, in)
				}
			}
		})
	}
}
