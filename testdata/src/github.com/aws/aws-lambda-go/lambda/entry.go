// Package lambda is a test stub with the real API's signatures.
package lambda

import "context"

// Option configures StartWithOptions.
type Option func(*handlerOptions)

type handlerOptions struct{ ctx context.Context }

// WithContext sets the base context.
func WithContext(ctx context.Context) Option { return func(o *handlerOptions) { o.ctx = ctx } }

func Start(handler interface{})                                 {}
func StartWithContext(ctx context.Context, handler interface{}) {}
func StartWithOptions(handler interface{}, options ...Option)   {}

// HandlerFunc is the typed handler shape of StartHandlerFunc.
type HandlerFunc[TIn, TOut any] interface {
	func(context.Context, TIn) (TOut, error)
}

func StartHandlerFunc[TIn any, TOut any, H HandlerFunc[TIn, TOut]](handler H, options ...Option) {}
