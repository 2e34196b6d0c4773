//go:build cloud

package tags

import "net/http"

const flagsURL = "http://flags.internal/all"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(flagsURL)
	if err == nil {
		resp.Body.Close()
	}
}
