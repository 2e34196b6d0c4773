//go:build unix

package fr

import (
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// Alive reports whether the peer of a stream connection is still there,
// without consuming data: it peeks one byte without blocking. Pending data
// counts as alive; end of stream or a reset does not. Connections it cannot
// inspect (not TCP or Unix stream sockets) count as alive.
func Alive(c net.Conn) error {
	switch rc := rawConn(c).(type) {
	case *net.TCPConn:
		return peek(rc)
	case *net.UnixConn:
		return peek(rc)
	}
	return nil
}

func peek(c syscall.Conn) error {
	sc, err := c.SyscallConn()
	if err != nil {
		return fmt.Errorf("fr: liveness: %w", err)
	}
	var perr error
	var buf [1]byte
	cerr := sc.Control(func(fd uintptr) {
		n, _, err := unix.Recvfrom(int(fd), buf[:], unix.MSG_PEEK|unix.MSG_DONTWAIT)
		switch {
		case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EWOULDBLOCK) || errors.Is(err, unix.EINTR):
			// Nothing to read: the connection is idle and open.
		case err != nil:
			perr = err
		case n == 0:
			perr = io.EOF
		}
	})
	if cerr != nil {
		return fmt.Errorf("fr: liveness: %w", cerr)
	}
	if perr != nil {
		return fmt.Errorf("fr: connection closed by peer: %w", perr)
	}
	return nil
}
