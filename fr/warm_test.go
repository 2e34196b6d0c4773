package fr

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// wrappedDoer is a client that is not an *http.Client but sends requests
// through one, like the AWS SDK v2's BuildableClient.
type wrappedDoer struct{ c *http.Client }

func (w wrappedDoer) Do(r *http.Request) (*http.Response, error) { return w.c.Do(r) }

// tracedGet sends GET url through do and reports whether the connection
// was reused from the pool.
func tracedGet(t *testing.T, do func(*http.Request) (*http.Response, error), url string) bool {
	t.Helper()
	var reused atomic.Bool
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { reused.Store(i.Reused) }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(context.Background(), trace), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return reused.Load()
}

func TestWarmHTTPLeavesReusableConnection(t *testing.T) {
	tests := []struct {
		name   string
		tls    bool
		client func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func())
	}{
		{"*http.Client", false, func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func()) {
			c := &http.Client{Transport: &http.Transport{}}
			return c, c.Do, c.CloseIdleConnections
		}},
		{"*http.Client TLS", true, func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func()) {
			c := srv.Client()
			return c, c.Do, c.CloseIdleConnections
		}},
		{"http.DefaultClient", false, func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func()) {
			return http.DefaultClient, http.DefaultClient.Do, http.DefaultClient.CloseIdleConnections
		}},
		{"nil means DefaultClient", false, func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func()) {
			return nil, http.DefaultClient.Do, http.DefaultClient.CloseIdleConnections
		}},
		{"HTTPDoer wrapper", true, func(srv *httptest.Server) (HTTPDoer, func(*http.Request) (*http.Response, error), func()) {
			w := wrappedDoer{srv.Client()}
			return w, w.Do, w.c.CloseIdleConnections
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var heads atomic.Int32
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					heads.Add(1)
					if r.URL.Path != "/" {
						t.Errorf("warm request to %q, want the origin /", r.URL.Path)
					}
				}
				io.WriteString(w, "ok")
			})
			var srv *httptest.Server
			if tt.tls {
				srv = httptest.NewTLSServer(h)
			} else {
				srv = httptest.NewServer(h)
			}
			defer srv.Close()
			doer, do, closeIdle := tt.client(srv)
			closeIdle()
			defer closeIdle()

			s := NewState("test.WarmHTTP", 1)
			if err := s.Run(context.Background(), Warm(0, func(ctx context.Context) error {
				return WarmHTTP(ctx, doer, srv.URL+"/items/7?q=1")
			})); err != nil {
				t.Fatal(err)
			}
			if heads.Load() != 1 {
				t.Fatalf("HEAD requests = %d, want 1", heads.Load())
			}
			var reused bool
			_, err := FrWarm(context.Background(), s, 0, func() (bool, error) {
				reused = tracedGet(t, do, srv.URL+"/items/7")
				return reused, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reused {
				t.Fatal("the call after WarmHTTP opened a new connection")
			}
			if st := s.Stats().Entries[0]; st.Hits != 1 || st.Inline != 0 {
				t.Fatalf("stats = %+v", st)
			}
			// Control: without a warm, the first request dials.
			closeIdle()
			if tracedGet(t, do, srv.URL+"/items/7") {
				t.Fatal("control request reused a connection: the check proves nothing")
			}
		})
	}
}

func TestWarmHTTPConnectionClose(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
	}))
	defer srv.Close()
	err := WarmHTTP(context.Background(), srv.Client(), srv.URL)
	if !errors.Is(err, ErrNoKeepAlive) {
		t.Fatalf("WarmHTTP = %v, want ErrNoKeepAlive", err)
	}
}

func TestWarmHTTPBadURL(t *testing.T) {
	for _, u := range []string{"/relative", "::bad", ""} {
		if err := WarmHTTP(context.Background(), nil, u); err == nil {
			t.Errorf("WarmHTTP(%q) = nil", u)
		}
	}
}

func TestFrWarmWaitsForRunningWarm(t *testing.T) {
	gate := make(chan struct{})
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			<-gate
			return
		}
		gets.Add(1)
	}))
	defer srv.Close()
	c := &http.Client{Transport: &http.Transport{}}
	defer c.CloseIdleConnections()
	s := NewState("test.WarmWait", 1)
	runErr := make(chan error, 1)
	go func() {
		runErr <- s.Run(context.Background(), Warm(0, func(ctx context.Context) error { return WarmHTTP(ctx, c, srv.URL) }))
	}()
	eventually(t, "the warm to start", func() bool { return s.EntryState(0) == Running })
	reused := make(chan bool, 1)
	go func() {
		FrWarm(context.Background(), s, 0, func() (struct{}, error) {
			reused <- tracedGet(t, c.Do, srv.URL+"/x")
			return struct{}{}, nil
		})
	}()
	eventually(t, "the call to wait", func() bool { return s.Stats().Entries[0].Waits == 1 })
	if gets.Load() != 0 {
		t.Fatal("the call ran before the warm finished")
	}
	close(gate)
	if !<-reused {
		t.Fatal("call after the awaited warm did not reuse its connection")
	}
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
}

func TestFrWarmWithoutFreshenDoesNotWarm(t *testing.T) {
	var heads atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			heads.Add(1)
		}
	}))
	defer srv.Close()
	s := NewState("test.NoInlineWarm", 1)
	ran := false
	FrWarm1(context.Background(), s, 0, func() int { ran = true; return 0 })
	if !ran || heads.Load() != 0 {
		t.Fatalf("ran=%v heads=%d: the call must run as written and nothing be warmed", ran, heads.Load())
	}
	if st := s.Stats().Entries[0]; st.Inline != 1 {
		t.Fatalf("stats = %+v", st)
	}
}

// tcpServer is a loopback echo server that counts and keeps its
// connections.
type tcpServer struct {
	ln       net.Listener
	accepted atomic.Int32
	mu       sync.Mutex
	conns    []net.Conn
	conn     chan net.Conn
}

func newTCPServer(t *testing.T, ln net.Listener) *tcpServer {
	t.Helper()
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
	}
	s := &tcpServer{ln: ln, conn: make(chan net.Conn, 64)}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.accepted.Add(1)
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			s.conn <- c
			wg.Go(func() { io.Copy(c, c) })
		}
	})
	t.Cleanup(func() {
		ln.Close()
		s.mu.Lock()
		for _, c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		wg.Wait()
	})
	return s
}

func (s *tcpServer) addr() string { return s.ln.Addr().String() }

func echo(t *testing.T, c net.Conn) {
	t.Helper()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, "ping\n"); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || line != "ping\n" {
		t.Fatalf("echo = %q, %v", line, err)
	}
}

func TestWarmHandoffTCP(t *testing.T) {
	checkGoroutines(t)
	srv := newTCPServer(t, nil)
	s := NewState("test.HandoffTCP", 1)
	if err := s.Run(context.Background(), WarmHandoff(0, func(ctx context.Context) (net.Conn, error) {
		return DialContext(ctx, "tcp", srv.addr())
	})); err != nil {
		t.Fatal(err)
	}
	dials := 0
	dial := func() (net.Conn, error) { dials++; return net.Dial("tcp", srv.addr()) }
	c, err := FrWarm(context.Background(), s, 0, dial)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	<-srv.conn // accepted by the server
	if dials != 0 || srv.accepted.Load() != 1 {
		t.Fatalf("dials=%d accepted=%d: the pre-dialled connection was not handed over", dials, srv.accepted.Load())
	}
	echo(t, c)
	c2, err := FrWarm(context.Background(), s, 0, dial)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if dials != 1 || c2 == c {
		t.Fatal("a hand-off was given out twice")
	}
	echo(t, c2)
}

func TestWarmHandoffTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "tls ok") }))
	defer srv.Close()
	cfg := srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	cfg.ServerName = "example.com" // the test certificate's name
	addr := srv.Listener.Addr().String()
	s := NewState("test.HandoffTLS", 1)
	if err := s.Run(context.Background(), WarmHandoff(0, func(ctx context.Context) (*tls.Conn, error) {
		return TLSDialContext(ctx, "tcp", addr, cfg)
	})); err != nil {
		t.Fatal(err)
	}
	c, err := FrWarm(context.Background(), s, 0, func() (*tls.Conn, error) {
		t.Error("dialled although a handshaken connection waited")
		return tls.Dial("tcp", addr, cfg)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.ConnectionState().HandshakeComplete {
		t.Fatal("handed-off TLS connection has no completed handshake")
	}
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := bodyString(t, resp); b != "tls ok" {
		t.Fatalf("body = %q", b)
	}
}

func TestWarmHandoffUnusedIsClosed(t *testing.T) {
	checkGoroutines(t)
	srv := newTCPServer(t, nil)
	s := NewState("test.HandoffUnused", 1)
	s.SetTTL(0, 30*time.Millisecond)
	if err := s.Run(context.Background(), WarmHandoff(0, func(ctx context.Context) (net.Conn, error) {
		return DialContext(ctx, "tcp", srv.addr())
	})); err != nil {
		t.Fatal(err)
	}
	server := <-srv.conn
	server.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := server.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("server read = %v, want EOF from the closed hand-off", err)
	}
	if st := s.Stats().Entries[0]; st.Wasted != 1 || st.Kind != "handoff" {
		t.Fatalf("stats = %+v", st)
	}
	if s.EntryState(0) != Idle {
		t.Fatal("entry still holds the closed connection")
	}
}

func TestWarmHandoffPeerClosed(t *testing.T) {
	srv := newTCPServer(t, nil)
	s := NewState("test.HandoffDead", 1)
	var pre net.Conn
	if err := s.Run(context.Background(), WarmHandoff(0, func(ctx context.Context) (net.Conn, error) {
		c, err := DialContext(ctx, "tcp", srv.addr())
		pre = c
		return c, err
	})); err != nil {
		t.Fatal(err)
	}
	(<-srv.conn).Close()
	eventually(t, "the client to see the close", func() bool { return Alive(pre) != nil })
	c, err := FrWarm(context.Background(), s, 0, func() (net.Conn, error) { return net.Dial("tcp", srv.addr()) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c == pre {
		t.Fatal("handed over a connection the peer had closed")
	}
	echo(t, c)
}

func TestHTTPHead(t *testing.T) {
	o := newOrigin(t, "not sent for HEAD")
	s := NewState("test.Head", 1)
	if err := s.Run(context.Background(), Fetch(0, func(ctx context.Context) (*http.Response, error) {
		return HTTPHead(ctx, o.Client(), o.URL)
	})); err != nil {
		t.Fatal(err)
	}
	if r := <-o.arrived; r.Method != http.MethodHead {
		t.Fatalf("method = %s", r.Method)
	}
	resp, err := FrFetch(context.Background(), s, 0, func() (*http.Response, error) { return o.Client().Head(o.URL) })
	if err != nil || resp.StatusCode != 200 || bodyString(t, resp) != "" {
		t.Fatal(resp, err)
	}
	if _, err := HTTPGet(context.Background(), nil, "::bad"); err == nil {
		t.Fatal("bad URL accepted")
	}
}
