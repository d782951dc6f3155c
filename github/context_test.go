package github_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/github"
)

func writeEvent(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	headSHA = "1111111111111111111111111111111111111111"
	baseSHA = "2222222222222222222222222222222222222222"
)

func TestReadEvent(t *testing.T) {
	pr := `{"action": "synchronize", "number": 12,
	  "pull_request": {"number": 12,
	    "head": {"sha": "` + headSHA + `", "ref": "feature", "repo": {"full_name": "%s"}},
	    "base": {"sha": "` + baseSHA + `", "ref": "main", "repo": {"full_name": "octo/strategy"}}},
	  "repository": {"full_name": "octo/strategy"}}`
	ev, err := github.ReadEvent(writeEvent(t, strings.Replace(pr, "%s", "octo/strategy", 1)))
	if err != nil {
		t.Fatal(err)
	}
	p := ev.PullRequest
	if ev.Repo != "octo/strategy" || p == nil || p.Number != 12 || p.HeadSHA != headSHA || p.BaseSHA != baseSHA || p.BaseRef != "main" || p.HeadRef != "feature" {
		t.Fatalf("ReadEvent = %+v, %+v", ev, p)
	}
	if p.FromFork() {
		t.Error("a branch of the same repository is not a fork")
	}
	ev, err = github.ReadEvent(writeEvent(t, strings.Replace(pr, "%s", "stranger/strategy", 1)))
	if err != nil || !ev.PullRequest.FromFork() {
		t.Errorf("a pull request from stranger/strategy: %+v, %v; want a fork", ev.PullRequest, err)
	}
	// A deleted fork has no head repository.
	ev, err = github.ReadEvent(writeEvent(t, strings.Replace(pr, `"repo": {"full_name": "%s"}`, `"repo": null`, 1)))
	if err != nil || !ev.PullRequest.FromFork() {
		t.Errorf("a deleted fork: %+v, %v", ev.PullRequest, err)
	}

	ev, err = github.ReadEvent(writeEvent(t, `{"ref": "refs/heads/main", "after": "`+headSHA+`", "repository": {"full_name": "octo/strategy"}}`))
	if err != nil || ev.PullRequest != nil || ev.Repo != "octo/strategy" {
		t.Errorf("a push event: %+v, %v", ev, err)
	}

	for _, tc := range []struct{ name, body, want string }{
		{"not JSON", "{", "is not JSON"},
		{"no head", `{"pull_request": {"number": 3, "base": {"sha": "` + baseSHA + `"}}}`, "pull_request.head.sha is not a commit id"},
		{"no number", `{"pull_request": {"head": {"sha": "` + headSHA + `"}, "base": {"sha": "` + baseSHA + `"}}}`, "pull_request.number is missing"},
	} {
		if _, err := github.ReadEvent(writeEvent(t, tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := github.ReadEvent(filepath.Join(t.TempDir(), "missing.json")); err == nil || !os.IsNotExist(errorsUnwrap(err)) {
		t.Errorf("a missing event file: %v", err)
	}
}

func errorsUnwrap(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

func TestFromEnv(t *testing.T) {
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "octo/strategy", "GITHUB_SHA": headSHA,
		"GITHUB_API_URL": "https://ghe.example.com/api/v3", "GITHUB_STEP_SUMMARY": "/tmp/summary.md", "GITHUB_EVENT_NAME": "push"}
	c := github.FromEnv(func(k string) string { return env[k] })
	if !c.Actions || c.Repo != "octo/strategy" || c.SHA != headSHA || c.APIURL != "https://ghe.example.com/api/v3" ||
		c.StepSummary != "/tmp/summary.md" || c.EventName != "push" || c.ServerURL != github.DefaultServerURL {
		t.Errorf("FromEnv = %+v", c)
	}
	c = github.FromEnv(func(string) string { return "" })
	if c.Actions || c.APIURL != github.DefaultAPIURL {
		t.Errorf("outside Actions: %+v", c)
	}
}

func TestSplitRepo(t *testing.T) {
	if o, n, err := github.SplitRepo("octo/strategy"); err != nil || o != "octo" || n != "strategy" {
		t.Errorf("SplitRepo = %q %q %v", o, n, err)
	}
	for _, bad := range []string{"", "octo", "octo/", "/strategy", "a/b/c", "octo/strat egy", "octo/x?y"} {
		if _, _, err := github.SplitRepo(bad); err == nil {
			t.Errorf("SplitRepo(%q) accepted", bad)
		}
	}
}
