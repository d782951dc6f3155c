package export

import (
	"bytes"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

func TestFormats(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Formats() {
		if f.Name == "" || f.Summary == "" || seen[f.Name] {
			t.Errorf("format %+v: no name, no summary, or a name twice", f)
		}
		seen[f.Name] = true
		if f.Name == "csv" || f.Name == "ics" {
			continue
		}
		if u, err := url.Parse(f.Source); err != nil || u.Host == "" {
			t.Errorf("%s cites no page: %q", f.Name, f.Source)
		}
	}
	if !seen["csv"] || !seen["ics"] {
		t.Error("the generic formats are missing")
	}
}

// TestExportWritesFiles runs Export into a folder it creates and checks
// the files are the built ones, by name and bytes.
func TestExportWritesFiles(t *testing.T) {
	for _, format := range []string{"csv", "ics", "sprout", "friendsplus"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out", "drafts")
			res, err := Export(format, fixtureDrafts(t), fixtureStrategy(), Options{Dir: dir, Now: fixtureNow})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := buildFixture(t, format, fixtureDrafts(t))
			if len(res.Files) != len(want) || res.Rows != len(fixtureDrafts(t)) {
				t.Fatalf("result %+v for %d files", res, len(want))
			}
			for i, f := range want {
				if res.Files[i] != filepath.Join(dir, f.name) {
					t.Errorf("file %d is %s", i, res.Files[i])
				}
				got, err := os.ReadFile(res.Files[i])
				if err != nil || !bytes.Equal(got, f.data) {
					t.Errorf("%s: written bytes differ (%v)", f.name, err)
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(want) {
				t.Errorf("the folder holds %d entries, not %d (a temporary file left?)", len(entries), len(want))
			}
		})
	}
}

func TestExportStdout(t *testing.T) {
	var out bytes.Buffer
	res, err := Export("ics", fixtureDrafts(t), fixtureStrategy(), Options{Dir: "-", Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := buildFixture(t, "ics", fixtureDrafts(t))
	if !bytes.Equal(out.Bytes(), want[0].data) || len(res.Files) != 1 || res.Files[0] != "-" {
		t.Errorf("stdout got %d bytes, files %v", out.Len(), res.Files)
	}
	_, err = Export("sprout", fixtureDrafts(t), fixtureStrategy(), Options{Dir: "-", Stdout: &out})
	if err == nil || !strings.Contains(err.Error(), "one file per channel") {
		t.Errorf("sprout to stdout: %v", err)
	}
}

func TestExportErrors(t *testing.T) {
	if _, err := Export("hootsuite", nil, fixtureStrategy(), Options{Dir: t.TempDir()}); err == nil ||
		!strings.Contains(err.Error(), `unknown export format "hootsuite"`) || !strings.Contains(err.Error(), "sprout") {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := Export("csv", nil, fixtureStrategy(), Options{}); err == nil {
		t.Error("no folder is not an error")
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := Export("csv", fixtureDrafts(t), fixtureStrategy(), Options{Dir: file}); err == nil {
		t.Error("a file given as the folder is not an error")
	}
}

// TestExportRefusedWritesNothing checks that a refusal leaves the folder
// as it was, and that its message names every draft.
func TestExportRefusedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	ds := fixtureDrafts(t)
	ds = append(ds, drafts.Draft{File: "late.csv", Line: 7, Channel: "instagram", At: fixtureNow.Add(time.Minute), Text: "now"},
		drafts.Draft{File: "late.csv", Line: 8, Channel: "nope", At: ds[0].At, Text: "?"})
	_, err := Export("sprout", ds, fixtureStrategy(), Options{Dir: dir, Now: fixtureNow})
	var refused *RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "cannot export to sprout: 2 drafts cannot be written as they are; nothing was written:\n  late.csv:7: ") ||
		!strings.Contains(msg, "\n  late.csv:8: channel \"nope\"") {
		t.Errorf("message:\n%s", msg)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused export wrote %d files", len(entries))
	}
}

func TestRoundUp(t *testing.T) {
	oslo := zone(t, "Europe/Oslo")
	for _, tc := range []struct {
		in, want string
		step     time.Duration
	}{
		{"09:00:00", "09:00:00", 5 * time.Minute},
		{"09:00:01", "09:05:00", 5 * time.Minute},
		{"09:04:59", "09:05:00", 5 * time.Minute},
		{"23:58:00", "00:00:00", 5 * time.Minute},
		{"09:00:30", "09:01:00", time.Minute},
		{"09:07:00", "09:07:00", time.Minute},
	} {
		in, _ := time.ParseInLocation("2006-01-02 15:04:05", "2027-01-04 "+tc.in, oslo)
		if got := roundUp(in, tc.step).Format("15:04:05"); got != tc.want {
			t.Errorf("roundUp(%s, %v) = %s, want %s", tc.in, tc.step, got, tc.want)
		}
	}
}

// TestExportStale checks that files an earlier export wrote, which this
// one did not, are listed so the user does not upload old posts.
func TestExportStale(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"sprout-retired-001.csv", "sprout-instagram-002.csv", "sprout-instagram-001.csv", "sprout-notes.csv", "friendsplus-instagram-001.csv", "readme.txt"} {
		os.WriteFile(filepath.Join(dir, n), []byte("old"), 0o644)
	}
	res, err := Export("sprout", fixtureDrafts(t), fixtureStrategy(), Options{Dir: dir, Now: fixtureNow})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "sprout-instagram-002.csv"), filepath.Join(dir, "sprout-retired-001.csv")}
	if strings.Join(res.Stale, " ") != strings.Join(want, " ") {
		t.Errorf("stale = %q, want %q", res.Stale, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "sprout-instagram-001.csv")); string(b) == "old" {
		t.Error("the file was not replaced")
	}
}
