package main

// End-to-end tests of what pillar refuses to read: files outside the
// repository root, whatever path a strategy writes, and files that are not
// regular files.

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// secretLine is in a file outside the repository. It reads as YAML, so a
// pillar that followed a path to it would quote it in a finding.
const secretLine = "SECRET-c0ffee: the runner's own file"

// copyTree copies the files under src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// leakRepo lays out base/secret.yaml, base/group (fjord-group, outside the
// repository) and base/repo, a git repository holding coffee (fjord-coffee,
// extending ../group inside it) and group. It returns base, the repository
// and a function that runs git in it.
func leakRepo(t *testing.T) (base, repo string, git func(args ...string)) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	base = t.TempDir()
	repo = filepath.Join(base, "repo")
	if err := os.WriteFile(filepath.Join(base, "secret.yaml"), []byte(secretLine+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "examples", "fjord-group"), filepath.Join(base, "group"))
	copyTree(t, filepath.Join(root, "examples", "fjord-group"), filepath.Join(repo, "group"))
	copyTree(t, filepath.Join(root, "examples", "fjord-coffee"), filepath.Join(repo, "coffee"))
	setExtends(t, repo, "../group")
	git = func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), gitEnv...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "Fjord Coffee")
	return base, repo, git
}

// setExtends points coffee's extends at target.
func setExtends(t *testing.T, repo, target string) {
	t.Helper()
	path := filepath.Join(repo, "coffee", "strategy.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "extends:") {
			lines[i] = "extends: " + target
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// deepTraversal is a path from anywhere up to / and down to abs.
func deepTraversal(abs string) string {
	return strings.Repeat("../", 30) + strings.TrimPrefix(filepath.ToSlash(abs), "/")
}

func noSecret(t *testing.T, what string, r run) {
	t.Helper()
	if strings.Contains(r.stdout+r.stderr, "SECRET-c0ffee") {
		t.Errorf("%s published a file from outside the repository:\n%s%s", what, r.stdout, r.stderr)
	}
}

func TestNothingOutsideTheRepositoryIsQuoted(t *testing.T) {
	for _, tc := range []struct {
		name   string
		target string            // coffee's extends; BASE is the folder above the repository
		links  map[string]string // symbolic links to make, path under BASE → target
		want   string            // in text output; REPO is the repository
	}{
		{"traversal", "../../secret.yaml", nil, `extends "../../secret.yaml" leads outside the repository root REPO`},
		{"deep traversal", "DEEP", nil, `leads outside the repository root REPO`},
		{"absolute path", "BASE/secret.yaml", nil, `is an absolute path`},
		{"symlinked parent folder", "../linked", map[string]string{"repo/linked": "../group"},
			`extends "../linked" leads outside the repository root REPO`},
		{"symlinked file", "parent.yaml", map[string]string{"repo/coffee/parent.yaml": "../../secret.yaml"},
			`extends "parent.yaml" leads outside the repository root REPO`},
		{"symlinked file, absolute", "parent.yaml", map[string]string{"repo/coffee/parent.yaml": "BASE/secret.yaml"},
			`extends "parent.yaml" leads outside the repository root REPO`},
		{"include through a link", "../group", map[string]string{"repo/coffee/more.yaml": "../../secret.yaml"},
			`include "more.yaml" points outside the strategy's folder`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base, repo, _ := leakRepo(t)
			target := strings.ReplaceAll(tc.target, "BASE", base)
			if target == "DEEP" {
				target = deepTraversal(filepath.Join(base, "secret.yaml"))
			}
			setExtends(t, repo, target)
			for link, to := range tc.links {
				if err := os.Symlink(strings.ReplaceAll(to, "BASE", base), filepath.Join(base, link)); err != nil {
					t.Skip("symbolic links not available:", err)
				}
			}
			if strings.HasPrefix(tc.name, "include") {
				path := filepath.Join(repo, "coffee", "strategy.yaml")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, []byte("include: [more.yaml]\n"+string(b)), 0o644)
			}
			want := strings.ReplaceAll(tc.want, "REPO", repo)
			for _, format := range []string{"text", "json", "github", "sarif"} {
				r := pillarAt(t, repo, nil, "validate", "--today", "2026-11-23", "--format", format, "coffee")
				noSecret(t, "validate --format "+format, r)
				if r.code != 1 {
					t.Errorf("validate --format %s: exit %d, want 1\n%s%s", format, r.code, r.stdout, r.stderr)
				}
				if format == "text" && !strings.Contains(r.stdout, want) {
					t.Errorf("validate says nothing of %q:\n%s", want, r.stdout)
				}
			}
			out := t.TempDir()
			posts := filepath.Join(root, "examples", "fjord-coffee", "history", "posts.csv")
			for _, args := range [][]string{
				{"plan", "coffee", "--from", "2027-01-01", "--to", "2027-02-01"},
				{"render", "coffee", "--from", "2027-01-04"},
				{"build", "coffee", "-o", out},
				{"audit", "coffee", "--posts", posts, "--from", "2027-01-01", "--to", "2027-04-01"},
				{"diff", "coffee", "coffee"},
			} {
				r := pillarAt(t, repo, nil, args...)
				noSecret(t, args[0], r)
				if r.code == 0 || !strings.Contains(r.stderr, want) {
					t.Errorf("%s: exit %d; want a failure saying %q\n%s%s", args[0], r.code, want, r.stdout, r.stderr)
				}
			}
		})
	}
}

func TestRootFlagWidensTheRoot(t *testing.T) {
	base, repo, _ := leakRepo(t)
	// The parent lives next to the repository, not in it.
	setExtends(t, repo, "../../group")
	r := pillarAt(t, repo, nil, "validate", "--today", "2026-11-23", "coffee")
	if r.code != 1 || !strings.Contains(r.stdout, `extends "../../group" leads outside the repository root `+repo) ||
		!strings.Contains(r.stdout, "widen the root with --root DIR") {
		t.Errorf("without --root: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = pillarAt(t, repo, nil, "validate", "--strict", "--today", "2026-11-23", "--root", "..", "coffee")
	if r.code != 0 || !strings.Contains(r.stdout, "1 strategy valid (2 files)") {
		t.Errorf("with --root ..: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = pillarAt(t, repo, nil, "plan", "--root", base, "coffee", "--from", "2027-01-01", "--to", "2027-02-01", "--summary")
	if r.code != 0 {
		t.Errorf("plan --root: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A root that does not hold the strategy is the user's mistake: said,
	// exit 2.
	r = pillarAt(t, repo, nil, "validate", "--root", "group", "coffee")
	if r.code != 2 || !strings.Contains(r.stderr, "coffee/strategy.yaml is outside the root "+filepath.Join(repo, "group")) ||
		!strings.Contains(r.stderr, "give a --root that holds the strategy") {
		t.Errorf("--root beside the strategy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = pillarAt(t, repo, nil, "validate", "--root", "nowhere", "coffee")
	if r.code != 2 || !strings.Contains(r.stderr, "--root nowhere is not a folder") {
		t.Errorf("--root that is not a folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Outside a repository the root is the folder given: a folder of
	// strategies lets them extend one another.
	plain := t.TempDir()
	copyTree(t, filepath.Join(root, "examples", "fjord-group"), filepath.Join(plain, "brands", "fjord-group"))
	copyTree(t, filepath.Join(root, "examples", "fjord-coffee"), filepath.Join(plain, "brands", "fjord-coffee"))
	r = pillarAt(t, plain, nil, "validate", "--today", "2026-11-23", "brands")
	if r.code != 0 {
		t.Errorf("a folder of strategies outside git: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = pillarAt(t, plain, nil, "validate", "--today", "2026-11-23", "brands/fjord-coffee")
	if r.code != 1 || !strings.Contains(r.stdout, "leads outside the repository root "+filepath.Join(plain, "brands", "fjord-coffee")) {
		t.Errorf("one strategy outside git, its parent beside it: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	mkfifo := func(path string) string {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := syscall.Mkfifo(path, 0o644); err != nil {
			t.Skip("named pipes not available:", err)
		}
		return path
	}
	nordlys := filepath.Join(root, "examples", "nordlys")
	fifoStrategy := filepath.Dir(mkfifo(filepath.Join(dir, "fifo", "strategy.yaml")))
	included := filepath.Join(dir, "included")
	copyTree(t, nordlys, included)
	path := filepath.Join(included, "strategy.yaml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(b), "include:", "include: [pipe.yaml]\nx-was-include:", 1)), 0o644)
	mkfifo(filepath.Join(included, "pipe.yaml"))
	fifo := mkfifo(filepath.Join(dir, "pipe"))
	templates := filepath.Join(dir, "theme")
	mkfifo(filepath.Join(templates, "playbook.html.tmpl"))
	// Unix socket paths are short: a folder of our own under /tmp.
	sockDir, err := os.MkdirTemp("", "pillar-sock-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(sockDir)
	os.WriteFile(filepath.Join(sockDir, "strategy.yaml"), []byte("version: 1\ninclude: [s.yaml]\n"), 0o644)
	l, err := net.Listen("unix", filepath.Join(sockDir, "s.yaml"))
	if err != nil {
		t.Skip("unix sockets not available:", err)
	}
	defer l.Close()
	posts := filepath.Join(nordlys, "history", "posts.csv")

	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"named pipe as strategy.yaml", []string{"validate", fifoStrategy}, fifoStrategy + "/strategy.yaml is a named pipe (FIFO), not a regular file"},
		{"named pipe given as the strategy", []string{"plan", fifo}, fifo + " is a named pipe (FIFO), not a regular file"},
		{"named pipe included", []string{"validate", included}, path + ":"},
		{"named pipe included, the path", []string{"render", included}, filepath.Join(included, "pipe.yaml") + " is a named pipe (FIFO), not a regular file"},
		{"/dev/null as the strategy", []string{"validate", "/dev/null"}, "/dev/null is a character device, not a regular file"},
		{"/dev/zero as the strategy", []string{"build", "/dev/zero", "-o", t.TempDir()}, "/dev/zero is a character device, not a regular file"},
		{"socket included", []string{"validate", sockDir}, filepath.Join(sockDir, "s.yaml") + " is a socket, not a regular file"},
		{"named pipe as the config", []string{"validate", "--config", fifo, nordlys}, "config " + fifo + " is a named pipe (FIFO), not a regular file"},
		{"named pipe as the post history", []string{"audit", nordlys, "--posts", fifo}, fifo + " is a named pipe (FIFO), not a regular file"},
		{"named pipe as the mention log", []string{"audit", nordlys, "--posts", posts, "--mentions", fifo}, "give - and pipe it"},
		{"named pipe as the mapping", []string{"audit", nordlys, "--posts", posts, "--mapping", fifo}, fifo + " is a named pipe (FIFO), not a regular file"},
		{"named pipe as a template", []string{"render", nordlys, "--templates", templates}, "playbook.html.tmpl is a named pipe (FIFO), not a regular file"},
		{"named pipe as the event file", []string{"github", nordlys, "--event", fifo}, fifo + " is a named pipe (FIFO), not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := pillar(t, nil, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want 2 and %q in stderr:\n%s%s", r.code, tc.want, r.stdout, r.stderr)
			}
			// Nothing was checked: no summary that says there was
			// nothing to check.
			if tc.args[0] == "validate" && r.stdout != "" {
				t.Errorf("stdout %q, want nothing beside the error", r.stdout)
			}
		})
	}
	// The other strategies of the run are still checked.
	r := pillar(t, nil, "validate", "--today", "2026-11-23", fifoStrategy, nordlys)
	if r.code != 2 || !strings.Contains(r.stdout, "1 strategy valid") {
		t.Errorf("a named pipe beside a good strategy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestRevisionsAreConfined checks that a strategy read from a git
// revision (pillar diff, and the pull request's head in pillar github)
// stays inside that revision: a path leading out reads nothing from the
// machine, and a symbolic link in the revision is not followed.
func TestRevisionsAreConfined(t *testing.T) {
	base, repo, git := leakRepo(t)
	secret := filepath.Join(base, "secret.yaml")
	setExtends(t, repo, deepTraversal(secret))
	git("commit", "-q", "-am", "extend a file far away")
	r := pillarAt(t, repo, gitEnv, "diff", "HEAD~1", "HEAD", "coffee")
	noSecret(t, "diff", r)
	if r.code != 1 || !strings.Contains(r.stderr, "HEAD:coffee/strategy.yaml:13:10: error: extends") ||
		!strings.Contains(r.stderr, "leads outside the repository root HEAD:") {
		t.Errorf("diff, a path leading out: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A symbolic link committed in the revision, to the file outside.
	setExtends(t, repo, "parent.yaml")
	if err := os.Symlink(secret, filepath.Join(repo, "coffee", "parent.yaml")); err != nil {
		t.Skip("symbolic links not available:", err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "extend a link")
	r = pillarAt(t, repo, gitEnv, "diff", "HEAD~2", "HEAD", "coffee")
	noSecret(t, "diff", r)
	if r.code != 1 || !strings.Contains(r.stderr, `HEAD:coffee/strategy.yaml:13:10: error: the parent strategy "parent.yaml" cannot be read`) {
		t.Errorf("diff, a link in the revision: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// pillar github checks the head commit's files: nothing from outside
	// reaches the log, the comment or the check run it would send.
	for _, head := range []string{"HEAD~1", "HEAD"} {
		r = pillarAt(t, repo, gitEnv, "github", "--dry-run", "--repo", "octo/strategy", "--pr", "7", "--base", "HEAD~2", "--head", head, "--today", "2026-11-23")
		noSecret(t, "github --dry-run", r)
		if r.code != 1 || !strings.Contains(r.stdout, "coffee/strategy.yaml") || !strings.Contains(r.stdout, "POST https://api.github.com/repos/octo/strategy/check-runs") {
			t.Errorf("github --head %s: exit %d\n%s%s", head, r.code, r.stdout, r.stderr)
		}
		if head == "HEAD~1" && !strings.Contains(r.stdout, "leads outside the repository root "+repo) {
			t.Errorf("github --head %s does not say the path leads outside the repository:\n%s", head, r.stdout)
		}
	}
}
