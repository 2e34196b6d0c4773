package negproglib // want package:"hasWrites"

// negproglib registers its own handler when linked: a write any program
// importing it may make.

import (
	"net/http"
	"os"
)

func init() { http.HandleFunc("PUT /settings", put) }

func put(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("/mnt/efs/shared.json", []byte(r.URL.Path), 0o644)
}
