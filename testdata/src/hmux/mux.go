package hmux

import (
	"context"
	"net/http"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
)

const cfg = "/etc/app/config.json"

type api struct{ name string }

func (a *api) Items(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(cfg) // want `os.ReadFile\(cfg\) can be prefetched before api.Items runs \(fetch #0\)`
}

func (a api) Value(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(cfg) // want `before api.Value runs \(fetch #0\)`
}

func wrapped(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(cfg) // want `before wrapped runs \(fetch #0\)`
}

func muxWrapped(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(cfg) // want `before muxWrapped runs \(fetch #0\)`
}

func muxFunc(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(cfg) // want `before muxFunc runs \(fetch #0\)`
}

func withOptions(ctx context.Context) (string, error) {
	b, err := os.ReadFile(cfg) // want `before withOptions runs \(fetch #0\)`
	return string(b), err
}

// notAHandler is never registered: nothing to report.
func notAHandler() {
	os.ReadFile(cfg)
}

// Register wires the handlers.
func Register(ctx context.Context) {
	a := &api{}
	mux := http.NewServeMux()
	mux.HandleFunc("/items", a.Items)
	mux.Handle("/value", http.HandlerFunc(api{}.Value))
	http.Handle("/wrapped", http.HandlerFunc(wrapped))
	mux.Handle("/mw", http.HandlerFunc(muxWrapped))
	mux.HandleFunc("/f", muxFunc)
	http.HandleFunc("/lit", func(w http.ResponseWriter, r *http.Request) {
		os.ReadFile(cfg) // function literals have no name to register: not a handler
	})
	lambda.StartWithOptions(withOptions, lambda.WithContext(ctx))
	lambda.StartHandlerFunc(typed)
}

func typed(ctx context.Context, in string) (int, error) {
	b, err := os.ReadFile(cfg) // want `before typed runs \(fetch #0\)`
	return len(b), err
}
