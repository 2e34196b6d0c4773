// Package neglib is an importable package: its exported variables are not
// freshen-constant, its unexported ones are.
package neglib

import (
	"net/http"
	"os"
)

var ConfigPath = "/etc/lib.conf" // exported: importers may write it

var privatePath = "/etc/private.conf"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(ConfigPath)  // reject `argument ConfigPath is exported, so importing packages may write it`
	os.ReadFile(privatePath) // want `fetch #0`
}
