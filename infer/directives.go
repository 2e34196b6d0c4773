package infer

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
	"time"
)

// directive is one //freshen:ignore or //freshen:ttl comment.
type directive struct {
	pos    token.Pos
	ignore string // reason; set for ignore
	isIgn  bool
	ttl    time.Duration
	isTTL  bool
}

type lineKey struct {
	file string
	line int
}

// parseDirectives indexes the directives of the package's files by line and
// reports malformed ones.
func (a *analysis) parseDirectives() {
	for _, f := range a.files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				a.directive(c)
			}
		}
	}
}

func (a *analysis) directive(c *ast.Comment) {
	text, ok := strings.CutPrefix(c.Text, "//freshen:")
	if !ok {
		return
	}
	pos := a.fset.PositionFor(c.Pos(), false)
	where := fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
	verb, arg, _ := strings.Cut(text, " ")
	// A nested "// ..." ends the argument: it comments on the directive.
	arg, _, _ = strings.Cut(arg, "//")
	arg = strings.TrimSpace(arg)
	k := lineKey{pos.Filename, pos.Line}
	switch verb {
	case "ignore":
		if arg == "" {
			a.problem(c.Pos(), "directive", fmt.Sprintf("//freshen:ignore at %s needs a reason: //freshen:ignore <why>", where))
			// The intent to leave the call alone is clear; honour it.
			arg = "(no reason given)"
		}
		a.dirs[k] = append(a.dirs[k], directive{pos: c.Pos(), isIgn: true, ignore: arg})
	case "ttl":
		d, err := time.ParseDuration(arg)
		if err != nil || d <= 0 {
			a.problem(c.Pos(), "directive", fmt.Sprintf("malformed //freshen:ttl %q at %s: want a positive duration such as 30s", arg, where))
			return
		}
		a.dirs[k] = append(a.dirs[k], directive{pos: c.Pos(), isTTL: true, ttl: d})
	case "handler":
		// Read from doc comments by findHandlers.
	default:
		a.problem(c.Pos(), "directive", fmt.Sprintf("unknown directive //freshen:%s at %s (known: ignore, ttl, handler)", verb, where))
	}
}

// directivesFor returns the directives on the call's first line or the line
// above it.
func (a *analysis) directivesFor(pos token.Pos) []directive {
	p := a.fset.PositionFor(pos, false)
	out := append([]directive(nil), a.dirs[lineKey{p.Filename, p.Line}]...)
	return append(out, a.dirs[lineKey{p.Filename, p.Line - 1}]...)
}

func (a *analysis) problem(pos token.Pos, code, msg string) {
	a.res.Problems = append(a.res.Problems, &Problem{Pos: pos, Code: code, Message: msg})
}
