package fr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// ErrUnsafeMethod reports a request that HTTPDo refuses to send: freshen
// runs calls ahead of the handler, so it only ever sends safe methods.
var ErrUnsafeMethod = errors.New("method is not GET or HEAD")

// WarmPing warms a client by calling its own Ping, so that the client's
// pool holds a connection that has already done its handshakes (go-redis:
// fr.WarmPing(ctx, rdb.Ping)). The error comes from the result's Err.
func WarmPing[C interface{ Err() error }](ctx context.Context, ping func(context.Context) C) error {
	if ping == nil {
		return errors.New("warm ping: nil ping function")
	}
	if err := ping(ctx).Err(); err != nil {
		return fmt.Errorf("warm ping: %w", err)
	}
	return nil
}

// WarmConnect asks c to start connecting now (grpc.ClientConn.Connect) and
// returns without waiting for the connection to become ready.
//
// It does not wait even when c could report its state (gRPC's GetState and
// WaitForStateChange): a gRPC call already waits for a connecting channel
// to become ready, so the handler's call rides on the connection that
// WarmConnect started, and naming gRPC's state type would make fr depend on
// gRPC. The warm counts as done once Connect has returned.
func WarmConnect(ctx context.Context, c interface{ Connect() }) error {
	if c == nil {
		return errors.New("warm connect: nil connection")
	}
	// A freshen that has already run out of time starts nothing.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("warm connect: %w", err)
	}
	c.Connect()
	return nil
}

// HTTPDo sends a GET or HEAD request for url with a copy of header, bound
// to ctx: the form freshen functions use for (*http.Client).Do of a request
// with constant headers. Any other method fails with ErrUnsafeMethod before
// anything is sent. A nil c means http.DefaultClient.
func HTTPDo(ctx context.Context, c HTTPDoer, method, url string, header http.Header) (*http.Response, error) {
	if method != http.MethodGet && method != http.MethodHead {
		return nil, fmt.Errorf("fr.HTTPDo %q: %w", method, ErrUnsafeMethod)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	// A copy: the request must not alias a map the caller may reuse.
	for k, vs := range header {
		req.Header[k] = append([]string(nil), vs...)
	}
	if c == nil || c == (*http.Client)(nil) {
		c = http.DefaultClient
	}
	return c.Do(req)
}
