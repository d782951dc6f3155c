package render

import (
	"cmp"
	"strings"
)

// withTacticKPIs adds the tactics' own KPIs to the playbook's KPI section,
// after the strategy's (a table of their own in HTML, where a long name
// would not fit a card), as "tactic: metric each time" with the target
// each occurrence is held to (a percent for engagement_rate), the way pillar
// audit judges them. The tactic cards list them too; here they stand with
// every other target the team reports on. kpis may be nil (a strategy with
// no kpis section), and the result is nil when there is nothing to show.
func (b *viewBuilder) withTacticKPIs(kpis *kpisView) *kpisView {
	for _, t := range b.s.Tactics {
		for _, k := range t.KPIs {
			if kpis == nil {
				kpis = &kpisView{}
			}
			target := b.d.number(k.Target)
			if k.Metric == "engagement_rate" {
				target = b.d.percent(k.Target)
			}
			label := b.d.labelf("tactic_kpi", "tactic", isolate(cmp.Or(strings.TrimSpace(t.Name), t.ID)), "metric", isolate(b.metricName(k.Metric)))
			kpis.Tactics = append(kpis.Tactics, fact{Label: label, Value: target})
		}
	}
	return kpis
}
