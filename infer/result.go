package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"time"
)

// Kind says what freshen can do for a call.
type Kind string

const (
	// Fetch: the call reads data with freshen-constant operands; freshen
	// runs it early and FrFetch hands its result to the handler.
	Fetch Kind = "fetch"
	// Warm: the call's endpoint is constant but the call itself cannot run
	// early (a write, or a request that depends on the invocation); freshen
	// opens or checks the connection and FrWarm runs the call as written.
	Warm Kind = "warm"
	// Hoist: the call builds a client or configuration from
	// freshen-constant arguments on every invocation; the value is built
	// once per runtime instead (by the freshen hook, or the first
	// invocation) and FrHoist hands it to every invocation, so its
	// connection pool is reused and can be warmed.
	Hoist Kind = "hoist"
)

// Result is what inference found in one package.
type Result struct {
	Pkg      *types.Package
	Handlers []*Handler // sorted by position

	// Problems are errors in the user's freshen setup: drifted wrappers,
	// index drift, malformed directives. Sorted by position.
	Problems []*Problem
	// Helpers are this package's functions that are themselves fetches
	// when called with constant arguments (exported as analysis facts).
	Helpers map[*types.Func]*HelperSummary
	// Writes are the resources this package's exported functions write
	// (through anything they call), exported as analysis facts.
	Writes map[*types.Func][]Write
	// PackageWrites are the resources any code of the package may write
	// (every function and initializer, keys evaluated where constant),
	// exported as a package fact: the program that links the package may
	// run any of it in the process of a handler elsewhere.
	PackageWrites []Write
	// Registrations are the handler registrations seen in the package
	// (lambda.Start, http.HandleFunc, ...), followed or not, in source
	// order.
	Registrations []*Registration
}

// Registration is one call that registers a handler.
type Registration struct {
	Pos    token.Pos
	Via    string // the registrar, e.g. "lambda.Start"
	Target string // the handler argument as written
	// Handler is the handler's name ("<pkgpath>.<Func>") when it names a
	// function; it may live in another package.
	Handler string
	// Followed says freshen analyses the handler in this package;
	// otherwise Why says why not.
	Followed bool
	Why      string
}

// NamedWrites are the writes of the code of another package.
type NamedWrites struct {
	Pkg    string // the package's name, for messages
	Writes []Write
}

// Problem is an error diagnostic that is not an opportunity.
type Problem struct {
	Pos     token.Pos
	Handler string // "" when not tied to a handler (directives)
	// Code is "drift" (a wrapped call is no longer freshen-constant or
	// changed kind), "index" (a wrapper's index disagrees with the
	// generated state) or "directive" (malformed //freshen: comment).
	Code    string
	Message string
	// Fix, when set, is a text edit that resolves the problem by itself
	// (index drift: name the generated constant that holds the right index).
	Fix *Edit
}

// Edit replaces the source between Pos and End with NewText.
type Edit struct {
	Pos, End token.Pos
	NewText  string
}

// HelperSummary describes a function whose only I/O is one catalogue fetch
// driven by its parameters: a call to it with constant arguments is a fetch.
type HelperSummary struct {
	Func     string // (*types.Func).FullName()
	API      string // catalogue entry of the fetch inside
	CtxParam int    // index of its context.Context parameter, -1 if none
	// Reads is what the fetch inside reads, its key possibly built from
	// a parameter (the read-after-write rule evaluates it per call).
	Reads Write
	// ClientParams are parameters that carry a client (a *sql.DB, an
	// SDK client): at each call their argument is judged like a
	// receiver, so votes(db) with a package-level db is a fetch.
	ClientParams []int `json:",omitempty"`
	// Method: the helper is a method whose receiver is judged at each
	// call like a client (s.load(ctx) with a frozen s).
	Method bool `json:",omitempty"`
	// Warm is set for a warm helper: its only I/O is one call that can
	// only be warmed (a write, or a read of something the arguments
	// pick), whose endpoint depends only on constants and the helper's
	// parameters. A call to it is then a warm with this form.
	Warm *WarmForm `json:",omitempty"`
}

// WarmForm is how the freshen function warms the endpoint of a warm
// helper's call: the fr warmer and its arguments after ctx, as Go
// expressions over placeholders (_N: argument N of the call, _pN: the
// constant origin prefix of argument N) and package names in Imports.
type WarmForm struct {
	Func    string
	Args    []string
	Imports map[string]string `json:",omitempty"`
	// Local: the form names unexported identifiers of the helper's
	// package, so only that package can use it.
	Local bool `json:",omitempty"`
}

// Write is a resource a function writes: its kind ("file", "http", "s3",
// "dynamodb", "ssm", "secret", "sql", "redis", "gcs") and, when Known, every
// key (a cleaned path, scheme://host/path, a bucket, a table, a key).
// Drivers export them for exported functions as facts, so a handler in
// another package that reads the same resource does not prefetch it.
type Write struct {
	Kind  string
	Keys  []string
	Known bool
	// KeyParam >= 0 says the key is KeyPrefix + that parameter's
	// argument + KeySuffix, known at each call with a constant argument.
	KeyParam             int
	KeyPrefix, KeySuffix string
}

// Handler is one function that a platform invokes.
type Handler struct {
	Name string // "<pkgpath>.<Func>", methods "<pkgpath>.<Type>.<Method>"
	Func *types.Func
	Decl *ast.FuncDecl
	Via  string // how it was recognised: "lambda.Start", "http.HandleFunc", "//freshen:handler", ...

	Findings   []*Finding   // source order; Findings[i].Index == i
	Rejections []*Rejection // I/O calls reachable from the handler that freshen leaves alone
}

// Finding is one freshen opportunity: a call site and what freshen does for it.
type Finding struct {
	Kind    Kind
	Handler string // Handler.Name
	Index   int    // fr_state index within the handler

	Call *ast.CallExpr // the call as written
	Pos  token.Pos     // Call.Pos()
	Text string        // source text of the call
	API  string        // catalogue entry ID, e.g. "net/http.Get"
	// Helper is the FullName of the helper function called when the
	// finding is a call to a fetch helper (API is then the fetch inside).
	Helper string

	// Results are the call's result types; HasErr says the last is error.
	// Only (T) and (T, error) shapes are findings.
	Results []types.Type
	HasErr  bool

	// CtxArg is the call's own context argument (nil if the API takes none).
	CtxArg ast.Expr

	// Freshen is, for a fetch, the call to run inside the freshen function
	// (for a hoist, the constructor call that builds the value):
	// package-scope expression, locals inlined, the context is the ident
	// "ctx". WarmFunc/WarmArgs are, for a warm, the fr warmer to call
	// (e.g. "WarmHTTP") and its arguments after ctx, same rules.
	Freshen  ast.Expr
	WarmFunc string
	WarmArgs []ast.Expr
	// Handoff is set for warms whose warmer produces a value that FrWarm
	// hands to the call site (pre-dialled connections).
	Handoff bool
	// WhyWarm is, for a warm of an API that can fetch (http.Get,
	// s3.GetObject, ...), why the call is not a fetch, with the blocker's
	// position: "argument id depends on parameter r (main.go:42)".
	WhyWarm string
	// Resource is the source text of the operand that picks the endpoint
	// of a warm (the URL prefix, address or client), for messages.
	Resource string

	// PkgRefs maps each package-name ident in Freshen/WarmArgs to its
	// import path, so codegen can qualify it in another file.
	PkgRefs map[*ast.Ident]string
	// HoistRefs maps each ident in Freshen/WarmArgs that stands for the
	// runtime-scoped value of a hoist finding of the same handler (a
	// client built by a hoisted constructor) to that finding's index.
	// codegen spells it fr.Hoisted[T](ctx, state, index), so the hook
	// uses, and warms, the very value the handler gets from FrHoist.
	HoistRefs map[*ast.Ident]int

	TTL    time.Duration // from //freshen:ttl, 0 = hand out once
	TTLSet bool

	// Wrapped is set when the call already sits inside fr.FrFetch/FrWarm/FrHoist;
	// WrappedIndex is the index the wrapper names (-1 if not a constant).
	Wrapped      bool
	WrappedIndex int
	Wrapper      *ast.CallExpr

	Ignored string // reason from //freshen:ignore, "" if not ignored
	// Skip is non-empty when the call cannot be rewritten in place (for
	// example inside defer or go); codegen still reports it.
	Skip string
}

// Rejection is an I/O call that freshen does not touch, and why.
type Rejection struct {
	Handler string
	Pos     token.Pos
	Text    string
	API     string
	Reason  string    // "argument id depends on parameter r"
	Blocker token.Pos // position of the blocking operand or definition
}

// Explain renders the reason with the blocker's position, e.g.
// "argument id depends on parameter r (main.go:42)".
func (r *Rejection) Explain(fset *token.FileSet) string {
	if !r.Blocker.IsValid() {
		return r.Reason
	}
	// The file as it is on disk: a //line directive would name a file
	// the user cannot open.
	p := fset.PositionFor(r.Blocker, false)
	return fmt.Sprintf("%s (%s:%d)", r.Reason, filepath.Base(p.Filename), p.Line)
}
