// Package aws is a test stub with the real API's signatures.
package aws

import "net/http"

// HTTPClient sends requests.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Config is the shared SDK configuration.
type Config struct {
	Region     string
	HTTPClient HTTPClient
}

func String(v string) *string { return &v }
func Int32(v int32) *int32    { return &v }
func Int64(v int64) *int64    { return &v }
func Bool(v bool) *bool       { return &v }
func ToString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
