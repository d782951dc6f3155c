package drafts

import (
	"fmt"
	"math"
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// This file holds the pillar rules: a declared pillar exists; a draft
// without one is classified the way the audit classifies posts (by the
// pillars' hashtags and keywords, audit.Classifier); and per channel the
// drafts' pillar mix is held to the plan's mix for the period within the
// strategy's tolerance.

// DefaultTolerance is the pillar tolerance, in percentage points, when the
// strategy declares none in kpis.pillar_tolerance.
const DefaultTolerance = 10.0

// pillar finds the draft's pillar and counts it for its channel.
func (e *engine) pillar(d *Draft, c *channelInfo) {
	p := -1
	if d.Pillar != "" {
		i, ok := e.pillars[d.Pillar]
		if !ok {
			e.report(RuleUnknownPillar, func() schema.Diagnostic {
				return at(d, FieldPillar, RuleUnknownPillar, "pillar %s is not one of the strategy's pillars%s", short(d.Pillar), didYouMean(d.Pillar, e.pillarID))
			})
			return
		}
		p = i
	} else {
		p = e.classify.Pillar(d.Text)
	}
	if c == nil {
		return
	}
	if p < 0 {
		c.unclass++
		return
	}
	c.pillars[p]++
}

// mix compares each channel's drafts with its planned slots, pillar by
// pillar.
func (e *engine) mix() {
	if len(e.pillarID) == 0 {
		return
	}
	tol, declared := DefaultTolerance, false
	if k := e.s.KPIs; k != nil && k.PillarTolerance != nil {
		tol, declared = k.PillarTolerance.Target, true
	}
	planned := map[string][]int{}
	for i := range e.slots.cal.Slots {
		sl := &e.slots.cal.Slots[i]
		p, ok := e.pillars[sl.Pillar]
		if !ok {
			continue
		}
		if planned[sl.Channel] == nil {
			planned[sl.Channel] = make([]int, len(e.pillarID))
		}
		planned[sl.Channel][p]++
	}
	for _, id := range e.ids {
		c := e.channels[id]
		plan := planned[id]
		drafted, total := c.pillars, sum(c.pillars)
		if total == 0 || plan == nil {
			continue
		}
		ptotal := sum(plan)
		worst, worstDev := -1, 0.0
		var parts []string
		for p := range e.pillarID {
			got := 100 * float64(drafted[p]) / float64(total)
			want := 100 * float64(plan[p]) / float64(ptotal)
			if drafted[p] == 0 && plan[p] == 0 {
				continue
			}
			parts = append(parts, fmt.Sprintf("%s %s (plan %s)", e.pillarID[p], pct(got), pct(want)))
			if dev := math.Abs(got - want); dev > worstDev+1e-9 {
				worst, worstDev = p, dev
			}
		}
		if worst < 0 || worstDev <= tol+1e-9 {
			continue
		}
		whose := "the strategy's kpis.pillar_tolerance"
		if !declared {
			whose = "the default; set kpis.pillar_tolerance to change it"
		}
		unclass := ""
		if c.unclass > 0 {
			unclass = fmt.Sprintf("; %s with no pillar found left out", schema.Plural(c.unclass, "draft", "drafts"))
		}
		e.emit(e.channelAt(c.index, RulePillarMix, "%s's drafts stray from the plan's pillar mix: %s; %s is %s points off, more than the tolerance of %s (%s)%s",
			id, strings.Join(parts, ", "), e.pillarID[worst], trimFloat(worstDev), trimFloat(tol), whose, unclass))
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func pct(v float64) string { return trimFloat(v) + "%" }

// trimFloat writes v with at most one decimal, without a trailing .0.
func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}
