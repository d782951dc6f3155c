package schema

import (
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkDuplicateIDs finds two items in one list with the same id. Included
// files join their lists, so the two are often in different files; the
// message names where the first one is.
func checkDuplicateIDs(c *checker) {
	s := c.s
	dup := func(kind string, n int, id func(int) string, ptr func(int) string) {
		first := map[string]int{}
		for i := 0; i < n; i++ {
			v := id(i)
			if v == "" {
				continue
			}
			if j, seen := first[v]; seen {
				c.report("duplicate-id", ptr(i), false,
					"Ids must be unique within their list, since other sections refer to them. Rename one of the two, or remove the copy.",
					"the %s id %q is already used at %s", kind, v, c.where(ptr(j), ptr(i)))
				continue
			}
			first[v] = i
		}
	}
	dup("persona", len(s.Personas), func(i int) string { return s.Personas[i].ID },
		func(i int) string { return strategy.Pointer("personas", i, "id") })
	dup("channel", len(s.Channels), func(i int) string { return s.Channels[i].ID },
		func(i int) string { return strategy.Pointer("channels", i, "id") })
	dup("pillar", len(s.Pillars), func(i int) string { return s.Pillars[i].ID },
		func(i int) string { return strategy.Pointer("pillars", i, "id") })
	dup("tactic", len(s.Tactics), func(i int) string { return s.Tactics[i].ID },
		func(i int) string { return strategy.Pointer("tactics", i, "id") })
	if s.Calendar != nil {
		cs := s.Calendar.Campaigns
		dup("campaign", len(cs), func(i int) string { return cs[i].ID },
			func(i int) string { return strategy.Pointer("calendar", "campaigns", i, "id") })
	}

	// An influencer is the same account when the platform and the handle
	// match, whatever the case and whether the @ is written: platforms treat
	// handles case-insensitively. The same handle on two platforms is two
	// accounts (people often keep one name across networks), so it is not
	// a duplicate.
	first := map[string]int{}
	for i, inf := range s.Influencers {
		h := normHandle(inf.Handle)
		if h == "" {
			continue
		}
		key := inf.Platform + "\x00" + h
		ptr := strategy.Pointer("influencers", i, "handle")
		if j, seen := first[key]; seen {
			c.report("duplicate-id", ptr, false,
				"List each influencer account once; merge the two entries' notes, pillars and contract into one.",
				"the influencer %q on %s is already listed at %s", inf.Handle, inf.Platform,
				c.where(strategy.Pointer("influencers", j, "handle"), ptr))
			continue
		}
		first[key] = i
	}
}

// normHandle folds an @handle for comparison: no leading @, lower case.
func normHandle(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "@"))
}
