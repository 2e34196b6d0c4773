// Package whywarm has a read that freshen can only warm: its path depends on
// the request, its origin does not.
package whywarm

import "net/http"

const base = "http://items.internal"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(base + "/items/" + r.URL.Query().Get("id"))
	if err == nil {
		resp.Body.Close()
	}
}
