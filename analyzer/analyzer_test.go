package analyzer_test

import (
	"flag"
	"github.com/freshen-go/freshen/infer"
	"go/ast"
	"go/printer"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/freshen-go/freshen/analyzer"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// testPackages are the analysistest packages under testdata/src. They are
// analysed in one run so the standard library is loaded once.
var testPackages = []string{
	"httpbasic", "neg", "neglib",
	"cathttp", "cataws", "cataws1", "cataws1tx", "catmisc",
	"hmux", "hopenwhisk", "hdirective",
	"helpsame", "helplib", "helpuse",
	"directives", "drift", "stale", "generics", "buildtags", "hwrap",
	"methodvalue", "methodvalue/tuned",
	"negclient", "negdefault", "neginit", "negalias", "negcallee", "neglink", "negpure", "negtouch", "negraw", "negrawlib", "negraw2", "negrawstore", "negrawrepo", "negrawutil", "negsql", "negsqlrisk", "negprog", "negproglib", "negapi", "negiface", "negfsdir", "negrt", "negrtdel", "neghelper", "neghelper/shared", "hroute", "vercel/api", "hdispatch", "negmore",
	"catgcp", "catgcpw", "neggcp", "catredigo", "catredigoany", "gcplib",
	"negaws1", "awsread",
	"hoist", "neghoist", "hoistdrift", "envlib",
}

func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, testPackages...)
	checkRejections(t, results)
	checkRegistrations(t, results)
	checkWhyWarm(t, results)
}

// TestSuggestedFixes: index drift is fixed by naming the generated constant
// that holds the right index (drift/main.go.golden).
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), analyzer.Analyzer, "drift")
}

// TestDump prints findings and rejections of a package (go test -run Dump -v -dump=pkg).
func TestDump(t *testing.T) {
	if *dump == "" {
		t.Skip("use -dump=pkg")
	}
	for _, r := range analysistest.Run(t, testdata(t), analyzer.Analyzer, *dump) {
		res, _ := r.Result.(*infer.Result)
		if res == nil {
			continue
		}
		for _, p := range res.Problems {
			t.Logf("problem %s %s: %s", r.Pass.Fset.Position(p.Pos), p.Code, p.Message)
		}
		for _, h := range res.Handlers {
			t.Logf("handler %s via %s", h.Name, h.Via)
			for _, f := range h.Findings {
				form := ""
				if f.Freshen != nil {
					form = render(f.Freshen)
				}
				for _, a := range f.WarmArgs {
					form += " " + render(a)
				}
				t.Logf("  %s #%d %s api=%s form=%s warm=%s skip=%q ign=%q ttl=%v refs=%d why=%s", f.Kind, f.Index, f.Text, f.API, form, f.WarmFunc, f.Skip, f.Ignored, f.TTL, len(f.PkgRefs), f.WhyWarm)
			}
			for _, rj := range h.Rejections {
				t.Logf("  rejected %s: %s", rj.Text, rj.Explain(r.Pass.Fset))
			}
		}
	}
}

var dump = flag.String("dump", "", "package to dump")

func render(e ast.Expr) string {
	var b strings.Builder
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}
