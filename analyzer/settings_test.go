package analyzer_test

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/freshen-go/freshen/analyzer"
	"github.com/freshen-go/freshen/infer"
)

// TestSettingsHandlers: with a handler filter, only the selected handlers'
// opportunities are reported; a drifted wrapper of another handler still
// is (testdata/src/hfilter).
func TestSettingsHandlers(t *testing.T) {
	a, err := analyzer.New(analyzer.Settings{Handlers: []string{"Keep", "hfilter.Server.Full"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range analysistest.Run(t, testdata(t), a, "hfilter") {
		res, ok := r.Result.(*infer.Result)
		if !ok || len(res.Handlers) != 3 {
			t.Errorf("result %T with %d handlers, want *infer.Result with all 3: the filter is for diagnostics only", r.Result, len(res.Handlers))
		}
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		handlers []string
		wantErr  string // "" = no error
		same     bool   // New returns Analyzer itself
	}{
		{name: "zero", same: true},
		{name: "empty list", handlers: []string{}, same: true},
		{name: "names", handlers: []string{"Handle", "example.com/app.Server.Handle"}},
		{name: "empty name", handlers: []string{"Handle", ""}, wantErr: `handlers: "": empty name`},
		{name: "comma", handlers: []string{"Handle,Other"}, wantErr: `handlers: "Handle,Other": want one name per entry`},
		{name: "space", handlers: []string{"Handle Other"}, wantErr: `"Handle Other"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := analyzer.New(analyzer.Settings{Handlers: tt.handlers})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New: error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (a == analyzer.Analyzer) != tt.same {
				t.Errorf("New returned Analyzer itself: %v, want %v", a == analyzer.Analyzer, tt.same)
			}
			// A driver must be able to run it in Analyzer's place.
			if a.Name != analyzer.Analyzer.Name || a.Doc != analyzer.Analyzer.Doc || a.ResultType != analyzer.Analyzer.ResultType ||
				!reflect.DeepEqual(a.FactTypes, analyzer.Analyzer.FactTypes) {
				t.Errorf("New's analyzer differs from Analyzer in name, doc, result or fact types")
			}
		})
	}
}
