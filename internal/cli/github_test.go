package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/github"
	"github.com/pillar-strategy/pillar/github/githubtest"
	"github.com/pillar-strategy/pillar/schema"
)

// ghToken is a distinctive token: output holding it leaks it.
const ghToken = "ghs_cliTestToken0123456789abcdef"

// miniStrategy is a small strategy that validates cleanly.
const miniStrategy = `version: 1
brand:
  name: Mini
  timezone: Europe/Oslo
channels:
  - id: instagram
    platform: instagram
    handle: "@mini.brand"
    role: Inspiration
    owner: Kari
    response_sla: 4h
    cadence:
      min_per_week: 2
      days: [mon, thu]
      times: ["09:00"]
pillars:
  - id: brand
    name: Brand
    weight: 60
    examples:
      instagram: Behind the scenes.
  - id: product
    name: Product
    weight: 40
    examples:
      instagram: The new coat.
`

// withErrors is miniStrategy with n errors: unknown top-level keys, each
// but the last set twice.
func withErrors(n int) string {
	var b strings.Builder
	b.WriteString(miniStrategy)
	// Two rules take turns (each key unknown, then set again), so that
	// up to 200 findings stay within the 100 a rule that pillar lists.
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "unknown%d: %d\n", (i+1)/2, i)
	}
	return b.String()
}

// withWarning is miniStrategy whose channel has no owner: one warning.
var withWarning = strings.Replace(miniStrategy, "    owner: Kari\n", "", 1)

// recorder records the waits instead of waiting.
type recorder struct{ waits []time.Duration }

func (r *recorder) sleep(ctx context.Context, d time.Duration) error {
	r.waits = append(r.waits, d)
	return nil
}

// ghCase is one run of pillar github in a test.
type ghCase struct {
	vars map[string]string
	args []string
	deps githubDeps
}

type ghResult struct {
	code           int
	stdout, stderr string
}

// runGitHubCmd runs the command the way Run does and returns its exit code.
func runGitHubCmd(t *testing.T, c ghCase) ghResult {
	t.Helper()
	e, out, errb := testEnv(c.vars, false)
	err := newGitHubCommand(c.deps).run(context.Background(), e, c.args)
	code := ExitOK
	var ee *exitError
	var ue *usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &ee):
		code = ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(errb, "pillar github: %s\n", ue.msg)
		code = ExitFailure
	default:
		fmt.Fprintf(errb, "pillar github: %v\n", err)
		code = ExitFailure
	}
	r := ghResult{code: code, stdout: out.String(), stderr: errb.String()}
	if strings.Contains(r.stdout+r.stderr, ghToken) {
		t.Errorf("the token was printed:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	return r
}

// chdir changes into dir for the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

// prEvent writes the event file of pull request number from headRepo to
// octo/strategy.
func prEvent(t *testing.T, number int, base, head, headRepo string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	writeFile(t, p, fmt.Sprintf(`{"action": "synchronize", "number": %d, "pull_request": {"number": %d,
  "head": {"sha": %q, "ref": "change", "repo": {"full_name": %q}},
  "base": {"sha": %q, "ref": "main", "repo": {"full_name": "octo/strategy"}}},
  "repository": {"full_name": "octo/strategy"}}`, number, number, head, headRepo, base))
	return p
}

// actionsEnv is the environment of a run in GitHub Actions against srv.
func actionsEnv(t *testing.T, srv *githubtest.Server, event string) map[string]string {
	summary := filepath.Join(t.TempDir(), "summary.md")
	return map[string]string{
		"GITHUB_ACTIONS":      "true",
		"GITHUB_REPOSITORY":   "octo/strategy",
		"GITHUB_EVENT_PATH":   event,
		"GITHUB_EVENT_NAME":   "pull_request",
		"GITHUB_SHA":          strings.Repeat("f", 40), // the merge commit
		"GITHUB_API_URL":      srv.URL,
		"GITHUB_SERVER_URL":   "https://github.com",
		"GITHUB_STEP_SUMMARY": summary,
		"GITHUB_TOKEN":        ghToken,
		"GITHUB_RUN_ID":       "77",
	}
}

func readSummary(t *testing.T, vars map[string]string) string {
	t.Helper()
	b, err := os.ReadFile(vars["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatalf("no job summary: %v", err)
	}
	return string(b)
}

func newFake(t *testing.T, prefix string) *githubtest.Server {
	srv := githubtest.NewServer(t, prefix)
	srv.Token = ghToken
	return srv
}

// pullRequestRepo is a repository with two strategies on main and a branch
// "change" that changes the weights of one of them in an included file's
// folder. It returns the repository and the base and head commits.
func pullRequestRepo(t *testing.T) (dir, base, head string) {
	t.Helper()
	dir, git := gitRepo(t)
	writeFile(t, filepath.Join(dir, "brands", "mini", "strategy.yaml"), miniStrategy)
	writeFile(t, filepath.Join(dir, "brands", "other", "strategy.yaml"), strings.Replace(miniStrategy, "name: Mini", "name: Other", 1))
	writeFile(t, filepath.Join(dir, "README.md"), "strategies\n")
	git("add", ".")
	git("commit", "-q", "-m", "strategies")
	base = gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "-b", "change")
	writeFile(t, filepath.Join(dir, "brands", "mini", "strategy.yaml"),
		strings.NewReplacer("weight: 60", "weight: 50", "weight: 40", "weight: 50", "@mini.brand", "@mini.oslo").Replace(miniStrategy))
	git("commit", "-q", "-am", "even weights")
	head = gitOut(t, dir, "rev-parse", "HEAD")
	return dir, base, head
}

// mergeRepo is a pull request whose branch adds an unknown key to a
// strategy, while the base branch, after the branch was made, added lines
// at the top of the same file; the working tree is the merge commit that
// GitHub checks out for the run. It returns the repository, the base and
// head commits and the unknown key's line at the head.
func mergeRepo(t *testing.T) (dir, base, head string, line int) {
	t.Helper()
	dir, git := gitRepo(t)
	path := filepath.Join(dir, "brands", "mini", "strategy.yaml")
	writeFile(t, path, miniStrategy)
	git("add", ".")
	git("commit", "-q", "-m", "strategy")
	git("checkout", "-q", "-b", "change")
	atHead := strings.Replace(miniStrategy, "    owner: Kari\n", "    owner: Kari\n    bogus: 1\n", 1)
	writeFile(t, path, atHead)
	git("commit", "-q", "-am", "a key that does not exist")
	head = gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "main")
	writeFile(t, path, "# Mini's strategy.\n# Owned by the social team.\n# Ask Kari.\n"+miniStrategy)
	git("commit", "-q", "-am", "a header")
	base = gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "--detach")
	git("merge", "-q", "--no-ff", "--no-edit", "change")
	for i, l := range strings.Split(atHead, "\n") {
		if strings.Contains(l, "bogus:") {
			line = i + 1
		}
	}
	merged, _ := os.ReadFile(path)
	if !strings.Contains(string(merged), "# Ask Kari.\n") || !strings.Contains(string(merged), "bogus: 1") {
		t.Fatalf("not a merge of both branches:\n%s", merged)
	}
	return dir, base, head, line
}

// TestGitHubChecksTheHeadNotTheMergeCommit: the check run, its links and
// the log's annotations are for the pull request's head, so the lines are
// the head's, not the merge commit's.
func TestGitHubChecksTheHeadNotTheMergeCommit(t *testing.T) {
	dir, base, head, line := mergeRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 3, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 || len(runs[0].Annotations) != 1 || runs[0].HeadSHA != head {
		t.Fatalf("check runs %+v", runs)
	}
	if a := runs[0].Annotations[0]; a.Path != "brands/mini/strategy.yaml" || a.StartLine != line {
		t.Errorf("annotation on %s:%d, want brands/mini/strategy.yaml:%d, the line at the head (the merge commit has it 3 lines down)", a.Path, a.StartLine, line)
	}
	if want := fmt.Sprintf("::error file=brands/mini/strategy.yaml,line=%d,", line); !strings.Contains(r.stdout, want) {
		t.Errorf("the log's annotation is not on the head's line %d:\n%s", line, r.stdout)
	}
	link := fmt.Sprintf("/blob/%s/brands/mini/strategy.yaml#L%d)", head, line)
	if c := srv.Comments(3); len(c) != 1 || !strings.Contains(c[0].Body, link) {
		t.Errorf("the comment does not link %s:\n%+v", link, c)
	}
	if strings.Contains(r.stderr, "Checked the files of the working tree") || strings.Contains(r.stderr, "pillar-diff-") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestGitHubHeadNotFetched: without the head commit pillar checks the
// working tree and says that lines may be off.
func TestGitHubHeadNotFetched(t *testing.T) {
	dir, base, _, _ := mergeRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 3, base, strings.Repeat("3", 40), "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	note := "Checked the files of the working tree, not those of 3333333: that commit is not in this checkout (give actions/checkout fetch-depth: 0 to fetch it). " +
		"On a pull request the working tree is GitHub's merge commit, so a line can be off where the base branch changed the same file."
	if !strings.Contains(r.stderr, note) {
		t.Errorf("stderr lacks the note:\n%s", r.stderr)
	}
	// The base is there; the note on comparing blames the head.
	if !strings.Contains(r.stderr, "compared none: the head commit 3333333 is not in this checkout") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if c := srv.Comments(3); len(c) != 1 || !strings.Contains(c[0].Body, "a line can be off") {
		t.Errorf("the comment does not carry the note: %+v", c)
	}
	if !strings.Contains(r.stdout, "::error file=brands/mini/strategy.yaml,line=") {
		t.Errorf("no annotations from the working tree:\n%s", r.stdout)
	}
}

func TestParseGitHub(t *testing.T) {
	c := newGitHubCommand(githubDeps{})
	for _, tc := range []struct {
		args    []string
		check   func(githubOptions) bool
		wantErr string
	}{
		{nil, func(o githubOptions) bool {
			return len(o.paths) == 1 && o.paths[0] == "." && o.comment && o.checkRun && o.tokenEnv == "GITHUB_TOKEN" && !o.dryRun
		}, ""},
		{[]string{"brands", "--dry-run", "--comment=false", "--pr", "12", "--repo", "octo/strategy", "--base", "main", "--head", "HEAD"},
			func(o githubOptions) bool {
				return o.paths[0] == "brands" && o.dryRun && !o.comment && o.checkRun && o.pr == 12 && o.repo == "octo/strategy" && o.base == "main" && o.head == "HEAD"
			}, ""},
		{[]string{"--pr", "-3"}, nil, "not a pull request number"},
		{[]string{"--repo", "octo"}, nil, "owner/name"},
		{[]string{"--today", "2026-02-30"}, nil, "not a date"},
		{[]string{"--base", "--upload-pack=x"}, nil, "not a git revision"},
		{[]string{"--token-env", ""}, nil, "--token-env needs"},
		{nil, func(o githubOptions) bool { return o.timeout == 5*time.Minute }, ""},
		{[]string{"--timeout", "90s"}, func(o githubOptions) bool { return o.timeout == 90*time.Second }, ""},
		{[]string{"--timeout", "0s"}, nil, "--timeout 0s: give a time such as 5m or 90s"},
		{[]string{"--comment-key", "brands-nordics"}, func(o githubOptions) bool { return o.key == "brands-nordics" }, ""},
		{[]string{"--comment-key", "two words"}, nil, "--comment-key: \"two words\" is not a comment key"},
		{[]string{"--bogus"}, nil, "-bogus"},
	} {
		e, _, _ := testEnv(nil, false)
		o, err := parseGitHub(c, e, tc.args)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%v: err = %v, want %q", tc.args, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !tc.check(o) {
			t.Errorf("%v: %+v, %v", tc.args, o, err)
		}
	}
}

func TestGitHubPullRequest(t *testing.T) {
	dir, base, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	srv.AddComment("octo/strategy", 5, "A reviewer's comment.")
	vars := actionsEnv(t, srv, prEvent(t, 5, base, head, "octo/strategy"))
	args := []string{"--today", "2026-11-23", "--from", "2027-01-01", "--to", "2027-04-01"}

	r := runGitHubCmd(t, ghCase{vars: vars, args: args})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "1 strategy valid (1 file)") || strings.Contains(r.stdout, "other") {
		t.Errorf("want only the changed strategy checked:\n%s", r.stdout)
	}
	comments := srv.Comments(5)
	if len(comments) != 2 {
		t.Fatalf("%d comments, want the reviewer's and pillar's", len(comments))
	}
	body := comments[1].Body
	for _, want := range []string{github.Marker, "✅ **1 strategy valid** (1 file).", "### Mini · `brands/mini/strategy.yaml`",
		"`main` → `" + head[:7] + "`", "| Brand | 60% | **50%** |", "| Product | 40% | **50%** |",
		"@\u200bmini.brand → @\u200bmini.oslo", "last checked at " + head[:7]} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 || runs[0].HeadSHA != head || runs[0].Conclusion != "success" || runs[0].Name != "Pillar" {
		t.Fatalf("check runs: %+v (want one on the head %s, not the merge commit)", runs, head)
	}
	// The check run is made first, so that the comment links to it.
	runURL := fmt.Sprintf("https://github.example/octo/strategy/runs/%d", runs[0].ID)
	if !strings.Contains(body, "last checked at "+head[:7]+" ([the check run]("+runURL+")).") {
		t.Errorf("the comment does not link the check run %s:\n%s", runURL, body)
	}
	summary := readSummary(t, vars)
	if !strings.Contains(summary, "## Pillar: strategy review") || !strings.Contains(summary, "| Brand | 60% | **50%** |") {
		t.Errorf("job summary:\n%s", summary)
	}
	if !strings.Contains(r.stderr, "commented on pull request #5") {
		t.Errorf("stderr: %s", r.stderr)
	}

	// A second push: the same comment is edited, never a second one.
	git := func(args ...string) {
		gitOut(t, dir, append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	}
	writeFile(t, filepath.Join(dir, "brands", "mini", "strategy.yaml"), withErrors(1))
	git("commit", "-q", "-am", "oops")
	head2 := gitOut(t, dir, "rev-parse", "HEAD")
	vars["GITHUB_EVENT_PATH"] = prEvent(t, 5, base, head2, "octo/strategy")
	r = runGitHubCmd(t, ghCase{vars: vars, args: args})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	comments = srv.Comments(5)
	if len(comments) != 2 || comments[1].Edits != 1 {
		t.Fatalf("comments after the second run: %+v", comments)
	}
	if !strings.Contains(comments[1].Body, "unknown key \"unknown1\"") || !strings.Contains(comments[1].Body, "This version has errors, so the calendar impact") {
		t.Errorf("the edited comment:\n%s", comments[1].Body)
	}
	runs = srv.CheckRuns()
	if len(runs) != 2 || runs[1].HeadSHA != head2 || runs[1].Conclusion != "failure" || len(runs[1].Annotations) != 1 {
		t.Fatalf("second check run: %+v", runs[1:])
	}
	runURL = fmt.Sprintf("https://github.example/octo/strategy/runs/%d", runs[1].ID)
	if !strings.Contains(comments[1].Body, "Each finding is annotated on its line in [the check run]("+runURL+").") {
		t.Errorf("the edited comment does not link the new check run %s:\n%s", runURL, comments[1].Body)
	}
	if !strings.Contains(r.stdout, "::error file=brands/mini/strategy.yaml,line=") {
		t.Errorf("no workflow annotation, or not relative to the repository:\n%s", r.stdout)
	}
}

// TestGitHubDiffDespiteErrors: an error in the head hides only what needs
// a valid plan. The changes are told, and the comment says the calendar
// impact waits for the errors to be fixed; a head that does not read as a
// strategy at all is named with its first error.
func TestGitHubDiffDespiteErrors(t *testing.T) {
	dir, base, _ := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	git := func(args ...string) {
		gitOut(t, dir, append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	}
	path := filepath.Join(dir, "brands", "mini", "strategy.yaml")
	args := []string{"--today", "2026-11-23", "--from", "2027-01-01", "--to", "2027-04-01"}
	push := func(content, msg string) (body string, code int) {
		t.Helper()
		writeFile(t, path, content)
		git("commit", "-q", "-am", msg)
		vars := actionsEnv(t, srv, prEvent(t, 6, base, gitOut(t, dir, "rev-parse", "HEAD"), "octo/strategy"))
		r := runGitHubCmd(t, ghCase{vars: vars, args: args})
		comments := srv.Comments(6)
		if len(comments) != 1 {
			t.Fatalf("%d comments\n%s", len(comments), r.stderr)
		}
		return comments[0].Body, r.code
	}

	// Weights that add up to 95 and a new handle: one error.
	body, code := push(strings.NewReplacer("weight: 60", "weight: 50", "weight: 40", "weight: 45", "@mini.brand", "@mini.oslo").Replace(miniStrategy), "95%")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"`pillar-weights-sum`",
		"### Mini · `brands/mini/strategy.yaml`",
		"3 changes.",
		"| Brand | 60% | **50%** |", "| Product | 40% | **45%** |",
		"- Instagram: handle @\u200bmini.brand → @\u200bmini.oslo",
		"#### Calendar\n\nThis version has errors, so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed.\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "Not compared") || strings.Contains(body, "posts in Q1") {
		t.Errorf("the comment hides the diff or shows a plan:\n%s", body)
	}

	// YAML that does not parse: nothing to compare, and the comment says
	// precisely why.
	body, code = push(strings.Replace(miniStrategy, "      days: [mon, thu]", "      days: [mon, thu", 1), "broken YAML")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	want := "Not compared: this version cannot be read as a strategy, so there is nothing to compare yet. The first error: brands/mini/strategy.yaml:"
	if !strings.Contains(body, want) || !strings.Contains(body, " (yaml-syntax).") {
		t.Errorf("the comment lacks %q … (yaml-syntax):\n%s", want, body)
	}
}

// TestGitHubCommentKey: two jobs that check a pull request with different
// --comment-key values keep a comment and a check run each; a second
// invocation with the same key in the same workflow run and attempt
// updates that key's check run.
func TestGitHubCommentKey(t *testing.T) {
	dir, base, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 5, base, head, "octo/strategy"))
	for _, args := range [][]string{{"brands"}, {"brands/mini", "--comment-key", "mini"}, {"brands/mini", "--comment-key", "mini"}} {
		if r := runGitHubCmd(t, ghCase{vars: vars, args: append(args, "--today", "2026-11-23")}); r.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	comments := srv.Comments(5)
	if len(comments) != 2 || !strings.HasPrefix(comments[0].Body, github.Marker+"\n## Pillar: strategy review\n") ||
		!strings.HasPrefix(comments[1].Body, "<!-- pillar:pr-comment mini -->\n## Pillar: strategy review (mini)\n") || comments[1].Edits != 0 {
		t.Errorf("want a comment for each key, the second left alone by the third run:\n%+v", comments)
	}
	var names []string
	for _, run := range srv.CheckRuns() {
		names = append(names, run.Name+" "+run.ExternalID)
	}
	if strings.Join(names, ", ") != "Pillar pillar/77/1, Pillar (mini) pillar/77/1/mini" {
		t.Errorf("check runs %v", names)
	}
}

func TestGitHubAnnotationsAreBatched(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(120))
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, "")
	vars["GITHUB_EVENT_NAME"] = "push"
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 {
		t.Fatalf("%d check runs", len(runs))
	}
	if fmt.Sprint(runs[0].Batches) != "[50 50 20]" || len(runs[0].Annotations) != 120 {
		t.Errorf("batches %v, %d annotations", runs[0].Batches, len(runs[0].Annotations))
	}
	if runs[0].HeadSHA != vars["GITHUB_SHA"] || runs[0].Conclusion != "failure" || runs[0].Title != "120 errors in 1 strategy" {
		t.Errorf("check run %+v", runs[0])
	}
	if n := strings.Count(r.stdout, "::error file=strategy.yaml,line="); n != 120 {
		t.Errorf("%d workflow annotations, want 120", n)
	}
	if !strings.Contains(r.stderr, "GitHub shows the first 10 errors and 10 warnings of a step as annotations") {
		t.Errorf("no note about GitHub's limit:\n%s", r.stderr)
	}
	summary := readSummary(t, vars)
	if n := strings.Count(summary, "\n- [strategy.yaml:") + strings.Count(summary, "\n- `strategy.yaml:"); n != 120 || strings.Count(summary, "❌ **60 errors**") != 2 {
		t.Errorf("the job summary lists %d errors, want all 120", n)
	}
	for _, req := range srv.Requests() {
		if strings.Contains(req.Path, "/comments") {
			t.Errorf("a push run touched comments: %s %s", req.Method, req.Path)
		}
	}
	if !strings.Contains(r.stderr, "not a pull request: no comment") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestGitHubConclusion(t *testing.T) {
	for _, tc := range []struct {
		name       string
		strategy   string
		args       []string
		code       int
		conclusion string
	}{
		{"valid", miniStrategy, nil, 0, "success"},
		{"warning", withWarning, nil, 0, "neutral"},
		{"warning strict", withWarning, []string{"--strict"}, 1, "failure"},
		{"error", withErrors(2), nil, 1, "failure"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "strategy.yaml"), tc.strategy)
			chdir(t, dir)
			srv := newFake(t, "")
			vars := actionsEnv(t, srv, "")
			r := runGitHubCmd(t, ghCase{vars: vars, args: append([]string{"--today", "2026-11-23"}, tc.args...)})
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if runs := srv.CheckRuns(); len(runs) != 1 || runs[0].Conclusion != tc.conclusion {
				t.Errorf("check runs %+v, want conclusion %s", runs, tc.conclusion)
			}
		})
	}
}

func TestGitHubWithoutToken(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(1))
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 3, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	delete(vars, "GITHUB_TOKEN")
	r := runGitHubCmd(t, ghCase{vars: vars})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the validation result)\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "no token: set GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }} in the step's env to get a PR comment and check run") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
	if !strings.Contains(r.stdout, "::error file=strategy.yaml") || !strings.Contains(readSummary(t, vars), "unknown1") {
		t.Errorf("annotations or the job summary missing:\n%s", r.stdout)
	}
	// The base commit is not in this folder (not a git checkout): every
	// strategy is checked, and the reader is told why nothing is compared.
	if !strings.Contains(r.stderr, "compared none: this is not a git checkout") {
		t.Errorf("no fallback note: %s", r.stderr)
	}
}

// TestGitHubTokenEnvNamed: the note about a missing token names the
// variable pillar read, not GITHUB_TOKEN when --token-env named another.
func TestGitHubTokenEnvNamed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 3, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--token-env", "NO_SUCH_VAR"}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	want := "pillar github: no token: NO_SUCH_VAR, the variable --token-env names, is empty or not set: " +
		"set NO_SUCH_VAR: ${{ secrets.GITHUB_TOKEN }} (or a secret of your own) in the step's env to get a PR comment and check run."
	if !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, "set GITHUB_TOKEN") {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests without a token (GITHUB_TOKEN is set but was not the variable named)", n)
	}
	// The variable named is the one read.
	vars["PILLAR_GH"] = ghToken
	r = runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--token-env", "PILLAR_GH"}})
	if r.code != 0 || len(srv.Comments(3)) != 1 {
		t.Errorf("exit %d, %d comments with the token in PILLAR_GH\n%s", r.code, len(srv.Comments(3)), r.stderr)
	}
}

func TestGitHubForkFallsBack(t *testing.T) {
	dir, base, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	refused := githubtest.Fault{Status: 403, Body: `{"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest"}`}
	srv.Fail("POST", "/comments", -1, refused)
	srv.Fail("POST", "/check-runs", -1, refused)
	vars := actionsEnv(t, srv, prEvent(t, 8, base, head, "stranger/strategy"))
	rec := &recorder{}
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}, deps: githubDeps{sleep: rec.sleep}})
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 (the strategy is valid)\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"create the pull-request comment: GitHub answered 403 Forbidden (Resource not accessible by integration)",
		"create the check run: GitHub answered 403 Forbidden",
		"The pull request comes from a fork, and GitHub gives such runs a read-only token. The findings are in the annotations and the job summary.",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if len(rec.waits) != 0 {
		t.Errorf("a refusal was retried: %v", rec.waits)
	}
	if !strings.Contains(readSummary(t, vars), "| Brand | 60% | **50%** |") {
		t.Error("the job summary lacks the diff")
	}
}

func TestGitHubRateLimitIsRetried(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy)
	chdir(t, dir)
	srv := newFake(t, "")
	srv.Fail("POST", "/comments", 1, githubtest.Fault{Status: 429, Header: http.Header{"Retry-After": {"5"}}})
	vars := actionsEnv(t, srv, prEvent(t, 4, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	rec := &recorder{}
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}, deps: githubDeps{sleep: rec.sleep}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if fmt.Sprint(rec.waits) != "[5s]" || len(srv.Comments(4)) != 1 {
		t.Errorf("waits %v, %d comments; want one wait of 5s and one comment", rec.waits, len(srv.Comments(4)))
	}
}

func TestGitHubServerDown(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(1))
	chdir(t, dir)
	srv := newFake(t, "")
	srv.Fail("", "/repos/", -1, githubtest.Fault{Status: 502, Body: `{"message": "bad gateway for ` + ghToken + `"}`})
	vars := actionsEnv(t, srv, prEvent(t, 4, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	rec := &recorder{}
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}, deps: githubDeps{sleep: rec.sleep}})
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"list the pull request's comments: GitHub answered 502 Bad Gateway (bad gateway for [redacted]) to GET " + srv.URL + "/repos/octo/strategy/issues/4/comments; gave up after 4 attempts",
		// The check run comes first (the comment links to it). Before the
		// create, pillar looks for the check run an earlier invocation of
		// the same workflow run may have made.
		"look for the check run of this workflow run: GitHub answered 502 Bad Gateway (bad gateway for [redacted]) to GET " +
			srv.URL + "/repos/octo/strategy/commits/" + strings.Repeat("2", 40) + "/check-runs; gave up after 4 attempts and 7s of waiting",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if n := len(srv.Requests()); n != 8 {
		t.Errorf("%d requests, want 4 for the comment and 4 to look for an earlier check run of the workflow run", n)
	}
	// The annotations and the job summary were written first.
	if !strings.Contains(r.stdout, "::error ") || !strings.Contains(readSummary(t, vars), "unknown1") {
		t.Error("annotations or the job summary missing")
	}
}

// TestGitHubCheckRunNotDoubled: GitHub created the check run but the
// answer was a 502; the next attempt finds it by its external id.
func TestGitHubCheckRunNotDoubled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(60))
	chdir(t, dir)
	srv := newFake(t, "")
	srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 502, Applied: true})
	vars := actionsEnv(t, srv, "")
	vars["GITHUB_EVENT_NAME"], vars["GITHUB_RUN_ATTEMPT"] = "push", "2"
	rec := &recorder{}
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}, deps: githubDeps{sleep: rec.sleep}})
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 || fmt.Sprint(runs[0].Batches) != "[50 10]" {
		t.Fatalf("check runs %+v, want one with 60 annotations", runs)
	}
	if id := runs[0].ExternalID; id != "pillar/77/2" {
		t.Errorf("external id %q, want pillar/RUN/ATTEMPT", id)
	}
}

// TestGitHubTimeout: one deadline bounds everything sent to GitHub.
func TestGitHubTimeout(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy)
	chdir(t, dir)
	srv := newFake(t, "")
	// The check run comes first: looking for an earlier one eats the time.
	srv.Fail("GET", "/check-runs", -1, githubtest.Fault{Status: 200, Delay: 10 * time.Second})
	vars := actionsEnv(t, srv, prEvent(t, 4, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	start := time.Now()
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--timeout", "200ms"}, deps: githubDeps{sleep: (&recorder{}).sleep}})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s with --timeout 200ms", d)
	}
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"pillar github: list the pull request's comments: out of time: pillar github talks to GitHub for at most 200ms in all (--timeout)\n",
		"pillar github: look for the check run of this workflow run: out of time: pillar github talks to GitHub for at most 200ms in all (--timeout)\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if len(srv.CheckRuns()) != 0 {
		t.Error("a check run was created after the deadline")
	}
}

// TestGitHubCheckRunCreateOutOfTime: a create that the deadline cut short
// may have been carried out: pillar says the check run may exist and be
// incomplete, and exits 2.
func TestGitHubCheckRunCreateOutOfTime(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(60))
	chdir(t, dir)
	srv := newFake(t, "")
	srv.Fail("POST", "/check-runs", 1, githubtest.Fault{Status: 201, Applied: true, Delay: 10 * time.Second})
	vars := actionsEnv(t, srv, "")
	vars["GITHUB_EVENT_NAME"] = "push"
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--timeout", "300ms"}, deps: githubDeps{sleep: (&recorder{}).sleep}})
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	want := "pillar github: create the check run: out of time: pillar github talks to GitHub for at most 300ms in all (--timeout). " +
		"The check run may exist on GitHub all the same, and be incomplete: it may lack some of its 60 annotations. The job summary lists every finding.\n"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if runs := srv.CheckRuns(); len(runs) != 1 || len(runs[0].Annotations) != 50 {
		t.Errorf("check runs %+v: want the one GitHub made, with the first 50 annotations", runs)
	}
}

// TestGitHubSameRunUpdatesItsCheckRun: two invocations with the same run
// id, attempt and comment key leave one check run, which says what the
// second found; a re-run (the next attempt) gets a check run of its own.
func TestGitHubSameRunUpdatesItsCheckRun(t *testing.T) {
	dir := t.TempDir()
	threeErrors := miniStrategy + "unknown1: 1\nunknown2: 2\nunknown3: 3\n"
	writeFile(t, filepath.Join(dir, "strategy.yaml"), threeErrors)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, "")
	vars["GITHUB_EVENT_NAME"], vars["GITHUB_RUN_ATTEMPT"] = "push", "1"
	run := func() ghResult {
		t.Helper()
		return runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	}
	if r := run(); r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	// The second invocation finds two errors again and one other.
	writeFile(t, filepath.Join(dir, "strategy.yaml"), strings.Replace(threeErrors, "unknown1:", "renamed1:", 1))
	r := run()
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 || runs[0].ExternalID != "pillar/77/1" || runs[0].Title != "3 errors in 1 strategy" || !strings.Contains(runs[0].Summary, "renamed1") || fmt.Sprint(runs[0].Batches) != "[3 1]" {
		t.Fatalf("check runs %+v: want one, updated with the one annotation it lacked", runs)
	}
	for _, want := range []string{
		`pillar github: updated check run "Pillar" on fffffff, made earlier in this workflow run: failure, 3 annotations in 1 request: https://github.example/octo/strategy/runs/1`,
		"pillar github: the check run keeps 1 annotation from before that this run did not find: GitHub does not take annotations back.",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	vars["GITHUB_RUN_ATTEMPT"] = "2"
	if r := run(); r.code != 1 || len(srv.CheckRuns()) != 2 || srv.CheckRuns()[1].ExternalID != "pillar/77/2" {
		t.Errorf("re-run: exit %d, check runs %+v", r.code, srv.CheckRuns())
	}
}

// TestGitHubAnnotationsNotDoubled: a batch of annotations that GitHub may
// have added although it answered 502 is not sent again, and the log says
// how many the check run has for certain.
func TestGitHubAnnotationsNotDoubled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), withErrors(120))
	chdir(t, dir)
	srv := newFake(t, "")
	srv.Fail("PATCH", "/check-runs/", 1, githubtest.Fault{Status: 502, Applied: true})
	vars := actionsEnv(t, srv, "")
	vars["GITHUB_EVENT_NAME"] = "push"
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}, deps: githubDeps{sleep: (&recorder{}).sleep}})
	if r.code != 2 {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stderr)
	}
	if runs := srv.CheckRuns(); len(runs) != 1 || fmt.Sprint(runs[0].Batches) != "[50 50 20]" {
		t.Fatalf("check runs %+v, want one, no batch twice", runs)
	}
	want := "add annotations to the check run: GitHub answered 502 Bad Gateway to PATCH " + srv.URL + "/repos/octo/strategy/check-runs/1; " +
		"not sent again, as GitHub may have carried it out. The check run is there (https://github.example/octo/strategy/runs/1) " +
		"with 70 of its 120 annotations at least; the job summary lists every finding.\n"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
}

func TestGitHubEnterprise(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy)
	chdir(t, dir)
	srv := newFake(t, "/api/v3")
	vars := actionsEnv(t, srv, prEvent(t, 6, strings.Repeat("1", 40), strings.Repeat("2", 40), "octo/strategy"))
	vars["GITHUB_SERVER_URL"] = "https://ghe.example.com"
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if len(srv.Comments(6)) != 1 || len(srv.CheckRuns()) != 1 {
		t.Errorf("%d comments, %d check runs; want one each", len(srv.Comments(6)), len(srv.CheckRuns()))
	}
	// --api-url overrides GITHUB_API_URL.
	vars["GITHUB_API_URL"] = "https://api.github.com"
	r = runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--api-url", srv.URL + "/"}})
	// The comment says the same, so it is left alone.
	if r.code != 0 || len(srv.Comments(6)) != 1 || !strings.Contains(r.stderr, "the comment on pull request #6 already says this") {
		t.Errorf("--api-url: exit %d, comments %+v\n%s", r.code, srv.Comments(6), r.stderr)
	}
}

func TestGitHubDryRun(t *testing.T) {
	dir, base, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 9, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--dry-run", "--today", "2026-11-23", "--token", ghToken}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("a dry run sent %d requests", n)
	}
	for _, want := range []string{
		"GET " + srv.URL + "/repos/octo/strategy/issues/9/comments?per_page=100\nAuthorization: [redacted]\n",
		"POST " + srv.URL + "/repos/octo/strategy/issues/9/comments\n",
		`"body": "<!-- pillar:pr-comment -->\n## Pillar: strategy review`,
		"POST " + srv.URL + "/repos/octo/strategy/check-runs\n",
		`"head_sha": "` + head + `"`,
		`"completed_at": "2026-11-23T12:00:00Z"`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "dry run: nothing was sent to GitHub.") {
		t.Errorf("stderr: %s", r.stderr)
	}
	// Without a token a dry run still shows what it would send.
	delete(vars, "GITHUB_TOKEN")
	r = runGitHubCmd(t, ghCase{vars: vars, args: []string{"--dry-run", "--today", "2026-11-23"}})
	if r.code != 0 || !strings.Contains(r.stdout, "POST "+srv.URL+"/repos/octo/strategy/check-runs") || strings.Contains(r.stdout, "Authorization") {
		t.Errorf("dry run without a token: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestGitHubBaseNotFetched(t *testing.T) {
	dir, _, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 2, strings.Repeat("9", 40), head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	note := "Checked every strategy under . and compared none: the base commit 9999999 is not in this checkout (give actions/checkout fetch-depth: 0 to fetch it)"
	if !strings.Contains(r.stderr, note) || !strings.Contains(r.stdout, "2 strategies valid") {
		t.Errorf("want all strategies checked and the note:\n%s%s", r.stdout, r.stderr)
	}
	if c := srv.Comments(2); len(c) != 1 || !strings.Contains(c[0].Body, "fetch-depth: 0") {
		t.Errorf("the comment does not carry the note: %+v", c)
	}
}

// TestGitHubTokenIsNotPublished: a note quotes a git error, which quotes
// what it was given; the token in it reaches neither GitHub nor the job
// summary.
func TestGitHubTokenIsNotPublished(t *testing.T) {
	dir, _, head := pullRequestRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 2, strings.Repeat("9", 40), head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--base", "origin/" + ghToken}})
	if r.code != 0 || !strings.Contains(r.stderr, "the base commit origin/[redacted] is not in this checkout") {
		t.Fatalf("exit %d, want 0 and a note about the base\n%s", r.code, r.stderr)
	}
	published := map[string]string{"job summary": readSummary(t, vars)}
	for _, c := range srv.Comments(2) {
		published["comment"] = c.Body
	}
	for _, run := range srv.CheckRuns() {
		published["check run"] = run.Title + run.Summary + run.Text
	}
	for _, req := range srv.Requests() {
		published[req.Method+" "+req.Path] = string(req.Body)
	}
	if len(published) < 3 {
		t.Fatalf("nothing published: %v", published)
	}
	for where, text := range published {
		// The token's tail, which no escaping changes.
		if strings.Contains(text, strings.TrimPrefix(ghToken, "ghs_")) {
			t.Errorf("the %s holds the token:\n%s", where, text)
		}
	}
	if !strings.Contains(published["comment"], "the base commit origin/[redacted] is not in this checkout") {
		t.Errorf("the comment does not show where the token was:\n%s", published["comment"])
	}
}

func TestGitHubNoStrategyChanged(t *testing.T) {
	dir, git := gitRepo(t)
	writeFile(t, filepath.Join(dir, "brand", "strategy.yaml"), miniStrategy)
	git("add", ".")
	git("commit", "-q", "-m", "strategy")
	base := gitOut(t, dir, "rev-parse", "HEAD")
	writeFile(t, filepath.Join(dir, "README.md"), "docs only\n")
	git("add", ".")
	git("commit", "-q", "-m", "docs")
	head := gitOut(t, dir, "rev-parse", "HEAD")
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 1, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if n := len(srv.Comments(1)); n != 0 {
		t.Errorf("a pull request that changes no strategy got %d comments", n)
	}
	if runs := srv.CheckRuns(); len(runs) != 1 || runs[0].Conclusion != "success" || runs[0].Title != "No strategies to check" {
		t.Errorf("check runs %+v", runs)
	}
	if !strings.Contains(r.stderr, "no strategy changed: no comment on pull request #1") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestGitHubBadInput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy)
	chdir(t, dir)
	for _, tc := range []struct {
		name string
		vars map[string]string
		args []string
		want string
	}{
		{"missing event file", nil, []string{"--event", "nope.json"}, "read the event file: open nope.json"},
		{"broken event file", map[string]string{"GITHUB_EVENT_PATH": writeTemp(t, "{")}, nil, "is not JSON"},
		{"bad repository", map[string]string{"GITHUB_REPOSITORY": "just-a-name"}, nil, `GITHUB_REPOSITORY "just-a-name"`},
		{"bad API address", map[string]string{"GITHUB_REPOSITORY": "octo/strategy", "GITHUB_TOKEN": ghToken, "GITHUB_SHA": strings.Repeat("a", 40)},
			[]string{"--api-url", "ghe.example.com"}, "is not an http(s) URL"},
		{"missing path", nil, []string{"no/such/strategy"}, "pillar github: no/such/strategy: no such file or folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runGitHubCmd(t, ghCase{vars: tc.vars, args: tc.args})
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
}

func writeTemp(t *testing.T, text string) string {
	p := filepath.Join(t.TempDir(), "file")
	writeFile(t, p, text)
	return p
}

// TestTouched checks which strategies a change reaches.
func TestTouched(t *testing.T) {
	results := []schema.Result{
		{Path: "group/strategy.yaml", Files: []string{"group/strategy.yaml"}},
		{Path: "group/coffee/strategy.yaml", Files: []string{"group/coffee/strategy.yaml", "group/coffee/personas/a.yaml", "group/strategy.yaml"}},
		{Path: "bakery/strategy.yaml", Files: []string{"bakery/strategy.yaml"}},
		{Path: "strategy.yaml", Files: []string{"strategy.yaml"}},
	}
	r := &githubRun{}
	for _, tc := range []struct {
		changed []string
		want    string
	}{
		{[]string{"bakery/strategy.yaml"}, "bakery/strategy.yaml"},
		{[]string{"group/coffee/personas/a.yaml"}, "group/coffee/strategy.yaml"},
		{[]string{"group/strategy.yaml"}, "group/strategy.yaml group/coffee/strategy.yaml"},
		// A persona file no strategy reads (yet, or any more) belongs to
		// the strategy whose folder is deepest.
		{[]string{"group/coffee/personas/new.yaml"}, "group/coffee/strategy.yaml"},
		{[]string{"group/notes.yml"}, "group/strategy.yaml"},
		{[]string{"top.yaml"}, "strategy.yaml"},
		{[]string{"README.md", "group/logo.png", ".github/workflows/x.yml"}, "strategy.yaml"},
		{[]string{"README.md"}, ""},
		{[]string{".pillar.yaml"}, "group/strategy.yaml group/coffee/strategy.yaml bakery/strategy.yaml strategy.yaml"},
	} {
		changed := map[string]bool{}
		for _, c := range tc.changed {
			changed[c] = true
		}
		var got []string
		for _, res := range r.touched(results, changed) {
			got = append(got, res.Path)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%v changed: touched %v, want %s", tc.changed, got, tc.want)
		}
	}
}

// TestGitHubAnnotationEscaping checks the workflow commands pillar github
// prints: properties escape %, CR, LF, : and , and messages escape %, CR
// and LF, as the runner expects.
func TestGitHubAnnotationEscaping(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    schema.Diagnostic
		want string
	}{
		{"plain", schema.Diagnostic{File: "brands/a/strategy.yaml", Line: 3, Column: 5, Length: 2, Rule: "unknown-key", Severity: schema.Error, Message: "unknown key"},
			"::error file=brands/a/strategy.yaml,line=3,col=5,endColumn=7,title=unknown-key::unknown key"},
		{"percent in message", schema.Diagnostic{File: "s.yaml", Line: 1, Column: 1, Rule: "pillar-weights-sum", Severity: schema.Error, Message: "weights add up to 99%, not 100%"},
			"::error file=s.yaml,line=1,col=1,endColumn=2,title=pillar-weights-sum::weights add up to 99%25, not 100%25"},
		{"line breaks in message and hint", schema.Diagnostic{File: "s.yaml", Line: 2, Rule: "r", Severity: schema.Warning, Message: "one\r\ntwo", Hint: "three"},
			"::warning file=s.yaml,line=2,title=r::one%0D%0Atwo%0Athree"},
		{"colon and comma in file", schema.Diagnostic{File: "a:b,c%d/s.yaml", Line: 4, Rule: "r", Severity: schema.Info, Message: "m: n, o"},
			"::notice file=a%3Ab%2Cc%25d/s.yaml,line=4,title=r::m: n, o"},
		{"line break in file", schema.Diagnostic{File: "a\nb.yaml", Rule: "r", Severity: schema.Error, Message: "m"},
			"::error file=a%0Ab.yaml,title=r::m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := writeAnnotations(&out, []schema.Result{{Path: "s.yaml", Diagnostics: []schema.Diagnostic{tc.d}}}, false); err != nil {
				t.Fatal(err)
			}
			var commands []string
			for _, line := range strings.Split(out.String(), "\n") {
				if strings.HasPrefix(line, "::") {
					commands = append(commands, line)
				}
			}
			if len(commands) != 1 || commands[0] != tc.want {
				t.Errorf("workflow commands %q, want %q", commands, tc.want)
			}
		})
	}
}
