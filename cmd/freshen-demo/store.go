package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// objectStore is the remote object store of the demo: every request pays
// a fixed latency (the round trip to a store in another zone) and all
// responses share one link of limited bandwidth.
type objectStore struct {
	latency time.Duration
	link    *link
	objects map[string][]byte

	results, notifications atomic.Int64
	requests               atomic.Int64
}

// Model shape: 16×16 inputs, one hidden layer, ten labels.
const (
	modelInputs = 256
	modelHidden = 256
)

var labels = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// newObjectStore fills a store with a model, its config, thresholds and
// uploads; every blankEvery-th upload (0: none) is blank, which validate
// rejects, so the chain stops after its first step.
func newObjectStore(latency time.Duration, bandwidth float64, uploads, blankEvery int) *objectStore {
	s := &objectStore{latency: latency, link: &link{bps: bandwidth}, objects: map[string][]byte{}}
	rng := rand.New(rand.NewPCG(1, 2)) // fixed seed: the same store every run

	nw := modelInputs*modelHidden + modelHidden + modelHidden*len(labels) + len(labels)
	model := make([]byte, 4*nw)
	for i := 0; i < nw; i++ {
		binary.LittleEndian.PutUint32(model[4*i:], math.Float32bits(float32(rng.NormFloat64()*0.1)))
	}
	s.objects["models/digits-v3.bin"] = model
	s.objects["models/digits-v3.json"] = mustJSON(map[string]any{
		"version": "digits-v3", "inputs": modelInputs, "hidden": modelHidden,
		"labels": labels, "input_scale": 1.0 / 255,
	})
	s.objects["config/thresholds.json"] = mustJSON(map[string]any{
		"min_score": 0.2, "per_label": map[string]float64{"seven": 0.1}, "channel": "#vision-alerts",
	})
	for i := 0; i < uploads; i++ {
		img := fmt.Appendf(nil, "P5\n16 16\n255\n")
		for p := 0; p < 256; p++ {
			px := byte(rng.IntN(256))
			if blankEvery > 0 && i%blankEvery == blankEvery-1 {
				px = 0
			}
			img = append(img, px)
		}
		s.objects[uploadKey(i)] = img
	}
	return s
}

func uploadKey(i int) string { return fmt.Sprintf("uploads/%04d.pgm", i) }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func (s *objectStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	// The latency comes first, as a round trip would.
	select {
	case <-time.After(s.latency):
	case <-r.Context().Done():
		return
	}
	key := strings.TrimPrefix(r.URL.Path, "/")
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		obj, ok := s.objects[key]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(obj)))
		if r.Method == http.MethodHead {
			return
		}
		s.link.send(w, obj)
	case http.MethodPost:
		// Uploads pay for the link too.
		n, _ := io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		s.link.wait(int(n))
		switch key {
		case "results":
			s.results.Add(1)
		case "notifications":
			s.notifications.Add(1)
		default:
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusCreated)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// link is a shared link of bps bytes per second: each chunk waits for the
// link to be free, then for its own transmission time.
type link struct {
	bps  float64
	mu   sync.Mutex
	free time.Time // when the link has sent everything queued so far

	// now and sleep are the clock; nil means the real one (tests replace
	// them).
	now   func() time.Time
	sleep func(time.Duration)
}

const chunk = 16 << 10

// slack is how late a sender may come back for its next chunk and still
// count as having kept the link busy. A sleep wakes a little after it was
// asked to; a real link serialises a backlog without such gaps, and
// counting them as idle time would make the link slower than its rate
// (by about a fifth at 8 MiB/s).
const slack = 2 * time.Millisecond

func (l *link) wait(n int) {
	if l.bps <= 0 || n == 0 {
		return
	}
	now, sleep := time.Now, time.Sleep
	if l.now != nil {
		now, sleep = l.now, l.sleep
	}
	l.mu.Lock()
	t := now()
	start := l.free
	if t.Sub(start) > slack {
		start = t // the link was idle
	}
	l.free = start.Add(time.Duration(float64(n) / l.bps * float64(time.Second)))
	done := l.free
	l.mu.Unlock()
	if d := done.Sub(t); d > 0 {
		sleep(d)
	}
}

func (l *link) send(w http.ResponseWriter, b []byte) {
	f, _ := w.(http.Flusher)
	for len(b) > 0 {
		n := min(chunk, len(b))
		l.wait(n)
		if _, err := w.Write(b[:n]); err != nil {
			return
		}
		if f != nil {
			f.Flush()
		}
		b = b[n:]
	}
}

// serveStore starts the store on addr and returns a function that stops it.
func serveStore(s *objectStore, addr string) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("object store: %w (the example's functions read it at this constant address)", err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return func() { srv.Close() }, nil
}
