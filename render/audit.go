package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/strategy"
)

// AuditOptions say how to write an audit report.
type AuditOptions struct {
	// Format is "text", "json", "md" or "html": one of AuditFormats.
	Format string
	// Color turns on ANSI colour in the text format: green for a target
	// met, red for one missed. The CLI sets it only when stdout is a
	// terminal and NO_COLOR is unset; the other formats ignore it.
	Color bool
	// Strategy is the strategy's path as the user gave it, shown under the
	// heading; empty leaves it out.
	Strategy string
}

// AuditFormats returns the formats WriteAudit accepts, in the order a help
// text lists them.
func AuditFormats() []string { return []string{"text", "json", "md", "html"} }

// auditWriters holds one writer per report format, each in its own
// audit_<format>.go file.
var auditWriters = map[string]func(*bytes.Buffer, *audit.Report, AuditOptions){
	"text": writeAuditText,
	"md":   writeAuditMarkdown,
	"html": writeAuditHTML,
}

// WriteAudit writes the audit report r to w in opt.Format: text for a
// terminal, json for dashboards (the Report as its field tags name it; see
// writeAuditJSON), md for a pull-request comment or a job summary, html for
// the team (one self-contained page with charts). The report is put
// together in memory and written in one go, so a failure leaves w
// untouched. The same report gives the same bytes.
func WriteAudit(w io.Writer, r *audit.Report, opt AuditOptions) (err error) {
	if r == nil {
		return errors.New("render: no audit report to write")
	}
	var buf bytes.Buffer
	switch write, ok := auditWriters[opt.Format]; {
	case opt.Format == "json":
		if err := writeAuditJSON(&buf, r); err != nil {
			return err
		}
	case ok:
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("render: audit %s: internal error: %v", opt.Format, p)
			}
		}()
		if opt.Format != "text" {
			r = isolatedReport(r)
		}
		write(&buf, r, opt)
	default:
		return fmt.Errorf("render: unknown audit format %q: use one of %s", opt.Format, strings.Join(AuditFormats(), ", "))
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// The KPI keys a Check may have, in the verdict's order.
const (
	kpiCadence    = "cadence_adherence"
	kpiTolerance  = "pillar_tolerance"
	kpiResponse   = "response_within_sla"
	kpiEngagement = "engagement_rate"
	kpiReach      = "reach_per_week"
	kpiGrowth     = "follower_growth"
	kpiClicks     = "clicks_per_week"
	kpiNegative   = "negative_share"
)

// kpiLabels name the KPIs for people.
var kpiLabels = map[string]string{
	kpiCadence:    "Cadence adherence",
	kpiTolerance:  "Pillar mix within tolerance",
	kpiResponse:   "Responses within SLA",
	kpiEngagement: "Engagement rate",
	kpiReach:      "Reach per week",
	kpiGrowth:     "Follower growth",
	kpiClicks:     "Link clicks per week",
	kpiNegative:   "Negative mentions",
}

// kpiLabel names a KPI for people; an unknown key is shown as it is.
func kpiLabel(kpi string) string {
	if l, ok := kpiLabels[kpi]; ok {
		return l
	}
	if l, ok := tacticKPILabel(kpi); ok {
		return l
	}
	return strings.ReplaceAll(kpi, "_", " ")
}

// checkTarget writes a check's target with the way it is met: "≥ 90.0%"
// for a share to reach, "≥ 50 000" for a weekly reach, "≤ 5.0 pp" for the
// pillar tolerance, the largest deviation allowed.
func checkTarget(c audit.Check) string {
	op := "≥ "
	if c.KPI == kpiTolerance || c.KPI == kpiNegative {
		op = "≤ "
	}
	return op + unitValue(c.Target, c.Unit)
}

// checkActual writes a check's measured value in its unit, with enough
// decimals that it does not read as equal to the target when it is not:
// 89.96% against a 90% target is "89.96%", not "90.0%".
func checkActual(c audit.Check, absent string) string {
	if c.Actual == nil || !finite(*c.Actual) {
		return absent
	}
	v := *c.Actual
	if c.Unit == "" {
		if math.Round(v) == math.Round(c.Target) && v != c.Target {
			return strconv.FormatFloat(v, 'f', decimalsApart(v, c.Target), 64)
		}
		return numfmt.Int(int64(math.Round(v)))
	}
	s := strconv.FormatFloat(v, 'f', decimalsApart(v, c.Target), 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	if c.Unit == "%" {
		return s + "%"
	}
	return s + " " + c.Unit
}

// unitValue writes v in unit: "83.3%", "4.2 pp", a count ("" unit) as a
// whole number, "120 000".
func unitValue(v float64, unit string) string {
	switch {
	case !finite(v):
		return "n/a"
	case unit == "%":
		return fmtPct(v)
	case unit == "":
		return numfmt.Int(int64(math.Round(v)))
	}
	return fmtFloat(v) + " " + unit
}

// decimalsApart is how many decimals, one to three, it takes to write v
// and target differently; one when they are equal.
func decimalsApart(v, target float64) int {
	if v == target || !finite(target) {
		return 1
	}
	for d := 1; d < 3; d++ {
		if strconv.FormatFloat(v, 'f', d, 64) != strconv.FormatFloat(target, 'f', d, 64) {
			return d
		}
	}
	return 3
}

// finite reports whether v is a number that can be written.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// fmtFloat writes v with one decimal, e.g. 83.3; NaN and infinities as
// "n/a". Negative zero is written as 0.0.
func fmtFloat(v float64) string {
	if !finite(v) {
		return "n/a"
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s
}

// fmtPct writes a percentage with one decimal: "83.3%".
func fmtPct(v float64) string {
	if !finite(v) {
		return "n/a"
	}
	return fmtFloat(v) + "%"
}

// fmtPctPtr writes a percentage, or absent when there is none.
func fmtPctPtr(p *float64, absent string) string {
	if p == nil || !finite(*p) {
		return absent
	}
	return fmtPct(*p)
}

// fmtPctVs writes a percentage compared with a target, with more decimals
// when one would hide the difference.
func fmtPctVs(p *float64, target *float64, absent string) string {
	if p == nil || !finite(*p) {
		return absent
	}
	if target == nil {
		return fmtPct(*p)
	}
	s := strconv.FormatFloat(*p, 'f', decimalsApart(*p, *target), 64)
	if s == "-0.0" {
		s = "0.0"
	}
	return s + "%"
}

// fmtPP writes a difference in percentage points with its sign: "+4.2 pp",
// "-3.9 pp", "0.0 pp".
func fmtPP(v float64) string {
	if !finite(v) {
		return "n/a"
	}
	s := fmtFloat(v)
	if s != "0.0" && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s + " pp"
}

// fmtPPPtr writes an unsigned number of percentage points, or absent.
func fmtPPPtr(p *float64, absent string) string {
	if p == nil || !finite(*p) {
		return absent
	}
	return fmtFloat(*p) + " pp"
}

// fmtPValue writes a p-value with three significant digits, or "< 0.001".
func fmtPValue(p *float64, absent string) string {
	if p == nil || !finite(*p) {
		return absent
	}
	if *p < 0.001 {
		return "< 0.001"
	}
	return fmt.Sprintf("%#.3g", *p)
}

// pClause writes a p-value as a clause: "p = 0.863", "p < 0.001".
func pClause(p *float64, absent string) string {
	v := fmtPValue(p, absent)
	if strings.HasPrefix(v, "<") {
		return "p " + v
	}
	return "p = " + v
}

// fmtDuration writes seconds the way people say them, to the two largest
// units, rounded at the second: "45s", "45m", "2h 15m", "1d 4h".
// fmtExactDuration writes a duration to the second, for a setting such
// as the on-time tolerance: 45s, 1m 30s, 2h, 1h 0m 5s.
func fmtExactDuration(sec int64) string {
	if sec == 0 {
		return "0s"
	}
	var parts []string
	for _, u := range []struct {
		n    int64
		unit string
	}{{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}} {
		if sec >= u.n || (len(parts) > 0 && sec > 0) {
			parts = append(parts, strconv.FormatInt(sec/u.n, 10)+u.unit)
			sec %= u.n
		}
	}
	return strings.Join(parts, " ")
}

func fmtDuration(sec int64) string {
	if sec < 0 {
		return "-" + fmtDuration(-sec)
	}
	two := func(n int64, big, small string, per int64) string {
		if n%per == 0 {
			return strconv.FormatInt(n/per, 10) + big
		}
		return strconv.FormatInt(n/per, 10) + big + " " + strconv.FormatInt(n%per, 10) + small
	}
	switch {
	case sec < 60:
		return strconv.FormatInt(sec, 10) + "s"
	case sec < 3600-30:
		return strconv.FormatInt((sec+30)/60, 10) + "m"
	case sec < 86400-30:
		return two((sec+30)/60, "h", "m", 60)
	}
	return two((sec+1800)/3600, "d", "h", 24)
}

// fmtDurationPtr writes seconds, or absent.
func fmtDurationPtr(p *int64, absent string) string {
	if p == nil {
		return absent
	}
	return fmtDuration(*p)
}

// fmtSLA writes a response-time SLA with where it came from.
func fmtSLA(s audit.ResponseStats, absent string) string {
	switch {
	case s.SLASource == "mixed":
		return "mixed"
	case s.SLA <= 0 || s.SLASource == "none":
		return absent
	}
	return fmtDuration(s.SLA)
}

// period writes the audited period: "2027-01-01 to 2027-03-31".
func period(r *audit.Report) string {
	switch {
	case r.From.IsZero() && r.To.IsZero():
		return "the whole history"
	case r.To.IsZero():
		return "from " + r.From.String()
	case r.From.IsZero():
		return "until " + r.To.AddDays(-1).String()
	}
	return r.From.String() + " to " + r.To.AddDays(-1).String()
}

// auditNames turns the report's ids into names for people: channels with
// their network, pillars with their names.
type auditNames struct {
	channels map[string]string
	pillars  map[string]string
}

func namesOf(r *audit.Report) auditNames {
	n := auditNames{channels: map[string]string{}, pillars: map[string]string{}}
	for _, c := range r.Channels {
		if _, ok := n.channels[c.ID]; !ok {
			n.channels[c.ID] = strategy.ChannelName(c.ID, c.Platform)
		}
	}
	for _, c := range r.Cadence.Channels {
		if _, ok := n.channels[c.Channel]; !ok {
			n.channels[c.Channel] = strategy.ChannelName(c.Channel, c.Platform)
		}
	}
	for _, p := range r.Mix.Overall.Pillars {
		if _, ok := n.pillars[p.Pillar]; !ok && p.Name != "" {
			n.pillars[p.Pillar] = p.Name
		}
	}
	return n
}

// channel names a channel: "Instagram", "LinkedIn (li-company)", or its id
// when the report does not give its network.
func (n auditNames) channel(id string) string {
	if name, ok := n.channels[id]; ok && name != "" {
		return name
	}
	return id
}

// pillar names a pillar, else gives its id.
func (n auditNames) pillar(id string) string {
	if name, ok := n.pillars[id]; ok {
		return name
	}
	return id
}

// verdictLine sums up the verdict: "FAIL: 2 of 4 KPI targets missed, 1 of
// them counted." The word before the colon is the outcome, shown apart
// (and coloured) by the writers.
func verdictLine(v audit.Verdict) (outcome, text string) {
	outcome = "PASS"
	if !v.Pass {
		outcome = "FAIL"
	}
	missed, counted, total, unmeasured := 0, 0, 0, 0
	for _, c := range v.Checks {
		if !c.Measured {
			unmeasured++
			continue
		}
		total++
		if !c.Met {
			missed++
			if c.Counted {
				counted++
			}
		}
	}
	defer func() {
		if unmeasured > 0 {
			text = strings.TrimSuffix(text, ".") + fmt.Sprintf("; %s not measured.", plural(unmeasured, "1 KPI", fmt.Sprintf("%d KPIs", unmeasured)))
		}
	}()
	switch {
	case total == 0 && unmeasured > 0:
		text = "no KPI target could be measured."
		unmeasured = 0
	case total == 0:
		text = "the strategy declares no KPI targets."
	case missed == 0 && total == 1:
		text = "the KPI target was met."
	case missed == 0:
		text = fmt.Sprintf("all %d KPI targets met.", total)
	case counted == 0:
		text = fmt.Sprintf("%d of %d KPI targets missed; %s toward the result.", missed, total, plural(missed, "it does not count", "none counts"))
	case counted == missed:
		text = fmt.Sprintf("%d of %d KPI targets missed.", missed, total)
	default:
		text = fmt.Sprintf("%d of %d KPI targets missed, %d of them counted.", missed, total, counted)
	}
	return outcome, text
}

// checkWord is a KPI check's result: "met", "missed" or "not measured".
func checkWord(c audit.Check) string {
	if !c.Measured {
		return "not measured"
	}
	return metWord(c.Met)
}

// metWord is "met" or "missed".
func metWord(met bool) string {
	if met {
		return "met"
	}
	return "missed"
}

// countedWord says whether a check counts toward the result.
func countedWord(counted bool) string {
	if counted {
		return "counted"
	}
	return "not counted"
}

// strayed lists the channels whose pillar mix strays beyond the tolerance,
// with their largest deviation; none without a tolerance.
func strayed(m audit.MixReport) []audit.PillarMix {
	if m.Tolerance == nil {
		return nil
	}
	var out []audit.PillarMix
	for _, c := range m.Channels {
		if c.MaxDeviation != nil && *c.MaxDeviation > *m.Tolerance {
			out = append(out, c)
		}
	}
	return out
}

// beyond reports whether a pillar's share strays beyond the tolerance.
func beyond(p audit.PillarShare, tol *float64) bool {
	return tol != nil && math.Abs(p.Delta) > *tol
}

// footnote is the engagement definition in a sentence: the report's own,
// or one put together from its fields.
func footnote(d audit.EngagementDefinition) string {
	if strings.TrimSpace(d.Footnote) != "" {
		return d.Footnote
	}
	inter := "likes + comments + shares + saves + clicks"
	if len(d.Interactions) > 0 {
		inter = strings.Join(d.Interactions, " + ")
	}
	denom := d.Denominator
	if denom == "" {
		denom = "reach"
	}
	how := "the sum of engagement divided by the sum of " + denom + " over the posts"
	if d.Aggregation == "mean_of_posts" {
		how = "the mean over the posts of each post's engagement divided by its " + denom
	}
	s := "Engagement is " + inter + "; the rate is " + how + "."
	if !d.Declared {
		s += " The strategy declares no definition, so this is the default."
	}
	return s
}

// rejectedMore is how many rejected rows a reconciliation counts beyond
// those it lists.
func rejectedMore(rc audit.Reconciliation) int64 {
	return max(0, rc.Rejected-int64(len(rc.Rejects)))
}

// tacticTotals sums the tactics' planned and executed occurrences.
func tacticTotals(ts []audit.TacticResult) (planned, executed int) {
	for _, t := range ts {
		planned += t.Planned
		executed += t.Executed
	}
	return planned, executed
}

// overCapMonths lists the months an influencer went over the cap.
func overCapMonths(in audit.InfluencerResult) []audit.MonthCount {
	var out []audit.MonthCount
	for _, m := range in.Months {
		if m.Over {
			out = append(out, m)
		}
	}
	return out
}

// influencerLabel is "@handle", with the name when there is one.
func influencerLabel(in audit.InfluencerResult) string {
	if in.Name != "" && in.Name != in.Handle {
		return in.Handle + " (" + in.Name + ")"
	}
	return in.Handle
}

// labelOf is the name, else the id.
func labelOf(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

// weekLabel shortens an ISO week for a chart axis: "2027-W03" → "W03".
func weekLabel(week string) string {
	if i := strings.Index(week, "-W"); i >= 0 {
		return week[i+1:]
	}
	return week
}
