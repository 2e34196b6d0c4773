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

// registrationRE matches `// registration `+"`via`"+` (a followed registration
// whose registrar matches) and `// unfollowed `+"`why`"+` (a registration
// freshen could not follow, with a matching reason).
var registrationRE = regexp.MustCompile("// (registration|unfollowed) `([^`]*)`")

// checkRegistrations compares the registrations infer records with the
// annotations: each annotation needs a matching registration on its line,
// and, in packages that use annotations, each registration an annotation.
func checkRegistrations(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		res, _ := r.Result.(*infer.Result)
		if res == nil {
			continue
		}
		fset := r.Pass.Fset
		type want struct {
			followed bool
			re       *regexp.Regexp
		}
		wants := map[lineKey]want{}
		for _, f := range r.Pass.Files {
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					m := registrationRE.FindStringSubmatch(c.Text)
					if m == nil {
						continue
					}
					p := fset.Position(c.Pos())
					wants[lineKey{p.Filename, p.Line}] = want{m[1] == "registration", regexp.MustCompile(m[2])}
				}
			}
		}
		if len(wants) == 0 {
			continue
		}
		seen := map[lineKey]bool{}
		for _, reg := range res.Registrations {
			p := fset.Position(reg.Pos)
			k := lineKey{p.Filename, p.Line}
			w, ok := wants[k]
			text := reg.Via
			if !reg.Followed {
				text = reg.Why
			}
			switch {
			case !ok:
				t.Errorf("%s: registration %s of %s (followed %v: %s) has no annotation", p, reg.Via, reg.Target, reg.Followed, reg.Why)
			case w.followed != reg.Followed:
				t.Errorf("%s: registration %s of %s: followed %v, want %v (%s)", p, reg.Via, reg.Target, reg.Followed, w.followed, reg.Why)
			case !w.re.MatchString(text):
				t.Errorf("%s: registration %s of %s: %q does not match %q", p, reg.Via, reg.Target, text, w.re)
			}
			seen[k] = true
		}
		for k, w := range wants {
			if !seen[k] {
				t.Errorf("%s:%d: no registration, want one matching %q", k.file, k.line, w.re)
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
