package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildPlaybookStatesThePlannedPeriod: pillar build plans a quarter
// into calendar.ics and calendar.csv; the playbook beside them states that
// quarter on its cover, not only the four weeks it shows.
func TestBuildPlaybookStatesThePlannedPeriod(t *testing.T) {
	dist := t.TempDir()
	r := pillar(t, nil, "build", filepath.Join(root, "examples", "nordlys"), "-o", dist, "--from", "2027-01-04", "--to", "2027-04-01", "--lang", "en", "--label", "test")
	if r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	md, err := os.ReadFile(filepath.Join(dist, "playbook.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "- **Posting plan:** 4 January 2027 – 31 March 2027\n") {
		t.Errorf("the playbook's cover does not state the planned period:\n%.600s", md)
	}
	csv, err := os.ReadFile(filepath.Join(dist, "calendar.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), "2027-03-3") || strings.Contains(string(csv), "2027-04-01") {
		t.Error("calendar.csv does not run to the end of March")
	}
}
