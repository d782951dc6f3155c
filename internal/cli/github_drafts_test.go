package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/schema"
)

// draftsStrategy is miniStrategy with its drafts: the sheets in drafts/
// and the Markdown posts in drafts/posts.
const draftsStrategy = miniStrategy + `drafts:
  files: ["drafts/*.csv", drafts/posts]
`

// draftsRepo is a repository whose strategy lists its drafts; base holds
// a clean sheet and a post whose channel does not exist, and change (the
// branch checked out) is made by edit. It returns the folder and the base
// and head commits.
func draftsRepo(t *testing.T, edit func(dir string)) (dir, base, head string) {
	t.Helper()
	dir, git := gitRepo(t)
	writeFile(t, filepath.Join(dir, "brand", "strategy.yaml"), draftsStrategy)
	writeFile(t, filepath.Join(dir, "brand", "drafts", "jan.csv"), "channel,scheduled_at,text,pillar\ninstagram,2027-01-04 09:00,Behind the scenes.,brand\n")
	writeFile(t, filepath.Join(dir, "brand", "drafts", "posts", "a.md"), "---\nchannel: myspace\nscheduled_at: 2027-01-07 09:00\npillar: brand\n---\nThe coat.\n")
	git("add", ".")
	git("commit", "-q", "-m", "strategy and drafts")
	base = gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "-b", "change")
	edit(dir)
	git("add", ".")
	git("commit", "-q", "-m", "change")
	head = gitOut(t, dir, "rev-parse", "HEAD")
	return dir, base, head
}

// A pull request that changes a drafts sheet gets the sheet's findings:
// annotated on its lines (the log's and the check run's), listed in the
// comment and the job summary and counted in the title; the head's sheet
// is checked, not the working tree's, and the posts folder, unchanged, is
// not.
func TestGitHubChecksChangedDrafts(t *testing.T) {
	dir, base, head := draftsRepo(t, func(dir string) {
		writeFile(t, filepath.Join(dir, "brand", "drafts", "jan.csv"),
			"channel,scheduled_at,text,pillar\ninstagram,2027-01-04 09:00,Behind the scenes.,brand\ntiktok,2027-01-07 09:00,The new coat.,product\n")
	})
	// Uncommitted in the working tree: not the pull request's.
	writeFile(t, filepath.Join(dir, "brand", "drafts", "jan.csv"), "channel,scheduled_at,text,pillar\n")
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 7, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-12-01"}})
	if r.code != ExitFindings {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "::error file=brand/drafts/jan.csv,line=3,") || !strings.Contains(r.stdout, "tiktok") {
		t.Errorf("no annotation on the sheet's line 3:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, "myspace") || strings.Contains(r.stdout, "posts/a.md") {
		t.Errorf("the unchanged posts folder was checked:\n%s", r.stdout)
	}
	comments := srv.Comments(7)
	if len(comments) != 1 {
		t.Fatalf("%d comments, want 1", len(comments))
	}
	body := comments[0].Body
	for _, want := range []string{"1 error", "in 1 strategy", "(2 files)", "brand/drafts/jan.csv:3:1", "tiktok",
		"> Checked the drafts this pull request changes against brand/strategy.yaml: brand/drafts/jan.csv."} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "### Mini") {
		t.Errorf("the comment shows a diff of a strategy whose files did not change:\n%s", body)
	}
	if strings.Contains(body, "pillar-rev-") || strings.Contains(r.stdout+r.stderr, "pillar-rev-") {
		t.Errorf("a temporary folder is named:\n%s\n%s%s", body, r.stdout, r.stderr)
	}
	runs := srv.CheckRuns()
	if len(runs) != 1 || runs[0].Conclusion != "failure" {
		t.Fatalf("check runs %+v", runs)
	}
	found := false
	for _, a := range runs[0].Annotations {
		if a.Path == "brand/drafts/jan.csv" && a.StartLine == 3 && a.AnnotationLevel == "failure" {
			found = true
		}
	}
	if !found {
		t.Errorf("the check run has no failure on brand/drafts/jan.csv:3: %+v", runs[0].Annotations)
	}
	if s := readSummary(t, vars); !strings.Contains(s, "brand/drafts/jan.csv:3") {
		t.Errorf("job summary:\n%s", s)
	}
}

// A changed post checks its folder whole (its empty slots are those no
// post fills); a pull request that changes the strategy but no drafts
// file checks no drafts.
func TestGitHubChangedDraftsOrNot(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(t *testing.T, dir string)
		want    []string // in the log
		wantNot []string
		code    int
	}{
		{"a post changed", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "brand", "drafts", "posts", "b.md"), "---\nchannel: instagram\nscheduled_at: 2027-01-04 09:00\npillar: brand\n---\nHei.\n")
		}, []string{"::error file=brand/drafts/posts/a.md,line=2,", "myspace"}, []string{"jan.csv"}, ExitFindings},
		{"the strategy changed, no drafts", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "brand", "strategy.yaml"), strings.Replace(draftsStrategy, "owner: Kari", "owner: Ola", 1))
		}, []string{"1 strategy valid (1 file)"}, []string{"myspace", "jan.csv", "draft-"}, 0},
		{"a sheet that cannot be read", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "brand", "drafts", "jan.csv"), "when,what\n1,2\n")
		}, []string{"could not check the drafts of brand/strategy.yaml: brand/drafts/jan.csv:1: the drafts file has no column for channel"}, []string{"pillar-rev-"}, ExitFailure},
		{"a sheet that is a link out of the repository", func(t *testing.T, dir string) {
			outside := filepath.Join(t.TempDir(), "secret.csv")
			writeFile(t, outside, "channel,scheduled_at,text\nmyspace,2027-01-04 09:00,SECRET-CONTENT\n")
			if err := os.Symlink(outside, filepath.Join(dir, "brand", "drafts", "evil.csv")); err != nil {
				t.Fatal(err)
			}
		}, nil, []string{"SECRET-CONTENT", "secret.csv", "myspace", "draft-"}, 0},
		{"docs only", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "README.md"), "docs\n")
		}, nil, []string{"myspace", "draft-"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, base, head := draftsRepo(t, func(dir string) { tc.edit(t, dir) })
			chdir(t, dir)
			srv := newFake(t, "")
			vars := actionsEnv(t, srv, prEvent(t, 8, base, head, "octo/strategy"))
			r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-12-01"}})
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout+r.stderr, w) {
					t.Errorf("the log lacks %q:\n%s%s", w, r.stdout, r.stderr)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(r.stdout+r.stderr, w) {
					t.Errorf("the log holds %q:\n%s%s", w, r.stdout, r.stderr)
				}
			}
		})
	}
}

// Checking the working tree (the head's files not written out), a changed
// sheet that is a symbolic link out of the repository is refused, in a
// note that does not say where it leads, and the run exits 2.
func TestGitHubDraftsLinkInWorkingTree(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	writeFile(t, filepath.Join(dir, "brand", "strategy.yaml"), draftsStrategy)
	outside := filepath.Join(t.TempDir(), "secret.csv")
	writeFile(t, outside, "channel,scheduled_at,text\nmyspace,2027-01-04 09:00,SECRET-CONTENT\n")
	os.MkdirAll(filepath.Join(dir, "brand", "drafts"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "brand", "drafts", "evil.csv")); err != nil {
		t.Fatal(err)
	}
	e, out, errb := testEnv(nil, false)
	r := &githubRun{e: e, root: dir, realRoot: dir}
	res := schema.Result{Path: filepath.Join(dir, "brand", "strategy.yaml")}
	r.checkDraftsOf(context.Background(), &res, []string{"brand/drafts/evil.csv"}, "", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	all := out.String() + errb.String() + strings.Join(r.draftsNotes, "\n")
	if !r.failed || !strings.Contains(all, "could not check the drafts of brand/strategy.yaml") || !strings.Contains(all, "leads outside the repository root through a symbolic link") {
		t.Errorf("failed %v, output:\n%s", r.failed, all)
	}
	if strings.Contains(all, "SECRET") || strings.Contains(all, outside) || len(res.Diagnostics) > 0 {
		t.Errorf("the link was followed:\n%s\n%v", all, res.Diagnostics)
	}
}
