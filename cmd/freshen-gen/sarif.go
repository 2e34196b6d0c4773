package main

import (
	"io"
	"net/url"
	"path/filepath"
	"sort"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

var ruleText = map[string]string{
	"stale-generated": "freshen_gen.go is missing or not what freshen-gen fix writes",
	"unapplied":       "a freshen opportunity is not wrapped in fr.FrFetch/fr.FrWarm",
	"drifted":         "a wrapper names the wrong fr_state, index or wrapper function",
	"stale-wrapper":   "a wrapped call is no longer a freshen opportunity",
	"not-constant":    "a wrapped call is no longer freshen-constant (or a hoisted value no longer shareable): it could serve stale or another request's data",
	"import":          "the runtime import is no longer used",
	"problem":         "the analyzer reported a problem in the freshen setup",
}

// writeSARIF writes check's findings as a SARIF 2.1.0 log. Paths relative
// to base are given relative to the SRCROOT base id, which code-scanning
// uploads resolve against the checkout.
func writeSARIF(w io.Writer, base string, fs []checkFinding) error {
	run := sarif.NewRunWithInformationURI("freshen-gen", "https://github.com/freshen-go/freshen")
	ids := make([]string, 0, len(ruleText))
	for id := range ruleText {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		run.AddRule(id).WithShortDescription(sarif.NewMultiformatMessageString().WithText(ruleText[id]))
	}
	if base != "" {
		// (AddOriginalUriBaseId writes to a nil map on a new run.)
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{"SRCROOT": *sarif.NewArtifactLocation().WithURI(fileURI(base) + "/")})
	}
	for _, f := range fs {
		loc := sarif.NewArtifactLocation()
		if filepath.IsAbs(f.File) {
			loc.WithURI(fileURI(f.File))
		} else {
			loc.WithURI((&url.URL{Path: filepath.ToSlash(f.File)}).String()).WithURIBaseID("SRCROOT")
		}
		region := sarif.NewRegion().WithStartLine(max(f.Line, 1))
		if f.Col > 0 {
			region.WithStartColumn(f.Col)
		}
		run.CreateResultForRule(f.Rule).
			WithLevel("error").
			WithMessage(sarif.NewTextMessage(f.Message)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().WithArtifactLocation(loc).WithRegion(region)))
	}
	report := sarif.NewReport()
	report.AddRun(run)
	if err := report.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
