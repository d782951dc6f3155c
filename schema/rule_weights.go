package schema

import (
	"fmt"
	"math"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// weightTolerance absorbs floating-point noise in sums such as
// 33.3 + 33.3 + 33.4, which is not exactly 100 in binary.
const weightTolerance = 1e-6

// checkPillarWeights requires the pillar weights to add up to 100: in the
// strategy's pillars, in every channel's override and in every campaign's
// re-weighting. The planner apportions posts by these percentages, so a
// sum of 99 would leave it guessing where the missing 1% goes.
func checkPillarWeights(c *checker) {
	s := c.s
	if len(s.Pillars) == 0 {
		for i, ch := range s.Channels {
			if len(ch.Cadence) == 0 {
				continue
			}
			c.report("pillar-weights-sum", "/pillars", true,
				"Add pillars with weights that add up to 100, e.g. brand 40, product 30, community 20, behind-the-scenes 10.",
				"the strategy has no pillars, so the posts the channel %q plans have nothing to be about", s.Channels[i].ID)
			break
		}
	} else {
		names := make([]string, len(s.Pillars))
		weights := make([]float64, len(s.Pillars))
		for i, p := range s.Pillars {
			names[i], weights[i] = p.ID, p.Weight
		}
		c.weightsSum("/pillars", "pillar weights", names, weights)
	}
	for i, ch := range s.Channels {
		if ch.Pillars == nil {
			continue
		}
		base := strategy.Pointer("channels", i, "pillars")
		names := keysInSourceOrder(c, ch.Pillars, base)
		c.weightsSum(base, fmt.Sprintf("pillar weights on the channel %q", ch.ID), names, valuesOf(ch.Pillars, names))
	}
	if s.Calendar != nil {
		for i, cp := range s.Calendar.Campaigns {
			if cp.Pillars == nil {
				continue
			}
			base := strategy.Pointer("calendar", "campaigns", i, "pillars")
			names := keysInSourceOrder(c, cp.Pillars, base)
			c.weightsSum(base, fmt.Sprintf("pillar weights in the campaign %q", cp.ID), names, valuesOf(cp.Pillars, names))
		}
	}
}

func valuesOf(m map[string]float64, keys []string) []float64 {
	out := make([]float64, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// weightsSum reports weights that do not add up to 100, at the key of the
// list or map that holds them, with the sum written out so the strategist
// sees which number to change.
func (c *checker) weightsSum(ptr, what string, names []string, weights []float64) {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if math.Abs(sum-100) <= weightTolerance {
		return
	}
	// The sum is written out so the strategist sees which number to
	// change; a map of 20,000 weights is summed, not written out.
	const mostTerms = 12
	var terms []string
	for i, n := range names[:min(len(names), mostTerms)] {
		terms = append(terms, n+" "+number(weights[i]))
	}
	if len(names) > mostTerms {
		rest := 0.0
		for _, w := range weights[mostTerms:] {
			rest += w
		}
		terms = append(terms, fmt.Sprintf("%s more (%s)", Thousands(len(names)-mostTerms), number(rest)))
	}
	sum = math.Round(sum*1e6) / 1e6
	var hint string
	switch {
	case len(names) == 0:
		hint = "Give each pillar a weight so that together they add up to 100, or remove the empty map to use the strategy's weights."
	case sum < 100:
		hint = fmt.Sprintf("%s = %s; add %s to one of them.", strings.Join(terms, " + "), number(sum), number(100-sum))
	default:
		hint = fmt.Sprintf("%s = %s; take %s from one of them.", strings.Join(terms, " + "), number(sum), number(sum-100))
	}
	c.report("pillar-weights-sum", ptr, true, hint, "%s add up to %s, not 100", what, number(sum))
}
