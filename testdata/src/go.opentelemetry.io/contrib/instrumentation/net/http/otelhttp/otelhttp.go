// Package otelhttp is a test stub with the real API's signatures.
package otelhttp

import "net/http"

// Option configures the handler.
type Option interface{ apply() }

// NewHandler wraps handler for tracing.
func NewHandler(handler http.Handler, operation string, opts ...Option) http.Handler { return handler }

// WithRouteTag tags spans with the route.
func WithRouteTag(route string, h http.Handler) http.Handler { return h }
