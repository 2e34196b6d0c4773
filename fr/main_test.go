package fr

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// Environment variables naming the servers of the service tests; .ci/run
// starts both on loopback and sets them.
const (
	postgresEnv = "FRESHEN_TEST_POSTGRES"
	redisEnv    = "FRESHEN_TEST_REDIS"
)

// skipped records the service tests skipped for want of a server, per
// environment variable, for TestMain's summary.
var skipped = struct {
	sync.Mutex
	tests map[string][]string
}{tests: map[string][]string{}}

// service returns the value of env, the address of a server a test needs.
// Unset, the test fails when CI=true and is skipped otherwise.
func service(t *testing.T, env, what string) string {
	t.Helper()
	if v := os.Getenv(env); v != "" {
		return v
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is unset in CI: no %s to test against (.ci/run starts one)", env, what)
	}
	skipped.Lock()
	skipped.tests[env] = append(skipped.tests[env], t.Name())
	skipped.Unlock()
	t.Skipf("%s is unset: no %s to test against (.ci/run starts one)", env, what)
	return ""
}

// skippedSummary is the one line that says which service tests did not
// run and how to run them; "" when none was skipped.
func skippedSummary() string {
	skipped.Lock()
	defer skipped.Unlock()
	var parts, envs []string
	for _, s := range []struct{ env, what string }{{postgresEnv, "PostgreSQL"}, {redisEnv, "Redis"}} {
		if n := len(skipped.tests[s.env]); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s test%s (%s unset)", n, s.what, plural(n), s.env))
			envs = append(envs, s.env)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("fr: skipped %s; run .ci/run, or set %s to a server of your own (see README, Testing)",
		strings.Join(parts, " and "), strings.Join(envs, " and "))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func TestMain(m *testing.M) {
	code := m.Run()
	if line := skippedSummary(); line != "" {
		// go test shows a passing package's output with -v, with -json,
		// or when run in the package's directory without arguments.
		fmt.Fprintln(os.Stderr, line)
	}
	os.Exit(code)
}
