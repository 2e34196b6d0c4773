package trigger

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestResolveShortNames(t *testing.T) {
	for _, n := range []string{
		"example.com/rs/app.ResolveFn",
		"example.com/rs/other.ResolveFn",
		"example.com/rs/app.ResolveT.Serve",
		"example.com/rs/solo.ResolveSolo",
		"gopkg.in/rs/yaml.v3.ResolveDotted",
		"rsmain.ResolveMain",
	} {
		reg(n, func(context.Context) error { return nil })
	}
	tests := []struct {
		names []string
		want  []string
		err   string // "unknown", "ambiguous" or ""
		cands []string
	}{
		{names: []string{"example.com/rs/solo.ResolveSolo"}, want: []string{"example.com/rs/solo.ResolveSolo"}},
		{names: []string{"ResolveSolo"}, want: []string{"example.com/rs/solo.ResolveSolo"}},
		{names: []string{"solo.ResolveSolo"}, want: []string{"example.com/rs/solo.ResolveSolo"}},
		{names: []string{"rs/solo.ResolveSolo"}, want: []string{"example.com/rs/solo.ResolveSolo"}},
		{names: []string{"app.ResolveFn"}, want: []string{"example.com/rs/app.ResolveFn"}},
		{names: []string{"ResolveT.Serve"}, want: []string{"example.com/rs/app.ResolveT.Serve"}},
		{names: []string{"app.ResolveT.Serve"}, want: []string{"example.com/rs/app.ResolveT.Serve"}},
		{names: []string{"ResolveMain"}, want: []string{"rsmain.ResolveMain"}},
		{names: []string{"yaml.v3.ResolveDotted"}, want: []string{"gopkg.in/rs/yaml.v3.ResolveDotted"}},
		{names: []string{"ResolveFn"}, err: "ambiguous", cands: []string{"example.com/rs/app.ResolveFn", "example.com/rs/other.ResolveFn"}},
		{names: []string{"Serve"}, err: "unknown"},               // a method needs its type
		{names: []string{"olo.ResolveSolo"}, err: "unknown"},     // not at a path boundary
		{names: []string{"example.com/rs/solo"}, err: "unknown"}, // a package is not a handler
		{names: []string{"resolvesolo"}, err: "unknown"},         // names are case-sensitive
		{names: []string{""}, err: "unknown"},
		{names: []string{"ResolveSolo", "ResolveMain", "nope.X"}, err: "unknown"},
		{
			names: []string{"ResolveSolo", "example.com/rs/solo.ResolveSolo", "ResolveMain", "rsmain.ResolveMain"},
			want:  []string{"example.com/rs/solo.ResolveSolo", "rsmain.ResolveMain"},
		},
		{names: []string{"rsmain.ResolveMain", "rsmain.ResolveMain"}, want: []string{"rsmain.ResolveMain"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, ","), func(t *testing.T) {
			got, err := Resolve(tt.names)
			switch tt.err {
			case "":
				if err != nil || !slices.Equal(got, tt.want) {
					t.Fatalf("Resolve = %q, %v; want %q", got, err, tt.want)
				}
			case "unknown":
				if !IsUnknown(err) || IsAmbiguous(err) {
					t.Fatalf("Resolve = %q, %v; want an unknown handler", got, err)
				}
			case "ambiguous":
				var a *AmbiguousHandlerError
				if !errors.As(err, &a) || IsUnknown(err) || !slices.Equal(a.Candidates, tt.cands) {
					t.Fatalf("Resolve = %q, %v; want ambiguous among %q", got, err, tt.cands)
				}
				for _, c := range tt.cands {
					if !strings.Contains(err.Error(), c) {
						t.Errorf("error %q does not name %s", err, c)
					}
				}
			}
		})
	}
}

// Run answers a short name with the full one, so the report names the
// handler the way metrics do.
func TestRunShortName(t *testing.T) {
	const full = "example.com/rs/run.ResolveRun"
	reg(full, func(context.Context) error { return nil })
	rep, err := New(Options{}).Run(context.Background(), []string{"ResolveRun"})
	if err != nil || len(rep.Handlers) != 1 || rep.Handlers[0].Handler != full {
		t.Fatalf("Run = %+v, %v", rep, err)
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		header, tok string
		ok          bool
	}{
		{"Bearer s3cret", "s3cret", true},
		{"bearer s3cret", "s3cret", true},
		{"BEARER s3cret", "s3cret", true},
		{"BeArEr s3cret", "s3cret", true},
		{"Bearer   s3cret", "s3cret", true},
		{"Bearer s3cret ", "s3cret", true},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Bearer    ", "", false},
		{"Bearers3cret", "", false},
		{"Basic czNjcmV0", "", false},
		{"Token s3cret", "", false},
		{"", "", false},
		{"s3cret", "", false},
	}
	for _, tt := range tests {
		tok, ok := BearerToken(tt.header)
		if tok != tt.tok || ok != tt.ok {
			t.Errorf("BearerToken(%q) = %q, %v; want %q, %v", tt.header, tok, ok, tt.tok, tt.ok)
		}
	}
}

func TestToken(t *testing.T) {
	tok := NewToken("s3cret")
	if !tok.IsSet() || !tok.Match("s3cret") || tok.Match("s3cre") || tok.Match("s3cret ") || tok.Match("") {
		t.Fatal("set token matches wrongly")
	}
	var unset Token
	if unset.IsSet() || unset.Match("") || NewToken("").Match("") {
		t.Fatal("unset token matches")
	}
	t.Setenv(TokenEnv, "from-env")
	if !TokenOrEnv("").Match("from-env") || !TokenOrEnv("given").Match("given") {
		t.Fatal("TokenOrEnv")
	}
}
