// Package fr is the freshen runtime that generated code imports: the
// per-handler fr_state, the FrFetch and FrWarm call-site wrappers, the TTL
// cache, connection warmers, the registry of freshen functions and metrics.
package fr
