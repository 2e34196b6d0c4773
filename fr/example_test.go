package fr_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/freshen-go/freshen/fr"
)

// A handler's fetch, prefetched by its freshen hook and served to the call
// site: the server sees one request.
func Example() {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		io.WriteString(w, "model v1")
	}))
	defer srv.Close()

	st := fr.NewState("example.com/app.Handle", 1)
	st.SetTTL(0, time.Minute) // reuse the prefetched model, a copy per call
	fr.Register(st, func(ctx context.Context) error {
		return st.Run(ctx, fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
			return fr.HTTPGet(ctx, srv.Client(), srv.URL)
		}))
	})

	// The platform predicts an invocation and triggers freshen.
	if err := fr.Freshen(context.Background(), "example.com/app.Handle"); err != nil {
		fmt.Println("freshen:", err)
	}

	// Two invocations of the handler: the rewritten call site.
	for range 2 {
		resp, err := fr.FrFetch(context.Background(), st, 0, func() (*http.Response, error) {
			return srv.Client().Get(srv.URL)
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(string(body))
	}
	fmt.Println("requests:", requests.Load(), "hits:", st.Stats().Entries[0].Hits)
	// Output:
	// model v1
	// model v1
	// requests: 1 hits: 2
}
