package schema

import (
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkExamples asks for an example post for every pillar on every channel
// that carries it: examples make the strategy concrete for whoever posts.
func checkExamples(c *checker) {
	s := c.s
	for i, p := range s.Pillars {
		for _, ch := range s.Channels {
			if ch.Cadence == nil || effectiveWeight(ch, p) <= 0 {
				continue
			}
			if strings.TrimSpace(p.Examples[ch.ID]) != "" {
				continue
			}
			c.report("pillar-no-example", strategy.Pointer("pillars", i, "id"), false,
				"Add examples: {"+ch.ID+": ...} to the pillar with a post that shows what "+p.ID+" looks like on "+ch.ID+".",
				"the pillar %q has no example post for the channel %q", p.ID, ch.ID)
		}
	}
}

// effectiveWeight is the pillar's share on a channel: the channel's
// override when it has one (a pillar left out of it gets nothing there),
// else the strategy's weight.
func effectiveWeight(ch strategy.Channel, p strategy.Pillar) float64 {
	if ch.Pillars != nil {
		return ch.Pillars[p.ID]
	}
	return p.Weight
}
