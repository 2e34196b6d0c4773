//go:build linux

package netlab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ErrUnsupported is wrapped by Preflight when this machine or user cannot
// build a lab (not root, no ip/tc, no /dev/net/tun, namespaces refused).
var ErrUnsupported = errors.New("network namespaces not available")

// cmdTimeout bounds every ip/tc invocation.
const cmdTimeout = 15 * time.Second

// Side names one end of the link.
type Side int

const (
	// Fn is the function side: the client that fetches and sends.
	Fn Side = iota
	// Srv is the server side: the file and sink server.
	Srv
)

func (s Side) String() string {
	if s == Fn {
		return "fn"
	}
	return "srv"
}

// Shaping is the token-bucket cap applied on both sides' egress.
type Shaping struct {
	Rate  string // tc rate, e.g. "100mbit"
	Burst string // e.g. "32kb"
	Limit string // queue bytes, e.g. "1mb"
	// RateBits is Rate in bits per second, for floors and BDP estimates.
	RateBits float64
}

// DefaultShaping is a 100 Mbit/s link: far below what the delay line can
// carry on two cores, so the cap, not the forwarder, sets the rate.
var DefaultShaping = Shaping{Rate: "100mbit", Burst: "32kb", Limit: "1mb", RateBits: 100e6}

// Config describes one lab.
type Config struct {
	// Prefix starts every namespace name; it must identify this process
	// (see NamePrefix) so CleanStale can tell live labs from stale ones.
	Prefix string
	// Subnet is the third octet of 10.231.N.0/24, distinct per live lab.
	Subnet int
	// OneWay is the delay added in each direction; 0 means a plain veth.
	OneWay  time.Duration
	Shaping Shaping
	// ForceTUN uses the TUN delay line even when netem exists.
	ForceTUN bool
	Logf     func(format string, args ...any)
}

// Lab is a live pair of namespaces joined by a shaped, delayed link.
type Lab struct {
	cfg     Config
	ns      [2]string
	dev     [2]string
	addr    [2]netip.Addr
	Mode    string // "veth", "veth+netem" or "tun+delayline"
	tuns    []*os.File
	lines   [2]*DelayLine
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	lineErr [2]error
	closed  bool
}

// NamePrefix is the namespace prefix of this process's labs: a fixed tag
// plus the pid, so a later run can find and remove them after a crash.
func NamePrefix() string { return fmt.Sprintf("%s%d-", stalePrefix, os.Getpid()) }

const stalePrefix = "frb-"

// Preflight reports, wrapping ErrUnsupported, why a lab cannot be built here.
func Preflight() error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("%w: must run as root (euid %d)", ErrUnsupported, os.Geteuid())
	}
	for _, tool := range []string{"ip", "tc"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%w: %s not found (install iproute2)", ErrUnsupported, tool)
		}
	}
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		return fmt.Errorf("%w: /dev/net/tun: %v", ErrUnsupported, err)
	}
	probe := NamePrefix() + "probe"
	if err := run("ip", "netns", "add", probe); err != nil {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	defer run("ip", "netns", "del", probe)
	f, err := openTUN(probe, "frbprobe0")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	f.Close()
	return nil
}

// NetemAvailable reports whether the kernel accepts a netem qdisc, tried on
// the loopback of a throwaway namespace so the host is never touched.
func NetemAvailable() bool {
	probe := NamePrefix() + "netem"
	if err := run("ip", "netns", "add", probe); err != nil {
		return false
	}
	defer run("ip", "netns", "del", probe)
	return run("tc", "-n", probe, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms") == nil
}

// CleanStale removes namespaces left by earlier runs that died without
// cleaning up: those with the lab prefix whose owning pid is gone. Processes
// still inside them are our own children from that run; they are killed.
func CleanStale(logf func(string, ...any)) error {
	out, err := output("ip", "netns", "list")
	if err != nil {
		return err
	}
	var errs []error
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], stalePrefix) {
			continue
		}
		name := fields[0]
		pidStr, _, _ := strings.Cut(strings.TrimPrefix(name, stalePrefix), "-")
		if pid, err := strconv.Atoi(pidStr); err == nil && pid != os.Getpid() && processAlive(pid) {
			continue // another live run owns it
		}
		if logf != nil {
			logf("removing stale namespace %s", name)
		}
		killNamespacePids(name)
		if err := deleteNamespace(name); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// processAlive reports whether pid runs. A zombie (killed, not yet reaped
// by its parent) counts as dead: it can no longer clean up after itself.
func processAlive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// The state follows the parenthesised command name.
	if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
		return stat[i+2] != 'Z'
	}
	return true
}

func killNamespacePids(ns string) {
	out, err := output("ip", "netns", "pids", ns)
	if err != nil {
		return
	}
	for _, f := range strings.Fields(out) {
		if pid, err := strconv.Atoi(f); err == nil && pid > 1 && pid != os.Getpid() {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// Setup builds the lab. On error everything created so far is removed.
func Setup(ctx context.Context, cfg Config) (_ *Lab, err error) {
	if cfg.Shaping.Rate == "" {
		cfg.Shaping = DefaultShaping
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	l := &Lab{cfg: cfg}
	l.ns = [2]string{cfg.Prefix + "fn", cfg.Prefix + "srv"}
	l.addr = [2]netip.Addr{
		netip.AddrFrom4([4]byte{10, 231, byte(cfg.Subnet), 1}),
		netip.AddrFrom4([4]byte{10, 231, byte(cfg.Subnet), 2}),
	}
	defer func() {
		if err != nil {
			l.Close()
		}
	}()
	for _, ns := range l.ns {
		if err := run("ip", "netns", "add", ns); err != nil {
			return nil, err
		}
		if err := run("ip", "-n", ns, "link", "set", "lo", "up"); err != nil {
			return nil, err
		}
	}
	useNetem := cfg.OneWay > 0 && !cfg.ForceTUN && NetemAvailable()
	switch {
	case cfg.OneWay == 0 || useNetem:
		err = l.setupVeth(useNetem)
	default:
		err = l.setupTUN(ctx)
	}
	if err != nil {
		return nil, err
	}
	for s := range l.ns {
		if err := l.SetRoute(Side(s), "", 0); err != nil {
			return nil, err
		}
	}
	return l, nil
}

func (l *Lab) setupVeth(netem bool) error {
	l.Mode = "veth"
	l.dev = [2]string{"frbv0", "frbv1"}
	if err := run("ip", "-n", l.ns[Fn], "link", "add", l.dev[Fn], "type", "veth",
		"peer", "name", l.dev[Srv], "netns", l.ns[Srv]); err != nil {
		return err
	}
	sh := l.cfg.Shaping
	for s := range l.ns {
		ns, dev := l.ns[s], l.dev[s]
		if err := l.addrUp(Side(s)); err != nil {
			return err
		}
		if netem {
			l.Mode = "veth+netem"
			// netem holds packets for the delay; tbf below it paces them.
			delay := fmt.Sprintf("%dus", l.cfg.OneWay.Microseconds())
			if err := run("tc", "-n", ns, "qdisc", "add", "dev", dev, "root", "handle", "1:",
				"netem", "delay", delay, "limit", "100000"); err != nil {
				return err
			}
			if err := run("tc", "-n", ns, "qdisc", "add", "dev", dev, "parent", "1:1", "handle", "10:",
				"tbf", "rate", sh.Rate, "burst", sh.Burst, "limit", sh.Limit); err != nil {
				return err
			}
			continue
		}
		if err := run("tc", "-n", ns, "qdisc", "replace", "dev", dev, "root",
			"tbf", "rate", sh.Rate, "burst", sh.Burst, "limit", sh.Limit); err != nil {
			return err
		}
	}
	return nil
}

func (l *Lab) setupTUN(ctx context.Context) error {
	l.Mode = "tun+delayline"
	l.dev = [2]string{"frbt0", "frbt1"}
	for s := range l.ns {
		f, err := openTUN(l.ns[s], l.dev[s])
		if err != nil {
			return err
		}
		l.tuns = append(l.tuns, f)
	}
	sh := l.cfg.Shaping
	for s := range l.ns {
		if err := l.addrUp(Side(s)); err != nil {
			return err
		}
		// The cap sits on each namespace's egress, before the delay line,
		// so the line only ever sees packets at the link rate.
		if err := run("tc", "-n", l.ns[s], "qdisc", "replace", "dev", l.dev[s], "root",
			"tbf", "rate", sh.Rate, "burst", sh.Burst, "limit", sh.Limit); err != nil {
			return err
		}
	}
	lineCtx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	for s := range 2 {
		l.lines[s] = &DelayLine{Delay: l.cfg.OneWay}
		in, out := l.tuns[s], l.tuns[1-s]
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			if err := l.lines[s].Run(lineCtx, in, out); err != nil {
				l.lineErr[s] = err
				l.cfg.Logf("delay line %s->%s: %v", Side(s), Side(1-s), err)
			}
		}()
	}
	return nil
}

func (l *Lab) addrUp(s Side) error {
	ns, dev := l.ns[s], l.dev[s]
	if err := run("ip", "-n", ns, "addr", "add", l.addr[s].String()+"/24", "dev", dev); err != nil {
		return err
	}
	// No IPv6 on the link: router solicitations would only add noise.
	_ = writeSysctl(ns, "net.ipv6.conf.all.disable_ipv6", "1")
	return run("ip", "-n", ns, "link", "set", dev, "up")
}

// Namespace returns the namespace name of a side.
func (l *Lab) Namespace(s Side) string { return l.ns[s] }

// Addr returns the address of a side; it exists only inside the lab.
func (l *Lab) Addr(s Side) netip.Addr { return l.addr[s] }

// Shaping returns the link's rate cap.
func (l *Lab) Shaping() Shaping { return l.cfg.Shaping }

// OneWay returns the configured one-way delay.
func (l *Lab) OneWay() time.Duration { return l.cfg.OneWay }

// SetRoute rewrites the side's route to its peer with a congestion control
// ("" keeps the namespace default) and an initial congestion window (0 keeps
// the kernel's). `ip route replace` replaces every attribute, so both are
// always given together.
func (l *Lab) SetRoute(s Side, congctl string, initcwnd int) error {
	prefix := netip.PrefixFrom(l.addr[s], 24).Masked().String()
	args := []string{"-n", l.ns[s], "route", "replace", prefix, "dev", l.dev[s],
		"proto", "kernel", "scope", "link", "src", l.addr[s].String()}
	if congctl != "" {
		args = append(args, "congctl", congctl)
	}
	if initcwnd > 0 {
		args = append(args, "initcwnd", strconv.Itoa(initcwnd))
	}
	return run("ip", args...)
}

// Route returns the side's routing table, for the record.
func (l *Lab) Route(s Side) (string, error) {
	return output("ip", "-n", l.ns[s], "route", "show")
}

// SetSysctl sets a namespace-scoped sysctl on a side; it vanishes with the
// namespace.
func (l *Lab) SetSysctl(s Side, key, value string) error { return writeSysctl(l.ns[s], key, value) }

// Sysctl reads a namespace-scoped sysctl on a side.
func (l *Lab) Sysctl(s Side, key string) (string, error) { return readSysctl(l.ns[s], key) }

// Command returns a command that runs name with args inside a side's
// namespace. It is killed if this process dies (Pdeathsig survives the
// exec that `ip netns exec` does).
func (l *Lab) Command(ctx context.Context, s Side, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", l.ns[s], name}, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// DelayStats reports packets forwarded and dropped by the delay line, both
// directions summed; zero for netem or plain veth.
func (l *Lab) DelayStats() (forwarded, dropped int64) {
	for _, d := range l.lines {
		if d != nil {
			f, x := d.Stats()
			forwarded += f
			dropped += x
		}
	}
	return forwarded, dropped
}

// Close removes everything the lab created: processes left in its
// namespaces, the delay line and TUN devices, and the namespaces (which
// takes their links, qdiscs, routes and sysctls with them). It is safe to
// call more than once.
func (l *Lab) Close() error {
	if l.closed {
		return nil
	}
	l.closed = true
	for _, ns := range l.ns {
		if ns != "" {
			killNamespacePids(ns)
		}
	}
	if l.cancel != nil {
		l.cancel()
	}
	var errs []error
	for _, f := range l.tuns {
		if err := f.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	l.wg.Wait()
	for _, err := range l.lineErr {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, ns := range l.ns {
		if ns == "" {
			continue
		}
		if err := deleteNamespace(ns); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func deleteNamespace(ns string) error {
	if _, err := os.Stat(netnsDir + "/" + ns); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	// A namespace whose last process is still exiting can refuse once.
	var err error
	for range 5 {
		if err = run("ip", "netns", "del", ns); err == nil {
			return nil
		}
		if _, serr := os.Stat(netnsDir + "/" + ns); errors.Is(serr, os.ErrNotExist) {
			return nil // someone else's cleanup got there first
		}
		time.Sleep(200 * time.Millisecond)
	}
	return err
}

func run(name string, args ...string) error {
	_, err := output(name, args...)
	return err
}

func output(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cmdTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}
