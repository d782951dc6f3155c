package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// The tactic KPIs of every format: a line per KPI with its target, how
// many executed occurrences met it and the mean, then (Markdown and HTML)
// a table per tactic with each occurrence's values. A KPI nothing could
// measure says why. Reports of strategies whose tactics declare no KPIs
// are as before.

// textTacticMissed is how many missed occurrences a text KPI line lists.
const textTacticMissed = 2

// hasTacticKPIs reports whether any tactic declares a KPI.
func hasTacticKPIs(ts []audit.TacticResult) bool {
	for _, t := range ts {
		if len(t.KPIs) > 0 {
			return true
		}
	}
	return false
}

// tacticKPILabel names a tactic KPI check, tactic:<id>:<metric>, for
// people: "stilsporsmal: comments per occurrence".
func tacticKPILabel(kpi string) (string, bool) {
	rest, ok := strings.CutPrefix(kpi, "tactic:")
	if !ok {
		return "", false
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return "", false
	}
	return rest[:i] + ": " + metricWords(rest[i+1:]) + " per occurrence", true
}

// metricWords writes a metric key as words: engagement_rate → engagement
// rate.
func metricWords(m string) string { return strings.ReplaceAll(m, "_", " ") }

// kpiValue writes a tactic KPI's value in its unit, a count to at most two
// decimals, a rate with the decimals it takes to tell it from the target:
// "46", "46.25", "3.95%" against 4%.
func kpiValue(v, target float64, unit string) string {
	switch {
	case !finite(v):
		return "n/a"
	case unit == "%":
		return fmtPctVs(&v, &target, mdAbsent)
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return numfmt.Int(int64(v))
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// kpiTarget writes a tactic KPI's target: "≥ 50 comments", "≥ 5.0%
// engagement rate".
func kpiTarget(k audit.TacticKPIResult) string {
	return "≥ " + kpiValue(k.Target, k.Target, k.Unit) + " " + metricWords(k.Metric)
}

// kpiOutcome sums a tactic KPI up over its measured occurrences: "6 of 12
// met (50.0%), mean 46" or "not measured: …".
func kpiOutcome(k audit.TacticKPIResult) string {
	if k.Measured == 0 {
		return "not measured: " + k.Reason
	}
	s := fmt.Sprintf("%d of %d met (%s), mean %s", k.Met, k.Measured, fmtPctPtr(k.Share, mdAbsent), kpiValue(*k.Mean, k.Target, k.Unit))
	if n := k.Occurrences - k.Measured; n > 0 {
		s += fmt.Sprintf("; %d not measured", n)
	}
	if k.Supplied > 0 {
		s += fmt.Sprintf("; %d supplied", k.Supplied)
	}
	return s
}

// kpiColumns are the KPIs of a tactic that have a value for at least one
// occurrence: the columns of its occurrence table.
func kpiColumns(t audit.TacticResult) []int {
	var cols []int
	for i, k := range t.KPIs {
		if k.Measured > 0 {
			cols = append(cols, i)
		}
	}
	return cols
}

// kpiCell writes an occurrence's value of a KPI with its outcome in words,
// marking a supplied value: "15 missed", "62 met (supplied)", "—".
func kpiCell(row audit.TacticKPIOccurrence, k audit.TacticKPIResult) (value, status string) {
	if row.Value == nil {
		return mdAbsent, ""
	}
	value = kpiValue(*row.Value, k.Target, k.Unit)
	if row.Source == "supplied" {
		value += " (supplied)"
	}
	return value, row.Status
}

// resultsFileLine sums up the tactic results file's rows.
func resultsFileLine(f *audit.TacticResultsFile) string {
	return fmt.Sprintf("%s read = %s used + %s outside the period + %s rejected", numfmt.Int(f.Read), numfmt.Int(f.Used),
		numfmt.Int(f.OutsidePeriod), numfmt.Int(f.Rejected))
}

// tacticKPIs writes a line per tactic KPI, with the occurrences that
// missed it; the verdict above already has each KPI's mean.
func (t *textReport) tacticKPIs(r *audit.Report) {
	if !hasTacticKPIs(r.Tactics) {
		return
	}
	t.printf("\nTactic KPIs, per executed occurrence:\n")
	var rows [][]string
	for _, tc := range r.Tactics {
		for _, k := range tc.KPIs {
			var missed []string
			for _, row := range k.Rows {
				if row.Status == audit.StatusMissed {
					missed = append(missed, fmt.Sprintf("%s %s (%s)", row.Date, t.names.channel(row.Channel), kpiValue(*row.Value, k.Target, k.Unit)))
				}
			}
			out := kpiOutcome(k)
			if len(missed) > 0 {
				out += "; missed " + listSome(missed, textTacticMissed, termText)
			}
			rows = append(rows, []string{termText(labelOf(tc.Name, tc.Tactic)), termText(kpiTarget(k)), termText(out)})
		}
	}
	t.cols(rows, nil)
	if f := r.TacticResults; f != nil {
		t.printf("  Tactic results in %s: %s\n", termText(f.File), resultsFileLine(f))
		shown := f.Rejects[:min(len(f.Rejects), textRejects)]
		for _, rj := range shown {
			t.printf("    line %d: %s\n", rj.Line, termText(rj.Reason))
		}
		if more := f.Rejected - int64(len(shown)); more > 0 && len(shown) > 0 {
			t.printf("    … %s more rejected\n", numfmt.Int(more))
		}
	}
}

func (m *mdReport) tacticKPIs(r *audit.Report) {
	if !hasTacticKPIs(r.Tactics) {
		return
	}
	m.section("Tactic KPIs")
	m.para("Each tactic KPI's target is per occurrence. An executed occurrence's value is the metric summed over the posts tagged with the tactic on its channel and day (engagement rate by the engagement definition), or the value supplied in the tactic results file, which wins.")
	var rows [][]string
	for _, tc := range r.Tactics {
		for _, k := range tc.KPIs {
			rows = append(rows, []string{mdEscape(labelOf(tc.Name, tc.Tactic)), mdEscape(kpiTarget(k)), mdKPIResult(k), mdEscape(kpiOutcome(k))})
		}
	}
	m.table([]string{"tactic", "target per occurrence", "result", "occurrences"}, nil, rows)
	for _, tc := range r.Tactics {
		cols := kpiColumns(tc)
		if len(cols) == 0 {
			continue
		}
		m.para("%s, by occurrence:", mdEscape(labelOf(tc.Name, tc.Tactic)))
		head := []string{"date", "channel", "tagged posts"}
		align := []string{"", "", "---:"}
		for _, c := range cols {
			head = append(head, mdEscape(kpiTarget(tc.KPIs[c])))
			align = append(align, "---:")
		}
		var rows [][]string
		for j, row := range tc.KPIs[cols[0]].Rows {
			cells := []string{row.Date.String(), m.channel(row.Channel), numfmt.Int(row.Posts)}
			for _, c := range cols {
				k := tc.KPIs[c]
				v, st := kpiCell(k.Rows[j], k)
				cells = append(cells, mdEscape(v)+mdStatus(st))
			}
			rows = append(rows, cells)
		}
		m.table(head, align, rows)
	}
	if f := r.TacticResults; f != nil {
		m.para("Tactic results in %s: %s.", mdEscape(f.File), resultsFileLine(f))
		if len(f.Rejects) > 0 {
			rows := make([][]string, len(f.Rejects))
			for i, rj := range f.Rejects {
				rows[i] = []string{fmt.Sprint(rj.Line), mdEscape(rj.Reason)}
			}
			m.table([]string{"line", "reason"}, []string{"---:"}, rows)
		}
	}
}

// mdKPIResult is a tactic KPI's result as the verdict gives it: the mean
// against the target.
func mdKPIResult(k audit.TacticKPIResult) string {
	if k.Mean == nil {
		return "➖ not measured"
	}
	return mdMet(*k.Mean >= k.Target)
}

// mdStatus marks an occurrence's outcome with a sign.
func mdStatus(st string) string {
	switch st {
	case audit.StatusMet:
		return " ✅"
	case audit.StatusMissed:
		return " ❌"
	}
	return ""
}

// TacticKPIRows are the rows of the HTML summary of tactic KPIs.
func (v *auditView) TacticKPIRows() []tacticKPIRow {
	var out []tacticKPIRow
	for _, tc := range v.R.Tactics {
		for _, k := range tc.KPIs {
			row := tacticKPIRow{Tactic: labelOf(tc.Name, tc.Tactic), Target: kpiTarget(k), Outcome: kpiOutcome(k), Measured: k.Mean != nil}
			row.Met = row.Measured && *k.Mean >= k.Target
			out = append(out, row)
		}
	}
	return out
}

type tacticKPIRow struct {
	Tactic, Target, Outcome string
	Measured, Met           bool
}

// TacticKPITables are the HTML occurrence tables, one per tactic with a
// measured KPI.
func (v *auditView) TacticKPITables() []tacticKPITable {
	var out []tacticKPITable
	for _, tc := range v.R.Tactics {
		cols := kpiColumns(tc)
		if len(cols) == 0 {
			continue
		}
		tb := tacticKPITable{Tactic: labelOf(tc.Name, tc.Tactic)}
		for _, c := range cols {
			tb.Head = append(tb.Head, kpiTarget(tc.KPIs[c]))
		}
		for j, row := range tc.KPIs[cols[0]].Rows {
			r := tacticKPIOccRow{Date: row.Date.String(), Channel: v.Channel(row.Channel), Posts: numfmt.Int(row.Posts)}
			for _, c := range cols {
				k := tc.KPIs[c]
				val, st := kpiCell(k.Rows[j], k)
				r.Cells = append(r.Cells, tacticKPICell{Value: val, Status: st})
			}
			tb.Rows = append(tb.Rows, r)
		}
		out = append(out, tb)
	}
	return out
}

type tacticKPITable struct {
	Tactic string
	Head   []string
	Rows   []tacticKPIOccRow
}

type tacticKPIOccRow struct {
	Date, Channel, Posts string
	Cells                []tacticKPICell
}

type tacticKPICell struct{ Value, Status string }

// ResultsFileLine sums up the tactic results file for the page.
func (v *auditView) ResultsFileLine() string {
	if v.R.TacticResults == nil {
		return ""
	}
	return resultsFileLine(v.R.TacticResults)
}

// auditTacticsTemplate is the HTML of the tactic KPIs, inside the tactics
// section.
const auditTacticsTemplate = `{{define "tactickpis"}}{{with .TacticKPIRows}}
<h3 id="tactic-kpis">Tactic KPIs</h3>
<p>Each target is per occurrence. An executed occurrence's value is the metric summed over the posts tagged with the tactic on its channel and day (engagement rate by the engagement definition), or the value supplied in the tactic results file, which wins.</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">tactic</th><th scope="col">target per occurrence</th><th scope="col">result</th><th scope="col">occurrences</th></tr></thead>
<tbody>
{{- range .}}
<tr><th scope="row" class="text">{{.Tactic}}</th><td>{{.Target}}</td><td>{{if .Measured}}{{template "result" .Met}}{{else}}<span class="nowrap">not measured</span>{{end}}</td><td class="text">{{.Outcome}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- range .TacticKPITables}}
<p>{{.Tactic}}, by occurrence:</p>
<div class="scroll">
<table>
<thead><tr><th scope="col">date</th><th scope="col">channel</th><th scope="col" class="num">tagged posts</th>{{range .Head}}<th scope="col" class="num">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{- range .Rows}}
<tr><td class="nowrap">{{.Date}}</td><td>{{.Channel}}</td><td class="num">{{.Posts}}</td>{{range .Cells}}<td class="num">{{.Value}}{{if eq .Status "met"}} <span class="good">✓</span>{{else if eq .Status "missed"}} <span class="bad">✗</span>{{end}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- with .R.TacticResults}}
<p>Tactic results in <code>{{.File}}</code>: {{$.ResultsFileLine}}.</p>
{{- with .Rejects}}
<div class="scroll">
<table>
<thead><tr><th scope="col" class="num">line</th><th scope="col">reason</th></tr></thead>
<tbody>
{{- range .}}
<tr><td class="num">{{.Line}}</td><td class="text">{{.Reason}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- end}}
{{- end}}`
