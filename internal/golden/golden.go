// Package golden compares test output with golden files under testdata/,
// and rewrites them instead when the tests run with -update:
//
//	go test ./... -update   # then review the diff before committing
//
// It owns the -update flag, so every package's tests share one.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/ instead of comparing with them")

// Check compares got with the golden file at path, or writes got there
// under -update. A difference is reported at its first differing line.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("output differs from %s (run the tests with -update if the change is intended)\n%s", path, firstDifference(string(got), string(want)))
}

// firstDifference shows the first line where got and want part, with the
// lines around it, which reads better than two whole files.
func firstDifference(got, want string) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	i := 0
	for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
		i++
	}
	from := max(0, i-2)
	excerpt := func(lines []string) string {
		if from >= len(lines) {
			return "(end of file)"
		}
		return strings.Join(lines[from:min(len(lines), i+3)], "\n")
	}
	return "first difference at line " + strconv.Itoa(i+1) + ":\n--- got ---\n" + excerpt(gl) + "\n--- want ---\n" + excerpt(wl)
}
