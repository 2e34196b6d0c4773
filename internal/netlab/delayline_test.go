package netlab

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

// chanReader hands out one packet per Read, like a TUN device.
type chanReader struct {
	ch   chan []byte
	done chan struct{}
}

func (r *chanReader) Read(p []byte) (int, error) {
	select {
	case b, ok := <-r.ch:
		if !ok {
			return 0, io.EOF
		}
		return copy(p, b), nil
	case <-r.done:
		return 0, errors.New("closed")
	}
}

// recorder keeps each written packet and when it arrived.
type recorder struct {
	mu    sync.Mutex
	got   [][]byte
	at    []time.Time
	block chan struct{} // if non-nil, Write waits on it
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.block != nil {
		<-w.block
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, append([]byte(nil), p...))
	w.at = append(w.at, time.Now())
	return len(p), nil
}

func (w *recorder) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.got)
}

func seqPacket(i int, size int) []byte {
	b := make([]byte, size)
	binary.BigEndian.PutUint32(b, uint32(i))
	return b
}

func TestDelayLineOrderAndDelay(t *testing.T) {
	for _, tc := range []struct {
		name  string
		delay time.Duration
		n     int
		gap   time.Duration
	}{
		{"no delay", 0, 50, 0},
		{"5ms burst", 5 * time.Millisecond, 200, 0},
		{"20ms spaced", 20 * time.Millisecond, 30, time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &chanReader{ch: make(chan []byte), done: make(chan struct{})}
			out := &recorder{}
			d := &DelayLine{Delay: tc.delay, Queue: 1024}
			ctx, cancel := context.WithCancel(context.Background())
			errc := make(chan error, 1)
			go func() { errc <- d.Run(ctx, in, out) }()

			sent := make([]time.Time, tc.n)
			for i := range tc.n {
				sent[i] = time.Now()
				in.ch <- seqPacket(i, 60+i%1400)
				if tc.gap > 0 {
					time.Sleep(tc.gap)
				}
			}
			deadline := time.Now().Add(5 * time.Second)
			for out.count() < tc.n && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			cancel()
			close(in.done)
			if err := <-errc; err != nil {
				t.Fatalf("Run: %v", err)
			}
			if out.count() != tc.n {
				t.Fatalf("forwarded %d packets, want %d", out.count(), tc.n)
			}
			for i, p := range out.got {
				if got := int(binary.BigEndian.Uint32(p)); got != i {
					t.Fatalf("packet %d carries sequence %d: order not kept", i, got)
				}
				if len(p) != 60+i%1400 {
					t.Fatalf("packet %d is %d bytes, want %d", i, len(p), 60+i%1400)
				}
				// The packet was read after sent[i], so it cannot leave
				// before sent[i]+delay; generous upper bound for a shared
				// CI machine.
				held := out.at[i].Sub(sent[i])
				if held < tc.delay {
					t.Errorf("packet %d held %v, less than the delay %v", i, held, tc.delay)
				}
				if held > tc.delay+500*time.Millisecond {
					t.Errorf("packet %d held %v, far more than the delay %v", i, held, tc.delay)
				}
			}
			if fwd, drop := d.Stats(); fwd != int64(tc.n) || drop != 0 {
				t.Errorf("Stats = %d forwarded, %d dropped; want %d, 0", fwd, drop, tc.n)
			}
		})
	}
}

func TestDelayLineBoundedQueueDrops(t *testing.T) {
	in := &chanReader{ch: make(chan []byte), done: make(chan struct{})}
	out := &recorder{block: make(chan struct{})}
	d := &DelayLine{Queue: 4}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- d.Run(ctx, in, out) }()
	// The writer is stuck on the first packet, so at most Queue more fit;
	// the rest must be dropped rather than stall the reader.
	for i := range 20 {
		select {
		case in.ch <- seqPacket(i, 40):
		case <-time.After(5 * time.Second):
			t.Fatalf("reader blocked at packet %d: queue is not bounded by dropping", i)
		}
	}
	close(out.block)
	deadline := time.Now().Add(5 * time.Second)
	for {
		fwd, drop := d.Stats()
		if fwd+drop == 20 {
			// One in the stuck writer, Queue queued, and possibly the last
			// one read, still in the reader's hand when the writer woke.
			if fwd > 6 || drop < 14 {
				t.Errorf("forwarded %d, dropped %d; want at most 6 forwarded", fwd, drop)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d+%d of 20 packets accounted for", fwd, drop)
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	close(in.done)
	if err := <-errc; err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func TestDelayLineReadErrorEndsRun(t *testing.T) {
	in := &chanReader{ch: make(chan []byte)}
	close(in.ch) // EOF at once
	d := &DelayLine{}
	err := d.Run(context.Background(), in, &recorder{})
	if err == nil || !errors.Is(err, io.EOF) {
		t.Fatalf("Run = %v, want a wrapped io.EOF", err)
	}
}
