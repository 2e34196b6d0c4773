// Package api is a handler in a subdirectory of its module, so paths in
// messages must keep the directory. It has a read that can only be warmed,
// a call freshen rejects, and an ignore directive without a reason.
package api

import "net/http"

const base = "http://items.internal"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(base + "/items/" + r.URL.Query().Get("id"))
	if err == nil {
		resp.Body.Close()
	}
	if extra, err := http.Get(r.URL.Query().Get("src")); err == nil {
		extra.Body.Close()
	}
	//freshen:ignore
	if cfg, err := http.Get(base + "/config"); err == nil {
		cfg.Body.Close()
	}
}
