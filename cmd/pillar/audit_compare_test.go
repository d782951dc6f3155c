package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
)

// compareArgs audits March 2027 of the nordlys sample against February.
func compareArgs(extra ...string) []string {
	args := auditArgs("nordlys", "--compare", "previous")
	for i, a := range args {
		switch a {
		case "2027-01-01":
			args[i] = "2027-03-01"
		}
	}
	return append(args, extra...)
}

// TestAuditCompareGolden keeps the comparison of the README's example in
// text and Markdown (the job summary's format).
func TestAuditCompareGolden(t *testing.T) {
	for _, format := range []string{"text", "md"} {
		r := pillar(t, nil, compareArgs("--format", format)...)
		if r.code != 1 {
			t.Fatalf("%s: exit %d, want 1 (the sample misses targets)\n%s", format, r.code, r.stderr)
		}
		goldenFile(t, filepath.Join("testdata", "audit", "nordlys-compare."+format), r.stdout)
	}
}

// TestAuditCompareIsTheOtherAudit: the comparison's figures are those of
// a separate audit of February, and March's report is the one a plain
// audit gives.
func TestAuditCompareIsTheOtherAudit(t *testing.T) {
	decode := func(args ...string) *audit.Report {
		t.Helper()
		r := pillar(t, nil, args...)
		var rep audit.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v\n%s", err, r.stderr)
		}
		return &rep
	}
	with := decode(compareArgs("--format", "json")...)
	feb := auditArgs("nordlys", "--format", "json")
	for i, a := range feb {
		switch a {
		case "2027-04-01":
			feb[i] = "2027-03-01"
		case "2027-01-01":
			feb[i] = "2027-02-01"
		}
	}
	alone := decode(feb...)
	c := with.Compare
	if c == nil || c.From.String() != "2027-02-01" || c.To.String() != "2027-03-01" || c.Posts.Data != "full" {
		t.Fatalf("comparison: %+v", c)
	}
	if c.Posts.Used != alone.Posts.Used || c.Mentions.Used != alone.Mentions.Used {
		t.Errorf("February: %d posts, %d mentions; want %d, %d", c.Posts.Used, c.Mentions.Used, alone.Posts.Used, alone.Mentions.Used)
	}
	for _, f := range c.Figures {
		var want *float64
		switch f.Key {
		case "engagement_rate":
			want = alone.Engagement.Overall.Rate
		case "cadence_adherence":
			want = alone.Cadence.Adherence
		case "response_within_sla":
			want = alone.Responses.Overall.Share
		case "clicks_per_week":
			want = alone.Clicks.PerWeek
		default:
			continue
		}
		if f.Previous == nil || want == nil || *f.Previous != *want {
			t.Errorf("%s: previous %v, want %v", f.Key, f.Previous, want)
		}
	}
}

func TestAuditCompareBadPeriod(t *testing.T) {
	r := pillar(t, nil, auditArgs("nordlys", "--compare", "2027-02-01")...)
	if r.code != 2 || !strings.Contains(r.stderr, "--compare") || !strings.Contains(r.stderr, "FROM..TO") {
		t.Errorf("exit %d, want 2 with a hint\n%s", r.code, r.stderr)
	}
}
