package fr

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// origin is a real HTTP server on loopback that counts the requests it
// serves and can hold them at a gate.
type origin struct {
	*httptest.Server
	hits    atomic.Int64
	arrived chan *http.Request // every request, as it arrives

	mu   sync.Mutex
	gate chan struct{} // when non-nil, requests wait for it to close
	body string
}

func newOrigin(t *testing.T, body string) *origin {
	t.Helper()
	o := &origin{arrived: make(chan *http.Request, 1024), body: body}
	o.Server = httptest.NewServer(http.HandlerFunc(o.serve))
	t.Cleanup(o.Close)
	return o
}

func (o *origin) serve(w http.ResponseWriter, r *http.Request) {
	n := o.hits.Add(1)
	o.arrived <- r
	o.mu.Lock()
	g, body := o.gate, o.body
	o.mu.Unlock()
	if g != nil {
		<-g
	}
	w.Header().Set("X-Hit", itoa(n))
	io.WriteString(w, body)
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// hold makes the next requests wait until the returned func is called.
func (o *origin) hold() (release func()) {
	g := make(chan struct{})
	o.mu.Lock()
	o.gate = g
	o.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			o.mu.Lock()
			o.gate = nil
			o.mu.Unlock()
			close(g)
		})
	}
}

func (o *origin) setBody(b string) {
	o.mu.Lock()
	o.body = b
	o.mu.Unlock()
}

// waitArrival waits for the next request to reach the server.
func (o *origin) waitArrival(t *testing.T) *http.Request {
	t.Helper()
	select {
	case r := <-o.arrived:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no request reached the server")
		return nil
	}
}

// get is the call as a handler writes it.
func (o *origin) get() (*http.Response, error) { return o.Client().Get(o.URL) }

// fetch is the freshen form of get.
func (o *origin) fetch(i int) Action {
	return Fetch(i, func(ctx context.Context) (*http.Response, error) {
		return HTTPGet(ctx, o.Client(), o.URL)
	})
}

func bodyString(t *testing.T, r *http.Response) string {
	t.Helper()
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return string(b)
}

// eventually polls cond until it holds or a generous bound passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// fakeClock is an injected clock for TTL tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(s *State) *fakeClock {
	c := &fakeClock{now: time.Now()}
	s.SetClock(c.Now)
	return c
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// checkGoroutines fails when goroutines started by a test outlive it.
func checkGoroutines(t *testing.T) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before+2 { // +2: httptest and transport helpers settle late
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<16)
				t.Errorf("goroutines leaked: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
}

// stopIdleWorkers ends the State's idle workers now, for tests that count
// goroutines.
func (s *State) stopIdleWorkers() {
	p := &s.pool
	p.mu.Lock()
	for _, w := range p.idle {
		w.wake <- nil
	}
	p.live -= len(p.idle)
	p.idle = nil
	p.mu.Unlock()
}
