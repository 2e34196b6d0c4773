package fr

import (
	"time"

	"sync/atomic"
)

// entryMetrics are the counters of one entry. They only grow, so a
// platform (or the gating in the triggers) can diff two snapshots.
type entryMetrics struct {
	runs      atomic.Uint64 // freshen actions started
	runErrs   atomic.Uint64 // freshen actions that failed (error, panic, deadline)
	hits      atomic.Uint64 // calls served by a freshen result, warmed resource or runtime-scoped value
	inline    atomic.Uint64 // calls that ran themselves
	waits     atomic.Uint64 // calls that waited for a running freshen
	coalesced atomic.Uint64 // calls that joined another caller's inline call
	wasted    atomic.Uint64 // results expired or replaced before any use
	bytes     atomic.Uint64 // bytes prefetched
	wall      atomic.Int64  // freshen wall time, ns
	hoisted   atomic.Uint64 // runtime-scoped values built and kept (hoist entries)
}

// EntryStats is a snapshot of one entry's counters.
type EntryStats struct {
	Index     int           `json:"index"`
	Kind      string        `json:"kind"`  // "fetch", "warm", "handoff", "hoist" or "unused"
	State     string        `json:"state"` // "idle", "running" or "finished"
	Runs      uint64        `json:"runs"`
	Errors    uint64        `json:"errors"`
	Hits      uint64        `json:"hits"`
	Inline    uint64        `json:"inline"`
	Waits     uint64        `json:"waits"`
	Coalesced uint64        `json:"coalesced"`
	Wasted    uint64        `json:"wasted"`
	Bytes     uint64        `json:"bytes"`
	Wall      time.Duration `json:"wall_ns"`
	// Hoisted is 1 once a hoist entry keeps its runtime-scoped value,
	// whether freshen or a call built it.
	Hoisted uint64 `json:"hoisted"`
}

// HandlerStats is a snapshot of one handler's counters.
type HandlerStats struct {
	Handler string        `json:"handler"`
	Runs    uint64        `json:"runs"`   // State.Run calls (freshen runs)
	Errors  uint64        `json:"errors"` // freshen runs that returned an error
	Wall    time.Duration `json:"wall_ns"`
	Entries []EntryStats  `json:"entries"`
}

// Stats returns a snapshot of the counters of s.
func (s *State) Stats() HandlerStats {
	h := HandlerStats{
		Handler: s.name,
		Runs:    s.runs.Load(),
		Errors:  s.runErrs.Load(),
		Wall:    time.Duration(s.runWall.Load()),
		Entries: make([]EntryStats, len(s.entries)),
	}
	for i := range s.entries {
		e := &s.entries[i]
		h.Entries[i] = EntryStats{
			Index:     i,
			Kind:      kind(e.kind.Load()).String(),
			State:     s.EntryState(i).String(),
			Runs:      e.m.runs.Load(),
			Errors:    e.m.runErrs.Load(),
			Hits:      e.m.hits.Load(),
			Inline:    e.m.inline.Load(),
			Waits:     e.m.waits.Load(),
			Coalesced: e.m.coalesced.Load(),
			Wasted:    e.m.wasted.Load(),
			Bytes:     e.m.bytes.Load(),
			Wall:      time.Duration(e.m.wall.Load()),
			Hoisted:   e.m.hoisted.Load(),
		}
	}
	return h
}

// Stats returns a snapshot of every registered handler, sorted by name.
// fr publishes nothing by itself: importing expvar would serve
// /debug/vars (memory statistics, the command line) on
// http.DefaultServeMux of every rewritten program. To publish it:
//
//	expvar.Publish("freshen", expvar.Func(func() any { return fr.Stats() }))
func Stats() []HandlerStats {
	states := registered()
	out := make([]HandlerStats, 0, len(states))
	for _, s := range states {
		out = append(out, s.Stats())
	}
	return out
}
