package render

import (
	"fmt"
	"math"

	"github.com/pillar-strategy/pillar/audit"
)

// htmlCompare is the comparison section of the audit page.
type htmlCompare struct {
	Intro, Previous, Current string
	Rows                     []htmlCompareRow
}

// htmlCompareRow is one headline figure: its values and change as text,
// and a paired bar (previous above, current below, on the figure's own
// scale) whose label says the same in words.
type htmlCompareRow struct {
	Label, Previous, Current, Change string
	// Class is "good" or "bad" for an improvement or a setback, else "".
	Class string
	// Bar is nil when the figure is not measured in either period.
	Bar *pairBar
}

// pairBar is the geometry of a paired bar, in SVG user units.
type pairBar struct {
	ID             string // the id of its title
	Alt            string // the text alternative, in its title
	PrevW, CurW    string
	NoData         bool // no previous bar: the files do not reach the period
	Width, BarMaxW int
}

// Paired bar geometry: a small chart in a table cell.
const (
	pairWidth = 120
	pairBarW  = 116
)

// compareView lays out the comparison for the page; nil without one.
func compareView(r *audit.Report) *htmlCompare {
	c := r.Compare
	if c == nil {
		return nil
	}
	v := &htmlCompare{Intro: compareIntro(r), Previous: comparePeriodText(c), Current: period(r)}
	for _, f := range c.Figures {
		row := htmlCompareRow{Label: f.Label, Previous: figurePrevious(f), Current: figureValue(f, f.Current, "not measured"), Change: figureChange(f)}
		if g := figureGood(f); g != nil {
			row.Class = map[bool]string{true: "good", false: "bad"}[*g]
		}
		if row.Bar = pairBarOf(f, v.Previous, v.Current); row.Bar != nil {
			row.Bar.ID = fmt.Sprintf("compare-bar-%d", len(v.Rows)+1)
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// pairBarOf scales a figure's two values to the larger of them; negative
// values (a loss of followers) are drawn as empty bars, their numbers are
// in the text.
func pairBarOf(f audit.Figure, prevPeriod, curPeriod string) *pairBar {
	val := func(p *float64) float64 {
		if p == nil || !finite(*p) || *p < 0 {
			return 0
		}
		return *p
	}
	if f.Current == nil && (f.Previous == nil || f.NoData) {
		return nil
	}
	prev, cur := val(f.Previous), val(f.Current)
	if f.NoData {
		prev = 0
	}
	top := math.Max(prev, cur)
	w := func(v float64) string {
		if top == 0 {
			return "0"
		}
		return coord(v / top * pairBarW)
	}
	return &pairBar{
		Alt:   fmt.Sprintf("%s: %s in %s, %s in %s", f.Label, figurePrevious(f), prevPeriod, figureValue(f, f.Current, "not measured"), curPeriod),
		PrevW: w(prev), CurW: w(cur), NoData: f.NoData, Width: pairWidth, BarMaxW: pairBarW,
	}
}

// auditCompareTemplate is the comparison section; the page template
// places it after the verdict.
const auditCompareTemplate = `{{define "compare"}}{{with .Compare}}
<section id="compare">
<h2>Compared with {{.Previous}}</h2>
<p>{{.Intro}}</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">figure</th><th scope="col" class="num">{{.Previous}}</th><th scope="col" class="num">{{.Current}}</th><th scope="col" class="num">change</th><th scope="col">previous and current</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><th scope="row">{{.Label}}</th><td class="num">{{.Previous}}</td><td class="num">{{.Current}}</td><td class="num">{{if .Class}}<span class="{{.Class}}">{{.Change}}</span>{{else}}{{.Change}}{{end}}</td><td>{{with .Bar}}<svg viewBox="0 0 {{.Width}} 22" width="{{.Width}}" height="22" role="img" aria-labelledby="{{.ID}}"><title id="{{.ID}}">{{.Alt}}</title>{{if .NoData}}<rect class="grid" x="0" y="2" width="{{.BarMaxW}}" height="8" fill="none" stroke-dasharray="3 2"/>{{else}}<rect class="planned" x="0" y="2" width="{{.PrevW}}" height="8"/>{{end}}<rect class="published" x="0" y="12" width="{{.CurW}}" height="8"/></svg>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
<p class="note"><svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect class="planned" width="10" height="10"/></svg> {{.Previous}} · <svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><rect class="published" width="10" height="10"/></svg> {{.Current}}; a dashed outline marks no data. Percentages change in percentage points (pp).</p>
</section>
{{- end}}{{end}}`
