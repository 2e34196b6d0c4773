package main_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVetTool builds freshen-vet and runs it under go vet on a small module.
func TestVetTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary and runs go vet")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	tool := filepath.Join(t.TempDir(), "freshen-vet")
	build := exec.Command(gobin, "build", "-o", tool, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	mod, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vetmod"))
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")

	tests := []struct {
		name     string
		pkg      string
		wantCode int
		want     []string
		notWant  []string
	}{
		{
			name:     "findings",
			pkg:      "./app",
			wantCode: 1,
			want: []string{
				"main.go:17:2: freshen: http.Get(modelURL) can be prefetched before Handle runs (fetch #0)",
				"main.go:18:2: freshen: lib.Load(\"app.json\") can be prefetched before Handle runs (fetch #1)",
				"main.go:19:2: freshen: http.Post(resultsURL, \"text/plain\", r.Body) can have its connection to resultsURL opened before Handle runs (warm #2)",
				"main.go:22:2: freshen: malformed //freshen:ttl \"often\" at main.go:22",
				"main.go:23:2: freshen: http.Head(modelURL) can be prefetched before Handle runs (fetch #3)",
			},
			notWant: []string{"lib.Load(r.URL.Path)"},
		},
		{name: "clean", pkg: "./clean", wantCode: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(gobin, "vet", "-vettool="+tool, tt.pkg)
			cmd.Dir = mod
			cmd.Env = env
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("go vet: %v", err)
			}
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\n%s", code, tt.wantCode, out.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q\n%s", w, out.String())
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out.String(), w) {
					t.Errorf("output has %q\n%s", w, out.String())
				}
			}
		})
	}
}
