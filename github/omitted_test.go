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
		name      string
		listed    int
		comment   []string
		checkNote string
	}{
		{
			name:   "few listed",
			listed: 3,
			comment: []string{
				"❌ **5 errors** `unknown-reference`",
				"❌ **5 errors** `unknown-reference` — *References use ids",
				"- all 5 counted but not listed\n",
				"⚠️ **4,499,003 warnings** `campaign-overlap`",
				"overlap 3\n- …and 4,499,000 more, counted but not listed\n",
				"ℹ️ **7 notes** `persona-network-no-channel`",
				"Pillar lists the first 100 findings of each rule and 1,000 in all for each strategy, and counts the rest.",
			},
			checkNote: "> 4,499,012 more findings are counted but not annotated; the job summary counts them by rule.",
		},
		{
			name:   "more listed than the comment shows",
			listed: 25,
			comment: []string{
				"⚠️ **4,499,025 warnings** `campaign-overlap`",
				"overlap 5\n- …and 4,499,020 more: 20 in ",
				"[the job summary](https://example.test/run), the other 4,499,000 counted but not listed\n",
			},
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
			c := r.Comment()
			run := r.CheckRun(strings.Repeat("a", 40), fixed)
			for _, want := range tc.comment {
				if !strings.Contains(c, want) {
					t.Errorf("the comment lacks %q:\n%s", want, c)
				}
				if !strings.Contains(run.Summary, want) {
					t.Errorf("the check run's summary lacks %q:\n%s", want, run.Summary)
				}
			}
			if !strings.Contains(run.Summary, tc.checkNote) {
				t.Errorf("the check run's summary lacks %q:\n%s", tc.checkNote, run.Summary)
			}
			if len(run.Annotations) != tc.listed {
				t.Errorf("%d annotations, want one for each of the %d listed", len(run.Annotations), tc.listed)
			}
			s := r.StepSummary()
			for _, want := range []string{
				"Pillar lists the first 100 findings of each rule and 1,000 in all for each strategy, and counts the rest.",
				"❌ **5 errors** `unknown-reference`",
				fmt.Sprintf("overlap %d\n- …and 4,499,000 more, counted but not listed\n", tc.listed),
				"ℹ️ **7 notes** `persona-network-no-channel`",
			} {
				if !strings.Contains(s, want) {
					t.Errorf("the job summary lacks %q:\n%s", want, s)
				}
			}
			if n := strings.Count(s, "`: overlap "); n != tc.listed {
				t.Errorf("the job summary lists %d warnings, want %d", n, tc.listed)
			}
		})
	}
}
