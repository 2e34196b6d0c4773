// Package fr is a test stub with the real API's signatures.
package fr

import (
	"context"
	"crypto/tls"
)

type State struct{ name string }

func NewState(handler string, n int) *State { return &State{name: handler} }

func FrFetch[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	return call()
}
func FrFetch1[T any](ctx context.Context, s *State, i int, call func() T) T { return call() }
func FrWarm[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	return call()
}
func FrWarm1[T any](ctx context.Context, s *State, i int, call func() T) T { return call() }

func TLSDialContext(ctx context.Context, network, addr string, cfg *tls.Config) (*tls.Conn, error) {
	return nil, nil
}

type Action struct{}

func WarmHandoff[T any](i int, f func(ctx context.Context) (T, error)) Action { return Action{} }

func (s *State) Run(ctx context.Context, actions ...Action) error { return nil }
