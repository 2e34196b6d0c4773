// Package shapes holds every call-site shape freshen-gen wraps.
package shapes

import (
	"context"
	"io"
	"net/http"

	"github.com/freshen-go/freshen/fr"
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
	/* a statement call */ fr.FrFetch(ctx, frHandle_2, frHandle_2_0, func() (*http.Response, error) { return http.Get(cfgURL) })
	a, err := fr.FrFetch(ctx, frHandle_2, frHandle_2_1, func() (*http.Response, error) { return http.Get(cfgURL) }) // trailing comment
	if err == nil {
		a.Body.Close()
	}
	_, _ = fr.FrFetch(ctx, frHandle_2, frHandle_2_2, func() (*http.Response, error) { return http.Get(cfgURL) })
	n := use(fr.FrFetch(ctx, frHandle_2, frHandle_2_3, func() (*http.Response, error) { return http.Get(cfgURL) }))
	if resp, err := fr.FrFetch(ctx, frHandle_2, frHandle_2_4, func() (*http.Response, error) { return http.Get(cfgURL) }); err == nil {
		resp.Body.Close()
	}
	defer http.Get(cfgURL)
	get := http.DefaultClient.Get
	_, _ = fr.FrFetch(ctx, frHandle_2, frHandle_2_6, func() (*http.Response, error) { return get(cfgURL) })
	_ = n
	resp, err := fr.FrFetch(ctx, frHandle_2, frHandle_2_7, func() (*http.Response, error) { return fetch() })
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
