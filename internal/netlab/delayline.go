package netlab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// MaxPacket is the largest packet the delay line carries. TUN devices opened
// without IFF_VNET_HDR never hand out more than their MTU, so this leaves room
// for jumbo MTUs without per-packet allocation guesses.
const MaxPacket = 65535

// DelayLine forwards packets from one packet-oriented reader (each Read
// returns exactly one packet, as a TUN device does) to a writer, holding each
// packet for Delay after it was read. Packets leave in arrival order. The
// queue is bounded: when it is full the packet is dropped and counted, as a
// router would, instead of blocking the reader.
type DelayLine struct {
	Delay time.Duration
	// Queue bounds the packets in flight; 0 means 4096.
	Queue int

	forwarded atomic.Int64
	dropped   atomic.Int64
}

type packet struct {
	due time.Time
	buf *[]byte
	n   int
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, MaxPacket); return &b }}

// Stats reports how many packets were forwarded and dropped so far.
func (d *DelayLine) Stats() (forwarded, dropped int64) {
	return d.forwarded.Load(), d.dropped.Load()
}

// Run forwards packets from in to out until ctx is done or in fails. A read
// error after ctx is done (the caller closed the device to stop Run) is not
// an error. Run returns once both its reader and writer have stopped.
func (d *DelayLine) Run(ctx context.Context, in io.Reader, out io.Writer) error {
	size := d.Queue
	if size <= 0 {
		size = 4096
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	q := make(chan packet, size)

	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		writeErr = d.write(ctx, q, out)
		cancel()
	}()

	readErr := d.read(ctx, in, q)
	cancel()
	wg.Wait()
	return errors.Join(readErr, writeErr)
}

func (d *DelayLine) read(ctx context.Context, in io.Reader, q chan<- packet) error {
	for {
		buf := bufPool.Get().(*[]byte)
		n, err := in.Read(*buf)
		if err != nil {
			bufPool.Put(buf)
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("delay line read: %w", err)
		}
		if n == 0 {
			bufPool.Put(buf)
			continue
		}
		p := packet{due: time.Now().Add(d.Delay), buf: buf, n: n}
		select {
		case q <- p:
		default:
			d.dropped.Add(1)
			bufPool.Put(buf)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

func (d *DelayLine) write(ctx context.Context, q <-chan packet, out io.Writer) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		var p packet
		select {
		case p = <-q:
		case <-ctx.Done():
			return nil
		}
		if wait := time.Until(p.due); wait > 0 {
			timer.Reset(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				bufPool.Put(p.buf)
				return nil
			}
		}
		_, err := out.Write((*p.buf)[:p.n])
		bufPool.Put(p.buf)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("delay line write: %w", err)
		}
		d.forwarded.Add(1)
	}
}
