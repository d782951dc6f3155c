package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/golden"
)

// silencingRepo is a repository whose pull request (branch "quiet")
// silences findings in every way there is, and leaves alone a pillar:ignore
// comment that was there before, which moves two lines down. It returns
// the repository and the base and head commits.
func silencingRepo(t *testing.T) (dir, base, head string) {
	t.Helper()
	dir, git := gitRepo(t)
	withOwnerIgnore := strings.Replace(miniStrategy, "    owner: Kari\n", "    owner: Kari # pillar:ignore channel-no-owner\n", 1)
	writeFile(t, filepath.Join(dir, "brands", "mini", "strategy.yaml"), withOwnerIgnore+"rules:\n  channel-no-sla: error\n")
	writeFile(t, filepath.Join(dir, "brands", "other", "strategy.yaml"), strings.Replace(miniStrategy, "name: Mini", "name: Other", 1))
	writeFile(t, filepath.Join(dir, ".pillar.yaml"), "rules:\n  influencer-mention-spam: warning\n")
	git("add", ".")
	git("commit", "-q", "-m", "strategies")
	base = gitOut(t, dir, "rev-parse", "HEAD")
	git("checkout", "-q", "-b", "quiet")
	quiet := strings.NewReplacer(
		"version: 1\n", "version: 1\n# pillar:ignore-file hashtag-comment\n",
		"    role: Inspiration\n", "    # pillar:ignore channel-no-role\n    role: Inspiration\n",
	).Replace(withOwnerIgnore)
	writeFile(t, filepath.Join(dir, "brands", "mini", "strategy.yaml"), quiet+"rules:\n  channel-no-owner: info\n  period-order: off\n")
	writeFile(t, filepath.Join(dir, ".pillar.yaml"), "rules:\n  influencer-mention-spam: off\n  campaign-overlap: error\n")
	git("commit", "-q", "-am", "quieter")
	head = gitOut(t, dir, "rev-parse", "HEAD")
	return dir, base, head
}

// TestGitHubListsSilencings: the comment and the job summary list the
// rules the pull request switches off or downgrades (in the config file
// and in a strategy's rules map, including an entry that raised a rule and
// is gone) and the pillar:ignore comments it adds, each at its line in the
// head; what was there before is not listed.
func TestGitHubListsSilencings(t *testing.T) {
	// The golden file is found before the test moves into the repository.
	goldenPath, err := filepath.Abs(filepath.Join("testdata", "silenced-comment.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir, base, head := silencingRepo(t)
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 8, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23", "--from", "2027-01-01", "--to", "2027-04-01"}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "pillar github: this pull request silences findings in 6 places: rules switched off or downgraded, pillar:ignore comments added. The comment and the job summary list them.\n") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	comments := srv.Comments(8)
	if len(comments) != 1 {
		t.Fatalf("%d comments", len(comments))
	}
	normal := strings.NewReplacer(head, "<head>", head[:7], "<head7>")
	golden.Check(t, goldenPath, []byte(normal.Replace(comments[0].Body)))
	summary := readSummary(t, vars)
	start := strings.Index(summary, "### This pull request silences findings")
	end := strings.Index(summary, "\n### Mini")
	if start < 0 || end < start {
		t.Fatalf("the job summary lacks the section:\n%s", summary)
	}
	commentBody := comments[0].Body
	if section := summary[start:end]; !strings.Contains(commentBody, section) {
		t.Errorf("the job summary's section differs from the comment's:\n%s", section)
	}
}

// TestGitHubSilencesNothing: a pull request that changes a strategy and
// raises a rule silences nothing, and the comment says nothing of it.
func TestGitHubSilencesNothing(t *testing.T) {
	dir, git := gitRepo(t)
	writeFile(t, filepath.Join(dir, "strategy.yaml"), miniStrategy+"# pillar:ignore\n")
	git("add", ".")
	git("commit", "-q", "-m", "strategy")
	base := gitOut(t, dir, "rev-parse", "HEAD")
	// Weights change, a rule is raised, a comment that silenced nothing
	// stays where it was.
	writeFile(t, filepath.Join(dir, "strategy.yaml"), strings.NewReplacer("weight: 60", "weight: 50", "weight: 40", "weight: 50").Replace(miniStrategy)+
		"rules:\n  channel-no-owner: error\n# pillar:ignore\n")
	git("commit", "-q", "-am", "even")
	head := gitOut(t, dir, "rev-parse", "HEAD")
	chdir(t, dir)
	srv := newFake(t, "")
	vars := actionsEnv(t, srv, prEvent(t, 9, base, head, "octo/strategy"))
	r := runGitHubCmd(t, ghCase{vars: vars, args: []string{"--today", "2026-11-23"}})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if c := srv.Comments(9); len(c) != 1 || strings.Contains(c[0].Body, "silences") || strings.Contains(r.stderr, "silences") {
		t.Errorf("comments %+v\n%s", c, r.stderr)
	}
}

// TestNewIgnores: a comment is new unless the base has one that silences
// the same rules on a line that reads the same, wherever lines moved.
func TestNewIgnores(t *testing.T) {
	for _, tc := range []struct {
		name, base, head string
		want             string // line→target of each new comment
	}{
		{"no base file", "", "a: 1 # pillar:ignore x\n", "1→1"},
		{"same comment, moved down", "a: 1 # pillar:ignore x\n", "z: 0\n\na: 1 # pillar:ignore x\n", ""},
		{"lone comment, moved with its line", "# pillar:ignore x\na: 1\n", "b: 2\n# pillar:ignore x\na: 1\n", ""},
		{"same rules, other line", "a: 1 # pillar:ignore x\n", "b: 2 # pillar:ignore x\n", "1→1"},
		{"rules widened", "a: 1 # pillar:ignore x\n", "a: 1 # pillar:ignore x y\n", "1→1"},
		{"rule list reordered", "a: 1 # pillar:ignore x, y\n", "a: 1 # pillar:ignore y x\n", ""},
		{"narrowed to every rule", "a: 1 # pillar:ignore x\n", "a: 1 # pillar:ignore\n", "1→1"},
		{"a second copy", "a: 1 # pillar:ignore x\n", "a: 1 # pillar:ignore x\na: 1 # pillar:ignore x\n", "2→2"},
		{"file-wide, anywhere", "# pillar:ignore-file x\na: 1\n", "a: 1\n# pillar:ignore-file x\n", ""},
		{"file-wide, new", "a: 1\n", "a: 1\n# pillar:ignore-file\n", "2→0"},
		{"silences nothing", "a: 1\n", "a: 1\n# pillar:ignore x\n", ""},
		{"comment now reaches a line", "a: 1\n# pillar:ignore x\n", "a: 1\n# pillar:ignore x\nb: 2\n", "2→3"},
	} {
		var base []byte
		if tc.base != "" {
			base = []byte(tc.base)
		}
		var got []string
		for _, s := range newIgnores("s.yaml", []byte(tc.head), base) {
			got = append(got, fmt.Sprintf("%d→%d", s.Line, s.Target))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: new %v, want %q", tc.name, got, tc.want)
		}
	}
}
