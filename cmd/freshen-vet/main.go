// Command freshen-vet runs the freshen analyzer under go vet:
//
//	go vet -vettool=$(which freshen-vet) ./...
//
// It reports freshen opportunities that are not applied yet, wrappers whose
// calls drifted into using per-invocation values, and malformed
// //freshen: directives.
package main

import (
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/freshen-go/freshen/analyzer"
)

func main() { unitchecker.Main(analyzer.Analyzer) }
