package github

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/schema"
)

// TestFindingsCountedButNotListed: a result that lists the first findings
// of a rule and counts the rest keeps the comment, the check run and the
// job summary honest: totals count everything, and each says what it does
// not list.
func TestFindingsCountedButNotListed(t *testing.T) {
	many := func(n int) []schema.Diagnostic {
		var ds []schema.Diagnostic
		for i := 1; i <= n; i++ {
			ds = append(ds, diag(schema.Warning, "big/strategy.yaml", i, 7, "campaign-overlap", fmt.Sprintf("overlap %d", i)))
		}
		return ds
	}
	omitted := []schema.Omitted{
		{Rule: "unknown-reference", Severity: schema.Error, Count: 5},
		{Rule: "campaign-overlap", Severity: schema.Warning, Count: 4_499_000},
		{Rule: "persona-network-no-channel", Severity: schema.Info, Count: 7},
	}
	for _, tc := range []struct {
		name               string
		listed             int
		comment, checkRun  string
		summary, checkNote string
	}{
		{
			name:      "few listed",
			listed:    3,
			comment:   "…and 4,499,005 more, too many to list; [the job summary](https://example.test/run) counts them by rule.",
			checkNote: "> 4,499,012 more findings are counted but not annotated; the job summary counts them by rule.",
		},
		{
			name:      "more listed than the comment shows",
			listed:    25,
			comment:   "…and 4,499,010 more; [the job summary](https://example.test/run) lists 5 of them and counts the other 4,499,005 by rule.",
			checkNote: "> 4,499,012 more findings are counted but not annotated; the job summary counts them by rule.",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := result("big/strategy.yaml", many(tc.listed)...)
			res.Omitted = omitted
			r := &Report{Results: []schema.Result{res}, Links: Links{RunURL: "https://example.test/run"}}
			if want := fmt.Sprintf("5 errors, %s warnings, 7 notes in 1 strategy", schema.Thousands(4_499_000+tc.listed)); r.Title() != want {
				t.Errorf("title %q, want %q", r.Title(), want)
			}
			if r.Conclusion() != Failure {
				t.Errorf("conclusion %s: the unlisted errors count", r.Conclusion())
			}
			if c := r.Comment(); !strings.Contains(c, tc.comment) {
				t.Errorf("the comment lacks %q:\n%s", tc.comment, c)
			}
			run := r.CheckRun(strings.Repeat("a", 40), fixed)
			if !strings.Contains(run.Summary, tc.checkNote) || !strings.Contains(run.Summary, tc.comment) {
				t.Errorf("the check run's summary lacks %q or %q:\n%s", tc.checkNote, tc.comment, run.Summary)
			}
			if len(run.Annotations) != tc.listed {
				t.Errorf("%d annotations, want one for each of the %d listed", len(run.Annotations), tc.listed)
			}
			s := r.StepSummary()
			for _, want := range []string{
				"Also found, not listed: pillar lists the first 100 findings of each rule and 1,000 in all for each strategy, and counts the rest.",
				"- `big/strategy.yaml`: 5 more unknown-reference errors\n- `big/strategy.yaml`: 4,499,000 more campaign-overlap warnings\n- `big/strategy.yaml`: 7 more persona-network-no-channel infos\n",
			} {
				if !strings.Contains(s, want) {
					t.Errorf("the job summary lacks %q:\n%s", want, s)
				}
			}
			if n := strings.Count(s, "| ⚠️ warning |"); n != tc.listed {
				t.Errorf("the job summary lists %d warnings, want %d", n, tc.listed)
			}
		})
	}
}
