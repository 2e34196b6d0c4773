package infer

import "testing"

func TestPathMatch(t *testing.T) {
	tests := []struct {
		read, write string
		want        bool
	}{
		{"config/app", "config/app", true},
		{"config/app", "config/apps", false},
		{"config/app", "config/*", true},
		{"config/*", "config/app", true},
		{"config/app", "visits/*", false},
		{"config/app/themes/dark", "config/*", true},
		{"users/u-1", "users/u-*", true},
		{"users/admin", "users/u-*", false},
		{"users/*", "users/u-*", true},
		{"users/u-*", "users/*", true},
		{"users/u-*", "users/v-*", false},
		{"models/m.bin", "models/*", true},
		{"models/m.bin", "uploads/*", false},
		{"models/m.bin", "*", true},
	}
	for _, tt := range tests {
		if got := pathMatch(tt.read, tt.write); got != tt.want {
			t.Errorf("pathMatch(%q, %q) = %v, want %v", tt.read, tt.write, got, tt.want)
		}
	}
}
