// Package handler reads the settings file; it imports nothing that
// writes it.
package handler

import (
	"net/http"
	"os"
)

// Get serves the settings.
func Get(w http.ResponseWriter, r *http.Request) {
	b, _ := os.ReadFile("/mnt/efs/settings.json")
	w.Write(b)
}

// Models serves a file nothing writes.
func Models(w http.ResponseWriter, r *http.Request) {
	b, _ := os.ReadFile("/mnt/efs/models.json")
	w.Write(b)
}
