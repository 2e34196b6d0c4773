// Package gate decides whether a function should honour a freshen request.
//
// Freshen is paid for by the application owner, so a platform that keeps
// predicting a function that then does not run wastes the owner's money. A
// [Gate] keeps, per function, a sliding window of recent freshens and whether
// each was followed by an invocation within a horizon (a hit) or not (waste).
// When the hit rate over a full enough window falls below a threshold, the
// function stops honouring freshen for a cool-down, then starts over with an
// empty window. Functions in the latency-insensitive service class never
// freshen at all.
//
// The gate only ever says no: refusing a freshen leaves the function exactly
// as fast as it would be without freshen, which is the safe default.
package gate
