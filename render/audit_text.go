package render

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// Limits of the text report, which must fit a terminal; the Markdown,
// HTML and JSON reports list everything.
const (
	textRejects     = 3   // rejected rows listed per file
	textMissedWeeks = 6   // missed weeks listed per channel
	textMissed      = 3   // missed tactic occurrences listed per tactic
	textUndisclosed = 5   // undisclosed posts listed
	textWidth       = 100 // where free text (a footnote, advice) wraps
)

// writeAuditText writes the report for a terminal: the verdict first, a
// line per KPI target, then a short block per metric. Every name from the
// strategy or the history goes through termText, so a channel id cannot
// move the cursor or recolour the terminal; colour, when opt.Color asks
// for it, marks only what was met (green) and missed (red).
func writeAuditText(b *bytes.Buffer, r *audit.Report, opt AuditOptions) {
	t := &textReport{b: b, color: opt.Color, names: namesOf(r)}
	t.header(r, opt)
	t.verdict(r.Verdict)
	t.compare(r)
	t.files(r)
	t.cadence(r.Cadence)
	t.mix(r.Mix)
	t.timing(r.Timing)
	t.tactics(r.Tactics)
	t.tacticKPIs(r)
	t.influencers(r.Influencers)
	t.responses(r.Responses)
	t.mentionSections(r)
	t.engagement(r.Engagement)
	t.growthAndClicks(r.Growth, r.Clicks)
	t.disclosure(r.Disclosure)
	t.recommendations(r.Recommendations)
}

type textReport struct {
	b     *bytes.Buffer
	color bool
	names auditNames
}

func (t *textReport) printf(format string, args ...any) { fmt.Fprintf(t.b, format, args...) }

// paint colours s green when good, else red, when colour is on.
func (t *textReport) paint(s string, good bool) string {
	if !t.color {
		return s
	}
	code := "31"
	if good {
		code = "32"
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// termText makes a name from the strategy or the history safe to print:
// control characters (escape sequences, line breaks) become spaces and
// bidirectional controls are dropped, so a name cannot move the cursor,
// recolour the terminal or reorder the line.
func termText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}

// wrap breaks free text into lines of at most textWidth runes where it
// can, the first starting with first and the rest with indent.
func wrap(s, first, indent string) string {
	var b strings.Builder
	line, n := first, utf8.RuneCountInString(first)
	start := true
	for _, w := range strings.Fields(s) {
		wn := utf8.RuneCountInString(w)
		if !start && n+1+wn > textWidth {
			b.WriteString(line + "\n")
			line, n, start = indent, utf8.RuneCountInString(indent), true
		}
		if !start {
			line += " "
			n++
		}
		line += w
		n += wn
		start = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

// padCols pads each cell but the last of a row to the widest in its
// column, on the left for the columns in right.
func padCols(rows [][]string, right map[int]bool) [][]string {
	var width []int
	for _, row := range rows {
		for i, c := range row {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	out := make([][]string, len(rows))
	for r, row := range rows {
		out[r] = make([]string, len(row))
		for i, c := range row {
			fill := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			switch {
			case right[i]:
				out[r][i] = fill + c
			case i == len(row)-1:
				out[r][i] = c
			default:
				out[r][i] = c + fill
			}
		}
	}
	return out
}

// cols writes rows as padded columns, indented by two spaces.
func (t *textReport) cols(rows [][]string, right map[int]bool) {
	for _, row := range padCols(rows, right) {
		t.line(row)
	}
}

// line writes one row of cells, indented by two spaces.
func (t *textReport) line(cells []string) {
	t.b.WriteString(strings.TrimRight("  "+strings.Join(cells, "  "), " ") + "\n")
}

func (t *textReport) header(r *audit.Report, opt AuditOptions) {
	t.printf("%s: audit, %s", termText(labelOf(r.Brand, "Strategy")), period(r))
	if r.Timezone != "" {
		t.printf(" (%s)", termText(r.Timezone))
	}
	t.printf("\n")
	if opt.Strategy != "" {
		t.printf("strategy %s\n", termText(opt.Strategy))
	}
}

func (t *textReport) verdict(v audit.Verdict) {
	outcome, text := verdictLine(v)
	t.printf("\n%s: %s\n", t.paint(outcome, v.Pass), text)
	if len(v.Checks) == 0 {
		return
	}
	rows := make([][]string, len(v.Checks))
	for i, c := range v.Checks {
		rows[i] = []string{termText(kpiLabel(c.KPI)), termText(checkTarget(c)), termText(checkActual(c, "n/a")), checkWord(c), countedWord(c.Counted)}
	}
	// The met/missed word is coloured once the columns are laid out, so
	// that the escape codes do not count toward its width.
	for i, row := range padCols(rows, map[int]bool{2: true}) {
		if c := v.Checks[i]; c.Measured {
			row[3] = t.paint(checkWord(c), c.Met) + strings.TrimPrefix(row[3], checkWord(c))
		}
		t.line(row)
	}
}

func (t *textReport) files(r *audit.Report) {
	t.printf("\n")
	t.reconciliation("Posts", r.Posts)
	if r.Mentions != nil {
		t.reconciliation("Mentions", *r.Mentions)
	}
}

func (t *textReport) reconciliation(what string, rc audit.Reconciliation) {
	name := what
	if rc.File != "" {
		name += " in " + termText(rc.File)
	}
	t.printf("%s: %s read = %s used + %s outside the period + %s unknown channel + %s rejected",
		name, numfmt.Int(rc.Read), numfmt.Int(rc.Used), numfmt.Int(rc.OutsidePeriod), numfmt.Int(rc.UnknownChannel), numfmt.Int(rc.Rejected))
	if rc.Duplicates > 0 {
		t.printf(" (%s)", numfmt.Count(rc.Duplicates, "repeated id", "repeated ids"))
	}
	t.printf("\n")
	shown := rc.Rejects[:min(len(rc.Rejects), textRejects)]
	for _, rj := range shown {
		t.printf("  line %d: %s\n", rj.Line, termText(rj.Reason))
	}
	if more := rc.Rejected - int64(len(shown)); more > 0 && len(shown) > 0 {
		t.printf("  and %s more rejected %s\n", numfmt.Int(more), plural(int(min(more, 2)), "row", "rows"))
	}
	if len(rc.UnknownChannels) > 0 {
		parts := make([]string, len(rc.UnknownChannels))
		for i, u := range rc.UnknownChannels {
			parts[i] = fmt.Sprintf("%s (%s)", termText(u.Name), numfmt.Int(u.Count))
		}
		t.printf("  unknown channels: %s\n", strings.Join(parts, ", "))
	}
	for _, u := range []struct {
		what  string
		names []audit.NameCount
	}{{"pillars", rc.UnknownPillars}, {"tactics", rc.UnknownTactics}} {
		if len(u.names) == 0 {
			continue
		}
		parts := make([]string, len(u.names))
		for i, nc := range u.names {
			parts[i] = fmt.Sprintf("%s (%s)", termText(nc.Name), numfmt.Int(nc.Count))
		}
		t.printf("  unknown %s: %s\n", u.what, strings.Join(parts, ", "))
	}
}

func (t *textReport) cadence(c audit.CadenceReport) {
	if len(c.Channels) == 0 {
		t.printf("\nCadence: no channel has a cadence.\n")
		return
	}
	if c.Weeks == 0 {
		t.printf("\nCadence: no whole ISO week in the period to check.\n")
		return
	}
	t.printf("\nCadence: %d of %s kept (%s)\n", c.Kept, numfmt.Count(c.Weeks, "channel-week", "channel-weeks"), fmtPctPtr(c.Adherence, "n/a"))
	rows := make([][]string, 0, len(c.Channels))
	for _, ch := range c.Channels {
		row := []string{termText(t.names.channel(ch.Channel)), fmt.Sprintf("min %d a week", ch.MinPerWeek),
			fmt.Sprintf("%d of %s", ch.Kept, numfmt.Count(ch.Weeks, "week", "weeks")), fmtPctPtr(ch.Adherence, "n/a"), ""}
		if len(ch.Missed) > 0 {
			row[4] = "missed " + listSome(ch.Missed, textMissedWeeks, termText)
		}
		rows = append(rows, row)
	}
	t.cols(rows, map[int]bool{3: true})
}

// listSome joins the first n items and counts the rest: "a, b, +3 more".
func listSome(items []string, n int, f func(string) string) string {
	parts := make([]string, 0, n+1)
	for i, s := range items {
		if i == n {
			parts = append(parts, fmt.Sprintf("+%d more", len(items)-n))
			break
		}
		parts = append(parts, f(s))
	}
	return strings.Join(parts, ", ")
}

func (t *textReport) mix(m audit.MixReport) {
	o := m.Overall
	if len(o.Pillars) == 0 {
		t.printf("\nPillar mix: the strategy declares no pillars.\n")
		return
	}
	t.printf("\nPillar mix: %s of %s classified", numfmt.Int(o.Classified), numfmt.Count(o.Posts, "post", "posts"))
	if o.ByKeyword > 0 {
		t.printf(" (%s by hashtag or keyword)", numfmt.Int(o.ByKeyword))
	}
	if o.Unclassified > 0 {
		t.printf(", %s without a pillar", numfmt.Int(o.Unclassified))
	}
	t.printf("\n  largest deviation %s", fmtPPPtr(o.MaxDeviation, "n/a"))
	if m.Tolerance != nil {
		t.printf(" (tolerance %s)", fmtPPPtr(m.Tolerance, "n/a"))
	}
	t.printf(", chi-square %s\n", pClause(o.PValue, "n/a"))
	rows := [][]string{{"pillar", "target", "actual", "deviation", ""}}
	for _, p := range o.Pillars {
		flag := ""
		if beyond(p, m.Tolerance) {
			flag = "beyond tolerance"
		}
		rows = append(rows, []string{termText(labelOf(p.Name, p.Pillar)), fmtPct(p.Target), fmtPct(p.Actual), fmtPP(p.Delta), flag})
	}
	t.cols(rows, map[int]bool{1: true, 2: true, 3: true})
	if s := strayed(m); len(s) > 0 {
		parts := make([]string, len(s))
		for i, c := range s {
			parts[i] = fmt.Sprintf("%s (%s)", termText(t.names.channel(c.Channel)), fmtPPPtr(c.MaxDeviation, "n/a"))
		}
		t.printf("  beyond tolerance on %s\n", strings.Join(parts, ", "))
	}
}

func (t *textReport) timing(tm audit.TimingReport) {
	if tm.Posts == 0 {
		t.printf("\nTiming: no posts on channels with planned slots.\n")
		return
	}
	t.printf("\nTiming: %s of %s within %s of a planned slot (%s)\n", numfmt.Int(tm.OnTime), numfmt.Count(tm.Posts, "post", "posts"),
		fmtExactDuration(tm.ToleranceSeconds), fmtPctPtr(tm.Share, "n/a"))
	if len(tm.Channels) > 1 {
		parts := make([]string, len(tm.Channels))
		for i, c := range tm.Channels {
			parts[i] = termText(t.names.channel(c.Channel)) + " " + fmtPctPtr(c.Share, "n/a")
		}
		t.printf("  %s\n", strings.Join(parts, ", "))
	}
}

func (t *textReport) tactics(ts []audit.TacticResult) {
	if len(ts) == 0 {
		t.printf("\nTactics: none in the strategy.\n")
		return
	}
	planned, executed := tacticTotals(ts)
	t.printf("\nTactics: %d of %s executed\n", executed, numfmt.Count(planned, "planned occurrence", "planned occurrences"))
	rows := make([][]string, len(ts))
	for i, tc := range ts {
		missed := ""
		if len(tc.Missed) > 0 {
			items := make([]string, len(tc.Missed))
			for j, o := range tc.Missed {
				items[j] = o.Date.String() + " " + t.names.channel(o.Channel)
			}
			missed = "missed " + listSome(items, textMissed, termText)
		}
		rows[i] = []string{termText(labelOf(tc.Name, tc.Tactic)), fmt.Sprintf("%d of %d", tc.Executed, tc.Planned), missed}
	}
	t.cols(rows, nil)
}

func (t *textReport) influencers(ins []audit.InfluencerResult) {
	if len(ins) == 0 {
		t.printf("\nInfluencers: none in the strategy.\n")
		return
	}
	var total int64
	var over, never []string
	for _, in := range ins {
		total += in.Mentions
		if in.OverCap {
			months := overCapMonths(in)
			parts := make([]string, len(months))
			for i, m := range months {
				parts[i] = fmt.Sprintf("%s in %s", numfmt.Int(m.Mentions), termText(m.Month))
			}
			over = append(over, fmt.Sprintf("%s %s (cap %d)", termText(in.Handle), strings.Join(parts, ", "), in.Cap))
		}
		if in.NeverMentioned {
			never = append(never, fmt.Sprintf("%s (%s)", termText(in.Handle), termText(in.Status)))
		}
	}
	t.printf("\nInfluencers: %s, %s\n", numfmt.Count(len(ins), "tracked", "tracked"), numfmt.Count(total, "mention", "mentions"))
	if len(over) > 0 {
		t.printf("  over cap: %s\n", strings.Join(over, "; "))
	}
	if len(never) > 0 {
		t.printf("  never mentioned: %s\n", strings.Join(never, ", "))
	}
	if len(over)+len(never) == 0 {
		t.printf("  none over its cap; every engaged or partner influencer mentioned\n")
	}
}

func (t *textReport) responses(rs *audit.ResponseReport) {
	if rs == nil {
		t.printf("\nResponses: no mention log.\n")
		return
	}
	clock := "wall-clock time"
	if rs.BusinessHours {
		clock = "business hours"
	}
	o := rs.Overall
	t.printf("\nResponses (%s): %s of %s answered within SLA (%s), median %s, p90 %s\n", clock, numfmt.Int(o.WithinSLA),
		numfmt.Count(o.Mentions-o.NoSLA, "mention", "mentions"), fmtPctPtr(o.Share, "n/a"), fmtDurationPtr(o.Median, "n/a"), fmtDurationPtr(o.P90, "n/a"))
	if o.NoSLA > 0 {
		t.printf("  %s with no SLA, not counted in the share\n", numfmt.Count(o.NoSLA, "mention", "mentions"))
	}
	if len(rs.Types) == 0 {
		return
	}
	rows := [][]string{{"type", "SLA", "mentions", "answered", "within SLA", "median", "p90"}}
	for _, s := range rs.Types {
		rows = append(rows, []string{termText(labelOf(s.Type, "(none)")), fmtSLA(s, "none"), numfmt.Int(s.Mentions), numfmt.Int(s.Answered),
			fmtPctPtr(s.Share, "n/a"), fmtDurationPtr(s.Median, "n/a"), fmtDurationPtr(s.P90, "n/a")})
	}
	t.cols(rows, map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true})
}

func (t *textReport) engagement(e audit.EngagementReport) {
	t.printf("\nEngagement rate*: %s overall", fmtPctVs(e.Overall.Rate, e.Target, "n/a"))
	if e.Target != nil {
		t.printf(", target %s", fmtPctPtr(e.Target, "n/a"))
		if e.Overall.Met != nil {
			t.printf(": %s", t.paint(metWord(*e.Overall.Met), *e.Overall.Met))
		}
	}
	t.printf("\n")
	if len(e.Channels) > 0 {
		parts := make([]string, len(e.Channels))
		for i, c := range e.Channels {
			parts[i] = termText(t.names.channel(c.Key)) + " " + fmtPctVs(c.Rate, e.Target, "n/a")
			if c.Met != nil {
				parts[i] += " " + t.paint(metWord(*c.Met), *c.Met)
			}
		}
		t.printf("  %s\n", strings.Join(parts, ", "))
	}
	if e.Overall.Excluded > 0 {
		t.printf("  %s without %s left out\n", numfmt.Count(e.Overall.Excluded, "post", "posts"), termText(labelOf(e.Definition.Denominator, "a denominator")))
	}
	t.b.WriteString(wrap(termText(footnote(e.Definition)), "  * ", "    "))
}

func (t *textReport) disclosure(d audit.DisclosureReport) {
	tags := ""
	if len(d.Tags) > 0 {
		safe := make([]string, len(d.Tags))
		for i, tg := range d.Tags {
			safe[i] = termText(tg)
		}
		tags = " (" + strings.Join(safe, ", ") + ")"
	}
	switch {
	case d.Checked == 0:
		t.printf("\nDisclosure: no post mentions a paid partner.\n")
		return
	case d.MissingCount == 0:
		t.printf("\nDisclosure: all %s mentioning a paid partner carry a disclosure tag%s.\n", numfmt.Count(d.Checked, "post", "posts"), tags)
		return
	}
	t.printf("\nDisclosure: %s of %s mentioning a paid partner %s no disclosure tag%s\n", numfmt.Int(d.MissingCount),
		numfmt.Count(d.Checked, "post", "posts"), plural(int(min(d.MissingCount, 2)), "has", "have"), tags)
	shown := d.Missing[:min(len(d.Missing), textUndisclosed)]
	rows := make([][]string, len(shown))
	for i, u := range shown {
		rows[i] = []string{fmt.Sprintf("line %d", u.Line), termText(u.ID), termText(t.names.channel(u.Channel)), u.Date.String(), termText(u.Influencer)}
	}
	t.cols(rows, nil)
	if more := d.MissingCount - int64(len(shown)); more > 0 {
		t.printf("  and %d more\n", more)
	}
}

func (t *textReport) recommendations(rs []audit.Recommendation) {
	if len(rs) == 0 {
		return
	}
	t.printf("\nRecommendations (advice, not part of the verdict)\n")
	for _, r := range rs {
		t.b.WriteString(wrap(termText(r.Text), "  - ", "    "))
	}
}
