package render

import (
	"fmt"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// The sentiment, mention volume and voices sections of every format. They
// are there when the audit had a mention log (the report's Sentiment and
// Volume are set); voices when the log had an author column. The tables
// are built once as plain text here, then escaped by each format.

// sentimentLine sums up the sentiment mix in a sentence, without the
// verdict.
func sentimentLine(s *audit.SentimentReport) string {
	o := s.Overall
	if o.Mentions == 0 {
		return "No mention in the period."
	}
	line := fmt.Sprintf("%s of %s with a known sentiment were negative: %s. Of all %s: %s positive, %s neutral, %s negative, %s unknown.",
		numfmt.Int(o.Negative), numfmt.Count(o.Mentions-o.Unknown, "mention", ""), fmtPctVs(o.NegativeShare, s.Target, "not measured"),
		numfmt.Int(o.Mentions), fmtPctPtr(o.Shares.Positive, "n/a"), fmtPctPtr(o.Shares.Neutral, "n/a"),
		fmtPctPtr(o.Shares.Negative, "n/a"), fmtPctPtr(o.Shares.Unknown, "n/a"))
	if n := len(s.Unrecognized); n > 0 {
		parts := make([]string, 0, n)
		for _, u := range s.Unrecognized {
			parts = append(parts, "“"+u.Name+"” × "+numfmt.Int(u.Count))
		}
		line += " Read as unknown: " + strings.Join(parts, ", ") + "."
	}
	return line
}

// ceilingMet says whether v stayed at or below the ceiling target.
func ceilingMet(v, target *float64) *bool {
	if v == nil || target == nil {
		return nil
	}
	met := *v <= *target
	return &met
}

// sentimentHead and sentimentRow are a sentiment table's header and rows.
var sentimentHead = []string{"mentions", "positive", "neutral", "negative", "unknown", "negative share"}

func sentimentRow(label string, m audit.SentimentMix) []string {
	return []string{label, numfmt.Int(m.Mentions), numfmt.Int(m.Positive), numfmt.Int(m.Neutral), numfmt.Int(m.Negative),
		numfmt.Int(m.Unknown), fmtPctPtr(m.NegativeShare, mdAbsent)}
}

// sentimentTables are the mix by mention type, by channel and by week,
// as [caption, rows]; the first cell of each row is a name to escape.
func sentimentTables(s *audit.SentimentReport, channel func(string) string) (captions []string, tables [][][]string) {
	var types, chans, weeks [][]string
	for _, m := range s.Types {
		types = append(types, sentimentRow(labelOf(m.Name, "(no type)"), m))
	}
	for _, m := range s.Channels {
		chans = append(chans, sentimentRow(channel(m.Name), m))
	}
	for _, w := range s.Weeks {
		weeks = append(weeks, sentimentRow(partWeek(w.Week, w.Whole), w.SentimentMix))
	}
	return []string{"mention type", "channel", "week"}, [][][]string{types, chans, weeks}
}

// partWeek names an ISO week, marking one the period covers in part.
func partWeek(week string, whole bool) string {
	if whole {
		return week
	}
	return week + " (part)"
}

// sentimentResponseHead and sentimentResponseRows are the response
// figures per sentiment.
var sentimentResponseHead = []string{"sentiment", "mentions", "answered", "within SLA", "no SLA", "share within SLA", "median", "p90"}

func sentimentResponseRows(s *audit.SentimentReport) [][]string {
	rows := make([][]string, 0, len(s.ResponseSentiment))
	for _, r := range s.ResponseSentiment {
		rows = append(rows, []string{r.Sentiment, numfmt.Int(r.Mentions), numfmt.Int(r.Answered), numfmt.Int(r.WithinSLA),
			numfmt.Int(r.NoSLA), fmtPctPtr(r.Share, mdAbsent), fmtDurationPtr(r.Median, mdAbsent), fmtDurationPtr(r.P90, mdAbsent)})
	}
	return rows
}

// hourLabel names an hour of the week: "Mon 10:00".
func hourLabel(h audit.HourVolume) string {
	day := h.Weekday
	if day != "" && 'a' <= day[0] && day[0] <= 'z' {
		day = string(day[0]-'a'+'A') + day[1:]
	}
	return fmt.Sprintf("%s %02d:00", day, h.Hour)
}

// volumeLine sums up the mention volume in a sentence.
func volumeLine(v *audit.VolumeReport) string {
	s := fmt.Sprintf("%s, %s a week over %s weeks.", numfmt.Count(v.Mentions, "mention", ""), fmtFloatPtr(v.PerWeek), fmtFloat(v.Weeks))
	if len(v.Busiest) > 0 {
		parts := make([]string, 0, len(v.Busiest))
		for _, h := range v.Busiest {
			parts = append(parts, fmt.Sprintf("%s (%s, %s)", hourLabel(h), numfmt.Int(h.Mentions), fmtPct(h.Share)))
		}
		s += " Busiest hours of the week, on each channel's clock: " + strings.Join(parts, ", ") + "."
	}
	return s
}

// volumeTable is a row per week and a column per channel, then the
// period's totals and the weekly averages, as clicksTable.
func volumeTable(v *audit.VolumeReport, name func(string) string) (head []string, rows [][]string) {
	head = []string{"week"}
	for _, ch := range v.Channels {
		head = append(head, name(ch.Channel))
	}
	head = append(head, "all")
	for i, w := range v.Totals {
		row := []string{partWeek(w.Week, w.Whole)}
		for _, ch := range v.Channels {
			row = append(row, numfmt.Int(ch.Weeks[i].Mentions))
		}
		rows = append(rows, append(row, numfmt.Int(w.Mentions)))
	}
	total, avg := []string{"period"}, []string{"a week"}
	for _, ch := range v.Channels {
		total = append(total, numfmt.Int(ch.Mentions))
		avg = append(avg, fmtFloatPtr(ch.PerWeek))
	}
	rows = append(rows, append(total, numfmt.Int(v.Mentions)), append(avg, fmtFloatPtr(v.PerWeek)))
	return head, rows
}

// voicesLine sums up how authors were counted.
func voicesLine(v *audit.VoicesReport) string {
	s := fmt.Sprintf("%s with an author", numfmt.Count(v.Mentions, "mention", ""))
	if v.WithoutAuthor > 0 {
		s += fmt.Sprintf(", %s without", numfmt.Int(v.WithoutAuthor))
	}
	s += fmt.Sprintf("; %s not among the strategy's influencers (untapped).", numfmt.Count(int64(v.Untapped), "listed author is", "listed authors are"))
	if v.Exact {
		s += " Counts are exact."
	} else {
		s += fmt.Sprintf(" More than %s distinct authors: counts are estimates (Space-Saving), each at most %s too high.", numfmt.Int(v.Capacity), numfmt.Int(v.MaxError))
	}
	return s
}

// voiceHead and voiceRow are a voices table's header and rows.
var voiceHead = []string{"author", "channel", "mentions", "followers", "influencer"}

func voiceRow(x audit.Voice, channel func(string) string) []string {
	m := mdAbsent
	if x.Mentions != nil {
		m = numfmt.Int(*x.Mentions)
		if x.Error > 0 {
			// Space-Saving only overcounts: the true count is at most
			// Error lower.
			m += " (at most " + numfmt.Int(x.Error) + " too high)"
		}
	}
	f := mdAbsent
	if x.Followers != nil {
		f = numfmt.Int(*x.Followers)
	}
	inf := "untapped"
	if !x.Untapped {
		inf = x.Influencer
	}
	return []string{x.Author, channel(x.Channel), m, f, inf}
}

// mentionSections writes the three sections in text, as one short block:
// the other formats have the tables.
func (t *textReport) mentionSections(r *audit.Report) {
	s := r.Sentiment
	if s == nil {
		return
	}
	o := s.Overall
	t.printf("\n")
	line := fmt.Sprintf("Sentiment: %s negative (%s of %s with a known sentiment)", fmtPctVs(o.NegativeShare, s.Target, "not measured"),
		numfmt.Int(o.Negative), numfmt.Int(o.Mentions-o.Unknown))
	if o.NegativeShare == nil {
		line = "Sentiment: not measured (no mention has a known sentiment)"
	}
	if s.Target != nil {
		line += ", ceiling " + fmtPct(*s.Target)
		if met := ceilingMet(o.NegativeShare, s.Target); met != nil {
			verdict := line + ": " + metWord(*met)
			defer t.paintVerdict(verdict[len("Sentiment: "):], *met)()
			line = verdict
		}
	}
	line += fmt.Sprintf("; %s positive, %s neutral, %s unknown", numfmt.Int(o.Positive), numfmt.Int(o.Neutral), numfmt.Int(o.Unknown))
	if len(s.Unrecognized) > 0 {
		parts := make([]string, 0, len(s.Unrecognized))
		for _, u := range s.Unrecognized {
			parts = append(parts, "“"+u.Name+"” × "+numfmt.Int(u.Count))
		}
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	parts := make([]string, 0, len(s.ResponseSentiment))
	for _, rs := range s.ResponseSentiment {
		if rs.Mentions > 0 {
			parts = append(parts, fmt.Sprintf("%s median %s, p90 %s, %s within SLA", rs.Sentiment, fmtDurationPtr(rs.Median, "n/a"),
				fmtDurationPtr(rs.P90, "n/a"), fmtPctPtr(rs.Share, "n/a")))
		}
	}
	if len(parts) > 0 {
		line += ". Answered by sentiment: " + strings.Join(parts, "; ")
	}
	line += "."
	t.b.WriteString(wrap(termText(line), "", "  "))
	if v := r.Volume; v != nil {
		t.b.WriteString(wrap("Mention volume: "+termText(volumeLine(v)), "", "  "))
	}
	if v := r.Voices; v != nil {
		line := "Voices: " + voicesLine(v)
		for _, l := range []struct {
			title string
			list  []audit.Voice
			value func(audit.Voice) string
		}{
			{"most mentions", v.MostMentions, func(x audit.Voice) string { return fmtPtrInt(x.Mentions) }},
			{"largest audience", v.LargestAudience, func(x audit.Voice) string { return fmtPtrInt(x.Followers) }},
		} {
			parts := make([]string, 0, textVoices)
			for _, x := range l.list[:min(textVoices, len(l.list))] {
				p := x.Author + " (" + t.names.channel(x.Channel) + ") " + l.value(x)
				if x.Untapped {
					p += " (untapped)"
				}
				parts = append(parts, p)
			}
			line += " " + strings.ToUpper(l.title[:1]) + l.title[1:] + ": " + strings.Join(parts, ", ") + "."
		}
		t.b.WriteString(wrap(termText(line), "", "  "))
	}
}

// textVoices is how many authors of each list the text report names.
const textVoices = 5

func fmtFloatPtr(p *float64) string {
	if p == nil {
		return mdAbsent
	}
	return fmtFloat(*p)
}

func fmtPtrInt(p *int64) string {
	if p == nil {
		return "n/a"
	}
	return numfmt.Int(*p)
}

// mentionSections writes the three sections in Markdown.
func (m *mdReport) mentionSections(r *audit.Report) {
	s := r.Sentiment
	if s == nil {
		return
	}
	m.section("Sentiment")
	line := mdEscape(sentimentLine(s))
	if s.Target != nil {
		line += " Ceiling " + fmtPct(*s.Target)
		if met := ceilingMet(s.Overall.NegativeShare, s.Target); met != nil {
			line += ": " + mdMet(*met)
		}
		line += "."
	}
	m.para("%s", line)
	captions, tables := sentimentTables(s, m.names.channel)
	align := []string{"", "---:", "---:", "---:", "---:", "---:", "---:"}
	for i, rows := range tables {
		for _, row := range rows {
			row[0] = mdEscape(row[0])
		}
		m.table(append([]string{captions[i]}, sentimentHead...), align, rows)
	}
	m.printf("\n#### Response times by sentiment\n")
	rows := sentimentResponseRows(s)
	for _, row := range rows {
		row[0] = mdEscape(row[0])
	}
	m.table(sentimentResponseHead, []string{"", "---:", "---:", "---:", "---:", "---:", "---:", "---:"}, rows)

	if v := r.Volume; v != nil {
		m.section("Mention volume")
		m.para("%s", mdEscape(volumeLine(v)))
		head, rows := volumeTable(v, m.channel)
		al := []string{""}
		for range head[1:] {
			al = append(al, "---:")
		}
		n := len(rows)
		for _, row := range rows[:n-2] {
			row[0] = mdEscape(row[0])
		}
		rows[n-2][0], rows[n-1][0] = "**"+rows[n-2][0]+"**", "**"+rows[n-1][0]+"**"
		m.table(head, al, rows)
	}

	m.section("Voices")
	v := r.Voices
	if v == nil {
		m.para("The mention log has no author, so who writes the mentions is not known.")
		return
	}
	m.para("%s", mdEscape(voicesLine(v)))
	for _, l := range []struct {
		title string
		list  []audit.Voice
	}{{"Most mentions", v.MostMentions}, {"Largest audience", v.LargestAudience}} {
		m.printf("\n#### %s\n", l.title)
		rows := make([][]string, 0, len(l.list))
		for _, x := range l.list {
			row := voiceRow(x, m.names.channel)
			for i := range row {
				row[i] = mdEscape(row[i])
			}
			if x.Untapped {
				row[4] = "**untapped**"
			}
			rows = append(rows, row)
		}
		m.table(voiceHead, []string{"", "", "---:", "---:", ""}, rows)
	}
}
