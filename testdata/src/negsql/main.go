// Package main runs constant SQL whose strings and comments look risky but
// only read, and reads next to writes. The statements that do write, lock
// or differ per call are in negsqlrisk: every handler of a program shares
// its writes with the others (read after write).
package main

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func init() { db, _ = sql.Open("postgres", "dsn") }

func main() {
	http.HandleFunc("/w", HandleWrites)
}

// HandleReads only reads: what hides in strings and comments is not code.
//
//freshen:handler
func HandleReads(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	db.QueryContext(ctx, "SELECT name FROM models WHERE id = $1", 7)       // want `fetch #0`
	db.QueryContext(ctx, "select  count(*)\n\tfrom models -- all of them") // want `fetch #1`
	db.QueryContext(ctx, "SELECT 'FOR UPDATE', lower(name) FROM models")   // want `fetch #2`
	db.QueryContext(ctx, "SELECT /* now() */ id FROM models")              // want `fetch #3`
}

// HandleWrites inserts into the table it then reads.
func HandleWrites(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	db.ExecContext(ctx, "INSERT INTO events (id) VALUES ($1)", r.URL.Path)     // want `warm #0`
	db.QueryContext(ctx, "SELECT count(*) FROM Events")                        // want `warm #1`
	db.QueryContext(ctx, "SELECT name FROM models")                            // want `fetch #2`
	db.QueryRowContext(ctx, "SELECT e.id FROM models m JOIN events e ON true") // want `warm #3`
}

//freshen:handler
func HandleArgs(w http.ResponseWriter, r *http.Request) {
	db.QueryContext(r.Context(), "SELECT id FROM audits WHERE at < $1", "now")        // want `warm #0`
	db.QueryContext(r.Context(), "SELECT id FROM audits WHERE at < $1", "2024-01-01") // want `fetch #1`
}
