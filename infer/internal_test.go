package infer

import "testing"

func TestOriginClosed(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"https://api.example.com/items/", true},
		{"https://api.example.com", false},
		{"https://api.example.com:8443/", true},
		{"https://api.example.com?x=", true},
		{"\x00/items/", true},
		{"\x00", false},
		{"\x00\x00", false},
		{"/items/", false},
		{"http://", false},
		{"http://\x00/x", true},
	}
	for _, tt := range tests {
		if got := originClosed(tt.text); got != tt.want {
			t.Errorf("originClosed(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestFuncPkg(t *testing.T) {
	for in, want := range map[string]string{
		"net/http.Get":                               "net/http",
		"(*net/http.Client).Get":                     "net/http",
		"(github.com/redis/go-redis/v9.cmdable).Get": "github.com/redis/go-redis/v9",
	} {
		if got := funcPkg(in); got != want {
			t.Errorf("funcPkg(%q) = %q, want %q", in, got, want)
		}
	}
}
