//go:build linux

package fr

import (
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// TCPInfo reads TCP_INFO of the socket under c (TLS wrappers are looked
// through).
func TCPInfo(c net.Conn) (TCPFacts, error) {
	tc, ok := rawConn(c).(*net.TCPConn)
	if !ok {
		return TCPFacts{}, fmt.Errorf("fr: TCPInfo: %T is not a TCP connection", c)
	}
	sc, err := tc.SyscallConn()
	if err != nil {
		return TCPFacts{}, fmt.Errorf("fr: TCPInfo: %w", err)
	}
	var info *unix.TCPInfo
	var gerr error
	if err := sc.Control(func(fd uintptr) {
		info, gerr = unix.GetsockoptTCPInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_INFO)
	}); err != nil {
		return TCPFacts{}, fmt.Errorf("fr: TCPInfo: %w", err)
	}
	if gerr != nil {
		return TCPFacts{}, fmt.Errorf("fr: TCPInfo: getsockopt: %w", gerr)
	}
	return TCPFacts{
		SndCwnd:     info.Snd_cwnd,
		SndSsthresh: info.Snd_ssthresh,
		SndMSS:      info.Snd_mss,
		RTT:         time.Duration(info.Rtt) * time.Microsecond,
		RTTVar:      time.Duration(info.Rttvar) * time.Microsecond,
		MinRTT:      time.Duration(info.Min_rtt) * time.Microsecond,
		RTO:         time.Duration(info.Rto) * time.Microsecond,
		Retransmits: info.Total_retrans,
		State:       info.State,
	}, nil
}
