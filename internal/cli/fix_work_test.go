package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteBackAllOrNothing: when one changed file cannot be written (it
// changed on disk since pillar read it), no file is written: the others
// are checked before the first is replaced.
func TestWriteBackAllOrNothing(t *testing.T) {
	root := t.TempDir()
	for name, s := range map[string]string{"a.yaml": "a: Oslo\n", "b.yaml": "b: Oslo\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := &workCopy{root: root,
		orig:    map[string][]byte{"a.yaml": []byte("a: Oslo\n"), "b.yaml": []byte("b: Oslo\n")},
		cur:     map[string][]byte{"a.yaml": []byte("a: Europe/Oslo\n"), "b.yaml": []byte("b: Europe/Oslo\n")},
		display: map[string]string{"a.yaml": "a.yaml", "b.yaml": "b.yaml"}}
	// Someone saves b.yaml while pillar fix runs.
	if err := os.WriteFile(filepath.Join(root, "b.yaml"), []byte("b: Bergen\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := w.writeBack(map[string][]byte{})
	if err == nil || !strings.Contains(err.Error(), "b.yaml changed while pillar fix ran") {
		t.Errorf("error %v", err)
	}
	for name, want := range map[string]string{"a.yaml": "a: Oslo\n", "b.yaml": "b: Bergen\n"} {
		if b, _ := os.ReadFile(filepath.Join(root, name)); string(b) != want {
			t.Errorf("%s reads %q, want %q", name, b, want)
		}
	}
}

// TestWriteBackOneFileTwoPaths: one file reached by two paths (a linked
// folder), changed through each, is refused rather than written twice,
// which would keep only the second path's changes.
func TestWriteBackOneFileTwoPaths(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "shared"), 0o755)
	if err := os.WriteFile(filepath.Join(root, "shared", "p.yaml"), []byte("a: Oslo\nb: Oslo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("shared", filepath.Join(root, "linked")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	orig := []byte("a: Oslo\nb: Oslo\n")
	w := &workCopy{root: root,
		orig:    map[string][]byte{"linked/p.yaml": orig, "shared/p.yaml": orig},
		cur:     map[string][]byte{"linked/p.yaml": []byte("a: Europe/Oslo\nb: Oslo\n"), "shared/p.yaml": []byte("a: Oslo\nb: Europe/Oslo\n")},
		display: map[string]string{"linked/p.yaml": "linked/p.yaml", "shared/p.yaml": "shared/p.yaml"}}
	err := w.writeBack(map[string][]byte{})
	if err == nil || !strings.Contains(err.Error(), "linked/p.yaml and shared/p.yaml are one file") {
		t.Errorf("error %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "shared", "p.yaml")); string(b) != string(orig) {
		t.Errorf("the file now reads %q", b)
	}
}
