package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

const modelURL = "https://models.example.com/v1/model.bin"

var (
	base    = "https://api.example.com"
	envURL  = os.Getenv("CONFIG_URL")
	mutable = "https://x.example.com/a"
	// Exported, but package main cannot be imported: constant.
	ExportedURL = "https://api.example.com/exported"
	initURL     string
)

// Reading the environment during package initialisation is fixed for the
// process.
func init() { initURL = os.Getenv("INIT_URL") }

func main() {
	http.HandleFunc("/", Handle)
	http.ListenAndServe(":8080", nil)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(modelURL) // want `freshen: http.Get\(modelURL\) can be prefetched before Handle runs \(fetch #0\)`
	if err != nil {
		return
	}
	defer resp.Body.Close()

	u := base + "/config"
	http.Get(u) // want `freshen: http.Get\(u\) can be prefetched before Handle runs \(fetch #1\)`

	id := r.URL.Query().Get("id")
	http.Get(base + "/items/" + id) // want `freshen: http.Get\(base \+ "/items/" \+ id\) can have its connection to base \+ "/items/" opened before Handle runs \(warm #2\)`

	http.Get(envURL) // want `fetch #3`

	http.Get(ExportedURL) // want `fetch #4`
	http.Get(initURL)     // want `fetch #5`

	http.Get(r.URL.Query().Get("u")) // reject `URL r.URL.Query\(\).Get\("u"\) depends on parameter r \(main.go:48\)`

	mutable = r.URL.Path
	http.Get(mutable) // reject `URL mutable is assigned in Handle \(main.go:50\)`

	http.Get(fmt.Sprint(time.Now())) // reject `calls time.Now, which differs between invocations`
	_ = w
}
