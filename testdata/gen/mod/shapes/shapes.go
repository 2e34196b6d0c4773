// Package shapes holds every call-site shape freshen-gen wraps.
package shapes

import (
	"context"
	"io"
	"net/http"
)

const cfgURL = "http://cfg.internal/v1" // the config service

// frHandle is the user's own name: the generated state must pick another.
var frHandle = "taken"

func use(resp *http.Response, err error) int {
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return 1
}

//freshen:handler
func Handle(ctx context.Context, w io.Writer) error {
	/* a statement call */ http.Get(cfgURL)
	a, err := http.Get(cfgURL) // trailing comment
	if err == nil {
		a.Body.Close()
	}
	_, _ = http.Get(cfgURL)
	n := use(http.Get(cfgURL))
	if resp, err := http.Get(cfgURL); err == nil {
		resp.Body.Close()
	}
	defer http.Get(cfgURL)
	get := http.DefaultClient.Get
	_, _ = get(cfgURL)
	_ = n
	resp, err := fetch()
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func fetch() (*http.Response, error) {
	return http.Head(
		cfgURL, // multi-line call
	)
}
