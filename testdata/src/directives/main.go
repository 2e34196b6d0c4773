package main

import (
	"net/http"
	"os"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	//freshen:ignore the file changes under us; measured slower with freshen
	os.ReadFile("/etc/a")
	os.ReadFile("/etc/b") //freshen:ignore rotated by the sidecar

	//freshen:ignore // want `//freshen:ignore at main.go:15 needs a reason`
	os.ReadFile("/etc/c")

	//freshen:ttl 30s
	os.ReadFile("/etc/d") // want `fetch #3`

	//freshen:ttl soon // want `malformed //freshen:ttl "soon" at main.go:21`
	os.ReadFile("/etc/e") // want `fetch #4`

	//freshen:ttl -5s // want `malformed //freshen:ttl "-5s" at main.go:24`
	os.ReadFile("/etc/f") // want `fetch #5`

	//freshen:tll 5s // want `unknown directive //freshen:tll at main.go:27`
	os.ReadFile("/etc/g") // want `fetch #6`
}
