// Package infer decides, from source alone, which calls a serverless handler
// makes can run before the handler with the same result (fetch) or can have
// their connection opened early (warm). It holds the API catalogue as data and
// the freshen-constant rules, and explains every I/O call it rejects.
//
// Analyze takes one type-checked package. It finds the handlers (see
// registrars and the //freshen:handler directive), walks every function
// they statically call inside the package, and classifies each catalogue
// call and each call to a fetch helper:
//
//   - fetch: the receiver, every argument but the context, and whatever
//     they point to are freshen-constant, and the entry's rule (constant
//     GET request, read-only SELECT) holds;
//   - warm: the operands the entry's warmer uses are constant (the client,
//     the URL's origin, the address);
//   - otherwise a Rejection with the operand and what blocks it.
//
// Constness is a def-use analysis over the whole package (every file, every
// function and closure): a variable is constant when it has one
// definition, from constant operands, and nobody takes its address, writes
// through it or shares a reference to it where it could be written. The
// rules are listed in the README ("What freshen recognises").
//
// The result is deterministic: findings are in source order (file name,
// then offset) and indices follow that order per handler.
package infer
