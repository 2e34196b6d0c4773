// Package main imports a package that writes http.DefaultClient.
package main

import (
	"net/http"

	_ "negtouchlib"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	http.Get("https://api.example.com/cfg") // reject `client http.DefaultClient is modified by package negtouchlib`
}
