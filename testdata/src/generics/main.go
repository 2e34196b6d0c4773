package main

import (
	"encoding/json"
	"net/http"
	"os"
)

type Model struct{ Name string }

const modelURL = "https://models.example.com/m.json"

// decode is generic; its GET has a constant URL, so the call inside it is a
// fetch reached from the handler.
func decode[T any]() (T, error) {
	var v T
	resp, err := http.Get(modelURL) // want `http.Get\(modelURL\) can be prefetched before Handle runs \(fetch #0\)`
	if err != nil {
		return v, err
	}
	defer resp.Body.Close()
	return v, json.NewDecoder(resp.Body).Decode(&v)
}

func pick[T any](xs []T) T { return xs[0] }

var paths = []string{"/etc/a", "/etc/b"}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	decode[Model]()
	os.ReadFile(pick(paths)) // reject `argument pick\(paths\) calls main.pick, which is not known to be pure`
}
