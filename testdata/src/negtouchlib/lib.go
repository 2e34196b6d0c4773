// Package negtouchlib changes http.DefaultClient for the whole program.
package negtouchlib // want package:`touches\(net/http.DefaultClient\)`

import "net/http"

// UseProxy routes every request of the program through a proxy.
func UseProxy(rt http.RoundTripper) { http.DefaultClient.Transport = rt }
