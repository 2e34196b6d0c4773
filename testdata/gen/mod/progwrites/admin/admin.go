// Package admin registers, in its init, a handler that rewrites the
// settings file: linked into the program, it runs in the process that
// serves handler.Get.
package admin

import (
	"net/http"
	"os"
)

func init() { http.HandleFunc("PUT /settings", put) }

func put(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("/mnt/efs/settings.json", []byte(r.URL.Path), 0o644)
}
