// Package main has hoists applied by an earlier run: one still valid, two
// whose values can no longer be shared.
package main

import (
	"context"
	"database/sql"
	"net/http"

	fr "github.com/freshen-go/freshen/fr"
)

var dsn = "postgres://db.internal/app"

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/dsn", FromRequest)
	http.HandleFunc("/close", Closes)
}

// Applied and still valid: silent, and the query through the hoisted pool
// stays a fetch.
func Handle(w http.ResponseWriter, r *http.Request) {
	db, err := fr.FrHoist(r.Context(), frHandle, frHandle0, func(context.Context) (*sql.DB, error) { return sql.Open("postgres", dsn) })
	if err != nil {
		return
	}
	fr.FrFetch(r.Context(), frHandle, frHandle1, func() (*sql.Rows, error) { return db.QueryContext(r.Context(), "SELECT name FROM models") })
}

// The DSN now comes from the request.
func FromRequest(w http.ResponseWriter, r *http.Request) { // want `freshen_gen.go declares 1 fr_state entries for FromRequest, but it has 0 freshen opportunities now`
	db, err := fr.FrHoist(r.Context(), frFromRequest, frFromRequest0, func(context.Context) (*sql.DB, error) { return sql.Open("postgres", r.Header.Get("X-DSN")) }) // reject `argument r.Header.Get\("X-DSN"\) depends on parameter r` // want `fr.FrHoist wraps sql.Open\("postgres", r.Header.Get\("X-DSN"\)\), which can no longer be shared between invocations: argument r.Header.Get\("X-DSN"\) depends on parameter r \(main.go:33\); every invocation would get the value the first one built`
	if err != nil {
		return
	}
	db.QueryContext(r.Context(), "SELECT 1") // reject `receiver db depends on parameter r`
}

// The handler now closes the shared pool.
func Closes(w http.ResponseWriter, r *http.Request) { // want `freshen_gen.go declares 1 fr_state entries for Closes`
	db, err := fr.FrHoist(r.Context(), frCloses, frCloses0, func(context.Context) (*sql.DB, error) { return sql.Open("postgres", dsn) }) // reject `result db has method Close called on it in Closes` // want `fr.FrHoist wraps sql.Open\("postgres", dsn\), which can no longer be shared between invocations: result db has method Close called on it in Closes`
	if err != nil {
		return
	}
	defer db.Close()
}
