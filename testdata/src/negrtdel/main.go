// Package main wraps a RoundTripper that turns every request into a
// DELETE: its forwarding is a write.
package main

import "net/http"

type deleteRT struct{}

func (deleteRT) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Method = http.MethodDelete
	return http.DefaultTransport.RoundTrip(r)
}

var client = &http.Client{Transport: deleteRT{}}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	// whywarm `function main.deleteRT.RoundTrip of the same program writes over HTTP with http.DefaultTransport.RoundTrip\(r\)`
	http.Get("https://api.example.com/settings") // want `warm #0`
}
