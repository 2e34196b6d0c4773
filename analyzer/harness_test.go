package analyzer_test

import (
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/freshen-go/freshen/infer"
)

// rejectRE matches `// reject ` + a backquoted regexp: an I/O call on that
// line must be rejected with a matching explanation.
var rejectRE = regexp.MustCompile("// reject `([^`]*)`")

type lineKey struct {
	file string
	line int
}

// checkRejections compares the rejections of every handler with the
// `// reject` annotations: each rejection needs an annotation that matches
// its explanation, and each annotation a rejection.
func checkRejections(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		res, _ := r.Result.(*infer.Result)
		if res == nil {
			continue
		}
		fset := r.Pass.Fset
		want := annotations(t, r, rejectRE, 0)
		seen := map[lineKey]bool{}
		for _, h := range res.Handlers {
			for _, rj := range h.Rejections {
				p := fset.Position(rj.Pos)
				k := lineKey{p.Filename, p.Line}
				re := want[k]
				got := rj.Explain(fset)
				switch {
				case re == nil:
					t.Errorf("%s: unexpected rejection of %s: %s", p, rj.Text, got)
				case !re.MatchString(got):
					t.Errorf("%s: rejection of %s: got %q, want match for %q", p, rj.Text, got, re)
				}
				seen[k] = true
			}
		}
		for k, re := range want {
			if !seen[k] {
				t.Errorf("%s:%d: no rejection, want one matching %q", k.file, k.line, re)
			}
		}
	}
}

// annotations collects the comments of r's files that match marker (its
// first group a regexp), keyed by the line they are about: offset lines
// below the comment's own.
func annotations(t *testing.T, r *analysistest.Result, marker *regexp.Regexp, offset int) map[lineKey]*regexp.Regexp {
	t.Helper()
	want := map[lineKey]*regexp.Regexp{}
	for _, f := range r.Pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				m := marker.FindStringSubmatch(c.Text)
				if m == nil {
					continue
				}
				p := r.Pass.Fset.Position(c.Pos())
				re, err := regexp.Compile(m[1])
				if err != nil {
					t.Errorf("%s: bad regexp: %v", p, err)
					continue
				}
				want[lineKey{p.Filename, p.Line + offset}] = re
			}
		}
	}
	return want
}
