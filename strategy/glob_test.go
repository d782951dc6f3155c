package strategy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestGlobLimitedIsGlob: within its limit, globLimited finds what
// fs.Glob finds, in the same order.
func TestGlobLimitedIsGlob(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"strategy.yaml": "", "a.yaml": "", "b.yml": "", "personas/x.yaml": "", "personas/y.yaml": "",
		"brands/one/personas/p.yaml": "", "brands/two/personas/q.yaml": "", "brands/two/notes.txt": "", "[odd].yaml": "",
	})
	for _, pat := range []string{"*.yaml", "personas/*.yaml", "brands/*/personas/*.yaml", "*/*.yaml", "*/*/*/*", "nothing/*", "a.yaml", "missing.yaml", `\[odd\].yaml`, "[", "*/[z"} {
		fsys := os.DirFS(dir)
		want, wantErr := fs.Glob(fsys, pat)
		got, err := globLimited(fsys, pat, 1000)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
			t.Errorf("%s: got %v, %v; fs.Glob gives %v, %v", pat, got, err, want, wantErr)
		}
	}
}

// TestGlobFanOutIsRefused: folders of links to themselves make a pattern
// match millions of paths; the glob stops at its limit, quickly.
func TestGlobFanOutIsRefused(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		if err := os.Symlink(".", filepath.Join(dir, fmt.Sprintf("l%02d", i))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	_, err := globLimited(os.DirFS(dir), "l*/l*/l*/l*/x.yaml", maxGlobPaths)
	if !errors.Is(err, errTooManyPaths) {
		t.Fatalf("err = %v, want too many paths", err)
	}
	os.WriteFile(filepath.Join(dir, "strategy.yaml"), []byte("version: 1\ninclude: [\"l*/l*/l*/l*/x.yaml\"]\n"), 0o644)
	doc, err := LoadDocument(dir, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Message != `include "l*/l*/l*/l*/x.yaml" matches more than 10000 paths` {
		t.Errorf("problems %v", doc.Problems)
	}
}
