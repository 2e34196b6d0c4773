// Package netlab builds a small, self-contained network laboratory out of
// Linux network namespaces: two namespaces (the function side and the server
// side) joined by one link with a fixed one-way delay and a token-bucket rate
// cap, so benchmarks run on the kernel's real TCP stack (slow start, idle
// restart, congestion control) with a real round-trip time.
//
// The delay comes from netem where the kernel has it. Where it does not, a
// user-space delay line (DelayLine) owns one TUN device in each namespace and
// holds every IP packet for the one-way delay, in arrival order, before
// writing it to the other side.
//
// Everything a Lab creates lives inside namespaces whose names start with a
// per-process prefix, and only addresses inside those namespaces are used.
// Close removes it all; CleanStale removes what a crashed earlier run left.
package netlab
