package git

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// newRepo makes a repository in a temporary folder, away from the user's
// and the system's git configuration, and returns a function that runs
// git in it.
func newRepo(t *testing.T) (string, func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Test", "-c", "user.email=test@example.com",
			"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "tag.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	return dir, run
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRoot(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(repo, "brands", "coffee", "strategy.yaml"), "version: 1\n")
	// A linked worktree or submodule has a .git file, not a folder.
	write(t, filepath.Join(repo, "vendor", "sub", ".git"), "gitdir: ../../.git/modules/sub\n")
	write(t, filepath.Join(repo, "vendor", "sub", "strategy.yaml"), "version: 1\n")
	write(t, filepath.Join(base, "loose", "brand", "strategy.yaml"), "version: 1\n")
	// A symbolic link inside the repository to a folder outside it: the
	// root goes by the path as written.
	if err := os.Symlink(filepath.Join(base, "loose"), filepath.Join(repo, "linked")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(repo, "brands", "coffee", "strategy.yaml"), repo},
		{filepath.Join(repo, "brands", "coffee"), repo},
		{repo, repo},
		{filepath.Join(repo, "vendor", "sub", "strategy.yaml"), filepath.Join(repo, "vendor", "sub")},
		{filepath.Join(repo, "linked", "brand"), repo},
		// Outside a repository: the folder given, a file's folder.
		{filepath.Join(base, "loose", "brand"), filepath.Join(base, "loose", "brand")},
		{filepath.Join(base, "loose", "brand", "strategy.yaml"), filepath.Join(base, "loose", "brand")},
		{filepath.Join(base, "loose", "brand", "gone.yaml"), filepath.Join(base, "loose", "brand")},
	} {
		got, err := Root(tc.path)
		if err != nil || got != tc.want {
			t.Errorf("Root(%s) = %q, %v; want %q", tc.path, got, err, tc.want)
		}
	}
	// A relative path comes back absolute.
	t.Chdir(filepath.Join(repo, "brands"))
	if got, err := Root("coffee"); err != nil || got != repo {
		t.Errorf("Root(coffee) from brands = %q, %v; want %q", got, err, repo)
	}
}

func TestOpenAndRel(t *testing.T) {
	dir, _ := newRepo(t)
	write(t, filepath.Join(dir, "brands", "coffee", "strategy.yaml"), "version: 1\n")
	ctx := context.Background()
	r, err := Open(ctx, filepath.Join(dir, "brands", "gone", "strategy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	if r.RealTop != real {
		t.Errorf("RealTop = %q, want %q", r.RealTop, real)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(dir, "brands"), link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, want string
		err        error
	}{
		{dir, ".", nil},
		{filepath.Join(dir, "brands", "coffee"), "brands/coffee", nil},
		{filepath.Join(dir, "brands", "gone", "strategy.yaml"), "brands/gone/strategy.yaml", nil},
		{filepath.Join(link, "coffee"), "brands/coffee", nil},
		{t.TempDir(), "", ErrOutside},
	} {
		got, err := r.Rel(tc.path)
		if filepath.ToSlash(got) != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Rel(%s) = %q, %v; want %q, %v", tc.path, got, err, tc.want, tc.err)
		}
	}
	if _, err := Open(ctx, t.TempDir()); err == nil || !strings.Contains(err.Error(), "git: fatal: not a git repository") {
		t.Errorf("Open outside a repository: %v", err)
	}
}

func TestCommitsAndChanges(t *testing.T) {
	dir, git := newRepo(t)
	ctx := context.Background()
	write(t, filepath.Join(dir, "a.yaml"), "a: 1\n")
	write(t, filepath.Join(dir, "b.yaml"), "b: 1\n")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	first := git("rev-parse", "HEAD")
	git("checkout", "-q", "-b", "change")
	write(t, filepath.Join(dir, "sub dir", "c.yaml"), "c: 1\n")
	git("add", ".")
	git("commit", "-q", "-m", "second")
	git("checkout", "-q", "main")
	write(t, filepath.Join(dir, "b.yaml"), "b: 2\n")
	git("commit", "-q", "-am", "main moves on")

	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.Commit(ctx, "main~1"); err != nil || got != first {
		t.Errorf("Commit(main~1) = %q, %v; want %s", got, err, first)
	}
	if _, err := r.Commit(ctx, "nope"); err == nil || !strings.HasPrefix(err.Error(), "git: fatal:") {
		t.Errorf("Commit(nope): %v, want git's message", err)
	}
	if !r.HasCommit(ctx, "change") || r.HasCommit(ctx, "nope") || r.HasCommit(ctx, "--all") {
		t.Error("HasCommit: wrong answer for change, nope or --all")
	}
	mb, err := r.MergeBase(ctx, "main", "change")
	if err != nil || mb != first {
		t.Fatalf("MergeBase = %q, %v; want %s", mb, err, first)
	}
	got, err := r.Changed(ctx, mb, "change")
	if err != nil || !slices.Equal(got, []string{"sub dir/c.yaml"}) {
		t.Errorf("Changed(merge base, change) = %q, %v", got, err)
	}
	// The working tree: an edit and an untracked file count; ignored
	// files do not.
	write(t, filepath.Join(dir, "a.yaml"), "a: 2\n")
	write(t, filepath.Join(dir, "new.yaml"), "n: 1\n")
	write(t, filepath.Join(dir, ".gitignore"), "ignored.yaml\n")
	write(t, filepath.Join(dir, "ignored.yaml"), "i: 1\n")
	got, err = r.Changed(ctx, "HEAD", "")
	slices.Sort(got)
	if err != nil || !slices.Equal(got, []string{".gitignore", "a.yaml", "new.yaml"}) {
		t.Errorf("Changed(HEAD, working tree) = %q, %v", got, err)
	}
}

func TestSnapshot(t *testing.T) {
	dir, git := newRepo(t)
	ctx := context.Background()
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	write(t, outside, "SECRET\n")
	write(t, filepath.Join(dir, "brands", "coffee", "strategy.yaml"), "version: 1\n")
	write(t, filepath.Join(dir, "README.md"), "# strategies\n")
	// Symbolic links in a revision are blobs holding their target: one
	// leading out of the repository, one inside it. Neither is written.
	if err := os.Symlink(outside, filepath.Join(dir, "brands", "evil.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("coffee/strategy.yaml", filepath.Join(dir, "brands", "alias.yaml")); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "first")
	write(t, filepath.Join(dir, "brands", "coffee", "strategy.yaml"), "version: 2\n")

	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var offered []string
	snap, err := r.Snapshot(ctx, "HEAD", func(name string) bool {
		offered = append(offered, name)
		return strings.HasSuffix(name, ".yaml")
	})
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Remove()
	if !slices.Equal(offered, []string{"README.md", "brands/coffee/strategy.yaml"}) {
		t.Errorf("keep was offered %q; symbolic links must never be", offered)
	}
	var files []string
	filepath.WalkDir(snap.Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(snap.Dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if !slices.Equal(files, []string{"brands/coffee/strategy.yaml"}) {
		t.Errorf("snapshot holds %q", files)
	}
	if b, _ := os.ReadFile(filepath.Join(snap.Dir, "brands", "coffee", "strategy.yaml")); string(b) != "version: 1\n" {
		t.Errorf("the file as committed, not as in the working tree: %q", b)
	}
	if err := snap.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(snap.Dir); !os.IsNotExist(err) {
		t.Errorf("Remove left %s", snap.Dir)
	}
	if s, err := r.Snapshot(ctx, "nope", func(string) bool { return true }); err == nil || s != nil {
		t.Errorf("a revision git does not know: %v, %v", s, err)
	}
}

func TestDescribe(t *testing.T) {
	dir, git := newRepo(t)
	ctx := context.Background()
	write(t, filepath.Join(dir, "strategy.yaml"), "version: 1\n")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	sha := git("rev-parse", "--short=12", "HEAD")
	if got := Describe(ctx, filepath.Join(dir, "strategy.yaml")); got != sha {
		t.Errorf("Describe = %q, want %q", got, sha)
	}
	git("tag", "-a", "-m", "release", "v1.0")
	if got := Describe(ctx, dir); got != "v1.0" {
		t.Errorf("Describe at a tag = %q, want v1.0", got)
	}
	write(t, filepath.Join(dir, "strategy.yaml"), "version: 2\n")
	if got := Describe(ctx, dir); got != "v1.0-dirty" {
		t.Errorf("Describe with a change = %q, want v1.0-dirty", got)
	}
	if got := Describe(ctx, t.TempDir()); got != "" {
		t.Errorf("Describe outside a repository = %q, want nothing", got)
	}
}

func TestGitMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Open(context.Background(), "."); err == nil || err.Error() != "git is not installed" {
		t.Errorf("Open without git: %v", err)
	}
	if got := Describe(context.Background(), "."); got != "" {
		t.Errorf("Describe without git = %q", got)
	}
}
