package fr

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestSmokeFreshenBeforeCall(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "model")
	}))
	defer srv.Close()
	s := NewState("smoke.H", 1)
	ctx := context.Background()
	if err := s.Run(ctx, Fetch(0, func(ctx context.Context) (*http.Response, error) { return HTTPGet(ctx, srv.Client(), srv.URL) })); err != nil {
		t.Fatal(err)
	}
	resp, err := FrFetch(ctx, s, 0, func() (*http.Response, error) { return srv.Client().Get(srv.URL) })
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "model" || hits.Load() != 1 {
		t.Fatalf("body %q hits %d", b, hits.Load())
	}
}
