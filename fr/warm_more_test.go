package fr

import (
	"context"
	"errors"
	"net"
	"net/http"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisAddr is the test Redis server named by FRESHEN_TEST_REDIS.
func redisAddr(t *testing.T) string {
	t.Helper()
	return service(t, redisEnv, "Redis")
}

// countingRedis is a go-redis client whose dials are counted, so a test
// can tell a pooled connection from a new one.
func countingRedis(t *testing.T, addr string) (*redis.Client, *atomic.Int64) {
	t.Helper()
	var dials atomic.Int64
	var d net.Dialer
	rdb := redis.NewClient(&redis.Options{
		Addr: addr,
		Dialer: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dials.Add(1)
			return d.DialContext(ctx, network, addr)
		},
		MaxRetries: -1, // one dial per attempt keeps the count exact
	})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb, &dials
}

func TestWarmPingRedis(t *testing.T) {
	addr := redisAddr(t)
	ctx := context.Background()
	rdb, dials := countingRedis(t, addr)

	if err := WarmPing(ctx, rdb.Ping); err != nil {
		t.Fatalf("WarmPing: %v", err)
	}
	if n := dials.Load(); n != 1 {
		t.Fatalf("dials after WarmPing = %d, want 1", n)
	}
	if st := rdb.PoolStats(); st.TotalConns != 1 || st.IdleConns != 1 {
		t.Fatalf("pool after WarmPing: total %d idle %d, want 1 and 1", st.TotalConns, st.IdleConns)
	}

	// The handler's call runs on the warmed connection.
	hits := rdb.PoolStats().Hits
	if got, err := rdb.Echo(ctx, "warm").Result(); err != nil || got != "warm" {
		t.Fatalf("Echo = %q, %v", got, err)
	}
	if n := dials.Load(); n != 1 {
		t.Errorf("dials after the call = %d, want 1 (the warmed connection was not reused)", n)
	}
	if h := rdb.PoolStats().Hits; h != hits+1 {
		t.Errorf("pool hits = %d, want %d", h, hits+1)
	}
}

// TestWarmPingThroughState runs WarmPing as generated code does: a Warm
// action, then the call wrapped by FrWarm.
func TestWarmPingThroughState(t *testing.T) {
	addr := redisAddr(t)
	ctx := context.Background()
	rdb, dials := countingRedis(t, addr)

	s := NewState("fr.TestWarmPingThroughState", 1)
	if err := s.Run(ctx, Warm(0, func(ctx context.Context) error { return WarmPing(ctx, rdb.Ping) })); err != nil {
		t.Fatalf("Run: %v", err)
	}
	got, err := FrWarm(ctx, s, 0, func() (string, error) { return rdb.Echo(ctx, "x").Result() })
	if err != nil || got != "x" {
		t.Fatalf("FrWarm = %q, %v", got, err)
	}
	if n := dials.Load(); n != 1 {
		t.Errorf("dials = %d, want 1", n)
	}
}

func TestWarmPingErrors(t *testing.T) {
	// A loopback port nobody listens on: the listener is closed at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()

	rdb, _ := countingRedis(t, dead)
	err = WarmPing(context.Background(), rdb.Ping)
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("WarmPing to a closed port = %v, want a wrapped *net.OpError", err)
	}

	if err := WarmPing[*redis.StatusCmd](context.Background(), nil); err == nil {
		t.Error("WarmPing(nil) = nil, want an error")
	}
}

// lazyConn stands in for a connection that only dials when asked, as
// grpc.ClientConn does in idle mode.
type lazyConn struct {
	addr     string
	connects atomic.Int64
	mu       sync.Mutex
	conn     net.Conn
	err      error
}

func (c *lazyConn) Connect() {
	c.connects.Add(1)
	conn, err := net.Dial("tcp", c.addr)
	c.mu.Lock()
	c.conn, c.err = conn, err
	c.mu.Unlock()
}

func (c *lazyConn) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
	}
}

func TestWarmConnect(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()

	c := &lazyConn{addr: ln.Addr().String()}
	defer c.close()
	if err := WarmConnect(context.Background(), c); err != nil {
		t.Fatalf("WarmConnect: %v", err)
	}
	if c.err != nil {
		t.Fatalf("Connect dialled with error %v", c.err)
	}
	select {
	case sc := <-accepted:
		sc.Close()
	case <-time.After(10 * time.Second):
		t.Fatal("the listener accepted no connection after WarmConnect")
	}

	// A freshen already out of time starts nothing.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WarmConnect(ctx, c); !errors.Is(err, context.Canceled) {
		t.Errorf("WarmConnect(cancelled) = %v, want context.Canceled", err)
	}
	if n := c.connects.Load(); n != 1 {
		t.Errorf("Connect calls = %d, want 1", n)
	}

	if err := WarmConnect(context.Background(), nil); err == nil {
		t.Error("WarmConnect(nil) = nil, want an error")
	}
}

// headerDoer sends with a real client and then scribbles on the request's
// header, as a transport or middleware may.
type headerDoer struct{ c *http.Client }

func (d headerDoer) Do(r *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(r)
	r.Header.Set("X-Api-Key", "changed")
	r.Header["Accept"][0] = "changed"
	return resp, err
}

func TestHTTPDo(t *testing.T) {
	o := newOrigin(t, "body")
	header := http.Header{"X-Api-Key": {"k1"}, "Accept": {"text/plain", "application/json"}}
	want := http.Header{"X-Api-Key": {"k1"}, "Accept": {"text/plain", "application/json"}}

	tests := []struct {
		name   string
		c      HTTPDoer
		method string
	}{
		{"get", o.Client(), http.MethodGet},
		{"head", o.Client(), http.MethodHead},
		{"nil client", nil, http.MethodGet},
		{"typed nil client", (*http.Client)(nil), http.MethodGet},
		{"wrapping doer", headerDoer{o.Client()}, http.MethodGet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := HTTPDo(context.Background(), tt.c, tt.method, o.URL+"/p?q=1", header)
			if err != nil {
				t.Fatalf("HTTPDo: %v", err)
			}
			if body := bodyString(t, resp); tt.method == http.MethodGet && body != "body" {
				t.Errorf("body = %q", body)
			}
			r := o.waitArrival(t)
			if r.Method != tt.method {
				t.Errorf("method = %s, want %s", r.Method, tt.method)
			}
			if r.URL.RequestURI() != "/p?q=1" {
				t.Errorf("request URI = %s", r.URL.RequestURI())
			}
			for k, vs := range want {
				if got := r.Header.Values(k); !reflect.DeepEqual(got, vs) {
					t.Errorf("header %s = %q, want %q", k, got, vs)
				}
			}
			if !reflect.DeepEqual(header, want) {
				t.Errorf("caller's header changed to %v", header)
			}
		})
	}
}

func TestHTTPDoRefusesUnsafeMethods(t *testing.T) {
	o := newOrigin(t, "")
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "get", ""} {
		resp, err := HTTPDo(context.Background(), o.Client(), m, o.URL, nil)
		if !errors.Is(err, ErrUnsafeMethod) {
			t.Errorf("HTTPDo(%q) = %v, want ErrUnsafeMethod", m, err)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if n := o.hits.Load(); n != 0 {
		t.Errorf("server saw %d requests, want none", n)
	}
}

func TestHTTPDoContext(t *testing.T) {
	o := newOrigin(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resp, err := HTTPDo(ctx, o.Client(), http.MethodGet, o.URL, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("HTTPDo(cancelled) = %v, want context.Canceled", err)
	}
	if resp != nil {
		resp.Body.Close()
	}
}
