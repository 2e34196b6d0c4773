// Package frhttp triggers freshen over HTTP, for functions served by
// net/http: Cloud Run, Knative, Cloud Functions (functions-framework-go)
// and any other HTTP server.
//
// Mount the endpoint next to the function and wrap the server's handler
// with Observe, so the gate learns which freshens were followed by an
// invocation:
//
//	http.HandleFunc("/", handle)
//	fh := frhttp.Mount(http.DefaultServeMux, frhttp.Options{})
//	log.Fatal(http.ListenAndServe(addr, fh.Observe(http.DefaultServeMux)))
//
// The platform (or the predecessor in a chain, see fr/chain) then sends
//
//	POST /_freshen?handler=NAME       Authorization: Bearer $FRESHEN_TOKEN
//
// and gets 200 with a JSON report once freshen ran, or 202 at once with
// mode=async. Without handler= every registered handler is freshened.
// GET /_freshen/metrics serves the accounting in the Prometheus text
// format (same token).
//
// The endpoint makes a function do work and pay for it, so it is closed
// by default: it needs a token (Options.Token or FRESHEN_TOKEN, compared
// in constant time), or Options.AllowLoopback for local use without one.
// Requests are rate limited, bounded by a time budget and must not carry
// a body: freshen gets no arguments, by design, so it can never act on
// one request's data for another.
//
// On platforms that throttle the CPU between requests (Cloud Run's
// default), use the synchronous mode: the freshen runs while the trigger
// request is open.
package frhttp
