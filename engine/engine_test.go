package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// testModule copies testdata/gen/mod/name to a temporary directory with
// its replace directive pointing at this checkout (copyModule), and
// returns it with the environment that resolves everything from the
// module cache.
func testModule(t *testing.T, name string) (string, []string) {
	t.Helper()
	return copyModule(t, name), testEnv()
}

// TestPipeline runs the engine end to end, under the race detector when
// the suite does: load, compute, write; then a deleted generated file is
// rebuilt for loading and written again byte for byte.
func TestPipeline(t *testing.T) {
	dir, env := testModule(t, "basic")
	opts := Options{Dir: dir, Env: env}
	changes := func() []*PackageChanges {
		t.Helper()
		prog, err := Load(context.Background(), opts, "./...")
		if err != nil {
			t.Fatal(err)
		}
		pcs, err := prog.Changes()
		if err != nil {
			t.Fatal(err)
		}
		return pcs
	}
	pcs := changes()
	if len(pcs) != 1 || len(pcs[0].Changes) != 2 || pcs[0].Plan == nil || len(pcs[0].Plan.Handlers) != 1 {
		t.Fatalf("first run: %+v", pcs)
	}
	if err := Write(Flatten(pcs)); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(dir, "freshen_gen.go")
	want, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	// (That a second run changes nothing is checked end to end by
	// cmd/freshen-gen's tests; each load here costs much under -race.)
	os.Remove(gen)
	prog, err := Load(context.Background(), opts, "./...")
	if err != nil {
		t.Fatalf("load without freshen_gen.go: %v", err)
	}
	if prog.Packages[0].Recovered != gen {
		t.Errorf("Recovered = %q, want %q", prog.Packages[0].Recovered, gen)
	}
	pcs, err = prog.Changes()
	if err != nil {
		t.Fatal(err)
	}
	if c := Flatten(pcs); len(c) != 1 || c[0].Path != gen || string(c[0].New) != string(want) {
		t.Errorf("changes after deleting freshen_gen.go: %+v", c)
	}
}

// testEnv resolves every module from the module cache or a replace.
func testEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
}
