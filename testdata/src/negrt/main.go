// Package main wraps RoundTrippers. One that only passes its request on
// is no writer (the request was judged where it was made: passRT alone
// leaves the Get a fetch, see negclient); one that hands the request to
// code that may change its method is. negrtdel changes it in place.
package main

import (
	"net/http"
)

type passRT struct{ base http.RoundTripper }

func (t passRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Header.Get("X-Skip") != "" {
		return nil, nil
	}
	return t.base.RoundTrip(r)
}

type taggedRT struct{}

func (taggedRT) RoundTrip(r *http.Request) (*http.Response, error) {
	tag(r)
	return http.DefaultTransport.RoundTrip(r)
}

func tag(r *http.Request) { r.Method = http.MethodPut }

var clients = []http.RoundTripper{passRT{}, taggedRT{}}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	// whywarm `function main.taggedRT.RoundTrip of the same program writes over HTTP with http.DefaultTransport.RoundTrip\(r\)`
	http.Get("https://api.example.com/settings") // want `warm #0`
}
