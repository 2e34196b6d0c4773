package fr

import (
	"context"
	"net"
	"time"
)

// FrWarm wraps a call whose connection entry i warms. When freshen is
// warming the entry, it waits for that (bounded like FrFetch); then it runs
// call as written. When the entry holds a pre-dialled value of type T
// (WarmHandoff), that value is returned instead of running call, once.
// Nothing is warmed inline: that cannot beat the call itself.
func FrWarm[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	e := s.entry(i)
	v, handed, found := takeWarm[T](s, e)
	if handed {
		return v, nil
	}
	if !found {
		var done <-chan struct{}
		e.mu.Lock()
		if f := e.run; f != nil {
			done = f.wait()
		}
		e.mu.Unlock()
		if done != nil {
			e.m.waits.Add(1)
			if waitFlight(ctx, done, time.Duration(e.maxWait.Load())) {
				if v, handed, found = takeWarm[T](s, e); handed {
					return v, nil
				}
			}
		}
	}
	if !found {
		e.m.inline.Add(1)
	}
	return call()
}

// FrWarm1 is FrWarm for single-result calls.
func FrWarm1[T any](ctx context.Context, s *State, i int, call func() T) T {
	v, _ := FrWarm(ctx, s, i, func() (T, error) { return call(), nil })
	return v
}

// takeWarm consumes the entry's warm result: handed reports a hand-off
// value of type T returned to the caller; found reports a plain warm (the
// caller runs its call on the warmed connection). Both count as hits.
func takeWarm[T any](s *State, e *entry) (v T, handed, found bool) {
	var zero T
	for {
		sl := e.cur.Load()
		if sl == nil {
			return zero, false, false
		}
		if s.now() >= sl.exp {
			if e.cur.CompareAndSwap(sl, nil) {
				e.retire(sl)
			}
			continue
		}
		if _, ok := sl.val.(warmed); ok {
			if !e.cur.CompareAndSwap(sl, nil) {
				continue
			}
			e.take(sl)
			return zero, false, true
		}
		v, ok := sl.val.(T)
		if !ok {
			return zero, false, false
		}
		if !e.cur.CompareAndSwap(sl, nil) {
			continue
		}
		if c, isConn := any(v).(net.Conn); isConn && Alive(c) != nil {
			// The peer closed the pre-dialled connection while it
			// waited: the caller dials as written.
			e.retire(sl)
			return zero, false, false
		}
		e.take(sl)
		return v, true, true
	}
}
