package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestGitHubSuggestions: a fixable finding on a line the pull request
// changed gets a suggested change in a review; one on a line it did not
// change keeps only its annotation; a second run posts nothing new.
func TestGitHubSuggestions(t *testing.T) {
	dir, git := gitRepo(t)
	path := filepath.Join(dir, "brands", "mini", "strategy.yaml")
	// Already wrong on main, on a line the pull request leaves alone.
	writeFile(t, path, strings.Replace(miniStrategy, "response_sla: 4h", "response_sla: 4 hours", 1))
	git("add", ".")
	git("commit", "-q", "-m", "strategy")
	base := gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "-b", "change")
	writeFile(t, path, strings.NewReplacer("response_sla: 4h", "response_sla: 4 hours", "platform: instagram", "platform: Instagram").Replace(miniStrategy))
	git("commit", "-q", "-am", "capitals")
	head := gitOut(t, dir, "rev-parse", "HEAD")
	chdir(t, dir)

	srv := newFake(t, "")
	// GitHub's diff shows the changed line 7 with three lines of context.
	srv.SetDiff("octo/strategy", 5, "brands/mini/strategy.yaml", 4, 5, 6, 7, 8, 9, 10)
	vars := actionsEnv(t, srv, prEvent(t, 5, base, head, "octo/strategy"))
	args := []string{"--today", "2026-11-23", "--from", "2027-01-01", "--to", "2027-04-01"}
	for run := 1; run <= 2; run++ {
		r := runGitHubCmd(t, ghCase{vars: vars, args: args})
		if r.code != 1 {
			t.Fatalf("run %d: exit %d\n%s%s", run, r.code, r.stdout, r.stderr)
		}
		reviews, comments := srv.Reviews(5), srv.ReviewComments(5)
		if len(reviews) != 1 || len(comments) != 1 {
			t.Fatalf("run %d: %d reviews and %d review comments, want 1 and 1\n%s", run, len(reviews), len(comments), r.stderr)
		}
		c := comments[0]
		if c.Path != "brands/mini/strategy.yaml" || c.Line != 7 || c.Side != "RIGHT" || c.StartLine != 0 ||
			!strings.Contains(c.Body, "```suggestion\n    platform: instagram\n```") || reviews[0].CommitID != head {
			t.Errorf("run %d: the suggestion: %+v", run, c)
		}
		if run == 1 && !strings.Contains(r.stderr, "suggested 1 change on the changed lines of pull request #5") {
			t.Errorf("stderr: %s", r.stderr)
		}
		// Both findings keep their annotations.
		if n := len(srv.CheckRuns()[0].Annotations); run == 1 && n != 2 {
			t.Errorf("%d annotations, want 2", n)
		}
	}

	// --dry-run prints the review it would create, and sends nothing.
	srv3 := newFake(t, "")
	vars3 := actionsEnv(t, srv3, prEvent(t, 5, base, head, "octo/strategy"))
	d := runGitHubCmd(t, ghCase{vars: vars3, args: append(args, "--dry-run")})
	if !strings.Contains(d.stdout, "POST "+srv3.URL+"/repos/octo/strategy/pulls/5/reviews") ||
		!strings.Contains(d.stdout, `"body": "<!-- pillar:suggestion `) || !strings.Contains(d.stdout, "```suggestion\\n    platform: instagram\\n```") {
		t.Errorf("dry run:\n%s", d.stdout)
	}
	if len(srv3.Requests()) != 0 {
		t.Errorf("the dry run sent %d requests", len(srv3.Requests()))
	}

	// --suggestions=false posts none.
	srv2 := newFake(t, "")
	srv2.SetDiff("octo/strategy", 5, "brands/mini/strategy.yaml", 4, 5, 6, 7, 8, 9, 10)
	vars2 := actionsEnv(t, srv2, prEvent(t, 5, base, head, "octo/strategy"))
	runGitHubCmd(t, ghCase{vars: vars2, args: append(args, "--suggestions=false")})
	if n := len(srv2.Reviews(5)); n != 0 {
		t.Errorf("--suggestions=false: %d reviews", n)
	}
}
