package engine

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSettingsJSON(t *testing.T) {
	tests := []struct {
		in      string
		want    Settings
		wantErr string
	}{
		{in: `{}`, want: Settings{}},
		{in: `{"handlers":["Handle","example.com/app.Other"],"tags":["cloud"],"ttl":"30s"}`,
			want: Settings{Handlers: []string{"Handle", "example.com/app.Other"}, Tags: []string{"cloud"}, TTL: Duration(30 * time.Second)}},
		{in: `{"ttl": 1000000000}`, want: Settings{TTL: Duration(time.Second)}},
		{in: `{"ttl": "soon"}`, wantErr: "duration"},
		{in: `{"ttl": true}`, wantErr: "duration"},
	}
	for _, tt := range tests {
		var got Settings
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
		// Round trip.
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		var again Settings
		if err := json.Unmarshal(b, &again); err != nil || !reflect.DeepEqual(again, got) {
			t.Errorf("round trip of %s: %s -> %+v, %v", tt.in, b, again, err)
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		s    Settings
		want string // "" = valid
	}{
		{Settings{}, ""},
		{Settings{Handlers: []string{"Handle", "a/b.T.M"}, Tags: []string{"x"}, TTL: Duration(time.Minute)}, ""},
		{Settings{TTL: Duration(-time.Second)}, "negative"},
		{Settings{Handlers: []string{"A,B"}}, "handler name"},
		{Settings{Tags: []string{""}}, "build tag"},
	}
	for _, tt := range tests {
		err := tt.s.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%+v: %v", tt.s, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%+v: error %v, want %q", tt.s, err, tt.want)
		}
	}
}

func TestSelected(t *testing.T) {
	s := Settings{Handlers: []string{"Handle", "example.com/app.T.M"}}
	for name, want := range map[string]bool{
		"example.com/app.Handle": true,
		"example.com/app.T.M":    true,
		"example.com/app.Other":  false,
		"example.com/b.Handle":   false,
	} {
		if got := s.Selected(name, "example.com/app"); got != want {
			t.Errorf("Selected(%s) = %v, want %v", name, got, want)
		}
	}
	if !(Settings{}).Selected("x.Y", "x") {
		t.Error("an empty filter selects nothing")
	}
}
