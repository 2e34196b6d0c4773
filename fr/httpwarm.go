package fr

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// HTTPDoer is any client that sends a request: *http.Client, or a struct
// wrapping one, such as the HTTP client of the AWS SDK v2.
type HTTPDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// ErrNoKeepAlive reports that a warmed server answered with
// "Connection: close", so no connection was left for the real call.
var ErrNoKeepAlive = errors.New("server answered Connection: close; no connection kept alive")

// HTTPGet is http.Client.Get bound to ctx, the form freshen functions use
// for http.Get and (*http.Client).Get. A nil c means http.DefaultClient.
func HTTPGet(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	return httpDo(ctx, c, http.MethodGet, url)
}

// HTTPHead is http.Client.Head bound to ctx.
func HTTPHead(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	return httpDo(ctx, c, http.MethodHead, url)
}

func httpDo(ctx context.Context, c *http.Client, method, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	if c == nil {
		c = http.DefaultClient
	}
	return c.Do(req)
}

// WarmHTTP leaves an idle keep-alive connection to the origin (scheme,
// host and port) of rawURL in c's pool, so that the function's next request
// there skips the TCP and TLS handshakes. It sends HEAD / — safe by HTTP
// semantics, whatever the status — and drains the response. It returns an
// error wrapping ErrNoKeepAlive when the server closed the connection. A
// nil c means http.DefaultClient.
func WarmHTTP(ctx context.Context, c HTTPDoer, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("warm http: %w", err)
	}
	if u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("warm http: %q has no origin", rawURL)
	}
	origin := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, origin, nil)
	if err != nil {
		return fmt.Errorf("warm http: %w", err)
	}
	if c == nil || c == (*http.Client)(nil) {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("warm http %s: %w", origin, err)
	}
	// Draining lets the transport put the connection back in its pool.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	if resp.Close {
		return fmt.Errorf("warm http %s: %w", origin, ErrNoKeepAlive)
	}
	return nil
}

// WarmSQL makes sure db's pool holds an open, checked connection.
func WarmSQL(ctx context.Context, db *sql.DB) error {
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("warm sql: %w", err)
	}
	return nil
}
