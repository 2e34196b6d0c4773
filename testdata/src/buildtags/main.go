package main

import (
	"net/http"
	"os"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/etc/a") // want `fetch #0`
	helper()
}
