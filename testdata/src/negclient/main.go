// Package main tries to make a client differ between invocations: a
// transport with per-request state, a cookie jar, redirect callbacks,
// clients changed after init.
package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"time"
)

const api = "https://api.example.com/profile"

// tokenRT adds the caller's token: per-request state in the transport.
type tokenRT struct {
	tok  string
	base http.RoundTripper
}

func (t *tokenRT) RoundTrip(r *http.Request) (*http.Response, error) {
	r.Header.Set("Authorization", t.tok)
	return http.DefaultTransport.RoundTrip(r)
}

// logRT is never written, but its RoundTrip is code freshen does not know.
type logRT struct{}

func (logRT) RoundTrip(r *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(r)
}

var (
	rt           = &tokenRT{}
	authClient   = &http.Client{Transport: rt}
	logClient    = &http.Client{Transport: logRT{}}
	jar, _       = cookiejar.New(nil)
	jarClient    = &http.Client{Jar: jar}
	memJarClient = &http.Client{Jar: memJar{}}
	redirClient  = &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error { return nil }}
	plain        = &http.Client{Timeout: 5 * time.Second}
	pooled       = &http.Client{Transport: &http.Transport{MaxIdleConns: 10, IdleConnTimeout: time.Minute}}
	cloned       = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	proxied      = &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
	customProxy  = &http.Client{Transport: &http.Transport{Proxy: func(*http.Request) (*url.URL, error) { return nil, nil }}}
	laterTO      = &http.Client{}
	swapped      = &http.Client{}
	shared       = &http.Client{}
	lateTr       = &http.Transport{}
	lateTrCli    = &http.Client{Transport: lateTr}
	viaHelper    = &http.Client{}
	handedOut    = &http.Client{}
	built        = newClient()
)

// memJar keeps cookies per user.
type memJar struct{}

func (memJar) SetCookies(u *url.URL, cookies []*http.Cookie) {}

func (memJar) Cookies(u *url.URL) []*http.Cookie { return nil }

func newClient() *http.Client { return &http.Client{Timeout: time.Second} }

func tune(c *http.Client) { c.Timeout = time.Millisecond }

func client() *http.Client { return handedOut }

func main() {
	http.HandleFunc("/", Handle)
	tune(viaHelper)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	rt.tok = r.Header.Get("Authorization")
	laterTO.Timeout = time.Duration(len(r.URL.Path)) * time.Millisecond
	swapped.Transport = rt
	alias := shared
	alias.Jar = jar
	lateTr.Proxy = nil
	client().Jar = jar

	authClient.Get(api)   // reject `receiver authClient depends on rt, which is modified in Handle \(main.go:75\)`
	logClient.Get(api)    // reject `receiver logClient holds a logRT in an interface, which is not a type freshen knows to be read-only`
	jarClient.Get(api)    // reject `receiver jarClient calls cookiejar.New, which is not known to be pure`
	memJarClient.Get(api) // reject `receiver memJarClient holds a memJar in an interface, which is not a type freshen knows to be read-only`
	redirClient.Get(api)  // reject `receiver redirClient is a function literal`
	plain.Get(api)        // want `fetch #0`
	pooled.Get(api)       // want `fetch #1`
	cloned.Get(api)       // want `fetch #2`
	proxied.Get(api)      // want `fetch #3`
	customProxy.Get(api)  // reject `receiver customProxy is a function literal`
	laterTO.Get(api)      // reject `receiver laterTO is modified in Handle \(main.go:76\)`
	swapped.Get(api)      // reject `receiver swapped is modified in Handle`
	shared.Get(api)       // reject `receiver shared is modified in Handle \(main.go:79\)`
	lateTrCli.Get(api)    // reject `receiver lateTrCli depends on lateTr, which is modified in Handle`
	viaHelper.Get(api)    // reject `receiver viaHelper is modified in tune`
	handedOut.Get(api)    // reject `receiver handedOut is returned by client, whose callers freshen cannot all see|is modified in Handle`
	built.Get(api)        // reject `receiver built calls main.newClient, which is not known to be pure`
}
