// Package analyzer provides Analyzer, a go/analysis pass that finds
// serverless handlers, asks infer for their freshen opportunities and reports
// one diagnostic per opportunity. It writes no files and is deterministic, so
// it runs under go vet -vettool, gopls, golangci-lint plugins and nogo.
//
// The pass's result is the package's *infer.Result (handlers, findings in
// fr_state order, rejections with reasons, problems). Diagnostics:
//
//   - category "fetch" / "warm": an opportunity not applied yet and not
//     ignored with //freshen:ignore;
//   - category "drift": an fr.FrFetch/FrWarm wrapper whose call is no longer
//     freshen-constant or changed kind;
//   - category "index": a wrapper index, or a generated fr_state size, that
//     disagrees with the code (a SuggestedFix renames the index constant
//     when the generated file declares the right one);
//   - category "directive": a malformed //freshen: comment.
//
// Exported fetch helpers (functions whose only I/O is one catalogue fetch
// driven by their parameters) are exported as HelperFact, and packages that
// have them as HasHelpers, so calls across packages are classified too.
// Functions that may change the process environment are exported as
// EnvFact (packages with them as HasEnvWrites): a handler that calls one
// keeps its constructors per invocation.
package analyzer
