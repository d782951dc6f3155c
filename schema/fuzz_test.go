package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzValidate feeds arbitrary bytes through the loader, the schema and the
// rules. Whatever the input, validation must not panic, must finish, and
// every diagnostic must carry a position and a rule from the catalogue, and
// every fix the bytes it names.
// Crashers found by `go test -fuzz FuzzValidate` are kept under
// testdata/fuzz/FuzzValidate and replayed by every `go test`.
func FuzzValidate(f *testing.F) {
	seeds, _ := filepath.Glob("../examples/*/strategy.yaml")
	bad, _ := filepath.Glob("../testdata/bad/*/strategy.yaml")
	for _, p := range append(seeds, bad...) {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte("version: 1\nbrand: {name: x, timezone: UTC}\npillars: [{id: a, name: A, weight: .inf}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("<<: {version: 1}\n"))
	f.Add([]byte("version: 1\nchannels: [{id: x, platform: x, cadence: {min_per_week: 1, rrule: \"FREQ=DAILY;COUNT=0\"}}]\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "strategy.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := ValidateFile(path, Options{Now: benchNow})
		if err != nil {
			t.Fatalf("ValidateFile returned an error for a readable file: %v", err)
		}
		for _, d := range res.Diagnostics {
			if d.Line < 1 || d.Column < 1 || d.Length < 1 {
				t.Errorf("diagnostic without a position: %+v", d)
			}
			if _, ok := LookupRule(d.Rule); !ok {
				t.Errorf("diagnostic with unknown rule %q", d.Rule)
			}
			if strings.TrimSpace(d.Message) == "" {
				t.Errorf("diagnostic without a message: %+v", d)
			}
			if !utf8.ValidString(d.Message) {
				t.Errorf("message is not UTF-8: %q", d.Message)
			}
			// A fix names bytes of the file that read what it says.
			if f := d.Fix; f != nil {
				if f.File != path || f.Start < 0 || f.End < f.Start || f.End > len(data) || string(data[f.Start:f.End]) != f.Old || f.Old == f.New {
					t.Errorf("fix %+v does not match the file", *f)
				}
				if f.Line < 1 || f.Column < 1 || f.EndLine < f.Line || (f.EndLine == f.Line && f.EndColumn < f.Column) {
					t.Errorf("fix without a place: %+v", *f)
				}
			}
		}
	})
}
