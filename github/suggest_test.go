package github_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/schema"
)

// headLines is strategy.yaml as the pull request's head has it.
var headLines = []string{
	"version: 1",                             // 1
	"brand:",                                 // 2
	"  timezone: Oslo",                       // 3
	"channels:",                              // 4
	"  - id: ig",                             // 5
	"    platform: Instagram",                // 6
	"    cadence: {days: [monday, Tuesday]}", // 7
	"    role: Show it #todo check",          // 8
	"    summary: >-",                        // 9
	"      two lines",                        // 10
	"      of text",                          // 11
}

func lines(path string) ([]string, bool) {
	if path != "strategy.yaml" {
		return nil, false
	}
	return headLines, true
}

// finding is a diagnostic with a fix of text on line, from column col.
func finding(rule string, line, col int, old, new string, safe bool) schema.Diagnostic {
	return schema.Diagnostic{File: "strategy.yaml", Line: line, Column: col, Rule: rule, Severity: schema.Error,
		Message: "fix " + old, Fix: &schema.Fix{File: "strategy.yaml", Line: line, Column: col, EndLine: line,
			EndColumn: col + len([]rune(old)), Old: old, New: new, Safe: safe}}
}

func TestSuggestions(t *testing.T) {
	results := []schema.Result{{Path: "strategy.yaml", Diagnostics: []schema.Diagnostic{
		finding("timezone-invalid", 3, 13, "Oslo", "Europe/Oslo", true), // outside the diff
		finding("invalid-value", 6, 15, "Instagram", "instagram", true), // changed
		finding("invalid-value", 7, 22, "monday", "mon", true),          // two on one line
		finding("invalid-value", 7, 30, "Tuesday", "tue", true),         //
		finding("hashtag-comment", 8, 11, "Show it #todo check", `"Show it #todo check"`, false),
		finding("invalid-value", 6, 15, "Facebook", "facebook", true), // not what the line says
		{File: "strategy.yaml", Line: 10, Column: 7, Rule: "invalid-value", Severity: schema.Warning, Message: "two lines",
			Fix: &schema.Fix{File: "strategy.yaml", Line: 10, Column: 7, EndLine: 11, EndColumn: 14, Old: "two lines\n      of text", New: "one line"}},
	}}}
	changed := map[string][]github.Lines{"strategy.yaml": {{5, 11}}}
	got := github.Suggestions(results, changed, lines, "")
	type want struct {
		start, line int
		text        string
		guess       bool
	}
	wants := []want{
		{6, 6, "    platform: instagram", false},
		{7, 7, "    cadence: {days: [mon, tue]}", false},
		{8, 8, `    role: "Show it #todo check"`, true},
		{10, 11, "      one line", true},
	}
	if len(got) != len(wants) {
		for _, s := range got {
			t.Logf("%d-%d %q", s.StartLine, s.Line, s.Text)
		}
		t.Fatalf("%d suggestions, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		s := got[i]
		if s.Path != "strategy.yaml" || s.StartLine != w.start || s.Line != w.line || s.Text != w.text {
			t.Errorf("suggestion %d: %s:%d-%d %q, want %d-%d %q", i, s.Path, s.StartLine, s.Line, s.Text, w.start, w.line, w.text)
		}
		if !strings.Contains(s.Body, "```suggestion\n"+w.text+"\n```\n") || !strings.HasPrefix(s.Body, "<!-- pillar:suggestion "+s.ID+" -->\n") {
			t.Errorf("suggestion %d body:\n%s", i, s.Body)
		}
		if strings.Contains(s.Body, "is a guess") != w.guess {
			t.Errorf("suggestion %d: guess note %v, want %v", i, !w.guess, w.guess)
		}
	}
	if again := github.Suggestions(results, changed, lines, ""); again[1].ID != got[1].ID {
		t.Error("the same suggestion got another id")
	}
	// Nothing in the diff: nothing to suggest.
	if none := github.Suggestions(results, map[string][]github.Lines{"strategy.yaml": {{1, 2}}}, lines, ""); len(none) != 0 {
		t.Errorf("suggestions outside the diff: %v", none)
	}
	// A fence in the new text gets a longer fence around it.
	fenced := []schema.Result{{Diagnostics: []schema.Diagnostic{finding("invalid-value", 6, 15, "Instagram", "```", true)}}}
	if s := github.Suggestions(fenced, changed, lines, "k"); len(s) != 1 || !strings.Contains(s[0].Body, "````suggestion\n    platform: ```\n````") || !strings.HasPrefix(s[0].Body, "<!-- pillar:suggestion k ") {
		t.Errorf("fenced: %+v", s)
	}
}

// TestPutSuggestions: the first run posts one review with a suggestion
// per group, on the diff's lines (the fake refuses others, as GitHub
// does); a second run with the same findings changes nothing; a run
// whose fixes changed deletes the stale suggestion and posts the new one,
// and a person's comment quoting the marker is left alone.
func TestPutSuggestions(t *testing.T) {
	srv := newServer(t, "")
	srv.SetDiff(repo, 7, "strategy.yaml", 5, 6, 7, 8, 9, 10, 11)
	person := srv.AddReviewCommentBy(repo, 7, "strategy.yaml", 6, "octocat", "User", "<!-- pillar:suggestion abc -->\nquoted")
	c := newClient(t, srv, &sleeper{})
	ctx := context.Background()
	results := []schema.Result{{Diagnostics: []schema.Diagnostic{
		finding("invalid-value", 6, 15, "Instagram", "instagram", true),
		finding("invalid-value", 7, 22, "monday", "mon", true),
		{File: "strategy.yaml", Line: 10, Column: 7, Rule: "invalid-value", Message: "two lines",
			Fix: &schema.Fix{File: "strategy.yaml", Line: 10, Column: 7, EndLine: 11, EndColumn: 14, Old: "two lines\n      of text", New: "one line", Safe: true}},
	}}}
	changed := map[string][]github.Lines{"strategy.yaml": {{5, 11}}}
	sugs := github.Suggestions(results, changed, lines, "")
	res, err := c.PutSuggestions(ctx, repo, 7, "abc123", "", sugs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || res.ReviewID == 0 || res.Deleted != 0 {
		t.Errorf("first run: %+v", res)
	}
	revs := srv.Reviews(7)
	if len(revs) != 1 || revs[0].Event != "COMMENT" || revs[0].CommitID != "abc123" || len(revs[0].Comments) != 3 || !strings.HasPrefix(revs[0].Body, github.ReviewMarker) {
		t.Fatalf("reviews: %+v", revs)
	}
	multi := srv.ReviewComments(7)[3]
	if multi.StartLine != 10 || multi.Line != 11 || multi.Side != "RIGHT" || multi.StartSide != "RIGHT" {
		t.Errorf("the two-line suggestion: %+v", multi)
	}

	// Second run, same findings: no new review, nothing edited or deleted.
	before := len(srv.Requests())
	res, err = c.PutSuggestions(ctx, repo, 7, "abc123", "", sugs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Kept != 3 || res.Updated != 0 || res.Deleted != 0 || len(srv.Reviews(7)) != 1 || len(srv.ReviewComments(7)) != 4 {
		t.Errorf("second run: %+v, %d reviews, %d comments", res, len(srv.Reviews(7)), len(srv.ReviewComments(7)))
	}
	for _, r := range srv.Requests()[before:] {
		if r.Method != "GET" {
			t.Errorf("second run sent %s %s", r.Method, r.Path)
		}
	}

	// Third run: monday is fixed by hand, the platform's message changed.
	results[0].Diagnostics = results[0].Diagnostics[:1]
	results[0].Diagnostics[0].Message = "now worded otherwise"
	sugs = github.Suggestions(results, changed, lines, "")
	res, err = c.PutSuggestions(ctx, repo, 7, "def456", "", sugs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 0 || res.Kept != 1 || res.Updated != 1 || res.Deleted != 2 {
		t.Errorf("third run: %+v", res)
	}
	left := srv.ReviewComments(7)
	if len(left) != 2 || left[0].ID != person || !strings.Contains(left[1].Body, "now worded otherwise") {
		t.Errorf("left: %+v", left)
	}
}

// TestPutSuggestionsDryRun: --dry-run prints the review it would create.
func TestPutSuggestionsDryRun(t *testing.T) {
	var out bytes.Buffer
	c, err := github.NewClient(github.Options{Token: token, DryRun: &out})
	if err != nil {
		t.Fatal(err)
	}
	results := []schema.Result{{Diagnostics: []schema.Diagnostic{finding("invalid-value", 6, 15, "Instagram", "instagram", true)}}}
	sugs := github.Suggestions(results, map[string][]github.Lines{"strategy.yaml": {{6, 6}}}, lines, "")
	if _, err := c.PutSuggestions(context.Background(), repo, 7, "abc123", "", sugs); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"GET https://api.github.com/repos/octo/strategy/pulls/7/comments?per_page=100", "POST https://api.github.com/repos/octo/strategy/pulls/7/reviews", `"line": 6`, `"side": "RIGHT"`, "```suggestion\\n    platform: instagram\\n```"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), token) {
		t.Error("the token was printed")
	}
}

// TestSuggestionsSharedParent: two strategies that extend one parent both
// report its finding; the suggestion names it once.
func TestSuggestionsSharedParent(t *testing.T) {
	d := finding("invalid-value", 6, 15, "Instagram", "instagram", true)
	results := []schema.Result{{Path: "a/strategy.yaml", Diagnostics: []schema.Diagnostic{d}}, {Path: "b/strategy.yaml", Diagnostics: []schema.Diagnostic{d}}}
	got := github.Suggestions(results, map[string][]github.Lines{"strategy.yaml": {{5, 11}}}, lines, "")
	if len(got) != 1 || got[0].Text != "    platform: instagram" || strings.Count(got[0].Body, "fix Instagram") != 1 {
		t.Errorf("suggestions: %+v", got)
	}
}
