// Package main is a Cloud Run service whose handlers write what they
// read: those reads cannot run early, whether the handler itself or
// another handler of the program writes (none of these clients has a warm
// form, so the reads are left alone).
package main

import (
	"context"
	"net/http"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/spanner"
	"cloud.google.com/go/storage"
)

const database = "projects/p/instances/i/databases/shop"

var (
	db, _    = spanner.NewClient(context.Background(), database)
	fs, _    = firestore.NewClient(context.Background(), "shop")
	settings = fs.Doc("config/app")
	gcs, _   = storage.NewClient(context.Background())
	model    = gcs.Bucket("models").Object("m.bin")
	cols     = []string{"Value"}
)

func main() {
	http.HandleFunc("/checkout", Checkout)
	http.HandleFunc("/count", Count)
	http.HandleFunc("/wipe", Wipe)
	http.ListenAndServe(":8080", nil)
}

// Checkout writes some of what it reads: those reads cannot run early
// (none of these clients has a warm form, so they are left alone).
func Checkout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	db.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, cols) // reject `the handler also writes a Spanner table with db.Apply\(ctx, .*, so a read made before it runs could miss that write`
	db.Apply(ctx, []*spanner.Mutation{spanner.Insert("Orders", []string{"ID"}, []interface{}{r.FormValue("id")})})
	fs.Doc("config/app").Get(ctx) // reject `the handler also writes a Firestore document \(config/\*\) with fs.Doc\("config/"\+r.FormValue\("k"\)\).Set\(ctx, 1\)`
	settings.Get(ctx)             // reject `the handler also writes a Firestore document \(config/\*\)`
	// Count, in the same program, may write any document.
	fs.Doc("catalog/app").Get(ctx) // reject `handler catgcpw.Count of the same program writes a Firestore document with fs.RunTransaction\(ctx, bump\), so a read made before this handler runs could miss that write`
	fs.Doc("config/"+r.FormValue("k")).Set(ctx, 1)
	model.NewReader(ctx) // reject `the handler also writes a Cloud Storage object \(models/m.bin\) with gcs.Bucket\("models"\).Object\("m.bin"\).Delete\(ctx\)`
	// Wipe, in the same program, may delete any bucket's vocab.txt.
	gcs.Bucket("models").Object("vocab.txt").NewReader(ctx) // reject `handler catgcpw.Wipe of the same program writes a Cloud Storage object with gcs.Bucket\(r.FormValue\("bucket"\)\)`
	gcs.Bucket("models").Object("latest").NewReader(ctx)    // reject `the handler also writes a Cloud Storage object \(models/latest\) with .*CopierFrom`
	gcs.Bucket("models").Object("m.bin").Delete(ctx)
	gcs.Bucket("models").Object("latest").CopierFrom(model).Run(ctx)
}

// Count writes in a transaction function, which freshen does not follow.
func Count(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	fs.Doc("catalog/app").Get(ctx) // reject `the handler also writes a Firestore document with fs.RunTransaction`
	fs.RunTransaction(ctx, bump)
}

func bump(ctx context.Context, tx *firestore.Transaction) error {
	return tx.Set(fs.Doc("counters/hits"), map[string]interface{}{"n": 1})
}

// Wipe deletes a document the caller names: it could be any of them.
func Wipe(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	fs.Doc("catalog/app").Get(ctx)                          // reject `the handler also writes a Firestore document with fs.Doc\(r.FormValue\("path"\)\).Delete`
	gcs.Bucket("models").Object("vocab.txt").NewReader(ctx) // reject `the handler also writes a Cloud Storage object with`
	fs.Doc(r.FormValue("path")).Delete(ctx)
	gcs.Bucket(r.FormValue("bucket")).Object("vocab.txt").Delete(ctx)
	batch := fs.Batch()
	batch.Set(fs.Collection("audit").Doc(r.FormValue("id")), map[string]interface{}{"wiped": true})
	batch.Commit(ctx)
}
