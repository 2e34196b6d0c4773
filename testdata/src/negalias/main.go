// Package main writes constant-looking memory through other names:
// conversions, unsafe pointers, interface boxes, closures, channels.
package main

import (
	"fmt"
	"net/http"
	"os"
	"unsafe"
)

type config struct{ Path string }

type alias config

type names []string

var (
	conv         = &config{Path: "/data/a"}
	unsafeC      = &config{Path: "/data/b"}
	named        = names{"/data/c"}
	boxed        = &config{Path: "/data/d"}
	anyv     any = boxed
	captured     = &config{Path: "/data/e"}
	sent         = &config{Path: "/data/f"}
	ch           = make(chan *config, 1)
	viaPtr       = &config{Path: "/data/g"}
	slot     *config
	arr      = [2]string{"/data/h", "/data/i"}
	mapped   = map[string]string{"k": "/data/j"}
	deferred = &config{Path: "/data/k"}
	goWrite  = &config{Path: "/data/l"}
	clean    = &config{Path: "/data/ok"}
	readOnly = map[string]string{"k": "/data/ok2"}
)

func init() { slot = viaPtr }

func main() {
	http.HandleFunc("/", Handle)
	anyv.(*config).Path = "/tmp/x"
	ch <- sent
}

func Handle(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Path
	(*alias)(conv).Path = id
	(*alias)(unsafe.Pointer(unsafeC)).Path = id
	[]string(named)[0] = id
	bump := func() { captured.Path = id }
	bump()
	slot.Path = id
	p := &arr
	p[1] = id
	m := mapped
	m["k"] = id
	defer func() { deferred.Path = id }()
	go func() { goWrite.Path = id }()

	os.ReadFile(conv.Path)     // reject `depends on conv, which is modified in Handle \(main.go:47\)`
	os.ReadFile(unsafeC.Path)  // reject `depends on unsafeC, which is converted to unsafe.Pointer in Handle`
	os.ReadFile(named[0])      // reject `depends on named, which is modified in Handle`
	os.ReadFile(boxed.Path)    // reject `depends on boxed, which shares memory with anyv|depends on boxed, which is modified in main`
	os.ReadFile(captured.Path) // reject `depends on captured, which is modified in a function literal in Handle`
	os.ReadFile(sent.Path)     // reject `depends on sent, which is sent on a channel in main`
	os.ReadFile(viaPtr.Path)   // reject `depends on viaPtr, which is modified in Handle`
	os.ReadFile(arr[0])        // reject `depends on arr, which is modified in Handle`
	os.ReadFile(mapped["k"])   // reject `depends on mapped, which is modified in Handle`
	os.ReadFile(deferred.Path) // reject `depends on deferred, which is modified in a function literal in Handle`
	os.ReadFile(goWrite.Path)  // reject `depends on goWrite, which is modified in a function literal in Handle`
	os.ReadFile(clean.Path)    // want `fetch #0`
	os.ReadFile(readOnly["k"]) // want `fetch #1`
}

type input struct {
	Bucket, Key string
	N           int
}

//freshen:handler
func HandleLocals(w http.ResponseWriter, r *http.Request) {
	in := input{Bucket: "models", Key: "a"}
	in.Key = r.URL.Path
	os.ReadFile(in.Key) // reject `argument in.Key depends on in, which is modified in HandleLocals`

	arr := [2]string{"/data/x", "/data/y"}
	arr[1] = r.URL.Path
	os.ReadFile(arr[1]) // reject `depends on arr, which is modified in HandleLocals`

	cnt := input{N: 1}
	cnt.N++
	os.ReadFile(fmt.Sprint(cnt.N)) // reject `depends on cnt, which is modified in HandleLocals`

	var zero input
	zero.Bucket = r.Host
	os.ReadFile(zero.Bucket) // reject `depends on zero, which is modified in HandleLocals`

	kept := input{Bucket: "/data/kept"}
	os.ReadFile(kept.Bucket) // want `fetch #0`
}
