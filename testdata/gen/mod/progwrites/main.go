// Package main serves handler's functions and links admin for its init.
package main

import (
	"net/http"

	_ "example.com/progwrites/admin"
	"example.com/progwrites/handler"
)

func main() {
	http.HandleFunc("GET /settings", handler.Get)
	http.HandleFunc("GET /models", handler.Models)
	http.ListenAndServe(":8080", nil)
}
