// Package frtest holds what the tests of fr and its packages share.
package frtest

import (
	"context"
	"sync/atomic"

	"github.com/freshen-go/freshen/fr"
)

// State returns the State registered under name, or a new one, so that a
// test can register its freshen function again under -count.
func State(name string, n int) *fr.State {
	if s, ok := fr.Lookup(name); ok {
		return s
	}
	return fr.NewState(name, n)
}

// Counting registers name as a handler with one warm entry whose freshen
// only counts, and returns the count.
func Counting(name string) *atomic.Int32 {
	var n atomic.Int32
	s := State(name, 1)
	fr.Register(s, func(ctx context.Context) error {
		return s.Run(ctx, fr.Warm(0, func(context.Context) error { n.Add(1); return nil }))
	})
	return &n
}
