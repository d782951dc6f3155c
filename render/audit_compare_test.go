package render

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// compareAuditReport is the full report with a comparison: December,
// which the post history reaches only from the 10th and the mention log
// not at all, so the figures show every kind of change: better, worse, no
// change, not measured then or now, and no data.
func compareAuditReport() *audit.Report {
	d := plantest.Date
	r := fullAuditReport()
	first, last, mfirst, mlast := d(2026, 12, 4), d(2027, 1, 31), d(2027, 1, 2), d(2027, 1, 31)
	fig := func(key, label, unit, better, source string, cur, prev *float64, change, rel *float64, trend string) audit.Figure {
		return audit.Figure{Key: key, Label: label, Unit: unit, Better: better, From: source, Current: cur, Previous: prev, Change: change, Relative: rel, Trend: trend}
	}
	noData := func(f audit.Figure) audit.Figure { f.NoData = true; return f }
	r.Compare = &audit.Comparison{
		From:     d(2026, 12, 1),
		To:       d(2027, 1, 1),
		Posts:    audit.Coverage{Data: "partial", Comparable: true, First: &first, Last: &last, Used: 61, OutsidePeriod: 190},
		Mentions: &audit.Coverage{Data: "none", First: &mfirst, Last: &mlast, Used: 0, OutsidePeriod: 210},
		Figures: []audit.Figure{
			fig("posts_published", "Posts published", "count", "higher", "posts", f64(79), f64(61), f64(18), f64(29.508196721311474), "up"),
			fig("cadence_adherence", "Cadence adherence", "%", "higher", "posts", f64(75), f64(83.33333333333333), f64(-8.333333333333329), nil, "down"),
			fig("pillar_tolerance", "Pillar max deviation", "pp", "lower", "posts", f64(5.8), f64(9.25), f64(-3.45), nil, "down"),
			fig("on_time_share", "On-time share", "%", "higher", "posts", f64(92.41), f64(92.38), f64(0.03), nil, "same"),
			fig("engagement_rate", "Engagement rate", "%", "higher", "posts", f64(3.6), f64(3.1), f64(0.5), nil, "up"),
			fig("reach_per_week", "Reach per week", "per_week", "higher", "posts", f64(120500), f64(98000.5), f64(22499.5), f64(22.958), "up"),
			fig("clicks_per_week", "Link clicks per week", "per_week", "higher", "posts", f64(455), nil, nil, nil, ""),
			fig("follower_growth", "Follower growth", "%", "higher", "posts", nil, f64(2.5), nil, nil, ""),
			noData(fig("mentions", "Mentions received", "count", "", "mentions", f64(207), nil, nil, nil, "")),
			noData(fig("response_within_sla", "Response within SLA", "%", "higher", "mentions", f64(88.2), nil, nil, nil, "")),
			noData(fig("median_response", "Median response time", "seconds", "lower", "mentions", f64(2820), nil, nil, nil, "")),
		},
	}
	return r
}

func TestFigureText(t *testing.T) {
	p := func(v float64) *float64 { return &v }
	cases := []struct {
		f    audit.Figure
		want string
	}{
		{audit.Figure{Label: "Engagement rate", Unit: "%", Current: p(3.6), Previous: p(3.1), Change: p(0.5), Trend: "up"}, "Engagement rate 3.1% → 3.6%, +0.5 pp"},
		{audit.Figure{Label: "Engagement rate", Unit: "%", Current: p(3.14), Previous: p(3.12), Change: p(0.02), Trend: "same"}, "Engagement rate 3.1% → 3.1%, no change"},
		{audit.Figure{Label: "Engagement rate", Unit: "%", Current: p(3.6), NoData: true}, "Engagement rate no data → 3.6%"},
		{audit.Figure{Label: "Posts published", Unit: "count", Current: p(90), Previous: p(72), Change: p(18), Relative: p(25), Trend: "up"}, "Posts published 72 → 90, +18 (+25.0%)"},
		{audit.Figure{Label: "Posts published", Unit: "count", Current: p(5), Previous: p(0), Change: p(5), Trend: "up"}, "Posts published 0 → 5, +5"},
		{audit.Figure{Label: "Reach per week", Unit: "per_week", Current: p(12000), Previous: p(15000), Change: p(-3000), Relative: p(-20), Trend: "down"}, "Reach per week 15 000 → 12 000, -3000 (-20.0%)"},
		{audit.Figure{Label: "Median response time", Unit: "seconds", Current: p(600), Previous: p(5400), Change: p(-4800), Relative: p(-88.9), Trend: "down"}, "Median response time 1h 30m → 10m, -1h 20m (-88.9%)"},
		{audit.Figure{Label: "Pillar max deviation", Unit: "pp", Current: p(2), Previous: p(4.5), Change: p(-2.5), Trend: "down"}, "Pillar max deviation 4.5 pp → 2.0 pp, -2.5 pp"},
		{audit.Figure{Label: "Follower growth", Unit: "%", Previous: p(2.5)}, "Follower growth 2.5% → not measured"},
	}
	for _, c := range cases {
		if got := strings.ReplaceAll(figureLine(c.f), "\u202f", " "); got != c.want {
			t.Errorf("figureLine = %q, want %q", got, c.want)
		}
	}
}

// TestCompareNoDataNeverZero: a figure of a period the files do not reach
// reads "no data" in every format, never as a 0 or a change from one.
func TestCompareNoDataNeverZero(t *testing.T) {
	for _, format := range AuditFormats() {
		out := writeAuditString(t, compareAuditReport(), AuditOptions{Format: format})
		noData := "no data"
		if format == "json" {
			noData = `"no_data": true`
		}
		for _, want := range []string{noData, "2026-12-01"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q", format, want)
			}
		}
		if format != "json" && strings.Contains(out, "0s → 47m") {
			t.Errorf("%s: the median response time is compared with 0", format)
		}
	}
}

// TestCoverageNotes: a file that starts weeks into the comparison period
// says its figures are not compared; one that starts days in is compared
// and noted.
func TestCoverageNotes(t *testing.T) {
	d := plantest.Date
	late, early, last := d(2026, 12, 31), d(2026, 12, 3), d(2027, 1, 31)
	c := &audit.Comparison{From: d(2026, 12, 1), To: d(2027, 1, 1),
		Posts:    audit.Coverage{Data: "partial", First: &late, Last: &last},
		Mentions: &audit.Coverage{Data: "partial", Comparable: true, First: &early, Last: &last}}
	got := strings.Join(coverageNotes(c), "; ")
	want := "the post history starts on 2026-12-31, a week or more inside the period: its figures are not compared (no data); " +
		"the mention log starts on 2026-12-03, so it covers the period only in part"
	if got != want {
		t.Errorf("notes:\n%s\nwant\n%s", got, want)
	}
}
