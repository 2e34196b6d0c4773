//go:build linux

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/internal/benchreport"
)

// clientConfig is what the parent tells a client process to measure.
type clientConfig struct {
	server     string
	experiment string
	variants   []string
	plan       []planItem
	cc         string
	rttProbes  int
	warmMax    int64
	idleMax    time.Duration
	// decayIdle waits until slow-start-after-idle has brought the window
	// all the way back to the restart window; otherwise just past the RTO.
	decayIdle bool
}

type planItem struct {
	size  int64
	iters int
}

func parsePlan(s string) ([]planItem, error) {
	var plan []planItem
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		sz, it, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("plan item %q: want SIZE=ITERATIONS", f)
		}
		size, err := benchreport.ParseSize(sz)
		if err != nil {
			return nil, err
		}
		n, err := strconv.Atoi(it)
		if err != nil || n <= 0 || n > 1000 {
			return nil, fmt.Errorf("plan item %q: iterations must be 1..1000", f)
		}
		plan = append(plan, planItem{size, n})
	}
	if len(plan) == 0 {
		return nil, errors.New("empty plan")
	}
	return plan, nil
}

func formatPlan(plan []planItem) string {
	parts := make([]string, len(plan))
	for i, p := range plan {
		parts[i] = fmt.Sprintf("%s=%d", benchreport.HumanSize(p.size), p.iters)
	}
	return strings.Join(parts, ",")
}

// clientMain is the hidden `_client` subcommand, run inside the function
// namespace. It writes one JSON Sample per line to stdout.
func clientMain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("_client", flag.ContinueOnError)
	var cfg clientConfig
	var variants, plan string
	fs.StringVar(&cfg.server, "server", "", "server address")
	fs.StringVar(&cfg.experiment, "experiment", "", "retrieval or send")
	fs.StringVar(&variants, "variants", "", "comma-separated variants")
	fs.StringVar(&plan, "plan", "", "SIZE=ITERATIONS,...")
	fs.StringVar(&cfg.cc, "cc", "cubic", "sender congestion control")
	fs.IntVar(&cfg.rttProbes, "rtt-probes", 0, "connect-time probes to run first")
	fs.Int64Var(&cfg.warmMax, "warm-max", 4<<20, "largest warm-up burst, bytes")
	fs.DurationVar(&cfg.idleMax, "idle-max", 3*time.Second, "longest idle wait")
	fs.BoolVar(&cfg.decayIdle, "decay-idle", true, "idle until the window has fully decayed")
	procs := fs.Int("procs", 1, "GOMAXPROCS of the function side")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// A function instance typically has one vCPU; one P also keeps the
	// freshen goroutine and the handler on the same core, so a prefetched
	// body is read from the same cache the floor's bytes come from.
	runtime.GOMAXPROCS(*procs)
	var err error
	if cfg.plan, err = parsePlan(plan); err != nil {
		return err
	}
	cfg.variants = strings.Split(variants, ",")
	enc := json.NewEncoder(os.Stdout)
	emit := func(s benchreport.Sample) error { return enc.Encode(s) }
	c := &client{cfg: cfg, emit: emit}
	if cfg.rttProbes > 0 {
		if err := c.probeRTT(ctx); err != nil {
			return err
		}
	}
	switch cfg.experiment {
	case benchreport.Retrieval:
		return c.retrieval(ctx)
	case benchreport.Send:
		return c.send(ctx)
	case "":
		return nil
	}
	return fmt.Errorf("unknown experiment %q", cfg.experiment)
}

type client struct {
	cfg  clientConfig
	emit func(benchreport.Sample) error
}

func (c *client) has(v string) bool { return slices.Contains(c.cfg.variants, v) }

func (c *client) dial(ctx context.Context, port int) (net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(c.cfg.server, strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("dial: %w", err)
	}
	return conn, nil
}

// probeRTT reports TCP connect times: one SYN/SYN-ACK round trip each.
func (c *client) probeRTT(ctx context.Context) error {
	for range c.cfg.rttProbes {
		t0 := time.Now()
		conn, err := c.dial(ctx, sinkPort)
		if err != nil {
			return err
		}
		d := time.Since(t0)
		conn.Close()
		if err := c.emit(benchreport.Sample{Experiment: "rtt", Variant: "connect", Ms: msOf(d)}); err != nil {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

func msOf(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func opTimeout(size int64) time.Duration {
	// Generous: a tenth of the 100 Mbit/s rate plus slack.
	return 30*time.Second + time.Duration(size/(1<<20))*800*time.Millisecond
}

// newHTTPClient is a client with no connection reuse: the function's own
// fetch opens a new connection each time, as a cold function does.
func (c *client) newHTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true}}
}

func (c *client) retrieval(ctx context.Context) error {
	var maxSize int64
	for _, p := range c.cfg.plan {
		maxSize = max(maxSize, p.size)
	}
	mem := pattern(maxSize)
	buf := make([]byte, maxSize)
	copy(buf, mem) // fault the pages in before anything is timed
	// The floor's bytes: written afresh in each iteration when the
	// freshen's body arrives, so both in-memory variants read bytes of
	// the same age.
	floorSrc := make([]byte, maxSize)
	copy(floorSrc, mem)
	// What the freshened body is checked against: its own copy, so the
	// check warms neither variant's bytes.
	want := pattern(min(maxSize, 4096))
	st := fr.NewState("freshen-bench.retrieve", 1)
	st.SetBodyLimit(maxSize)
	w := newWarmup(maxSize)
	for _, p := range c.cfg.plan {
		url := fmt.Sprintf("http://%s/file?size=%d", net.JoinHostPort(c.cfg.server, strconv.Itoa(httpPort)), p.size)
		dst := buf[:p.size]
		progress(benchreport.Retrieval, p)
		// get is the function's own call, as written before freshen-gen.
		get := func() (*http.Response, error) { return c.newHTTPClient().Get(url) }
		for it := range p.iters {
			if err := ctx.Err(); err != nil {
				return err
			}
			settle(p.size)
			if c.has(benchreport.Cold) {
				t0 := time.Now()
				resp, err := get()
				if err != nil {
					return fmt.Errorf("cold get %d: %w", p.size, err)
				}
				err = readBody(resp, dst)
				d := time.Since(t0)
				if err != nil {
					return fmt.Errorf("cold body %d: %w", p.size, err)
				}
				var cw *int
				if v, err := strconv.Atoi(resp.Header.Get("X-Sender-Cwnd")); err == nil {
					cw = &v
				}
				if err := c.emit(benchreport.Sample{Experiment: benchreport.Retrieval, Variant: benchreport.Cold, Size: p.size, Ms: msOf(d), Cwnd: cw}); err != nil {
					return err
				}
			}
			// The in-memory variants of small sizes take microseconds, so
			// their p50 needs more samples than the network-bound cold
			// one: each iteration times them memReps times, each time
			// after a freshen of its own.
			for rep := range memReps(p.size) {
				if c.has(benchreport.Freshened) {
					// The freshen hook runs to completion before the
					// call, the best case of the paper's Figure 3. It
					// waits on the network, so it comes before both
					// in-memory variants.
					fc := c.newHTTPClient()
					if err := st.Run(ctx, fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
						return fr.HTTPGet(ctx, fc, url)
					})); err != nil {
						return fmt.Errorf("freshen %d: %w", p.size, err)
					}
				}
				copy(floorSrc[:p.size], mem[:p.size])
				// Whichever ran first after the network wait would pay
				// for cold caches and a core waking up. They take turns
				// at going first, and each timed region follows the same
				// warm-up.
				timed := []func(order int) error{
					func(order int) error { return c.timeFreshened(ctx, st, p.size, it, order, dst, want, w) },
					func(order int) error { return c.timeFloor(p.size, order, dst, floorSrc[:p.size], w) },
				}
				if (it*memReps(p.size)+rep)%2 == 1 {
					timed[0], timed[1] = timed[1], timed[0]
				}
				for k, f := range timed {
					if err := f(k + 1); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// memReps is how many times each iteration times the in-memory retrieval
// variants: five times up to 100 KB, where they take microseconds and a
// preempted sample is common on a shared machine, once above.
func memReps(size int64) int {
	if size <= 100<<10 {
		return 5
	}
	return 1
}

// errMissed is what the freshened variant's call returns: it must never
// run, since the freshen hook has completed.
var errMissed = errors.New("FrFetch ran the call instead of serving the prefetched result")

// missed stands in for the function's own call in the freshened variant.
// Like the call sites freshen-gen writes, it captures nothing, so the timed
// region allocates no closure.
func missed() (*http.Response, error) { return nil, errMissed }

// timeFreshened times the function's FrFetch hit on the result the
// freshen hook prefetched, and reading its body.
func (c *client) timeFreshened(ctx context.Context, st *fr.State, size int64, it, order int, dst, want []byte, w *warmup) error {
	if !c.has(benchreport.Freshened) {
		return nil
	}
	settle(size)
	if err := w.run(ctx, dst); err != nil {
		return err
	}
	t0 := time.Now()
	resp, err := fr.FrFetch(ctx, st, 0, missed)
	if err == nil {
		err = readBody(resp, dst)
	}
	d := time.Since(t0)
	if err != nil {
		return fmt.Errorf("freshened %d iteration %d: %w", size, it, err)
	}
	if n := min(size, int64(len(want))); !bytes.Equal(dst[:n], want[:n]) {
		return fmt.Errorf("freshened %d: body differs from the file", size)
	}
	return c.emit(benchreport.Sample{Experiment: benchreport.Retrieval, Variant: benchreport.Freshened, Size: size, Ms: msOf(d), Order: order})
}

// timeFloor times the same consumption code as the other variants on a
// response whose body (src) already sits in memory: what the function
// would pay with no network and no bookkeeping.
func (c *client) timeFloor(size int64, order int, dst, src []byte, w *warmup) error {
	if !c.has(benchreport.Floor) {
		return nil
	}
	settle(size)
	if err := w.run(context.Background(), dst); err != nil {
		return err
	}
	t0 := time.Now()
	err := readBody(&http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(src))}, dst)
	d := time.Since(t0)
	if err != nil {
		return fmt.Errorf("floor %d: %w", size, err)
	}
	return c.emit(benchreport.Sample{Experiment: benchreport.Retrieval, Variant: benchreport.Floor, Size: size, Ms: msOf(d), Order: order})
}

// warmup runs both in-memory code paths once, untimed, right before a
// timed region: an FrFetch hit on a result prefetched from memory into a
// State of its own, and reading a response body already in memory, both
// into the function's buffer. Both variants get exactly the same warm-up,
// on bytes neither of them is timed on, so it warms the code, the
// destination buffer and the core, not one variant's source bytes.
type warmup struct {
	st      *fr.State
	scratch []byte
}

// warmupSize bounds the warm-up's bytes: enough to run every code path,
// small enough not to flush what a large variant has in cache.
const warmupSize = 16 << 10

func newWarmup(maxSize int64) *warmup {
	st := fr.NewState("freshen-bench.warmup", 1)
	st.SetBodyLimit(warmupSize)
	return &warmup{st: st, scratch: pattern(min(maxSize, warmupSize))}
}

func (w *warmup) run(ctx context.Context, dst []byte) error {
	n := min(len(dst), len(w.scratch))
	src := w.scratch[:n]
	if err := w.st.Run(ctx, fr.Fetch(0, func(context.Context) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(src))}, nil
	})); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	resp, err := fr.FrFetch(ctx, w.st, 0, missed)
	if err == nil {
		err = readBody(resp, dst[:n])
	}
	if err == nil {
		err = readBody(&http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(src))}, dst[:n])
	}
	if err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	return nil
}

// readBody reads exactly len(dst) bytes of the body into the function's
// own buffer, the same work in every variant.
func readBody(resp *http.Response, dst []byte) error {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	if _, err := io.ReadFull(resp.Body, dst); err != nil {
		return err
	}
	var one [1]byte
	if n, _ := resp.Body.Read(one[:]); n != 0 {
		return errors.New("body longer than expected")
	}
	return nil
}

// settle collects garbage outside the timed region, so a large earlier
// buffer is not swept in the middle of a measurement.
func settle(size int64) {
	if size >= 1<<20 {
		runtime.GC()
	}
}

func (c *client) dialSink(ctx context.Context) (net.Conn, error) {
	conn, err := c.dial(ctx, sinkPort)
	if err != nil {
		return nil, err
	}
	if err := setCongestion(conn, c.cfg.cc); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

func (c *client) send(ctx context.Context) error {
	payload := pattern(chunk)
	for _, p := range c.cfg.plan {
		progress(benchreport.Send, p)
		if err := c.sendSize(ctx, p, payload); err != nil {
			return fmt.Errorf("send %s: %w", benchreport.HumanSize(p.size), err)
		}
	}
	return nil
}

func (c *client) sendSize(ctx context.Context, p planItem, payload []byte) error {
	timeout := opTimeout(p.size)
	// Runtime-scoped connections, one per variant, each primed by a send of
	// the same size, as the previous invocation of the function would have.
	conns := map[string]net.Conn{}
	defer func() {
		for _, conn := range conns {
			conn.Close()
		}
	}()
	for _, v := range []string{benchreport.Idle, benchreport.Warmed, benchreport.Provider} {
		if !c.has(v) {
			continue
		}
		conn, err := c.dialSink(ctx)
		if err != nil {
			return err
		}
		conns[v] = conn
		// Capped like the warm burst: past a few MB the window has long
		// reached the link's limit, and a 100 MB prime would only add
		// seconds of run time.
		if _, err := sendOn(conn, kindPayload, min(p.size, c.cfg.warmMax), payload, timeout); err != nil {
			return fmt.Errorf("prime %s: %w", v, err)
		}
	}
	st := fr.NewState("freshen-bench.send", 1)
	warmBytes := min(p.size, c.cfg.warmMax)
	for range p.iters {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(conns) > 0 {
			if err := sleepCtx(ctx, c.idleWait(conns)); err != nil {
				return err
			}
		}
		emit := func(v string, d time.Duration, cwnd int) error {
			return c.emit(benchreport.Sample{Experiment: benchreport.Send, Variant: v, CC: c.ccLabel(), Size: p.size, Ms: msOf(d), Cwnd: &cwnd})
		}
		if conn, ok := conns[benchreport.Idle]; ok {
			t0 := time.Now()
			cw, err := sendOn(conn, kindPayload, p.size, payload, timeout)
			if err != nil {
				return fmt.Errorf("idle: %w", err)
			}
			if err := emit(benchreport.Idle, time.Since(t0), cw); err != nil {
				return err
			}
		}
		if conn, ok := conns[benchreport.Warmed]; ok {
			// The freshen hook's Warm: push a burst the server discards
			// through the runtime-scoped connection and wait for its
			// reply, so the kernel has grown the window (slow start from
			// the restart window) by the time the function runs.
			if err := st.Run(ctx, fr.Warm(0, func(ctx context.Context) error {
				_, err := sendOn(conn, kindWarm, warmBytes, payload, timeout)
				return err
			})); err != nil {
				return fmt.Errorf("warm: %w", err)
			}
			var cw int
			t0 := time.Now()
			_, err := fr.FrWarm(ctx, st, 0, func() (int, error) {
				var err error
				cw, err = sendOn(conn, kindPayload, p.size, payload, timeout)
				return cw, err
			})
			d := time.Since(t0)
			if err != nil {
				return fmt.Errorf("warmed: %w", err)
			}
			if err := emit(benchreport.Warmed, d, cw); err != nil {
				return err
			}
		}
		if conn, ok := conns[benchreport.Provider]; ok {
			t0 := time.Now()
			cw, err := sendOn(conn, kindPayload, p.size, payload, timeout)
			if err != nil {
				return fmt.Errorf("provider: %w", err)
			}
			if err := emit(benchreport.Provider, time.Since(t0), cw); err != nil {
				return err
			}
		}
		if c.has(benchreport.Cold) {
			t0 := time.Now()
			conn, err := c.dialSink(ctx)
			if err != nil {
				return err
			}
			cw, err := sendOn(conn, kindPayload, p.size, payload, timeout)
			d := time.Since(t0)
			conn.Close()
			if err != nil {
				return fmt.Errorf("cold: %w", err)
			}
			if err := emit(benchreport.Cold, d, cw); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *client) ccLabel() string {
	if c.cfg.cc == "cubic" {
		return "" // the default column
	}
	return c.cfg.cc
}

// idleWait is how long the runtime-scoped connections sit idle between
// invocations. Linux halves an idle window once per RTO (down to the
// restart window) when the next data is queued, so with decayIdle the wait
// covers enough RTOs to undo all the growth: a runtime idle for the seconds
// or minutes between real invocations. Otherwise it is just past one RTO.
func (c *client) idleWait(conns map[string]net.Conn) time.Duration {
	var wait time.Duration
	for _, conn := range conns {
		info, err := fr.TCPInfo(conn)
		if err != nil {
			continue
		}
		rtos := 1
		if c.cfg.decayIdle && info.SndCwnd > 10 {
			rtos = max(1, int(math.Ceil(math.Log2(float64(info.SndCwnd)/10))))
		}
		wait = max(wait, time.Duration(rtos)*info.RTO+50*time.Millisecond)
	}
	if wait == 0 {
		wait = time.Second
	}
	return min(wait, c.cfg.idleMax)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// progress goes to stderr, which the parent shows with a timestamp.
func progress(exp string, p planItem) {
	fmt.Fprintf(os.Stderr, "%s %s x%d\n", exp, benchreport.HumanSize(p.size), p.iters)
}
