package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshen-go/freshen/fr"
)

const handlerName = "example.com/basic.Handle"

// origin serves the model and accepts results, counting hits.
type origin struct {
	model, results atomic.Int64
	delay          time.Duration
	failNext       atomic.Bool // drop the next model connection
	srv            *httptest.Server
}

func newOrigin(t *testing.T, delay time.Duration) *origin {
	o := &origin{delay: delay}
	mux := http.NewServeMux()
	mux.HandleFunc("/model", func(w http.ResponseWriter, r *http.Request) {
		o.model.Add(1)
		if o.failNext.CompareAndSwap(true, false) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		time.Sleep(o.delay)
		w.Write([]byte("m1"))
	})
	mux.HandleFunc("/results", func(w http.ResponseWriter, r *http.Request) {
		o.results.Add(1)
	})
	o.srv = httptest.NewServer(mux)
	t.Cleanup(o.srv.Close)
	modelURL, resultURL = o.srv.URL+"/model", o.srv.URL+"/results"
	return o
}

func call(t *testing.T) string {
	t.Helper()
	rec := httptest.NewRecorder()
	Handle(rec, httptest.NewRequest("GET", "/?q=x", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

// freshened reports whether the package has been through freshen-gen; the
// CLI tests set FRESHEN_EXPECT=1 after fix so a missing registration fails.
func freshened(t *testing.T) bool {
	for _, h := range fr.Handlers() {
		if h == handlerName {
			return true
		}
	}
	if os.Getenv("FRESHEN_EXPECT") == "1" {
		t.Fatalf("%s is not registered; handlers: %v", handlerName, fr.Handlers())
	}
	return false
}

func TestSameAnswer(t *testing.T) {
	o := newOrigin(t, 0)
	plain := call(t)
	if plain != "x:m1" {
		t.Fatalf("answer %q", plain)
	}
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	before := o.model.Load()
	if got := call(t); got != plain {
		t.Errorf("answer with freshen %q, without %q", got, plain)
	}
	if n := o.model.Load() - before; n != 0 {
		t.Errorf("handler fetched the model %d times after freshen; want 0", n)
	}
	if o.results.Load() != 2 {
		t.Errorf("results posted %d times, want 2 (warm must not post)", o.results.Load())
	}
	// A result is handed out once: the next invocation fetches again.
	before = o.model.Load()
	call(t)
	if n := o.model.Load() - before; n != 1 {
		t.Errorf("second call after one freshen fetched %d times, want 1", n)
	}
}

func TestFasterAfterFreshen(t *testing.T) {
	const delay = 150 * time.Millisecond
	newOrigin(t, delay)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	call(t)
	// Generous bound: the fetch itself takes at least delay.
	if d := time.Since(start); d >= delay {
		t.Errorf("handler took %v after freshen; the fetch alone takes %v", d, delay)
	}
}

func TestRaceWithInflightFreshen(t *testing.T) {
	o := newOrigin(t, 200*time.Millisecond)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fr.Freshen(context.Background(), handlerName)
	}()
	// Let freshen's request reach the server, then invoke.
	for o.model.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	if got := call(t); got != "x:m1" {
		t.Errorf("answer %q", got)
	}
	wg.Wait()
	if n := o.model.Load(); n != 1 {
		t.Errorf("model fetched %d times; the handler should wait for freshen's fetch", n)
	}
}

func TestServerFailsDuringFreshen(t *testing.T) {
	o := newOrigin(t, 0)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	o.failNext.Store(true)
	_ = fr.Freshen(context.Background(), handlerName) // fails: never fatal
	if got := call(t); got != "x:m1" {
		t.Errorf("answer after failed freshen %q, want x:m1", got)
	}
	if n := o.model.Load(); n != 2 {
		t.Errorf("model fetched %d times, want 2 (failed freshen, then the handler)", n)
	}
}
