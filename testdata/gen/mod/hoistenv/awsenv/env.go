// Package awsenv points libpq at a database chosen at run time.
package awsenv

import "os"

// UseDatabase changes the database every pool built afterwards opens.
func UseDatabase(name string) { os.Setenv("PGDATABASE", name) }

// Database reads the environment only.
func Database() string { return os.Getenv("PGDATABASE") }
