package main

import (
	"bytes"
	"strings"
	"testing"
)

func pgm(header string, px []byte) []byte { return append([]byte(header), px...) }

func TestDecodePGM(t *testing.T) {
	img := bytes.Repeat([]byte{7}, side*side)
	tests := []struct {
		name, in, wantErr string
	}{
		{"valid", string(pgm("P5\n16 16\n255\n", img)), ""},
		{"comment-free header on one line", string(pgm("P5 16 16 255\n", img)), ""},
		{"ASCII PGM", string(pgm("P2\n16 16\n255\n", img)), "want P5"},
		{"wrong size", string(pgm("P5\n8 8\n255\n", img[:64])), "want P5 16x16"},
		{"16-bit", string(pgm("P5\n16 16\n65535\n", img)), "maxval"},
		{"truncated", string(pgm("P5\n16 16\n255\n", img[:100])), "pixels"},
		{"blank", string(pgm("P5\n16 16\n255\n", make([]byte, side*side))), "blank"},
		{"empty", "", "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px, err := decodePGM(strings.NewReader(tt.in))
			if tt.wantErr == "" {
				if err != nil || len(px) != side*side {
					t.Fatalf("got %d pixels, %v", len(px), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
