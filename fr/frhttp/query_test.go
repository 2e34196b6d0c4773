package frhttp

import (
	"net/url"
	"slices"
	"testing"
)

// parseQuery reads handler and mode exactly as url.ParseQuery would.
func TestParseQueryMatchesNetURL(t *testing.T) {
	for _, raw := range []string{
		"", "handler=a", "handler=a&handler=b", "mode=sync&handler=x&mode=async",
		"handler=example.com%2Fapp.Handle", "handler=a+b", "handler=%zz&handler=ok",
		"handler", "handler=", "=x", "&&handler=a&&", "handler=a;mode=async", "mode=a;b&handler=c",
		"HANDLER=a", "handler%3Da", "han%64ler=a", "mode=%73ync", "other=1&handler=h",
	} {
		names, mode := parseQuery(raw)
		q, _ := url.ParseQuery(raw)
		if !slices.Equal(names, q["handler"]) || mode != q.Get("mode") {
			t.Errorf("parseQuery(%q) = %q, %q; url.ParseQuery: %q, %q", raw, names, mode, q["handler"], q.Get("mode"))
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	f.Add("handler=a&mode=sync")
	f.Add("handler=%41;x")
	f.Fuzz(func(t *testing.T, raw string) {
		names, mode := parseQuery(raw)
		q, _ := url.ParseQuery(raw)
		if !slices.Equal(names, q["handler"]) || mode != q.Get("mode") {
			t.Fatalf("parseQuery(%q) = %q, %q; url.ParseQuery: %q, %q", raw, names, mode, q["handler"], q.Get("mode"))
		}
	})
}
