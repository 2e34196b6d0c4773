// Package chain predicts invocations in a function chain and fires freshen
// for the functions about to run.
//
// A chain is a linear sequence of steps, read from a small JSON or YAML
// spec ([Parse]) or from the linear part of an Amazon States Language state
// machine ([ParseASL]). Each step says how to freshen its function: an HTTP
// trigger (a function serving fr/frhttp), an asynchronous AWS Lambda
// Invoke (InvocationType Event) of a function wrapped with fr/frlambda, or
// a non-blocking OpenWhisk action invocation (fr/frow).
//
// When step i starts, a [Predictor] fires freshen for later steps in the
// background. It never delays step i: triggers run in their own
// goroutines, a trigger already in flight for a step is not fired twice,
// and when too many are in flight new ones are dropped rather than queued.
// The time from a step's trigger to the step's own start (the run times of
// the steps in between and the platform's hand-overs) is the lead time its
// freshen has to finish before the step needs its data.
//
// Which steps a start fires is the lookahead: a fixed number k (steps
// i+1 … i+k), or [Auto], which measures how long each step runs and how
// long each step's freshen takes (from triggers that report it, see
// [TimedTrigger]) and fires each step at the latest predecessor that still
// leaves its freshen enough lead, up to the start of the chain. Firing
// late where the lead allows keeps mispredictions cheap: when a chain ends
// early, the steps it never reached were not freshened for nothing.
//
// Whether a fired freshen is honoured is the function's decision (see
// fr/gate): the predictor only predicts.
package chain
