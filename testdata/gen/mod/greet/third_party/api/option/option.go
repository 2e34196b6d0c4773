// Package option stands in for google.golang.org/api/option: the
// ClientOption type the Firestore stand-in's constructor takes.
package option

// DialSettings stands for google.golang.org/api/internal.DialSettings.
type DialSettings struct{ Endpoint string }

// A ClientOption is an option for a Google API client.
type ClientOption interface {
	Apply(*DialSettings)
}

type withEndpoint string

func (w withEndpoint) Apply(o *DialSettings) { o.Endpoint = string(w) }

// WithEndpoint overrides the service endpoint.
func WithEndpoint(url string) ClientOption { return withEndpoint(url) }
