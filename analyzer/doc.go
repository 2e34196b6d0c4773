// Package analyzer provides Analyzer, a go/analysis pass that finds
// serverless handlers, asks infer for their freshen opportunities and reports
// one diagnostic per opportunity. It writes no files and is deterministic, so
// it runs under go vet -vettool, gopls, golangci-lint plugins and nogo.
package analyzer
