package main

import (
	"context"
	"net/http"
	"os"

	fr "github.com/freshen-go/freshen/fr"
)

func main() {
	http.HandleFunc("/keep", Keep)
	http.HandleFunc("/drop", Drop)
}

// Keep is selected by its short name.
func Keep(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/etc/keep") // want `os.ReadFile\("/etc/keep"\) can be prefetched before Keep runs \(fetch #0\)`
}

// Drop is not selected: its opportunities are not reported, its drifted
// wrapper is.
func Drop(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/etc/drop")
	http.Post("https://api.example.com/drop", "text/plain", r.Body)
	id := r.URL.Query().Get("id")
	fr.FrFetch(r.Context(), frDrop, frDrop0, func() ([]byte, error) { return os.ReadFile(id) }) // want `fr.FrFetch wraps os.ReadFile\(id\), which is no longer freshen-constant`
}

type Server struct{}

// Full is selected by its full name.
//
//freshen:handler
func (s *Server) Full(ctx context.Context) ([]byte, error) {
	return os.ReadFile("/etc/full") // want `before Server.Full runs \(fetch #0\)`
}
