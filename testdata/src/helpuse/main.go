package main

import (
	"net/http"

	"helplib"
)

func main() { http.HandleFunc("/", serve) }

func serve(w http.ResponseWriter, r *http.Request) {
	helplib.Load(r.Context(), "https://cdn.example.com/m.bin") // want `helplib.Load\(r.Context\(\), "https://cdn.example.com/m.bin"\) can be prefetched before serve runs \(fetch #0\)`
	helplib.Config("app.json")                                 // want `fetch #1`
	helplib.Load(r.Context(), r.URL.Query().Get("u"))          // reject `depends on parameter r .in call to Load.`
	helplib.Store("https://cdn.example.com/up", r.Body) // want `helplib.Store\(.*\) can have its connection to "https://cdn.example.com/up" opened before serve runs \(warm #2\)`
}
