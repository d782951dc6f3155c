package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// strategyRepo makes a git repository holding a copy of examples/nordlys at
// its root, committed, and returns it with a function that runs git in it.
// It skips the test when git is not installed.
func strategyRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	src := filepath.Join(root, "examples", "nordlys")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "Nordlys strategy")
	return dir, git
}

// edit replaces text in a file of the repository, failing when it is not
// there.
func edit(t *testing.T, path string, pairs ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("%s has no %q", path, pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pillarIn runs the binary in dir, like pillar does from the repository
// root.
func pillarIn(t *testing.T, dir string, args ...string) run {
	t.Helper()
	return pillarAt(t, dir, gitEnv, args...)
}

// reviewChange is the pull request the diff tests review: pillar weights,
// Instagram's cadence, a new YouTube channel, an influencer signed, and a
// persona (in an included file) with a new interest.
func reviewChange(t *testing.T, dir string, git func(...string)) {
	t.Helper()
	edit(t, filepath.Join(dir, "strategy.yaml"),
		"    name: Merkevare\n    weight: 40", "    name: Merkevare\n    weight: 35",
		"    name: Mote\n    weight: 30", "    name: Mote\n    weight: 35",
		"      min_per_week: 5\n      days: [mon, tue, wed, thu, fri, sun]", "      min_per_week: 4\n      days: [mon, tue, thu, fri]",
		"    status: prospect\n    relationship: organic\n    niche: Friluftsliv", "    status: partner\n    relationship: paid\n    niche: Friluftsliv",
		"\npillars:\n", `
  - id: youtube
    platform: youtube
    handle: "@nordlysoslo"
    owner: Emil Haugen, video og TikTok
    personas: [maja]
    formats: [video]
    cadence:
      min_per_week: 1
      days: [fri]
      times: ["16:00"]
    response_sla: 1d

pillars:
`)
	edit(t, filepath.Join(dir, "personas", "kari.yaml"), "    interests:\n", "    interests:\n      - Keramikk\n")
	git("commit", "-q", "-am", "Fewer Instagram posts, more fashion, YouTube")
}

func TestDiffRevisionsGolden(t *testing.T) {
	dir, git := strategyRepo(t)
	reviewChange(t, dir, git)
	for _, format := range []string{"text", "md", "json"} {
		t.Run(format, func(t *testing.T) {
			r := pillarIn(t, dir, "diff", "HEAD~1", "HEAD", "--format", format, "--from", "2027-01-01", "--to", "2027-04-01")
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			goldenFile(t, filepath.Join("testdata", "diff", "nordlys."+format), r.stdout)
		})
	}
}

// TestDiffFiveEditsReadAsFive: a pull request that removes a channel
// with pillar examples, changes two weights, renames a persona and adds a
// tactic makes five edits, and every format says five changes, each once:
// the channel's examples go with it, the weights table is not repeated as
// sentences, the persona is named by its name.
func TestDiffFiveEditsReadAsFive(t *testing.T) {
	old, new := filepath.Join("testdata", "diff", "five-edits", "old"), filepath.Join("testdata", "diff", "five-edits", "new")
	for _, format := range []string{"text", "md", "json"} {
		t.Run(format, func(t *testing.T) {
			r := pillar(t, nil, "diff", old, new, "--format", format, "--from", "2027-01-01", "--to", "2027-04-01")
			if r.code != 0 {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			goldenFile(t, filepath.Join("testdata", "diff", "five-edits."+format), r.stdout)
			switch format {
			case "json":
				var d struct {
					Changes []struct{ Summary string }
				}
				if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || len(d.Changes) != 5 {
					t.Errorf("%d changes (%v), want 5:\n%s", len(d.Changes), err, r.stdout)
				}
			default:
				if !strings.Contains(r.stdout, "5 changes;") {
					t.Errorf("the headline does not say 5 changes:\n%s", r.stdout)
				}
				for _, once := range []string{"Pinterest channel removed", "50%", "Per, pendler og kaffeelsker", "Turfredag"} {
					if n := strings.Count(r.stdout, once); n != 1 {
						t.Errorf("%q appears %d times, want once:\n%s", once, n, r.stdout)
					}
				}
			}
		})
	}
}

// TestDiffWithErrorsTellsTheChanges: a version with errors still has its
// changes told, in every format, and exits 1; only the calendar impact is
// left out (json: "unplanned" in place of "impact"). A version that does
// not read as a strategy is not compared.
func TestDiffWithErrorsTellsTheChanges(t *testing.T) {
	dir, git := strategyRepo(t)
	edit(t, filepath.Join(dir, "strategy.yaml"), "    name: Merkevare\n    weight: 40", "    name: Merkevare\n    weight: 45")
	git("commit", "-q", "-am", "Weights no longer sum to 100")
	r := pillarIn(t, dir, "diff", "HEAD~1", "HEAD", "--format", "json")
	if r.code != 1 || !strings.Contains(r.stderr, "pillar-weights-sum") {
		t.Fatalf("exit %d, want 1 with the error on stderr\n%s%s", r.code, r.stdout, r.stderr)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil {
		t.Fatalf("%v:\n%s", err, r.stdout)
	}
	changes, _ := d["changes"].([]any)
	if _, has := d["impact"]; has || len(changes) != 1 ||
		d["unplanned"] != "HEAD has errors, so the calendar impact (posts planned, pillar mix) cannot be computed until they are fixed." {
		t.Errorf("want one change, no impact and why:\n%s", r.stdout)
	}
	r = pillarIn(t, dir, "diff", "HEAD~1", "HEAD", "--format", "md")
	if r.code != 1 || !strings.Contains(r.stdout, "| Merkevare | 40% | **45%** |") || !strings.Contains(r.stdout, "`HEAD~1` → `HEAD`: 1 change.\n") {
		t.Errorf("md: exit %d\n%s", r.code, r.stdout)
	}

	edit(t, filepath.Join(dir, "strategy.yaml"), "pillars:\n", "pillars: [\n")
	git("commit", "-q", "-am", "Broken YAML")
	r = pillarIn(t, dir, "diff", "HEAD~2", "HEAD")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "[yaml-syntax]") ||
		!strings.Contains(r.stderr, "pillar diff: HEAD cannot be read as a strategy; fix the errors above before comparing") {
		t.Errorf("unreadable: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestDiffDefaultsToNextQuarter(t *testing.T) {
	dir, git := strategyRepo(t)
	reviewChange(t, dir, git)
	r := pillarIn(t, dir, "diff", "main~1", "main")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !regexp.MustCompile(`fewer posts in Q[1-4] 20\d\d \(`).MatchString(r.stdout) {
		t.Errorf("no next-quarter headline in:\n%s", r.stdout)
	}
	// Paths work as well as revisions, and mix with them.
	r = pillarIn(t, dir, "diff", "HEAD~1", ".", "--from", "2027-01-01")
	if r.code != 0 || !strings.Contains(r.stdout, "Merkevare pillar 40% → 35%") {
		t.Errorf("HEAD~1 against the folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestDiffBadInput(t *testing.T) {
	dir, git := strategyRepo(t)
	edit(t, filepath.Join(dir, "strategy.yaml"), "    name: Merkevare\n    weight: 40", "    name: Merkevare\n    weight: 45")
	git("commit", "-q", "-am", "Weights no longer sum to 100")
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"unknown revision", []string{"diff", "release-7", "HEAD"}, 2, "release-7 is neither a file or folder nor a revision git knows (git: fatal:"},
		{"new missing", []string{"diff", "HEAD~1", "nope.yaml"}, 2, "nope.yaml is neither a file or folder nor a revision"},
		{"old with errors", []string{"diff", "HEAD", "HEAD~1"}, 1, "HEAD:strategy.yaml:"},
		{"no strategy at path", []string{"diff", "HEAD~1", "HEAD", "personas"}, 2, "no strategy at HEAD~1:personas"},
		{"bad format", []string{"diff", "HEAD~1", "HEAD", "--format", "html"}, 2, "unknown format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := pillarIn(t, dir, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.err) {
				t.Errorf("stderr lacks %q:\n%s", tc.err, r.stderr)
			}
			if strings.Contains(r.stderr, "pillar-diff-") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr shows a temporary folder or a crash:\n%s", r.stderr)
			}
		})
	}
	// Outside a git repository a missing path is just missing.
	r := pillarIn(t, t.TempDir(), "diff", filepath.Join(root, "examples", "nordlys"), "v1")
	if r.code != 2 || !strings.Contains(r.stderr, "not in a git repository") {
		t.Errorf("outside git: exit %d\n%s", r.code, r.stderr)
	}
}

func TestDiffHelp(t *testing.T) {
	r := pillar(t, nil, "diff", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: pillar diff OLD NEW [PATH]") || !strings.Contains(r.stdout, "Examples:") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}
