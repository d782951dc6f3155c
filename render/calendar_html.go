package render

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// pillarColours is how many pillar colours the stylesheet defines; pillars
// beyond them reuse the colours in turn.
const pillarColours = 8

// writeHTML writes the calendar as one self-contained HTML page: a month
// grid per month of the horizon, a legend of pillars, and the warnings. The
// page has its stylesheet inline and no scripts or external assets, so it
// can be mailed or opened offline, and prints a month per page. Every post
// shows the start of its brief, so the page works on paper; the whole brief
// is its tooltip. Every string from the strategy goes through
// html/template's contextual escaping. The page is written a month at a
// time, so a plan of years holds only one month's cells in memory.
func writeHTML(w io.Writer, v *planView) error {
	cal := v.cal
	bw := bufio.NewWriterSize(w, 64<<10)
	page, class := htmlView(v)
	if err := calendarPage().ExecuteTemplate(bw, "head", page); err != nil {
		return err
	}
	esc := newHTMLEscaper()
	err := v.months(func(m month) error {
		return calendarPage().ExecuteTemplate(bw, "month", htmlMonthView(cal, m, class, esc))
	})
	if err != nil {
		return err
	}
	page.Warnings = v.warnings()
	if err := calendarPage().ExecuteTemplate(bw, "foot", page); err != nil {
		return err
	}
	return bw.Flush()
}

// htmlBriefRunes is how much of a brief a post in the grid shows.
const htmlBriefRunes = 140

type htmlPage struct {
	Brand, From, Last, Timezone string
	Posts                       int
	Legend                      []htmlLegend
	Warnings                    []planner.Warning
}

type htmlLegend struct {
	Name, Class string
	Posts       int
}

type htmlMonth struct {
	Title string
	Posts int
	Weeks [][7]htmlDay
}

type htmlDay struct {
	Day   int  // day of the month; 0 pads the first and last week
	In    bool // the day is in the horizon
	Date  string
	Posts []template.HTML
}

// htmlView is the page around the months, and the colour class of every
// pillar.
func htmlView(v *planView) (htmlPage, map[string]string) {
	cal := v.cal
	page := htmlPage{Brand: cal.Brand, From: cal.From.String(), Last: lastDay(cal), Timezone: cal.Timezone, Posts: v.posts}

	// Pillar colours follow the declared order, then any other pillar in
	// the order it first appears.
	class := map[string]string{}
	var order []string
	names := map[string]string{}
	addPillar := func(id, name string) {
		if _, ok := class[id]; ok || id == "" {
			return
		}
		class[id] = fmt.Sprintf("p%d", len(order)%pillarColours)
		order = append(order, id)
		names[id] = name
	}
	for _, p := range cal.Pillars {
		addPillar(p.ID, p.Name)
	}
	for _, p := range v.extra {
		addPillar(p.ID, pillarLabel(&planner.Slot{Pillar: p.ID, PillarName: p.Name}))
	}
	for _, id := range order {
		name := names[id]
		if name == "" {
			name = id
		}
		page.Legend = append(page.Legend, htmlLegend{Name: name, Class: class[id], Posts: v.pillars[id]})
	}
	return page, class
}

// htmlMonthView lays out one month's posts in a grid of weeks, Monday
// first.
func htmlMonthView(cal *planner.Calendar, m month, class map[string]string, esc *htmlEscaper) htmlMonth {
	from, to := cal.From.String(), cal.To.String()
	hm := htmlMonth{Title: m.Title(), Posts: len(m.Slots)}
	first := time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC)
	days := first.AddDate(0, 1, -1).Day()
	byDay := make([][]template.HTML, days+1)
	var b bytes.Buffer
	for _, s := range m.Slots {
		_, _, d, _ := localDate(s)
		c := class[s.Pillar]
		if c == "" {
			c = "px"
		}
		b.Reset()
		esc.post(&b, cal, s, c)
		byDay[d] = append(byDay[d], template.HTML(b.String()))
	}
	lead := (int(first.Weekday()) + 6) % 7 // Monday first
	var week [7]htmlDay
	for cell := 0; cell < lead+days; cell++ {
		if cell >= lead {
			d := cell - lead + 1
			date := time.Date(m.Year, m.Month, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
			week[cell%7] = htmlDay{Day: d, Date: date, In: date >= from && date < to, Posts: byDay[d]}
		}
		if cell%7 == 6 || cell == lead+days-1 {
			hm.Weeks = append(hm.Weeks, week)
			week = [7]htmlDay{}
		}
	}
	return hm
}

// PillarColorsCSS gives the calendar's pillar classes their colours: p0 to
// p7 for the pillars in the strategy's order, px for a post without one.
// The live preview's list view uses the same, so a pillar has one colour
// wherever it is shown.
const PillarColorsCSS = `.p0 { background: #ddf4ff; border-color: #0969da; }
.p1 { background: #fbefff; border-color: #8250df; }
.p2 { background: #dafbe1; border-color: #1a7f37; }
.p3 { background: #fff8c5; border-color: #9a6700; }
.p4 { background: #ffebe9; border-color: #cf222e; }
.p5 { background: #ffeff7; border-color: #bf3989; }
.p6 { background: #fff1e5; border-color: #bc4c00; }
.p7 { background: #eaeef2; border-color: #57606a; }
.px { background: #ffffff; border-color: #8c959f; }`

var calendarPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("calendar").Funcs(template.FuncMap{
		"posts":     func(n int) string { return count(n, "post", "posts") },
		"iso":       isolate,
		"pillarCSS": func() template.CSS { return template.CSS(PillarColorsCSS) },
	}).Parse(`{{define "head"}}<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pillar">
<title>{{iso .Brand}}: posting plan {{.From}} to {{.Last}}</title>
<style>
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --out: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--ink); font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 8px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; margin: 0; padding: 0; }
.legend li { padding: 2px 8px; border-radius: 4px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th { font-weight: 600; color: var(--muted); text-align: left; padding: 4px 6px; border-bottom: 2px solid var(--line); }
td { vertical-align: top; height: 90px; padding: 4px; border: 1px solid var(--line); }
td.out { background: var(--out); color: var(--muted); }
.day { font-weight: 600; font-size: 0.85em; margin-bottom: 2px; }
.post { font-size: 0.8em; margin: 2px 0; padding: 2px 4px; border-left: 4px solid; border-radius: 3px; overflow-wrap: anywhere; }
.post .time { font-variant-numeric: tabular-nums; font-weight: 600; }
.post .tactic { display: block; font-weight: 600; }
.post .format, .post .campaign, .post .zone { color: var(--muted); }
.post .zone { font-size: 0.85em; }
.post .brief { display: block; color: var(--muted); margin-top: 1px; }
{{pillarCSS}}
.warnings li { margin: 4px 0; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 7.5pt; line-height: 1.25; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { margin: 0 0 4px; }
  header { margin-bottom: 8px; }
  section.month { break-after: page; page-break-after: always; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  td { height: 40px; padding: 2px; }
  .post { margin: 1px 0; padding: 1px 3px; border-left-width: 3px; }
}
</style>
</head>
<body>
<header>
<h1>{{iso .Brand}}: posting plan</h1>
<p class="meta">{{.From}} to {{.Last}} · {{posts .Posts}}{{if .Timezone}} · times in {{.Timezone}} unless a zone is given{{end}}</p>
{{- if .Legend}}
<ul class="legend">
{{- range .Legend}}
<li class="{{.Class}}">{{iso .Name}} · {{.Posts}}</li>
{{- end}}
</ul>
{{- end}}
</header>
{{- end}}
{{define "month"}}
<section class="month">
<h2>{{.Title}} <small class="meta">{{posts .Posts}}</small></h2>
<table>
<thead><tr><th>Mon</th><th>Tue</th><th>Wed</th><th>Thu</th><th>Fri</th><th>Sat</th><th>Sun</th></tr></thead>
<tbody>
{{- range .Weeks}}
<tr>
{{- range .}}
{{- if .Day}}
<td{{if not .In}} class="out"{{end}}><div class="day">{{.Day}}</div>
{{- range .Posts}}
{{.}}
{{- end}}</td>
{{- else}}
<td class="out"></td>
{{- end}}
{{- end}}
</tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
{{define "foot"}}
{{- if .Warnings}}
<section class="warnings">
<h2>Warnings</h2>
<ul>
{{- range .Warnings}}
<li>{{iso .Message}}</li>
{{- end}}
</ul>
</section>
{{- end}}
</body>
</html>
{{end}}`))
})

// htmlEscaper writes the posts of the month grid. A plan of years has
// hundreds of thousands of them, and evaluating a template's fields by
// reflection for each took most of the export's time, so a post is put
// together here; every string from the strategy in it is escaped by
// html/template itself, for the context it lands in, and remembered, since
// the same channels, pillars and briefs recur on most posts.
type htmlEscaper struct {
	text, attr map[string]string
	excerpts   map[string]string    // brief → its escaped excerpt
	channels   map[[2]string]string // channel id and platform → escaped label
}

func newHTMLEscaper() *htmlEscaper {
	return &htmlEscaper{text: map[string]string{}, attr: map[string]string{}, excerpts: map[string]string{}, channels: map[[2]string]string{}}
}

// escapeText and escapeAttr are where html/template escapes a string: in
// text, and in a quoted attribute value.
var (
	escapeText = sync.OnceValue(func() *template.Template { return template.Must(template.New("text").Parse(`{{.}}`)) })
	escapeAttr = sync.OnceValue(func() *template.Template { return template.Must(template.New("attr").Parse(`<i title="{{.}}">`)) })
)

func escapeWith(t *template.Template, memo map[string]string, s string) string {
	if e, ok := memo[s]; ok {
		return e
	}
	var b strings.Builder
	// Isolated (see bidi.go), so that right-to-left text or a stray
	// control in a value cannot reorder the post around it.
	if err := t.Execute(&b, isolate(s)); err != nil {
		panic(err) // cannot happen: the templates take any string
	}
	e := b.String()
	if t == escapeAttr() {
		e = strings.TrimSuffix(strings.TrimPrefix(e, `<i title="`), `">`)
	}
	memo[s] = e
	return e
}

// post writes one post, as the month template used to:
//
//	<div class="post p0" title="brief"><span class="time">09:00</span> <span class="zone">zone</span> Channel · Pillar<span class="tactic">Tactic</span> <span class="format">format</span> <span class="campaign">campaign</span><span class="brief">excerpt</span></div>
//
// where the title, zone, tactic, format, campaign and brief appear only
// when there is one.
func (e *htmlEscaper) post(b *bytes.Buffer, cal *planner.Calendar, s *planner.Slot, class string) {
	text := func(v string) string { return escapeWith(escapeText(), e.text, v) }
	span := func(lead, class, v string) {
		b.WriteString(lead)
		b.WriteString(`<span class="`)
		b.WriteString(class)
		b.WriteString(`">`)
		b.WriteString(v)
		b.WriteString(`</span>`)
	}
	b.WriteString(`<div class="post `)
	b.WriteString(class)
	b.WriteByte('"')
	if s.Brief != "" {
		b.WriteString(` title="`)
		b.WriteString(escapeWith(escapeAttr(), e.attr, s.Brief))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	span("", "time", text(s.Clock()))
	if s.Timezone != cal.Timezone && s.Timezone != "" {
		span(" ", "zone", text(s.Timezone))
	}
	ch, ok := e.channels[[2]string{s.Channel, s.Platform}]
	if !ok {
		ch = text(channelLabel(s.Channel, s.Platform))
		e.channels[[2]string{s.Channel, s.Platform}] = ch
	}
	b.WriteByte(' ')
	b.WriteString(ch)
	b.WriteString(" · ")
	b.WriteString(text(pillarLabel(s)))
	if t := tacticLabel(s); t != "" {
		span("", "tactic", text(t))
	}
	if s.Format != "" {
		span(" ", "format", text(s.Format))
	}
	if s.Campaign != "" {
		span(" ", "campaign", text(s.Campaign))
	}
	if s.Brief != "" {
		ex, ok := e.excerpts[s.Brief]
		if !ok {
			ex = text(excerpt(s.Brief, htmlBriefRunes, false))
			e.excerpts[s.Brief] = ex
		}
		if ex != "" {
			span("", "brief", ex)
		}
	}
	b.WriteString(`</div>`)
}
