package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
)

// TestAuditTacticResults audits the nordlys sample with a tactic results
// file: the supplied story replies measure the Wednesday Q&A's KPI, a
// supplied comment count wins over the history's, and the rows that cannot
// be used are counted, listed and warned about.
func TestAuditTacticResults(t *testing.T) {
	dir := t.TempDir()
	results := filepath.Join(dir, "results.csv")
	file := "tactic,channel,date,metric,value\n" +
		"stilsporsmal,instagram,2027-01-13,story_replies,95\n" +
		"stilsporsmal,instagram,2027-01-20,story_replies,61\n" +
		"stilsporsmal,instagram,2027-01-13,comments,120\n" +
		"stilsporsmal,instagram,2027-01-06,story_replies,10\n" + // not executed
		"stilsporsmal,instagram,2027-01-20,story_replys,61\n" // no such KPI
	if err := os.WriteFile(results, []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	r := pillar(t, nil, auditArgs("nordlys", "--format", "json", "--tactic-results", results, "--fail-on", "tactic:stilsporsmal:story_replies")...)
	// The supplied story replies average 78, under their target of 80.
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	var rep audit.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	f := rep.TacticResults
	if f == nil || f.Read != 5 || f.Used != 3 || f.Rejected != 2 || len(f.Rejects) != 2 || f.Rejects[0].Line != 5 || f.Rejects[1].Line != 6 {
		t.Fatalf("results file: %+v", f)
	}
	if !strings.Contains(r.stderr, "results.csv: 2 rows of 5 rejected") {
		t.Errorf("stderr lacks the warning:\n%s", r.stderr)
	}
	var replies, comments *audit.TacticKPIResult
	for i, k := range rep.Tactics[1].KPIs {
		switch k.Metric {
		case "story_replies":
			replies = &rep.Tactics[1].KPIs[i]
		case "comments":
			comments = &rep.Tactics[1].KPIs[i]
		}
	}
	if replies == nil || replies.Measured != 2 || replies.Met != 1 || replies.Mean == nil || *replies.Mean != 78 {
		t.Errorf("story replies: %+v", replies)
	}
	if comments == nil || comments.Rows[0].Source != "supplied" || *comments.Rows[0].Value != 120 || comments.Rows[1].Source != "history" {
		t.Errorf("comments: %+v", comments)
	}
	for _, c := range rep.Verdict.Checks {
		if c.Counted != (c.KPI == "tactic:stilsporsmal:story_replies") {
			t.Errorf("%s counted %v", c.KPI, c.Counted)
		}
	}
}

func TestAuditTacticResultsRefused(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("tactic,kanal,date,metric,value\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no channel column", auditArgs("nordlys", "--tactic-results", bad), bad + `:1: the header has no "channel" column: it needs tactic, channel, date, metric, value`},
		{"no such file", auditArgs("nordlys", "--tactic-results", filepath.Join(dir, "nope.csv")), "nope.csv: no such file"},
		{"bad fail-on", auditArgs("nordlys", "--fail-on", "tactic"), `unknown KPI "tactic"`},
		{"two files from stdin", []string{"audit", "examples/nordlys", "--posts", "-", "--tactic-results", "-"}, "only one file can be read from stdin"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := pillar(t, nil, c.args...)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, want 2 with %q\n%s", r.code, c.want, r.stderr)
			}
		})
	}
}
