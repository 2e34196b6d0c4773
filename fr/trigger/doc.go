// Package trigger is what every freshen trigger shares: a [Runner] that
// runs fr.Freshen for requested handlers under a time budget, asks the
// misprediction gate (fr/gate) first, keeps one freshen per handler in
// flight, and accounts for what freshen cost (wall time, bytes, hits and
// waste) so a provider can bill the application owner for it.
//
// The platform adapters fr/frhttp, fr/frlambda and fr/frow are thin
// layers over a Runner. They share its handler names ([Resolve]: full
// names or the short forms freshen-gen --handlers takes), the bearer
// token check ([Token], [BearerToken]) and the report ([Report.AppendJSON]
// writes it without reflection). Metrics are served as JSON
// ([Runner.Accounts]) and in the Prometheus text exposition format
// ([Runner.WritePrometheus]); nothing is published with expvar, whose
// import alone serves /debug/vars on http.DefaultServeMux.
package trigger
