package synth

import (
	"slices"

	"github.com/pillar-strategy/pillar/strategy"
)

// TacticKPITruth is one of a tactic's KPIs over the tactic's executed
// occurrences. An occurrence's value is, for a metric the audit measures
// from the history (strategy.MeasuredTacticMetrics), the sum of the metric
// over the used posts tagged with the tactic on the occurrence's channel
// and local day, counting the posts that give it (reach is the only
// metric a generated post may leave empty); for engagement_rate, the
// strategy's engagement rate over those posts. Other metrics have no
// value: the history cannot give them.
type TacticKPITruth struct {
	// Metric and Target are the KPI's, as the strategy declares them.
	Metric string  `json:"metric"`
	Target float64 `json:"target"`
	// FromHistory reports whether the history can give the metric.
	FromHistory bool `json:"from_history"`
	// Occurrences counts the executed occurrences; Measured of them have
	// a value and Met of those reach the target.
	Occurrences int `json:"occurrences"`
	Measured    int `json:"measured"`
	Met         int `json:"met"`
	// Values are the executed occurrences by local day, then channel in
	// declared order.
	Values []KPIValueTruth `json:"values"`
}

// KPIValueTruth is one executed occurrence's value of a tactic KPI.
type KPIValueTruth struct {
	Date    strategy.Date `json:"date"`
	Channel string        `json:"channel"`
	// Posts counts the used posts tagged with the tactic that day.
	Posts int64 `json:"posts"`
	// Value is absent when no post gives the metric, or the history
	// cannot give it.
	Value *float64 `json:"value"`
}

// occAcc sums the used posts of one tactic occurrence: a few numbers per
// planned occurrence, whatever the rows.
type occAcc struct {
	posts      int64
	sum        [numMetrics]int64 // reach over the posts that give it
	reachPosts int64             // posts with a reach value, 0 included
	engPosts   int64             // posts with a denominator above 0
	eng, den   int64
	rateSum    float64 // Σ eng/den, for mean_of_posts
}

// engDef is the strategy's engagement definition, worked out here apart
// from the audit's: interactions, denominator, aggregation.
type engDef struct {
	inter       []int // metric indices
	den         string
	meanOfPosts bool
}

var metricIndex = map[string]int{"likes": mLikes, "comments": mComments, "shares": mShares, "saves": mSaves,
	"clicks": mClicks, "impressions": mImpressions, "reach": mReach}

func engagementDef(s *strategy.Strategy) engDef {
	d := engDef{inter: []int{mLikes, mComments, mShares, mSaves, mClicks}, den: "reach"}
	if s.KPIs == nil || s.KPIs.EngagementRate == nil {
		return d
	}
	k := s.KPIs.EngagementRate
	if len(k.Interactions) > 0 {
		d.inter = nil
		for _, name := range k.Interactions {
			if i, ok := metricIndex[name]; ok {
				d.inter = append(d.inter, i)
			}
		}
	}
	if k.Denominator != "" {
		d.den = k.Denominator
	}
	d.meanOfPosts = k.Aggregation == "mean_of_posts"
	return d
}

// tacticPost counts a used post of tactic occurrence p.occ.
func (a *truthAcc) tacticPost(g *histGen, p *post) {
	if p.occ < 0 {
		return
	}
	if a.occ == nil {
		a.occ = make([]occAcc, len(g.occs))
		a.eng = engagementDef(g.s)
	}
	o := &a.occ[p.occ]
	o.posts++
	hasReach := p.reach != reachEmpty
	reach := p.m[mReach]
	if p.reach == reachZero {
		reach = 0
	}
	for m := 0; m < numMetrics; m++ {
		if m == mReach {
			if hasReach {
				o.sum[m] += reach
				o.reachPosts++
			}
			continue
		}
		o.sum[m] += p.m[m]
	}
	var den int64
	ok := false
	switch a.eng.den {
	case "reach":
		den, ok = reach, hasReach
	case "impressions":
		den, ok = p.m[mImpressions], true
	case "followers":
		den, ok = g.followers(p)
	}
	if !ok || den <= 0 {
		return
	}
	var eng int64
	for _, m := range a.eng.inter {
		eng += p.m[m]
	}
	o.engPosts++
	o.eng += eng
	o.den += den
	o.rateSum += float64(eng) / float64(den)
}

// tacticKPITruth is tactic k's KPIs over its executed occurrences.
func (g *histGen) tacticKPITruth(k int) []TacticKPITruth {
	a := &g.acc
	var done []int
	for o, oc := range g.occs {
		if oc.tactic == k && a.executed[o] {
			done = append(done, o)
		}
	}
	slices.SortStableFunc(done, func(x, y int) int {
		if g.occs[x].day != g.occs[y].day {
			return g.occs[x].day - g.occs[y].day
		}
		return g.occs[x].ci - g.occs[y].ci
	})
	out := []TacticKPITruth{}
	for _, kpi := range g.s.Tactics[k].KPIs {
		kt := TacticKPITruth{Metric: kpi.Metric, Target: kpi.Target, Occurrences: len(done), Values: []KPIValueTruth{},
			FromHistory: slices.Contains(strategy.MeasuredTacticMetrics, kpi.Metric)}
		for _, o := range done {
			oa := a.occ[o]
			v := KPIValueTruth{Date: g.opt.From.AddDays(g.occs[o].day), Channel: g.chans[g.occs[o].ci].id, Posts: oa.posts}
			if kt.FromHistory {
				v.Value = a.occValue(&oa, kpi.Metric)
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

// occValue is an occurrence's value of a measured metric, nil when no
// post gives it.
func (a *truthAcc) occValue(o *occAcc, metric string) *float64 {
	var v float64
	switch {
	case metric == "engagement_rate":
		if o.engPosts == 0 {
			return nil
		}
		v = 100 * float64(o.eng) / float64(o.den)
		if a.eng.meanOfPosts {
			v = 100 * o.rateSum / float64(o.engPosts)
		}
	case metric == "reach" && o.reachPosts == 0:
		return nil
	default:
		v = float64(o.sum[metricIndex[metric]])
	}
	return &v
}
