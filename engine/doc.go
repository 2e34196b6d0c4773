// Package engine is freshen-gen's load → analyze → plan → rewrite pipeline
// as a library, for drivers other than the command line (editor
// integrations, linters, build tools).
//
// A run has three steps:
//
//	prog, err := engine.Load(ctx, engine.Options{Dir: dir, Settings: s}, "./...")
//	changes, err := prog.Changes()   // every change fix would make; nothing is written
//	err = engine.Write(engine.Flatten(changes)) // all files or none
//
// Load lists the packages with the go command (so go.work, GOFLAGS and
// build tags apply as in go build) and runs analyzer.Analyzer over them
// with facts flowing from each package to its importers, as go vet does,
// so the library and the vet tool never disagree. Only the roots, and the
// dependencies the analyzer could export a fact for, are type-checked from
// source; everything else is read from the compiler's export data. What
// the analysis learns about a package is kept in a cache (see Options)
// keyed by the package's files, its dependencies, the build settings and
// the binary, so an unchanged package is not analysed twice; List serves
// an unchanged tree from it without loading any syntax.
//
// A package that does not type-check fails Load with a *LoadError; the one
// exception is a package whose only errors are names that the generated
// file declares (a deleted or stale freshen_gen.go): it is loaded with that
// file rebuilt in memory from the wrapped call sites, and Changes then
// writes the real one.
//
// Settings are the knobs shared by every driver (handler filter, build
// tags, default TTL); their JSON form is what configuration files use.
package engine
