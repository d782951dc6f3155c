package strategy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDraftsFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"s/strategy.yaml", "s/drafts/jan.csv", "s/drafts/feb.csv", "s/drafts/notes.txt", "s/drafts/posts/a.md", "shared/plan.jsonl"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.csv"), []byte("x"), 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "s", "out")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "s")
	for _, tc := range []struct {
		name     string
		patterns []string
		want     string // the files, relative to dir, joined by |
		err      string
	}{
		{"glob and folder", []string{"drafts/*.csv", "drafts/posts"}, "drafts/feb.csv|drafts/jan.csv|drafts/posts", ""},
		{"each once", []string{"drafts/jan.csv", "drafts/*.csv"}, "drafts/jan.csv|drafts/feb.csv", ""},
		{"not written yet", []string{"drafts/mar.csv", "later/*.csv"}, "", ""},
		{"up, inside the root", []string{"../shared/*.jsonl"}, "../shared/plan.jsonl", ""},
		{"up, out of the root", []string{"../../etc/passwd"}, "", `drafts.files "../../etc/passwd" leads outside the repository root`},
		{"absolute", []string{"/etc/passwd"}, "", "is an absolute path"},
		{"through a link", []string{"out/*.csv"}, "", `drafts.files "out/*.csv" leads outside the repository root through a symbolic link`},
		{"a link named", []string{"out"}, "", "through a symbolic link"},
		{"bad glob", []string{"drafts/[.csv"}, "", "not a valid pattern"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DraftsFiles(dir, root, tc.patterns)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				if strings.Contains(err.Error(), outside) {
					t.Errorf("the error names where the link leads: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var rel []string
			for _, g := range got {
				r, _ := filepath.Rel(dir, g)
				rel = append(rel, filepath.ToSlash(r))
			}
			if s := strings.Join(rel, "|"); s != tc.want {
				t.Errorf("got %q, want %q", s, tc.want)
			}
		})
	}
	if _, err := DraftsFiles(root, dir, []string{"x"}); err == nil {
		t.Error("a strategy folder outside its root was accepted")
	}
}

func TestDraftsMatch(t *testing.T) {
	patterns := []string{"drafts/*.csv", "drafts/posts", "../shared/plan.jsonl", "../../x.csv"}
	for _, tc := range []struct {
		file, want string
	}{
		{"s/drafts/jan.csv", "s/drafts/jan.csv"},
		{"s/drafts/sub/jan.csv", ""},
		{"s/drafts/posts/a.md", "s/drafts/posts"},
		{"s/drafts/posts/2027/b.markdown", "s/drafts/posts"},
		{"s/drafts/posts/image.png", ""},
		{"s/drafts/posts", "s/drafts/posts"},
		{"shared/plan.jsonl", "shared/plan.jsonl"},
		{"s/strategy.yaml", ""},
		{"x.csv", ""}, // "../../x.csv" leads out of the root
	} {
		got, ok := DraftsMatch("s", patterns, tc.file)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("DraftsMatch(%q) = %q, %v; want %q", tc.file, got, ok, tc.want)
		}
	}
	if got, ok := DraftsMatch(".", []string{"*.csv"}, "jan.csv"); !ok || got != "jan.csv" {
		t.Errorf("at the root: %q %v", got, ok)
	}
}

// FuzzDraftsMatch: whatever a pull request writes in drafts.files and
// names its files, a match is the file itself or a folder above it, and
// lies inside the root.
func FuzzDraftsMatch(f *testing.F) {
	f.Add("s", "drafts/*.csv", "s/drafts/jan.csv")
	f.Add("s", "drafts/posts", "s/drafts/posts/a.md")
	f.Add(".", "../*", "x.md")
	f.Add("s", "../../[", "a/b.md")
	f.Fuzz(func(t *testing.T, dir, pattern, file string) {
		got, ok := DraftsMatch(dir, []string{pattern}, file)
		if !ok {
			return
		}
		if got != file && !strings.HasPrefix(file, got+"/") {
			t.Fatalf("DraftsMatch(%q, %q, %q) = %q: neither the file nor a folder above it", dir, pattern, file, got)
		}
		if got != "." && !filepath.IsLocal(filepath.FromSlash(got)) {
			t.Fatalf("DraftsMatch(%q, %q, %q) = %q: outside the root", dir, pattern, file, got)
		}
	})
}
