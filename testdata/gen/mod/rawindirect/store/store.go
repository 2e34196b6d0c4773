// Package store hands out the program's database.
package store

import "database/sql"

var db, _ = sql.Open("postgres", "dsn")

// DB returns the shared pool.
func DB() *sql.DB { return db }
