// Package fr is a test stub with the real API's signatures.
package fr

import "context"

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
