// Command hoistenv builds a connection pool per request, after changing
// the environment through helpers of other packages (whose code freshen
// only sees as facts): only the handler that does not keeps a hoist.
package main

import (
	"database/sql"
	"net/http"

	"example.com/hoistenv/awsenv"
	"example.com/hoistenv/tenant"
)

func main() {
	http.HandleFunc("/direct", direct)
	http.HandleFunc("/indirect", indirect)
	http.HandleFunc("/clean", clean)
	http.ListenAndServe(":8080", nil)
}

func direct(w http.ResponseWriter, r *http.Request) {
	awsenv.UseDatabase(r.URL.Query().Get("db"))
	db, _ := sql.Open("postgres", "")
	db.PingContext(r.Context())
}

func indirect(w http.ResponseWriter, r *http.Request) {
	tenant.Select(r.Header.Get("X-Tenant"))
	db, _ := sql.Open("postgres", "")
	db.PingContext(r.Context())
}

func clean(w http.ResponseWriter, r *http.Request) {
	if awsenv.Database() == "" {
		return
	}
	db, _ := sql.Open("postgres", "")
	db.PingContext(r.Context())
}
