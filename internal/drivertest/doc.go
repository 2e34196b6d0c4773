// Package drivertest runs an analyzer under the drivers freshen supports
// (go vet -vettool, go/analysis/checker over go/packages, a golangci-lint
// binary with the freshen plugin) and returns what each reported in one
// form, so tests can assert that the drivers agree.
//
// Paths in the results are relative to the analysed module's root and use
// forward slashes; diagnostics are sorted and deduplicated (go vet and the
// checker also analyse each package's test variant, which repeats the
// package's own diagnostics).
package drivertest
