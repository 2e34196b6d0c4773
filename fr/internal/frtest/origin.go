package frtest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"sync"
	"testing"
)

// Origin is a loopback server that counts the connections clients open to
// it and records "METHOD host" for each request: enough to tell whether a
// call rode on the connection a warm-up opened.
type Origin struct {
	Srv   *httptest.Server
	mu    sync.Mutex
	conns int
	reqs  []string
}

// NewOrigin starts an Origin serving h, over TLS when tlsOn is set; it is
// closed when the test ends.
func NewOrigin(t testing.TB, tlsOn bool, h http.Handler) *Origin {
	o := &Origin{}
	o.Srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.reqs = append(o.reqs, r.Method+" "+r.Host)
		o.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	o.Srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			o.mu.Lock()
			o.conns++
			o.mu.Unlock()
		}
	}
	if tlsOn {
		o.Srv.StartTLS()
	} else {
		o.Srv.Start()
	}
	t.Cleanup(o.Srv.Close)
	return o
}

// Stats returns the connections opened so far and the requests served.
func (o *Origin) Stats() (conns int, reqs []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.conns, append([]string(nil), o.reqs...)
}

// Reused runs call with a client trace and reports whether the one
// connection it used came from the pool.
func Reused(t testing.TB, call func(context.Context) error) bool {
	t.Helper()
	var got []bool
	ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		GotConn: func(i httptrace.GotConnInfo) { got = append(got, i.Reused) },
	})
	if err := call(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("call used %d connections, want 1", len(got))
	}
	return got[0]
}
