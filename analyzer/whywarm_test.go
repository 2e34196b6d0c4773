package analyzer_test

import (
	"regexp"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/freshen-go/freshen/infer"
)

// whyWarmRE matches `// whywarm ` + a backquoted regexp on the line above a
// call: the call must be a warm whose "not a fetch" reason matches.
var whyWarmRE = regexp.MustCompile("// whywarm `([^`]*)`")

// checkWhyWarm compares the reasons reads were only warmed with the
// `// whywarm` annotations, both ways.
func checkWhyWarm(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		res, _ := r.Result.(*infer.Result)
		if res == nil {
			continue
		}
		fset := r.Pass.Fset
		want := annotations(t, r, whyWarmRE, 1)
		seen := map[lineKey]bool{}
		for _, h := range res.Handlers {
			for _, f := range h.Findings {
				p := fset.Position(f.Pos)
				k := lineKey{p.Filename, p.Line}
				re := want[k]
				if re == nil {
					continue
				}
				seen[k] = true
				if f.Kind != infer.Warm || !re.MatchString(f.WhyWarm) {
					t.Errorf("%s: %s %s: not a fetch because %q, want match for %q", p, f.Kind, f.Text, f.WhyWarm, re)
				}
			}
		}
		for k, re := range want {
			if !seen[k] {
				t.Errorf("%s:%d: no finding, want a warm whose reason matches %q", k.file, k.line, re)
			}
		}
	}
}
