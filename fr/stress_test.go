package fr

import (
	"bytes"
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentFreshenAndCalls runs freshens and callers at once (bounded
// counts). Callers scribble over what they get: with -race this shows that
// no two callers ever share memory, and every result is a whole version.
func TestConcurrentFreshenAndCalls(t *testing.T) {
	for _, ttl := range []time.Duration{0, time.Hour, time.Millisecond} {
		t.Run(ttl.String(), func(t *testing.T) {
			s := NewState("test.Stress", 1)
			s.SetTTL(0, ttl)
			var version atomic.Int64
			payload := func(v int64) []byte {
				return bytes.Repeat([]byte("v"+strconv.FormatInt(v, 10)+";"), 64)
			}
			valid := func(b []byte) bool {
				if len(b) == 0 {
					return false
				}
				end := bytes.IndexByte(b, ';')
				return end > 0 && bytes.Equal(b, bytes.Repeat(b[:end+1], len(b)/(end+1)))
			}
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					for range 100 {
						_ = s.Run(context.Background(), Fetch(0, func(context.Context) ([]byte, error) {
							return payload(version.Add(1)), nil
						}))
					}
				})
			}
			var bad atomic.Int32
			for range 4 {
				wg.Go(func() {
					for range 300 {
						b, err := FrFetch(context.Background(), s, 0, func() ([]byte, error) {
							return payload(version.Add(1)), nil
						})
						if err != nil || !valid(b) {
							bad.Add(1)
							continue
						}
						for i := range b {
							b[i] = 'X' // the caller owns its copy
						}
					}
				})
			}
			wg.Wait()
			if n := bad.Load(); n != 0 {
				t.Fatalf("%d callers got a torn or shared result", n)
			}
			st := s.Stats().Entries[0]
			if st.Hits+st.Inline+st.Coalesced < 1200 {
				t.Fatalf("calls unaccounted for: %+v", st)
			}
		})
	}
}
