//go:build linux

package fr

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pendingBytes returns the bytes queued for reading on fd.
func pendingBytes(fd uintptr) int {
	n, err := unix.IoctlGetInt(int(fd), unix.SIOCINQ)
	if err != nil {
		return 0
	}
	return n
}

func TestConnRedials(t *testing.T) {
	srv := newTCPServer(t, nil)
	k := NewConn(func(ctx context.Context) (net.Conn, error) { return DialContext(ctx, "tcp", srv.addr()) })
	defer k.Close()
	ctx := context.Background()
	c1, err := k.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	server1 := <-srv.conn
	// Pending data is not consumed by the liveness check.
	io.WriteString(server1, "hello\n")
	eventually(t, "data to arrive", func() bool {
		c1.SetReadDeadline(time.Now().Add(time.Millisecond))
		return Alive(c1) == nil && peekReady(c1)
	})
	c1.SetReadDeadline(time.Time{})
	if err := k.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := k.Get(ctx); again != c1 {
		t.Fatal("a live connection was replaced")
	}
	line, err := bufio.NewReader(c1).ReadString('\n')
	if err != nil || line != "hello\n" {
		t.Fatalf("data after liveness check = %q, %v", line, err)
	}
	server1.Close()
	eventually(t, "the close to be seen", func() bool { return Alive(c1) != nil })
	if err := k.Check(ctx); err != nil {
		t.Fatal(err)
	}
	c2, err := k.Get(ctx)
	if err != nil || c2 == c1 {
		t.Fatalf("no redial: %v", err)
	}
	<-srv.conn // the redial reached the server
	if srv.accepted.Load() != 2 {
		t.Fatalf("accepted = %d, want 2", srv.accepted.Load())
	}
	echo(t, c2)
	k.Discard(c2)
	if c3, _ := k.Get(ctx); c3 == c2 {
		t.Fatal("a discarded connection came back")
	}
}

// peekReady reports whether c has bytes waiting, without reading them.
func peekReady(c net.Conn) bool {
	sc, err := c.(*net.TCPConn).SyscallConn()
	if err != nil {
		return false
	}
	ready := false
	sc.Control(func(fd uintptr) { ready = pendingBytes(fd) > 0 })
	return ready
}

func TestTCPInfo(t *testing.T) {
	srv := newTCPServer(t, nil)
	c, err := DialContext(context.Background(), "tcp", srv.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	echo(t, c)
	f, err := TCPInfo(c)
	if err != nil {
		t.Fatal(err)
	}
	if f.SndCwnd == 0 || f.SndMSS == 0 || f.State != 1 {
		t.Fatalf("facts = %+v, want an established connection with a window", f)
	}
	// Linux never lets the RTO fall below 200 ms (TCP_RTO_MIN), even on loopback.
	if f.RTO < 200*time.Millisecond || f.RTO > 2*time.Minute {
		t.Fatalf("RTO = %v, want the kernel's retransmission timeout", f.RTO)
	}
	tlsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	defer tlsSrv.Close()
	cfg := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	cfg.ServerName = "example.com"
	tc, err := TLSDialContext(context.Background(), "tcp", tlsSrv.Listener.Addr().String(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if f, err := TCPInfo(tc); err != nil || f.SndCwnd == 0 {
		t.Fatalf("through TLS: %+v, %v", f, err)
	}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	if _, err := TCPInfo(a); err == nil {
		t.Fatal("TCPInfo of a pipe succeeded")
	}
}
