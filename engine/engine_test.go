package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestCrossPackageRegistration: a handler registered in package main but
// declared in another loaded package is analysed in its own package, and
// list no longer says the registration was not followed.
func TestCrossPackageRegistration(t *testing.T) {
	dir, env := testModule(t, "crosspkg")
	prog, err := Load(context.Background(), Options{Dir: dir, Env: env}, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var handlers []string
	followed := 0
	for _, p := range prog.Packages {
		for _, h := range p.Result.Handlers {
			handlers = append(handlers, fmt.Sprintf("%s via %s: %d", h.Name, h.Via, len(h.Findings)))
		}
		for _, r := range p.Result.Registrations {
			if r.Followed {
				followed++
			} else {
				t.Errorf("registration of %s not followed: %s", r.Target, r.Why)
			}
		}
	}
	want := "example.com/crosspkg/handler.Votes via registered in another package: 1"
	if len(handlers) != 1 || handlers[0] != want || followed != 1 {
		t.Errorf("handlers %q, %d followed; want [%q], 1", handlers, followed, want)
	}
}

// testEnv resolves every module from the module cache or a replace.
func testEnv() []string {
	return append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
}

// TestCrossPackageRegistrationListed: list shows the handler registered
// across packages, from a fresh analysis and again from the cache, and
// listing the handler's package alone (main not loaded) does not reuse
// the answer that needed main.
func TestCrossPackageRegistrationListed(t *testing.T) {
	dir, env := testModule(t, "crosspkg")
	opts := Options{Dir: dir, Env: env, CacheDir: t.TempDir()}
	handlers := func(patterns ...string) []string {
		t.Helper()
		lists, err := List(context.Background(), opts, patterns...)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range lists {
			for _, h := range l.Handlers {
				out = append(out, h.Name)
			}
			for _, r := range l.Unfollowed {
				t.Errorf("%s: registration of %s not followed: %s", l.PkgPath, r.Target, r.Why)
			}
		}
		return out
	}
	want := "example.com/crosspkg/handler.Votes"
	for i := 0; i < 2; i++ {
		if got := handlers("./..."); len(got) != 1 || got[0] != want {
			t.Errorf("run %d: handlers %v, want [%s]", i, got, want)
		}
	}
	if got := handlers("./handler"); len(got) != 0 {
		t.Errorf("./handler alone: handlers %v, want none (nothing registers it)", got)
	}
}

// TestHoistEnvAcrossPackages: a handler that changes the environment
// through a function of another package of the module (directly, or
// through a third package that does not import os itself) keeps its
// constructor per invocation, whether the dependencies' facts are computed
// or read from the cache; a handler that only reads the environment keeps
// its hoist.
func TestHoistEnvAcrossPackages(t *testing.T) {
	dir, env := testModule(t, "hoistenv")
	cacheDir := t.TempDir()
	want := map[string]string{
		"direct":   "the handler calls awsenv.UseDatabase, which calls os.Setenv, and what the constructor builds may depend on the environment (main.go:22)",
		"indirect": "the handler calls tenant.Select, which calls os.Setenv, and what the constructor builds may depend on the environment (main.go:28)",
		"clean":    "hoist",
	}
	for run := 0; run < 2; run++ {
		prog, err := Load(context.Background(), Options{Dir: dir, Env: env, CacheDir: cacheDir}, ".")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, p := range prog.Packages {
			for _, h := range p.Result.Handlers {
				name := h.Name[strings.LastIndex(h.Name, ".")+1:]
				for _, f := range h.Findings {
					if f.API == "database/sql.Open" {
						got[name] = string(f.Kind)
					}
				}
				for _, rj := range h.Rejections {
					if strings.HasPrefix(rj.Text, "sql.Open") {
						got[name] = rj.Explain(p.Fset)
					}
				}
			}
		}
		for name, w := range want {
			if got[name] != w {
				t.Errorf("run %d: %s: %q, want %q", run, name, got[name], w)
			}
		}
	}
}

// TestWritesThroughReturnedValues: repo writes through a *sql.DB that
// store returns and imports nothing of database/sql; loaded as a
// dependency of main only, it is still analysed from source (its import
// store was), so its write reaches main as a fact, computed and cached.
func TestWritesThroughReturnedValues(t *testing.T) {
	dir, env := testModule(t, "rawindirect")
	cacheDir := t.TempDir()
	for run := 0; run < 2; run++ {
		prog, err := Load(context.Background(), Options{Dir: dir, Env: env, CacheDir: cacheDir}, ".")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, p := range prog.Packages {
			for _, h := range p.Result.Handlers {
				name := h.Name[strings.LastIndex(h.Name, ".")+1:]
				for _, f := range h.Findings {
					got[name] = string(f.Kind) + ": " + f.WhyWarm
				}
			}
		}
		want := map[string]string{
			"Flags":  `warm: the handler also writes the database (flags) with repo.SetFlag(r.Context(), r.FormValue("name")), so a read made before it runs could miss that write (main.go:20)`,
			"Models": "fetch: ",
		}
		for name, w := range want {
			if got[name] != w {
				t.Errorf("run %d: %s: %q, want %q", run, name, got[name], w)
			}
		}
	}
}

// TestProgramWrites: a package the handler's package does not import
// (admin, linked by main for its init) writes what the handler reads;
// freshen-gen, which loads the whole program, sees it, computed and
// cached.
func TestProgramWrites(t *testing.T) {
	dir, env := testModule(t, "progwrites")
	cacheDir := t.TempDir()
	for run := 0; run < 2; run++ {
		prog, err := Load(context.Background(), Options{Dir: dir, Env: env, CacheDir: cacheDir}, "./...")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, p := range prog.Packages {
			if p.Result == nil {
				continue
			}
			for _, h := range p.Result.Handlers {
				name := h.Name[strings.LastIndex(h.Name, ".")+1:]
				for _, f := range h.Findings {
					got[name] = string(f.Kind)
				}
				for _, rj := range h.Rejections {
					got[name] = rj.Explain(p.Fset)
				}
			}
		}
		want := map[string]string{
			"Get":    "package admin of the same program writes a file (/mnt/efs/settings.json) with its code, so a read made before this handler runs could miss that write",
			"Models": "fetch",
		}
		for name, w := range want {
			if got[name] != w {
				t.Errorf("run %d: %s: %q, want %q", run, name, got[name], w)
			}
		}
	}
}
