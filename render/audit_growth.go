package render

import (
	"fmt"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// The follower growth and link clicks sections of every format. A section
// is left out when the history has nothing for it (no post with followers,
// no post with clicks) and the strategy sets no target for it, so reports
// of histories without those columns stay as short as before.

// showGrowth reports whether the growth section has something to say.
func showGrowth(g audit.GrowthReport) bool {
	if g.Target != nil {
		return true
	}
	for _, c := range g.Channels {
		if c.Posts > 0 {
			return true
		}
	}
	return false
}

// showClicks reports whether the clicks section has something to say.
func showClicks(c audit.ClicksReport) bool { return c.Target != nil || c.Posts > 0 }

// signedCount writes a change with its sign: "+1 234", "-56", "0".
func signedCount(n int64) string {
	if n > 0 {
		return "+" + numfmt.Int(n)
	}
	return numfmt.Int(n)
}

// signedPct writes a percent change with its sign, with the decimals it
// takes to tell it from target when there is one: "+6.1%", "-2.0%".
func signedPct(p *float64, target *float64, absent string) string {
	s := fmtPctVs(p, target, absent)
	if p != nil && finite(*p) && *p > 0 && s != "0.0%" {
		s = "+" + s
	}
	return s
}

// growthLine sums up follower growth in a sentence, without the verdict.
func growthLine(g audit.GrowthReport) string {
	if g.Measured == 0 {
		return "not measured: no channel has posts with followers at two different times in the period."
	}
	return fmt.Sprintf("%s → %s followers, %s (%s), over %d of %s measured.", numfmt.Int(g.First), numfmt.Int(g.Last),
		signedCount(g.Change), signedPct(g.Percent, g.Target, "no percent from 0"), g.Measured, numfmt.Count(len(g.Channels), "channel", ""))
}

// clicksLine sums up link clicks in a sentence, without the verdict.
func clicksLine(c audit.ClicksReport) string {
	if c.PerWeek == nil {
		return "not measured: no post in the period has clicks."
	}
	s := fmt.Sprintf("%s link clicks, %s a week over %s weeks, from %s.", numfmt.Int(c.Clicks), perWeek(c.PerWeek, c.Target),
		fmtFloat(c.Weeks), numfmt.Count(c.Posts, "post", ""))
	if c.Missing > 0 {
		s += fmt.Sprintf(" %s without clicks left out.", numfmt.Count(c.Missing, "post", ""))
	}
	return s
}

// perWeek writes a weekly count the way the verdict does.
func perWeek(p *float64, target *float64) string {
	if p == nil {
		return mdAbsent
	}
	c := audit.Check{Unit: "", Actual: p}
	if target != nil {
		c.Target = *target
	}
	return checkActual(c, mdAbsent)
}

// metAgainst says whether v reached target, when both are there.
func metAgainst(v, target *float64) *bool {
	if v == nil || target == nil {
		return nil
	}
	met := *v >= *target
	return &met
}

// growthAndClicks writes both sections in a short paragraph each, a
// channel's figure after the total; the reasons a channel is not measured
// are in the other formats.
func (t *textReport) growthAndClicks(g audit.GrowthReport, c audit.ClicksReport) {
	if !showGrowth(g) && !showClicks(c) {
		return
	}
	t.printf("\n")
	if showGrowth(g) {
		s := "Follower growth: not measured"
		if g.Measured > 0 {
			s = fmt.Sprintf("Follower growth: %s (%s), %s → %s over %d of %s", signedCount(g.Change), signedPct(g.Percent, g.Target, "n/a"),
				numfmt.Int(g.First), numfmt.Int(g.Last), g.Measured, numfmt.Count(len(g.Channels), "channel", ""))
		}
		verdict := ""
		if g.Target != nil {
			verdict = ", target " + fmtPct(*g.Target)
			if met := metAgainst(g.Percent, g.Target); met != nil {
				verdict += ": " + metWord(*met)
				defer t.paintVerdict(verdict, *met)()
			}
		}
		s += verdict
		parts := make([]string, 0, len(g.Channels))
		for _, ch := range g.Channels {
			v := "not measured"
			if ch.Measured {
				v = signedPct(ch.Percent, nil, signedCount(*ch.Change))
			}
			parts = append(parts, termText(t.names.channel(ch.Channel))+" "+v)
		}
		t.b.WriteString(wrap(s+"; "+strings.Join(parts, ", "), "", "  "))
	}
	if showClicks(c) {
		s := "Link clicks: not measured"
		if c.PerWeek != nil {
			s = fmt.Sprintf("Link clicks: %s a week (%s in %s weeks", perWeek(c.PerWeek, c.Target), numfmt.Int(c.Clicks), fmtFloat(c.Weeks))
			if c.Missing > 0 {
				s += fmt.Sprintf("; %s without clicks left out", numfmt.Count(c.Missing, "post", ""))
			}
			s += ")"
		}
		if c.Target != nil {
			verdict := ", target " + unitValue(*c.Target, "")
			if met := metAgainst(c.PerWeek, c.Target); met != nil {
				verdict += ": " + metWord(*met)
				defer t.paintVerdict(verdict, *met)()
			}
			s += verdict
		}
		if c.PerWeek != nil {
			parts := make([]string, 0, len(c.Channels))
			for _, ch := range c.Channels {
				parts = append(parts, termText(t.names.channel(ch.Channel))+" "+perWeek(ch.PerWeek, nil))
			}
			s += "; a week: " + strings.Join(parts, ", ")
		}
		t.b.WriteString(wrap(s, "", "  "))
	}
}

// paintVerdict returns a function that colours the verdict's met or
// missed word in what was written since the call: the text is wrapped
// before it is coloured, so escape codes do not count as width.
func (t *textReport) paintVerdict(verdict string, met bool) func() {
	start := t.b.Len()
	return func() {
		if !t.color {
			return
		}
		word := metWord(met)
		written := string(t.b.Bytes()[start:])
		at := strings.Index(written, verdict)
		if at < 0 {
			return // wrapped inside the verdict: left plain
		}
		at += len(verdict) - len(word)
		t.b.Truncate(start)
		t.b.WriteString(written[:at] + t.paint(word, met) + written[at+len(word):])
	}
}

// growthHead and growthCells are the growth table's header and one
// channel's row, as plain text; absent fills what is not there.
var growthHead = []string{"channel", "posts with followers", "first post", "followers", "last post", "followers", "change", "growth"}

func growthCells(c audit.ChannelGrowth, name, absent string) []string {
	row := []string{name, numfmt.Int(c.Posts), absent, absent, absent, absent, absent, absent}
	if c.First != nil && c.Last != nil {
		row[2], row[3] = postTime(c.FirstAt), numfmt.Int(*c.First)
		row[4], row[5] = postTime(c.LastAt), numfmt.Int(*c.Last)
	}
	if c.Measured && c.Change != nil {
		row[6], row[7] = signedCount(*c.Change), signedPct(c.Percent, nil, absent)
	} else {
		row[7] = "not measured: " + c.Reason
	}
	return row
}

// clicksTable is the clicks table: a row per week and a column per
// channel, then the period's totals and the weekly averages.
func clicksTable(c audit.ClicksReport, name func(string) string) (head []string, rows [][]string) {
	head = []string{"week"}
	for _, ch := range c.Channels {
		head = append(head, name(ch.Channel))
	}
	head = append(head, "all")
	for i, w := range c.Totals {
		row := []string{clicksWeekLabel(w)}
		for _, ch := range c.Channels {
			row = append(row, numfmt.Int(ch.Weeks[i].Clicks))
		}
		rows = append(rows, append(row, numfmt.Int(w.Clicks)))
	}
	total := []string{"period"}
	avg := []string{"a week"}
	for _, ch := range c.Channels {
		total = append(total, numfmt.Int(ch.Clicks))
		avg = append(avg, perWeek(ch.PerWeek, nil))
	}
	rows = append(rows, append(total, numfmt.Int(c.Clicks)), append(avg, perWeek(c.PerWeek, c.Target)))
	return head, rows
}

func (m *mdReport) growth(g audit.GrowthReport) {
	if !showGrowth(g) {
		return
	}
	m.section("Follower growth")
	s := "Followers from each channel's first to its last post of the period: " + mdEscape(growthLine(g))
	if g.Target != nil {
		s += " Target " + fmtPct(*g.Target)
		if met := metAgainst(g.Percent, g.Target); met != nil {
			s += ": " + mdMet(*met)
		}
		s += "."
	}
	m.para("%s", s)
	rows := make([][]string, 0, len(g.Channels))
	for _, c := range g.Channels {
		row := growthCells(c, m.channel(c.Channel), mdAbsent)
		row[2], row[4] = mdEscape(row[2]), mdEscape(row[4])
		if !c.Measured {
			row[7] = "not measured: " + mdEscape(c.Reason)
		}
		rows = append(rows, row)
	}
	m.table(growthHead, []string{"", "---:", "", "---:", "", "---:", "---:", "---:"}, rows)
}

func (m *mdReport) clicks(c audit.ClicksReport) {
	if !showClicks(c) {
		return
	}
	m.section("Link clicks")
	s := mdEscape(clicksLine(c))
	if c.Target != nil {
		s += " Target " + unitValue(*c.Target, "") + " a week"
		if met := metAgainst(c.PerWeek, c.Target); met != nil {
			s += ": " + mdMet(*met)
		}
		s += "."
	}
	m.para("%s", s)
	if c.PerWeek == nil {
		return
	}
	head, rows := clicksTable(c, m.channel)
	align := []string{""}
	for range head[1:] {
		align = append(align, "---:")
	}
	n := len(rows)
	for i := range rows[:n-2] {
		rows[i][0] = mdEscape(rows[i][0])
	}
	rows[n-2][0], rows[n-1][0] = "**"+rows[n-2][0]+"**", "**"+rows[n-1][0]+"**"
	m.table(head, align, rows)
}

// clicksWeekLabel names a week of the clicks table, marking a week the
// period covers only in part.
func clicksWeekLabel(w audit.WeekClicks) string {
	if w.Whole {
		return w.Week
	}
	return w.Week + " (part)"
}

// postTime writes an RFC 3339 time of the report as a local date and
// minute, "2027-01-04 09:10"; anything else as it is.
func postTime(s string) string {
	if len(s) >= 16 && s[10] == 'T' {
		return s[:10] + " " + s[11:16]
	}
	return s
}
