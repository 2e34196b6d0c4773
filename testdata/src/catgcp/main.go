// Package main is a Cloud Run service on Google Cloud clients: reads of
// constant rows, documents and objects through clients built at start-up
// are prefetched; writes elsewhere keep them so. Handlers that write
// what they read are in catgcpw.
package main

import (
	"context"
	"net/http"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/spanner"
	"cloud.google.com/go/storage"
	"github.com/google/go-github/v93/github"
	"google.golang.org/api/option"
)

const database = "projects/p/instances/i/databases/shop"

var (
	db, _    = spanner.NewClient(context.Background(), database)
	local, _ = spanner.NewClient(context.Background(), database, option.WithEndpoint("localhost:9010"), option.WithoutAuthentication())
	fs, _    = firestore.NewClient(context.Background(), "shop")
	settings = fs.Doc("config/app")
	gcs, _   = storage.NewClient(context.Background())
	model    = gcs.Bucket("models").Object("m.bin")
	gh, _    = github.NewClient(github.WithAuthToken("t"))
	cols     = []string{"Value"}
)

func main() {
	http.HandleFunc("/rows", Rows)
	http.HandleFunc("/docs", Docs)
	http.HandleFunc("/objects", Objects)
	http.HandleFunc("/repo", Repo)
	http.ListenAndServe(":8080", nil)
}

func Rows(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	email := r.FormValue("email")
	db.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, []string{"Value"})                                                         // want `db.Single\(\).ReadRow\(.*\) can be prefetched before Rows runs \(fetch #0\)`
	db.Single().WithTimestampBound(spanner.ExactStaleness(15*time.Second)).ReadRow(ctx, "Prices", spanner.Key{"EUR"}, []string{"Rate"}) // want `fetch #1`
	db.Single().ReadRowWithOptions(ctx, "Settings", spanner.Key{"app"}, cols, &spanner.ReadOptions{RequestTag: "cfg"})                  // want `fetch #2`
	local.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, cols)                                                                   // want `fetch #3`
	tx := db.Single()
	tx.ReadRow(ctx, "Settings", spanner.Key{"theme"}, cols)                               // want `fetch #4`
	db.Single().ReadRowUsingIndex(ctx, "Users", "UsersByEmail", spanner.Key{email}, cols) // reject `argument spanner.Key\{email\} depends on parameter r`
	ro := db.ReadOnlyTransaction()
	defer ro.Close()
	ro.ReadRow(ctx, "Settings", spanner.Key{"app"}, cols) // reject `receiver ro calls spanner.\(\*Client\).ReadOnlyTransaction, which is not known to be pure`
	bounded := db.Single()
	bounded.WithTimestampBound(spanner.MaxStaleness(time.Minute))
	bounded.ReadRow(ctx, "Settings", spanner.Key{"app"}, cols)                                                           // reject `receiver bounded has method WithTimestampBound called on it in Rows`
	db.Single().WithTimestampBound(spanner.ReadTimestamp(time.Now())).ReadRow(ctx, "Settings", spanner.Key{"app"}, cols) // reject `calls time.Now, which differs between invocations`
	// A query sends its SQL on the iterator's first Next: not prefetched.
	db.Single().Query(ctx, spanner.NewStatement("SELECT 1"))
}

func Docs(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	uid := r.FormValue("uid")
	fs.Doc("config/flags").Get(ctx)                                // want `fs.Doc\("config/flags"\).Get\(ctx\) can be prefetched before Docs runs \(fetch #0\)`
	fs.Collection("config").Doc("limits").Get(ctx)                 // want `fetch #1`
	settings.Get(ctx)                                              // want `fetch #2`
	fs.Doc("config/app").Collection("themes").Doc("dark").Get(ctx) // want `fetch #3`
	fs.Collection("users").Doc(uid).Get(ctx)                       // reject `receiver fs.Collection\("users"\).Doc\(uid\) depends on parameter r`
	// Writes under visits/ change none of the documents read above.
	fs.Collection("visits").Doc(uid).Set(ctx, map[string]interface{}{"n": 1})
	fs.Collection("visits").Add(ctx, map[string]interface{}{"uid": uid})
	fs.Collection("visits").Doc("latest").Collection("log").NewDoc().Create(ctx, uid)
}

func Objects(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	name := r.FormValue("name")
	model.NewReader(ctx)                                                                            // want `fetch #0`
	gcs.Bucket("models").Object("vocab.txt").If(storage.Conditions{DoesNotExist: false}).Attrs(ctx) // want `fetch #1`
	gcs.Bucket("models").Object("m.bin").Generation(7).ReadCompressed(true).NewReader(ctx)          // want `fetch #2`
	gcs.Bucket("models").Object("m.bin").Key([]byte(r.Header.Get("X-Key"))).NewReader(ctx)          // reject `receiver .* depends on parameter r`
	gcs.Bucket("uploads").Object(name).NewReader(ctx)                                               // reject `depends on parameter r`
	gcs.Bucket("uploads").Object("incoming/" + name).NewWriter(ctx)
	gcs.Bucket("uploads").Object("latest").CopierFrom(gcs.Bucket("uploads").Object("incoming/" + name)).Run(ctx)
}

// Repo: go-github calls return the response as well; a fetch carries one
// result and an error.
func Repo(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	gh.Repositories.Get(ctx, "freshen-go", "freshen")                           // reject `its results are not \(T\) or \(T, error\)`
	gh.Repositories.GetContents(ctx, "freshen-go", "freshen", "README.md", nil) // reject `its results are not \(T\) or \(T, error\)`
	gh.Issues.Create(ctx, "freshen-go", "freshen", github.CreateIssueRequest{Title: "x"})
}
