// Package main writes package variables from code that is not
// initialisation although it sits outside any function body.
package main

import (
	"net/http"
	"os"
	"time"
)

var (
	u1    = "/data/a"
	reset = func() { u1 = "/data/reset" }
	u2    = "/data/b"
	_     = time.AfterFunc(time.Hour, func() { u2 = "/data/timer" })
	u3    = "/data/c"
	_     = func() int { u3 = "/data/inline"; return 0 }()
	u4    = "/data/d"
	u5    = "/data/e"
	u6    = "/data/f"
	cfg   = &struct{ path string }{path: "/data/g"}
	hook  func()
)

func init() {
	// Called on the spot during init: initialisation.
	func() { u4 = "/data/init" }()
	// Kept for later: not initialisation.
	hook = func() { u5 = "/data/hook" }
	go func() { cfg.path = "/data/go" }()
}

func setup() { u6 = "/data/setup" }

func main() {
	http.HandleFunc("/", Handle)
	reset()
	setup()
}

func Handle(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(u1)       // reject `argument u1 is assigned in a function literal at package level \(main.go:13\)`
	os.ReadFile(u2)       // reject `argument u2 is assigned in a function literal at package level`
	os.ReadFile(u3)       // want `fetch #0`
	os.ReadFile(u4)       // want `fetch #1`
	os.ReadFile(u5)       // reject `argument u5 is assigned in a function literal in init`
	os.ReadFile(u6)       // reject `argument u6 is assigned in setup`
	os.ReadFile(cfg.path) // reject `depends on cfg, which is modified in a function literal in init`
	hook()
}
