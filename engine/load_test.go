package engine

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestIndexValue(t *testing.T) {
	tests := []struct {
		state, name string
		want        int
		ok          bool
	}{
		{"frHandle", "frHandle0", 0, true},
		{"frHandle", "frHandle12", 12, true},
		{"frHandle_2", "frHandle_2_3", 3, true},
		{"frHandle_2", "frHandle_23", 0, false},
		{"frHandle", "frHandle", 0, false},
		{"frHandle", "frHandleX", 0, false},
		{"frHandle", "frHandle01", 0, false},
		{"frHandle", "frOther0", 0, false},
	}
	for _, tt := range tests {
		got, ok := indexValue(tt.state, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("indexValue(%q, %q) = %d, %v; want %d, %v", tt.state, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestLoadErrors: a missing import is reported by its cause alone, a
// "could not import" with no cause once, and an error without a position
// without the "-:" the loader puts in its place.
func TestLoadErrors(t *testing.T) {
	const fr = "github.com/freshen-go/freshen/fr"
	errs := []packages.Error{
		{Pos: "/m/main.go:8:11", Msg: `could not import ` + fr + ` (invalid package name: "")`, Kind: packages.TypeError},
		{Pos: "/m/freshen_gen.go:8:11", Msg: `could not import ` + fr + ` (invalid package name: "")`, Kind: packages.TypeError},
		{Pos: "/m/freshen_gen.go:8:8", Msg: "module github.com/freshen-go/freshen provides package " + fr + " and is replaced but not required", Kind: packages.ListError},
		{Pos: "/m/a.go:3:8", Msg: `could not import example.com/gone (no such package)`, Kind: packages.TypeError},
		{Pos: "/m/b.go:3:8", Msg: `could not import example.com/gone (no such package)`, Kind: packages.TypeError},
		{Pos: "/m/c.go:3:8", Msg: `could not import example.com/gone/sub (no such package)`, Kind: packages.TypeError},
		{Pos: "", Msg: "package foo is not in std", Kind: packages.ListError},
		{Pos: "-", Msg: "package foo is not in std", Kind: packages.ListError},
	}
	got := strings.Join(loadErrors(errs), "\n")
	want := strings.Join([]string{
		"/m/a.go:3:8: could not import example.com/gone (no such package) (and 1 more import of it)",
		"/m/c.go:3:8: could not import example.com/gone/sub (no such package)",
		"/m/freshen_gen.go:8:8: module github.com/freshen-go/freshen provides package " + fr + " and is replaced but not required",
		"package foo is not in std",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
