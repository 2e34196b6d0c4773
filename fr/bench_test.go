package fr

import (
	"bytes"
	"context"
	"fmt"
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

// runEntries are the entry counts of the State.Run benchmarks.
var runEntries = []int{1, 8}

// BenchmarkRun: one State.Run whose fetches return at once, so what is
// measured is Run's own cost; compare with BenchmarkRunBaselineGoroutines.
func BenchmarkRun(b *testing.B) {
	for _, n := range runEntries {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			s := NewState("bench.Run", n)
			actions := make([]Action, n)
			for i := range actions {
				actions[i] = Fetch(i, func(context.Context) (string, error) { return benchCall() })
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Run(ctx, actions...); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}

// BenchmarkRunBaselineGoroutines is the least a concurrent Run can do: a
// goroutine and a channel send per entry.
func BenchmarkRunBaselineGoroutines(b *testing.B) {
	for _, n := range runEntries {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			ch := make(chan error, n)
			b.ReportAllocs()
			for b.Loop() {
				for range n {
					go func() {
						_, err := benchCall()
						ch <- err
					}()
				}
				for range n {
					if err := <-ch; err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
		})
	}
}

// benchBytes is the []byte result of the TTL copy benchmarks.
var benchBytes = bytes.Repeat([]byte{'x'}, 64)

//go:noinline
func benchBytesCall() ([]byte, error) { return bytes.Clone(benchBytes), nil }

// BenchmarkFrFetchHitBytes64: finished entry with a TTL, a 64-byte []byte
// result, so every caller gets its own copy; compare with
// BenchmarkBytesClone64.
func BenchmarkFrFetchHitBytes64(b *testing.B) {
	s := NewState("bench.HitBytes", 1)
	s.SetTTL(0, time.Hour)
	if err := s.Run(context.Background(), Fetch(0, func(context.Context) ([]byte, error) { return benchBytesCall() })); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		v, err := FrFetch(ctx, s, 0, benchBytesCall)
		if err != nil || len(v) != len(benchBytes) {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkBytesClone64 is the copy itself, the floor of a TTL hit.
func BenchmarkBytesClone64(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if v := bytes.Clone(benchBytes); len(v) != len(benchBytes) {
			b.Fatal(v)
		}
	}
}
