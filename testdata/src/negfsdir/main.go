// Package main replaces whole directories: every file under them changes.
package main

import (
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/a", A)
	http.HandleFunc("/b", B)
	http.HandleFunc("/swap", Swap)
}

func A(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/data/cfg/a.json") // reject `handler negfsdir.Swap of the same program writes a file \(/data/cfg\) with os.RemoveAll\("/data/cfg"\)`
	os.ReadFile("/data/cfgx.json")  // want `fetch #0`
}

func B(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/srv/cfg/b.json") // reject `handler negfsdir.Swap of the same program writes a file with os.Rename\("/srv/cfg.new", "/srv/cfg"\)`
}

func Swap(w http.ResponseWriter, r *http.Request) {
	os.RemoveAll("/data/cfg")
	os.Rename("/srv/cfg.new", "/srv/cfg")
}
