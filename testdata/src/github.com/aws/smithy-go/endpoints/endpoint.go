// Package endpoints is a test stub with the real API's signatures.
package endpoints

import (
	"net/http"
	"net/url"
)

// Endpoint is the endpoint object returned by endpoint resolution V2.
type Endpoint struct {
	URI     url.URL
	Headers http.Header
}
