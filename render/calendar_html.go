package render

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// pillarColours is how many pillar colours the stylesheet defines; pillars
// beyond them reuse the colours in turn.
const pillarColours = 8

// writeHTML writes the calendar as one self-contained HTML page: a month
// grid per month of the horizon, a legend of pillars, and the warnings. The
// page has its stylesheet inline and no scripts or external assets, so it
// can be mailed or opened offline, and prints a month per page. Every string
// from the strategy goes through html/template's contextual escaping.
func writeHTML(w io.Writer, cal *planner.Calendar) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := calendarPage.Execute(bw, htmlView(cal)); err != nil {
		return err
	}
	return bw.Flush()
}

type htmlPage struct {
	Brand, From, Last, Timezone string
	Posts                       int
	Legend                      []htmlLegend
	Months                      []htmlMonth
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
	Posts []htmlPost
}

type htmlPost struct {
	Time, Zone, Channel, Pillar, Tactic, Format, Campaign, Brief, Class string
}

func htmlView(cal *planner.Calendar) htmlPage {
	page := htmlPage{Brand: cal.Brand, From: cal.From.String(), Last: lastDay(cal), Timezone: cal.Timezone,
		Posts: len(cal.Slots), Warnings: cal.Warnings}

	// Pillar colours follow the declared order, then any other pillar in
	// the order it first appears.
	class := map[string]string{}
	var order []string
	names := map[string]string{}
	counts := map[string]int{}
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
	for i := range cal.Slots {
		s := &cal.Slots[i]
		addPillar(s.Pillar, pillarLabel(s))
		counts[s.Pillar]++
	}
	for _, id := range order {
		name := names[id]
		if name == "" {
			name = id
		}
		page.Legend = append(page.Legend, htmlLegend{Name: name, Class: class[id], Posts: counts[id]})
	}

	from, to := cal.From.String(), cal.To.String()
	for _, m := range months(cal) {
		hm := htmlMonth{Title: m.Title(), Posts: len(m.Slots)}
		byDay := map[int][]htmlPost{}
		for _, s := range m.Slots {
			_, _, d, _ := localDate(s)
			c := class[s.Pillar]
			if c == "" {
				c = "px"
			}
			zone := ""
			if s.Timezone != cal.Timezone {
				zone = s.Timezone
			}
			byDay[d] = append(byDay[d], htmlPost{Time: s.Clock(), Zone: zone, Channel: channelLabel(s.Channel, s.Platform),
				Pillar: pillarLabel(s), Tactic: tacticLabel(s), Format: s.Format, Campaign: s.Campaign, Brief: s.Brief, Class: c})
		}
		first := time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC)
		days := first.AddDate(0, 1, -1).Day()
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
		page.Months = append(page.Months, hm)
	}
	return page
}

var calendarPage = template.Must(template.New("calendar").Funcs(template.FuncMap{
	"posts": func(n int) string { return count(n, "post", "posts") },
}).Parse(`<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pillar">
<title>{{.Brand}}: posting plan {{.From}} to {{.Last}}</title>
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
.p0 { background: #ddf4ff; border-color: #0969da; }
.p1 { background: #fbefff; border-color: #8250df; }
.p2 { background: #dafbe1; border-color: #1a7f37; }
.p3 { background: #fff8c5; border-color: #9a6700; }
.p4 { background: #ffebe9; border-color: #cf222e; }
.p5 { background: #ffeff7; border-color: #bf3989; }
.p6 { background: #fff1e5; border-color: #bc4c00; }
.p7 { background: #eaeef2; border-color: #57606a; }
.px { background: #ffffff; border-color: #8c959f; }
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
<h1>{{.Brand}}: posting plan</h1>
<p class="meta">{{.From}} to {{.Last}} · {{posts .Posts}}{{if .Timezone}} · times in {{.Timezone}} unless a zone is given{{end}}</p>
{{- if .Legend}}
<ul class="legend">
{{- range .Legend}}
<li class="{{.Class}}">{{.Name}} · {{.Posts}}</li>
{{- end}}
</ul>
{{- end}}
</header>
{{- range .Months}}
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
<div class="post {{.Class}}"{{if .Brief}} title="{{.Brief}}"{{end}}><span class="time">{{.Time}}</span>{{if .Zone}} <span class="zone">{{.Zone}}</span>{{end}} {{.Channel}} · {{.Pillar}}
{{- if .Tactic}}<span class="tactic">{{.Tactic}}</span>{{end}}
{{- if .Format}} <span class="format">{{.Format}}</span>{{end}}
{{- if .Campaign}} <span class="campaign">{{.Campaign}}</span>{{end}}</div>
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
{{- if .Warnings}}
<section class="warnings">
<h2>Warnings</h2>
<ul>
{{- range .Warnings}}
<li>{{.Message}}</li>
{{- end}}
</ul>
</section>
{{- end}}
</body>
</html>
`))
