package serve

import (
	"fmt"
	"html/template"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// pillarColours is how many pillar colours the calendar's stylesheet
// defines (render's month grid has the same eight, in the same order).
const pillarColours = 8

// listMonth is a month of the calendar as a list.
type listMonth struct {
	Title string
	Posts []listPost
}

type listPost struct {
	Date, Time, Zone, Channel, Pillar, Class, Tactic, Campaign, Format, Brief string
}

type listData struct {
	Brand, From, Last string
	Count             int
	Legend            []listLegend
	Months            []listMonth
	Warnings          []planner.Warning
}

type listLegend struct {
	Name, Class string
}

var listTemplate = template.Must(template.New("list").Parse(`<main>
<h1>{{.Brand}}: posting plan</h1>
<p class="meta">{{.From}} to {{.Last}} · {{.Count}} post{{if ne .Count 1}}s{{end}}</p>
{{- with .Legend}}
<ul class="legend">{{range .}}<li><span class="swatch {{.Class}}"></span>{{.Name}}</li>{{end}}</ul>
{{- end}}
{{- range .Months}}
<h2>{{.Title}}</h2>
<table class="list">
<thead><tr><th>Date</th><th>Time</th><th>Channel</th><th>Pillar</th><th>Tactic</th><th>Campaign</th><th>Format</th><th>Brief</th></tr></thead>
<tbody>
{{- range .Posts}}
<tr><td>{{.Date}}</td><td class="time">{{.Time}}{{if .Zone}} <span class="muted">{{.Zone}}</span>{{end}}</td><td>{{.Channel}}</td><td><span class="swatch {{.Class}}"></span>{{.Pillar}}</td><td>{{.Tactic}}</td><td>{{.Campaign}}</td><td>{{.Format}}</td><td>{{.Brief}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- with .Warnings}}
<h2>Warnings</h2>
<ul>{{range .}}<li>{{.Message}}</li>{{end}}</ul>
{{- end}}
</main>
`))

// listPage writes the plan as a list, a table a month, each post with its
// pillar's colour: the same colours, in the same order (the declared
// pillars first), as the month grid.
func listPage(cal *planner.Calendar) template.HTML {
	d := listData{Brand: cal.Brand, From: cal.From.String(), Last: cal.To.AddDays(-1).String(), Count: len(cal.Slots), Warnings: cal.Warnings}
	class := map[string]string{}
	addPillar := func(id, name string) {
		if _, ok := class[id]; ok || id == "" {
			return
		}
		class[id] = fmt.Sprintf("p%d", len(class)%pillarColours)
		if name == "" {
			name = id
		}
		d.Legend = append(d.Legend, listLegend{Name: name, Class: class[id]})
	}
	for _, p := range cal.Pillars {
		addPillar(p.ID, p.Name)
	}
	for _, s := range cal.Slots {
		addPillar(s.Pillar, s.PillarName)
	}
	for _, s := range cal.Slots {
		day, err := time.Parse("2006-01-02", s.Local[:min(10, len(s.Local))])
		if err != nil {
			continue
		}
		title := day.Format("January 2006")
		if n := len(d.Months); n == 0 || d.Months[n-1].Title != title {
			d.Months = append(d.Months, listMonth{Title: title})
		}
		p := listPost{Date: day.Format("Mon 2 Jan"), Channel: s.Channel, Pillar: s.PillarName, Class: class[s.Pillar],
			Tactic: s.TacticName, Campaign: s.Campaign, Format: s.Format, Brief: s.Brief}
		if len(s.Local) >= 16 {
			p.Time = s.Local[11:16]
		}
		if s.Timezone != cal.Timezone {
			p.Zone = s.Timezone
		}
		if p.Class == "" {
			p.Class = "px"
		}
		if p.Pillar == "" {
			p.Pillar = s.Pillar
		}
		m := &d.Months[len(d.Months)-1]
		m.Posts = append(m.Posts, p)
	}
	return fill(listTemplate, d)
}
