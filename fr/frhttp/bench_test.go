package frhttp

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/gate"
	"github.com/freshen-go/freshen/fr/trigger"
)

// benchServer serves the freshen endpoint (token, rate limit high enough
// never to refuse) and a no-op handler on one server, with one freshen
// handler of one entry whose fetch returns at once.
func benchServer(b *testing.B) (*httptest.Server, *http.Client) {
	b.Helper()
	const name = "frhttp_bench.Handle"
	if _, ok := fr.Lookup(name); !ok {
		s := fr.NewState(name, 1)
		fr.Register(s, func(ctx context.Context) error {
			return s.Run(ctx, fr.Fetch(0, func(context.Context) (string, error) { return "model", nil }))
		})
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/noop", func(w http.ResponseWriter, r *http.Request) {})
	r := trigger.New(trigger.Options{Gate: gate.New(gate.Config{})})
	Mount(mux, Options{Token: "bench-token", Rate: 1e9, Burst: 1 << 30, Runner: r})
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv, srv.Client()
}

func benchPost(b *testing.B, c *http.Client, url string) {
	req, err := http.NewRequest(http.MethodPost, url, http.NoBody)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer bench-token")
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatal(resp.Status)
		}
	}
}

// BenchmarkFreshenPOST: a synchronous POST /_freshen of one handler with
// one entry, client and server in the process; compare with
// BenchmarkFreshenBaselineNoopPOST.
func BenchmarkFreshenPOST(b *testing.B) {
	srv, c := benchServer(b)
	benchPost(b, c, srv.URL+"/_freshen?handler=frhttp_bench.Handle")
}

// BenchmarkFreshenBaselineNoopPOST is the same request to a handler that
// does nothing, on the same server: the HTTP floor.
func BenchmarkFreshenBaselineNoopPOST(b *testing.B) {
	srv, c := benchServer(b)
	benchPost(b, c, srv.URL+"/noop")
}
