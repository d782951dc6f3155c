package strategy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOffsetAndPosAt(t *testing.T) {
	src := "version: 1\r\nbrand:\r\n  name: Ærø 🙂 x\r\n\r\n  timezone: Oslo"
	dir := t.TempDir()
	p := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(p, []byte("\ufeff"+src), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := LoadDocument(p, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	body, skip, ok := doc.Source.Content(p)
	if !ok || body != src || skip != 3 {
		t.Fatalf("Content: %q, %d, %v", body, skip, ok)
	}
	for _, tc := range []struct {
		line, col int
		want      int // -1: not in the file
	}{
		{1, 1, 0}, {1, 11, 10}, {1, 12, -1}, // past the end of the line: the CR is not a column
		{2, 1, 12},
		{3, 9, 28}, {3, 10, 30}, {3, 12, 33}, {3, 14, 38}, // Æ and ø are two bytes, 🙂 four
		{4, 1, 42}, {4, 2, -1},
		{5, 13, 56}, {5, 17, 60}, {5, 18, -1},
		{6, 1, -1}, {0, 1, -1},
	} {
		off, ok := doc.Source.Offset(Pos{File: p, Line: tc.line, Col: tc.col})
		if tc.want < 0 {
			if ok {
				t.Errorf("%d:%d: offset %d, want none", tc.line, tc.col, off)
			}
			continue
		}
		if !ok || off != tc.want {
			t.Errorf("%d:%d: offset %d %v, want %d", tc.line, tc.col, off, ok, tc.want)
			continue
		}
		back, ok := doc.Source.PosAt(p, off)
		if !ok || back.Line != tc.line || back.Col != tc.col {
			t.Errorf("PosAt(%d) = %v %v, want %d:%d", off, back, ok, tc.line, tc.col)
		}
	}
	if _, ok := doc.Source.PosAt(p, 29); ok {
		t.Error("PosAt inside a character")
	}
}
