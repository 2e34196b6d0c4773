//go:build !linux

package fr

import (
	"errors"
	"net"
)

// TCPInfo reads TCP_INFO; only Linux is supported.
func TCPInfo(c net.Conn) (TCPFacts, error) {
	return TCPFacts{}, errors.New("fr: TCPInfo: only supported on linux")
}
