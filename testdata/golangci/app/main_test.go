package main

import "testing"

// The test variant of the package is analysed too; it must not change what
// is reported.
func TestMust(t *testing.T) {
	if got := must([]byte("x"), nil); string(got) != "x" {
		t.Fatalf("must = %q", got)
	}
}
