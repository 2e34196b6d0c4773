package fr

import (
	"context"
	"sync"
	"time"
)

// actionCtx is the context a freshen action runs with. It carries Run's
// values but has a cancellation of its own: Run cancels it when its
// context or budget ends while the action runs, and afterwards it lives
// as long as the entry holds the result (see State.Run). It is embedded in
// the action's slot, so a run allocates no context per action.
//
// It has what context.WithCancel(context.WithoutCancel(ctx)) would give:
// no deadline, Err and context.Cause report context.Canceled once
// cancelled, and contexts derived from it are cancelled with it without a
// goroutine each (it implements the AfterFunc method that
// context.WithCancel looks for).
type actionCtx struct {
	// values answers Value: Run's context without its cancellation, so
	// that context.Cause finds no cancellation of Run's in it.
	values context.Context

	mu     sync.Mutex
	done   chan struct{}         // created on first use
	err    error                 // set by cancel
	afters map[*afterFn]struct{} // AfterFunc registrations not yet run
}

// afterFn is one AfterFunc registration; its address is its identity.
type afterFn struct{ f func() }

// closedChan is the Done channel of a context cancelled before anyone
// asked for it.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

func (c *actionCtx) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *actionCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		if c.err != nil {
			return closedChan
		}
		c.done = make(chan struct{})
	}
	return c.done
}

func (c *actionCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *actionCtx) Value(key any) any { return c.values.Value(key) }

func (c *actionCtx) String() string { return "fr.actionContext" }

// cancel cancels the context; later calls do nothing.
func (c *actionCtx) cancel() { c.cancelErr(context.Canceled) }

// cancelErr cancels the context with err as its Err (a build context
// reports its caller's deadline as such); later calls do nothing.
func (c *actionCtx) cancelErr(err error) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	if c.done != nil {
		close(c.done)
	}
	afters := c.afters
	c.afters = nil
	c.mu.Unlock()
	for a := range afters {
		go a.f()
	}
}

// AfterFunc runs f in its own goroutine once c is cancelled, like
// context.AfterFunc; stop unregisters f and reports whether it did so
// before f was started. context.WithCancel and friends use it to tie a
// derived context to c without a goroutine of their own.
func (c *actionCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		go f()
		return func() bool { return false }
	}
	key := &afterFn{f}
	if c.afters == nil {
		c.afters = map[*afterFn]struct{}{}
	}
	c.afters[key] = struct{}{}
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		if _, ok := c.afters[key]; !ok {
			return false
		}
		delete(c.afters, key)
		return true
	}
}
