// Package infer decides, from source alone, which calls a serverless handler
// makes can run before the handler with the same result (fetch) or can have
// their connection opened early (warm). It holds the API catalogue as data and
// the freshen-constant rules, and explains every I/O call it rejects.
package infer
