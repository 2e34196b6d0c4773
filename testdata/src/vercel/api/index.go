// Package handler is a Vercel Go function: the platform calls the exported
// http.HandlerFunc of a file in api/ by name.
package handler

import (
	"net/http"
	"os"
)

// Handler serves /api.
func Handler(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/var/task/data.json") // want `before Handler runs \(fetch #0\)`
}

// helper is not exported: not deployed.
func helper(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/var/task/other.json")
}

var _ = helper
