package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// The comparison (pillar audit --compare) in every format: one line per
// headline figure, "Engagement rate 3.9% → 4.2%, +0.3 pp", the previous
// value first. Percentages change in percentage points, counts and
// per-week figures in absolute and relative terms, durations in readable
// units; equal values (as written) say "no change", and a period the
// files do not reach says "no data", never 0.

// comparePeriodText writes the comparison period: "2027-02-01 to
// 2027-02-28".
func comparePeriodText(c *audit.Comparison) string {
	return c.From.String() + " to " + c.To.AddDays(-1).String()
}

// figureValue writes one value of a figure in its unit, or absent.
func figureValue(f audit.Figure, v *float64, absent string) string {
	if v == nil || !finite(*v) {
		return absent
	}
	switch f.Unit {
	case "%":
		return fmtPct(*v)
	case "pp":
		return fmtFloat(*v) + " pp"
	case "seconds":
		return fmtDuration(int64(math.Round(*v)))
	}
	return numfmt.Int(int64(math.Round(*v)))
}

// figurePrevious writes the comparison period's value: "no data" when the
// files do not reach it, "not measured" when there was nothing to measure.
func figurePrevious(f audit.Figure) string {
	if f.NoData {
		return "no data"
	}
	return figureValue(f, f.Previous, "not measured")
}

// figureChange writes the change: "+0.3 pp", "+16 (+21.6%)", "+50s
// (+6.5%)", "no change", or why there is none.
func figureChange(f audit.Figure) string {
	switch {
	case f.NoData:
		return "no data to compare"
	case f.Change == nil:
		return "not comparable"
	case f.Trend == "same":
		return "no change"
	}
	c := *f.Change
	var s string
	switch f.Unit {
	case "%", "pp":
		// The difference of the values as written, so that 87.5% → 93.8%
		// reads +6.3 pp, not the exact +6.25 rounded to +6.2.
		if f.Current != nil && f.Previous != nil {
			c = shown(*f.Current) - shown(*f.Previous)
		}
		return fmtPP(c)
	case "seconds":
		s = fmtDuration(int64(math.Round(c)))
		if c > 0 {
			s = "+" + s
		}
	default:
		// Counts and weekly figures are written whole: the change is the
		// difference of the numbers as written (88 570 → 91 779 is
		// +3209), not the exact difference rounded.
		if f.Current != nil && f.Previous != nil {
			c = math.Round(*f.Current) - math.Round(*f.Previous)
		}
		s = signedCount(int64(c))
	}
	if f.Relative != nil {
		s += " (" + signedPct(f.Relative, nil, "") + ")"
	}
	return s
}

// figureLine writes a figure in a sentence: "Engagement rate 3.9% →
// 4.2%, +0.3 pp".
func figureLine(f audit.Figure) string {
	line := fmt.Sprintf("%s %s → %s", f.Label, figurePrevious(f), figureValue(f, f.Current, "not measured"))
	if !f.NoData && f.Change != nil {
		line += ", " + figureChange(f)
	}
	return line
}

// figureGood reports whether a figure's change is an improvement (true),
// a setback (false), or neither (nil: no change, not comparable, or a
// figure where neither way is better).
func figureGood(f audit.Figure) *bool {
	if f.Trend != "up" && f.Trend != "down" || f.Better == "" {
		return nil
	}
	good := (f.Trend == "up") == (f.Better == "higher")
	return &good
}

// coverageNotes says, per file, where it does not cover the comparison
// period: "the post history has no rows in it (its rows run from
// 2027-01-01 to 2027-03-31)", "the mention log starts on 2027-01-15".
func coverageNotes(c *audit.Comparison) []string {
	var out []string
	note := func(what string, cv *audit.Coverage) {
		if cv == nil {
			return
		}
		switch cv.Data {
		case "none":
			if cv.First == nil {
				out = append(out, fmt.Sprintf("the %s has no rows: no data", what))
				return
			}
			out = append(out, fmt.Sprintf("the %s has no rows in it (its rows run from %s to %s): no data", what, cv.First, cv.Last))
		case "partial":
			var parts []string
			if cv.First != nil && cv.First.After(c.From) {
				parts = append(parts, "starts on "+cv.First.String())
			}
			if cv.Last != nil && cv.Last.Before(c.To.AddDays(-1)) {
				parts = append(parts, "ends on "+cv.Last.String())
			}
			if cv.Comparable {
				out = append(out, fmt.Sprintf("the %s %s, so it covers the period only in part", what, strings.Join(parts, " and ")))
			} else {
				out = append(out, fmt.Sprintf("the %s %s, a week or more inside the period: its figures are not compared (no data)", what, strings.Join(parts, " and ")))
			}
		}
	}
	note("post history", &c.Posts)
	note("mention log", c.Mentions)
	return out
}

// compareIntro sums the comparison up in a sentence, with the coverage
// notes: "74 posts and 63 mentions in 2027-02-01 to 2027-02-28, the
// comparison period."
func compareIntro(r *audit.Report) string {
	c := r.Compare
	in := numfmt.Count(c.Posts.Used, "post", "")
	if c.Mentions != nil {
		in += " and " + numfmt.Count(c.Mentions.Used, "mention", "")
	}
	s := fmt.Sprintf("%s in %s, the comparison period.", strings.ToUpper(in[:1])+in[1:], comparePeriodText(c))
	if notes := coverageNotes(c); len(notes) > 0 {
		n := strings.Join(notes, "; ")
		s += " " + strings.ToUpper(n[:1]) + n[1:] + "."
	}
	return s
}

// compareText writes the comparison block of the text report.
func (t *textReport) compare(r *audit.Report) {
	if r.Compare == nil {
		return
	}
	t.printf("\nCompared with %s\n", comparePeriodText(r.Compare))
	t.printf("%s\n", wrap(termText(compareIntro(r)), "  ", "  "))
	rows := make([][]string, len(r.Compare.Figures))
	for i, f := range r.Compare.Figures {
		rows[i] = []string{termText(f.Label), termText(figurePrevious(f)), "→", termText(figureValue(f, f.Current, "not measured")), termText(figureChange(f))}
	}
	for i, row := range padCols(rows, map[int]bool{1: true, 3: true}) {
		if g := figureGood(r.Compare.Figures[i]); g != nil {
			row[4] = t.paint(row[4], *g)
		}
		t.line(row)
	}
	if f := r.Compare.TacticResults; f != nil && f.Rejected > 0 {
		t.printf("  Tactic results in %s for the comparison period: %s\n", termText(f.File), resultsFileLine(f))
		shown := f.Rejects[:min(len(f.Rejects), textRejects)]
		for _, rj := range shown {
			t.printf("    line %d: %s\n", rj.Line, termText(rj.Reason))
		}
	}
}

// compare writes the comparison section of the Markdown report, which
// the monthly workflow's job summary shows.
func (m *mdReport) compare(r *audit.Report) {
	if r.Compare == nil {
		return
	}
	c := r.Compare
	m.section("Compared with " + comparePeriodText(c))
	m.para("%s", mdEscape(compareIntro(r)))
	rows := make([][]string, len(c.Figures))
	for i, f := range c.Figures {
		change := mdEscape(figureChange(f))
		if g := figureGood(f); g != nil {
			change = map[bool]string{true: "▲ ", false: "▼ "}[*g] + change
		}
		rows[i] = []string{mdEscape(f.Label), mdEscape(figurePrevious(f)), mdEscape(figureValue(f, f.Current, "not measured")), change}
	}
	m.table([]string{"figure", mdEscape(comparePeriodText(c)), mdEscape(period(r)), "change"}, []string{"", "---:", "---:", "---:"}, rows)
	m.para("▲ better, ▼ worse; percentages change in percentage points (pp).")
	if f := c.TacticResults; f != nil && f.Rejected > 0 {
		var lines []string
		for _, rj := range f.Rejects[:min(len(f.Rejects), textRejects)] {
			lines = append(lines, fmt.Sprintf("line %d: %s", rj.Line, mdEscape(rj.Reason)))
		}
		m.para("Tactic results in %s for the comparison period: %s. %s", mdCode(f.File), resultsFileLine(f), strings.Join(lines, "; "))
	}
}

// shown is v as fmtFloat writes it, to a tenth.
func shown(v float64) float64 {
	x, err := strconv.ParseFloat(fmtFloat(v), 64)
	if err != nil {
		return v
	}
	return x
}
