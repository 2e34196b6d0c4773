// Command basic is a small HTTP function: it loads a model from a constant
// URL, and posts each request's result to a constant endpoint.
package main

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
)

// The endpoints are fixed for the deployment. (Reading both from the
// environment would hide whether they differ: freshen would then not
// prefetch the model, since the handler might be writing it.)
var (
	modelURL  = "https://models.example.com/v1/model"
	resultURL = "https://results.example.com/v1/answers"
)

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(modelURL) // the model, same for every request
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	model, err := io.ReadAll(resp.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer := fmt.Sprintf("%s:%s", r.URL.Query().Get("q"), model)

	// The result goes to a constant endpoint, but the body depends on the request.
	post, err := http.Post(resultURL, "text/plain", bytes.NewBufferString(answer))
	if err == nil {
		post.Body.Close()
	}
	// The caller chooses this URL: freshen must leave it alone.
	if src := r.URL.Query().Get("src"); src != "" {
		if extra, err := http.Get(src); err == nil {
			extra.Body.Close()
		}
	}
	fmt.Fprint(w, answer)
}

func main() {
	http.HandleFunc("/", Handle)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
