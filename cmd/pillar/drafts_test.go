package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// draftFinding is a deliberate problem of the Nordlys drafts example, as
// examples/nordlys/drafts/README.md lists it.
type draftFinding struct {
	file string
	line int
	rule string
}

// TestDraftsExampleProblemsAreFound runs the built binary on the example's
// content calendar and Markdown posts, as a user would, and holds it to
// finding every deliberate problem the example's README lists: the plan's
// rules, the content rules and the networks' limits.
func TestDraftsExampleProblemsAreFound(t *testing.T) {
	const csv = "examples/nordlys/drafts/january.csv"
	const md = "examples/nordlys/drafts/posts/"
	const strat = "examples/nordlys/strategy.yaml"
	cases := []struct {
		name string
		args []string
		want []draftFinding
	}{
		{
			name: "content calendar",
			args: []string{"drafts", "examples/nordlys", csv, "--mapping", "examples/mappings/content-calendar.yaml", "--format", "json", "--today", "2027-01-05"},
			want: []draftFinding{
				{csv, 5, "draft-off-slot"},
				{csv, 9, "draft-unknown-pillar"},
				{csv, 14, "draft-slot-taken"},
				{csv, 17, "draft-unknown-tactic"},
				{csv, 19, "draft-unreadable"},
				{csv, 20, "draft-unknown-channel"},
				{csv, 22, "draft-blackout"},
				{strat, 85, "draft-slot-empty"},
				{strat, 85, "draft-pillar-mix"},
				{csv, 1, "draft-coverage"},
				// The content rules and the network's limits.
				{csv, 7, "draft-link-not-https"},
				{csv, 7, "draft-media-no-alt"},
				{csv, 8, "draft-word-to-avoid"},
				{csv, 12, "draft-undisclosed-partner"},
				{csv, 14, "draft-not-approved"},
				{csv, 18, "draft-too-long"},
				{csv, 23, "draft-link-utm"},
				{csv, 24, "draft-media-no-alt"},
			},
		},
		{
			name: "Markdown posts",
			args: []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--format", "json", "--today", "2027-01-05"},
			want: []draftFinding{
				{md + "2027-01-07-sigrid.md", 4, "draft-off-slot"},
				{md + "2027-01-09-tiktok.md", 3, "draft-unreadable"},
				{strat, 136, "draft-slot-empty"},
				{md + "2027-01-05-hanne.md", 6, "draft-media-no-alt"},
				{md + "2027-01-05-hanne.md", 7, "draft-not-approved"},
				{md + "2027-01-07-sigrid.md", 9, "draft-link-not-https"},
				{md + "2027-01-07-sigrid.md", 14, "draft-undisclosed-partner"},
				{md + "2027-01-07-sigrid.md", 14, "draft-word-to-avoid"},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := pillar(t, nil, c.args...)
			if r.code != 1 {
				t.Fatalf("exit %d, want 1 (errors found); stderr:\n%s", r.code, r.stderr)
			}
			var doc struct {
				Results []struct {
					Diagnostics []struct {
						File string `json:"file"`
						Line int    `json:"line"`
						Rule string `json:"rule"`
					} `json:"diagnostics"`
				} `json:"results"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Results) != 1 {
				t.Fatalf("not one JSON result (%v):\n%s", err, r.stdout)
			}
			got := map[string]bool{}
			for _, d := range doc.Results[0].Diagnostics {
				got[fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Rule)] = true
			}
			for _, w := range c.want {
				if k := fmt.Sprintf("%s:%d %s", w.file, w.line, w.rule); !got[k] {
					t.Errorf("missing %s; found %v", k, got)
				}
			}
		})
	}
}

func TestDraftsHelpAndUsage(t *testing.T) {
	r := pillar(t, nil, "drafts", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: pillar drafts [PATH] [FILE|DIR...]") || !strings.Contains(r.stdout, "--mapping") {
		t.Errorf("--help: exit %d\n%s", r.code, r.stdout)
	}
	r = pillar(t, nil, "drafts", "examples/fjord-coffee")
	if r.code != 2 || !strings.Contains(r.stderr, "no drafts to check") {
		t.Errorf("no drafts: exit %d\n%s", r.code, r.stderr)
	}
	r = pillar(t, nil, "drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--fromm", "2027-01-01")
	if r.code != 2 || !strings.Contains(r.stderr, "--from") {
		t.Errorf("a mistyped flag: exit %d\n%s", r.code, r.stderr)
	}
}

// TestDraftsExport runs the built binary's --export on a content calendar
// that passes the check: the scheduler's files land in the folder, in the
// importer's documented layout; a calendar with an error exports nothing.
func TestDraftsExport(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "examples", "nordlys"), filepath.Join(dir, "nordlys"))
	writeRel(t, dir, "clean.csv", "id,channel,scheduled_at,text,pillar,status\n"+
		"ig-1,instagram,2027-01-07 11:30,\"Ny uke, nye farger i butikken.\",fashion,approved\n"+
		"tt-1,tiktok,2027-01-05 19:00,\"Bak kulissene hos oss.\",brand,approved\n")
	writeRel(t, dir, "broken.csv", "id,channel,scheduled_at,text\nx-1,instagam,2027-01-07 11:30,Hei\n")

	r := pillarAt(t, dir, nil, "drafts", "nordlys", "clean.csv", "--today", "2026-12-01", "--export", "sprout", "-o", "out")
	if r.code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "exported 2 drafts in sprout") {
		t.Errorf("no export summary on stderr:\n%s", r.stderr)
	}
	files, err := filepath.Glob(filepath.Join(dir, "out", "sprout-*.csv"))
	if err != nil || len(files) != 2 {
		t.Fatalf("want one Sprout file per channel, got %v (%v)", files, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "sprout-instagram-001.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "date,time_24hr,message_text\n07/01/2027,11:30,\"Ny uke, nye farger i butikken.\"\n"; strings.ReplaceAll(string(b), "\r\n", "\n") != want {
		t.Errorf("sprout-instagram-001.csv =\n%q\nwant\n%q", b, want)
	}

	r = pillarAt(t, dir, nil, "drafts", "nordlys", "clean.csv", "--today", "2026-12-01", "--export", "csv", "-o", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "ig-1,instagram,instagram,") || strings.Count(r.stdout, "\n") != 3 || !strings.Contains(r.stderr, "6 warnings") {
		t.Errorf("--export csv -o -: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}

	r = pillarAt(t, dir, nil, "drafts", "nordlys", "broken.csv", "--today", "2026-12-01", "--export", "sprout", "-o", "out2")
	if r.code != 1 || !strings.Contains(r.stderr, "nothing exported") {
		t.Errorf("a failing check: exit %d, want 1 and nothing exported\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out2")); !os.IsNotExist(err) {
		t.Errorf("a failing check wrote %s: %v", "out2", err)
	}

	r = pillarAt(t, dir, nil, "drafts", "nordlys", "clean.csv", "--export", "sprout")
	if r.code != 2 || !strings.Contains(r.stderr, "--export needs -o") {
		t.Errorf("--export without -o: exit %d\n%s", r.code, r.stderr)
	}
}
