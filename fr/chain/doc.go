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
// When step i starts, a [Predictor] fires freshen for steps i+1 … i+k in
// the background. It never delays step i: triggers run in their own
// goroutines, a trigger already in flight for a step is not fired twice,
// and when too many are in flight new ones are dropped rather than queued.
// The time step i and the platform's hand-over take is the lead time
// freshen has to finish before step i+1 needs its data.
//
// Whether a fired freshen is honoured is the function's decision (see
// fr/gate): the predictor only predicts.
package chain
