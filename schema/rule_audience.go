package schema

import (
	"github.com/pillar-strategy/pillar/strategy"
)

// staleAfterDays is how long a persona goes without a review before it is
// reported: tastes and networks move within a year.
const staleAfterDays = 365

// checkAudience looks at the personas: is each one served by a channel,
// reviewed recently, and present on networks the brand is on?
func checkAudience(c *checker) {
	s := c.s
	served := map[string]bool{}
	platforms := map[string]bool{}
	for _, ch := range s.Channels {
		platforms[ch.Platform] = true
		for _, id := range ch.Personas {
			served[id] = true
		}
	}
	// A channel that names a persona by a misspelt id serves the persona
	// it means: unknown-reference reports the spelling, with that id, and
	// an "unserved" finding would only follow from it.
	personas := c.personaIDs()
	for id := range served {
		if !personas.has(id) {
			if meant, unique := closestWithin(id, personas.ids, c.budget); unique {
				served[meant] = true
			}
		}
	}
	today := c.today()
	for i, p := range s.Personas {
		idPtr := strategy.Pointer("personas", i, "id")
		if !served[p.ID] {
			c.report("persona-unserved", idPtr, false,
				"List "+p.ID+" under personas on the channels that reach this audience, or remove the persona if the strategy no longer targets it.",
				"no channel serves the persona %q", p.ID)
		}

		switch reviewed := p.LastReviewed; {
		case reviewed.IsZero():
			c.report("persona-stale", idPtr, false,
				"Check the persona against recent data and add last_reviewed: YYYY-MM-DD with the day you did.",
				"the persona %q has never been reviewed: it has no last_reviewed date", p.ID)
		case reviewed.After(today):
			c.report("persona-stale", strategy.Pointer("personas", i, "last_reviewed"), false,
				"Set last_reviewed to the day the persona was actually checked; a date in the future would hide it going stale.",
				"the persona %q was last reviewed on %s, which is in the future", p.ID, reviewed)
		default:
			if days := daysBetween(reviewed, today); days > staleAfterDays {
				c.report("persona-stale", strategy.Pointer("personas", i, "last_reviewed"), false, "",
					"the persona %q was last reviewed on %s, %d days ago", p.ID, reviewed, days)
			}
		}

		for j, n := range p.Networks {
			if n == "other" || platforms[n] {
				continue
			}
			c.report("persona-network-no-channel", strategy.Pointer("personas", i, "networks", j), false, "",
				"the persona %q uses %s, but the strategy has no channel there", p.ID, n)
		}
	}
}

// daysBetween counts the days from a to b. It goes through Unix seconds
// rather than time.Duration, which cannot span more than 292 years.
func daysBetween(a, b strategy.Date) int {
	return int((b.Time().Unix() - a.Time().Unix()) / (24 * 60 * 60))
}
