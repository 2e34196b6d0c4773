// Package codegen emits freshen_gen.go for a package: each handler's fr_state,
// its named indices, its freshen function and its registration with the
// runtime. Output is deterministic byte for byte.
package codegen
