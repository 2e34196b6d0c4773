// Package frlambda is a test stub with the real package's signatures.
package frlambda

import "context"

// Options configures Wrap.
type Options struct{}

// Handler wraps a Lambda handler.
type Handler struct{}

func (*Handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) { return nil, nil }

func Wrap(handler any, o Options) *Handler { return &Handler{} }
