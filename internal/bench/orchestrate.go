//go:build linux

package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freshen-go/freshen/internal/benchreport"
	"github.com/freshen-go/freshen/internal/netlab"
)

// Result is a finished run.
type Result struct {
	Samples []benchreport.Sample
	Rows    []benchreport.Row
	Meta    benchreport.Meta
	Elapsed time.Duration
}

// mss is the payload of one full segment on a 1500-byte MTU with TCP
// timestamps, used to turn a BDP in bytes into a window in segments.
const mss = 1448

// phaseTimeout bounds one client process; the full plan needs well under it.
const phaseTimeout = 20 * time.Minute

// Run builds each location's lab in turn, runs every phase in it and tears
// it down again, then aggregates. Whatever happens, nothing it created is
// left behind.
func Run(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.Shaping.Rate == "" {
		o.Shaping = netlab.DefaultShaping
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("own executable: %w", err)
	}
	if err := netlab.CleanStale(o.Logf); err != nil {
		return nil, fmt.Errorf("cleaning stale namespaces: %w", err)
	}
	res := &Result{Meta: benchreport.Meta{Rate: o.Shaping.Rate, RateBits: o.Shaping.RateBits}}
	for i, loc := range o.Locations {
		far := i == len(o.Locations)-1 && loc.OneWay > 0
		samples, info, err := runLocation(ctx, o, exe, i+1, loc, far && o.BBR)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", loc.Name, err)
		}
		res.Samples = append(res.Samples, samples...)
		res.Meta.Locations = append(res.Meta.Locations, info)
	}
	res.Rows = benchreport.Aggregate(res.Samples)
	for _, l := range res.Meta.Locations {
		for _, size := range benchreport.Sizes(res.Rows, benchreport.Send) {
			f := benchreport.SendFloor(l.RTTms, o.Shaping.RateBits, size)
			res.Rows = append(res.Rows, benchreport.Row{Experiment: benchreport.Send, Location: l.Name,
				SizeBytes: size, Variant: benchreport.Floor, P50: f, P95: f})
		}
	}
	benchreport.SortRows(res.Rows)
	res.Elapsed = time.Since(start)
	return res, nil
}

// phase is one client process under one set of kernel settings.
type phase struct {
	name       string
	experiment string
	variants   []string
	cc         string
	ssai       string // net.ipv4.tcp_slow_start_after_idle on the function side
	initcwnd   int
	decayIdle  bool
	rttProbes  int
	maxSize    int64 // 0: the whole plan
}

const bbrMaxSize = 10 << 20

func runLocation(ctx context.Context, o Options, exe string, subnet int, loc Location, bbr bool) (_ []benchreport.Sample, info benchreport.LocationInfo, err error) {
	info = benchreport.LocationInfo{Name: loc.Name, OneWayMs: msOf(loc.OneWay)}
	lab, err := netlab.Setup(ctx, netlab.Config{
		Prefix:   netlab.NamePrefix() + loc.Name + "-",
		Subnet:   subnet,
		OneWay:   loc.OneWay,
		Shaping:  o.Shaping,
		ForceTUN: o.ForceTUN,
		Logf:     o.Logf,
	})
	if err != nil {
		return nil, info, err
	}
	defer func() {
		if cerr := lab.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("cleanup: %w", cerr))
		}
	}()
	info.Mode = lab.Mode
	o.Logf("%s: lab up (%s, one-way %v, %s)", loc.Name, lab.Mode, loc.OneWay, o.Shaping.Rate)
	// CUBIC on both sides, as the paper's kernel ran: the namespace
	// default here is BBR, which ignores slow start after idle.
	for _, s := range []netlab.Side{netlab.Fn, netlab.Srv} {
		if err := lab.SetRoute(s, "cubic", 0); err != nil {
			return nil, info, err
		}
	}
	stopServer, err := startServer(ctx, lab, exe, o.Logf)
	if err != nil {
		return nil, info, err
	}
	defer stopServer()

	var samples []benchreport.Sample
	runPhase := func(ph phase) error {
		if len(planUpTo(o.Plan, ph.maxSize)) == 0 {
			return nil
		}
		if err := lab.SetRoute(netlab.Fn, ph.cc, ph.initcwnd); err != nil {
			return err
		}
		if err := lab.SetSysctl(netlab.Fn, "net.ipv4.tcp_slow_start_after_idle", ph.ssai); err != nil {
			return err
		}
		got, err := runClient(ctx, lab, exe, o, ph, loc.Name)
		if err != nil {
			return fmt.Errorf("phase %s: %w", ph.name, err)
		}
		samples = append(samples, got...)
		return nil
	}

	if err := runPhase(phase{name: "retrieval", experiment: benchreport.Retrieval, cc: "cubic", ssai: "1", rttProbes: 10,
		variants: []string{benchreport.Cold, benchreport.Freshened, benchreport.Floor}}); err != nil {
		return nil, info, err
	}
	var rtts []float64
	for _, s := range samples {
		if s.Experiment == "rtt" {
			rtts = append(rtts, s.Ms)
		}
	}
	info.RTTms = math.Round(benchreport.Percentile(rtts, 50)*1000) / 1000
	o.Logf("%s: connect RTT p50 %.3f ms", loc.Name, info.RTTms)
	// The delay line's timers add up to about a millisecond each way; more
	// than that means the machine is too busy for the numbers to mean much.
	if want := 2 * msOf(loc.OneWay); loc.OneWay > 0 && (info.RTTms < want || info.RTTms > want+4) {
		o.Logf("%s: WARNING: connect RTT %.1f ms, expected about %.1f ms", loc.Name, info.RTTms, want)
	}

	if err := runPhase(phase{name: "send", experiment: benchreport.Send, cc: "cubic", ssai: "1", decayIdle: true,
		variants: []string{benchreport.Idle, benchreport.Warmed, benchreport.Cold}}); err != nil {
		return nil, info, err
	}
	// The provider's stand-in for warm_cwnd: keep windows across idle and
	// start new connections at the path's bandwidth-delay product.
	bdp := o.Shaping.RateBits / 8 * info.RTTms / 1000
	info.InitCwnd = max(10, int(math.Ceil(bdp/mss)))
	if err := runPhase(phase{name: "provider", experiment: benchreport.Send, cc: "cubic", ssai: "0", initcwnd: info.InitCwnd,
		variants: []string{benchreport.Provider}}); err != nil {
		return nil, info, err
	}
	if bbr {
		// The extra column skips sizes past bbrMaxSize: each 100 MB point
		// costs half a minute and says nothing about idle restart. BBR
		// does not decay an idle window, so idling just past the RTO
		// shows all it does.
		if err := runPhase(phase{name: "send-bbr", maxSize: bbrMaxSize, experiment: benchreport.Send, cc: "bbr", ssai: "1",
			variants: []string{benchreport.Idle, benchreport.Warmed, benchreport.Cold}}); err != nil {
			return nil, info, err
		}
	}
	if fwd, drop := lab.DelayStats(); fwd > 0 {
		o.Logf("%s: delay line forwarded %d packets, dropped %d", loc.Name, fwd, drop)
	}
	out := samples[:0]
	for _, s := range samples {
		if s.Experiment != "rtt" {
			out = append(out, s)
		}
	}
	return out, info, nil
}

// startChild starts cmd from a goroutine locked to its OS thread and keeps
// it locked until the child has been waited for: Pdeathsig fires when the
// thread that forked the child exits, and an unlocked thread may be retired
// by the runtime at any time. Call wait only after reading all of the
// child's output: Wait closes the pipes.
func startChild(cmd *exec.Cmd) (wait func() error, err error) {
	started := make(chan error, 1)
	waitReq := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		<-waitReq
		done <- cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	var once sync.Once
	var werr error
	return func() error {
		once.Do(func() {
			close(waitReq)
			werr = <-done
		})
		return werr
	}, nil
}

func startServer(ctx context.Context, lab *netlab.Lab, exe string, logf func(string, ...any)) (stop func(), err error) {
	cmd := lab.Command(ctx, netlab.Srv, exe, cmdServe, "-addr", lab.Addr(netlab.Srv).String())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	logw := prefixWriter("server", logf)
	cmd.Stderr = logw
	wait, err := startChild(cmd)
	if err != nil {
		logw.Close()
		return nil, err
	}
	stop = func() {
		stdin.Close()
		t := time.AfterFunc(5*time.Second, func() { cmd.Process.Kill() })
		wait()
		t.Stop()
		logw.Close()
	}
	ready := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		if err == nil && strings.TrimSpace(line) != "ready" {
			err = fmt.Errorf("server said %q", line)
		}
		ready <- err
		io.Copy(io.Discard, stdout)
	}()
	select {
	case err = <-ready:
	case <-time.After(20 * time.Second):
		err = errors.New("server not ready after 20s")
	}
	if err != nil {
		stop()
		return nil, fmt.Errorf("file server: %w", err)
	}
	return stop, nil
}

func runClient(ctx context.Context, lab *netlab.Lab, exe string, o Options, ph phase, loc string) ([]benchreport.Sample, error) {
	ctx, cancel := context.WithTimeout(ctx, phaseTimeout)
	defer cancel()
	args := []string{cmdClient,
		"-server", lab.Addr(netlab.Srv).String(),
		"-experiment", ph.experiment,
		"-variants", strings.Join(ph.variants, ","),
		"-plan", formatPlan(planUpTo(o.Plan, ph.maxSize)),
		"-cc", ph.cc,
		"-rtt-probes", strconv.Itoa(ph.rttProbes),
		"-warm-max", strconv.FormatInt(o.WarmMax, 10),
		"-decay-idle=" + strconv.FormatBool(ph.decayIdle),
	}
	o.Logf("%s: phase %s (%s, cc %s, slow_start_after_idle=%s, initcwnd %d)", loc, ph.name,
		strings.Join(ph.variants, "/"), ph.cc, ph.ssai, ph.initcwnd)
	cmd := lab.Command(ctx, netlab.Fn, exe, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	logw := prefixWriter(loc+" client", o.Logf)
	defer logw.Close()
	cmd.Stderr = logw
	wait, err := startChild(cmd)
	if err != nil {
		return nil, err
	}
	var samples []benchreport.Sample
	dec := json.NewDecoder(stdout)
	var decErr error
	for {
		var s benchreport.Sample
		if err := dec.Decode(&s); err != nil {
			if !errors.Is(err, io.EOF) {
				decErr = fmt.Errorf("client output: %w", err)
				io.Copy(io.Discard, stdout)
			}
			break
		}
		s.Location = loc
		samples = append(samples, s)
	}
	if err := wait(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("client: %w", ctx.Err())
		}
		return nil, fmt.Errorf("client: %w", err)
	}
	return samples, decErr
}

// lineLogger forwards a child's stderr lines to logf. Close it after the
// child's Wait: it returns once the last line has been logged, so nothing
// is logged after the caller has moved on.
type lineLogger struct {
	pw   *io.PipeWriter
	done chan struct{}
}

func prefixWriter(prefix string, logf func(string, ...any)) *lineLogger {
	pr, pw := io.Pipe()
	l := &lineLogger{pw: pw, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			logf("%s: %s", prefix, sc.Text())
		}
		io.Copy(io.Discard, pr)
	}()
	return l
}

func (l *lineLogger) Write(p []byte) (int, error) { return l.pw.Write(p) }

func (l *lineLogger) Close() error {
	err := l.pw.Close()
	<-l.done
	return err
}

// Write emits the results where the options ask, and the tables on stdout.
func (r *Result) Write(o Options, stdout io.Writer) error {
	md := benchreport.Markdown(r.Rows, r.Meta)
	if o.JSON != "" {
		f, err := os.Create(o.JSON)
		if err != nil {
			return fmt.Errorf("results: %w", err)
		}
		if err := benchreport.WriteJSON(f, r.Rows); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("results: %w", err)
		}
	}
	if o.Markdown != "" {
		if err := os.WriteFile(o.Markdown, []byte(md), 0o644); err != nil {
			return fmt.Errorf("tables: %w", err)
		}
	}
	if o.PlotDir != "" {
		if err := os.MkdirAll(o.PlotDir, 0o755); err != nil {
			return fmt.Errorf("plots: %w", err)
		}
		if _, err := benchreport.Plots(r.Rows, o.PlotDir); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(stdout, "%s\n(run took %s)\n", md, r.Elapsed.Round(time.Second))
	return err
}

func planUpTo(plan []planItem, maxSize int64) []planItem {
	if maxSize <= 0 {
		return plan
	}
	var out []planItem
	for _, p := range plan {
		if p.size <= maxSize {
			out = append(out, p)
		}
	}
	return out
}
