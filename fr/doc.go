// Package fr is the freshen runtime that generated code imports: the
// per-handler fr_state, the FrFetch and FrWarm call-site wrappers, the TTL
// cache, connection warmers, the registry of freshen functions and metrics.
//
// # Model
//
// A handler's State has one entry per freshen resource, in source order.
// An entry is idle (nothing prepared), running (a freshen action is in
// flight) or finished (a result, or a warmed connection, waits for the
// handler). The freshen hook, generated as a call to State.Run with Fetch,
// Fetch1, Warm, WarmHandoff and Hoist actions, moves entries to running
// and then finished; the handler's rewritten call sites, FrFetch, FrWarm
// and FrHoist, consume them:
//
//   - FrFetch returns a finished result; waits for a running one, at most
//     the entry's max wait (SetMaxWait) and while the caller's context
//     allows; otherwise runs the call itself. Concurrent callers of an idle
//     entry share one call when the result type has a safe copy.
//   - FrWarm waits for a running warm-up, then runs the call as written
//     (or takes a pre-dialled connection from WarmHandoff). It never warms
//     inline: that cannot beat the call itself.
//   - FrHoist serves a constructor call (a client, a configuration) from a
//     runtime-scoped value built once, by Hoist or by the first caller, and
//     shared by every later caller; other actions of the hook reach it with
//     Hoisted (see hoist.go).
//
// # Soundness
//
// A prefetched result is handed out once unless the entry has a TTL
// (SetTTL); then every caller gets its own copy (see NewTTLCopier for the
// copy rule) until the TTL ends. Errors are never kept: a failed, panicking,
// late or cancelled freshen leaves the entry idle, and callers run the call
// as written. An HTTP 5xx response counts as failed. Bodies are read into
// memory during freshen, up to SetBodyLimit (default 64 MiB); a larger
// body is not prefetched.
//
// The finished hit path takes no lock, reads no clock and allocates
// nothing but the caller's copy: with the real clock the entry's timer
// ends a TTL (slightly early, to absorb timer latency). An injected clock
// (SetClock) is consulted on every call, for tests.
//
// # Contexts
//
// An action's context carries Run's values and is cancelled if Run's
// context or budget ends while the action runs. After the action returned,
// its context is detached from Run and lives as long as the entry holds
// the result: results tied to a live stream, such
// as *sql.Rows or *sql.Row, stay readable by the handler after Run
// returned. Unused results are closed and their context cancelled when
// they expire, are replaced, or are not taken within the hold time
// (SetHold, default one minute). A result handed to a caller is the
// caller's, context included.
//
// # Cost
//
// Run executes actions on goroutines the State keeps for later runs, so a
// run of n actions that finish at once costs a few allocations per run
// and two per action (its result slot, which also holds its context, and
// the value boxed in it), and no timer operation in the common case: one
// timer per State watches the budgets, one per entry ends results.
//
// # Metrics
//
// Every entry counts freshen runs and errors, hits, inline runs, waits,
// coalesced callers, wasted results (expired or replaced before any use),
// bytes prefetched and freshen wall time. Stats returns a snapshot of all
// registered handlers. fr does not import expvar (that would serve
// /debug/vars on http.DefaultServeMux of every rewritten program); publish
// Stats yourself if you want it there.
package fr
