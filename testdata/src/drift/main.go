package main

import (
	"crypto/tls"
	"net/http"
	"os"

	fr "github.com/freshen-go/freshen/fr"
)

const (
	modelURL = "https://models.example.com/m.bin"
	base     = "https://api.example.com/items/"
	cfgPath  = "/etc/app.json"
)

var tlsConf = &tls.Config{ServerName: "db.example.com"}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("id")
	fr.FrFetch(ctx, frHandle, frHandle0, func() (*http.Response, error) { return http.Get(modelURL) })
	fr.FrFetch(ctx, frHandle, frHandle1, func() (*http.Response, error) { return http.Get(base + id) }) // want `fr.FrFetch wraps http.Get\(base \+ id\), which is no longer freshen-constant: argument base \+ id depends on parameter r \(main.go:23\); it could serve stale or another request's data`
	fr.FrFetch(ctx, frHandle, frHandle2, func() ([]byte, error) { return os.ReadFile(id) })             // reject `argument id depends on parameter r` // want `fr.FrFetch wraps os.ReadFile\(id\), which is no longer freshen-constant: argument id depends on parameter r \(main.go:23\)`
	fr.FrFetch(ctx, frHandle, frHandle0, func() ([]byte, error) { return os.ReadFile(cfgPath) })        // want `fr.FrFetch for os.ReadFile\(cfgPath\) uses index 0, but its fr_state index in Handle is 2; rerun freshen-gen fix`
	fr.FrWarm(ctx, frHandle, 3, func() (*http.Response, error) { return http.Post(base, "text/plain", r.Body) })
	os.ReadFile("/etc/new") // want `fetch #4`
	fr.FrWarm(ctx, frHandle, 5, func() (*tls.Conn, error) { return tls.Dial("tcp", "db.example.com:443", tlsConf) })
}
