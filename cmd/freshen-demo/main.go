// Command freshen-demo runs the example image pipeline (examples/pipeline)
// as a chain of three functions, once without freshen and once with
// chain-predicted freshen, and prints what freshen changed.
//
// It copies the example to a temporary directory, runs freshen-gen fix on
// the copy, builds the three functions, starts an object store that adds
// latency and caps bandwidth, starts each function as its own process on
// loopback with the fr/frhttp endpoint, and drives the chain three times:
// without freshen, with chain-predicted freshen, and with every step's
// freshen completed before the chain starts (the ideal a predictor can at
// best reach). Progress goes to stderr; the table to stdout, whose last
// line is "speedup: X.XXx" (end-to-end p50 without freshen divided by p50
// with predicted freshen), after the line "ideal: ..." that says how much
// of the ideal saving that is.
//
// Everything it starts, it stops, also on Ctrl-C.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/freshen-go/freshen/fr/chain"
)

type config struct {
	runs        int
	warmup      int
	latency     time.Duration
	bandwidth   float64         // bytes per second; 0 = unlimited
	lookahead   chain.Lookahead // a number of successors, or chain.Auto
	rejectEvery int             // every n-th upload is blank and ends the chain at validate; 0: none
	hop         time.Duration   // the orchestrator's hand-over delay between steps
	repo        string          // module root of freshen; "" = found from the working directory
	gen         string          // freshen-gen binary; "" = built from repo
	noGen       bool            // run the example as written, without freshen-gen
	keep        bool
	verbose     bool
}

func main() {
	var c config
	flag.IntVar(&c.runs, "n", 50, "chain invocations per phase")
	flag.IntVar(&c.warmup, "warmup", 3, "unmeasured chain invocations before each phase")
	flag.DurationVar(&c.latency, "latency", 50*time.Millisecond, "object store latency per request")
	bw := flag.Float64("bandwidth", 8, "object store bandwidth in MiB/s (0: unlimited)")
	c.lookahead = chain.Auto
	flag.Var((*lookaheadFlag)(&c.lookahead), "lookahead", "successors freshened when a step starts, or auto: each step as late as its measured freshen time allows")
	flag.DurationVar(&c.hop, "hop", 64*time.Millisecond, "orchestrator hand-over delay between steps (the paper measures 64ms for Step Functions; 0 models steps that start the instant the previous one ends)")
	flag.IntVar(&c.rejectEvery, "reject-every", 0, "every n-th upload is blank: validate rejects it and the freshen of later steps is wasted (0: none)")
	flag.StringVar(&c.repo, "repo", "", "freshen module root (default: found from the working directory)")
	flag.StringVar(&c.gen, "gen", "", "freshen-gen binary (default: built from the module)")
	flag.BoolVar(&c.noGen, "no-gen", false, "skip freshen-gen fix: run the example as written (no freshen code)")
	flag.BoolVar(&c.keep, "keep", false, "keep the temporary directory")
	flag.BoolVar(&c.verbose, "v", false, "show the functions' logs")
	flag.Parse()
	c.bandwidth = *bw * (1 << 20)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := run(ctx, c, os.Stderr)
	if res != nil {
		res.print(os.Stdout)
	}
	if err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted; stopped everything it had started")
		}
		fmt.Fprintln(os.Stderr, "freshen-demo:", err)
		os.Exit(1)
	}
}

// lookaheadFlag is -lookahead: a number of successors, or "auto".
type lookaheadFlag chain.Lookahead

func (l *lookaheadFlag) String() string { return chain.Lookahead(*l).String() }

func (l *lookaheadFlag) Set(v string) error {
	if v == "auto" {
		*l = lookaheadFlag(chain.Auto)
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return fmt.Errorf("want a number of steps (1 or more) or auto, got %q", v)
	}
	*l = lookaheadFlag(n)
	return nil
}
