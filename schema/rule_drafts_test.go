package schema

import (
	"strings"
	"testing"
)

func TestDraftsFilesEntries(t *testing.T) {
	const head = "version: 1\nbrand: {name: T, timezone: Europe/Oslo}\npillars:\n  - {id: brand, name: B, weight: 100}\ndrafts:\n  mapping: content-calendar\n  files:\n"
	for _, tc := range []struct {
		name, files string
		want        []string
	}{
		{"a glob and a folder", `["drafts/*.csv", drafts/posts, "../shared/plan.jsonl"]`, nil},
		{"absolute", `[/etc/passwd]`, []string{`8:6: drafts.files "/etc/passwd" is an absolute path; write it relative to the strategy's folder`}},
		{"backslash", `['drafts\posts']`, []string{`8:6: drafts.files "drafts\\posts" holds a backslash; write paths with slashes`}},
		{"broken glob", `["ok.csv", "drafts/[a.csv"]`, []string{`8:16: drafts.files "drafts/[a.csv" is not a valid pattern: syntax error in pattern`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := validateText(t, head+"    "+tc.files+"\n")
			var got []string
			for _, d := range res.Diagnostics {
				if d.Rule == "drafts-files" {
					got = append(got, strings.Join([]string{itoa(d.Line), itoa(d.Column)}, ":")+": "+d.Message)
				} else if d.Severity == Error {
					t.Errorf("unexpected %s", d)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
