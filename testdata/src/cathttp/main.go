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
	http.HandleFunc("/h", HandleHeaders)
	http.HandleFunc("/w", HandleWrites)
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
	client.Do(req) // want `client.Do\(req\) can be prefetched before Handle runs \(fetch #10\)`

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
	db.Exec("INSERT INTO log VALUES ($1)", id)                            // want `warm #27`
	db.QueryContext(ctx, "SELECT 3")                                      // want `warm #28`
	_ = w
}

// HandleWrites changes the archive table, which no handler of the program
// reads: a table it wrote would not be prefetched by any of them (the
// read-after-write rule); see negraw and negsql for that rule.
func HandleWrites(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	dbInit.QueryContext(ctx, "DELETE FROM archive")         // want `warm #0`
	dbInit.ExecContext(ctx, "UPDATE archive SET n = n + 1") // want `warm #1`
}

// HandleHeaders: a Do whose request gets constant headers is a fetch only
// when every header call runs exactly once before the Do.
func HandleHeaders(w http.ResponseWriter, r *http.Request) {
	const key = "x-api-key"

	ok, _ := http.NewRequestWithContext(r.Context(), "GET", origin+"/n", nil)
	ok.Header.Set(key, "k1")
	ok.Header.Add("Accept", "text/plain")
	ok.Header.Add("accept", "application/json")
	client.Do(ok) // want `client.Do\(ok\) can be prefetched before HandleHeaders runs \(fetch #0\)`

	param, _ := http.NewRequest("GET", origin+"/o", nil)
	param.Header.Set("Authorization", r.Header.Get("Authorization"))
	client.Do(param) // want `warm #1`

	after, _ := http.NewRequest("GET", origin+"/p", nil)
	client.Do(after) // want `warm #2`
	after.Header.Set("Accept", "text/plain")

	branch, _ := http.NewRequest("GET", origin+"/q", nil)
	if r.URL.Path == "/beta" {
		branch.Header.Set("X-Beta", "1")
	}
	client.Do(branch) // want `warm #3`

	for i := 0; i < 2; i++ {
		loop, _ := http.NewRequest("HEAD", origin+"/r", nil)
		loop.Header.Set("X-Try", "1")
		client.Do(loop) // want `fetch #4`
	}

	outer, _ := http.NewRequest("GET", origin+"/s", nil)
	for i := 0; i < 2; i++ {
		outer.Header.Add("X-Try", "1")
	}
	client.Do(outer) // want `warm #5`
	_ = w
}

func unused(ctx context.Context) {
	http.Get(origin) // not reachable from a handler: nothing to report
}
