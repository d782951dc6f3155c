package render

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// mdAbsent stands in a table for a number there was nothing to measure.
const mdAbsent = "—"

// writeAuditMarkdown writes the report as GitHub-flavoured Markdown for a
// pull-request comment or a job summary: a heading and the verdict, then a
// section per metric with a table of every number a reader needs; the
// engagement definition is a footnote. Every text from the strategy or the
// history goes through mdEscape (in a table cell or inline) or mdText (at
// the start of a line), so it cannot end a cell, start a heading or a list,
// or turn into a link or HTML.
func writeAuditMarkdown(b *bytes.Buffer, r *audit.Report, opt AuditOptions) {
	m := &mdReport{b: b, names: namesOf(r)}
	m.header(r, opt)
	m.verdict(r.Verdict)
	m.compare(r)
	m.files(r)
	m.cadence(r.Cadence)
	m.mix(r.Mix)
	m.timing(r.Timing)
	m.tactics(r.Tactics)
	m.tacticKPIs(r)
	m.influencers(r.Influencers)
	m.responses(r.Responses)
	m.mentionSections(r)
	m.engagement(r.Engagement)
	m.growth(r.Growth)
	m.clicks(r.Clicks)
	m.disclosure(r.Disclosure)
	m.recommendations(r.Recommendations)
}

type mdReport struct {
	b     *bytes.Buffer
	names auditNames
}

func (m *mdReport) printf(format string, args ...any) { fmt.Fprintf(m.b, format, args...) }

// table writes a table; align holds "---" or "---:" per column.
func (m *mdReport) table(head []string, align []string, rows [][]string) {
	m.printf("\n| %s |\n|", strings.Join(head, " | "))
	for i := range head {
		a := "---"
		if i < len(align) && align[i] != "" {
			a = align[i]
		}
		m.printf(" %s |", a)
	}
	m.printf("\n")
	for _, row := range rows {
		m.printf("| %s |\n", strings.Join(row, " | "))
	}
}

// section starts a section with a level-3 heading.
func (m *mdReport) section(title string) { m.printf("\n### %s\n", title) }

// para writes a paragraph.
func (m *mdReport) para(format string, args ...any) { m.printf("\n"+format+"\n", args...) }

func (m *mdReport) channel(id string) string { return mdEscape(m.names.channel(id)) }

// mdCheck is a KPI check's result, with a sign that reads without colour:
// met, missed or not measured.
func mdCheck(c audit.Check) string {
	if !c.Measured {
		return "➖ not measured"
	}
	return mdMet(c.Met)
}

// mdMet is a met or missed result with its sign.
func mdMet(met bool) string {
	if met {
		return "✅ met"
	}
	return "❌ missed"
}

func (m *mdReport) header(r *audit.Report, opt AuditOptions) {
	m.printf("## Audit: %s, %s\n", mdEscape(labelOf(r.Brand, "strategy")), period(r))
	var meta []string
	if opt.Strategy != "" {
		meta = append(meta, "Strategy "+mdCode(opt.Strategy))
	}
	if r.Timezone != "" {
		meta = append(meta, "days and weeks in "+mdEscape(r.Timezone))
	}
	if len(meta) > 0 {
		m.para("%s", strings.Join(meta, " · "))
	}
}

func (m *mdReport) verdict(v audit.Verdict) {
	outcome, text := verdictLine(v)
	m.para("**%s**: %s", outcome, mdEscape(text))
	if len(v.Checks) == 0 {
		return
	}
	rows := make([][]string, len(v.Checks))
	for i, c := range v.Checks {
		counts := "no"
		if c.Counted {
			counts = "yes"
		}
		rows[i] = []string{mdEscape(kpiLabel(c.KPI)), mdEscape(checkTarget(c)), mdEscape(checkActual(c, mdAbsent)), mdCheck(c), counts, mdEscape(c.Detail)}
	}
	m.table([]string{"KPI", "target", "actual", "result", "counts toward the result", "what was measured"},
		[]string{"", "---:", "---:"}, rows)
}

func (m *mdReport) files(r *audit.Report) {
	m.section("Rows read")
	files := []struct {
		what string
		rc   audit.Reconciliation
	}{{"posts", r.Posts}}
	if r.Mentions != nil {
		files = append(files, struct {
			what string
			rc   audit.Reconciliation
		}{"mentions", *r.Mentions})
	}
	m.para("Every row is accounted for: read = used + outside the period + unknown channel + rejected.")
	rows := make([][]string, len(files))
	for i, f := range files {
		name := f.what
		if f.rc.File != "" {
			name += ": " + mdEscape(f.rc.File)
		}
		rc := f.rc
		rows[i] = []string{name, numfmt.Int(rc.Read), numfmt.Int(rc.Used), numfmt.Int(rc.OutsidePeriod), numfmt.Int(rc.UnknownChannel), numfmt.Int(rc.Rejected), numfmt.Int(rc.Duplicates)}
	}
	m.table([]string{"file", "read", "used", "outside the period", "unknown channel", "rejected", "of them repeated ids"},
		[]string{"", "---:", "---:", "---:", "---:", "---:", "---:"}, rows)
	for _, f := range files {
		rc := f.rc
		if len(rc.Rejects) > 0 {
			lead := "Rejected " + f.what
			if more := rejectedMore(rc); more > 0 {
				lead += fmt.Sprintf(", the first %d of %s", len(rc.Rejects), numfmt.Int(rc.Rejected))
			}
			m.para("%s:", lead)
			rows := make([][]string, len(rc.Rejects))
			for i, rj := range rc.Rejects {
				rows[i] = []string{fmt.Sprint(rj.Line), mdEscape(rj.Reason)}
			}
			m.table([]string{"line", "reason"}, []string{"---:"}, rows)
		}
		if len(rc.UnknownChannels) > 0 {
			parts := make([]string, len(rc.UnknownChannels))
			for i, u := range rc.UnknownChannels {
				parts[i] = fmt.Sprintf("%s (%s)", mdEscape(u.Name), numfmt.Int(u.Count))
			}
			m.para("Channels in the %s that the strategy does not have: %s.", f.what, strings.Join(parts, ", "))
		}
		for _, u := range []struct {
			what  string
			names []audit.NameCount
		}{{"Pillars", rc.UnknownPillars}, {"Tactics", rc.UnknownTactics}} {
			if len(u.names) == 0 {
				continue
			}
			parts := make([]string, len(u.names))
			for i, nc := range u.names {
				parts[i] = fmt.Sprintf("%s (%s)", mdEscape(nc.Name), numfmt.Int(nc.Count))
			}
			m.para("%s named in the %s that the strategy does not have: %s.", u.what, f.what, strings.Join(parts, ", "))
		}
		if len(rc.IgnoredColumns) > 0 {
			m.para("Columns of the %s that the audit does not use: %s.", f.what, mdList(rc.IgnoredColumns))
		}
	}
}

func (m *mdReport) cadence(c audit.CadenceReport) {
	m.section("Cadence")
	if len(c.Channels) == 0 {
		m.para("No channel has a cadence.")
	} else {
		if c.Weeks == 0 {
			m.para("No whole ISO week in the period to check.")
		} else {
			m.para("%d of %s kept their minimum: **%s** adherence.", c.Kept, numfmt.Count(c.Weeks, "channel-week", "channel-weeks"), fmtPctPtr(c.Adherence, mdAbsent))
		}
		rows := make([][]string, len(c.Channels))
		for i, ch := range c.Channels {
			missed := make([]string, len(ch.Missed))
			for j, w := range ch.Missed {
				missed[j] = mdEscape(w)
			}
			rows[i] = []string{m.channel(ch.Channel), fmt.Sprint(ch.MinPerWeek), fmt.Sprint(ch.Weeks), fmt.Sprint(ch.Kept),
				fmtPctPtr(ch.Adherence, mdAbsent), orAbsent(strings.Join(missed, ", "), "none")}
		}
		m.table([]string{"channel", "minimum a week", "whole weeks", "kept", "adherence", "weeks missed"},
			[]string{"", "---:", "---:", "---:", "---:"}, rows)
	}
	weeks := weekGrid(c)
	if len(weeks) == 0 {
		return
	}
	m.printf("\n#### Week by week\n")
	m.para("Posts published against the planned slots across channels, and per channel published / required " +
		"(✗ a week short of its minimum; (blackout) a week with nothing required, not judged; — a week not wholly in the period).")
	head := []string{"week", "Monday", "planned", "published"}
	align := []string{"", "", "---:", "---:"}
	for _, ch := range c.Channels {
		head = append(head, m.channel(ch.Channel))
		align = append(align, "---:")
	}
	rows := make([][]string, len(weeks))
	for i, w := range weeks {
		row := []string{mdEscape(w.week), w.start, w.planned, w.published}
		for _, cell := range w.channels {
			row = append(row, cell)
		}
		rows[i] = row
	}
	m.table(head, align, rows)
}

// gridWeek is one row of the week-by-week table.
type gridWeek struct {
	week, start, planned, published string
	channels                        []string // published / required per channel
}

// weekGrid lays out the weeks of the cadence: every week of Totals, and
// any week only a channel has, in order.
func weekGrid(c audit.CadenceReport) []gridWeek {
	index := map[string]int{}
	var out []gridWeek
	add := func(week, start string) int {
		if i, ok := index[week]; ok {
			return i
		}
		index[week] = len(out)
		cells := make([]string, len(c.Channels))
		for i := range cells {
			cells[i] = mdAbsent
		}
		out = append(out, gridWeek{week: week, start: start, planned: mdAbsent, published: mdAbsent, channels: cells})
		return len(out) - 1
	}
	for _, t := range c.Totals {
		i := add(t.Week, t.Start.String())
		out[i].planned, out[i].published = numfmt.Int(t.Planned), numfmt.Int(t.Published)
	}
	for j, ch := range c.Channels {
		for _, w := range ch.Rows {
			i := add(w.Week, w.Start.String())
			cell := fmt.Sprintf("%d / %d", w.Published, w.Required)
			switch {
			case !w.Judged:
				cell += " (blackout)"
			case !w.Kept:
				cell += " ✗"
			}
			out[i].channels[j] = cell
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

func orAbsent(s, absent string) string {
	if s == "" {
		return absent
	}
	return s
}

func (m *mdReport) mix(mx audit.MixReport) {
	m.section("Pillar mix")
	o := mx.Overall
	if len(o.Pillars) == 0 {
		m.para("The strategy declares no pillars.")
		return
	}
	var s strings.Builder
	fmt.Fprintf(&s, "%s of %s classified", numfmt.Int(o.Classified), numfmt.Count(o.Posts, "post", "posts"))
	if o.ByKeyword > 0 {
		fmt.Fprintf(&s, " (%s of them by hashtag or keyword)", numfmt.Int(o.ByKeyword))
	}
	fmt.Fprintf(&s, "; %s without a pillar. Largest deviation from the target mix: **%s**", numfmt.Int(o.Unclassified), fmtPPPtr(o.MaxDeviation, mdAbsent))
	if mx.Tolerance != nil {
		fmt.Fprintf(&s, " (tolerance %s)", fmtPPPtr(mx.Tolerance, mdAbsent))
	}
	s.WriteString(". ")
	s.WriteString(chiSquareText(o))
	m.para("%s", s.String())
	rows := make([][]string, len(o.Pillars))
	for i, p := range o.Pillars {
		delta := fmtPP(p.Delta)
		if beyond(p, mx.Tolerance) {
			delta = "**" + delta + "** ✗"
		}
		rows[i] = []string{mdEscape(labelOf(p.Name, p.Pillar)), numfmt.Int(p.Planned), fmtPct(p.Target), numfmt.Int(p.Posts), fmtPct(p.Actual), delta}
	}
	m.table([]string{"pillar", "planned slots", "target", "posts", "actual", "deviation"},
		[]string{"", "---:", "---:", "---:", "---:", "---:"}, rows)
	if len(mx.Channels) == 0 {
		return
	}
	m.printf("\n#### By channel\n")
	m.para("Each pillar's actual share of the channel's classified posts, with its target in brackets.")
	head := []string{"channel", "posts", "classified", "by keyword", "without a pillar"}
	align := []string{"", "---:", "---:", "---:", "---:"}
	for _, p := range o.Pillars {
		head = append(head, mdEscape(labelOf(p.Name, p.Pillar)))
		align = append(align, "---:")
	}
	head = append(head, "largest deviation", "p-value")
	align = append(align, "---:", "---:")
	rows = make([][]string, len(mx.Channels))
	for i, c := range mx.Channels {
		row := []string{m.channel(c.Channel), numfmt.Int(c.Posts), numfmt.Int(c.Classified), numfmt.Int(c.ByKeyword), numfmt.Int(c.Unclassified)}
		shares := map[string]audit.PillarShare{}
		for _, p := range c.Pillars {
			shares[p.Pillar] = p
		}
		for _, p := range o.Pillars {
			if sh, ok := shares[p.Pillar]; ok {
				row = append(row, fmt.Sprintf("%s (%s)", fmtPct(sh.Actual), fmtPct(sh.Target)))
			} else {
				row = append(row, mdAbsent)
			}
		}
		dev := fmtPPPtr(c.MaxDeviation, mdAbsent)
		if mx.Tolerance != nil && c.MaxDeviation != nil && *c.MaxDeviation > *mx.Tolerance {
			dev = "**" + dev + "** ✗"
		}
		rows[i] = append(row, dev, fmtPValue(c.PValue, mdAbsent))
	}
	m.table(head, align, rows)
}

// chiSquareText reports the goodness-of-fit test in a sentence.
func chiSquareText(p audit.PillarMix) string {
	switch {
	case p.ChiSquare == nil && p.PValue != nil:
		return "Chi-square goodness of fit against the target: posts went to a pillar the plan gives no slots, so the mix cannot be the planned one (p < 0.001)."
	case p.ChiSquare == nil || p.PValue == nil:
		return "No chi-square test: it needs two planned pillars and a classified post."
	}
	return fmt.Sprintf("Chi-square goodness of fit against the target: χ² = %s, %s, %s.",
		strconv.FormatFloat(*p.ChiSquare, 'f', 2, 64), numfmt.Count(p.DF, "degree of freedom", "degrees of freedom"), pClause(p.PValue, mdAbsent))
}

func (m *mdReport) timing(t audit.TimingReport) {
	m.section("Timing")
	if t.Posts == 0 {
		m.para("No posts on channels with planned slots.")
		return
	}
	m.para("%s of %s went out within %s of a planned slot: **%s**.", numfmt.Int(t.OnTime), numfmt.Count(t.Posts, "post", "posts"),
		fmtExactDuration(t.ToleranceSeconds), fmtPctPtr(t.Share, mdAbsent))
	if len(t.Channels) == 0 {
		return
	}
	rows := make([][]string, len(t.Channels))
	for i, c := range t.Channels {
		rows[i] = []string{m.channel(c.Channel), numfmt.Int(c.Posts), numfmt.Int(c.OnTime), fmtPctPtr(c.Share, mdAbsent)}
	}
	m.table([]string{"channel", "posts", "on time", "share"}, []string{"", "---:", "---:", "---:"}, rows)
}

// occurrences lists tactic occurrences: "2027-01-14 TikTok, …".
func (m *mdReport) occurrences(os []audit.Occurrence) string {
	if len(os) == 0 {
		return "none"
	}
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = o.Date.String() + " " + m.channel(o.Channel)
	}
	return strings.Join(parts, ", ")
}

func (m *mdReport) tactics(ts []audit.TacticResult) {
	m.section("Tactics")
	if len(ts) == 0 {
		m.para("The strategy has no tactics.")
		return
	}
	planned, executed := tacticTotals(ts)
	m.para("%d of %s executed: a post tagged with the tactic on the planned day and channel.", executed,
		numfmt.Count(planned, "planned occurrence", "planned occurrences"))
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{mdEscape(labelOf(t.Name, t.Tactic)), fmt.Sprint(t.Planned), fmt.Sprint(t.Executed), numfmt.Int(t.Posts),
			m.occurrences(t.Missed), m.occurrences(t.Done)}
	}
	m.table([]string{"tactic", "planned", "executed", "tagged posts", "missed", "executed on"}, []string{"", "---:", "---:", "---:"}, rows)
}

func (m *mdReport) influencers(ins []audit.InfluencerResult) {
	m.section("Influencers")
	if len(ins) == 0 {
		m.para("The strategy lists no influencers.")
		return
	}
	m.para("Mentions of each influencer in the brand's posts per calendar month, against the cap.")
	rows := make([][]string, len(ins))
	for i, in := range ins {
		months := make([]string, len(in.Months))
		for j, mo := range in.Months {
			months[j] = fmt.Sprintf("%s: %s", mdEscape(mo.Month), numfmt.Int(mo.Mentions))
			if mo.Over {
				months[j] = "**" + months[j] + "**"
			}
		}
		var flags []string
		if in.OverCap {
			flags = append(flags, "❌ over cap")
		}
		if in.NeverMentioned {
			flags = append(flags, "never mentioned")
		}
		capText := "none"
		if in.Cap > 0 {
			capText = fmt.Sprint(in.Cap)
		}
		rows[i] = []string{mdEscape(influencerLabel(in)), mdEscape(in.Status), mdEscape(in.Relationship), capText,
			numfmt.Int(in.Mentions), orAbsent(strings.Join(months, ", "), mdAbsent), strings.Join(flags, ", ")}
	}
	m.table([]string{"influencer", "status", "relationship", "cap a month", "mentions", "by month", "flag"},
		[]string{"", "", "", "---:", "---:"}, rows)
}

func (m *mdReport) responses(rs *audit.ResponseReport) {
	m.section("Responses")
	if rs == nil {
		m.para("No mention log was given, so response times were not measured.")
		return
	}
	o := rs.Overall
	clock := "Response times are wall-clock time."
	if rs.BusinessHours {
		clock = "Response times count business hours only, as support tools do."
	}
	m.para("%s of %s answered within their SLA: **%s**; an unanswered mention is a breach. %s",
		numfmt.Int(o.WithinSLA), numfmt.Count(o.Mentions-o.NoSLA, "mention", "mentions"), fmtPctPtr(o.Share, mdAbsent), clock)
	row := func(label string, s audit.ResponseStats) []string {
		return []string{label, fmtSLA(s, mdAbsent), mdEscape(slaSource(s.SLASource)), numfmt.Int(s.Mentions), numfmt.Int(s.Answered),
			numfmt.Int(s.WithinSLA), numfmt.Int(s.NoSLA), fmtPctPtr(s.Share, mdAbsent), fmtDurationPtr(s.Median, mdAbsent), fmtDurationPtr(s.P90, mdAbsent)}
	}
	rows := make([][]string, 0, len(rs.Types)+1)
	for _, s := range rs.Types {
		rows = append(rows, row(mdEscape(labelOf(s.Type, "(no type)")), s))
	}
	all := row("**all**", o)
	rows = append(rows, all)
	m.table([]string{"mention type", "SLA", "SLA from", "mentions", "answered", "within SLA", "no SLA", "share within SLA", "median", "p90"},
		[]string{"", "---:", "", "---:", "---:", "---:", "---:", "---:", "---:", "---:"}, rows)
	if len(rs.Histogram) > 0 {
		m.printf("\n#### Response time distribution\n")
		rows := make([][]string, len(rs.Histogram))
		for i, bk := range rs.Histogram {
			rows[i] = []string{mdEscape(bk.Label), numfmt.Int(bk.Count)}
		}
		m.table([]string{"response time", "answered mentions"}, []string{"", "---:"}, rows)
	}
}

// slaSource says where an SLA came from, for people.
func slaSource(s string) string {
	switch s {
	case "type":
		return "mention type"
	case "channel":
		return "channel"
	case "default":
		return "strategy default"
	case "mixed":
		return "several"
	case "none", "":
		return "none"
	}
	return s
}

func (m *mdReport) engagement(e audit.EngagementReport) {
	m.section("Engagement")
	d := e.Definition
	var s strings.Builder
	fmt.Fprintf(&s, "Engagement rate[^engagement] across channels: **%s**", fmtPctVs(e.Overall.Rate, e.Target, mdAbsent))
	if e.Target != nil {
		fmt.Fprintf(&s, " against a target of %s", fmtPctPtr(e.Target, mdAbsent))
		if e.Overall.Met != nil {
			fmt.Fprintf(&s, ": %s", mdMet(*e.Overall.Met))
		}
	}
	s.WriteString(".")
	if e.Overall.Excluded > 0 {
		fmt.Fprintf(&s, " %s without %s left out.", numfmt.Count(e.Overall.Excluded, "post", "posts"), mdEscape(labelOf(d.Denominator, "a denominator")))
	}
	m.para("%s", s.String())
	denom := mdEscape(labelOf(d.Denominator, "denominator"))
	head := func(scope string) []string {
		return []string{scope, "posts", "left out", "engagement", denom, "rate", "target"}
	}
	align := []string{"", "---:", "---:", "---:", "---:", "---:"}
	row := func(label string, st audit.EngagementStats) []string {
		met := mdAbsent
		if st.Met != nil {
			met = mdMet(*st.Met)
		}
		return []string{label, numfmt.Int(st.Posts), numfmt.Int(st.Excluded), numfmt.Int(st.Engagement), numfmt.Int(st.Denominator), fmtPctVs(st.Rate, e.Target, mdAbsent), met}
	}
	if len(e.Channels) > 0 {
		rows := make([][]string, 0, len(e.Channels)+1)
		for _, c := range e.Channels {
			rows = append(rows, row(m.channel(c.Key), c))
		}
		rows = append(rows, row("**all**", e.Overall))
		m.table(head("channel"), align, rows)
	}
	if len(e.Pillars) > 0 {
		rows := make([][]string, len(e.Pillars))
		for i, p := range e.Pillars {
			rows[i] = row(mdEscape(m.names.pillar(p.Key)), p)
		}
		m.table(head("pillar"), align, rows)
	}
	// The definition starts with fixed words, so that a renderer without
	// footnotes cannot read the line as a link reference definition.
	m.printf("\n[^engagement]: How the rate is computed: %s\n", mdEscape(footnote(d)))
}

func (m *mdReport) disclosure(d audit.DisclosureReport) {
	m.section("Disclosure")
	tags := "The strategy declares no disclosure tags."
	if len(d.Tags) > 0 {
		codes := make([]string, len(d.Tags))
		for i, t := range d.Tags {
			codes[i] = mdCode(t)
		}
		tags = "Disclosure tags: " + strings.Join(codes, ", ") + "."
	}
	switch {
	case d.Checked == 0:
		m.para("No post mentions a paid partner. %s", tags)
		return
	case d.MissingCount == 0:
		m.para("All %s mentioning a paid partner carry a disclosure tag. %s", numfmt.Count(d.Checked, "post", "posts"), tags)
		return
	}
	m.para("%s mention a paid partner; %s carry a disclosure tag and **%s do not**. %s", numfmt.Count(d.Checked, "post", "posts"),
		numfmt.Int(d.Disclosed), numfmt.Int(d.MissingCount), tags)
	rows := make([][]string, len(d.Missing))
	for i, u := range d.Missing {
		rows[i] = []string{fmt.Sprint(u.Line), mdEscape(u.ID), m.channel(u.Channel), u.Date.String(), mdEscape(u.Influencer)}
	}
	m.table([]string{"line", "post", "channel", "date", "partner"}, []string{"---:"}, rows)
	if more := d.MissingCount - int64(len(d.Missing)); more > 0 {
		m.para("… and %s more.", numfmt.Int(more))
	}
}

func (m *mdReport) recommendations(rs []audit.Recommendation) {
	m.section("Recommendations")
	if len(rs) == 0 {
		m.para("None this period.")
		return
	}
	m.para("Advice drawn from the period's numbers, for next quarter's strategy; not part of the verdict.")
	m.printf("\n")
	// The advice's sentence names the hours and their rates, so the
	// report's Hours are not listed again.
	for _, r := range rs {
		m.printf("- %s\n", mdText(r.Text))
	}
}
