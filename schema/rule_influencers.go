package schema

import (
	"github.com/pillar-strategy/pillar/strategy"
)

// maxMentionsPerMonth is the highest mention cap that does not read as
// spam: about twice a week.
const maxMentionsPerMonth = 8

// checkInfluencers looks at the influencer list: mention caps that read as
// spam, paid partnerships with no way to disclose them, and contracts that
// have run out.
func checkInfluencers(c *checker) {
	s := c.s
	today := c.today()
	disclosed := s.Community != nil && len(s.Community.DisclosureTags) > 0
	reportedDisclosure := false
	for i, inf := range s.Influencers {
		if inf.MaxMentionsPerMonth > maxMentionsPerMonth {
			c.report("influencer-mention-spam", strategy.Pointer("influencers", i, "max_mentions_per_month"), false, "",
				"mentioning %q up to %d times a month reads as spam; keep it at %d or below",
				inf.Handle, inf.MaxMentionsPerMonth, maxMentionsPerMonth)
		}
		if inf.Relationship != "paid" {
			continue
		}
		if !disclosed && !reportedDisclosure {
			// Once is enough: the fix is one list in community, not one per
			// influencer.
			reportedDisclosure = true
			c.report("disclosure-tags-missing", strategy.Pointer("influencers", i, "relationship"), false,
				"Add community.disclosure_tags with the tags paid posts carry, e.g. [\"#ad\", \"#annonse\"], so playbooks show them and the audit can check them.",
				"%q is a paid partner, but the strategy declares no disclosure tags for paid posts", inf.Handle)
		}
		if inf.Contract != nil && !inf.Contract.To.IsZero() && inf.Contract.To.Before(today) {
			c.report("influencer-contract-expired", strategy.Pointer("influencers", i, "contract", "to"), false, "",
				"the paid partnership with %q ended on %s", inf.Handle, inf.Contract.To)
		}
	}
}
