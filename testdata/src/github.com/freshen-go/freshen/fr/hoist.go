package fr

import "context"

func FrHoist[T any](ctx context.Context, s *State, i int, build func(ctx context.Context) (T, error)) (T, error) {
	return build(ctx)
}

func FrHoist1[T any](ctx context.Context, s *State, i int, build func(ctx context.Context) T) T {
	return build(ctx)
}

func Hoist[T any](i int, build func(ctx context.Context) (T, error)) Action { return Action{} }

func Hoist1[T any](i int, build func(ctx context.Context) T) Action { return Action{} }

func Hoisted[T any](ctx context.Context, s *State, i int) T {
	var zero T
	return zero
}

func Fetch[T any](i int, f func(ctx context.Context) (T, error)) Action { return Action{} }

func Register(s *State, freshen func(context.Context) error) {}
