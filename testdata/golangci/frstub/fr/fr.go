// Package fr is a stub of the freshen runtime with the signatures that
// generated code and rewritten call sites use.
package fr

import "context"

// State is a handler's fr_state.
type State struct{ name string }

// NewState returns the fr_state of a handler with n entries.
func NewState(handler string, n int) *State { return &State{name: handler} }

// FrFetch returns the prefetched result of entry i or runs call.
func FrFetch[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	return call()
}

// FrWarm runs call once entry i's warm-up is done.
func FrWarm[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	return call()
}

// Action is one entry's work in a freshen hook.
type Action struct{}

// Fetch prefetches entry i.
func Fetch[T any](i int, f func(ctx context.Context) (T, error)) Action { return Action{} }

// Run runs a hook's actions.
func (s *State) Run(ctx context.Context, actions ...Action) error { return nil }

// Register registers a freshen hook.
func Register(s *State, freshen func(context.Context) error) {}
