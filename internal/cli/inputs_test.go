package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPostsFromStdin: history files must be regular files, but - still
// reads standard input, the way to pipe a history in.
func TestPostsFromStdin(t *testing.T) {
	repo(t)
	posts, err := os.ReadFile("examples/nordlys/history/posts.csv")
	if err != nil {
		t.Fatal(err)
	}
	e, out, errb := testEnv(nil, false)
	e.Stdin = strings.NewReader(string(posts))
	code := Run(context.Background(), []string{"audit", "examples/nordlys", "--posts", "-", "--from", "2027-01-01", "--to", "2027-04-01", "--format", "json"}, e)
	if code == ExitFailure {
		t.Fatalf("exit %d\n%s", code, errb)
	}
	if !strings.Contains(out.String(), `"file": "stdin"`) {
		t.Errorf("the report does not name stdin as the posts' file:\n%.400s", out)
	}
}

// TestTemplatesConfined: a template override that is a symbolic link out
// of the --templates folder is refused, and what it leads to never shown.
func TestTemplatesConfined(t *testing.T) {
	repo(t)
	base := t.TempDir()
	theme := filepath.Join(base, "theme")
	os.MkdirAll(theme, 0o755)
	os.WriteFile(filepath.Join(base, "secret.txt"), []byte("SECRET-5e1f {{.}}\n"), 0o644)
	os.WriteFile(filepath.Join(theme, "style.css"), []byte("body { color: teal }\n"), 0o644)
	if err := os.Symlink("../secret.txt", filepath.Join(theme, "playbook.md.tmpl")); err != nil {
		t.Skip("symbolic links not available:", err)
	}
	e, out, errb := testEnv(nil, false)
	code := Run(context.Background(), []string{"render", "examples/nordlys", "--format", "md", "--from", "2027-01-04", "--templates", theme}, e)
	if code != ExitFailure || strings.Contains(out.String()+errb.String(), "SECRET-5e1f") {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "playbook.md.tmpl") || !strings.Contains(errb.String(), "leads outside the folder") {
		t.Errorf("the message does not say which template leads outside:\n%s", errb)
	}
	// A file of the folder itself is used as before.
	os.Remove(filepath.Join(theme, "playbook.md.tmpl"))
	e, out, errb = testEnv(nil, false)
	code = Run(context.Background(), []string{"render", "examples/nordlys", "--from", "2027-01-04", "--templates", theme}, e)
	if code != 0 || !strings.Contains(out.String(), "color: teal") {
		t.Errorf("exit %d, the folder's style.css not used\n%s", code, errb)
	}
}

// TestRevisionNames: in messages about a revision's files, its temporary
// folder never shows: files are REV:path and the folder itself REV:.
func TestRevisionNames(t *testing.T) {
	tmp := filepath.Join(os.TempDir(), "pillar-rev-1")
	v := &diffSide{tmp: tmp, show: "main:"}
	for in, want := range map[string]string{
		"extends \"../..\" leads outside the repository root " + tmp:             "extends \"../..\" leads outside the repository root main:",
		filepath.Join(tmp, "coffee", "a.yaml") + " cannot be read":               "main:coffee/a.yaml cannot be read",
		"inside the repository root " + tmp + " (or widen the root with --root)": "inside the repository root main: (or widen the root with --root)",
	} {
		if got := v.renameText(in); got != want {
			t.Errorf("renameText(%q) = %q, want %q", in, got, want)
		}
	}
}
