// Package mux is a test stub with the real API's signatures.
package mux

import "net/http"

// Router registers routes.
type Router struct{}

// Route is one route.
type Route struct{}

// NewRouter returns a router.
func NewRouter() *Router { return &Router{} }

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

func (r *Router) Handle(path string, handler http.Handler) *Route { return &Route{} }

func (r *Router) HandleFunc(path string, f func(http.ResponseWriter, *http.Request)) *Route {
	return &Route{}
}

func (r *Router) Path(tpl string) *Route { return &Route{} }

func (r *Route) HandlerFunc(f func(http.ResponseWriter, *http.Request)) *Route { return r }

func (r *Route) Methods(methods ...string) *Route { return r }
