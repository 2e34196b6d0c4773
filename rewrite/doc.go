// Package rewrite wraps freshen call sites in fr.FrFetch / fr.FrWarm with
// minimal text edits, adds the runtime import and keeps everything else of the
// user's file as it was. Rewriting is idempotent.
package rewrite
