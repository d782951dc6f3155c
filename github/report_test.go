package github

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/render"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// fixed is the time check runs complete in these tests.
var fixed = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

func diag(sev schema.Severity, file string, line, col int, rule, msg string) schema.Diagnostic {
	return schema.Diagnostic{File: file, Line: line, Column: col, Length: 3, Rule: rule, Severity: sev, Message: msg, Hint: "Hint for " + rule + "."}
}

func result(path string, ds ...schema.Diagnostic) schema.Result {
	return schema.Result{Path: path, Files: []string{path, "group/strategy.yaml"}, Diagnostics: ds}
}

func TestConclusionAndTitle(t *testing.T) {
	err := diag(schema.Error, "a/strategy.yaml", 3, 1, "pillar-weights-sum", "m")
	warn := diag(schema.Warning, "a/strategy.yaml", 4, 1, "channel-no-owner", "m")
	info := diag(schema.Info, "a/strategy.yaml", 5, 1, "persona-network-no-channel", "m")
	for _, tc := range []struct {
		name       string
		results    []schema.Result
		strict     bool
		conclusion string
		title      string
	}{
		{"nothing", nil, false, Success, "No strategies to check"},
		{"valid", []schema.Result{result("a/strategy.yaml"), result("b/strategy.yaml")}, false, Success, "2 strategies valid"},
		{"notes only", []schema.Result{result("a/strategy.yaml", info)}, true, Success, "1 strategy valid, 1 note"},
		{"warnings", []schema.Result{result("a/strategy.yaml", warn, info)}, false, Neutral, "1 strategy valid, 1 warning, 1 note"},
		{"warnings strict", []schema.Result{result("a/strategy.yaml", warn)}, true, Failure, "1 warning in 1 strategy (warnings fail in strict mode)"},
		{"errors", []schema.Result{result("a/strategy.yaml", err, warn), result("b/strategy.yaml", err)}, false, Failure, "2 errors, 1 warning in 2 strategies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Report{Results: tc.results, Strict: tc.strict}
			if got := r.Conclusion(); got != tc.conclusion {
				t.Errorf("Conclusion() = %s, want %s", got, tc.conclusion)
			}
			if got := r.Title(); got != tc.title {
				t.Errorf("Title() = %q, want %q", got, tc.title)
			}
			if r.Failed() != (tc.conclusion == Failure) {
				t.Errorf("Failed() = %v with conclusion %s", r.Failed(), tc.conclusion)
			}
		})
	}
}

func TestTallyCountsSharedFilesOnce(t *testing.T) {
	r := &Report{Results: []schema.Result{result("a/strategy.yaml"), result("b/strategy.yaml")}}
	if got := r.Tally(); got.Strategies != 2 || got.Files != 3 {
		t.Errorf("Tally() = %+v, want 2 strategies and 3 files (the parent once)", got)
	}
}

// TestCommentGroupsFindingsByRule: the comment shows every severity its
// status line counts, grouped by rule with the count, the hint once and
// the first CommentLocations places; the rest are in the check run (linked)
// and the job summary, which lists them all.
func TestCommentGroupsFindingsByRule(t *testing.T) {
	var ds []schema.Diagnostic
	for i := 1; i <= 30; i++ {
		ds = append(ds, diag(schema.Error, "brands/a b/strategy.yaml", i, 2, "unknown-key", fmt.Sprintf("error %d", i)))
	}
	for i := 1; i <= 5; i++ {
		ds = append(ds, diag(schema.Warning, "brands/a b/strategy.yaml", 100+i, 0, "channel-no-owner", fmt.Sprintf("warning %d", i)))
	}
	// A finding with a hint of its own keeps it beside the rule's.
	own := diag(schema.Warning, "brands/a b/strategy.yaml", 150, 3, "channel-no-owner", "warning 6")
	own.Hint = "Ask Sofie."
	ds = append(ds, own)
	ds = append(ds, diag(schema.Info, "brands/a b/strategy.yaml", 200, 1, "persona-network-no-channel", "a note"))
	res := result("brands/a b/strategy.yaml", ds...)
	res.Omitted = []schema.Omitted{{Rule: "unknown-key", Severity: schema.Error, Count: 70}}
	sha := strings.Repeat("a", 40)
	r := &Report{Results: []schema.Result{res},
		Links: Links{ServerURL: "https://github.com", Repo: "octo/strategy", SHA: sha,
			RunURL: "https://github.com/octo/strategy/actions/runs/42", CheckRunURL: "https://github.com/octo/strategy/runs/7"}}
	body := r.Comment()
	if !strings.HasPrefix(body, Marker+"\n") {
		t.Errorf("the comment does not start with the marker:\n%s", body)
	}
	blob := "https://github.com/octo/strategy/blob/" + sha + "/brands/a%20b/strategy.yaml"
	for _, want := range []string{
		"❌ **100 errors, 6 warnings, 1 note in 1 strategy** (2 files).",
		"Each finding is annotated on its line in [the check run](https://github.com/octo/strategy/runs/7).",
		"\n❌ **100 errors** `unknown-key` — *Hint for unknown-key.*\n\n- [brands/a b/strategy.yaml:1:2](" + blob + "#L1): error 1\n",
		"- [brands/a b/strategy.yaml:5:2](" + blob + "#L5): error 5\n" +
			"- …and 95 more: 25 in [the check run](https://github.com/octo/strategy/runs/7) and [the job summary](https://github.com/octo/strategy/actions/runs/42), the other 70 counted but not listed\n",
		// The findings' hints differ: the rule's, once (the job summary
		// keeps the one that differs beside its finding).
		"\n⚠️ **6 warnings** `channel-no-owner` — *Name who runs the channel (a person or a team) in its owner field, so that posts and replies do not fall between chairs.*\n",
		"- …and 1 more in [the check run]",
		"\nℹ️ **1 note** `persona-network-no-channel` — *Hint for persona-network-no-channel.*\n\n- [brands/a b/strategy.yaml:200:1](" + blob + "#L200): a note\n",
		"last checked at aaaaaaa ([the check run](https://github.com/octo/strategy/runs/7)).",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}
	if n := strings.Count(body, "Hint for unknown-key."); n != 1 {
		t.Errorf("the hint of unknown-key appears %d times, want once", n)
	}
	if strings.Contains(body, "error 6\n") || strings.Contains(body, "warning 6") {
		t.Errorf("the comment lists more than %d findings of a rule:\n%s", CommentLocations, body)
	}

	summary := r.StepSummary()
	for i := 1; i <= 30; i++ {
		if !strings.Contains(summary, fmt.Sprintf("): error %d\n", i)) {
			t.Fatalf("the job summary lacks error %d:\n%s", i, summary)
		}
	}
	for _, want := range []string{"warning 6 — *Ask Sofie.*\n", "): a note\n", "- …and 70 more, counted but not listed\n",
		"Pillar lists the first 100 findings of each rule"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the job summary lacks %q:\n%s", want, summary)
		}
	}
	if n := strings.Count(summary, "Hint for unknown-key."); n != 1 {
		t.Errorf("the job summary says the hint of unknown-key %d times, want once", n)
	}

	run := r.CheckRun(sha, fixed)
	if !strings.Contains(run.Summary, "- …and 95 more: 25 in the annotations and [the job summary](https://github.com/octo/strategy/actions/runs/42), the other 70 counted but not listed\n") ||
		strings.Contains(run.Summary, "runs/7") || !strings.Contains(run.Summary, "): a note\n") {
		t.Errorf("check run summary:\n%s", run.Summary)
	}
}

func TestOutputsFitGitHubsLimits(t *testing.T) {
	huge := strings.Repeat("Ø lang linje med tekst. ", 40) + "\n"
	var changes []Change
	for i := 0; i < 200; i++ {
		changes = append(changes, Change{Path: fmt.Sprintf("brand%d/strategy.yaml", i), Note: strings.Repeat(huge, 10)})
	}
	var ds []schema.Diagnostic
	for i := 0; i < 5000; i++ {
		ds = append(ds, diag(schema.Warning, "x/strategy.yaml", i+1, 1, "channel-no-owner", strings.Repeat("ø", 300)))
	}
	r := &Report{Results: []schema.Result{result("x/strategy.yaml", ds...)}, Changes: changes}
	body := r.Comment()
	if n := utf8.RuneCountInString(body); n > 65536 {
		t.Errorf("the comment has %d characters, GitHub takes 65,536", n)
	}
	if !strings.HasPrefix(body, Marker) || !strings.Contains(body, "The rest is cut") || !strings.HasSuffix(body, "</sub>\n") {
		t.Errorf("a cut comment keeps its marker, says it was cut and ends with the footer:\n…%s", body[len(body)-300:])
	}
	if !utf8.ValidString(body) {
		t.Error("the cut split a character")
	}
	run := r.CheckRun(strings.Repeat("b", 40), fixed)
	for name, s := range map[string]string{"summary": run.Summary, "text": run.Text} {
		if n := utf8.RuneCountInString(s); n > 65535 {
			t.Errorf("check run %s: %d characters", name, n)
		}
	}
	if len(run.Annotations) != MaxAnnotations || !strings.Contains(run.Summary, "Only the first 1,000 findings are annotated; the job summary lists all 5,000.") {
		t.Errorf("%d annotations; summary %q", len(run.Annotations), run.Summary)
	}
	if s := r.StepSummary(); len(s) > 1<<20 || !strings.Contains(s, "a job summary holds at most 1 MiB") {
		t.Errorf("job summary: %d bytes", len(s))
	}
}

// TestCheckRunMentionsAreQuietedBeforeTheCut: quieting a handle adds a
// character, so text that fits before it may not after; the check run
// must fit as sent.
func TestCheckRunMentionsAreQuietedBeforeTheCut(t *testing.T) {
	const heading = "### `s.yaml`\n\n"
	// Texts of size bytes before handles are quieted, around the limit:
	// a heading, then a note full of handles and its line break.
	for _, size := range []int{CheckRunTextLimit - 1, CheckRunTextLimit, CheckRunTextLimit + 1} {
		n := size - len(heading) - 1
		note := strings.Repeat("@a ", n/3) + strings.Repeat("x", n%3)
		r := &Report{Changes: []Change{{Path: "s.yaml", Note: note}}}
		run := r.CheckRun(strings.Repeat("b", 40), fixed)
		text := run.Text
		if !strings.HasPrefix(text, heading) {
			t.Fatalf("text starts %q", text[:40])
		}
		if len(text) > CheckRunTextLimit || utf8.RuneCountInString(text) > 65535 {
			t.Errorf("size %d: the text is %d bytes, %d characters, over the limit", size, len(text), utf8.RuneCountInString(text))
		}
		if strings.Contains(text, " @a") {
			t.Errorf("size %d: a handle is not quieted", size)
		}
		if !strings.Contains(text, "The rest is cut") {
			t.Errorf("size %d: the quieted text no longer fits, but does not say it was cut", size)
		}
	}
}

// TestTokenIsRedacted: a token that reaches a note, a finding or a diff
// (a git error quoting a remote's address, say) is not published.
func TestTokenIsRedacted(t *testing.T) {
	const token = "ghs_reportToken0123456789"
	r := &Report{
		Token:   token,
		Results: []schema.Result{result("a/strategy.yaml", diag(schema.Error, "a/"+token+".yaml", 3, 1, "unknown-key", "unknown key "+token))},
		Notes:   []string{"Compared none: git: fatal: could not read from https://x-access-token:" + token + "@github.com/octo/strategy"},
		Changes: []Change{{Path: "a/strategy.yaml", Note: "Not compared: " + token}},
		Links:   Links{ServerURL: "https://github.com", Repo: "octo/strategy", SHA: strings.Repeat("a", 40)},
	}
	run := r.CheckRun(strings.Repeat("a", 40), fixed)
	outputs := map[string]string{"comment": r.Comment(), "job summary": r.StepSummary(),
		"check run title": run.Title, "check run summary": run.Summary, "check run text": run.Text}
	for i, a := range run.Annotations {
		outputs[fmt.Sprintf("annotation %d", i)] = a.GetPath() + " " + a.GetTitle() + " " + a.GetMessage()
	}
	for name, out := range outputs {
		if strings.Contains(out, token) || strings.Contains(out, strings.ReplaceAll(token, "_", `\_`)) {
			t.Errorf("the %s holds the token:\n%s", name, out)
		}
	}
	for _, name := range []string{"comment", "job summary", "check run summary", "check run text", "annotation 0"} {
		if !strings.Contains(outputs[name], "[redacted]") && !strings.Contains(outputs[name], `\[redacted\]`) {
			t.Errorf("the %s does not say what was redacted:\n%s", name, outputs[name])
		}
	}
}

func TestAnnotations(t *testing.T) {
	r := &Report{Results: []schema.Result{
		result("a/strategy.yaml",
			schema.Diagnostic{File: "a/strategy.yaml", Line: 7, Column: 5, Length: 6, Rule: "unknown-key", Severity: schema.Error, Message: "unknown key", Hint: "Remove it."},
			schema.Diagnostic{File: "a/strategy.yaml", Rule: "empty-file", Severity: schema.Error, Message: "empty"},
			schema.Diagnostic{File: "a/strategy.yaml", Line: 9, Column: 3, Length: 1, Rule: "channel-no-owner", Severity: schema.Warning, Message: "no owner"},
			schema.Diagnostic{File: "a/strategy.yaml", Line: 2, Rule: "persona-stale", Severity: schema.Info, Message: "stale"},
		),
		// The parent's finding, seen again through a second child, is
		// annotated once.
		result("b/strategy.yaml", schema.Diagnostic{File: "a/strategy.yaml", Line: 7, Column: 5, Length: 6, Rule: "unknown-key", Severity: schema.Error, Message: "unknown key", Hint: "Remove it."}),
	}}
	var got []string
	for _, a := range r.Annotations() {
		got = append(got, fmt.Sprintf("%s %d-%d %d-%d %s %s %q", a.GetPath(), a.GetStartLine(), a.GetEndLine(), a.GetStartColumn(), a.GetEndColumn(),
			a.GetAnnotationLevel(), a.GetTitle(), a.GetMessage()))
	}
	want := []string{
		`a/strategy.yaml 7-7 5-11 failure unknown-key "unknown key\n\nRemove it."`,
		`a/strategy.yaml 1-1 0-0 failure empty-file "empty"`,
		`a/strategy.yaml 9-9 3-4 warning channel-no-owner "no owner"`,
		`a/strategy.yaml 2-2 0-0 notice persona-stale "stale"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("annotations:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"*bold* _it_ `code` [link](x) ~~s~~", "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~\\~s\\~\\~"},
		{"two\nlines\r\nhere", "two lines here"},
		{"tab\there\x1b[31m", "tab here \\[31m"},
		{`back\slash &amp;`, `back\\slash \&amp;`},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"a/strategy.yaml", "`a/strategy.yaml`"},
		{"odd`name", "``odd`name``"},
		{"`start", "`` `start ``"},
		{"a|b", "`a\\|b`"},
	} {
		if got := mdCode(tc.in); got != tc.want {
			t.Errorf("mdCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuietMentions(t *testing.T) {
	zw := "@\u200b"
	for _, tc := range []struct{ in, want string }{
		{"@anna.style", zw + "anna.style"},
		{"Influencer @anna.style: prospect → partner", "Influencer " + zw + "anna.style: prospect → partner"},
		{"(@nordlys)", "(" + zw + "nordlys)"},
		{"handle @nordlys → @nordlys_oslo", "handle " + zw + "nordlys → " + zw + "nordlys_oslo"},
		{"mail kari@nordlys.no", "mail kari@nordlys.no"},
		{"`@code`", "`@code`"},
		{"https://x.com/@brand", "https://x.com/@brand"},
		{"@ alone", "@ alone"},
	} {
		if got := quietMentions(tc.in); got != tc.want {
			t.Errorf("quietMentions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	s := "line one\nline two\nline three\n"
	if got := truncate(s, 100, "cut"); got != s {
		t.Errorf("a short text was changed: %q", got)
	}
	if got := truncate(s, 22, "cut"); got != "line one\n\ncut\n" {
		t.Errorf("truncate = %q", got)
	}
	if got := truncate(strings.Repeat("ø", 50), 21, "cut"); !utf8.ValidString(got) || len(got) > 21 {
		t.Errorf("truncate split a character or overran: %q", got)
	}
}

// loadExample loads a bundled example strategy.
func loadExample(t *testing.T, name string) *strategy.Strategy {
	t.Helper()
	s, err := strategy.Load(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReportGolden pins the comment, the job summary and the check run of
// a pull request that changes Nordlys' pillar weights and breaks another
// strategy.
func TestReportGolden(t *testing.T) {
	old, changed := loadExample(t, "nordlys"), loadExample(t, "nordlys")
	changed.Pillars[0].Weight, changed.Pillars[1].Weight = 35, 35
	// The broken one: weights that add up to 99, and a channel gone.
	broken := loadExample(t, "nordlys")
	broken.Brand.Name = "Broken"
	broken.Pillars[0].Weight = 39
	broken.Channels = broken.Channels[:3]
	from, to := strategy.Date{Year: 2027, Month: 1, Day: 1}, strategy.Date{Year: 2027, Month: 4, Day: 1}
	plan := func(s *strategy.Strategy) planner.Summary {
		cal, err := planner.Plan(s, planner.Options{From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		return cal.Summary()
	}
	sha := "0123456789abcdef0123456789abcdef01234567"
	r := &Report{
		Results: []schema.Result{
			{Path: "brands/nordlys/strategy.yaml", Files: []string{"brands/nordlys/strategy.yaml", "brands/nordlys/personas/kari.yaml"}},
			result("brands/broken/strategy.yaml",
				diag(schema.Error, "brands/broken/strategy.yaml", 12, 5, "pillar-weights-sum", "pillar weights add up to 99, not 100"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 20, 3, "channel-no-owner", "channel tiktok has no owner | nobody runs it"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 31, 3, "channel-no-owner", "channel facebook has no owner"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 42, 3, "channel-no-owner", "channel pinterest has no owner"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 53, 3, "channel-no-owner", "channel youtube has no owner"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 64, 3, "channel-no-owner", "channel linkedin has no owner"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 75, 3, "channel-no-owner", "channel threads has no owner"),
				diag(schema.Warning, "brands/broken/strategy.yaml", 86, 3, "channel-no-owner", "channel bluesky has no owner"),
				diag(schema.Info, "brands/broken/strategy.yaml", 97, 5, "persona-network-no-channel", "persona kari uses snapchat, which has no channel")),
		},
		Changes: []Change{
			{Path: "brands/nordlys/strategy.yaml", Brand: "Nordlys", Diff: render.CompareStrategies("main", "0123456", old, changed, plan(old), plan(changed))},
			{Path: "brands/broken/strategy.yaml", Brand: "Broken", Diff: render.CompareUnplanned("main", "0123456", old, broken,
				"This version has errors, so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed.")},
			{Path: "brands/unreadable/strategy.yaml", Note: "Not compared: this version cannot be read as a strategy, so there is nothing to compare yet."},
		},
		Notes: []string{"A note for the reader."},
		Links: Links{ServerURL: "https://github.com", Repo: "octo/strategy", SHA: sha,
			RunURL: "https://github.com/octo/strategy/actions/runs/42", CheckRunURL: "https://github.com/octo/strategy/runs/7"},
	}
	golden.Check(t, filepath.Join("testdata", "comment.md"), []byte(r.Comment()))
	golden.Check(t, filepath.Join("testdata", "summary.md"), []byte(r.StepSummary()))
	run := r.CheckRun(sha, fixed)
	golden.Check(t, filepath.Join("testdata", "checkrun.md"), []byte(fmt.Sprintf("conclusion: %s\ntitle: %s\n\n%s\n---\n%s", run.Conclusion, run.Title, run.Summary, run.Text)))
}
