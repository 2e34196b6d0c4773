package main

import (
	"database/sql"
	"net/http"
)

// Every statement of a text run on a shared pool must leave the session
// as it was: transaction control anywhere in the text, or a table of the
// temporary schema, refuses the hoist.

func sqlBegin(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app")                                      // reject `^result db runs SQL "UPDATE counters SET n = n \+ 1 WHERE n...", which controls a transaction \(BEGIN\) on it in sqlBegin \(sqltx.go:14\)$`
	db.ExecContext(r.Context(), "UPDATE counters SET n = n + 1 WHERE name = 'jobs'; BEGIN") // reject `local db has no initializer`
}

func sqlStart(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("mysql", "app@tcp(db)/app")                                      // reject `^result db runs SQL "INSERT INTO log \(m\) VALUES \('x'\); STA...", which controls a transaction \(START\) on it in sqlStart \(sqltx.go:19\)$`
	db.ExecContext(r.Context(), "INSERT INTO log (m) VALUES ('x'); START TRANSACTION") // reject `local db has no initializer`
}

func sqlCommitFirst(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app") // reject `^result db runs SQL "commit; DELETE FROM sessions", which controls a transaction \(commit\) on it in sqlCommitFirst \(sqltx.go:24\)$`
	db.Exec("commit; DELETE FROM sessions")            // reject `local db has no initializer`
}

func sqlSavepoint(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app")             // reject `^result db runs SQL "UPDATE a SET x = 1; SAVEPOINT s; UPDA...", which controls a transaction \(SAVEPOINT\) on it in sqlSavepoint \(sqltx.go:29\)$`
	db.Exec("UPDATE a SET x = 1; SAVEPOINT s; UPDATE b SET y = 2") // reject `local db has no initializer`
}

func sqlTempSchema(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app")    // reject `^result db runs SQL "INSERT INTO pg_temp.audit \(m\) VALUES ...", which names the temporary schema pg_temp on it in sqlTempSchema \(sqltx.go:34\)$`
	db.Exec("INSERT INTO pg_temp.audit (m) VALUES ('x')") // reject `local db has no initializer`
}

func sqlTempSchemaN(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app") // reject `^result db runs SQL "UPDATE pg_temp_3.audit SET m = 'x'", which names the temporary schema pg_temp_3 on it in sqlTempSchemaN \(sqltx.go:39\)$`
	db.Exec("UPDATE pg_temp_3.audit SET m = 'x'")      // reject `local db has no initializer`
}

func sqlTempSchemaQuoted(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app") // reject `^result db runs SQL "DELETE FROM \\"pg_temp\\".audit", which names the temporary schema "pg_temp" on it in sqlTempSchemaQuoted \(sqltx.go:44\)$`
	db.Exec(`DELETE FROM "pg_temp".audit`)             // reject `local db has no initializer`
}
