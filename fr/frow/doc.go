// Package frow triggers freshen in Apache OpenWhisk Go actions, whose
// entry point is func Main(map[string]any) map[string]any.
//
// An activation whose "__freshen" parameter has one of these shapes is a
// freshen request:
//
//	{"__freshen": true}                     freshen every registered handler (also "true" or {})
//	{"__freshen": "main.Main"}              freshen one handler
//	{"__freshen": {"handler": "main.Main"}}
//
// The action answers {"__freshen": report} without running its own code.
// Handler names may be short ("Main"), as fr/trigger.Resolve describes.
// Any other value (false, a number, an object with other fields, ...) is
// logged once and ignored: the activation is the action's own.
// Keep Main itself as the handler, so freshen-gen recognises it:
//
//	var fw = frow.New(frow.Options{})
//
//	func Main(args map[string]any) map[string]any {
//		if out, ok := fw.Intercept(args); ok {
//			return out
//		}
//		... // the action's work
//	}
//
// OpenWhisk authenticates every invocation with the namespace's key. A web
// action (--web true) is public, though, so a freshen request that arrives
// through the web (its arguments carry __ow_method) is refused unless it
// sends "Authorization: Bearer <token>" (the scheme in any case) with
// Options.Token or FRESHEN_TOKEN.
//
// # Firing it from a chain
//
// Freshen runs synchronously inside the activation: the action container
// is paused once the activation ends. To freshen step B while step A runs:
//
//   - From A (or any action), a non-blocking invoke:
//     POST /api/v1/namespaces/_/actions/B?blocking=false with body
//     {"__freshen": true}; with the CLI, wsk action invoke B -p __freshen true.
//     It returns an activation id at once; A does not wait. fr/chain's
//     "openwhisk" trigger sends exactly this request.
//   - A conductor action (annotation conductor=true) steers a composition
//     by returning {"action": "B", "params": {...}}. Since a conductor runs
//     its components one at a time, do the non-blocking invoke of B's
//     freshen from the conductor step that starts A, then return
//     {"action": "A", ...} as usual.
//   - A plain sequence [A, B] passes A's result to B and offers no hook to
//     run anything before A finishes; prefix it with a small action that
//     fires B's freshen (non-blocking invoke) and passes its input through:
//     [fire-B, A, B].
//
// OpenWhisk may serve B's next activation from another warm container
// than the one that ran the freshen; with one warm container per action,
// as with steady sequential traffic, they coincide.
package frow
