package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freshen-go/freshen/fr"
)

const handlerName = "example.com/greet.Greet"

// emulator serves documents the way the Firestore stand-in asks for
// them, counting reads of the settings and writes of visits.
type emulator struct {
	settings, visits atomic.Int64
	delay            time.Duration
	failNext         atomic.Bool // answer the next settings read with 503

	mu   sync.Mutex
	docs map[string]string
}

func newEmulator(t *testing.T, delay time.Duration) *emulator {
	e := &emulator{delay: delay, docs: map[string]string{"settings/greeting": `{"message":"Hello"}`}}
	srv := httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(srv.Close)
	t.Setenv("FIRESTORE_EMULATOR_HOST", strings.TrimPrefix(srv.URL, "http://"))
	return e
}

func (e *emulator) serve(w http.ResponseWriter, r *http.Request) {
	_, path, ok := strings.Cut(r.URL.Path, "/documents/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch r.Method {
	case http.MethodGet:
		if path == "settings/greeting" {
			e.settings.Add(1)
			if e.failNext.CompareAndSwap(true, false) {
				http.Error(w, "unavailable", http.StatusServiceUnavailable)
				return
			}
			time.Sleep(e.delay)
		}
		e.mu.Lock()
		doc, found := e.docs[path]
		e.mu.Unlock()
		if !found {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, doc)
	case http.MethodPut:
		body, _ := io.ReadAll(r.Body)
		if !json.Valid(body) {
			http.Error(w, "bad document", http.StatusBadRequest)
			return
		}
		if strings.HasPrefix(path, "visits/") {
			e.visits.Add(1)
		}
		e.mu.Lock()
		e.docs[path] = string(body)
		e.mu.Unlock()
	default:
		http.Error(w, "method", http.StatusMethodNotAllowed)
	}
}

func call(t *testing.T, name string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	Greet(rec, httptest.NewRequest("GET", "/?name="+name, nil))
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
	e := newEmulator(t, 0)
	plain := call(t, "ada")
	if plain != "Hello, ada!" {
		t.Fatalf("answer %q", plain)
	}
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	before := e.settings.Load()
	if got := call(t, "ada"); got != plain {
		t.Errorf("answer with freshen %q, without %q", got, plain)
	}
	if n := e.settings.Load() - before; n != 0 {
		t.Errorf("handler read the settings %d times after freshen; want 0", n)
	}
	if n := e.visits.Load(); n != 2 {
		t.Errorf("visits written %d times, want 2 (freshen must not write)", n)
	}
	// A result is handed out once: the next invocation reads again.
	before = e.settings.Load()
	call(t, "bob")
	if n := e.settings.Load() - before; n != 1 {
		t.Errorf("second call after one freshen read the settings %d times, want 1", n)
	}
}

func TestNewMessageAfterFreshen(t *testing.T) {
	e := newEmulator(t, 0)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	call(t, "ada") // takes the prefetched settings
	e.mu.Lock()
	e.docs["settings/greeting"] = `{"message":"Hi"}`
	e.mu.Unlock()
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	if got := call(t, "ada"); got != "Hi, ada!" {
		t.Errorf("answer %q after the settings changed, want %q", got, "Hi, ada!")
	}
}

func TestFasterAfterFreshen(t *testing.T) {
	const delay = 150 * time.Millisecond
	newEmulator(t, delay)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	call(t, "ada")
	// Generous bound: the read alone takes at least delay.
	if d := time.Since(start); d >= delay {
		t.Errorf("handler took %v after freshen; the settings read alone takes %v", d, delay)
	}
}

func TestEmulatorFailsDuringFreshen(t *testing.T) {
	e := newEmulator(t, 0)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	e.failNext.Store(true)
	if err := fr.Freshen(context.Background(), handlerName); err == nil {
		t.Error("freshen succeeded though the emulator failed")
	}
	if got := call(t, "ada"); got != "Hello, ada!" {
		t.Errorf("answer after a failed freshen %q", got)
	}
	if n := e.settings.Load(); n != 2 {
		t.Errorf("settings read %d times, want 2 (failed freshen, then the handler)", n)
	}
}
