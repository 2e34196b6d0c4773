//go:build linux

package netlab

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// requireLab skips unless this machine can build namespaces and TUN devices.
func requireLab(t *testing.T) {
	t.Helper()
	if err := Preflight(); err != nil {
		if errors.Is(err, ErrUnsupported) {
			t.Skipf("skipping: %v", err)
		}
		t.Fatal(err)
	}
}

// TestLabRTTAndCleanup builds a delayed lab, checks the round trip by TCP
// connect time between its namespaces, and checks Close leaves nothing.
func TestLabRTTAndCleanup(t *testing.T) {
	requireLab(t)
	for _, tc := range []struct {
		name   string
		oneWay time.Duration
		tun    bool
	}{
		{"veth", 0, false},
		{"delay line", 10 * time.Millisecond, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			prefix := NamePrefix() + "t" + strings.ReplaceAll(tc.name, " ", "") + "-"
			lab, err := Setup(ctx, Config{Prefix: prefix, Subnet: 250, OneWay: tc.oneWay, ForceTUN: tc.tun, Logf: t.Logf})
			if err != nil {
				t.Fatal(err)
			}
			defer lab.Close()
			if err := lab.SetRoute(Fn, "cubic", 20); err != nil {
				t.Fatal(err)
			}
			if route, err := lab.Route(Fn); err != nil || !strings.Contains(route, "initcwnd 20") || !strings.Contains(route, "congctl cubic") {
				t.Errorf("route = %q, %v; want congctl cubic initcwnd 20", route, err)
			}
			if err := lab.SetSysctl(Fn, "net.ipv4.tcp_slow_start_after_idle", "0"); err != nil {
				t.Fatal(err)
			}
			if v, err := lab.Sysctl(Fn, "net.ipv4.tcp_slow_start_after_idle"); err != nil || v != "0" {
				t.Errorf("sysctl in namespace = %q, %v; want 0", v, err)
			}

			// Sockets belong to the namespace of the thread that creates them.
			var ln net.Listener
			if err := inNamespace(lab.Namespace(Srv), func() (err error) {
				ln, err = net.Listen("tcp", net.JoinHostPort(lab.Addr(Srv).String(), "0"))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					c.Close()
				}
			}()
			var best time.Duration
			for range 5 {
				var d time.Duration
				if err := inNamespace(lab.Namespace(Fn), func() error {
					t0 := time.Now()
					c, err := net.DialTimeout("tcp", ln.Addr().String(), 5*time.Second)
					d = time.Since(t0)
					if err == nil {
						c.Close()
					}
					return err
				}); err != nil {
					t.Fatal(err)
				}
				if best == 0 || d < best {
					best = d
				}
			}
			rtt := 2 * tc.oneWay
			t.Logf("%s: connect time %v for a %v round trip", lab.Mode, best, rtt)
			if best < rtt || best > rtt+50*time.Millisecond {
				t.Errorf("connect time %v, want about %v", best, rtt)
			}
			ln.Close()
			if err := lab.Close(); err != nil {
				t.Fatal(err)
			}
			for _, s := range []Side{Fn, Srv} {
				if _, err := os.Stat(netnsDir + "/" + lab.Namespace(s)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("namespace %s still exists after Close", lab.Namespace(s))
				}
			}
		})
	}
}

func TestCleanStaleRemovesDeadRuns(t *testing.T) {
	requireLab(t)
	// A pid that cannot be alive: above the kernel's pid_max ceiling.
	stale := stalePrefix + "4194999-x-fn"
	if err := run("ip", "netns", "add", stale); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run("ip", "netns", "del", stale) })
	// pid 1 is always alive: its namespace belongs to a live run.
	live := stalePrefix + "1-x-fn"
	if err := run("ip", "netns", "add", live); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run("ip", "netns", "del", live) })
	if err := CleanStale(t.Logf); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(netnsDir + "/" + stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale namespace survived CleanStale")
	}
	if _, err := os.Stat(netnsDir + "/" + live); err != nil {
		t.Errorf("namespace of a live run was removed: %v", err)
	}
}
