package schema

import (
	"slices"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkTacticKPIs finds tactic KPI metrics that look like a metric pillar
// audit measures from the post history (strategy.MeasuredTacticMetrics)
// but are written otherwise: "comment", "Comments", "engagement rate". Any
// metric is allowed, since the others are supplied in a tactic results
// file; a near miss, though, is most likely meant to be measured, and as
// written it never is.
func checkTacticKPIs(c *checker) {
	for i, t := range c.s.Tactics {
		for j, k := range t.KPIs {
			if k.Metric == "" || slices.Contains(strategy.MeasuredTacticMetrics, k.Metric) {
				continue
			}
			want := nearMeasuredMetric(k.Metric)
			if want == "" {
				continue
			}
			ptr := strategy.Pointer("tactics", i, "kpis", j, "metric")
			c.reportFix("tactic-kpi-metric", ptr, false, func() *fixWant {
				return &fixWant{ptr: ptr, from: k.Metric, to: want}
			}, "Write metric: "+want+" to have pillar audit measure it from the post history; keep the name only if the value comes from a tactic results file (--tactic-results).",
				"tactic KPI metric %q is not one pillar audit measures; did you mean %q?", k.Metric, want)
		}
	}
}

// nearMeasuredMetric returns the measured metric m is a near miss of, or
// "": the same words in another case or with spaces or hyphens, the
// singular, or a likely typo.
func nearMeasuredMetric(m string) string {
	norm := strings.ToLower(strings.TrimSpace(m))
	norm = strings.NewReplacer(" ", "_", "-", "_").Replace(norm)
	for _, w := range strategy.MeasuredTacticMetrics {
		if norm == w || norm+"s" == w || norm+"es" == w {
			return w
		}
	}
	return closest(norm, strategy.MeasuredTacticMetrics)
}
