//go:build linux

package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/freshen-go/freshen/internal/netlab"
)

// Hidden subcommands the parent runs inside the lab's namespaces.
const (
	cmdServe  = "_serve"
	cmdClient = "_client"
)

// IsChild reports whether args (os.Args) start a lab-internal process.
func IsChild(args []string) bool {
	return len(args) > 1 && (args[1] == cmdServe || args[1] == cmdClient)
}

// Exit codes.
const (
	exitOK      = 0
	exitFail    = 1
	exitUsage   = 2
	exitSkipped = 3 // lab not possible here (only for a full run)
)

// Main runs freshen-bench with os.Args-style args and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	// A closed stdout or stderr (`freshen-bench | head`) must not kill the
	// run before it has removed its namespaces: writes fail instead.
	signal.Ignore(syscall.SIGPIPE)
	if IsChild(args) {
		var err error
		if args[1] == cmdServe {
			err = serverMain(args[2:])
		} else {
			err = clientMain(ctx, args[2:])
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", args[1], err)
			return exitFail
		}
		return exitOK
	}

	opts, err := parseFlags(args[1:], stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if err := netlab.Preflight(); err != nil {
		if opts.Quick {
			fmt.Fprintf(stdout, "SKIP: freshen-bench -quick: %v\n", err)
			return exitOK
		}
		fmt.Fprintf(stderr, "freshen-bench: cannot build the lab: %v\n", err)
		return exitSkipped
	}
	res, err := Run(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "freshen-bench: %v\n", err)
		return exitFail
	}
	if err := res.Write(opts, stdout); err != nil {
		fmt.Fprintf(stderr, "freshen-bench: %v\n", err)
		return exitFail
	}
	return exitOK
}

// Options configure a run.
type Options struct {
	Quick     bool
	JSON      string
	Markdown  string
	PlotDir   string
	Locations []Location
	Plan      []planItem
	BBR       bool // extra BBR send column at the farthest location
	ForceTUN  bool
	Shaping   netlab.Shaping
	WarmMax   int64
	Logf      func(format string, args ...any)
}

// Location is one server placement.
type Location struct {
	Name   string
	OneWay time.Duration
}

// The one-way delays are what the delay line adds; its timers add a little
// on top (Go's timers on Linux wake in whole milliseconds), which the
// connect-time RTT in the report shows.
var defaultLocations = []Location{
	{Name: "local", OneWay: 0},
	{Name: "edge", OneWay: time.Millisecond},
	{Name: "remote", OneWay: 24500 * time.Microsecond},
}

// The full run: 20 iterations per point as in the paper, except the two
// largest sizes, which at 100 Mbit/s take 0.9 s and 8.5 s per transfer and
// would push the run past 20 minutes.
const (
	fullPlan  = "1KB=20,10KB=20,100KB=20,1MB=20,10MB=6,100MB=3"
	quickPlan = "1KB=3,100KB=3,1MB=2"
)

func parseFlags(args []string, stderr io.Writer) (Options, error) {
	fs := flag.NewFlagSet("freshen-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o Options
	var plan, locs string
	var rate string
	fs.BoolVar(&o.Quick, "quick", false, "CI smoke run: small sizes, few iterations (< 2 minutes); skips where namespaces are not permitted")
	fs.StringVar(&o.JSON, "json", "", "write results as a JSON array to `FILE`")
	fs.StringVar(&o.Markdown, "md", "", "also write the Markdown tables to `FILE`")
	fs.StringVar(&o.PlotDir, "plots", "", "write PNG plots into `DIR`")
	fs.StringVar(&plan, "plan", "", "sizes and iterations, e.g. 1KB=20,1MB=10 (default: full or quick plan)")
	fs.StringVar(&locs, "locations", "local,edge,remote", "locations to run")
	fs.BoolVar(&o.BBR, "bbr", true, "add a BBR send column at the farthest location")
	fs.BoolVar(&o.ForceTUN, "tun", false, "use the TUN delay line even where netem exists")
	fs.StringVar(&rate, "rate", "100mbit", "link rate cap (tc tbf syntax, mbit)")
	fs.Int64Var(&o.WarmMax, "warm-max", 4<<20, "largest warm-up burst in bytes")
	verbose := fs.Bool("v", true, "progress on stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: freshen-bench [-quick] [-json FILE] [-md FILE] [-plots DIR] [flags]")
		fmt.Fprintln(stderr, "Reproduces the paper's Figures 4-6 in network namespaces (needs root, ip, tc, /dev/net/tun).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "freshen-bench: unexpected arguments %q\n", fs.Args())
		return o, errors.New("usage")
	}
	if plan == "" {
		plan = fullPlan
		if o.Quick {
			plan = quickPlan
		}
	}
	var err error
	if o.Plan, err = parsePlan(plan); err != nil {
		fmt.Fprintf(stderr, "freshen-bench: -plan: %v\n", err)
		return o, err
	}
	for _, name := range strings.Split(locs, ",") {
		found := false
		for _, l := range defaultLocations {
			if l.Name == strings.TrimSpace(name) {
				o.Locations = append(o.Locations, l)
				found = true
			}
		}
		if !found {
			fmt.Fprintf(stderr, "freshen-bench: unknown location %q (local, edge, remote)\n", name)
			return o, errors.New("usage")
		}
	}
	var mbit float64
	if _, err := fmt.Sscanf(rate, "%gmbit", &mbit); err != nil || mbit <= 0 || mbit > 400 {
		fmt.Fprintf(stderr, "freshen-bench: -rate %q: want NNmbit, at most 400mbit (the delay line's comfortable limit)\n", rate)
		return o, errors.New("usage")
	}
	o.Shaping = netlab.DefaultShaping
	o.Shaping.Rate, o.Shaping.RateBits = rate, mbit*1e6
	o.Logf = func(string, ...any) {}
	if *verbose {
		start := time.Now()
		o.Logf = func(format string, args ...any) {
			fmt.Fprintf(stderr, "[%6.1fs] %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	return o, nil
}
