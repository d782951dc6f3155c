package synth_test

import (
	"slices"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// rbPost is what reading back keeps of a used post tagged with a planned
// tactic occurrence.
type rbPost struct {
	ms        [7]int64 // likes, comments, shares, saves, clicks, impressions, reach
	reach     bool     // the reach column has a value
	followers int64    // -1 when empty
}

// rbOcc is an executed occurrence and its posts, in file order.
type rbOcc struct {
	date    strategy.Date
	channel string
	ci      int
	posts   []rbPost
}

// readBackTacticKPIs values a tactic's KPIs over its executed occurrences
// from the posts read back, as TacticKPITruth defines them.
func readBackTacticKPIs(s *strategy.Strategy, tac strategy.Tactic, done []rbOcc) []synth.TacticKPITruth {
	slices.SortStableFunc(done, func(x, y rbOcc) int {
		if c := x.date.Time().Compare(y.date.Time()); c != 0 {
			return c
		}
		return x.ci - y.ci
	})
	col := map[string]int{"likes": 0, "comments": 1, "shares": 2, "saves": 3, "clicks": 4, "impressions": 5, "reach": 6}
	inter := []string{"likes", "comments", "shares", "saves", "clicks"}
	den, mean := "reach", false
	if k := s.KPIs; k != nil && k.EngagementRate != nil {
		if len(k.EngagementRate.Interactions) > 0 {
			inter = k.EngagementRate.Interactions
		}
		if k.EngagementRate.Denominator != "" {
			den = k.EngagementRate.Denominator
		}
		mean = k.EngagementRate.Aggregation == "mean_of_posts"
	}
	out := []synth.TacticKPITruth{}
	for _, kpi := range tac.KPIs {
		kt := synth.TacticKPITruth{Metric: kpi.Metric, Target: kpi.Target, Occurrences: len(done), Values: []synth.KPIValueTruth{},
			FromHistory: slices.Contains(strategy.MeasuredTacticMetrics, kpi.Metric)}
		for _, o := range done {
			v := synth.KPIValueTruth{Date: o.date, Channel: o.channel, Posts: int64(len(o.posts))}
			switch c, ok := col[kpi.Metric]; {
			case !kt.FromHistory:
			case kpi.Metric == "engagement_rate":
				var n, eng, d int64
				var sum float64
				for _, p := range o.posts {
					pd := int64(-1)
					switch den {
					case "reach":
						if p.reach {
							pd = p.ms[6]
						}
					case "followers":
						pd = p.followers
					default:
						pd = p.ms[col[den]]
					}
					if pd <= 0 {
						continue
					}
					var e int64
					for _, name := range inter {
						e += p.ms[col[name]]
					}
					n, eng, d, sum = n+1, eng+e, d+pd, sum+float64(e)/float64(pd)
				}
				if n > 0 {
					r := 100 * float64(eng) / float64(d)
					if mean {
						r = 100 * sum / float64(n)
					}
					v.Value = &r
				}
			case ok:
				var sum float64
				given := false
				for _, p := range o.posts {
					if c == 6 && !p.reach {
						continue
					}
					given = true
					sum += float64(p.ms[c])
				}
				if given {
					v.Value = &sum
				}
			}
			if v.Value != nil {
				kt.Measured++
				if *v.Value >= kpi.Target {
					kt.Met++
				}
			}
			kt.Values = append(kt.Values, v)
		}
		out = append(out, kt)
	}
	return out
}
