package fr

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"sync"
)

// DialContext dials like net.Dial, bound to ctx; freshen functions use it
// in WarmHandoff for net.Dial and net.DialTimeout call sites. The
// connection outlives ctx once established.
func DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// TLSDialContext dials and completes the TLS handshake like tls.Dial,
// bound to ctx. A nil cfg uses the defaults, with the server name taken
// from addr.
func TLSDialContext(ctx context.Context, network, addr string, cfg *tls.Config) (*tls.Conn, error) {
	d := tls.Dialer{Config: cfg}
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return c.(*tls.Conn), nil
}

// Conn is a runtime-scoped connection: a package-level variable kept across
// invocations. Freshen checks it (Warm(i, c.Check)) and redials it when
// the peer has gone away, so the function finds a live connection.
//
// Get and Check are safe for concurrent use; the net.Conn they return is
// shared, like any runtime-scoped connection.
type Conn struct {
	dial func(context.Context) (net.Conn, error)

	mu sync.Mutex
	c  net.Conn
}

// NewConn returns a Conn that dials with dial when it has no live
// connection.
func NewConn(dial func(context.Context) (net.Conn, error)) *Conn {
	return &Conn{dial: dial}
}

// Get returns the live connection, dialling (or redialling) when there is
// none.
func (k *Conn) Get(ctx context.Context) (net.Conn, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c != nil {
		if Alive(k.c) == nil {
			return k.c, nil
		}
		_ = k.c.Close()
		k.c = nil
	}
	c, err := k.dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("fr: dial: %w", err)
	}
	k.c = c
	return c, nil
}

// Check is the freshen action: it checks the connection's liveness and
// redials a dead or missing one.
func (k *Conn) Check(ctx context.Context) error {
	_, err := k.Get(ctx)
	return err
}

// Discard closes c and forgets it if it is the current connection; call it
// after an I/O error so the next Get redials.
func (k *Conn) Discard(c net.Conn) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c == c && c != nil {
		_ = c.Close()
		k.c = nil
	}
}

// Close closes the current connection.
func (k *Conn) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c == nil {
		return nil
	}
	err := k.c.Close()
	k.c = nil
	return err
}

// rawConn unwraps TLS and similar wrappers down to the socket.
func rawConn(c net.Conn) net.Conn {
	for {
		u, ok := c.(interface{ NetConn() net.Conn })
		if !ok {
			return c
		}
		c = u.NetConn()
	}
}
