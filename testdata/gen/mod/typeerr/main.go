package main

import "net/http"

//freshen:handler
func Handle(w http.ResponseWriter, r *http.Request) {
	http.Get(undefinedURL)
}

func main() {}
