package trigger

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
)

// ClassEnv names the environment variable with the process's service
// class (see Options.Gate).
const ClassEnv = "FRESHEN_SERVICE_CLASS"

// DefaultBudget bounds one triggered freshen when Options.Budget is zero.
const DefaultBudget = 10 * time.Second

// Options configure a Runner.
type Options struct {
	// Gate decides whether a freshen is honoured; nil means a gate with
	// default settings whose service class comes from the environment
	// variable FRESHEN_SERVICE_CLASS ("latency-sensitive", the default, or
	// "latency-insensitive"; an unknown value turns freshen off, since
	// doing nothing is always safe). Use one Gate per process.
	Gate *gate.Gate
	// Budget bounds the wall time of one freshen run (default 10s).
	Budget time.Duration
}

// Runner runs triggered freshens. It is safe for concurrent use.
type Runner struct {
	gate   *gate.Gate
	budget time.Duration

	mu      sync.Mutex
	running map[string]bool
	acct    map[string]*account
}

// account is what one handler's triggered freshens cost.
type account struct {
	runs, errors, timeouts, busy uint64
	wall                         time.Duration
	bytes                        int64
}

// New returns a Runner.
func New(o Options) *Runner {
	r := &Runner{gate: o.Gate, budget: o.Budget, running: map[string]bool{}, acct: map[string]*account{}}
	if r.gate == nil {
		class, ok := gate.ParseClass(os.Getenv(ClassEnv))
		if !ok {
			class = gate.LatencyInsensitive
		}
		// A freshen counts as a hit while fr would still serve its
		// results, so the gate and fr agree on what was wasted.
		r.gate = gate.New(gate.Config{Class: class, Horizon: fr.DefaultHold})
	}
	if r.budget <= 0 {
		r.budget = DefaultBudget
	}
	return r
}

// Gate returns the runner's gate.
func (r *Runner) Gate() *gate.Gate { return r.gate }

// Budget returns the per-run time budget.
func (r *Runner) Budget() time.Duration { return r.budget }

// Status of one handler in a Report.
const (
	StatusOK      = "ok"      // freshen ran to the end
	StatusError   = "error"   // freshen ran and some action failed; the handler runs those calls itself
	StatusTimeout = "timeout" // the budget ended first; the run goes on in the background, bounded by fr
	StatusRefused = "refused" // the gate said no (see Reason)
	StatusBusy    = "busy"    // a freshen of this handler was already running
)

// Report is the answer to one trigger.
type Report struct {
	Handlers []HandlerReport `json:"handlers"`
	Duration Millis          `json:"duration_ms"`
}

// HandlerReport is one handler's part of a Report.
type HandlerReport struct {
	Handler  string        `json:"handler"`
	Status   string        `json:"status"`
	Reason   string        `json:"reason,omitempty"`
	Duration Millis        `json:"duration_ms"`
	Error    string        `json:"error,omitempty"`
	Entries  []EntryReport `json:"entries,omitempty"`
}

// EntryReport is one fr_state entry's part of a HandlerReport.
type EntryReport struct {
	Index    int    `json:"index"`
	Kind     string `json:"kind"`
	State    string `json:"state"`
	Duration Millis `json:"duration_ms"`
	Bytes    int64  `json:"bytes,omitempty"`
	Error    string `json:"error,omitempty"`
}

// Millis is a duration that marshals as fractional milliseconds.
type Millis time.Duration

// MarshalJSON implements json.Marshaler.
func (m Millis) MarshalJSON() ([]byte, error) { return m.appendJSON(nil), nil }

// UnmarshalJSON implements json.Unmarshaler.
func (m *Millis) UnmarshalJSON(b []byte) error {
	var f float64
	if _, err := fmt.Sscan(string(b), &f); err != nil {
		return fmt.Errorf("duration_ms: %w", err)
	}
	*m = Millis(f * float64(time.Millisecond))
	return nil
}

// TimedOut reports whether any handler ran out of budget.
func (rep Report) TimedOut() bool {
	for _, h := range rep.Handlers {
		if h.Status == StatusTimeout {
			return true
		}
	}
	return false
}

// Resolve turns requested names into the handlers to freshen: all
// registered ones for an empty request, else the named ones, each of which
// must match exactly one registered handler. A name matches a registered
// "<pkgpath>.<Func>" (methods "<pkgpath>.<Type>.<Method>") when it is
// the full name, the short name freshen-gen's --handlers takes ("Func",
// "Type.Method"), or the full name without a leading part of the package
// path ("app.Func", "internal/app.Func"). An exact full name always wins.
// A name no handler matches gives an *fr.UnknownHandlerError, one that
// several match an *AmbiguousHandlerError. The result has no duplicates.
func Resolve(names []string) ([]string, error) {
	if len(names) == 0 {
		return fr.Handlers(), nil
	}
	var out []string // nil while names needs no change
	var known []string
	for i, n := range names {
		full := n
		if _, ok := fr.Lookup(n); !ok {
			if known == nil {
				known = fr.Handlers()
			}
			var cands []string
			for _, k := range known {
				if shortMatch(k, n) {
					cands = append(cands, k)
				}
			}
			switch len(cands) {
			case 0:
				return nil, &fr.UnknownHandlerError{Name: n, Known: known}
			case 1:
				full = cands[0]
			default:
				return nil, &AmbiguousHandlerError{Name: n, Candidates: cands}
			}
		}
		var dup bool
		if out == nil {
			dup = slices.Contains(names[:i], full) // resolved as they are
		} else {
			dup = slices.Contains(out, full)
		}
		if out == nil && (full != n || dup) {
			out = append(make([]string, 0, len(names)), names[:i]...)
		}
		if out != nil && !dup {
			out = append(out, full)
		}
	}
	if out == nil {
		return names, nil
	}
	return out, nil
}

// shortMatch reports whether q names the registered handler full other
// than by its full name (see Resolve).
func shortMatch(full, q string) bool {
	if q == "" {
		return false
	}
	if strings.HasSuffix(full, "/"+q) {
		return true
	}
	if strings.Contains(q, "/") {
		return false
	}
	// The short name follows the package name: the first dot after the
	// last slash.
	last := full[strings.LastIndexByte(full, '/')+1:]
	_, short, ok := strings.Cut(last, ".")
	return ok && short == q
}

// AmbiguousHandlerError is returned for a short handler name that more
// than one registered handler answers to.
type AmbiguousHandlerError struct {
	Name       string
	Candidates []string // sorted
}

func (e *AmbiguousHandlerError) Error() string {
	return fmt.Sprintf("handler name %q is ambiguous: it matches %s; use the full name", e.Name, strings.Join(e.Candidates, ", "))
}

// IsUnknown reports whether err names a handler nobody registered.
func IsUnknown(err error) bool {
	var u *fr.UnknownHandlerError
	return errors.As(err, &u)
}

// IsAmbiguous reports whether err is a short handler name that several
// handlers answer to.
func IsAmbiguous(err error) bool {
	var a *AmbiguousHandlerError
	return errors.As(err, &a)
}

// Run freshens the named handlers (all registered ones when names is
// empty) concurrently and waits for them, at most the budget or until
// ctx's deadline if that is sooner. ctx's values are kept but not its
// cancellation: a client that hangs up must not abort a freshen another
// invocation may be about to use.
func (r *Runner) Run(ctx context.Context, names []string) (Report, error) {
	names, err := Resolve(names)
	if err != nil {
		return Report{}, err
	}
	start := time.Now()
	budget := r.budget
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < budget {
		// The caller must answer before its own deadline (a Lambda
		// invocation's timeout), so the report must come back first.
		budget = max(time.Until(dl), 0)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), budget)
	defer cancel()
	// One goroutine per admitted handler runs its freshen, writes its
	// report to out[i] and sends i; this one waits for them or the
	// budget, whichever comes first. A freshen that reports after the
	// budget writes to out, which the caller never reads.
	n := len(names)
	buf := make([]HandlerReport, 2*n)
	reps, out := buf[:n:n], buf[n:]
	done := make(chan int, n) // buffered: a late freshen never blocks
	pending := 0
	for i, name := range names {
		reps[i].Handler = name
		if !r.admit(&reps[i]) {
			continue
		}
		pending++
		go r.freshen(ctx, name, &out[i], i, done)
	}
	for pending > 0 {
		select {
		case i := <-done:
			reps[i] = out[i]
			pending--
		case <-ctx.Done():
			// fr bounds the run by the same context; report now rather
			// than keep the platform waiting on a straggler.
			cause := context.Cause(ctx).Error()
			r.mu.Lock()
			for i := range reps {
				if reps[i].Status == "" {
					r.account(reps[i].Handler).timeouts++
					reps[i].Status, reps[i].Duration, reps[i].Error = StatusTimeout, Millis(budget), cause
				}
			}
			r.mu.Unlock()
			pending = 0
		}
	}
	return Report{Handlers: reps, Duration: Millis(time.Since(start))}, nil
}

// Start is Run without waiting: it checks the names, then freshens in the
// background under the budget.
func (r *Runner) Start(ctx context.Context, names []string) error {
	names, err := Resolve(names)
	if err != nil {
		return err
	}
	// WithoutCancel also drops the deadline: the caller is not waiting.
	go func() { _, _ = r.Run(context.WithoutCancel(ctx), names) }()
	return nil
}

// admit asks the gate and the one-at-a-time rule whether hr's handler
// may freshen now. If not, it fills in hr's status and reports false;
// else the handler is marked running.
func (r *Runner) admit(hr *HandlerReport) bool {
	name := hr.Handler
	if d := r.gate.Allow(name); !d.Allowed {
		hr.Status, hr.Reason = StatusRefused, string(d.Reason)
		return false
	}
	r.mu.Lock()
	a := r.account(name)
	if r.running[name] {
		a.busy++
		r.mu.Unlock()
		hr.Status = StatusBusy
		return false
	}
	r.running[name] = true
	a.runs++
	r.mu.Unlock()
	r.gate.Freshened(name)
	return true
}

// freshen runs an admitted handler's freshen, accounts for it, writes
// its report to hr and sends i.
func (r *Runner) freshen(ctx context.Context, name string, hr *HandlerReport, i int, done chan<- int) {
	rep, _ := fr.FreshenReport(ctx, name)
	var bytes int64
	for _, e := range rep.Entries {
		bytes += e.Bytes
	}
	r.mu.Lock()
	a := r.account(name)
	r.running[name] = false
	a.wall += rep.Duration
	a.bytes += bytes
	if rep.Err != nil {
		a.errors++
	}
	r.mu.Unlock()

	*hr = HandlerReport{Handler: name, Status: StatusOK, Duration: Millis(rep.Duration)}
	if rep.Err != nil {
		hr.Status, hr.Error = StatusError, rep.Err.Error()
	}
	if len(rep.Entries) > 0 {
		hr.Entries = make([]EntryReport, len(rep.Entries))
		for k, e := range rep.Entries {
			hr.Entries[k] = EntryReport{Index: e.Index, Kind: e.Kind, State: e.State.String(), Duration: Millis(e.Duration), Bytes: e.Bytes}
			if e.Err != nil {
				hr.Entries[k].Error = e.Err.Error()
			}
		}
	}
	done <- i
}

func (r *Runner) account(name string) *account {
	a := r.acct[name]
	if a == nil {
		a = &account{}
		r.acct[name] = a
	}
	return a
}

// Invoked records an invocation of the named handlers for the gate's
// hit/waste accounting. With no names it records one for the process's
// handler if exactly one is registered; with several, the caller must
// say which (an invocation is never credited to a guess).
func (r *Runner) Invoked(names ...string) {
	if len(names) == 0 {
		h := fr.Handlers()
		if len(h) != 1 {
			return
		}
		names = h
	}
	for _, n := range names {
		r.gate.Invoked(n)
	}
}
