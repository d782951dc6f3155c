package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/github/githubtest"
)

// A pull request that changes the Nordlys content calendar, checked by the
// built binary: the sheet's findings are annotated on its lines in the log
// and the check run and listed in the comment; a later push that changes
// only the strategy checks no drafts.
func TestGitHubDraftsEndToEnd(t *testing.T) {
	dir, git := strategyRepo(t)
	// The repository is the example's folder: its mapping comes along.
	mapping, err := os.ReadFile(filepath.Join(root, "examples", "mappings", "content-calendar.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content-calendar.yaml"), mapping, 0o644); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(dir, "strategy.yaml"), "mapping: ../mappings/content-calendar.yaml", "mapping: content-calendar.yaml")
	git("add", ".")
	git("commit", "-q", "-m", "the mapping beside the strategy")
	base := revParse(t, dir, "HEAD")
	edit(t, filepath.Join(dir, "drafts", "january.csv"), "Tørr hud i kulda? Denne uken", "Tørr hud i kulda? Billig denne uken")
	git("commit", "-q", "-am", "a cheaper line")
	head := revParse(t, dir, "HEAD")

	srv := githubtest.NewServer(t, "")
	srv.Token = e2eToken
	env, summary := stepEnv(t, srv, 21, base, head)
	args := []string{"github", "--today", "2026-12-01"}
	r := pillarWith(t, dir, env, args...)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1 (the sheet has errors)\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "::warning file=drafts/january.csv,line=3,") || !strings.Contains(r.stdout, `"billig" is one of the voice's words to avoid`) {
		t.Errorf("no annotation of the changed line:\n%s", r.stdout)
	}
	comments := srv.Comments(21)
	if len(comments) != 1 {
		t.Fatalf("%d comments", len(comments))
	}
	body := comments[0].Body
	for _, want := range []string{"drafts/january.csv:3:", "draft-word-to-avoid", "Checked the drafts this pull request changes against strategy.yaml: drafts/january.csv."} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}
	runs := srv.CheckRuns()
	found := false
	for _, a := range runs[0].Annotations {
		found = found || a.Path == "drafts/january.csv" && a.StartLine == 3
	}
	if len(runs) != 1 || runs[0].Conclusion != "failure" || !found {
		t.Errorf("check runs %+v", runs)
	}
	if b, _ := os.ReadFile(summary); !strings.Contains(string(b), "drafts/january.csv:3") {
		t.Errorf("the job summary lacks the sheet's finding:\n%s", b)
	}

	// The strategy changes, the drafts do not: none are checked.
	edit(t, filepath.Join(dir, "strategy.yaml"), "mapping: content-calendar.yaml", "mapping: ./content-calendar.yaml")
	git("commit", "-q", "-am", "the mapping spelt another way")
	head2 := revParse(t, dir, "HEAD")
	env, _ = stepEnv(t, srv, 22, head, head2)
	r = pillarWith(t, dir, env, args...)
	if r.code != 0 || strings.Contains(r.stdout, "january.csv") || strings.Contains(r.stdout, "draft-") {
		t.Errorf("exit %d; a pull request that changes no drafts checked them:\n%s%s", r.code, r.stdout, r.stderr)
	}
}
