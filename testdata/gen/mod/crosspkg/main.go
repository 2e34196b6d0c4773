// Command crosspkg registers a handler declared in another package, as
// Google Cloud and AWS samples often do.
package main

import (
	"net/http"

	"example.com/crosspkg/handler"
)

func main() {
	http.HandleFunc("/votes", handler.Votes)
	http.ListenAndServe(":8080", nil)
}
