// Package main hides writes from the read-after-write rule: query methods
// of transactions, connections and prepared statements, generated code,
// other packages reached through returned values or generic methods,
// os.Root, the working directory, subprocesses, functions passed as
// values, RoundTrip and Doer interfaces, URL spellings, ARNs and go-redis
// commands freshen does not list. Every read below must stay a warm or be
// left alone.
package main

import (
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/redis/go-redis/v9"

	"negrawrepo"
	"negrawstore"
	"negrawutil"
)

type queries struct{ db *sql.DB }

// Doer is the usual seam for an HTTP client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

var (
	db, _ = sql.Open("postgres", "dsn")
	// A primary for writes and a replica for reads.
	writer = redis.NewClient(&redis.Options{Addr: "primary:6379"})
	reader = redis.NewClient(&redis.Options{Addr: "replica:6379"})
	ddb    = dynamodb.New(dynamodb.Options{Region: "eu-west-1"})
	api    Doer
)

func init() { api = http.DefaultClient }

func main() {
	http.HandleFunc("/tx", Tx)
	http.HandleFunc("/gen", Gen)
	http.HandleFunc("/repo", Repo)
	http.HandleFunc("/files", Files)
	http.HandleFunc("/http", HTTP)
	http.HandleFunc("/redis", Redis)
	http.HandleFunc("/ddb", DDB)
}

func Tx(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	tx, _ := db.BeginTx(ctx, nil)
	tx.QueryRowContext(ctx, "UPDATE models SET name = $1 WHERE id = 1 RETURNING id", r.URL.Path)
	tx.Commit()
	conn, _ := db.Conn(ctx)
	conn.QueryRowContext(ctx, "DELETE FROM quotas WHERE id = 1 RETURNING 1")
	st, _ := db.PrepareContext(ctx, "INSERT INTO hits (path) VALUES ($1) RETURNING id")
	st.QueryRowContext(ctx, r.URL.Path)
	// whywarm `the handler also writes the database \(models\) with tx.QueryRowContext`
	db.QueryContext(ctx, "SELECT name FROM models WHERE id = 1") // want `warm #0`
	// whywarm `the handler also writes the database with st.QueryRowContext`
	db.QueryContext(ctx, "SELECT n FROM audits") // want `warm #1`
}

func Gen(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	(&queries{db: negrawstore.DB()}).setMotd(ctx, r.FormValue("m"))
	// whywarm `the handler also writes the database \(motd\) with q.db.ExecContext`
	db.QueryContext(ctx, "SELECT text FROM motd") // want `warm #0`
}

func Repo(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	negrawrepo.SetFlag(ctx, r.FormValue("name"), true)
	// whywarm `the handler also writes the database \(flags\) with negrawrepo.SetFlag`
	db.QueryContext(ctx, "SELECT name, enabled FROM flags") // want `warm #0`
}

func Files(w http.ResponseWriter, r *http.Request) {
	negrawutil.Remember([]byte(r.URL.Path))
	os.ReadFile("/mnt/efs/last.json") // reject `the handler also writes a file \(/mnt/efs/last.json\) with negrawutil.Remember`
	negrawrepo.Store[string]{}.Put(r.URL.Path)
	os.ReadFile("/mnt/efs/store.json") // reject `the handler also writes a file \(/mnt/efs/store.json\) with negrawrepo.Store\[string\]\{\}.Put`
	root, _ := os.OpenRoot("/mnt/efs")
	root.WriteFile("state.json", []byte(r.URL.Path), 0o644)
	os.ReadFile("/mnt/efs/state.json") // reject `the handler also writes a file with root.WriteFile`
}

// saveState runs through wg.Go: passed as a value, not called here.
func saveState() { os.WriteFile("/mnt/efs/saved.json", nil, 0o644) }

//freshen:handler
func Chdir(w http.ResponseWriter, r *http.Request) {
	os.Chdir("/mnt/tenants/" + r.FormValue("tenant"))
	os.ReadFile("settings.json") // reject `the handler also writes a file with os.Chdir`
}

//freshen:handler
func Subprocess(w http.ResponseWriter, r *http.Request) {
	exec.CommandContext(r.Context(), "tar", "-xzf", r.FormValue("f"), "-C", "/tmp/model").Run()
	os.ReadFile("/tmp/model/config.json") // reject `the handler also runs exec.CommandContext\(r.Context\(\), "tar", .*, which may write anything`
}

//freshen:handler
func FuncValue(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Go(saveState)
	wg.Wait()
	os.ReadFile("/mnt/efs/saved.json") // reject `the handler also writes a file \(/mnt/efs/saved.json\) with os.WriteFile`
}

func HTTP(w http.ResponseWriter, r *http.Request) {
	put, _ := http.NewRequest(http.MethodPut, "https://api.example.com/rt", strings.NewReader(r.URL.Path))
	http.DefaultTransport.RoundTrip(put)
	// whywarm `the handler also writes https://api.example.com/rt with http.DefaultTransport.RoundTrip`
	http.Get("https://api.example.com/rt") // want `warm #0`
	doer, _ := http.NewRequest(http.MethodPut, "https://api.example.com/doer", nil)
	api.Do(doer)
	// whywarm `the handler also writes https://api.example.com/doer with api.Do`
	http.Get("https://api.example.com/doer")                             // want `warm #1`
	http.Post("https://API.example.com:443/Port/", "text/plain", r.Body) // want `warm #2`
	// whywarm `the handler also writes https://api.example.com/port`
	http.Get("https://api.example.com/port")                             // want `warm #3`
	http.Post("https://api.example.com/esc%61ped", "text/plain", r.Body) // want `warm #4`
	// whywarm `the handler also writes https://api.example.com/escaped`
	http.Get("https://api.example.com/./escaped") // want `warm #5`
}

func Redis(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	writer.MSet(ctx, "motd", r.FormValue("m"))
	// whywarm `the handler also writes a Redis key with writer.MSet`
	reader.Get(ctx, "motd") // want `warm #0`
}

func DDB(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("arn:aws:dynamodb:eu-west-1:123456789012:table/Users")}) // want `warm #0`
	// whywarm `the handler also writes a DynamoDB table \(Users\)`
	ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("Users")}) // want `warm #1`
}

// Relative writes a file relative to the working directory, which may be
// the one its read names.
//
//freshen:handler
func Relative(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("settings.json", []byte(r.URL.Path), 0o644)
	os.ReadFile("/srv/app/settings.json") // reject `the handler also writes a file with os.WriteFile\("settings.json"`
}
