// Package main registers handlers through routers and wrappers.
package main

import (
	"context"
	"net/http"
	"os"

	ddlambda "github.com/DataDog/datadog-lambda-go"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdaurl"
	sentryhttp "github.com/getsentry/sentry-go/http"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-lambda-go/otellambda"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

func main() {
	r := chi.NewRouter()
	r.Get("/a", chiGet)                                                // registration `chi.Get`
	r.MethodFunc("PUT", "/b", chiMethod)                               // registration `chi.MethodFunc`
	r.Handle("/c", otelhttp.NewHandler(http.HandlerFunc(traced), "c")) // registration `chi.Handle`
	r.Handle("/mux", r)                                                // unfollowed `the handler is a value freshen cannot see into`
	var router chi.Router = r
	router.Post("/d", viaIface) // registration `chi.Post`

	m := mux.NewRouter()
	m.HandleFunc("/e", gorilla)                                         // registration `\(\*mux.Router\).HandleFunc`
	m.Path("/f").HandlerFunc(gorillaPath)                               // registration `\(\*mux.Route\).HandlerFunc`
	m.HandleFunc("/g", func(w http.ResponseWriter, r *http.Request) {}) // unfollowed `function literal`

	sh := sentryhttp.New(sentryhttp.Options{})
	http.HandleFunc("/h", sh.HandleFunc(sentried))                           // registration `http.HandleFunc`
	http.Handle("/i", otelhttp.WithRouteTag("/i", http.HandlerFunc(tagged))) // registration `http.Handle`
	http.HandleFunc("/j", wrap(plain))                                       // unfollowed `comes from main.wrap, which freshen does not know to pass a handler through`

	lambdaurl.Start(http.HandlerFunc(urlFn))         // registration `lambdaurl.Start`
	lambda.Start(ddlambda.WrapFunction(dd, nil))     // registration `lambda.Start`
	lambda.Start(otellambda.InstrumentHandler(otel)) // registration `lambda.Start`
}

func wrap(h http.HandlerFunc) http.HandlerFunc { return h }

func chiGet(w http.ResponseWriter, r *http.Request)      { os.ReadFile("/etc/a") } // want `before chiGet runs \(fetch #0\)`
func chiMethod(w http.ResponseWriter, r *http.Request)   { os.ReadFile("/etc/b") } // want `before chiMethod runs`
func traced(w http.ResponseWriter, r *http.Request)      { os.ReadFile("/etc/c") } // want `before traced runs`
func viaIface(w http.ResponseWriter, r *http.Request)    { os.ReadFile("/etc/d") } // want `before viaIface runs`
func gorilla(w http.ResponseWriter, r *http.Request)     { os.ReadFile("/etc/e") } // want `before gorilla runs`
func gorillaPath(w http.ResponseWriter, r *http.Request) { os.ReadFile("/etc/f") } // want `before gorillaPath runs`
func sentried(w http.ResponseWriter, r *http.Request)    { os.ReadFile("/etc/h") } // want `before sentried runs`
func tagged(w http.ResponseWriter, r *http.Request)      { os.ReadFile("/etc/i") } // want `before tagged runs`
func plain(w http.ResponseWriter, r *http.Request)       { os.ReadFile("/etc/j") }
func urlFn(w http.ResponseWriter, r *http.Request)       { os.ReadFile("/etc/k") } // want `before urlFn runs`

func dd(ctx context.Context, ev map[string]string) (string, error) {
	os.ReadFile("/etc/dd") // want `before dd runs`
	return "", nil
}

func otel(ctx context.Context, ev map[string]string) (string, error) {
	os.ReadFile("/etc/otel") // want `before otel runs`
	return "", nil
}
