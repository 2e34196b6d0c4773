package trigger

import (
	"encoding/json"
	"testing"
	"time"
)

// AppendJSON writes what json.Marshal writes.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	odd := []string{
		"", "plain", `quote " and \ backslash`, "<script>&amp;</script>",
		"\x00\x01\x08\x0c\x1f\x7f", "\b\f\n\r\t", "line\u2028para\u2029", "caf\u00e9 \U0001F600",
		"bad \xff\xfe utf-8 \xc3", "\xe2\x80", "ends with \xe2\x80\xa8",
	}
	var reps []Report
	reps = append(reps, Report{}, Report{Handlers: []HandlerReport{}})
	for _, s := range odd {
		reps = append(reps, Report{
			Duration: Millis(1234567 * time.Nanosecond),
			Handlers: []HandlerReport{
				{Handler: s, Status: StatusOK, Duration: Millis(time.Millisecond)},
				{Handler: "example.com/app.Handle", Status: StatusRefused, Reason: s},
				{Handler: "x", Status: StatusError, Error: s, Duration: Millis(-3 * time.Microsecond), Entries: []EntryReport{
					{Index: 0, Kind: "fetch", State: "finished", Duration: Millis(999999), Bytes: 1 << 40},
					{Index: 12, Kind: s, State: s, Error: s},
				}},
				{Handler: "y", Status: StatusTimeout, Entries: []EntryReport{}},
			},
		})
	}
	for _, rep := range reps {
		want, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("AppendJSON:\n got %s\nwant %s", got, want)
		}
		if got := rep.AppendJSON([]byte("prefix")); string(got) != "prefix"+string(want) {
			t.Errorf("AppendJSON does not append: %s", got)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "a<b", "\u2028", "\xff", `"\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
