// Package main writes, in code freshen does not count as a handler, what
// its handler reads: a function literal, a ServeHTTP method, a handler
// behind a standard-library wrapper, a package linked for its init. All
// run in the handler's process, so no read of those files is prefetched.
package main

import (
	"net/http"
	"os"

	_ "negproglib"
)

type putter struct{}

func (putter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("/mnt/efs/b.json", []byte(r.URL.Path), 0o644)
}

func putC(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("/mnt/efs/c.json", []byte(r.URL.Path), 0o644)
}

func main() {
	http.HandleFunc("GET /settings", Get)
	http.HandleFunc("PUT /a", func(w http.ResponseWriter, r *http.Request) {
		os.WriteFile("/mnt/efs/a.json", []byte(r.URL.Path), 0o644)
	})
	http.Handle("PUT /b", putter{})
	http.Handle("PUT /c", http.MaxBytesHandler(http.HandlerFunc(putC), 1<<20))
}

func Get(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/mnt/efs/a.json")      // reject `function main.main of the same program writes a file \(/mnt/efs/a.json\) with os.WriteFile`
	os.ReadFile("/mnt/efs/b.json")      // reject `function main.putter.ServeHTTP of the same program writes a file \(/mnt/efs/b.json\)`
	os.ReadFile("/mnt/efs/c.json")      // reject `function main.putC of the same program writes a file \(/mnt/efs/c.json\)`
	os.ReadFile("/mnt/efs/shared.json") // reject `package negproglib of the same program writes a file \(/mnt/efs/shared.json\)`
}
