// Command app is an HTTP function with two handlers.
package main

import (
	"net/http"
	"os"

	"example.com/lintmod/lib"
)

const (
	modelURL  = "https://models.example.com/m.bin"
	resultURL = "https://results.example.com/v1"
	cfgA      = "/etc/app/a.json"
	cfgB      = "/etc/app/b.json"
)

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/other", Other)
	http.ListenAndServe(":8080", nil)
}

// Handle answers with the model.
func Handle(w http.ResponseWriter, r *http.Request) {
	http.Get(modelURL)
	lib.Load("app.json")
	http.Post(resultURL, "text/plain", r.Body)
	lib.Load(r.URL.Path)

	//freshen:ttl often
	http.Head(modelURL)

	//freshen:ignore the audit log must be read fresh
	os.ReadFile("/var/log/audit")

	//freshen:ttl 30s
	os.ReadFile("/etc/app/ttl.json")
}

// Other reads two files on one line.
func Other(w http.ResponseWriter, r *http.Request) {
	w.Write(lib.Join(must(os.ReadFile(cfgA)), must(os.ReadFile(cfgB))))
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
