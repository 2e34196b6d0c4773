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
// NAME is the registered name ("example.com/app.Handle") or a short form
// of it ("Handle", "app.Handle", "T.Method"); a short name several
// handlers answer to gets 400 naming them. GET /_freshen/metrics serves
// the accounting in the Prometheus text format (same token).
//
// The endpoint makes a function do work and pay for it, so it is closed
// by default: it needs a token (Options.Token or FRESHEN_TOKEN, compared
// in constant time; the Bearer scheme in any case). Requests are rate
// limited, bounded by a time budget and must not carry a body: freshen
// gets no arguments, by design, so it can never act on one request's
// data for another.
//
// # Local triggers without a token
//
// The public endpoint never trusts a request for coming from loopback: on
// Knative the queue-proxy, in a service mesh the Envoy sidecar, and any
// httputil.ReverseProxy in the process relay outside requests from a
// loopback address, with or without forwarding headers.
// A platform component in the function's network namespace that cannot
// hold the token gets a listener of its own instead, on a loopback
// address and a port of its own:
//
//	lb, err := fh.ListenLoopback("127.0.0.1:9091")
//	if err != nil {
//		log.Fatal(err)
//	}
//	go lb.Serve()
//
// It serves the endpoint without a token, refuses addresses that are not
// loopback and requests that carry forwarding headers, and shares the
// endpoint's runner and rate limit. It stays private only while no proxy
// forwards outside traffic to its port: do not expose the port, and keep
// it out of a sidecar's inbound interception (Istio:
// traffic.sidecar.istio.io/excludeInboundPorts), since a sidecar that
// connects to the application over loopback turns any port it
// intercepts into a loopback one.
//
// On platforms that throttle the CPU between requests (Cloud Run's
// default), use the synchronous mode: the freshen runs while the trigger
// request is open.
package frhttp
