package gcplib // want package:"hasWrites"

// gcplib writes through Google Cloud clients and redigo on behalf of its
// callers: its importers must see those writes.

import (
	"context"

	"cloud.google.com/go/bigquery"
	"cloud.google.com/go/firestore"
	"cloud.google.com/go/pubsub"
	pubsubv2 "cloud.google.com/go/pubsub/v2"
	"cloud.google.com/go/spanner"
	"cloud.google.com/go/storage"
	"github.com/gomodule/redigo/redis"
	"github.com/google/go-github/v93/github"
)

// SaveVisit writes a document under visits/.
func SaveVisit(ctx context.Context, fs *firestore.Client, id string) error { // want SaveVisit:`writes\(firestore visits/\*\)`
	_, err := fs.Collection("visits").Doc(id).Set(ctx, map[string]interface{}{"n": 1})
	return err
}

// SaveSettings rewrites the settings document.
func SaveSettings(ctx context.Context, fs *firestore.Client) error { // want SaveSettings:`writes\(firestore config/app\)`
	doc := fs.Doc("config/app")
	_, err := doc.Update(ctx, []firestore.Update{{Path: "v", Value: 2}})
	return err
}

// BumpUser writes in a transaction; the document comes from the caller.
func BumpUser(ctx context.Context, tx *firestore.Transaction, fs *firestore.Client, uid string) error { // want BumpUser:`writes\(firestore users/u-\*\)`
	return tx.Set(fs.Collection("users").Doc("u-"+uid), map[string]interface{}{"n": 1})
}

// Upload writes an object under uploads/.
func Upload(ctx context.Context, gcs *storage.Client, name string) { // want Upload:`writes\(gcs uploads/incoming/\*\)`
	w := gcs.Bucket("uploads").Object("incoming/" + name).NewWriter(ctx)
	w.Close()
}

// Record writes a Spanner row.
func Record(ctx context.Context, db *spanner.Client) { // want Record:`writes\(spanner \*\)`
	db.Apply(ctx, []*spanner.Mutation{spanner.Insert("Events", []string{"ID"}, []interface{}{1})})
}

// Announce publishes to Pub/Sub, both client versions.
func Announce(ctx context.Context, t *pubsub.Topic, p *pubsubv2.Publisher) { // want Announce:`writes\(pubsub \*, pubsub \*\)`
	t.Publish(ctx, &pubsub.Message{Data: []byte("x")})
	p.Publish(ctx, &pubsubv2.Message{Data: []byte("x")})
}

// Insert streams rows into BigQuery.
func Insert(ctx context.Context, bq *bigquery.Client, rows []string) error { // want Insert:`writes\(bigquery \*\)`
	return bq.Dataset("d").Table("t").Inserter().Put(ctx, rows)
}

// Count reads with GET and writes with INCR and DEL.
func Count(c redis.Conn) { // want Count:`writes\(redis hits, redis a b\)`
	c.Do("GET", "config")
	c.Do("incr", "hits")
	c.Send("DEL", "a", "b")
}

// Run sends a command the caller chooses.
func Run(c redis.Conn, cmd string) { // want Run:`writes\(redis \*\)`
	c.Do(cmd, "x")
}

// Open files an issue.
func Open(ctx context.Context, gh *github.Client) { // want Open:`writes\(github \*\)`
	gh.Issues.Create(ctx, "o", "r", github.CreateIssueRequest{Title: "t"})
}

// Lookup only reads.
func Lookup(ctx context.Context, fs *firestore.Client, c redis.Conn) {
	fs.Doc("config/app").Get(ctx)
	redis.String(c.Do("HGETALL", "config"))
}
