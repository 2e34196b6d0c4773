//go:build !linux

package bench

import (
	"fmt"
	"io"
	"slices"
)

// Main is the freshen-bench command. The lab needs Linux network
// namespaces, TUN devices and TCP_INFO, so elsewhere it only says so: -quick
// (the CI smoke run) skips with exit 0, a full run exits 3 like a Linux host
// where the lab cannot be built.
func Main(args []string, stdout, stderr io.Writer) int {
	if slices.Contains(args[1:], "-quick") || slices.Contains(args[1:], "--quick") {
		fmt.Fprintln(stdout, "SKIP: freshen-bench -quick: the lab needs Linux network namespaces")
		return 0
	}
	fmt.Fprintln(stderr, "freshen-bench: cannot build the lab: it needs Linux network namespaces, TUN and TCP_INFO")
	return 3
}
