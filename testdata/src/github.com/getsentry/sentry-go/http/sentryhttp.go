// Package sentryhttp is a test stub with the real API's signatures.
package sentryhttp

import "net/http"

// Options configure the handler.
type Options struct{ Repanic bool }

// Handler reports panics.
type Handler struct{}

// New returns a handler.
func New(options Options) *Handler { return &Handler{} }

func (h *Handler) Handle(handler http.Handler) http.Handler { return handler }

func (h *Handler) HandleFunc(handler http.HandlerFunc) http.HandlerFunc { return handler }
