package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
)

// SARIF 2.1.0, the subset code-scanning UIs read.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

var ruleText = map[string]string{
	"stale-generated": "freshen_gen.go is missing or not what freshen-gen fix writes",
	"unapplied":       "a freshen opportunity is not wrapped in fr.FrFetch/fr.FrWarm",
	"drifted":         "a wrapper names the wrong fr_state, index or wrapper function",
	"stale-wrapper":   "a wrapped call is no longer a freshen opportunity",
	"import":          "the runtime import is no longer used",
	"problem":         "the analyzer reported a problem in the freshen setup",
}

func writeSARIF(w io.Writer, base string, fs []checkFinding) error {
	ids := make([]string, 0, len(ruleText))
	for id := range ruleText {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	rules := make([]sarifRule, len(ids))
	for i, id := range ids {
		index[id] = i
		rules[i] = sarifRule{ID: id, ShortDescription: sarifMessage{ruleText[id]}}
	}
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "freshen-gen", InformationURI: "https://github.com/freshen-go/freshen", Rules: rules}},
		Results: []sarifResult{},
	}
	if base != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"SRCROOT": {URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(base) + "/"}).String()}}
	}
	for _, f := range fs {
		loc := sarifArtifactLoc{URI: filepath.ToSlash(f.File)}
		if !filepath.IsAbs(f.File) && !strings.HasPrefix(f.File, "/") {
			loc.URIBaseID = "SRCROOT"
		} else {
			loc.URI = (&url.URL{Scheme: "file", Path: filepath.ToSlash(f.File)}).String()
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: "error", Message: sarifMessage{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: loc, Region: sarifRegion{StartLine: max(f.Line, 1), StartColumn: f.Col}}}},
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
