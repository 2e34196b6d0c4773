package main

import (
	"math"
	"strings"
	"testing"
)

// tinyModel has 2 inputs, 2 hidden units and 2 labels: hidden unit j
// copies input j, and label k reads hidden unit k.
func tinyModel() (config, []float32) {
	cfg := config{Version: "t", Inputs: 2, Hidden: 2, Labels: []string{"left", "right"}, InputScale: 1.0 / 255}
	w := []float32{
		1, 0, 0, 1, // W1[in*hid]
		0, 0, // b1
		5, 0, 0, 5, // W2[hid*out]
		0, 0, // b2
	}
	return cfg, w
}

func TestClassify(t *testing.T) {
	cfg, w := tinyModel()
	tests := []struct {
		pixels []byte
		label  string
	}{
		{[]byte{255, 0}, "left"},
		{[]byte{0, 255}, "right"},
	}
	for _, tt := range tests {
		label, score, err := classify(cfg, w, tt.pixels)
		if err != nil || label != tt.label {
			t.Fatalf("classify(%v) = %q, %v", tt.pixels, label, err)
		}
		// softmax of logits (5, 0): 1/(1+e^-5)
		if want := 1 / (1 + math.Exp(-5)); math.Abs(score-want) > 1e-9 {
			t.Errorf("score = %v, want %v", score, want)
		}
	}
}

func TestClassifyRejectsMismatches(t *testing.T) {
	cfg, w := tinyModel()
	if _, _, err := classify(cfg, w, []byte{1, 2, 3}); err == nil || !strings.Contains(err.Error(), "pixels") {
		t.Errorf("wrong pixel count: %v", err)
	}
	if _, _, err := classify(cfg, w[:5], []byte{1, 2}); err == nil || !strings.Contains(err.Error(), "weights") {
		t.Errorf("short model: %v", err)
	}
}
