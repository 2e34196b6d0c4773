package fr

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// model is the state machine of one entry, written as plainly as possible.
type model struct {
	now     time.Duration
	ttl     time.Duration
	slot    *modelSlot
	hits    uint64
	inline  uint64
	wasted  uint64
	freshen int
	calls   int
}

type modelSlot struct {
	val  string
	exp  time.Duration
	once bool
	used bool
}

const fuzzHold = time.Hour

func (m *model) drop() {
	if m.slot != nil && !m.slot.used {
		m.wasted++
	}
	m.slot = nil
}

func (m *model) fresh() bool { return m.slot != nil && m.now < m.slot.exp }

// FuzzStateMachine drives random interleavings of freshen (succeeding or
// failing), calls, clock advances and TTL changes against the model. Its
// seed corpus runs in every `go test`.
func FuzzStateMachine(f *testing.F) {
	for _, seed := range [][]byte{
		{0, 2, 2},          // freshen, hit, inline
		{2, 0, 0, 2},       // inline, freshen replaced unused
		{4, 0, 2, 2, 3, 2}, // TTL: freshen, hits, advance
		{4, 2, 2, 21, 2},   // TTL: inline cached, expiry
		{1, 2, 5, 2},       // failing and panicking freshen
		{4, 0, 4, 0, 2, 2}, // TTL toggled off: once again
		{0, 45, 2, 0, 2},   // a long advance
	} {
		f.Add(seed)
	}
	f.Fuzz(fuzzBody)
}

// fuzzBody runs one sequence of operations against State and model.
func fuzzBody(t *testing.T, ops []byte) {
	if len(ops) > 256 {
		ops = ops[:256]
	}
	s := NewState("fuzz.StateMachine", 1)
	s.SetHold(0, fuzzHold)
	clock := newFakeClock(s)
	start := clock.Now()
	m := &model{}
	ctx := context.Background()
	for step, b := range ops {
		op, arg := b%6, time.Duration(b/6)
		switch op {
		case 0: // freshen
			m.freshen++
			val := fmt.Sprintf("f%d", m.freshen)
			if err := s.Run(ctx, Fetch(0, func(context.Context) (string, error) { return val, nil })); err != nil {
				t.Fatalf("step %d: freshen: %v", step, err)
			}
			m.drop()
			if m.ttl > 0 {
				m.slot = &modelSlot{val: val, exp: m.now + m.ttl}
			} else {
				m.slot = &modelSlot{val: val, exp: m.now + fuzzHold, once: true}
			}
		case 1: // failing freshen: leaves the entry as it was
			if err := s.Run(ctx, Fetch(0, func(context.Context) (string, error) { return "", errBoom })); !errors.Is(err, errBoom) {
				t.Fatalf("step %d: failing freshen returned %v", step, err)
			}
		case 2: // call
			m.calls++
			inl := fmt.Sprintf("i%d", m.calls)
			got, err := FrFetch(ctx, s, 0, func() (string, error) { return inl, nil })
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			var want string
			switch {
			case m.fresh() && m.slot.once:
				want = m.slot.val
				m.slot.used = true
				m.slot = nil
				m.hits++
			case m.fresh():
				want = m.slot.val
				m.slot.used = true
				m.hits++
			default:
				if m.slot != nil {
					m.drop()
				}
				want = inl
				m.inline++
				if m.ttl > 0 {
					m.slot = &modelSlot{val: inl, exp: m.now + m.ttl, used: true}
				}
			}
			if got != want {
				t.Fatalf("step %d: call got %q, model wants %q (ops %v)", step, got, want, ops)
			}
		case 3: // advance the clock
			d := arg * 5 * time.Minute
			clock.Advance(d)
			m.now += d
		case 4: // toggle the TTL
			if m.ttl == 0 {
				m.ttl = 30 * time.Minute
			} else {
				m.ttl = 0
			}
			s.SetTTL(0, m.ttl)
		case 5: // panicking freshen
			var pe *PanicError
			if err := s.Run(ctx, Fetch(0, func(context.Context) (string, error) { panic("fuzz") })); !errors.As(err, &pe) {
				t.Fatalf("step %d: panicking freshen returned %v", step, err)
			}
		}
		if clock.Now().Sub(start) != m.now {
			t.Fatal("clock and model diverged")
		}
		wantState := Idle
		if m.fresh() {
			wantState = Finished
		}
		if got := s.EntryState(0); got != wantState {
			t.Fatalf("step %d: state %v, model %v (ops %v)", step, got, wantState, ops)
		}
		st := s.Stats().Entries[0]
		if st.Hits != m.hits || st.Inline != m.inline {
			t.Fatalf("step %d: hits/inline %d/%d, model %d/%d (ops %v)", step, st.Hits, st.Inline, m.hits, m.inline, ops)
		}
		if st.Wasted != m.wasted {
			t.Fatalf("step %d: wasted %d, model %d (ops %v)", step, st.Wasted, m.wasted, ops)
		}
	}
}
