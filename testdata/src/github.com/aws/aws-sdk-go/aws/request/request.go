// Package request is a test stub of the AWS SDK v1 with the real API's signatures.
package request

// Request is an API request.
type Request struct{}

// Option changes a request.
type Option func(*Request)

// HandlerList is a list of request handlers.
type HandlerList struct{ list []func(*Request) }

// PushBack adds a handler.
func (l *HandlerList) PushBack(f func(*Request)) { l.list = append(l.list, f) }

// Handlers are the request handler lists.
type Handlers struct{ Send HandlerList }
