// Package main reads a table that repo, a dependency, writes.
package main

import (
	"database/sql"
	"net/http"

	"example.com/rawindirect/repo"
)

var db, _ = sql.Open("postgres", "dsn")

func main() {
	http.HandleFunc("/flags", Flags)
	http.HandleFunc("/models", Models)
}

// Flags writes the table it reads, through repo.
func Flags(w http.ResponseWriter, r *http.Request) {
	repo.SetFlag(r.Context(), r.FormValue("name"))
	db.QueryContext(r.Context(), "SELECT name, enabled FROM flags")
}

// Models reads a table nothing writes.
func Models(w http.ResponseWriter, r *http.Request) {
	db.QueryContext(r.Context(), "SELECT name FROM models")
}
