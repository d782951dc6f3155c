package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// writeAuditHTML writes the report as one self-contained HTML page: the
// stylesheet inline, charts as inline SVG, no scripts and nothing loaded
// from elsewhere, so it can be mailed, opened offline and printed; light
// and dark like the playbook. Every text from the strategy or the history
// goes through html/template's contextual escaping; numbers and chart
// geometry are formatted in Go.
func writeAuditHTML(b *bytes.Buffer, r *audit.Report, opt AuditOptions) {
	outcome, summary := verdictLine(r.Verdict)
	v := &auditView{R: r, Opt: opt, names: namesOf(r), Outcome: outcome, Summary: summary,
		Brand: labelOf(r.Brand, "Strategy"), Period: period(r), Footnote: footnote(r.Engagement.Definition),
		CadenceChart: cadenceChart(r.Cadence.Totals), MixChart: mixChart(r.Mix.Overall.Pillars), CSS: template.CSS(auditCSS)}
	v.Files = []htmlFile{{What: "posts", RC: r.Posts, More: rejectedMore(r.Posts)}}
	if r.Mentions != nil {
		v.Files = append(v.Files, htmlFile{What: "mentions", RC: *r.Mentions, More: rejectedMore(*r.Mentions)})
	}
	if r.Responses != nil {
		v.ResponseChart = responseChart(r.Responses.Histogram)
	}
	for _, w := range weekGrid(r.Cadence) {
		v.Weeks = append(v.Weeks, htmlWeek{Week: w.week, Start: w.start, Planned: w.planned, Published: w.published, Channels: w.channels})
	}
	v.growthAndClicks()
	v.Compare = compareView(r)
	if err := auditPage().Execute(b, v); err != nil {
		panic(err) // the template is fixed and its data well-typed: a bug, which WriteAudit reports
	}
}

// auditView is what the page template reads: the report, the sentences
// that sum up each section, the charts, and helpers that name the
// report's ids for people.
type auditView struct {
	R                                     *audit.Report
	Opt                                   AuditOptions
	Outcome, Summary, Brand, Period       string
	Footnote                              string
	Files                                 []htmlFile
	CadenceChart, MixChart, ResponseChart *svgChart
	Weeks                                 []htmlWeek
	ShowGrowth, ShowClicks                bool
	GrowthLine, ClicksLine                string
	GrowthMet, ClicksMet                  *bool
	GrowthHead, ClicksHead                []string
	GrowthRows                            []htmlGrowthRow
	ClicksRows                            [][]string
	ClicksTotalRow                        int // index of the first total row of ClicksRows
	CSS                                   template.CSS
	Compare                               *htmlCompare
	names                                 auditNames
}

// htmlFile is one input file's reconciliation.
type htmlFile struct {
	What string // posts or mentions
	RC   audit.Reconciliation
	More int64 // rejected rows not listed
}

// htmlGrowthRow is one channel's row of the growth table; the last cell
// of a channel not measured is a sentence, not a number.
type htmlGrowthRow struct {
	Cells    []string
	Measured bool
}

// htmlWeek is one row of the week-by-week table.
type htmlWeek struct {
	Week, Start, Planned, Published string
	Channels                        []string
}

// Channel names a channel for people.
func (v *auditView) Channel(id string) string { return v.names.channel(id) }

// Pillar names a pillar for people.
func (v *auditView) Pillar(id string) string { return v.names.pillar(id) }

// Shares returns a channel's actual and target share of each pillar of
// the overall mix, in its order, or dashes for a pillar the channel lacks.
func (v *auditView) Shares(c audit.PillarMix) [][2]string {
	by := map[string]audit.PillarShare{}
	for _, p := range c.Pillars {
		by[p.Pillar] = p
	}
	out := make([][2]string, len(v.R.Mix.Overall.Pillars))
	for i, p := range v.R.Mix.Overall.Pillars {
		out[i] = [2]string{mdAbsent, mdAbsent}
		if s, ok := by[p.Pillar]; ok {
			out[i] = [2]string{fmtPct(s.Actual), fmtPct(s.Target)}
		}
	}
	return out
}

// Strays reports whether a channel's mix strays beyond the tolerance.
func (v *auditView) Strays(c audit.PillarMix) bool {
	t := v.R.Mix.Tolerance
	return t != nil && c.MaxDeviation != nil && *c.MaxDeviation > *t
}

// Beyond reports whether a pillar's share strays beyond the tolerance.
func (v *auditView) Beyond(p audit.PillarShare) bool { return beyond(p, v.R.Mix.Tolerance) }

// Rate writes an engagement rate, with the decimals it takes to tell it
// from the target.
func (v *auditView) Rate(p *float64) string { return fmtPctVs(p, v.R.Engagement.Target, mdAbsent) }

// MoreUndisclosed counts the undisclosed posts the report does not list.
func (v *auditView) MoreUndisclosed() int64 {
	return max(0, v.R.Disclosure.MissingCount-int64(len(v.R.Disclosure.Missing)))
}

// CadenceLine sums up the cadence in a sentence.
func (v *auditView) CadenceLine() string {
	c := v.R.Cadence
	switch {
	case len(c.Channels) == 0:
		return "No channel has a cadence."
	case c.Weeks == 0:
		return "No whole ISO week in the period to check."
	}
	return fmt.Sprintf("%d of %s kept their minimum: %s adherence.", c.Kept, numfmt.Count(c.Weeks, "channel-week", "channel-weeks"), fmtPctPtr(c.Adherence, mdAbsent))
}

// MixLine sums up the pillar mix in a sentence or two.
func (v *auditView) MixLine() string {
	o, tol := v.R.Mix.Overall, v.R.Mix.Tolerance
	var s strings.Builder
	fmt.Fprintf(&s, "%s of %s classified", numfmt.Int(o.Classified), numfmt.Count(o.Posts, "post", "posts"))
	if o.ByKeyword > 0 {
		fmt.Fprintf(&s, " (%s of them by hashtag or keyword)", numfmt.Int(o.ByKeyword))
	}
	fmt.Fprintf(&s, "; %s without a pillar. Largest deviation from the target mix: %s", numfmt.Int(o.Unclassified), fmtPPPtr(o.MaxDeviation, mdAbsent))
	if tol != nil {
		fmt.Fprintf(&s, " (tolerance %s)", fmtPPPtr(tol, mdAbsent))
	}
	s.WriteString(". ")
	s.WriteString(chiSquareText(o))
	if st := strayed(v.R.Mix); len(st) > 0 {
		names := make([]string, len(st))
		for i, c := range st {
			names[i] = v.Channel(c.Channel) + " (" + fmtPPPtr(c.MaxDeviation, mdAbsent) + ")"
		}
		s.WriteString(" Beyond the tolerance on " + strings.Join(names, ", ") + ".")
	}
	return s.String()
}

// TimingLine sums up the timing in a sentence.
func (v *auditView) TimingLine() string {
	t := v.R.Timing
	if t.Posts == 0 {
		return "No posts on channels with planned slots."
	}
	return fmt.Sprintf("%s of %s went out within %s of a planned slot: %s.", numfmt.Int(t.OnTime), numfmt.Count(t.Posts, "post", "posts"),
		fmtExactDuration(t.ToleranceSeconds), fmtPctPtr(t.Share, mdAbsent))
}

// TacticsLine sums up the tactics in a sentence.
func (v *auditView) TacticsLine() string {
	if len(v.R.Tactics) == 0 {
		return "The strategy has no tactics."
	}
	p, e := tacticTotals(v.R.Tactics)
	return fmt.Sprintf("%d of %s executed: a post tagged with the tactic on the planned day and channel.", e,
		numfmt.Count(p, "planned occurrence", "planned occurrences"))
}

// ResponsesLine sums up the responses in a sentence or two.
func (v *auditView) ResponsesLine() string {
	rs := v.R.Responses
	if rs == nil {
		return ""
	}
	o := rs.Overall
	clock := "Response times are wall-clock time."
	if rs.BusinessHours {
		clock = "Response times count business hours only, as support tools do."
	}
	return fmt.Sprintf("%s of %s answered within their SLA: %s; an unanswered mention is a breach. Median %s, 90th percentile %s. %s",
		numfmt.Int(o.WithinSLA), numfmt.Count(o.Mentions-o.NoSLA, "mention", "mentions"), fmtPctPtr(o.Share, mdAbsent),
		fmtDurationPtr(o.Median, mdAbsent), fmtDurationPtr(o.P90, mdAbsent), clock)
}

// DisclosureLine sums up the disclosure check in a sentence.
func (v *auditView) DisclosureLine() string {
	d := v.R.Disclosure
	switch {
	case d.Checked == 0:
		return "No post mentions a paid partner."
	case d.MissingCount == 0:
		return fmt.Sprintf("All %s mentioning a paid partner carry a disclosure tag.", numfmt.Count(d.Checked, "post", "posts"))
	}
	return fmt.Sprintf("%s mention a paid partner; %s carry a disclosure tag and %s do not.", numfmt.Count(d.Checked, "post", "posts"),
		numfmt.Int(d.Disclosed), numfmt.Int(d.MissingCount))
}

// auditFuncs format the report's numbers for the page.
var auditFuncs = template.FuncMap{
	"n": func(x any) string {
		switch n := x.(type) {
		case int:
			return numfmt.Int(n)
		case int64:
			return numfmt.Int(n)
		}
		return fmt.Sprint(x)
	},
	"pct":    func(p *float64) string { return fmtPctPtr(p, mdAbsent) },
	"pctv":   fmtPct,
	"pp":     fmtPP,
	"ppp":    func(p *float64) string { return fmtPPPtr(p, mdAbsent) },
	"pval":   func(p *float64) string { return fmtPValue(p, mdAbsent) },
	"dur":    func(p *int64) string { return fmtDurationPtr(p, mdAbsent) },
	"durs":   fmtDuration,
	"sla":    func(s audit.ResponseStats) string { return fmtSLA(s, mdAbsent) },
	"source": slaSource,
	"kpi":    kpiLabel,
	"target": checkTarget,
	"actual": func(c audit.Check) string { return checkActual(c, mdAbsent) },
	"label":  labelOf,
	"who":    influencerLabel,
	"chi":    chiSquareText,
	"plural": func(n int64, one, many string) string { return numfmt.Count(n, one, many) },
	"minutes": func(m int) string {
		return fmtDuration(int64(m) * 60)
	},
	"deref": func(p *bool) bool { return p != nil && *p },
	"count": func(p *float64) string { return unitValue(*p, "") },
	"pair":  func(a, b any) []any { return []any{a, b} },
	"join":  func(s []string) string { return strings.Join(s, ", ") },
}

var auditPage = sync.OnceValue(func() *template.Template {
	t := template.Must(template.New("audit").Funcs(auditFuncs).Parse(auditTemplate + auditCompareTemplate + auditTacticsTemplate))
	return template.Must(t.Parse(auditMentionsTemplate))
})

// auditTemplate is the page. Numbers in tables are right-aligned (.num);
// a result is shown by a word and a sign as well as by colour, so it reads
// on paper and without colour vision.
const auditTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Pillar">
<title>{{.Brand}}: audit, {{.Period}}</title>
<style>
{{.CSS}}
</style>
</head>
<body>
<header class="top">
<div class="wrap">
<p class="kicker">Audit</p>
<h1>{{.Brand}}</h1>
<p class="meta">{{.Period}}{{with .R.Timezone}} · days and weeks in {{.}}{{end}}{{with .Opt.Strategy}} · strategy <code>{{.}}</code>{{end}}</p>
<p class="verdict {{if .R.Verdict.Pass}}pass{{else}}fail{{end}}"><strong>{{if .R.Verdict.Pass}}✓{{else}}✗{{end}} {{.Outcome}}</strong> {{.Summary}}</p>
{{- with .R.Verdict.Checks}}
<ul class="checks">
{{- range .}}
<li class="stat {{if not .Measured}}unmeasured{{else if .Met}}met{{else}}missed{{end}}"><span class="label">{{kpi .KPI}}</span><span class="value">{{actual .}}</span><span class="small">target {{target .}} · {{if not .Measured}}not measured{{else if .Met}}✓ met{{else}}✗ missed{{end}}{{if not .Counted}} · not counted{{end}}</span></li>
{{- end}}
</ul>
{{- end}}
<nav aria-label="Sections">
<ul class="toc">
<li><a href="#verdict">Verdict</a></li>
{{- if .Compare}}
<li><a href="#compare">Compared</a></li>
{{- end}}
<li><a href="#rows">Rows read</a></li>
<li><a href="#cadence">Cadence</a></li>
<li><a href="#mix">Pillar mix</a></li>
<li><a href="#timing">Timing</a></li>
<li><a href="#tactics">Tactics</a></li>
<li><a href="#influencers">Influencers</a></li>
<li><a href="#responses">Responses</a></li>
{{- if .R.Sentiment}}
<li><a href="#sentiment">Sentiment</a></li>
<li><a href="#volume">Mention volume</a></li>
<li><a href="#voices">Voices</a></li>
{{- end}}
<li><a href="#engagement">Engagement</a></li>
{{- if .ShowGrowth}}
<li><a href="#growth">Follower growth</a></li>
{{- end}}
{{- if .ShowClicks}}
<li><a href="#clicks">Link clicks</a></li>
{{- end}}
<li><a href="#disclosure">Disclosure</a></li>
<li><a href="#recommendations">Recommendations</a></li>
</ul>
</nav>
</div>
</header>
<main class="wrap">
{{template "verdict" .}}{{template "compare" .}}
{{template "rows" .}}
{{template "cadence" .}}
{{template "mix" .}}
{{template "timing" .}}
{{template "tactics" .}}
{{template "influencers" .}}
{{template "responses" .}}{{template "mentions" .}}
{{template "engagement" .}}{{template "growth" .}}{{template "clicks" .}}
{{template "disclosure" .}}
{{template "recommendations" .}}
</main>
<footer class="wrap">
<p>{{.Brand}} · audit {{.Period}} · made with Pillar</p>
</footer>
</body>
</html>
{{define "result"}}{{if .}}<span class="good nowrap">✓ met</span>{{else}}<span class="bad nowrap">✗ missed</span>{{end}}{{end}}

{{define "chart"}}
<figure class="chart">
<svg viewBox="0 0 {{.Width}} {{.Height}}" width="{{.Width}}" height="{{.Height}}" role="img" aria-labelledby="{{.ID}}-title {{.ID}}-desc">
<title id="{{.ID}}-title">{{.Title}}</title>
<desc id="{{.ID}}-desc">{{.Desc}}</desc>
{{- range .Lines}}
<line class="{{.Class}}" x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}"/>
{{- end}}
{{- range .Bars}}
<rect class="{{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"><title>{{.Tip}}</title></rect>
{{- end}}
{{- range .Texts}}
<text{{with .Class}} class="{{.}}"{{end}} x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}"{{if .Rotate}} transform="rotate(-90 {{.X}} {{.Y}})"{{end}}>{{.Text}}</text>
{{- end}}
</svg>
<figcaption><span class="chart-title">{{.Title}}</span>{{range .Legend}} <span class="key"><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect class="{{.Class}}" width="10" height="10"/></svg>{{.Label}}</span>{{end}}</figcaption>
</figure>
{{- end}}

{{define "verdict"}}
<section id="verdict">
<h2>Verdict</h2>
{{- if .R.Verdict.Checks}}
<div class="scroll">
<table>
<thead><tr><th scope="col">KPI</th><th scope="col" class="num">target</th><th scope="col" class="num">actual</th><th scope="col">result</th><th scope="col">counts toward the result</th><th scope="col">what was measured</th></tr></thead>
<tbody>
{{- range .R.Verdict.Checks}}
<tr><th scope="row">{{kpi .KPI}}</th><td class="num">{{target .}}</td><td class="num">{{actual .}}</td><td>{{if .Measured}}{{template "result" .Met}}{{else}}<span class="nowrap">not measured</span>{{end}}</td><td>{{if .Counted}}yes{{else}}no{{end}}</td><td class="text">{{.Detail}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- else}}
<p>The strategy declares no KPI targets, so there is nothing to pass or fail.</p>
{{- end}}
</section>
{{- end}}

{{define "rows"}}
<section id="rows">
<h2>Rows read</h2>
<p>Every row is accounted for: read = used + outside the period + unknown channel + rejected.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">file</th><th scope="col" class="num">read</th><th scope="col" class="num">used</th><th scope="col" class="num">outside the period</th><th scope="col" class="num">unknown channel</th><th scope="col" class="num">rejected</th><th scope="col" class="num">of them repeated ids</th></tr></thead>
<tbody>
{{- range $f := .Files}}{{with .RC}}
<tr><th scope="row" class="text">{{$f.What}}{{with .File}}: <code>{{.}}</code>{{end}}</th><td class="num">{{n .Read}}</td><td class="num">{{n .Used}}</td><td class="num">{{n .OutsidePeriod}}</td><td class="num">{{n .UnknownChannel}}</td><td class="num">{{n .Rejected}}</td><td class="num">{{n .Duplicates}}</td></tr>
{{- end}}{{end}}
</tbody>
</table>
</div>
{{- range $f := .Files}}
{{- if .RC.Rejects}}
<h3>Rejected {{$f.What}}{{if $f.More}}: the first {{len .RC.Rejects}} of {{n .RC.Rejected}}{{end}}</h3>
<div class="scroll">
<table class="compact">
<thead><tr><th scope="col" class="num">line</th><th scope="col">reason</th></tr></thead>
<tbody>
{{- range .RC.Rejects}}
<tr><td class="num">{{.Line}}</td><td class="text">{{.Reason}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- with .RC.UnknownChannels}}
<p>Channels in the {{$f.What}} that the strategy does not have: {{range $i, $u := .}}{{if $i}}, {{end}}<code>{{$u.Name}}</code> ({{n $u.Count}}){{end}}.</p>
{{- end}}
{{- with .RC.UnknownPillars}}
<p>Pillars named in the {{$f.What}} that the strategy does not have (those posts are classified from their text): {{range $i, $u := .}}{{if $i}}, {{end}}<code>{{$u.Name}}</code> ({{n $u.Count}}){{end}}.</p>
{{- end}}
{{- with .RC.UnknownTactics}}
<p>Tactics named in the {{$f.What}} that the strategy does not have: {{range $i, $u := .}}{{if $i}}, {{end}}<code>{{$u.Name}}</code> ({{n $u.Count}}){{end}}.</p>
{{- end}}
{{- with .RC.IgnoredColumns}}
<p>Columns of the {{$f.What}} that the audit does not use: {{range $i, $c := .}}{{if $i}}, {{end}}<code>{{$c}}</code>{{end}}.</p>
{{- end}}
{{- end}}
</section>
{{- end}}

{{define "cadence"}}{{$v := .}}
<section id="cadence">
<h2>Cadence</h2>
<p>{{.CadenceLine}}</p>
{{- with .CadenceChart}}{{template "chart" .}}{{end}}
{{- with .R.Cadence.Channels}}
<div class="scroll">
<table>
<thead><tr><th scope="col">channel</th><th scope="col" class="num">minimum a week</th><th scope="col" class="num">whole weeks</th><th scope="col" class="num">kept</th><th scope="col" class="num">adherence</th><th scope="col">weeks missed</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{$v.Channel .Channel}}</th><td class="num">{{.MinPerWeek}}</td><td class="num">{{.Weeks}}</td><td class="num">{{.Kept}}</td><td class="num">{{pct .Adherence}}</td><td class="text">{{if .Missed}}{{join .Missed}}{{else}}none{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- if .Weeks}}
<h3>Week by week</h3>
<p class="note">Posts published against the planned slots across channels, and per channel published / required (✗ a week short of its minimum; (blackout) a week with nothing required, not judged; — a week not wholly in the period).</p>
<div class="scroll">
<table class="weeks">
<thead><tr><th scope="col">week</th><th scope="col">Monday</th><th scope="col" class="num">planned</th><th scope="col" class="num">published</th>{{range .R.Cadence.Channels}}<th scope="col" class="num">{{$v.Channel .Channel}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Weeks}}
<tr><th scope="row">{{.Week}}</th><td class="nowrap">{{.Start}}</td><td class="num">{{.Planned}}</td><td class="num">{{.Published}}</td>{{range .Channels}}<td class="num">{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
</section>
{{- end}}

{{define "mix"}}{{$v := .}}{{$tol := .R.Mix.Tolerance}}
<section id="mix">
<h2>Pillar mix</h2>
{{- with .R.Mix.Overall}}
{{- if not .Pillars}}
<p>The strategy declares no pillars.</p>
{{- else}}
<p>{{$v.MixLine}}</p>
{{- with $v.MixChart}}{{template "chart" .}}{{end}}
<div class="scroll">
<table>
<thead><tr><th scope="col">pillar</th><th scope="col" class="num">planned slots</th><th scope="col" class="num">target</th><th scope="col" class="num">posts</th><th scope="col" class="num">actual</th><th scope="col" class="num">deviation</th></tr></thead>
<tbody>
{{- range .Pillars}}
<tr><th scope="row" class="text">{{label .Name .Pillar}}</th><td class="num">{{n .Planned}}</td><td class="num">{{pctv .Target}}</td><td class="num">{{n .Posts}}</td><td class="num">{{pctv .Actual}}</td><td class="num">{{if $v.Beyond .}}<span class="bad">✗ {{pp .Delta}}</span>{{else}}{{pp .Delta}}{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- with $v.R.Mix.Channels}}
<h3>By channel</h3>
<p class="note">Each pillar's actual share of the channel's classified posts, with its target below it.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">channel</th><th scope="col" class="num">posts</th><th scope="col" class="num">classified</th><th scope="col" class="num">by keyword</th><th scope="col" class="num">no pillar</th>{{range $v.R.Mix.Overall.Pillars}}<th scope="col" class="num">{{label .Name .Pillar}}</th>{{end}}<th scope="col" class="num">largest deviation</th><th scope="col" class="num">p‑value</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{$v.Channel .Channel}}</th><td class="num">{{n .Posts}}</td><td class="num">{{n .Classified}}</td><td class="num">{{n .ByKeyword}}</td><td class="num">{{n .Unclassified}}</td>{{range $v.Shares .}}<td class="num">{{index . 0}}<br><span class="small muted">{{index . 1}}</span></td>{{end}}<td class="num">{{if $v.Strays .}}<span class="bad">✗ {{ppp .MaxDeviation}}</span>{{else}}{{ppp .MaxDeviation}}{{end}}</td><td class="num">{{pval .PValue}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- end}}
{{- end}}
</section>
{{- end}}

{{define "timing"}}{{$v := .}}
<section id="timing">
<h2>Timing</h2>
<p>{{.TimingLine}}</p>
{{- if .R.Timing.Posts}}{{with .R.Timing.Channels}}
<div class="scroll">
<table class="compact">
<thead><tr><th scope="col">channel</th><th scope="col" class="num">posts</th><th scope="col" class="num">on time</th><th scope="col" class="num">share</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{$v.Channel .Channel}}</th><td class="num">{{n .Posts}}</td><td class="num">{{n .OnTime}}</td><td class="num">{{pct .Share}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}{{end}}
</section>
{{- end}}

{{define "occurrences"}}{{$v := index . 0}}{{with index . 1}}{{range $i, $o := .}}{{if $i}}, {{end}}<span class="nowrap">{{$o.Date}}</span> {{$v.Channel $o.Channel}}{{end}}{{else}}none{{end}}{{end}}

{{define "tactics"}}{{$v := .}}
<section id="tactics">
<h2>Tactics</h2>
<p>{{.TacticsLine}}</p>
{{- with .R.Tactics}}
<div class="scroll">
<table>
<thead><tr><th scope="col">tactic</th><th scope="col" class="num">planned</th><th scope="col" class="num">executed</th><th scope="col" class="num">tagged posts</th><th scope="col">missed</th><th scope="col">executed on</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{label .Name .Tactic}}</th><td class="num">{{.Planned}}</td><td class="num">{{if lt .Executed .Planned}}<span class="bad">{{.Executed}}</span>{{else}}{{.Executed}}{{end}}</td><td class="num">{{n .Posts}}</td><td class="text">{{template "occurrences" (pair $v .Missed)}}</td><td class="text">{{template "occurrences" (pair $v .Done)}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- template "tactickpis" $v}}
</section>
{{- end}}

{{define "influencers"}}
<section id="influencers">
<h2>Influencers</h2>
{{- with .R.Influencers}}
<p>Mentions of each influencer in the brand's posts per calendar month, against the cap.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">influencer</th><th scope="col">status</th><th scope="col">relationship</th><th scope="col" class="num">cap a month</th><th scope="col" class="num">mentions</th><th scope="col">by month</th><th scope="col">flag</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{who .}}</th><td>{{.Status}}</td><td>{{.Relationship}}</td><td class="num">{{if .Cap}}{{.Cap}}{{else}}none{{end}}</td><td class="num">{{n .Mentions}}</td><td class="text">{{range $i, $m := .Months}}{{if $i}}, {{end}}<span class="nowrap{{if $m.Over}} bad{{end}}">{{$m.Month}}: {{n $m.Mentions}}</span>{{else}}—{{end}}</td><td>{{if .OverCap}}<span class="bad">✗ over cap</span>{{end}}{{if and .OverCap .NeverMentioned}}, {{end}}{{if .NeverMentioned}}never mentioned{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- else}}
<p>The strategy lists no influencers.</p>
{{- end}}
</section>
{{- end}}

{{define "responses"}}
<section id="responses">
<h2>Responses</h2>
{{- with .R.Responses}}
<p>{{$.ResponsesLine}}</p>
{{- with $.ResponseChart}}{{template "chart" .}}{{end}}
<div class="scroll">
<table>
<thead><tr><th scope="col">mention type</th><th scope="col" class="num">SLA</th><th scope="col">SLA from</th><th scope="col" class="num">mentions</th><th scope="col" class="num">answered</th><th scope="col" class="num">within SLA</th><th scope="col" class="num">no SLA</th><th scope="col" class="num">share within SLA</th><th scope="col" class="num">median</th><th scope="col" class="num">p90</th></tr></thead>
<tbody>
{{- range .Types}}{{template "response" (pair (label .Type "(no type)") .)}}{{end}}
{{- template "response" (pair "all" .Overall)}}
</tbody>
</table>
</div>
{{- with .Histogram}}
<div class="scroll">
<table class="compact">
<caption>Answered mentions by response time</caption>
<thead><tr><th scope="col">response time</th><th scope="col" class="num">answered mentions</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row">{{.Label}}</th><td class="num">{{n .Count}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- else}}
<p>No mention log was given, so response times were not measured.</p>
{{- end}}
</section>
{{- end}}

{{define "response"}}{{$label := index . 0}}{{with index . 1}}
<tr{{if eq .Type ""}} class="total"{{end}}><th scope="row" class="text">{{$label}}</th><td class="num">{{sla .}}</td><td>{{source .SLASource}}</td><td class="num">{{n .Mentions}}</td><td class="num">{{n .Answered}}</td><td class="num">{{n .WithinSLA}}</td><td class="num">{{n .NoSLA}}</td><td class="num">{{pct .Share}}</td><td class="num">{{dur .Median}}</td><td class="num">{{dur .P90}}</td></tr>
{{- end}}{{end}}

{{define "engagement"}}{{$v := .}}{{with .R.Engagement}}
<section id="engagement">
<h2>Engagement</h2>
<p>Engagement rate<sup><a href="#fn-engagement" id="fnref-engagement" aria-label="how it is computed">*</a></sup> across channels: <strong>{{$v.Rate .Overall.Rate}}</strong>{{with .Target}} against a target of {{pct .}}{{end}}{{with .Overall.Met}}: {{template "result" (deref .)}}{{end}}.{{if .Overall.Excluded}} {{plural .Overall.Excluded "post" "posts"}} without {{label .Definition.Denominator "a denominator"}} left out.{{end}}</p>
{{- with .Channels}}{{template "rates" (pair $v (pair "channel" .))}}{{end}}
{{- with .Pillars}}{{template "rates" (pair $v (pair "pillar" .))}}{{end}}
<p class="footnote" id="fn-engagement"><a href="#fnref-engagement" aria-label="back to the rate">*</a> {{$v.Footnote}}</p>
</section>
{{- end}}{{end}}

{{define "rates"}}{{$v := index . 0}}{{$scope := index (index . 1) 0}}{{$rows := index (index . 1) 1}}{{$e := $v.R.Engagement}}
<div class="scroll">
<table>
<thead><tr><th scope="col">{{$scope}}</th><th scope="col" class="num">posts</th><th scope="col" class="num">left out</th><th scope="col" class="num">engagement</th><th scope="col" class="num">{{label $e.Definition.Denominator "denominator"}}</th><th scope="col" class="num">rate</th><th scope="col">target</th></tr></thead>
<tbody>
{{- range $rows}}
<tr><th scope="row" class="text">{{if eq $scope "channel"}}{{$v.Channel .Key}}{{else}}{{$v.Pillar .Key}}{{end}}</th><td class="num">{{n .Posts}}</td><td class="num">{{n .Excluded}}</td><td class="num">{{n .Engagement}}</td><td class="num">{{n .Denominator}}</td><td class="num">{{$v.Rate .Rate}}</td><td>{{with .Met}}{{template "result" (deref .)}}{{else}}—{{end}}</td></tr>
{{- end}}
{{- if eq $scope "channel"}}{{with $e.Overall}}
<tr class="total"><th scope="row">all</th><td class="num">{{n .Posts}}</td><td class="num">{{n .Excluded}}</td><td class="num">{{n .Engagement}}</td><td class="num">{{n .Denominator}}</td><td class="num">{{$v.Rate .Rate}}</td><td>{{with .Met}}{{template "result" (deref .)}}{{else}}—{{end}}</td></tr>
{{- end}}{{end}}
</tbody>
</table>
</div>
{{- end}}

{{define "growth"}}{{$v := .}}{{if .ShowGrowth}}{{with .R.Growth}}
<section id="growth">
<h2>Follower growth</h2>
<p>Followers from each channel's first to its last post of the period: {{$v.GrowthLine}}{{with .Target}} Target {{pct .}}{{with $v.GrowthMet}}: {{template "result" (deref .)}}{{end}}.{{end}}</p>
<div class="scroll">
<table>
<thead><tr>{{range $i, $h := $v.GrowthHead}}<th scope="col"{{if and $i (ne $i 2) (ne $i 4)}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range $v.GrowthRows}}{{$measured := .Measured}}
<tr>{{range $i, $c := .Cells}}{{if eq $i 0}}<th scope="row" class="text">{{$c}}</th>{{else}}<td{{if and (ne $i 2) (ne $i 4) (or $measured (ne $i 7))}} class="num"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
</section>
{{- end}}{{end}}{{end}}{{define "clicks"}}{{$v := .}}{{if .ShowClicks}}{{with .R.Clicks}}
<section id="clicks">
<h2>Link clicks</h2>
<p>{{$v.ClicksLine}}{{with .Target}} Target {{count .}} a week{{with $v.ClicksMet}}: {{template "result" (deref .)}}{{end}}.{{end}}</p>
{{- with $v.ClicksRows}}
<div class="scroll">
<table>
<thead><tr>{{range $i, $h := $v.ClicksHead}}<th scope="col"{{if $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range $r, $row := .}}
<tr{{if ge $r $v.ClicksTotalRow}} class="total"{{end}}>{{range $i, $c := $row}}{{if eq $i 0}}<th scope="row" class="text">{{$c}}</th>{{else}}<td class="num">{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
</section>
{{- end}}{{end}}{{end}}{{define "disclosure"}}{{$v := .}}{{with .R.Disclosure}}
<section id="disclosure">
<h2>Disclosure</h2>
<p>{{$v.DisclosureLine}}{{if .Tags}} Disclosure tags: {{range $i, $t := .Tags}}{{if $i}}, {{end}}<code>{{$t}}</code>{{end}}.{{else}} The strategy declares no disclosure tags.{{end}}</p>
{{- with .Missing}}
<div class="scroll">
<table>
<thead><tr><th scope="col" class="num">line</th><th scope="col">post</th><th scope="col">channel</th><th scope="col">date</th><th scope="col">partner</th></tr></thead>
<tbody>
{{- range .}}
<tr><td class="num">{{.Line}}</td><td class="text"><code>{{.ID}}</code></td><td>{{$v.Channel .Channel}}</td><td class="nowrap">{{.Date}}</td><td class="text">{{.Influencer}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- with $v.MoreUndisclosed}}
<p>… and {{n .}} more.</p>
{{- end}}
</section>
{{- end}}{{end}}

{{define "recommendations"}}{{$v := .}}
<section id="recommendations">
<h2>Recommendations</h2>
{{- with .R.Recommendations}}
<p class="note">Advice drawn from the period's numbers, for next quarter's strategy; not part of the verdict.</p>
<ul class="advice">
{{- range .}}
<li>{{.Text}}</li>
{{- end}}
</ul>
{{- else}}
<p>None this period.</p>
{{- end}}
</section>
{{- end}}
`

// auditCSS is the page's stylesheet: system fonts, the playbook's palette
// in light and dark, tables that scroll in their own box rather than widen
// the page, and a print layout for A4 that keeps charts and rows whole.
const auditCSS = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --paper: #f6f5f2; --ink: #1c2229; --muted: #5c6670; --line: #e2e0da;
  --accent: #0f6b63; --good: #1d6b34; --good-bg: #e4f2e7; --bad: #a3281b; --bad-bg: #fbe9e7; --planned: #c9c4b8;
  --c0: #1f6f8b; --c1: #e07a5f; --c2: #6a9f7f; --c3: #d9a441; --c4: #5b5f97; --c5: #b56576; --c6: #4fa3c7; --c7: #8d8478;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15191e; --paper: #1c2128; --ink: #e7e9ec; --muted: #a0a9b3; --line: #2f363f;
    --accent: #5cc2b4; --good: #8fd6a0; --good-bg: #1b3322; --bad: #f3a99c; --bad-bg: #3a1f1b; --planned: #4a525c;
    --c0: #4fa3c0; --c1: #ef9a80; --c2: #8cc3a1; --c3: #e8c06a; --c4: #9ea2da; --c5: #d98c9b; --c6: #7cc3e3; --c7: #b5ac9f;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.55 var(--sans); overflow-wrap: anywhere; }
.wrap { max-width: 68rem; margin: 0 auto; padding: 0 1.5rem; }
code { font-family: var(--mono); font-size: 0.88em; background: var(--paper); padding: 0.05em 0.3em; border-radius: 4px; }
a { color: var(--accent); }
h1, h2, h3 { line-height: 1.2; }
h1 { font-size: clamp(1.8rem, 5vw, 2.6rem); margin: 0 0 0.5rem; }
h2 { font-size: 1.5rem; margin: 0 0 1rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
p { margin: 0 0 1rem; }
header.top { background: var(--paper); border-bottom: 1px solid var(--line); padding: 2.5rem 0 1.25rem; }
.kicker { color: var(--accent); font-size: 0.8rem; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; margin: 0 0 0.5rem; }
.meta { color: var(--muted); }
.verdict { font-size: 1.1rem; padding: 0.75rem 1rem; border-radius: 8px; margin: 1rem 0; }
.verdict.pass { background: var(--good-bg); color: var(--good); }
.verdict.fail { background: var(--bad-bg); color: var(--bad); }
.checks { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; }
.stat { background: var(--bg); border: 1px solid var(--line); border-left: 5px solid var(--muted); border-radius: 8px; padding: 0.7rem 1rem; break-inside: avoid; page-break-inside: avoid; }
.stat.met { border-left-color: var(--good); }
.stat.missed { border-left-color: var(--bad); }
.stat.unmeasured { border-left-style: dashed; }
.stat .label, .stat .small { display: block; color: var(--muted); }
.stat .value { display: block; font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.toc { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.1rem; font-size: 0.92rem; }
main > section { padding: 2rem 0 1rem; border-bottom: 1px solid var(--line); }
main > section:last-child { border-bottom: 0; }
.scroll { overflow-x: auto; margin: 0 0 1.25rem; }
.scroll > table { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; overflow-wrap: normal; }
table.compact { width: auto; min-width: 50%; }
caption { text-align: left; color: var(--muted); padding: 0 0 0.4rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
thead th { font-size: 0.74rem; font-weight: 650; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); border-bottom-width: 2px; vertical-align: bottom; }
tbody th { font-weight: 600; }
table .text { overflow-wrap: anywhere; min-width: 8rem; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--line); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
.nowrap { white-space: nowrap; }
.good { color: var(--good); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.note, .muted { color: var(--muted); }
.small { font-size: 0.88rem; }
.footnote { color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); padding-top: 0.5rem; }
.advice li { margin: 0 0 0.5rem; }
figure.chart { margin: 0 0 1.25rem; break-inside: avoid; page-break-inside: avoid; }
figure.chart > svg { display: block; width: 100%; max-width: 760px; height: auto; }
figcaption { color: var(--muted); font-size: 0.88rem; margin-top: 0.25rem; }
.chart-title { font-weight: 650; color: var(--ink); margin-right: 0.5rem; }
.key { white-space: nowrap; margin-right: 0.75rem; }
.swatch { display: inline-block; width: 0.75rem; height: 0.75rem; margin-right: 0.3rem; vertical-align: -0.05em; }
svg text { fill: var(--muted); font-family: var(--sans); font-size: 11px; }
svg text.title { fill: var(--ink); font-size: 12px; }
svg text.value { fill: var(--ink); font-size: 10px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .planned, svg .target { fill: var(--planned); }
svg .published { fill: var(--accent); }
svg .c0 { fill: var(--c0); } svg .c1 { fill: var(--c1); } svg .c2 { fill: var(--c2); } svg .c3 { fill: var(--c3); }
svg .c4 { fill: var(--c4); } svg .c5 { fill: var(--c5); } svg .c6 { fill: var(--c6); } svg .c7 { fill: var(--c7); }
footer { color: var(--muted); font-size: 0.85rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); }
@media (max-width: 40rem) {
  .wrap { padding: 0 1rem; }
  header.top { padding: 1.5rem 0 1rem; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  :root {
    --bg: #ffffff; --paper: #f6f5f2; --ink: #111111; --muted: #555555; --line: #d9d6cf;
    --accent: #0f6b63; --good: #1d6b34; --good-bg: #e4f2e7; --bad: #a3281b; --bad-bg: #fbe9e7; --planned: #c9c4b8;
    --c0: #1f6f8b; --c1: #e07a5f; --c2: #6a9f7f; --c3: #d9a441; --c4: #5b5f97; --c5: #b56576; --c6: #4fa3c7; --c7: #8d8478;
  }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9.5pt; }
  .wrap { max-width: none; padding: 0; }
  header.top { background: none; border: 0; padding: 0 0 4mm; }
  nav { display: none; }
  main > section { padding: 4mm 0 2mm; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  thead th { letter-spacing: 0; text-transform: none; }
  .num { white-space: normal; }
  a { color: inherit; text-decoration: none; }
}
`

// growthAndClicks lays out the follower growth and link clicks sections.
func (v *auditView) growthAndClicks() {
	g, c := v.R.Growth, v.R.Clicks
	v.ShowGrowth, v.ShowClicks = showGrowth(g), showClicks(c)
	v.GrowthLine, v.GrowthMet = growthLine(g), metAgainst(g.Percent, g.Target)
	v.GrowthHead = growthHead
	for _, ch := range g.Channels {
		v.GrowthRows = append(v.GrowthRows, htmlGrowthRow{Cells: growthCells(ch, v.names.channel(ch.Channel), mdAbsent), Measured: ch.Measured})
	}
	v.ClicksLine, v.ClicksMet = clicksLine(c), metAgainst(c.PerWeek, c.Target)
	if c.PerWeek != nil {
		v.ClicksHead, v.ClicksRows = clicksTable(c, v.names.channel)
		v.ClicksTotalRow = len(v.ClicksRows) - 2
	}
}
