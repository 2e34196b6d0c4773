//go:build linux

package bench

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"golang.org/x/sys/unix"

	"github.com/freshen-go/freshen/fr"
)

// Ports the server listens on inside its namespace.
const (
	httpPort = 8080
	sinkPort = 9000
)

// The sink protocol: a 16-byte header (kind, length, big-endian), then
// length bytes the server discards, then an 8-byte reply carrying the byte
// count, sent once the last byte has arrived.
const (
	kindPayload uint64 = 1
	kindWarm    uint64 = 2
)

// chunk is the write and read unit for payloads.
const chunk = 1 << 20

// pattern returns n deterministic, incompressible-looking bytes, the same in
// the server (what it serves) and the client (its in-memory floor): a fixed
// xorshift block repeated.
func pattern(n int64) []byte {
	block := make([]byte, min(n, chunk))
	x := uint64(0x9e3779b97f4a7c15)
	for i := range block {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		block[i] = byte(x)
	}
	b := make([]byte, n)
	for off := int64(0); off < n; off += int64(len(block)) {
		copy(b[off:], block)
	}
	return b
}

// sendOn writes one request of size bytes on c and waits for the reply. It
// returns the sender's congestion window read right after the header went
// out: that is after the kernel's idle-restart check (which runs when data
// is queued), so it is the window the payload actually starts with.
func sendOn(c net.Conn, kind uint64, size int64, payload []byte, timeout time.Duration) (cwnd int, err error) {
	if err := c.SetDeadline(time.Now().Add(timeout)); err != nil {
		return 0, fmt.Errorf("deadline: %w", err)
	}
	var hdr [16]byte
	binary.BigEndian.PutUint64(hdr[0:], kind)
	binary.BigEndian.PutUint64(hdr[8:], uint64(size))
	if _, err := c.Write(hdr[:]); err != nil {
		return 0, fmt.Errorf("write header: %w", err)
	}
	facts, err := fr.TCPInfo(c)
	if err != nil {
		return 0, err
	}
	for left := size; left > 0; {
		n := min(left, int64(len(payload)))
		if _, err := c.Write(payload[:n]); err != nil {
			return 0, fmt.Errorf("write payload: %w", err)
		}
		left -= n
	}
	var reply [8]byte
	if _, err := io.ReadFull(c, reply[:]); err != nil {
		return 0, fmt.Errorf("read reply: %w", err)
	}
	if got := int64(binary.BigEndian.Uint64(reply[:])); got != size {
		return 0, fmt.Errorf("server counted %d bytes, sent %d", got, size)
	}
	return int(facts.SndCwnd), nil
}

// serveSink answers sink requests on one connection until it closes.
func serveSink(c net.Conn) error {
	defer c.Close()
	buf := make([]byte, 256<<10)
	for {
		var hdr [16]byte
		if _, err := io.ReadFull(c, hdr[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("sink header: %w", err)
		}
		kind := binary.BigEndian.Uint64(hdr[0:])
		size := int64(binary.BigEndian.Uint64(hdr[8:]))
		if kind != kindPayload && kind != kindWarm {
			return fmt.Errorf("sink: unknown kind %d", kind)
		}
		var got int64
		for got < size {
			n, err := c.Read(buf[:min(int64(len(buf)), size-got)])
			got += int64(n)
			if err != nil {
				return fmt.Errorf("sink payload after %d of %d bytes: %w", got, size, err)
			}
		}
		var reply [8]byte
		binary.BigEndian.PutUint64(reply[:], uint64(got))
		if _, err := c.Write(reply[:]); err != nil {
			return fmt.Errorf("sink reply: %w", err)
		}
	}
}

// setCongestion selects the socket's congestion control after connect (a
// route's congctl would override a choice made before connect) and reads it
// back, so a sample never claims an algorithm it did not run.
func setCongestion(c net.Conn, cc string) error {
	if cc == "" {
		return nil
	}
	sc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		return fmt.Errorf("syscall conn: %w", err)
	}
	var got string
	var serr error
	if err := sc.Control(func(fd uintptr) {
		if serr = unix.SetsockoptString(int(fd), unix.IPPROTO_TCP, unix.TCP_CONGESTION, cc); serr != nil {
			return
		}
		got, serr = unix.GetsockoptString(int(fd), unix.IPPROTO_TCP, unix.TCP_CONGESTION)
	}); err != nil {
		return fmt.Errorf("control: %w", err)
	}
	if serr != nil {
		return fmt.Errorf("TCP_CONGESTION %s: %w", cc, serr)
	}
	if got != cc {
		return fmt.Errorf("TCP_CONGESTION is %q, wanted %q", got, cc)
	}
	return nil
}
