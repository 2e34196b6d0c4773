package fr

import (
	"context"
	"time"
)

// FrFetch wraps a read-only call whose result entry i prefetches:
//
//   - finished and fresh: returns the prefetched result (handed out once,
//     or a copy per caller when the entry has a TTL);
//   - running: waits for it, at most the entry's max wait and while ctx
//     allows, then runs call itself;
//   - idle: runs call. Concurrent callers of an idle entry whose result has
//     a safe copy share one call, each getting its own copy.
//
// Errors are never cached or served to another caller.
func FrFetch[T any](ctx context.Context, s *State, i int, call func() (T, error)) (T, error) {
	e := &s.entries[i]
	// Hit path: a TTL result, shared or copied. No locks, no clock read
	// (it costs more than the rest here: with the real clock, the entry's
	// timer removes the slot when it expires), and no allocation beyond
	// the copy itself.
	if sl := e.cur.Load(); sl != nil && !sl.once {
		if v, ok := sl.val.(T); ok && (s.clock.Load() == nil || s.now() < sl.exp) {
			if sl.cp != nil {
				v = copyOf(v, sl.cp)
			}
			if !sl.used.Load() {
				sl.used.Store(true)
			}
			e.m.hits.Add(1)
			return v, nil
		}
	}
	return fetchSlow(ctx, s, e, call)
}

// FrFetch1 is FrFetch for single-result calls (see Fetch1).
func FrFetch1[T any](ctx context.Context, s *State, i int, call func() T) T {
	v, _ := FrFetch(ctx, s, i, func() (T, error) {
		v := call()
		return v, errOf(v)
	})
	return v
}

func fetchSlow[T any](ctx context.Context, s *State, e *entry, call func() (T, error)) (T, error) {
	if v, ok := takeResult[T](s, e); ok {
		return v, nil
	}
	e.mu.Lock()
	f := e.run
	if f == nil {
		e.mu.Unlock()
		// A freshen may have finished since takeResult looked.
		if v, ok := takeResult[T](s, e); ok {
			return v, nil
		}
		return fetchInline(ctx, s, e, call)
	}
	f.waiters++
	done := f.wait()
	e.mu.Unlock()
	e.m.waits.Add(1)
	if waitFlight(ctx, done, time.Duration(e.maxWait.Load())) {
		if v, ok := takeResult[T](s, e); ok {
			return v, nil
		}
		if f.ok {
			if v, ok := f.val.(T); ok {
				e.m.hits.Add(1)
				return copyOf(v, f.cp), nil
			}
		}
	}
	return fetchInline(ctx, s, e, call)
}

// waitFlight waits for a flight's done channel, bounded by ctx and
// maxWait; reports whether the flight finished.
func waitFlight(ctx context.Context, done <-chan struct{}, maxWait time.Duration) bool {
	select {
	case <-done:
		return true
	default:
	}
	if maxWait <= 0 {
		return false
	}
	t := time.NewTimer(maxWait)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	case <-t.C:
		return false
	}
}

// takeResult serves the current slot if it is fresh and of type T.
func takeResult[T any](s *State, e *entry) (T, bool) {
	var zero T
	for {
		sl := e.cur.Load()
		if sl == nil {
			return zero, false
		}
		v, ok := sl.val.(T)
		if !ok {
			return zero, false
		}
		if s.now() >= sl.exp {
			if e.cur.CompareAndSwap(sl, nil) {
				e.retire(sl)
			}
			continue
		}
		if sl.once {
			if !e.cur.CompareAndSwap(sl, nil) {
				continue // someone else took it, or a newer one arrived
			}
			e.take(sl)
			return v, true
		}
		if !sl.used.Load() {
			sl.used.Store(true)
		}
		e.m.hits.Add(1)
		return copyOf(v, sl.cp), true
	}
}

// copyOf returns a copy of v made by c, or v itself when c is nil.
func copyOf[T any](v T, c *copier) T {
	if c == nil {
		return v
	}
	if f, ok := c.typed.(func(T) T); ok {
		return f(v)
	}
	return c.clone(v).(T)
}

// fetchInline runs call for a caller that found nothing to take, joining a
// concurrent inline call of the same entry when the result can be copied.
func fetchInline[T any](ctx context.Context, s *State, e *entry, call func() (T, error)) (T, error) {
	c := copierFor[T](e)
	if !c.ok {
		e.m.inline.Add(1)
		return call()
	}
	e.mu.Lock()
	if e.inl {
		f := e.inlWait
		if f == nil {
			f = &flight{done: make(chan struct{})}
			e.inlWait = f
		}
		e.mu.Unlock()
		e.m.coalesced.Add(1)
		if waitFlight(ctx, f.done, time.Duration(e.maxWait.Load())) && f.ok {
			return copyOf(f.val.(T), f.cp), nil
		}
		// The leader failed (its error is its own), is slower than the
		// wait allows, or ctx ended: run as written.
		e.m.inline.Add(1)
		return call()
	}
	e.inl = true
	e.mu.Unlock()
	e.m.inline.Add(1)

	finished := false
	defer func() {
		if !finished { // call panicked: release the followers
			e.mu.Lock()
			f := e.inlWait
			e.inl, e.inlWait = false, nil
			e.mu.Unlock()
			if f != nil {
				close(f.done)
			}
		}
	}()
	v, err := call()
	finished = true
	e.mu.Lock()
	f := e.inlWait
	e.inl, e.inlWait = false, nil
	e.mu.Unlock()

	ttl := time.Duration(e.ttl.Load())
	if f == nil && ttl <= 0 {
		return v, err
	}
	if err != nil || failure(v) != nil {
		if f != nil {
			close(f.done)
		}
		return v, err
	}
	// Others want this result (followers, or later callers through the
	// TTL): keep a frozen original and give everyone copies of it.
	fv, n, ferr := c.freezeValue(v, s.bodyLimit.Load())
	if ferr != nil {
		if f != nil {
			close(f.done)
		}
		return fv.(T), nil // the body was too large to keep: the caller streams it
	}
	if ttl > 0 {
		sl := &slot{val: fv, cp: c.copies(), exp: s.now() + int64(ttl), bytes: n}
		sl.used.Store(true)
		e.mu.Lock()
		if e.cur.CompareAndSwap(nil, sl) { // else a freshen result arrived meanwhile; keep it
			e.armLocked(sl, ttl, realNow())
		}
		e.mu.Unlock()
	}
	if f != nil {
		f.val, f.cp, f.ok = fv, c.copies(), true
		close(f.done)
	}
	return copyOf(fv.(T), c.copies()), nil
}
