package schema

import (
	"fmt"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkCampaignOverlap warns when two campaigns re-weight the pillars on the
// same channel on the same days. The planner then uses the campaign declared
// first; the strategist should know that rather than find out from the
// calendar.
func checkCampaignOverlap(c *checker) {
	if c.s.Calendar == nil {
		return
	}
	cps := c.s.Calendar.Campaigns
	for j := range cps {
		b := cps[j]
		if len(b.Pillars) == 0 || b.From.IsZero() || b.To.IsZero() {
			continue
		}
		for i := 0; i < j; i++ {
			a := cps[i]
			if len(a.Pillars) == 0 || a.From.IsZero() || a.To.IsZero() {
				continue
			}
			from, to := strategy.MaxDate(a.From, b.From), strategy.MinDate(a.To, b.To)
			if to.Before(from) {
				continue
			}
			shared := sharedChannels(c.s, a.Channels, b.Channels)
			if len(shared) == 0 {
				continue
			}
			where := "on every channel"
			if len(shared) < len(c.s.Channels) {
				where = "on " + joinQuoted(shared)
			}
			c.report("campaign-overlap", strategy.Pointer("calendar", "campaigns", j, "pillars"), true,
				fmt.Sprintf("Move one campaign's dates, limit its channels, or remove its pillars if the first campaign's mix is what you want. The planner uses the campaign declared first (%q) where they overlap.", a.ID),
				"the campaigns %q and %q both set the pillar mix %s from %s to %s",
				a.ID, b.ID, where, from, to)
		}
	}
}

// sharedChannels returns the channel ids, in declared order, that two
// campaigns both cover; an empty list means every channel.
func sharedChannels(s *strategy.Strategy, a, b []string) []string {
	in := func(list []string, id string) bool {
		if len(list) == 0 {
			return true
		}
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	}
	var out []string
	for _, ch := range s.Channels {
		if in(a, ch.ID) && in(b, ch.ID) {
			out = append(out, ch.ID)
		}
	}
	return out
}

func joinQuoted(ids []string) string {
	out := ""
	for i, id := range ids {
		switch {
		case i == 0:
		case i == len(ids)-1:
			out += " and "
		default:
			out += ", "
		}
		out += fmt.Sprintf("%q", id)
	}
	return out
}
