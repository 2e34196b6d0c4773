// Command greet is a Cloud Run service: it greets each caller with the
// message kept in a Firestore settings document and records the visit.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"

	"cloud.google.com/go/firestore"
	"github.com/freshen-go/freshen/fr"
)

var client *firestore.Client

func init() {
	var err error
	client, err = firestore.NewClient(context.Background(), firestore.DetectProjectID)
	if err != nil {
		log.Fatal("greet: no Firestore client: set GOOGLE_CLOUD_PROJECT")
	}
}

// Greet answers "<message>, <name>!".
func Greet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	// The settings document is the same for every request.
	snap, err := fr.FrFetch(ctx, frGreet, frGreet0, func() (*firestore.DocumentSnapshot, error) { return client.Doc("settings/greeting").Get(ctx) })
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	msg, _ := snap.Data()["message"].(string)

	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	// Visits are written under visits/, which the settings read does not
	// depend on.
	if _, err := client.Collection("visits").Doc(name).Set(ctx, map[string]interface{}{"name": name}); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	fmt.Fprintf(w, "%s, %s!", msg, name)
}

func main() {
	http.HandleFunc("/", Greet)
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
