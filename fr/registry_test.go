package fr

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// unregister removes names from the registry so the test can run again
// in the same process (-count).
func unregister(t *testing.T, names ...string) {
	t.Cleanup(func() {
		registry.Lock()
		defer registry.Unlock()
		for _, n := range names {
			delete(registry.m, n)
		}
	})
}

func TestRegistry(t *testing.T) {
	a := NewState("example.com/reg.B", 1)
	b := NewState("example.com/reg.A", 2)
	unregister(t, a.Name(), b.Name(), "example.com/reg.Panics")
	var ran []string
	Register(a, func(ctx context.Context) error {
		ran = append(ran, "B")
		return a.Run(ctx, Fetch(0, func(context.Context) (string, error) { return "b", nil }))
	})
	Register(b, func(ctx context.Context) error {
		ran = append(ran, "A")
		return b.Run(ctx,
			Fetch(0, func(context.Context) (string, error) { return "a", nil }),
			Warm(1, func(context.Context) error { return errBoom }),
		)
	})

	names := Handlers()
	if !slices.IsSorted(names) || !slices.Contains(names, a.Name()) || !slices.Contains(names, b.Name()) {
		t.Fatalf("Handlers() = %v", names)
	}
	if s, ok := Lookup(a.Name()); !ok || s != a {
		t.Fatal("Lookup did not return the registered State")
	}
	if _, ok := Lookup("example.com/reg.Missing"); ok {
		t.Fatal("Lookup found an unregistered name")
	}

	if err := Freshen(context.Background(), a.Name()); err != nil {
		t.Fatal(err)
	}
	rep, err := FreshenReport(context.Background(), b.Name())
	if !errors.Is(err, errBoom) || !errors.Is(rep.Err, errBoom) {
		t.Fatalf("report error = %v", err)
	}
	if len(rep.Entries) != 2 || rep.Entries[0].Index != 0 || rep.Entries[0].State != Finished ||
		rep.Entries[0].Kind != "fetch" || rep.Entries[1].Index != 1 || !errors.Is(rep.Entries[1].Err, errBoom) {
		t.Fatalf("report entries = %+v", rep.Entries)
	}
	if rep.Handler != b.Name() || rep.Duration <= 0 {
		t.Fatalf("report = %+v", rep)
	}
	if !slices.Equal(ran, []string{"B", "A"}) {
		t.Fatalf("ran %v", ran)
	}

	err = Freshen(context.Background(), "example.com/reg.Nope")
	var unknown *UnknownHandlerError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), a.Name()) || !strings.Contains(err.Error(), b.Name()) {
		t.Fatalf("unknown name: %v", err)
	}

	// Re-registering the same State replaces its function.
	Register(a, func(context.Context) error { return errBoom })
	if err := Freshen(context.Background(), a.Name()); !errors.Is(err, errBoom) {
		t.Fatalf("replaced function not run: %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("a second State under a taken name was accepted")
			}
		}()
		Register(NewState(a.Name(), 1), func(context.Context) error { return nil })
	}()

	// A panicking freshen function is an error, not a crash.
	p := NewState("example.com/reg.Panics", 0)
	Register(p, func(context.Context) error { panic("freshen bug") })
	var pe *PanicError
	if err := Freshen(context.Background(), p.Name()); !errors.As(err, &pe) {
		t.Fatalf("panic: %v", err)
	}

	// Stats.
	var found bool
	for _, h := range Stats() {
		if h.Handler == b.Name() {
			found = true
			if h.Runs != 1 || h.Errors != 1 || h.Entries[0].Runs != 1 || h.Entries[1].Errors != 1 || h.Entries[1].Kind != "warm" {
				t.Fatalf("stats = %+v", h)
			}
		}
	}
	if !found {
		t.Fatal("Stats lacks a registered handler")
	}
}
