// Command drift has wrappers that no longer match the code.
package main

import (
	"net/http"
	"os"

	fr "github.com/freshen-go/freshen/fr"
)

const (
	modelURL = "https://models.example.com/m.bin"
	cfgPath  = "/etc/drift.json"
)

func main() { http.HandleFunc("/", Handle) }

// Handle was rewritten by freshen-gen fix, then edited by hand.
func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("id")
	fr.FrFetch(ctx, frHandle, frHandle0, func() (*http.Response, error) { return http.Get(modelURL) })
	fr.FrFetch(ctx, frHandle, frHandle1, func() ([]byte, error) { return os.ReadFile(id) })
	fr.FrFetch(ctx, frHandle, frHandle0, func() ([]byte, error) { return os.ReadFile(cfgPath) })
	os.ReadFile("/etc/new")
}
