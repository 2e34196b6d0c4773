// Package main writes through its own interface, whose implementation is
// set elsewhere (dependency inversion): freshen cannot see what Save
// does, so it may write anything, and no read of the program is
// prefetched.
package main

import (
	"net/http"
	"os"
)

// Saver is implemented by a store main wires in.
type Saver interface{ Save(b []byte) error }

// Store is set by whoever builds the program.
var Store Saver

func main() {
	http.HandleFunc("PUT /settings", Put)
	http.HandleFunc("GET /settings", Get)
}

func Put(w http.ResponseWriter, r *http.Request) {
	Store.Save([]byte(r.URL.Path))
}

func Get(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/mnt/efs/settings.json") // reject `handler negiface.Put of the same program runs Store.Save\(\[\]byte\(r.URL.Path\)\), which may write anything`
}
