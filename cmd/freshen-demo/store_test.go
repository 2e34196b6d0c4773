package main

import (
	"testing"
	"time"
)

// TestLinkRate sends chunks through a link whose sleeps wake late, as real
// ones do: the link must still carry its rate, and must not make up for
// time it really was idle.
func TestLinkRate(t *testing.T) {
	const bps = 8 << 20 // 16 KiB take 1.953125 ms
	perChunk := time.Duration(float64(chunk) / bps * float64(time.Second))
	tests := []struct {
		name      string
		overshoot time.Duration // each sleep wakes this much late
		gap       time.Duration // idle time before the second half
		want      time.Duration // when the last chunk is done, from the start
	}{
		{"exact sleeps", 0, 0, 16 * perChunk},
		{"late wake-ups are not idle time", 400 * time.Microsecond, 0, 16*perChunk + 400*time.Microsecond},
		{"a real pause is", 0, 10 * time.Millisecond, 16*perChunk + 10*time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Unix(0, 0)
			now := start
			l := &link{bps: bps, now: func() time.Time { return now }, sleep: func(d time.Duration) { now = now.Add(d + tt.overshoot) }}
			for i := range 16 {
				if i == 8 {
					now = now.Add(tt.gap)
				}
				l.wait(chunk)
			}
			if got := l.free.Sub(start); got != tt.want-tt.overshoot {
				t.Fatalf("link done after %v, want %v", got, tt.want-tt.overshoot)
			}
		})
	}
}
