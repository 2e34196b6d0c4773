// Package main has functions that look like fetch helpers (one fetch
// driven by a parameter) but also do something freshen must not move into
// the freshen function: write a file, log to a shared writer, send on a
// channel, call unknown code. They are not fetch helpers, so calls to them
// are not fetches: at most warms of their endpoint (the call runs as
// written), when the API has a warm form.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync/atomic"
)

const modelURL = "https://models.example.com/m.bin"

var (
	logw  io.Writer = os.Stderr
	hits  atomic.Int64
	done  = make(chan string, 1)
	cache struct{ Model []byte }
)

func saves(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	os.WriteFile("/tmp/model.bin", b, 0o644)
	return b, err
}

func logs(u string) ([]byte, error) {
	fmt.Fprintf(logw, "fetching %s\n", u)
	return os.ReadFile(u) // reject `argument u depends on parameter u`
}

func sends(u string) ([]byte, error) {
	done <- u
	return os.ReadFile(u) // reject `argument u depends on parameter u`
}

func counts(u string) ([]byte, error) {
	hits.Add(1)
	return os.ReadFile(u) // reject `argument u depends on parameter u`
}

func decodesShared(ctx context.Context, u string) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(&cache)
}

func viaLocal(u string) ([]byte, error) {
	b, err := os.ReadFile(u) // reject `argument u depends on parameter u`
	note(u)
	return b, err
}

func note(s string) { os.Setenv("LAST", s) }

// decodes is a helper: it decodes into its own local.
func decodes(ctx context.Context, u string) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", u, err)
	}
	defer resp.Body.Close()
	var out map[string]string
	err = json.NewDecoder(resp.Body).Decode(&out)
	return out, err
}

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/state", HandleState)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	saves(modelURL) // want `saves\(modelURL\) can have its connection to modelURL opened before Handle runs \(warm #0\)`
	logs("/etc/app.json")
	sends("/etc/app.json")
	counts("/etc/app.json")
	decodesShared(r.Context(), modelURL) // want `warm #1`
	viaLocal("/etc/app.json")
	decodes(r.Context(), modelURL) // want `decodes\(r.Context\(\), modelURL\) can be prefetched before Handle runs \(fetch #2\)`
}
