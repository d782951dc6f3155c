package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// The audit page's charts are inline SVG laid out here, in Go: every
// coordinate is computed and written with at most one decimal, so the same
// report gives the same bytes, and the page needs no script. Each chart
// has a title and a description in words (every value it shows) for
// screen readers, and the tables beside it hold the same numbers.

// svgChart is one chart, ready for the template.
type svgChart struct {
	// ID prefixes the ids of the chart's title and description.
	ID            string
	Title, Desc   string
	Width, Height int
	Lines         []svgLine
	Bars          []svgBar
	Texts         []svgText
	Legend        []svgLegend
}

type svgLine struct{ X1, Y1, X2, Y2, Class string }

// svgBar is a rectangle with a tooltip.
type svgBar struct{ X, Y, W, H, Class, Tip string }

// svgText is a label; Rotate turns it a quarter anticlockwise about its
// anchor (the y axis title).
type svgText struct {
	X, Y, Anchor, Class, Text string
	Rotate                    bool
}

// svgLegend is one entry of the legend under a chart.
type svgLegend struct{ Class, Label string }

// coord writes a coordinate with at most one decimal.
func coord(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// niceScale picks the top of an axis and the step between its ticks: a
// step of 1, 2 or 5 times a power of ten, at least 1, giving about ticks
// steps up to a top that is at least maxV.
func niceScale(maxV float64, ticks int) (top, step float64) {
	if !(maxV > 0) || math.IsInf(maxV, 0) {
		return 1, 1
	}
	raw := maxV / float64(ticks)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	step = math.Max(step, 1)
	return math.Ceil(maxV/step) * step, step
}

// shorten cuts a label to n runes, ending it in an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// barSeries is one set of bars of a column chart.
type barSeries struct {
	Name, Class string
	Values      []float64
}

// Column chart geometry, in SVG user units.
const (
	chartWidth   = 640
	columnHeight = 260
	columnLeft   = 52
	columnRight  = 12
	columnTop    = 14
	columnBottom = 50
	maxXLabels   = 14
)

// columnChart lays out a chart of vertical bars, one group per label with
// a bar per series, a y axis of counts with gridlines, and both axes
// titled. With many groups only every n-th group is labelled.
func columnChart(id, title, desc, xTitle, yTitle string, labels []string, series []barSeries, tip func(group, series int) string) *svgChart {
	c := &svgChart{ID: id, Title: title, Desc: desc, Width: chartWidth, Height: columnHeight}
	plotW := float64(chartWidth - columnLeft - columnRight)
	plotH := float64(columnHeight - columnTop - columnBottom)
	bottom := float64(columnTop) + plotH
	maxV := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			if finite(v) {
				maxV = math.Max(maxV, v)
			}
		}
	}
	top, step := niceScale(maxV, 6)
	for v := 0.0; v <= top+step/2; v += step {
		y := bottom - v/top*plotH
		c.Lines = append(c.Lines, svgLine{X1: coord(columnLeft), Y1: coord(y), X2: coord(columnLeft + plotW), Y2: coord(y), Class: "grid"})
		c.Texts = append(c.Texts, svgText{X: coord(columnLeft - 6), Y: coord(y + 4), Anchor: "end", Text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	n := len(labels)
	if n > 0 {
		gw := plotW / float64(n)
		inner := gw * 0.8
		bw := inner / float64(max(1, len(series)))
		every := (n + maxXLabels - 1) / maxXLabels
		for i, label := range labels {
			x0 := float64(columnLeft) + float64(i)*gw + (gw-inner)/2
			for k, s := range series {
				v := 0.0
				if i < len(s.Values) && finite(s.Values[i]) && s.Values[i] > 0 {
					v = s.Values[i]
				}
				h := v / top * plotH
				c.Bars = append(c.Bars, svgBar{X: coord(x0 + float64(k)*bw), Y: coord(bottom - h), W: coord(bw * 0.92), H: coord(h),
					Class: s.Class, Tip: tip(i, k)})
			}
			if i%every == 0 {
				c.Texts = append(c.Texts, svgText{X: coord(float64(columnLeft) + (float64(i)+0.5)*gw), Y: coord(bottom + 16), Anchor: "middle",
					Text: shorten(label, 10)})
			}
		}
	}
	c.Lines = append(c.Lines, svgLine{X1: coord(columnLeft), Y1: coord(bottom), X2: coord(columnLeft + plotW), Y2: coord(bottom), Class: "axis"})
	c.Texts = append(c.Texts,
		svgText{X: coord(columnLeft + plotW/2), Y: coord(columnHeight - 8), Anchor: "middle", Class: "title", Text: xTitle},
		svgText{X: coord(14), Y: coord(columnTop + plotH/2), Anchor: "middle", Class: "title", Text: yTitle, Rotate: true})
	for _, s := range series {
		c.Legend = append(c.Legend, svgLegend{Class: s.Class, Label: s.Name})
	}
	return c
}

// cadenceChart shows planned and published posts per week across channels.
func cadenceChart(totals []audit.WeekTotal) *svgChart {
	if len(totals) == 0 {
		return nil
	}
	labels := make([]string, len(totals))
	planned := barSeries{Name: "planned", Class: "planned", Values: make([]float64, len(totals))}
	published := barSeries{Name: "published", Class: "published", Values: make([]float64, len(totals))}
	var desc []string
	var sumP, sumD int64
	for i, t := range totals {
		labels[i] = weekLabel(t.Week)
		planned.Values[i] = float64(t.Planned)
		published.Values[i] = float64(t.Published)
		sumP += int64(t.Planned)
		sumD += t.Published
		desc = append(desc, fmt.Sprintf("%s: %s planned, %s published", t.Week, numfmt.Int(t.Planned), numfmt.Int(t.Published)))
	}
	return columnChart("chart-cadence", "Planned and published posts per week",
		fmt.Sprintf("%s planned and %s published across channels in %s. %s.", numfmt.Int(sumP), numfmt.Int(sumD),
			numfmt.Count(len(totals), "week", "weeks"), strings.Join(desc, "; ")),
		"ISO week", "posts", labels, []barSeries{planned, published},
		func(g, s int) string {
			t := totals[g]
			if s == 0 {
				return fmt.Sprintf("%s: %s planned", t.Week, numfmt.Int(t.Planned))
			}
			return fmt.Sprintf("%s: %s published", t.Week, numfmt.Int(t.Published))
		})
}

// responseChart shows how many answered mentions fall in each bucket of
// response time.
func responseChart(h []audit.Bucket) *svgChart {
	if len(h) == 0 {
		return nil
	}
	labels := make([]string, len(h))
	s := barSeries{Name: "answered mentions", Class: "published", Values: make([]float64, len(h))}
	desc := make([]string, len(h))
	for i, b := range h {
		labels[i] = b.Label
		s.Values[i] = float64(b.Count)
		desc[i] = fmt.Sprintf("%s: %s", b.Label, numfmt.Int(b.Count))
	}
	return columnChart("chart-responses", "Response times of answered mentions",
		"Answered mentions by response time. "+strings.Join(desc, "; ")+".",
		"response time", "mentions", labels, []barSeries{s},
		func(g, _ int) string {
			return fmt.Sprintf("%s: %s", h[g].Label, numfmt.Count(h[g].Count, "mention", "mentions"))
		})
}

// Mix chart geometry.
const (
	mixLabel  = 150 // width of the pillar names
	mixRight  = 60  // room for the value after the longest bar
	mixTop    = 10
	mixRow    = 40
	mixBar    = 14
	mixBottom = 40
)

// mixChart shows each pillar's target and actual share as a pair of
// horizontal bars: the target grey, the actual in the pillar's colour.
func mixChart(ps []audit.PillarShare) *svgChart {
	if len(ps) == 0 {
		return nil
	}
	h := mixTop + len(ps)*mixRow + mixBottom
	c := &svgChart{ID: "chart-mix", Title: "Pillar mix: target and actual share", Width: chartWidth, Height: h}
	plotW := float64(chartWidth - mixLabel - mixRight)
	maxV := 0.0
	desc := make([]string, len(ps))
	for i, p := range ps {
		maxV = math.Max(maxV, math.Max(finiteOr0(p.Target), finiteOr0(p.Actual)))
		desc[i] = fmt.Sprintf("%s: target %s, actual %s (%s)", labelOf(p.Name, p.Pillar), fmtPct(p.Target), fmtPct(p.Actual), fmtPP(p.Delta))
	}
	c.Desc = "Share of classified posts per pillar, target against actual. " + strings.Join(desc, "; ") + "."
	top, step := niceScale(math.Min(maxV, 100), 5)
	bottom := float64(mixTop + len(ps)*mixRow)
	for v := 0.0; v <= top+step/2; v += step {
		x := mixLabel + v/top*plotW
		c.Lines = append(c.Lines, svgLine{X1: coord(x), Y1: coord(mixTop), X2: coord(x), Y2: coord(bottom), Class: "grid"})
		c.Texts = append(c.Texts, svgText{X: coord(x), Y: coord(bottom + 16), Anchor: "middle", Text: strconv.FormatFloat(v, 'f', -1, 64) + "%"})
	}
	for i, p := range ps {
		name := labelOf(p.Name, p.Pillar)
		y := float64(mixTop + i*mixRow + 4)
		bar := func(v float64, y float64, class, tip string) {
			w := math.Min(finiteOr0(v), top) / top * plotW
			c.Bars = append(c.Bars, svgBar{X: coord(mixLabel), Y: coord(y), W: coord(w), H: coord(mixBar), Class: class, Tip: tip})
			c.Texts = append(c.Texts, svgText{X: coord(mixLabel + w + 4), Y: coord(y + mixBar - 2), Anchor: "start", Class: "value", Text: fmtPct(v)})
		}
		bar(p.Target, y, "target", fmt.Sprintf("%s: target %s", name, fmtPct(p.Target)))
		bar(p.Actual, y+mixBar+2, fmt.Sprintf("actual c%d", i%pillarColours), fmt.Sprintf("%s: actual %s (%s)", name, fmtPct(p.Actual), fmtPP(p.Delta)))
		c.Texts = append(c.Texts, svgText{X: coord(mixLabel - 8), Y: coord(y + mixBar + 5), Anchor: "end", Text: shorten(name, 20)})
	}
	c.Lines = append(c.Lines, svgLine{X1: coord(mixLabel), Y1: coord(mixTop), X2: coord(mixLabel), Y2: coord(bottom), Class: "axis"})
	c.Texts = append(c.Texts, svgText{X: coord(mixLabel + plotW/2), Y: coord(float64(h) - 6), Anchor: "middle", Class: "title", Text: "share of classified posts"})
	c.Legend = []svgLegend{{Class: "target", Label: "target"}, {Class: "actual c0", Label: "actual (a colour per pillar)"}}
	return c
}

func finiteOr0(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return v
}
