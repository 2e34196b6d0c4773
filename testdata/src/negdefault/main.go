package main // want package:`touches\(net/http.DefaultClient, net/http.DefaultTransport\)`

// This package writes http.DefaultClient and http.DefaultTransport in its
// handler: every call through them stops being constant.

import (
	"net/http"
	"os"
)

const api = "https://api.example.com/config"

type stamp struct{ tok string }

func (s *stamp) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("Authorization", s.tok)
	return nil, nil
}

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/t", HandleTransport)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	http.DefaultClient.Transport = &stamp{tok: r.Header.Get("Authorization")}
	http.Get(api)                     // reject `client http.DefaultClient is modified in Handle \(main.go:26\)`
	http.DefaultClient.Get(api)       // reject `receiver http.DefaultClient is modified in Handle`
	http.Post(api, "text/plain", nil) // reject `client http.DefaultClient is modified in Handle`
	os.ReadFile("/etc/app.json")      // want `fetch #0`
}

func HandleTransport(w http.ResponseWriter, r *http.Request) {
	http.DefaultTransport.(*http.Transport).Proxy = nil
	c := &http.Client{Transport: http.DefaultTransport}
	c.Get(api) // reject `receiver c depends on http.DefaultTransport, which is modified in HandleTransport`
}
