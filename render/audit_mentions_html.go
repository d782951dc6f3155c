package render

import (
	"fmt"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// htmlTable is a table of the page built in Go: plain text cells that the
// template escapes, the first cell of a row a header. Num marks the
// right-aligned columns; rows from TotalFrom on are totals.
type htmlTable struct {
	Caption   string
	Head      []string
	Rows      [][]string
	Num       map[int]bool
	TotalFrom int
	Untapped  []bool // per row of a voices table
}

// htmlMentions is what the sentiment, volume and voices sections show.
type htmlMentions struct {
	SentimentLine string
	CeilingMet    *bool
	Target        *float64
	Sentiment     []htmlTable
	Responses     htmlTable
	VolumeLine    string
	Volume        htmlTable
	Grid          htmlTable
	Voices        bool
	VoicesLine    string
	VoiceTables   []htmlTable
}

// Mentions lays out the three sections; nil without a mention log.
func (v *auditView) Mentions() *htmlMentions {
	s := v.R.Sentiment
	if s == nil {
		return nil
	}
	h := &htmlMentions{SentimentLine: sentimentLine(s), Target: s.Target, CeilingMet: ceilingMet(s.Overall.NegativeShare, s.Target)}
	numFrom1 := map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true}
	captions, tables := sentimentTables(s, v.names.channel)
	for i, rows := range tables {
		h.Sentiment = append(h.Sentiment, htmlTable{Caption: "Sentiment by " + captions[i], Head: append([]string{captions[i]}, sentimentHead...),
			Rows: rows, Num: numFrom1, TotalFrom: len(rows)})
	}
	rows := sentimentResponseRows(s)
	h.Responses = htmlTable{Caption: "Response times by sentiment", Head: sentimentResponseHead, Rows: rows, Num: numFrom1, TotalFrom: len(rows)}
	if vol := v.R.Volume; vol != nil {
		h.VolumeLine = volumeLine(vol)
		head, rows := volumeTable(vol, v.names.channel)
		num := map[int]bool{}
		for i := 1; i < len(head); i++ {
			num[i] = true
		}
		h.Volume = htmlTable{Caption: "Mentions per week", Head: head, Rows: rows, Num: num, TotalFrom: len(rows) - 2}
		h.Grid = hourGrid(vol)
	}
	if vc := v.R.Voices; vc != nil {
		h.Voices, h.VoicesLine = true, voicesLine(vc)
		for _, l := range []struct {
			title string
			list  []audit.Voice
		}{{"Most mentions", vc.MostMentions}, {"Largest audience", vc.LargestAudience}} {
			t := htmlTable{Caption: l.title, Head: voiceHead, Num: map[int]bool{2: true, 3: true}}
			for _, x := range l.list {
				t.Rows = append(t.Rows, voiceRow(x, v.names.channel))
				t.Untapped = append(t.Untapped, x.Untapped)
			}
			t.TotalFrom = len(t.Rows)
			h.VoiceTables = append(h.VoiceTables, t)
		}
	}
	return h
}

// hourGrid is the 7 × 24 grid of mentions by weekday and hour; an hour
// without mentions is left blank so the busy ones stand out.
func hourGrid(v *audit.VolumeReport) htmlTable {
	t := htmlTable{Caption: "Mentions by weekday and hour, on each channel's clock", Head: []string{"day"}, Num: map[int]bool{}}
	for h := range 24 {
		t.Head = append(t.Head, fmt.Sprintf("%02d", h))
		t.Num[h+1] = true
	}
	for d, name := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		row := []string{name}
		for h := range 24 {
			c := ""
			if n := v.Grid[d][h]; n > 0 {
				c = numfmt.Int(n)
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	t.TotalFrom = len(t.Rows)
	return t
}

// auditMentionsTemplate defines the sections, parsed with auditTemplate.
const auditMentionsTemplate = `{{define "mentions"}}{{with .Mentions}}
<section id="sentiment">
<h2>Sentiment</h2>
<p>{{.SentimentLine}}{{with .Target}} Ceiling {{pct .}}{{end}}{{with .CeilingMet}}: {{template "result" (deref .)}}{{end}}{{if .Target}}.{{end}}</p>
{{- range .Sentiment}}{{template "gotable" .}}{{end}}
{{- template "gotable" .Responses}}
</section>
{{- if .VolumeLine}}
<section id="volume">
<h2>Mention volume</h2>
<p>{{.VolumeLine}}</p>
{{- template "gotable" .Volume}}
{{- template "gotable" .Grid}}
</section>
{{- end}}
<section id="voices">
<h2>Voices</h2>
{{- if .Voices}}
<p>{{.VoicesLine}}</p>
{{- range .VoiceTables}}{{template "gotable" .}}{{end}}
{{- else}}
<p>The mention log has no author, so who writes the mentions is not known.</p>
{{- end}}
</section>
{{- end}}{{end}}
{{define "gotable"}}{{$t := .}}
<div class="scroll">
<table class="compact">
<caption>{{.Caption}}</caption>
<thead><tr>{{range $i, $h := .Head}}<th scope="col"{{if index $t.Num $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- range $r, $row := .Rows}}
<tr{{if ge $r $t.TotalFrom}} class="total"{{end}}>{{range $i, $c := $row}}{{if eq $i 0}}<th scope="row" class="text">{{$c}}</th>{{else if and $t.Untapped (eq $i 4) (index $t.Untapped $r)}}<td><strong>{{$c}}</strong></td>{{else}}<td{{if index $t.Num $i}} class="num"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}`
