package schema

import (
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkChannels looks for channels nobody is responsible for: no role in
// the strategy, no owner, or no promise of how fast mentions get answered.
func checkChannels(c *checker) {
	s := c.s
	defaultSLA := s.Community != nil && s.Community.DefaultSLA > 0
	for i, ch := range s.Channels {
		ptr := strategy.Pointer("channels", i, "id")
		if strings.TrimSpace(ch.Role) == "" {
			c.report("channel-no-role", ptr, false,
				"Add role: one sentence on what "+ch.ID+" does for the strategy (inspire, inform, support, sell) and for whom.",
				"the channel %q has no role in the strategy", ch.ID)
		}
		if strings.TrimSpace(ch.Owner) == "" {
			c.report("channel-no-owner", ptr, false,
				"Add owner: the person or team who runs "+ch.ID+", so posts and replies do not fall between chairs.",
				"nobody owns the channel %q", ch.ID)
		}
		if ch.ResponseSLA <= 0 && !defaultSLA {
			c.report("channel-no-sla", ptr, false,
				"Add response_sla to the channel (e.g. 4h), or community.default_sla for every channel. People expect an answer within a day, most within a few hours.",
				"mentions on the channel %q have no response time", ch.ID)
		}
	}
}
