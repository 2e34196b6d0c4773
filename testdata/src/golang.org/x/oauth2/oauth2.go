// Package oauth2 is a test stub with the real API's signatures.
package oauth2

import (
	"context"
	"net/http"
	"time"
)

// TokenSource returns a token. The token it returns must not be modified.
type TokenSource interface {
	Token() (*Token, error)
}

type Token struct {
	AccessToken  string
	TokenType    string
	RefreshToken string
	Expiry       time.Time
	ExpiresIn    int64
	raw          any
}

func (t *Token) Valid() bool { return t != nil && t.AccessToken != "" }

type AuthStyle int

type Endpoint struct {
	AuthURL       string
	DeviceAuthURL string
	TokenURL      string
	AuthStyle     AuthStyle
}

type Config struct {
	ClientID     string
	ClientSecret string
	Endpoint     Endpoint
	RedirectURL  string
	Scopes       []string
}

func (c *Config) TokenSource(ctx context.Context, t *Token) TokenSource {
	return &reuseTokenSource{t: t}
}

func (c *Config) Client(ctx context.Context, t *Token) *http.Client {
	return NewClient(ctx, c.TokenSource(ctx, t))
}

type staticTokenSource struct{ t *Token }

func (s staticTokenSource) Token() (*Token, error) { return s.t, nil }

func StaticTokenSource(t *Token) TokenSource { return staticTokenSource{t} }

type reuseTokenSource struct {
	new TokenSource
	t   *Token
}

func (s *reuseTokenSource) Token() (*Token, error) { return s.t, nil }

func ReuseTokenSource(t *Token, src TokenSource) TokenSource {
	return &reuseTokenSource{new: src, t: t}
}

// NewClient returns http.DefaultClient itself when src is nil.
func NewClient(ctx context.Context, src TokenSource) *http.Client {
	if src == nil {
		return http.DefaultClient
	}
	return &http.Client{Transport: &Transport{Source: ReuseTokenSource(nil, src)}}
}

type Transport struct {
	Source TokenSource
	Base   http.RoundTripper
}

func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(req)
}

func (t *Transport) CancelRequest(req *http.Request) {}
