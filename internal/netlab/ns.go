//go:build linux

package netlab

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// netnsDir is where `ip netns add` bind-mounts named namespaces.
const netnsDir = "/var/run/netns"

// inNamespace runs f on an OS thread that has joined the named network
// namespace. It runs on its own goroutine so that, if the thread cannot be
// moved back, the goroutine exits still locked and the runtime discards the
// thread instead of reusing it in the wrong namespace.
func inNamespace(name string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		target, err := os.Open(filepath.Join(netnsDir, name))
		if err != nil {
			runtime.UnlockOSThread()
			errc <- fmt.Errorf("open namespace %s: %w", name, err)
			return
		}
		defer target.Close()
		orig, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			errc <- fmt.Errorf("open own namespace: %w", err)
			return
		}
		defer orig.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			errc <- fmt.Errorf("setns %s: %w", name, err)
			return
		}
		ferr := f()
		if err := unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET); err != nil {
			// Leave the thread locked: it dies with this goroutine.
			errc <- fmt.Errorf("setns back from %s: %w", name, err)
			return
		}
		runtime.UnlockOSThread()
		errc <- ferr
	}()
	return <-errc
}

// openTUN creates a TUN device (IFF_TUN|IFF_NO_PI: bare IP packets) inside
// the named namespace and returns it as a pollable file, so reads can be
// interrupted by Close. The device disappears when the file is closed.
func openTUN(ns, dev string) (*os.File, error) {
	var file *os.File
	err := inNamespace(ns, func() error {
		fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
		if err != nil {
			return fmt.Errorf("open /dev/net/tun: %w", err)
		}
		ifr, err := unix.NewIfreq(dev)
		if err != nil {
			unix.Close(fd)
			return fmt.Errorf("tun name %q: %w", dev, err)
		}
		ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
		if err := unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr); err != nil {
			unix.Close(fd)
			return fmt.Errorf("TUNSETIFF %s: %w", dev, err)
		}
		file = os.NewFile(uintptr(fd), dev)
		return nil
	})
	return file, err
}

// writeSysctl sets a namespace-scoped sysctl (key in dotted form, e.g.
// net.ipv4.tcp_slow_start_after_idle). /proc/sys/net resolves to the
// namespace of the thread that opens it.
func writeSysctl(ns, key, value string) error {
	path := "/proc/sys/" + strings.ReplaceAll(key, ".", "/")
	return inNamespace(ns, func() error {
		if err := os.WriteFile(path, []byte(value), 0o644); err != nil {
			return fmt.Errorf("sysctl %s=%s in %s: %w", key, value, ns, err)
		}
		return nil
	})
}

// readSysctl reads a namespace-scoped sysctl.
func readSysctl(ns, key string) (string, error) {
	path := "/proc/sys/" + strings.ReplaceAll(key, ".", "/")
	var out string
	err := inNamespace(ns, func() error {
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read sysctl %s in %s: %w", key, ns, err)
		}
		out = strings.TrimSpace(string(b))
		return nil
	})
	return out, err
}
