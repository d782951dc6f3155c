package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchemaMessages checks that JSON Schema failures become one plain
// message each, at the line and column of the value or key at fault.
func TestSchemaMessages(t *testing.T) {
	const head = "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\n"
	for _, tc := range []struct {
		name      string
		yaml      string
		rule      string
		line, col int
		message   string
	}{
		{"misspelt key reported once", "pillars:\n  - id: a\n    name: A\n    weigth: 100\n", "unknown-key", 6, 5, `unknown key "weigth" in pillars[0]; did you mean "weight"?`},
		{"missing key", "pillars:\n  - id: a\n    name: A\n", "missing-key", 4, 5, `pillars[0] is missing the required key "weight"`},
		{"wrong type", "pillars:\n  - {id: a, name: A, weight: forty}\n", "wrong-type", 4, 30, `pillars[0].weight must be a number, not the text "forty"`},
		{"enum with suggestion", "channels:\n  - {id: ig, platform: instagramm}\n", "invalid-value", 4, 24, `"instagramm" is not a valid platform; did you mean "instagram"?`},
		{"pattern uses the hint", "channels:\n  - id: ig\n    platform: instagram\n    cadence: {min_per_week: 1, days: [mon], times: [\"9.30\"]}\n", "invalid-value", 6, 53, `"9.30" is not a valid time of day for channels[0].cadence.times[0]; did you mean "09:30"?`},
		{"enum in a list reads in the singular", "channels:\n  - id: ig\n    platform: instagram\n    cadence: {min_per_week: 1, days: [Tuesday], times: [\"09:00\"]}\n", "invalid-value", 6, 39, `"Tuesday" is not a valid day; did you mean "tue"?`},
		{"enum in a map keyed by the strategy's own ids", "rules: {persona-stale: Warning}\n", "invalid-value", 3, 24, `"Warning" is not a valid rule severity; did you mean "warning"?`},
		{"pattern without a guess", "channels:\n  - id: ig\n    platform: instagram\n    response_sla: soon\n", "invalid-value", 6, 19, `"soon" is not a valid duration for channels[0].response_sla`},
		{"maximum", "pillars:\n  - {id: a, name: A, weight: 120}\n", "invalid-value", 4, 30, "pillars[0].weight must be at most 100, not 120"},
		{"repeated list entry", "channels:\n  - id: ig\n    platform: instagram\n    cadence: {min_per_week: 1, days: [mon, tue, mon], times: [\"09:00\"]}\n", "invalid-value", 6, 49, "mon appears twice in channels[0].cadence.days"},
		{"unknown top-level key", "pilars: []\n", "unknown-key", 3, 1, `unknown key "pilars" in the strategy; did you mean "pillars"?`},
		{"bad map key", "pillars:\n  - {id: a, name: A, weight: 100}\nchannels:\n  - id: ig\n    platform: instagram\n    pillars: {Brand Stuff: 100}\n", "invalid-value", 8, 15, `"Brand Stuff" is not a valid key in channels[0].pillars`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "strategy.yaml")
			os.WriteFile(p, []byte(head+tc.yaml), 0o644)
			res, err := ValidateFile(p, Options{Now: benchNow})
			if err != nil {
				t.Fatal(err)
			}
			var structural []Diagnostic
			for _, d := range res.Diagnostics {
				if d.Severity == Error {
					structural = append(structural, d)
				}
			}
			if len(structural) != 1 {
				t.Fatalf("want exactly one error, got %d:\n%v", len(structural), structural)
			}
			d := structural[0]
			if d.Rule != tc.rule || d.Line != tc.line || d.Column != tc.col || d.Message != tc.message {
				t.Errorf("got  %d:%d %s %q\nwant %d:%d %s %q", d.Line, d.Column, d.Rule, d.Message, tc.line, tc.col, tc.rule, tc.message)
			}
			if tc.rule == "invalid-value" && strings.Contains(tc.name, "hint") && !strings.Contains(d.Hint, "HH:MM") {
				t.Errorf("hint %q is not the time-of-day hint", d.Hint)
			}
		})
	}
}

// TestRepeatedEmptyEntry: two empty entries are named in words, not as
// Go's <nil>.
func TestRepeatedEmptyEntry(t *testing.T) {
	p := filepath.Join(t.TempDir(), "strategy.yaml")
	src := "version: 1\nbrand: {name: X, timezone: Europe/Oslo}\npillars:\n  - id: a\n    name: A\n    weight: 100\n    hashtags:\n      -\n      -\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ValidateFile(p, Options{Now: benchNow})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "<nil>") {
			t.Errorf("%s", d)
		}
		found = found || d.Message == "an empty entry appears twice in pillars[0].hashtags"
	}
	if !found {
		t.Errorf("no finding names the repeated empty entry: %v", res.Diagnostics)
	}
}
