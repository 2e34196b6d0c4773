// Command freshen-bench reproduces the paper's Figures 4–6 (file retrieval
// and warmed sends) on the kernel's real TCP stack, in network namespaces
// joined by a delayed, rate-capped link. It needs root, iproute2 and
// /dev/net/tun; with -quick it runs a CI smoke test in under two minutes and
// skips, with a message, where namespaces are not permitted.
//
// Usage:
//
//	freshen-bench [-quick] [-json FILE] [-md FILE] [-plots DIR]
package main

import (
	"os"

	"github.com/freshen-go/freshen/internal/bench"
)

func main() {
	os.Exit(bench.Main(os.Args, os.Stdout, os.Stderr))
}
