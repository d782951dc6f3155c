package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	src := []byte("a: Oslo\nb: [monday, x]\n")
	fix := func(start, end int, old, new string) Fix {
		return Fix{File: "f", Start: start, End: end, Old: old, New: new}
	}
	for _, tc := range []struct {
		name    string
		fixes   []Fix
		want    string
		applied int
		skipped []string
	}{
		{"one", []Fix{fix(3, 7, "Oslo", "Europe/Oslo")}, "a: Europe/Oslo\nb: [monday, x]\n", 1, nil},
		{"two, given out of order", []Fix{fix(12, 18, "monday", "mon"), fix(3, 7, "Oslo", "Europe/Oslo")}, "a: Europe/Oslo\nb: [mon, x]\n", 2, nil},
		{"overlap: the first wins", []Fix{fix(3, 7, "Oslo", "Europe/Oslo"), fix(5, 7, "lo", "LO")}, "a: Europe/Oslo\nb: [monday, x]\n", 1, []string{"it overlaps an earlier fix"}},
		{"same place twice", []Fix{fix(3, 3, "", "x"), fix(3, 3, "", "y")}, "a: xOslo\nb: [monday, x]\n", 1, []string{"it overlaps an earlier fix"}},
		{"insertion inside a replaced range", []Fix{fix(3, 7, "Oslo", "Z"), fix(5, 5, "", "y")}, "a: Z\nb: [monday, x]\n", 1, []string{"it overlaps an earlier fix"}},
		{"the same fix twice (a value two findings share)", []Fix{fix(3, 7, "Oslo", "Europe/Oslo"), fix(12, 18, "monday", "mon"), fix(3, 7, "Oslo", "Europe/Oslo")}, "a: Europe/Oslo\nb: [mon, x]\n", 2, nil},
		{"same range, another text", []Fix{fix(3, 7, "Oslo", "Europe/Oslo"), fix(3, 7, "Oslo", "Arctic/Longyearbyen")}, "a: Europe/Oslo\nb: [monday, x]\n", 1, []string{"it overlaps an earlier fix"}},
		{"touching ranges both apply", []Fix{fix(3, 5, "Os", "X"), fix(5, 7, "lo", "Y")}, "a: XY\nb: [monday, x]\n", 2, nil},
		{"stale text", []Fix{fix(3, 7, "Bergen", "Europe/Oslo")}, string(src), 0, []string{"the file has changed there"}},
		{"out of range", []Fix{fix(20, 40, "x", "y"), fix(-1, 2, "", "")}, string(src), 0, []string{"its range is not in the file", "its range is not in the file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, applied, skipped := Apply(src, tc.fixes)
			if string(out) != tc.want || len(applied) != tc.applied || len(skipped) != len(tc.skipped) {
				t.Fatalf("got %q, %d applied, %v skipped; want %q, %d, %v", out, len(applied), skipped, tc.want, tc.applied, tc.skipped)
			}
			for i, s := range skipped {
				if s.Reason != tc.skipped[i] {
					t.Errorf("skipped %d: %q, want %q", i, s.Reason, tc.skipped[i])
				}
			}
		})
	}
}

// checkUntouched fails unless out is content with exactly the applied
// fixes' ranges replaced: every other byte is where it was.
func checkUntouched(t testing.TB, content, out []byte, applied []Fix) {
	t.Helper()
	at, pos := 0, 0
	for _, f := range applied {
		if f.Start < at {
			t.Fatalf("applied fixes overlap or are out of order at %d", f.Start)
		}
		gap := content[at:f.Start]
		if !bytes.Equal(out[pos:pos+len(gap)], gap) {
			t.Fatalf("bytes %d..%d changed: %q became %q", at, f.Start, gap, out[pos:pos+len(gap)])
		}
		pos += len(gap)
		if string(out[pos:pos+len(f.New)]) != f.New || string(content[f.Start:f.End]) != f.Old {
			t.Fatalf("fix at %d not applied as given", f.Start)
		}
		pos += len(f.New)
		at = f.End
	}
	if !bytes.Equal(out[pos:], content[at:]) {
		t.Fatalf("the tail after %d changed", at)
	}
}

// FuzzApply: any fixes on any content never panic, never change a byte
// outside the ranges applied, and account for every fix.
func FuzzApply(f *testing.F) {
	f.Add([]byte("a: Oslo\r\nb: æøå\n"), []byte{3, 4, 1, 5, 2, 0, 9, 9, 9})
	f.Add([]byte(""), []byte{0, 0, 0})
	f.Fuzz(func(t *testing.T, content, spec []byte) {
		var fixes []Fix
		for len(spec) >= 3 && len(fixes) < 64 {
			start := int(int8(spec[0]))
			end := start + int(spec[1]%8)
			old := ""
			if start >= 0 && end <= len(content) && spec[2]%4 != 0 {
				old = string(content[start:end]) // mostly right, sometimes stale
			}
			fixes = append(fixes, Fix{Start: start, End: end, Old: old, New: strings.Repeat("x", int(spec[2]%5))})
			spec = spec[3:]
		}
		out, applied, skipped := Apply(content, fixes)
		if len(applied)+len(skipped) != len(fixes) {
			t.Fatalf("%d fixes, %d applied, %d skipped", len(fixes), len(applied), len(skipped))
		}
		checkUntouched(t, content, out, applied)
	})
}

// TestFixRoundTrip validates a file written the way people write YAML
// (comments, quoting of every kind, CRLF line endings, blank lines,
// multi-byte text before the values), applies the safe fixes, validates
// again and checks that the findings are gone and that every byte outside
// the fixes is as it was.
func TestFixRoundTrip(t *testing.T) {
	lines := []string{
		"# Nordlys – strategi 🙂",
		"version: 1",
		"",
		"brand:",
		"  name: 'Nordlys «ute»'   # the name as written on the sign",
		"  timezone: Oslo",
		"",
		"",
		"pilars:",
		"  - id: brand",
		"    name: \"Merkevare\"",
		"    weight: 100",
		"    hashtags:",
		"      - #fjellsko",
		"channels:",
		"  - {id: ig, platform: Instagram, handle: \"@nordlys\", owner: Kari, role: Show it,",
		"     cadence: {min_per_week: 2, days: ['monday', \"Tuesday\"], times: [9am, \"7.30 pm\"]}, response_sla: 4 hours}",
		"personas:",
		"  - id: kari",
		"    name: Kari",
		"    summary: Likes tours #friluft #tur",
		"    last_reviewed: 2026-11-01",
		"    networks: [instagram]",
	}
	content := []byte(strings.Join(lines, "\r\n") + "\r\n")
	dir := t.TempDir()
	p := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: benchNow, MaxFindings: -1, MaxPerRule: -1}
	cur := content
	var all []Fix
	for round := 0; round < 10; round++ {
		res, err := ValidateFile(p, opts)
		if err != nil {
			t.Fatal(err)
		}
		var fixes []Fix
		for _, d := range res.Diagnostics {
			if d.Fix != nil && d.Fix.Safe {
				fixes = append(fixes, *d.Fix)
			}
		}
		if len(fixes) == 0 {
			if res.Failed(false) {
				t.Fatalf("errors remain after %d rounds: %v", round, res.Diagnostics)
			}
			break
		}
		out, applied, skipped := Apply(cur, fixes)
		if len(skipped) > 0 {
			t.Fatalf("round %d skipped %v", round, skipped)
		}
		checkUntouched(t, cur, out, applied)
		all = append(all, applied...)
		cur = out
		if err := os.WriteFile(p, cur, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := strings.Join([]string{
		"# Nordlys – strategi 🙂",
		"version: 1",
		"",
		"brand:",
		"  name: 'Nordlys «ute»'   # the name as written on the sign",
		"  timezone: Europe/Oslo",
		"",
		"",
		"pillars:",
		"  - id: brand",
		"    name: \"Merkevare\"",
		"    weight: 100",
		"    hashtags:",
		"      - \"#fjellsko\"",
		"channels:",
		"  - {id: ig, platform: instagram, handle: \"@nordlys\", owner: Kari, role: Show it,",
		"     cadence: {min_per_week: 2, days: ['mon', \"tue\"], times: [\"09:00\", \"19:30\"]}, response_sla: 4h}",
		"personas:",
		"  - id: kari",
		"    name: Kari",
		"    summary: \"Likes tours #friluft #tur\"",
		"    last_reviewed: 2026-11-01",
		"    networks: [instagram]",
	}, "\r\n") + "\r\n"
	if string(cur) != want {
		t.Errorf("after %d fixes:\n%s\nwant\n%s", len(all), cur, want)
	}
}
