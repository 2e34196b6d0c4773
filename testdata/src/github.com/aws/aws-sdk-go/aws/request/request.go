// Package request is a test stub with the real API's signatures.
package request

import (
	"net/http"
	"time"
)

// Request is one API request.
type Request struct {
	HTTPRequest *http.Request
	Handlers    Handlers
	Params      interface{}
	Error       error
}

// Option changes a request.
type Option func(*Request)

// Operation names an API operation.
type Operation struct {
	Name       string
	HTTPMethod string
	HTTPPath   string
}

// Retryer decides on retries.
type Retryer interface {
	RetryRules(*Request) time.Duration
	ShouldRetry(*Request) bool
	MaxRetries() int
}

// NamedHandler is a named request handler.
type NamedHandler struct {
	Name string
	Fn   func(*Request)
}

// HandlerList is a list of request handlers.
type HandlerList struct {
	list []NamedHandler
}

func (l *HandlerList) PushBack(f func(*Request)) { l.list = append(l.list, NamedHandler{Fn: f}) }
func (l *HandlerList) PushFront(f func(*Request)) {
	l.list = append([]NamedHandler{{Fn: f}}, l.list...)
}
func (l *HandlerList) PushBackNamed(n NamedHandler) { l.list = append(l.list, n) }
func (l *HandlerList) Clear()                       { l.list = l.list[0:0] }
func (l *HandlerList) Len() int                     { return len(l.list) }

// Handlers are the request handler lists of a client.
type Handlers struct {
	Validate, Build, Sign, Send, ValidateResponse, Unmarshal, UnmarshalError, Retry, AfterRetry, Complete HandlerList
}

// Send sends the request.
func (r *Request) Send() error { return nil }

// Presign returns a presigned URL.
func (r *Request) Presign(expire time.Duration) (string, error) { return "", nil }
