package main

import (
	"encoding/json"
	"fmt"
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
// finding every deliberate problem the example's README lists for the
// engine's rules.
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
			args: []string{"drafts", "examples/nordlys", csv, "--mapping", "examples/mappings/content-calendar.yaml", "--format", "json"},
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
			},
		},
		{
			name: "Markdown posts",
			args: []string{"drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--format", "json"},
			want: []draftFinding{
				{md + "2027-01-07-sigrid.md", 4, "draft-off-slot"},
				{md + "2027-01-09-tiktok.md", 1, "draft-unreadable"},
				{strat, 136, "draft-slot-empty"},
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
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: pillar drafts [PATH] FILE|DIR...") || !strings.Contains(r.stdout, "--mapping") {
		t.Errorf("--help: exit %d\n%s", r.code, r.stdout)
	}
	r = pillar(t, nil, "drafts", "examples/nordlys")
	if r.code != 2 || !strings.Contains(r.stderr, "no drafts to check") {
		t.Errorf("no drafts: exit %d\n%s", r.code, r.stderr)
	}
	r = pillar(t, nil, "drafts", "examples/nordlys", "examples/nordlys/drafts/posts", "--fromm", "2027-01-01")
	if r.code != 2 || !strings.Contains(r.stderr, "--from") {
		t.Errorf("a mistyped flag: exit %d\n%s", r.code, r.stderr)
	}
}
