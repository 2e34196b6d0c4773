// Package handler serves votes; package main registers it.
package handler

import (
	"fmt"
	"net/http"
	"os"
)

// Votes reports the configured poll.
func Votes(w http.ResponseWriter, r *http.Request) {
	b, err := os.ReadFile("/etc/poll.json")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "%s", b)
}
