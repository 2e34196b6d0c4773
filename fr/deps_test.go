package fr_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoProcessWideEndpoints keeps the runtime, which fix imports into
// every rewritten program, from linking packages whose init registers
// handlers on http.DefaultServeMux: expvar (/debug/vars, with the command
// line and memory statistics) and net/http/pprof. Such a handler would be
// served without the trigger's token by any program using DefaultServeMux.
func TestNoProcessWideEndpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "expvar", "net/http/pprof":
			t.Errorf("a package under fr links %s", p)
		}
	}
}
