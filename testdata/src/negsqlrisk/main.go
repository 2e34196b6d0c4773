// Package main runs constant SQL that looks like a read but writes, locks
// or differs per call; whitespace, comments and case try to hide it.
package main

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func init() { db, _ = sql.Open("postgres", "dsn") }

func main() {
	http.HandleFunc("/", Handle)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	db.QueryContext(ctx, "SELECT * FROM jobs\nFOR\tUPDATE")                       // want `warm #0`
	db.QueryContext(ctx, "SELECT * FROM jobs FOR/**/UPDATE")                      // want `warm #1`
	db.QueryContext(ctx, "SELECT *\nINTO  backup FROM jobs")                      // want `warm #2`
	db.QueryContext(ctx, "SELECT now ()")                                         // want `warm #3`
	db.QueryContext(ctx, "SELECT NOW( )")                                         // want `warm #4`
	db.QueryContext(ctx, "select Random ()")                                      // want `warm #5`
	db.QueryContext(ctx, "SELECT LOCALTIMESTAMP")                                 // want `warm #6`
	db.QueryContext(ctx, "SELECT current_date")                                   // want `warm #7`
	db.QueryContext(ctx, "SELECT pg_sleep(1)")                                    // want `warm #8`
	db.QueryContext(ctx, "SELECT SLEEP(1)")                                       // want `warm #9`
	db.QueryContext(ctx, "SELECT currval('s')")                                   // want `warm #10`
	db.QueryContext(ctx, "SELECT * FROM t TABLESAMPLE SYSTEM (10)")               // want `warm #11`
	db.QueryContext(ctx, "SELECT pg_notify('c', 'x')")                            // want `warm #12`
	db.QueryContext(ctx, "SELECT 1; DELETE FROM models")                          // want `warm #13`
	db.QueryContext(ctx, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d") // want `warm #14`
}
