package fr

import "time"

// TCPFacts are the kernel's view of a TCP connection, to measure what
// warming a connection changes.
type TCPFacts struct {
	SndCwnd     uint32        // congestion window, segments
	SndSsthresh uint32        // slow-start threshold, segments
	SndMSS      uint32        // sender maximum segment size, bytes
	RTT         time.Duration // smoothed round-trip time
	RTTVar      time.Duration // round-trip time variance
	MinRTT      time.Duration
	RTO         time.Duration // retransmission timeout; an idle connection restarts slow start after one
	Retransmits uint32        // total retransmitted segments
	State       uint8         // TCP state (1 = established)
}
