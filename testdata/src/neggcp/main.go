// Package main tries to make Google Cloud clients, their handles and their
// credentials differ between invocations: clients changed or rebuilt after
// start-up, options carrying code, per-request credentials, handles built
// from request data or changed in place.
package main

import (
	"context"
	"log"
	"net/http"
	"time"

	"cloud.google.com/go/firestore"
	"cloud.google.com/go/spanner"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"
)

const (
	database = "projects/p/instances/i/databases/shop"
	profile  = "https://api.example.com/profile"
)

// headerTS hands out whatever token the last request carried.
type headerTS struct{ tok string }

func (h *headerTS) Token() (*oauth2.Token, error) { return &oauth2.Token{AccessToken: h.tok}, nil }

var (
	perUser = &headerTS{}

	fs, _         = firestore.NewClient(context.Background(), "shop")
	timeTravel, _ = firestore.NewClient(context.Background(), "shop")
	other         = fs.Doc("config/other")
	configs       = fs.Collection("config")
	viaHTTP, _    = firestore.NewClient(context.Background(), "shop", option.WithHTTPClient(&http.Client{}))

	db, _         = spanner.NewClient(context.Background(), database)
	reopened, _   = spanner.NewClient(context.Background(), database)
	withTS, _     = spanner.NewClient(context.Background(), database, option.WithTokenSource(perUser))
	withStatic, _ = spanner.NewClient(context.Background(), database, option.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"})))

	ts, _      = google.DefaultTokenSource(context.Background(), "https://www.googleapis.com/auth/cloud-platform")
	shared, _  = google.DefaultTokenSource(context.Background(), "https://www.googleapis.com/auth/cloud-platform")
	api        = &http.Client{Transport: &oauth2.Transport{Source: ts}}
	leaky      = &http.Client{Transport: &oauth2.Transport{Source: shared}}
	custom     = &http.Client{Transport: &oauth2.Transport{Source: perUser}}
	static     = &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "svc"})}}
	service    = (&clientcredentials.Config{ClientID: "id", ClientSecret: "s", TokenURL: "https://auth.example.com/token"}).Client(context.Background())
	defaulted  = oauth2.NewClient(context.Background(), nil)
	adc, _     = google.DefaultClient(context.Background(), "https://www.googleapis.com/auth/cloud-platform")
	saved      = &oauth2.Token{AccessToken: "app"}
	refreshing = (&oauth2.Config{ClientID: "id"}).Client(context.Background(), &oauth2.Token{RefreshToken: "r"})
	keeping    = (&oauth2.Config{ClientID: "id"}).Client(context.Background(), saved)
	anyone     = &http.Client{Transport: &oauth2.Transport{Source: &headerTS{}}}
)

func main() {
	http.HandleFunc("/docs", Docs)
	http.HandleFunc("/rows", Rows)
	http.HandleFunc("/tokens", Tokens)
	http.ListenAndServe(":8080", nil)
}

func Docs(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	timeTravel.WithReadOptions(firestore.ReadTime(time.Now().Add(-time.Hour)))
	other.Path = "projects/shop/databases/(default)/documents/users/" + r.FormValue("uid")

	fs.Doc("config/app").Get(ctx)             // want `fetch #0`
	timeTravel.Doc("config/app").Get(ctx)     // reject `receiver timeTravel.Doc\("config/app"\) depends on timeTravel, which has method WithReadOptions called on it in Docs \(main.go:69\)`
	other.Get(ctx)                            // reject `receiver other is modified in Docs \(main.go:70\)`
	fs.Doc(r.URL.Path).Get(ctx)               // reject `depends on parameter r`
	configs.Doc("limits").Get(ctx)            // want `fetch #1`
	configs.Doc(r.FormValue("name")).Get(ctx) // reject `depends on parameter r`
	viaHTTP.Doc("config/app").Get(ctx)        // reject `calls option.WithHTTPClient, which is not known to be pure`
	local, _ := firestore.NewClient(ctx, r.FormValue("project"))
	local.Doc("config/app").Get(ctx)           // reject `depends on parameter r`
	snap, _ := fs.Doc("config/theme").Get(ctx) // want `fetch #2`
	_ = snap.Data()
}

func Rows(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	reopened, _ = spanner.NewClient(ctx, r.FormValue("db"))
	db.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, []string{"V"})           // want `fetch #0`
	reopened.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, []string{"V"})     // reject `receiver reopened.Single\(\) depends on reopened, which is assigned in Rows`
	withTS.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, []string{"V"})       // reject `receiver withTS.Single\(\) depends on perUser, which is modified in Tokens`
	withStatic.Single().ReadRow(ctx, "Settings", spanner.Key{"app"}, []string{"V"})   // reject `calls option.WithTokenSource, which is not known to be pure`
	db.Single().ReadRow(ctx, r.FormValue("table"), spanner.Key{"app"}, []string{"V"}) // reject `argument r.FormValue\("table"\) depends on parameter r`
}

func Tokens(w http.ResponseWriter, r *http.Request) {
	// The token the source caches is shared: changing it changes what
	// every later request sends.
	tok, _ := shared.Token()
	tok.AccessToken = r.Header.Get("Authorization")
	perUser.tok = r.Header.Get("Authorization")

	api.Get(profile)        // want `fetch #0`
	static.Get(profile)     // want `fetch #1`
	service.Get(profile)    // want `fetch #2`
	adc.Get(profile)        // want `fetch #3`
	refreshing.Get(profile) // want `fetch #4`
	leaky.Get(profile)      // reject `receiver leaky depends on shared, which has method Token called on it through an interface in Tokens`
	custom.Get(profile)     // reject `receiver custom depends on perUser, which is modified in Tokens`
	anyone.Get(profile)     // reject `receiver anyone holds a \*headerTS in an interface, which is not a type freshen knows to be read-only`
	keeping.Get(profile)    // reject `receiver keeping depends on saved, which is passed to oauth2.\(\*Config\).Client in package initialisation, which may change it`
	defaulted.Get(profile)  // reject `receiver defaulted calls oauth2.NewClient, which is not known to be pure`
	mine := &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: r.Header.Get("X-Token")})}}
	mine.Get(profile) // reject `depends on parameter r`
}

var (
	settingsRef = fs.Doc("config/settings")
	logged      *firestore.Client
)

func init() {
	c, err := firestore.NewClient(context.Background(), "shop")
	if err != nil {
		log.Fatalf("firestore: %v", err)
	}
	logged = c
}

// Snapshots refers to its receiver: a snapshot's Ref is the DocumentRef,
// so rewriting it rewrites the package-level reference.
//
//freshen:handler
func Snapshots(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	snap, _ := settingsRef.Get(ctx) // reject `receiver settingsRef is modified in Snapshots`
	snap.Ref.Path = "projects/shop/databases/(default)/documents/users/" + r.FormValue("uid")
	logged.Doc("config/app").Get(ctx) // want `fetch #0`
}
