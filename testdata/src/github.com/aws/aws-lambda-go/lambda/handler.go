package lambda

import "context"

// Handler is implemented by wrapped handlers.
type Handler interface {
	Invoke(ctx context.Context, payload []byte) ([]byte, error)
}

type handler struct{}

func (handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) { return nil, nil }

func NewHandler(handlerFunc interface{}) Handler                               { return handler{} }
func NewHandlerWithOptions(handlerFunc interface{}, options ...Option) Handler { return handler{} }
func StartHandler(handler Handler)                                             {}
func StartHandlerWithContext(ctx context.Context, handler Handler)             {}
