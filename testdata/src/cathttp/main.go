package main

import (
	"context"
	"crypto/tls"
	"database/sql"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const origin = "https://api.example.com"

var (
	client   = &http.Client{Timeout: 5 * time.Second}
	mainCli  *http.Client
	db       *sql.DB
	dbInit   *sql.DB
	dialer   = &net.Dialer{Timeout: time.Second}
	tlsConf  = &tls.Config{ServerName: "db.example.com"}
	filePath = "/mnt/efs/model.bin"
)

func init() {
	dbInit, _ = sql.Open("postgres", "dsn")
}

func main() {
	mainCli = &http.Client{}
	db, _ = sql.Open("postgres", "dsn")
	http.HandleFunc("/", Handle)
	http.ListenAndServe(":8080", nil)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.URL.Query().Get("id")

	http.Get(origin + "/a")                                     // want `http.Get\(origin \+ "/a"\) can be prefetched before Handle runs \(fetch #0\)`
	http.Head(origin + "/b")                                    // want `fetch #1`
	http.Post(origin+"/c", "text/plain", strings.NewReader(id)) // want `http.Post\(.*\) can have its connection to origin\+"/c" opened before Handle runs \(warm #2\)`
	http.PostForm(origin+"/d", url.Values{"id": {id}})          // want `warm #3`
	client.Get(origin + "/e")                                   // want `fetch #4`
	client.Head(origin + "/f")                                  // want `fetch #5`
	client.Post(origin+"/g", "text/plain", nil)                 // want `warm #6`
	client.PostForm(origin+"/h", nil)                           // want `warm #7`
	client.Get(origin + "/items/" + id)                         // want `connection to origin \+ "/items/" opened.*warm #8`
	mainCli.Get(origin + "/i")                                  // want `warm #9`

	req, _ := http.NewRequest(http.MethodGet, origin+"/j", nil)
	req.Header.Set("Accept", "application/json")
	client.Do(req) // want `warm #10`

	post, _ := http.NewRequestWithContext(ctx, "POST", origin+"/k", strings.NewReader(id))
	client.Do(post) // want `warm #11`

	hdr, _ := http.NewRequest("GET", origin+"/l", nil)
	hdr.Header.Set("X-Id", id)
	client.Do(hdr) // want `warm #12`

	get, _ := http.NewRequestWithContext(ctx, http.MethodHead, origin+"/m", http.NoBody)
	client.Do(get) // want `fetch #13`

	os.ReadFile(filePath) // want `os.ReadFile\(filePath\) can be prefetched before Handle runs \(fetch #14\)`

	net.Dial("tcp", "cache.internal:11211")                             // want `connection to "cache.internal:11211" opened.*warm #15`
	net.DialTimeout("tcp", "cache.internal:11211", time.Second)         // want `warm #16`
	dialer.DialContext(ctx, "tcp", "cache.internal:11211")              // want `warm #17`
	tls.Dial("tcp", "db.example.com:443", tlsConf)                      // want `warm #18`
	tls.Dial("tcp", "db.example.com:443", &tls.Config{MinVersion: 771}) // want `warm #19`

	dbInit.QueryContext(ctx, "SELECT name FROM models WHERE id = $1", 7)  // want `fetch #20`
	dbInit.QueryRowContext(ctx, "select count(*) from models")            // want `fetch #21`
	dbInit.Query("SELECT 1")                                              // want `fetch #22`
	dbInit.QueryRow("SELECT 2")                                           // want `fetch #23`
	dbInit.QueryContext(ctx, "SELECT name FROM models WHERE id = $1", id) // want `warm #24`
	dbInit.QueryContext(ctx, "SELECT id FROM jobs FOR UPDATE")            // want `warm #25`
	dbInit.QueryContext(ctx, "SELECT nextval('seq')")                     // want `warm #26`
	dbInit.QueryContext(ctx, "DELETE FROM models")                        // want `warm #27`
	dbInit.ExecContext(ctx, "UPDATE models SET n = n + 1")                // want `warm #28`
	db.Exec("INSERT INTO log VALUES ($1)", id)                            // want `warm #29`
	db.QueryContext(ctx, "SELECT 3")                                      // want `warm #30`
	_ = w
}

func unused(ctx context.Context) {
	http.Get(origin) // not reachable from a handler: nothing to report
}
