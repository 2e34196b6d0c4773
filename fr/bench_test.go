package fr

import (
	"context"
	"testing"
	"time"

	"golang.org/x/sync/singleflight"
)

// benchValue is what the benchmarked call returns.
const benchValue = "prefetched model bytes"

//go:noinline
func benchCall() (string, error) { return benchValue, nil }

// hitState returns a State whose entry 0 holds a finished string result
// with a TTL long enough for any benchmark.
func hitState(b *testing.B) *State {
	s := NewState("bench.Hit", 1)
	s.SetTTL(0, time.Hour)
	if err := s.Run(context.Background(), Fetch(0, func(context.Context) (string, error) { return benchCall() })); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkFrFetchHit: finished entry with a TTL, string result (no copy).
func BenchmarkFrFetchHit(b *testing.B) {
	s := hitState(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		v, err := FrFetch(ctx, s, 0, benchCall)
		if err != nil || len(v) != len(benchValue) {
			b.Fatal(v, err)
		}
	}
}

func BenchmarkFrFetchHitParallel(b *testing.B) {
	s := hitState(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if v, err := FrFetch(ctx, s, 0, benchCall); err != nil || len(v) != len(benchValue) {
				b.Error(v, err)
				return
			}
		}
	})
}

// BenchmarkFrFetchInline: idle entry, the call returns at once; compare
// with BenchmarkFrFetchBaselineDirectCall.
func BenchmarkFrFetchInline(b *testing.B) {
	s := NewState("bench.Inline", 1)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if v, err := FrFetch(ctx, s, 0, benchCall); err != nil || len(v) != len(benchValue) {
			b.Fatal(v, err)
		}
	}
}

func BenchmarkFrFetchInlineParallel(b *testing.B) {
	s := NewState("bench.Inline", 1)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if v, err := FrFetch(ctx, s, 0, benchCall); err != nil || len(v) != len(benchValue) {
				b.Error(v, err)
				return
			}
		}
	})
}

// BenchmarkFrFetchBaselineDirectCall is the call without fr, the baseline
// of the inline overhead.
func BenchmarkFrFetchBaselineDirectCall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if v, err := benchCall(); err != nil || len(v) != len(benchValue) {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkSingleflightDo is the anchor: x/sync/singleflight doing the
// same work as the inline path.
func BenchmarkSingleflightDo(b *testing.B) {
	var g singleflight.Group
	fn := func() (any, error) { return benchCall() }
	b.ReportAllocs()
	for b.Loop() {
		if v, err, _ := g.Do("k", fn); err != nil || len(v.(string)) != len(benchValue) {
			b.Fatal(v, err)
		}
	}
}

func BenchmarkSingleflightDoParallel(b *testing.B) {
	var g singleflight.Group
	fn := func() (any, error) { return benchCall() }
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if v, err, _ := g.Do("k", fn); err != nil || len(v.(string)) != len(benchValue) {
				b.Error(v, err)
				return
			}
		}
	})
}
