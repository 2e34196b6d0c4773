// Package main binds a method value of a client whose fields are written
// elsewhere.
package main

import (
	"net/http"
	"time"
)

const modelURL = "https://models.example.com/v1/model.bin"

var client = &http.Client{}

func tune() { client.Timeout = time.Second }

func main() {
	tune()
	http.HandleFunc("/", Handle)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	get := client.Get
	get(modelURL) // reject `receiver client is modified in tune`
	_ = w
}
