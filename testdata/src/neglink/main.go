// Package main has variables that //go:linkname directives name.
package main

import (
	"net/http"
	"os"
	_ "unsafe"

	"neglinkpull"
)

//go:linkname pushed
var pushed = "/data/a"

var target = "/data/b"

var plain = "/data/c"

func main() {
	http.HandleFunc("/", Handle)
	neglinkpull.Set("/tmp/x")
}

func Handle(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(pushed) // reject `argument pushed is named by a //go:linkname directive, so code elsewhere may write it \(main.go:12\)`
	os.ReadFile(target) // reject `argument target is named by a //go:linkname directive`
	os.ReadFile(plain)  // want `fetch #0`
}
