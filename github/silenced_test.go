package github

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/schema"
)

// silencings is one of each kind of silencing, in SortSilencings order.
func silencings() []Silencing {
	s := []Silencing{
		{Path: "brands/mini/strategy.yaml", Line: 40, Comment: "pillar:ignore-file"},
		{Path: ".pillar.yaml", Line: 3, Rule: "channel-no-owner", From: "warning", To: "off"},
		{Path: "brands/mini/strategy.yaml", Line: 12, Comment: "pillar:ignore", Rules: []string{"channel-no-sla"}, Target: 13},
		{Path: "brands/mini/strategy.yaml", Line: 30, Rule: "pillar-weights-sum", From: "error", To: "warning"},
		{Path: "brands/mini/strategy.yaml", Rule: "persona-stale", From: "error", To: "warning", Removed: true},
		{Path: "brands/mini/strategy.yaml", Line: 21, Comment: "pillar:ignore", Target: 21},
		{Path: "brands/mini/strategy.yaml", Line: 22, Comment: "pillar:ignore", Rules: []string{"a|b", "`c`", "d", "e", strings.Repeat("f", 100), "g", "h"}, Target: 23},
	}
	SortSilencings(s)
	return s
}

// TestSilencedSection: the comment and the job summary list what the pull
// request silences, with locations linking to the head's lines; the
// check run does not repeat it.
func TestSilencedSection(t *testing.T) {
	r := &Report{
		Results:  []schema.Result{result("brands/mini/strategy.yaml")},
		Silenced: silencings(),
		Links:    Links{ServerURL: "https://github.com", Repo: "octo/strategy", SHA: strings.Repeat("a", 40), RunURL: "https://github.com/octo/strategy/actions/runs/42"},
	}
	golden.Check(t, filepath.Join("testdata", "silenced-comment.md"), []byte(r.Comment()))
	if sum := r.StepSummary(); !strings.Contains(sum, "### This pull request silences findings") || !strings.Contains(sum, "(7 places)") {
		t.Errorf("the job summary lacks the section:\n%s", sum)
	}
	if strings.Contains(r.CheckRun(strings.Repeat("a", 40), fixed).Summary, "silences") {
		t.Error("the check run lists the silencings too")
	}
	// Without silencings there is no section.
	r.Silenced = nil
	if strings.Contains(r.Comment()+r.StepSummary(), "silences") {
		t.Error("a section without silencings")
	}
}

// TestSilencedIsCapped: the comment lists SilencedInComment silencings
// and points at the job summary, which lists all.
func TestSilencedIsCapped(t *testing.T) {
	var s []Silencing
	for i := 1; i <= 45; i++ {
		s = append(s, Silencing{Path: "strategy.yaml", Line: i, Comment: "pillar:ignore", Target: i})
	}
	r := &Report{Results: []schema.Result{result("strategy.yaml")}, Silenced: s, Links: Links{RunURL: "https://github.com/o/r/actions/runs/1"}}
	comment, summary := r.Comment(), r.StepSummary()
	if n := strings.Count(comment, "new `# pillar:ignore`"); n != SilencedInComment {
		t.Errorf("the comment lists %d, want %d", n, SilencedInComment)
	}
	if want := fmt.Sprintf("…and %d more; [the job summary](https://github.com/o/r/actions/runs/1) lists them all.", 45-SilencedInComment); !strings.Contains(comment, want) {
		t.Errorf("the comment lacks %q", want)
	}
	if n := strings.Count(summary, "new `# pillar:ignore`"); n != 45 {
		t.Errorf("the job summary lists %d, want 45", n)
	}
}
