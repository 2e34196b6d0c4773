// Package main calls catalogue APIs through function and method values.
package main

import (
	"net/http"
	"os"
	"strings"
	"time"
)

const (
	modelURL = "https://models.example.com/v1/model.bin"
	cfgPath  = "/etc/app/config.json"
	base     = "https://api.example.com"
)

var (
	client = &http.Client{Timeout: 5 * time.Second}
	// Unexported and written only here: a constant method value.
	getter = client.Get
	// Reassigned in other: not constant.
	swapped = client.Get
	// Bound during variable initialisation, before init replaces lateCli.
	lateCli = &http.Client{}
	lateGet = lateCli.Get
	srv     = &server{c: &http.Client{}}
)

func init() { lateCli = &http.Client{Timeout: time.Second} }

func other() { swapped = http.Get }

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/neg", Neg)
	http.HandleFunc("/srv", srv.Serve)
	http.ListenAndServe(":8080", nil)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	get := http.DefaultClient.Get // method value, receiver bound here
	resp, err := get(modelURL)    // want `freshen: get\(modelURL\) can be prefetched before Handle runs \(fetch #0\)`
	if err == nil {
		resp.Body.Close()
	}

	read := os.ReadFile
	b, err := read(cfgPath) // want `freshen: read\(cfgPath\) can be prefetched before Handle runs \(fetch #1\)`
	_, _ = b, err

	getter(modelURL) // want `freshen: getter\(modelURL\) can be prefetched before Handle runs \(fetch #2\)`

	// A constant client with a varying path: its connection is warmed.
	id := r.URL.Query().Get("id")
	get(base + "/items/" + id) // want `freshen: get\(base \+ "/items/" \+ id\) can have its connection to base \+ "/items/" opened before Handle runs \(warm #3\)`

	post := client.Post
	post(base+"/results", "text/plain", strings.NewReader(id)) // want `warm #4`

	local := &http.Client{Timeout: time.Second}
	lget := local.Get
	lget(modelURL) // want `fetch #5`
	_ = w
}

func Neg(w http.ResponseWriter, r *http.Request) {
	// The receiver depends on the request.
	c := &http.Client{Timeout: time.Duration(len(r.Host)) * time.Millisecond}
	cget := c.Get
	cget(modelURL) // reject `receiver c depends on parameter r`

	// Reassigned in a branch.
	get := client.Get
	if r.Method == http.MethodHead {
		get = client.Head
	}
	get(modelURL) // reject `function get is assigned more than once`

	// Bound only in a branch.
	var branch func(string) (*http.Response, error)
	if len(r.URL.Path) > 1 {
		branch = client.Get
	}
	branch(modelURL) // reject `function branch is assigned more than once`

	// Captured and reassigned by a closure.
	captured := client.Get
	swap := func() { captured = http.Head }
	swap()
	captured(modelURL) // reject `function captured is assigned more than once`

	// Written through its address.
	addr := client.Get
	p := &addr
	*p = http.Head
	addr(modelURL) // reject `function addr has its address taken`

	swapped(modelURL) // reject `function swapped is assigned in other`
	lateGet(modelURL) // reject `receiver lateCli is assigned in init, after lateGet binds it`

	// A function value received as a parameter is not known to be I/O.
	fetchWith(client.Get)
	_ = w
}

func fetchWith(get func(string) (*http.Response, error)) {
	get(modelURL)
}

type server struct{ c *http.Client }

func (s *server) Serve(w http.ResponseWriter, r *http.Request) {
	get := s.c.Get
	get(modelURL) // reject `receiver s.c depends on receiver s`
	_ = w
}
