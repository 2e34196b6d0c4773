// Package negrawstore hands out the program's database.
package negrawstore

import "database/sql"

var db, _ = sql.Open("postgres", "dsn")

// DB returns the shared pool.
func DB() *sql.DB { return db }
