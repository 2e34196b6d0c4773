package engine

import "testing"

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
