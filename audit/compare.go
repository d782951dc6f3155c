package audit

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// Period is a rowSpan of whole days, [From, To): To is the day after the last.
type Period struct {
	From, To strategy.Date
}

// String writes the period as FROM..TO, the form ParsePeriod reads.
func (p Period) String() string { return p.From.String() + ".." + p.To.String() }

// Days is the number of days in the period.
func (p Period) Days() int {
	return int(p.To.Time().Sub(p.From.Time()).Hours()/24 + 0.5)
}

// ParsePeriod reads FROM..TO (YYYY-MM-DD..YYYY-MM-DD, TO exclusive as
// --to is).
func ParsePeriod(s string) (Period, error) {
	var p Period
	i := indexDots(s)
	if i < 0 {
		return p, fmt.Errorf("%q is not a period: write FROM..TO, e.g. 2027-02-01..2027-03-01 (TO is the day after the last)", s)
	}
	var err error
	if p.From, err = strategy.ParseDate(s[:i]); err != nil {
		return p, fmt.Errorf("period %q: from: %v", s, err)
	}
	if p.To, err = strategy.ParseDate(s[i+2:]); err != nil {
		return p, fmt.Errorf("period %q: to: %v", s, err)
	}
	if !p.To.After(p.From) {
		return p, fmt.Errorf("period %q is empty: TO must be after FROM (the period is [FROM, TO))", s)
	}
	return p, nil
}

func indexDots(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == '.' {
			return i
		}
	}
	return -1
}

// PreviousPeriod is the period of the same length just before [from, to):
// when both days are the first of a month (a calendar month, quarter or
// year), the same number of calendar months before, so March's previous
// period is February and Q2's is Q1; otherwise the same number of days.
func PreviousPeriod(from, to strategy.Date) Period {
	if from.Day == 1 && to.Day == 1 {
		months := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month)
		return Period{From: from.AddMonths(-months), To: from}
	}
	days := Period{From: from, To: to}.Days()
	return Period{From: from.AddDays(-days), To: from}
}

// Comparison is the audit of a second period from the same files, and the
// change of each headline figure from it to the audited period.
type Comparison struct {
	// From and To are the comparison period, [From, To).
	From strategy.Date `json:"from"`
	To   strategy.Date `json:"to"`
	// Posts says how far the post history covers the comparison period;
	// Mentions the mention log (absent without one).
	Posts    Coverage  `json:"posts"`
	Mentions *Coverage `json:"mentions,omitempty"`
	// Figures are the headline figures, each in both periods with its
	// change, in a fixed order (see Figure.Key).
	Figures []Figure `json:"figures"`
	// TacticResults reconciles the tactic results file's rows against the
	// comparison period (its rows outside the audited period are used or
	// rejected here, with the reasons); nil without a results file.
	TacticResults *TacticResultsFile `json:"tactic_results,omitempty"`
}

// Coverage says whether a file has data for the comparison period. Rows
// that could be read, on a channel of the strategy and not repeated, rowSpan
// First to Last. The comparison period has "none" when none of its rows
// is used and the file's rows all lie before or after it (the history
// starts later, or ended earlier: no data, which is not zero); "partial"
// when the file starts after its first day or ends before its last; else
// "full" (a period the file spans without a post in it is zero, not no
// data).
type Coverage struct {
	// Data is "full", "partial" or "none". A file that starts or ends
	// MaxCoverageGap days or more inside the comparison period leaves too
	// much of it empty to compare like for like: its figures read "no
	// data" (Figure.NoData), as for "none", rather than counting the
	// uncovered weeks as zeros. A shorter gap is compared, and noted.
	Data string `json:"data"`
	// Comparable is false when the file's figures are not compared: no
	// data, or a gap of MaxCoverageGap days or more.
	Comparable bool `json:"comparable"`
	// First and Last are the days, in the brand's timezone, of the
	// file's earliest and latest rows; absent when the file has none.
	First *strategy.Date `json:"first"`
	Last  *strategy.Date `json:"last"`
	// Used counts the rows of the comparison period. With the rows
	// outside it, the file's unknown-channel and rejected rows (as the
	// main reconciliation counts them) it makes up every row read:
	// Read = Used + OutsidePeriod + UnknownChannel + Rejected.
	Used          int64 `json:"used"`
	OutsidePeriod int64 `json:"outside_period"`
}

// Figure is one headline number in the audited period and the comparison
// period.
type Figure struct {
	// Key names the figure: a KPI key (cadence_adherence,
	// pillar_tolerance, response_within_sla, engagement_rate,
	// reach_per_week, follower_growth, clicks_per_week, and any KPI a
	// verdict check adds) or posts_published, on_time_share, mentions,
	// median_response, negative_share.
	Key string `json:"key"`
	// Label is the figure's name for people, e.g. "Engagement rate".
	Label string `json:"label"`
	// Unit is "%" or "pp" (changes in percentage points), "count",
	// "per_week" (changes absolute and relative) or "seconds" (a
	// duration).
	Unit string `json:"unit"`
	// Better is "higher" or "lower": which way is an improvement; empty
	// when neither is (mentions received).
	Better string `json:"better"`
	// Current and Previous are the figure in the audited and the
	// comparison period; absent when not measured there.
	Current  *float64 `json:"current"`
	Previous *float64 `json:"previous"`
	// NoData is true when the file the figure comes from has no data for
	// the comparison period (Coverage.Data "none"): Previous is absent.
	NoData bool `json:"no_data"`
	// Change is Current − Previous (percentage points for "%" and "pp");
	// Relative is 100 × Change ÷ Previous, for counts, per-week figures
	// and durations when Previous is not 0. Both absent unless both
	// values are.
	Change   *float64 `json:"change"`
	Relative *float64 `json:"relative"`
	// Source is the file the figure comes from: "posts" or "mentions".
	From string `json:"source"`
	// Trend is "up", "down" or "same" (equal as reports write them: to a
	// tenth for percentages, whole counts, whole seconds); empty when
	// Change is absent.
	Trend string `json:"trend"`
}

// headline is one line of the comparison's figures: where a figure is
// read from a finished report (the auditor gives what the report does not
// keep, such as the reach sums).
type headline struct {
	key, label, unit, better string
	mentions                 bool // from the mention log
	value                    func(r *Report, a *auditor) *float64
}

// headlines are the figures a comparison reports, in order. A new
// headline number is one line here; a KPI check the verdict gains is
// compared even without one (from its Check.Actual), after these.
var headlines = []headline{
	{"posts_published", "Posts published", "count", "higher", false, func(r *Report, _ *auditor) *float64 { return ptr(float64(r.Posts.Used)) }},
	{KPICadence, "Cadence adherence", "%", "higher", false, func(r *Report, _ *auditor) *float64 { return r.Cadence.Adherence }},
	{KPIPillars, "Pillar max deviation", "pp", "lower", false, func(r *Report, _ *auditor) *float64 { return r.Mix.Overall.MaxDeviation }},
	{"on_time_share", "On-time share", "%", "higher", false, func(r *Report, _ *auditor) *float64 { return r.Timing.Share }},
	{KPIEngagement, "Engagement rate", "%", "higher", false, func(r *Report, _ *auditor) *float64 { return r.Engagement.Overall.Rate }},
	{KPIReach, "Reach per week", "per_week", "higher", false, func(_ *Report, a *auditor) *float64 { return a.reachPerWeek() }},
	{KPIClicks, "Link clicks per week", "per_week", "higher", false, func(r *Report, _ *auditor) *float64 { return r.Clicks.PerWeek }},
	{KPIGrowth, "Follower growth", "%", "higher", false, func(r *Report, _ *auditor) *float64 { return r.Growth.Percent }},
	{"mentions", "Mentions received", "count", "", true, func(r *Report, _ *auditor) *float64 { return ptr(float64(r.Mentions.Used)) }},
	{KPIResponse, "Response within SLA", "%", "higher", true, func(r *Report, _ *auditor) *float64 { return r.Responses.Overall.Share }},
	{"median_response", "Median response time", "seconds", "lower", true, func(r *Report, _ *auditor) *float64 {
		if m := r.Responses.Overall.Median; m != nil {
			return ptr(float64(*m))
		}
		return nil
	}},
	{KPINegative, "Negative mentions", "%", "lower", true, func(r *Report, _ *auditor) *float64 {
		if r.Sentiment == nil {
			return nil
		}
		return r.Sentiment.Overall.NegativeShare
	}},
}

// reachPerWeek is the reach summed over the used posts per week of the
// period, as the reach_per_week KPI measures it; nil without reach.
func (a *auditor) reachPerWeek() *float64 {
	if a.reachPosts == 0 {
		return nil
	}
	return ptr(float64(a.reach) / (float64(a.days) / 7))
}

// checkCompare checks the comparison period as checkOptions checks the
// audited one.
func checkCompare(p Period) error {
	if p.From.IsZero() || p.To.IsZero() || !p.To.After(p.From) {
		return fmt.Errorf("the comparison period %s is empty: it is [FROM, TO) with TO after FROM", p)
	}
	if p.To.After(p.From.AddMonths(12 * planner.MaxHorizonYears)) {
		return fmt.Errorf("the comparison period %s is longer than %d years: compare a shorter period", p, planner.MaxHorizonYears)
	}
	return nil
}

// comparePair audits two periods in one pass: each readable row is checked
// once for a repeated id and an unknown channel (by cur, whose
// reconciliation is the report's), then counted by every auditor whose
// period holds it, so a row in both periods counts in both. Nothing per
// row is kept beyond cur's id set.
type comparePair struct {
	cur, prev         *auditor
	postSpan, menSpan rowSpan
}

// rowSpan is the earliest and latest instant of the rows admitted.
type rowSpan struct {
	n           int64
	first, last int64
}

func (s *rowSpan) add(t int64) {
	if s.n == 0 || t < s.first {
		s.first = t
	}
	if s.n == 0 || t > s.last {
		s.last = t
	}
	s.n++
}

func (c *comparePair) post(p *Post) error {
	t := p.PublishedAt.Unix()
	ci, ok := c.cur.admitRow(&c.cur.posts, p.Line, p.ID, p.Channel)
	if !ok {
		return nil
	}
	c.postSpan.add(t)
	if day, ok := c.cur.inPeriod(&c.cur.posts, ci, t); ok {
		c.cur.usePost(p, ci, day, t)
	}
	if day, ok := c.prev.inPeriod(&c.prev.posts, ci, t); ok {
		c.prev.usePost(p, ci, day, t)
	}
	return nil
}

func (c *comparePair) mention(m *Mention) error {
	t := m.ReceivedAt.Unix()
	ci, ok := c.cur.admitRow(&c.cur.mentions, m.Line, m.ID, m.Channel)
	if !ok {
		return nil
	}
	c.menSpan.add(t)
	if day, ok := c.cur.inPeriod(&c.cur.mentions, ci, t); ok {
		c.cur.useMention(m, ci, day, t)
	}
	if day, ok := c.prev.inPeriod(&c.prev.mentions, ci, t); ok {
		c.prev.useMention(m, ci, day, t)
	}
	return nil
}

// runCompare is Run with a comparison period: both auditors are fed in
// the same pass over each file.
func runCompare(s *strategy.Strategy, opt Options) (*Report, error) {
	if err := checkCompare(*opt.Compare); err != nil {
		return nil, err
	}
	cur, err := newAuditor(s, opt)
	if err != nil {
		return nil, err
	}
	popt := opt
	popt.From, popt.To = opt.Compare.From, opt.Compare.To
	prev, err := newAuditor(s, popt)
	if err != nil {
		return nil, err
	}
	c := &comparePair{cur: cur, prev: prev}
	ps, err := ReadPosts(opt.Posts.R, opt.Posts.Name, opt.Read, c.post)
	if err != nil {
		return nil, err
	}
	if err := cur.posts.finish(opt.Posts.Name, ps); err != nil {
		return nil, err
	}
	if err := prev.posts.finishCompare(&cur.posts); err != nil {
		return nil, err
	}
	if opt.Mentions != nil {
		ms, err := ReadMentions(opt.Mentions.R, opt.Mentions.Name, opt.Read, c.mention)
		if err != nil {
			return nil, err
		}
		if err := cur.mentions.finish(opt.Mentions.Name, ms); err != nil {
			return nil, err
		}
		if err := prev.mentions.finishCompare(&cur.mentions); err != nil {
			return nil, err
		}
	}
	if opt.TacticResults != nil {
		// The results file is small (capped) and read whole: both periods
		// take their occurrences' values from the same bytes.
		b, err := io.ReadAll(io.LimitReader(opt.TacticResults.R, MaxTacticResultsBytes+1))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", opt.TacticResults.Name, err)
		}
		for _, a := range []*auditor{cur, prev} {
			if err := a.readTacticResults(Input{Name: opt.TacticResults.Name, R: bytes.NewReader(b)}); err != nil {
				return nil, err
			}
		}
	}
	r := cur.report()
	pr := prev.report()
	r.Compare = c.comparison(r, pr)
	r.Compare.TacticResults = pr.TacticResults
	return r, nil
}

// finishCompare reconciles a comparison period's rows against the main
// period's finished reconciliation: the file's repeated, unreadable and
// unknown-channel rows are the same, and the rest are used in the
// comparison period or outside it.
func (c *rowCounts) finishCompare(main *rowCounts) error {
	r := main.rec
	r.Used, r.OutsidePeriod = c.used, c.outside
	if r.Read != r.Used+r.OutsidePeriod+r.UnknownChannel+r.Rejected {
		return fmt.Errorf("%s: internal error: %d rows read but %d used + %d outside the comparison period + %d unknown channel + %d rejected", r.File, r.Read, r.Used, r.OutsidePeriod, r.UnknownChannel, r.Rejected)
	}
	c.rec = r
	return nil
}

// comparison puts the two periods' reports side by side.
func (c *comparePair) comparison(cur, prev *Report) *Comparison {
	cmp := &Comparison{
		From:  prev.From,
		To:    prev.To,
		Posts: c.prev.coverage(&c.postSpan, &c.prev.posts),
	}
	if cur.Mentions != nil {
		cmp.Mentions = ptr(c.prev.coverage(&c.menSpan, &c.prev.mentions))
	}
	noPosts := !cmp.Posts.Comparable
	noMentions := cmp.Mentions != nil && !cmp.Mentions.Comparable
	seen := map[string]bool{}
	for _, h := range headlines {
		seen[h.key] = true
		if h.mentions && cur.Responses == nil {
			continue
		}
		f := Figure{Key: h.key, Label: h.label, Unit: h.unit, Better: h.better, From: "posts", Current: h.value(cur, c.cur)}
		if h.mentions {
			f.From = "mentions"
		}
		if f.NoData = noPosts && !h.mentions || noMentions && h.mentions; !f.NoData {
			f.Previous = h.value(prev, c.prev)
		}
		cmp.Figures = append(cmp.Figures, f.withChange())
	}
	// A KPI check without a line above is compared from its actual.
	for _, ch := range cur.Verdict.Checks {
		if seen[ch.KPI] {
			continue
		}
		unit := ch.Unit
		if unit == "" {
			unit = "count"
		}
		f := Figure{Key: ch.KPI, Label: checkLabel(ch.KPI), Unit: unit, Better: "higher", From: "posts", Current: ch.Actual, NoData: noPosts}
		if !f.NoData {
			for _, pc := range prev.Verdict.Checks {
				if pc.KPI == ch.KPI {
					f.Previous = pc.Actual
				}
			}
		}
		if f.Current == nil && f.Previous == nil {
			// Measured in neither period (a tactic KPI the history cannot
			// give, with no results file): there is no figure to compare.
			continue
		}
		cmp.Figures = append(cmp.Figures, f.withChange())
	}
	if cmp.Figures == nil {
		cmp.Figures = []Figure{}
	}
	return cmp
}

// checkLabel names a verdict check that has no headline line: a tactic
// KPI "tactic:ID:METRIC" reads "ID: metric per occurrence", any other key
// its words capitalised.
func checkLabel(kpi string) string {
	if rest, ok := strings.CutPrefix(kpi, "tactic:"); ok {
		if id, metric, ok := strings.Cut(rest, ":"); ok {
			return id + ": " + strings.ReplaceAll(metric, "_", " ") + " per occurrence"
		}
	}
	label := strings.ReplaceAll(kpi, "_", " ")
	if label != "" {
		label = strings.ToUpper(label[:1]) + label[1:]
	}
	return label
}

// coverage says how far the rows of one file, spanning sp, cover the
// comparison period of a.
func (a *auditor) coverage(sp *rowSpan, rc *rowCounts) Coverage {
	cv := Coverage{Data: "full", Used: rc.used, OutsidePeriod: rc.outside}
	if sp.n == 0 {
		cv.Data = "none"
		return cv
	}
	loc, err := time.LoadLocation(a.s.Brand.Timezone)
	if err != nil {
		loc = time.UTC
	}
	first := strategy.DateOf(time.Unix(sp.first, 0).In(loc))
	last := strategy.DateOf(time.Unix(sp.last, 0).In(loc))
	cv.First, cv.Last = &first, &last
	start, end := a.channels[0].start[0], a.channels[0].start[a.days]
	for _, ch := range a.channels[1:] {
		start, end = min(start, ch.start[0]), max(end, ch.start[a.days])
	}
	switch {
	case rc.used == 0 && (sp.last < start || sp.first >= end):
		cv.Data = "none"
	case first.After(a.opt.From) || last.Before(a.opt.To.AddDays(-1)):
		cv.Data = "partial"
		gap := max(daysBetween(a.opt.From, first), daysBetween(last, a.opt.To.AddDays(-1)))
		cv.Comparable = gap < MaxCoverageGap
	default:
		cv.Comparable = true
	}
	return cv
}

// MaxCoverageGap is how many days at the start or end of the comparison
// period a file may miss and still be compared: a week, so a history
// whose first post falls a few days into the month still compares, and
// one that starts weeks in does not read as weeks of nothing.
const MaxCoverageGap = 7

// daysBetween is the number of days from a to b (0 when b is not after
// a).
func daysBetween(a, b strategy.Date) int {
	return max(0, int(b.Time().Sub(a.Time()).Hours()/24))
}

// withChange fills in the change between the two values.
func (f Figure) withChange() Figure {
	if f.Current == nil || f.Previous == nil || !finiteF(*f.Current) || !finiteF(*f.Previous) {
		return f
	}
	cur, prev := *f.Current, *f.Previous
	f.Change = ptr(cur - prev)
	switch f.Unit {
	case "%", "pp":
	default:
		if prev != 0 {
			f.Relative = ptr(100 * (cur - prev) / math.Abs(prev))
		}
	}
	// Equal as a report writes them.
	scale := 1.0
	if f.Unit == "%" || f.Unit == "pp" {
		scale = 10
	}
	switch a, b := math.Round(cur*scale), math.Round(prev*scale); {
	case a > b:
		f.Trend = "up"
	case a < b:
		f.Trend = "down"
	default:
		f.Trend = "same"
	}
	return f
}

func finiteF(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
