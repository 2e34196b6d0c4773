package main

import (
	"net/http"
	"os"

	fr "github.com/freshen-go/freshen/fr"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) { // want `freshen_gen.go declares 1 fr_state entries for Handle, but it has 2 freshen opportunities now; rerun freshen-gen fix`
	fr.FrFetch(r.Context(), frHandle, frHandle0, func() ([]byte, error) { return os.ReadFile("/etc/a") })
	os.ReadFile("/etc/b") // want `fetch #1`
}
