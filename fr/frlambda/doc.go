// Package frlambda triggers freshen in AWS Lambda functions written with
// github.com/aws/aws-lambda-go.
//
// Wrap the handler before starting it; freshen-gen looks through Wrap and
// treats handle as the handler:
//
//	func handle(ctx context.Context, ev Event) (Out, error) { ... }
//
//	func main() { lambda.Start(frlambda.Wrap(handle, frlambda.Options{})) }
//
// The wrapped handler answers three kinds of events itself instead of
// passing them to the function:
//
//	{"freshen": {"handler": "NAME"}}            freshen NAME ({"freshen": {}} freshens all)
//	{"source": "serverless-plugin-warmup"}      serverless-plugin-warmup's ping
//	{"warmer": true, "concurrency": 3}          lambda-warmer's ping ("concurrency" optional)
//
// Only these exact shapes count: keys spelt exactly so (JSON decoding into
// a struct would also accept "WARMER"), no other field at either level, no
// repeated key, nothing after the object. An event that merely contains
// one of them, such as {"orderId": 42, "warmer": true}, is the function's.
// Handler names may be short ("Handle"), as fr/trigger.Resolve describes.
//
// Freshen runs synchronously and the response is a small JSON report,
// because Lambda freezes the execution environment as soon as the
// invocation returns: work left running in the background would stall
// until the next invocation. Any other event goes to the function
// untouched, and counts as an invocation for the gate's hit/waste
// accounting.
//
// A chain predecessor fires the freshen event with an asynchronous
// Invoke (InvocationType Event), see fr/chain. Lambda does not promise
// that the environment it picks is the one the next request lands in;
// with warm, steadily used functions it usually is.
package frlambda
