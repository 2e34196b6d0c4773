package frhttp

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freshen-go/freshen/fr/trigger"
)

// DefaultPath is where Mount puts the endpoint.
const DefaultPath = "/_freshen"

// Default rate limit: freshen is a hint, a few per second is plenty, and
// every one costs the owner CPU and bytes.
const (
	DefaultRate  = 10 // requests per second
	DefaultBurst = 20
)

// Options configure the endpoint. The zero value is a closed endpoint
// unless FRESHEN_TOKEN is set.
type Options struct {
	// Path is the endpoint's path (default "/_freshen"); metrics are at
	// Path+"/metrics".
	Path string
	// Token is the bearer token callers must send. Empty means the
	// FRESHEN_TOKEN environment variable; with neither, the endpoint
	// answers 403. Components in the function's own network namespace
	// that cannot hold a token use a loopback listener of their own
	// instead (see Handler.ListenLoopback): a request's loopback peer
	// address proves nothing when a local proxy relays outside traffic.
	Token string
	// Rate and Burst configure the token bucket (defaults 10/s, burst 20).
	// A negative Rate disables rate limiting.
	Rate  float64
	Burst int
	// Async makes 202 (run in the background) the default mode; requests
	// choose with mode=sync or mode=async.
	Async bool
	// Runner runs freshen; nil means trigger.New with Budget.
	Runner *trigger.Runner
	// Budget bounds one freshen when Runner is nil (default 10s).
	Budget time.Duration
	// Now is the rate limiter's clock; nil means time.Now.
	Now func() time.Time
}

// Handler is the freshen endpoint. It implements http.Handler.
type Handler struct {
	path   string
	token  trigger.Token
	async  bool
	runner *trigger.Runner
	limit  *bucket
}

// New returns the endpoint handler; mount it at o.Path yourself or use
// Mount.
func New(o Options) *Handler {
	h := &Handler{path: o.Path, async: o.Async, runner: o.Runner, token: trigger.TokenOrEnv(o.Token)}
	if h.path == "" {
		h.path = DefaultPath
	}
	h.path = strings.TrimSuffix(h.path, "/")
	if h.runner == nil {
		h.runner = trigger.New(trigger.Options{Budget: o.Budget})
	}
	if o.Rate >= 0 {
		rate, burst := o.Rate, o.Burst
		if rate == 0 {
			rate = DefaultRate
		}
		if burst <= 0 {
			burst = DefaultBurst
		}
		now := o.Now
		if now == nil {
			now = time.Now
		}
		h.limit = newBucket(rate, burst, now)
	}
	return h
}

// Mount registers the endpoint and its metrics (behind the same token) on
// mux and returns the endpoint. It publishes nothing with expvar: that
// package serves /debug/vars on http.DefaultServeMux without a token.
func Mount(mux *http.ServeMux, o Options) *Handler {
	h := New(o)
	mux.Handle(h.path, h)
	mux.Handle(h.path+"/metrics", h)
	return h
}

// Path returns the endpoint's path.
func (h *Handler) Path() string { return h.path }

// Runner returns the runner, e.g. to read its Accounts.
func (h *Handler) Runner() *trigger.Runner { return h.runner }

// Observe wraps the function's handler so each request counts as an
// invocation of names (by default the process's only registered handler)
// for hit/waste accounting. Requests for the freshen endpoint and for the
// standard library's diagnostics (/debug/vars, /debug/pprof/) are not
// invocations.
func (h *Handler) Observe(next http.Handler, names ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.own(r.URL.Path) && r.URL.Path != "/debug/vars" && !strings.HasPrefix(r.URL.Path, "/debug/pprof/") {
			h.runner.Invoked(names...)
		}
		next.ServeHTTP(w, r)
	})
}

func (h *Handler) own(path string) bool {
	return path == h.path || strings.HasPrefix(path, h.path+"/")
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if code, msg := h.authorize(r); code != 0 {
		if code == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="freshen"`)
		}
		httpError(w, code, msg)
		return
	}
	h.serve(w, r)
}

// serve answers an authorised request.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request) {
	// Limit only after authentication, so strangers cannot spend the
	// budget that the platform's real triggers need.
	if h.limit != nil {
		if ok, wait := h.limit.take(); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			httpError(w, http.StatusTooManyRequests, "freshen rate limit exceeded")
			return
		}
	}
	if r.URL.Path == h.path+"/metrics" {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			httpError(w, http.StatusMethodNotAllowed, "metrics: use GET")
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = h.runner.WritePrometheus(w)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		httpError(w, http.StatusMethodNotAllowed, "freshen: use POST")
		return
	}
	if hasBody(r) {
		httpError(w, http.StatusRequestEntityTooLarge, "freshen takes no request body: it never sees invocation data")
		return
	}
	names, mode := parseQuery(r.URL.RawQuery)
	async := h.async
	switch mode {
	case "":
	case "async":
		async = true
	case "sync":
		async = false
	default:
		httpError(w, http.StatusBadRequest, "mode must be sync or async")
		return
	}
	if async {
		if err := h.runner.Start(r.Context(), names); err != nil {
			h.fail(w, err)
			return
		}
		w.WriteHeader(http.StatusAccepted)
		return
	}
	rep, err := h.runner.Run(r.Context(), names)
	if err != nil {
		h.fail(w, err)
		return
	}
	code := http.StatusOK
	if rep.TimedOut() {
		code = http.StatusGatewayTimeout
	}
	bp := reportBufs.Get().(*[]byte)
	b := append(rep.AppendJSON((*bp)[:0]), '\n')
	w.Header()["Content-Type"] = jsonContentType
	w.WriteHeader(code)
	_, _ = w.Write(b)
	if cap(b) <= 64<<10 { // do not keep the buffer of a huge report
		*bp = b
		reportBufs.Put(bp)
	}
}

// jsonContentType is shared by every report response; net/http does not
// change header values it is given.
var jsonContentType = []string{"application/json"}

// reportBufs recycles the buffers reports are encoded into.
var reportBufs = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// parseQuery reads the endpoint's parameters from a raw query, as
// url.ParseQuery would (pairs that do not unescape are skipped), without
// building a map: handler (any number) and mode (the first).
func parseQuery(raw string) (names []string, mode string) {
	modeSet := false
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		key, val, _ := strings.Cut(pair, "=")
		key, ok := unescape(key)
		if !ok || key != "handler" && key != "mode" {
			continue
		}
		val, ok = unescape(val)
		if !ok {
			continue
		}
		if key == "handler" {
			names = append(names, val)
		} else if !modeSet {
			mode, modeSet = val, true
		}
	}
	return names, mode
}

// unescape is url.QueryUnescape that does not allocate for plain text.
func unescape(s string) (string, bool) {
	if !strings.ContainsAny(s, "%+") {
		return s, true
	}
	u, err := url.QueryUnescape(s)
	return u, err == nil
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	switch {
	case trigger.IsUnknown(err):
		httpError(w, http.StatusNotFound, err.Error())
		return
	case trigger.IsAmbiguous(err):
		httpError(w, http.StatusBadRequest, err.Error())
		return
	}
	httpError(w, http.StatusInternalServerError, err.Error())
}

// authorize returns a non-zero status when r may not use the endpoint.
func (h *Handler) authorize(r *http.Request) (int, string) {
	if !h.token.IsSet() {
		return http.StatusForbidden, "freshen endpoint disabled: set FRESHEN_TOKEN"
	}
	tok, ok := trigger.BearerToken(r.Header.Get("Authorization"))
	if !ok {
		return http.StatusUnauthorized, "freshen: bearer token required"
	}
	if !h.token.Match(tok) {
		return http.StatusUnauthorized, "freshen: wrong token"
	}
	return 0, ""
}

// hasBody reports whether r carries a body, reading at most one byte.
func hasBody(r *http.Request) bool {
	if r.ContentLength > 0 {
		return true
	}
	if r.Body == nil || r.Body == http.NoBody {
		return false
	}
	var b [1]byte
	n, err := io.ReadFull(r.Body, b[:])
	return n > 0 || (err != nil && !errors.Is(err, io.EOF))
}

func httpError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	fmt.Fprintln(w, msg)
}

// bucket is a token bucket: rate tokens per second, at most burst.
type bucket struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

func newBucket(rate float64, burst int, now func() time.Time) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now(), now: now}
}

// take spends one token; if none is left it says how long until one is.
func (b *bucket) take() (bool, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if el := now.Sub(b.last); el > 0 {
		b.tokens = math.Min(b.burst, b.tokens+el.Seconds()*b.rate)
	}
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}
