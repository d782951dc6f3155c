package audit

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/strategy"
)

// KPITactics is the --fail-on key that counts every tactic KPI; a single
// one is counted by its own key, TacticKPIKey.
const KPITactics = "tactics"

// TacticKPIKey is the verdict's key of a tactic KPI: tactic:<id>:<metric>.
func TacticKPIKey(tactic, metric string) string { return "tactic:" + tactic + ":" + metric }

// tacticKPIs holds what the audit measures of the tactics' own KPIs: an
// accumulator per planned occurrence and the values supplied in the
// results file. Both are sized by the plan (occurrences × KPIs), never by
// the rows.
type tacticKPIs struct {
	occ      []occMetrics // per planned occurrence, as a.occs
	none     bool         // no tactic declares a KPI: nothing to measure
	supplied map[suppliedKey]float64
	results  *TacticResultsFile
}

// occMetrics sums the metrics of the posts tagged with a tactic on one
// occurrence's channel and day.
type occMetrics struct {
	posts int64
	sum   [NumMetrics]int64
	has   [NumMetrics]int64 // posts that gave the metric
	eng   engTotals
}

type suppliedKey struct {
	occ    int
	metric string
}

// anyTacticKPI reports whether a tactic declares a KPI.
func anyTacticKPI(s *strategy.Strategy) bool {
	for i := range s.Tactics {
		if len(s.Tactics[i].KPIs) > 0 {
			return true
		}
	}
	return false
}

// measureOcc adds a used post tagged with a tactic to occurrence oi.
func (a *auditor) measureOcc(oi int, p *Post) {
	if a.tk.occ == nil {
		if a.tk.none || !anyTacticKPI(a.s) {
			a.tk.none = true
			return
		}
		a.tk.occ = make([]occMetrics, len(a.occs))
	}
	m := &a.tk.occ[oi]
	m.posts++
	for k := Metric(0); k < NumMetrics; k++ {
		if p.HasMetric(k) {
			m.sum[k] += p.Metrics[k]
			m.has[k]++
		}
	}
	var eng int64
	for _, k := range a.interactions {
		eng += p.Metrics[k]
	}
	den := p.Metrics[a.denominator]
	m.eng.add(eng, den, p.HasMetric(a.denominator) && den > 0)
}

// historyValue is occurrence oi's value of metric from its posts, and how
// many posts gave it; nil when none did or the history cannot give the
// metric.
func (a *auditor) historyValue(oi int, metric string) (v *float64, with int64) {
	if a.tk.occ == nil || !slices.Contains(strategy.MeasuredTacticMetrics, metric) {
		return nil, 0
	}
	m := &a.tk.occ[oi]
	if metric == KPIEngagement {
		return m.eng.rate(a.meanOfPosts), m.eng.posts
	}
	k, ok := MetricByName(metric)
	if !ok || m.has[k] == 0 {
		return nil, 0
	}
	return ptr(float64(m.sum[k])), m.has[k]
}

// tacticKPIResults fills each tactic's KPIs and adds a verdict check per
// tactic KPI, after the strategy's own KPIs.
func (a *auditor) tacticKPIResults(r *Report) {
	r.TacticResults = a.tk.results
	order := make([]int, len(a.occs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		x, y := a.occs[order[i]], a.occs[order[j]]
		if x.day != y.day {
			return x.day < y.day
		}
		return x.channel < y.channel
	})
	for ti, t := range a.s.Tactics {
		tr := &r.Tactics[ti]
		tr.KPIs = []TacticKPIResult{}
		for _, k := range t.KPIs {
			kr := a.tacticKPI(ti, k, order)
			tr.KPIs = append(tr.KPIs, kr)
			a.addCheck(&r.Verdict, tacticCheck(t, tr, &kr))
		}
	}
}

func (a *auditor) tacticKPI(ti int, k strategy.TacticKPI, order []int) TacticKPIResult {
	kr := TacticKPIResult{Metric: k.Metric, Target: k.Target, Rows: []TacticKPIOccurrence{}}
	kr.FromHistory = slices.Contains(strategy.MeasuredTacticMetrics, k.Metric)
	if k.Metric == KPIEngagement {
		kr.Unit = "%"
	}
	var sum float64
	planned := 0
	for _, oi := range order {
		o := a.occs[oi]
		if o.tactic != ti {
			continue
		}
		planned++
		if !o.done {
			continue
		}
		kr.Occurrences++
		row := TacticKPIOccurrence{Date: a.opt.From.AddDays(o.day), Channel: a.channels[o.channel].c.ID}
		if a.tk.occ != nil {
			row.Posts = a.tk.occ[oi].posts
		}
		v, with := a.historyValue(oi, k.Metric)
		row.WithMetric = with
		if sv, ok := a.tk.supplied[suppliedKey{oi, k.Metric}]; ok {
			v = ptr(sv)
			row.Source = "supplied"
			kr.Supplied++
		} else if v != nil {
			row.Source = "history"
		}
		switch {
		case v != nil:
			row.Value = v
			kr.Measured++
			sum += *v
			if *v >= k.Target {
				row.Status = StatusMet
				kr.Met++
			} else {
				row.Status = StatusMissed
				kr.Missed++
			}
		case !kr.FromHistory:
			row.Status = StatusNotMeasured
			row.Reason = fmt.Sprintf("the post history has no %s; supply it per occurrence with --tactic-results", k.Metric)
		case k.Metric == KPIEngagement:
			row.Status = StatusNotMeasured
			row.Reason = fmt.Sprintf("no post of the occurrence has %s above zero", a.denominator)
		default:
			row.Status = StatusNotMeasured
			row.Reason = fmt.Sprintf("no post of the occurrence has %s", k.Metric)
		}
		kr.Rows = append(kr.Rows, row)
	}
	if kr.Measured > 0 {
		kr.Share = percent(int64(kr.Met), int64(kr.Measured))
		kr.Mean = ptr(sum / float64(kr.Measured))
		return kr
	}
	switch {
	case planned == 0:
		kr.Reason = "the tactic has no occurrence planned in the period"
	case kr.Occurrences == 0:
		kr.Reason = "no occurrence of the tactic was executed"
	case !kr.FromHistory:
		kr.Reason = fmt.Sprintf("the post history has no %s; supply it per occurrence with --tactic-results", k.Metric)
	case k.Metric == KPIEngagement:
		kr.Reason = fmt.Sprintf("no post of the tactic's occurrences has %s above zero", a.denominator)
	default:
		kr.Reason = fmt.Sprintf("no post of the tactic's occurrences has %s", k.Metric)
	}
	return kr
}

// tacticCheck is a tactic KPI in the verdict: the per-occurrence target
// against the mean value over the measured occurrences, as
// clicks_per_week compares a weekly target with the mean week; the detail
// says how many occurrences met it.
func tacticCheck(t strategy.Tactic, tr *TacticResult, kr *TacticKPIResult) Check {
	c := Check{KPI: TacticKPIKey(t.ID, kr.Metric), Target: kr.Target, Unit: kr.Unit, Actual: kr.Mean}
	name := t.Name
	if name == "" {
		name = t.ID
	}
	if kr.Mean == nil {
		c.Detail = name + ": not measured: " + kr.Reason
		return c
	}
	c.Met = *kr.Mean >= kr.Target
	c.Detail = fmt.Sprintf("%s: mean %s per occurrence; %d of %s reached %s (%s)", name, tacticMetricPhrase(kr.Metric, *kr.Mean, kr.Unit),
		kr.Met, numfmt.Count(int64(kr.Measured), "measured occurrence", "measured occurrences"), tacticMetricPhrase(kr.Metric, kr.Target, kr.Unit), pctText(kr.Share))
	if n := kr.Occurrences - kr.Measured; n > 0 {
		c.Detail += fmt.Sprintf("; %d not measured", n)
	}
	if kr.Supplied > 0 {
		c.Detail += fmt.Sprintf("; %d supplied", kr.Supplied)
	}
	if miss := tr.Planned - tr.Executed; miss > 0 {
		c.Detail += fmt.Sprintf("; %d of %d planned not executed", miss, tr.Planned)
	}
	return c
}

// tacticMetricPhrase writes a value with its metric: "212 comments",
// "4.1% engagement rate".
func tacticMetricPhrase(metric string, v float64, unit string) string {
	if unit == "%" {
		return fmt.Sprintf("%.1f%% %s", v, strings.ReplaceAll(metric, "_", " "))
	}
	return numfmt.Int(int64(math.Round(v))) + " " + strings.ReplaceAll(metric, "_", " ")
}

func pctText(p *float64) string {
	if p == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", *p)
}

// addCheck adds a check to the verdict by the verdict's rules: measured
// when it has an actual value, failing the audit when measured, missed and
// counted by --fail-on.
func (a *auditor) addCheck(v *Verdict, c Check) {
	c.Counted = a.opt.FailOn == nil || slices.Contains(a.opt.FailOn, c.KPI) ||
		(strings.HasPrefix(c.KPI, "tactic:") && slices.Contains(a.opt.FailOn, KPITactics))
	c.Measured = c.Actual != nil
	c.Met = c.Measured && c.Met
	if c.Measured && !c.Met && c.Counted {
		v.Pass = false
	}
	v.Checks = append(v.Checks, c)
}
