package frhttp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// LoopbackServer serves the freshen endpoint without a token on a
// listener of its own, bound to a loopback address. It is for platform
// components in the function's network namespace that cannot hold the
// token (a sidecar, the platform's node agent), and it shares its
// Handler's runner, gate, accounting and rate limit.
//
// A loopback listener is only as private as the ports a local proxy
// relays to: never route outside traffic to it (see the package
// documentation).
type LoopbackServer struct {
	h   *Handler
	ln  net.Listener
	srv *http.Server
}

// ErrNotLoopback is returned by ListenLoopback for an address that is
// not a loopback address.
var ErrNotLoopback = errors.New("not a loopback address")

// ListenLoopback opens the loopback listener on addr, which must name a
// loopback IP or localhost ("127.0.0.1:9091", "[::1]:9091",
// "localhost:9091"; port 0 picks a free port, see Addr). An address that
// is not loopback (":9091", "0.0.0.0:9091", a routable IP or another host
// name) is refused with ErrNotLoopback: such a listener would let anyone
// who reaches the port freshen without the token. Call Serve to answer
// requests, and Close or Shutdown to stop.
//
// The listener serves the endpoint's path and its metrics, nothing else.
// Requests carrying proxy forwarding headers (Forwarded, X-Forwarded-For,
// X-Real-Ip, Via) are refused with 403, as they were relayed from
// elsewhere.
func (h *Handler) ListenLoopback(addr string) (*LoopbackServer, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("frhttp: loopback listener %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && host != "localhost" {
		return nil, fmt.Errorf("frhttp: loopback listener %q: %w (use 127.0.0.1:PORT or [::1]:PORT)", addr, ErrNotLoopback)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("frhttp: loopback listener: %w", err)
	}
	// localhost is a name: make sure it did resolve to loopback.
	if ta, ok := ln.Addr().(*net.TCPAddr); !ok || !ta.IP.IsLoopback() {
		ln.Close()
		return nil, fmt.Errorf("frhttp: loopback listener %q bound %v: %w", addr, ln.Addr(), ErrNotLoopback)
	}
	s := &LoopbackServer{h: h, ln: ln}
	mux := http.NewServeMux()
	mux.Handle(h.path, http.HandlerFunc(s.serveHTTP))
	mux.Handle(h.path+"/metrics", http.HandlerFunc(s.serveHTTP))
	s.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		// No write timeout: a synchronous freshen is bounded by the
		// runner's budget.
	}
	return s, nil
}

// Addr returns the listener's address.
func (s *LoopbackServer) Addr() net.Addr { return s.ln.Addr() }

// URL returns the endpoint's URL on the listener, e.g.
// "http://127.0.0.1:9091/_freshen".
func (s *LoopbackServer) URL() string { return "http://" + s.ln.Addr().String() + s.h.path }

// Serve answers requests until Close or Shutdown, then returns
// http.ErrServerClosed.
func (s *LoopbackServer) Serve() error { return s.srv.Serve(s.ln) }

// Shutdown stops the listener and waits for requests in progress, at most
// until ctx ends.
func (s *LoopbackServer) Shutdown(ctx context.Context) error {
	return s.closeListener(s.srv.Shutdown(ctx))
}

// Close stops the listener and closes open connections.
func (s *LoopbackServer) Close() error {
	return s.closeListener(s.srv.Close())
}

// closeListener closes the listener also when Serve never ran (the server
// closes only listeners it serves).
func (s *LoopbackServer) closeListener(err error) error {
	if cerr := s.ln.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) && err == nil {
		err = cerr
	}
	return err
}

func (s *LoopbackServer) serveHTTP(w http.ResponseWriter, r *http.Request) {
	for _, k := range forwardingHeaders {
		if _, ok := r.Header[k]; ok {
			httpError(w, http.StatusForbidden, "freshen: relayed requests are not accepted on the loopback listener")
			return
		}
	}
	s.h.serve(w, r)
}

// forwardingHeaders mark a request a proxy relayed (canonical keys).
var forwardingHeaders = []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip", "Via"}
