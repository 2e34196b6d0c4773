// Package option is a test stub with the real API's signatures.
package option

import (
	"net/http"

	"golang.org/x/oauth2"
)

// DialSettings stands for google.golang.org/api/internal.DialSettings.
type DialSettings struct {
	Endpoint        string
	CredentialsFile string
	CredentialsJSON []byte
	Scopes          []string
	UserAgent       string
	NoAuth          bool
	QuotaProject    string
	APIKey          string
	TokenSource     oauth2.TokenSource
	HTTPClient      *http.Client
	GRPCConnPool    int
}

type ClientOption interface {
	Apply(*DialSettings)
}

type withEndpoint string

func (w withEndpoint) Apply(o *DialSettings) { o.Endpoint = string(w) }

func WithEndpoint(url string) ClientOption { return withEndpoint(url) }

type withCredFile string

func (w withCredFile) Apply(o *DialSettings) { o.CredentialsFile = string(w) }

func WithCredentialsFile(filename string) ClientOption { return withCredFile(filename) }

type withCredentialsJSON []byte

func (w withCredentialsJSON) Apply(o *DialSettings) { o.CredentialsJSON = append([]byte(nil), w...) }

func WithCredentialsJSON(p []byte) ClientOption { return withCredentialsJSON(p) }

type withScopes []string

func (w withScopes) Apply(o *DialSettings) { o.Scopes = append([]string(nil), w...) }

func WithScopes(scope ...string) ClientOption { return withScopes(scope) }

type withUA string

func (w withUA) Apply(o *DialSettings) { o.UserAgent = string(w) }

func WithUserAgent(ua string) ClientOption { return withUA(ua) }

type withoutAuthentication struct{}

func (w withoutAuthentication) Apply(o *DialSettings) { o.NoAuth = true }

func WithoutAuthentication() ClientOption { return withoutAuthentication{} }

type withQuotaProject string

func (w withQuotaProject) Apply(o *DialSettings) { o.QuotaProject = string(w) }

func WithQuotaProject(quotaProject string) ClientOption { return withQuotaProject(quotaProject) }

type withAPIKey string

func (w withAPIKey) Apply(o *DialSettings) { o.APIKey = string(w) }

func WithAPIKey(apiKey string) ClientOption { return withAPIKey(apiKey) }

type withGRPCConnectionPool int

func (w withGRPCConnectionPool) Apply(o *DialSettings) { o.GRPCConnPool = int(w) }

func WithGRPCConnectionPool(size int) ClientOption { return withGRPCConnectionPool(size) }

type withTokenSource struct{ ts oauth2.TokenSource }

func (w withTokenSource) Apply(o *DialSettings) { o.TokenSource = w.ts }

func WithTokenSource(s oauth2.TokenSource) ClientOption { return withTokenSource{s} }

type withHTTPClient struct{ client *http.Client }

func (w withHTTPClient) Apply(o *DialSettings) { o.HTTPClient = w.client }

func WithHTTPClient(client *http.Client) ClientOption { return withHTTPClient{client} }
