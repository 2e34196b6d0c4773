package main

import (
	"net/http"

	"example.com/vetmod/lib"
)

const modelURL, resultsURL = "https://models.example.com/m.bin", "https://models.example.com/results"

func main() {
	http.HandleFunc("/", Handle)
	http.ListenAndServe(":8080", nil)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	http.Get(modelURL)
	lib.Load("app.json")
	http.Post(resultsURL, "text/plain", r.Body)
	lib.Load(r.URL.Path)

	//freshen:ttl often
	http.Head(modelURL)
}
