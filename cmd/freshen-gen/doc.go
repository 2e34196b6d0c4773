// Command freshen-gen finds freshen opportunities in Go serverless handlers,
// generates each package's freshen hook (freshen_gen.go) and wraps the call
// sites in fr.FrFetch / fr.FrWarm.
//
// Usage:
//
//	freshen-gen [fix] [flags] [packages]   write freshen_gen.go and rewrite call sites (alias gen)
//	freshen-gen list [-json] [--explain]    show opportunities (and rejected I/O calls)
//	freshen-gen diff [packages]             unified diff of what fix would change; exit 1 if any
//	freshen-gen check [--format text|json|sarif] [packages]
//	                                        CI gate: exit 1 when fix would change anything
//	freshen-gen overlay -o DIR [packages]   write the change under DIR plus DIR/overlay.json
//	                                        for go build -overlay, leaving the sources untouched;
//	                                        DIR is outside the module or one go ignores (_freshen)
//	freshen-gen version
//
// Common flags: -tags, --ttl (default TTL for fetches), --handlers (restrict
// by name), -C dir. Exit status: 0 success, 1 differences (diff, check),
// 2 errors (load or type errors, unwritable files); nothing is written when
// any package fails to load.
package main
