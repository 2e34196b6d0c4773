// Package golangci registers the freshen analyzer as a golangci-lint v2
// module plugin named "freshen".
//
// golangci-lint links module plugins into a binary of its own, built by
// `golangci-lint custom` from a .custom-gcl.yml that names this package:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/freshen-go/freshen
//	    import: github.com/freshen-go/freshen/golangci
//	    version: v0.0.0 # the freshen version to lint with
//
// The linter is then enabled in .golangci.yml under the name freshen,
// with type module:
//
//	version: "2"
//	linters:
//	  default: none
//	  enable:
//	    - freshen
//	  settings:
//	    custom:
//	      freshen:
//	        type: module
//	        description: I/O a serverless handler can do before it is invoked
//	        original-url: https://github.com/freshen-go/freshen
//	        settings:
//	          handlers: [Handle, example.com/app/worker.Run]
//
// The linter reports what `go vet -vettool=$(which freshen-vet)` reports,
// at the same positions and with the same messages, and offers the same
// suggested fix for index drift (golangci-lint run --fix applies it). Build
// tags come from golangci-lint's own run.build-tags. Settings (all
// optional) are listed on [Settings]; unknown keys are an error.
package golangci
