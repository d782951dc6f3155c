package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// overlapsNamed is how many earlier campaigns a campaign-overlap finding
// names: the first, whose mix the planner uses, and two more.
const overlapsNamed = 3

// checkCampaignOverlap warns when a campaign re-weights the pillars on a
// channel on days an earlier campaign already does. The planner then uses
// the campaign declared first; the strategist should know that rather than
// find out from the calendar.
//
// There is one finding per campaign that earlier ones overlap, not one per
// pair: 3,000 campaigns on the same days are 4.5 million pairs, which no
// one reads and which cost the square of the list to find. Each campaign's
// earliest overlapping predecessors are found with a sweep over the dates
// (see earliestOverlaps), in n log n.
func checkCampaignOverlap(c *checker) {
	if c.s.Calendar == nil {
		return
	}
	cps := c.s.Calendar.Campaigns
	earlierOf, chans := campaignOverlaps(c.s, overlapsNamed+1)
	for j, cp := range cps {
		earlier := earlierOf[j]
		if len(earlier) == 0 {
			continue
		}
		a := cps[earlier[0]]
		from, to := strategy.MaxDate(a.From, cp.From), strategy.MinDate(a.To, cp.To)
		where := "on every channel"
		if shared := sharedChannels(chans[earlier[0]], chans[j]); shared != nil && len(shared) < len(c.s.Channels) {
			ids := make([]string, len(shared))
			for i, ch := range shared {
				ids[i] = c.s.Channels[ch].ID
			}
			where = "on " + joinQuoted(ids, 5)
		}
		also := ""
		if len(earlier) > 1 {
			var names []string
			for _, i := range earlier[1:min(len(earlier), overlapsNamed)] {
				names = append(names, fmt.Sprintf("%q", cps[i].ID))
			}
			if len(earlier) > overlapsNamed {
				also = fmt.Sprintf("; %q also overlaps %s and more campaigns declared before it", cp.ID, strings.Join(names, ", "))
			} else {
				also = fmt.Sprintf("; %q also overlaps %s", cp.ID, strings.Join(names, " and "))
			}
		}
		c.report("campaign-overlap", strategy.Pointer("calendar", "campaigns", j, "pillars"), true,
			fmt.Sprintf("Move one campaign's dates, limit its channels, or remove its pillars if the first campaign's mix is what you want. The planner uses the campaign declared first (%q) where they overlap.", a.ID),
			"the campaigns %q and %q both set the pillar mix %s from %s to %s%s",
			a.ID, cp.ID, where, from, to, also)
	}
}

// campaignOverlaps returns, for each campaign, up to n of the campaigns
// declared before it that set a pillar mix on a day and channel it does
// too, earliest first; and each campaign's channels, as indexes in
// declared order (nil for every channel).
func campaignOverlaps(s *strategy.Strategy, n int) (earlier, chans [][]int) {
	cps := s.Calendar.Campaigns
	earlier = make([][]int, len(cps))
	chans = make([][]int, len(cps))
	if len(s.Channels) == 0 {
		return earlier, chans
	}
	chanIndex := make(map[string]int, len(s.Channels))
	for i, ch := range s.Channels {
		if _, dup := chanIndex[ch.ID]; !dup {
			chanIndex[ch.ID] = i
		}
	}
	// The campaigns that set a mix on known days and channels, each with
	// its channels (nil for every channel) in declared order.
	active := make([]bool, len(cps))
	for j, cp := range cps {
		if len(cp.Pillars) == 0 || cp.From.IsZero() || cp.To.IsZero() || cp.To.Before(cp.From) {
			continue
		}
		if len(cp.Channels) > 0 {
			seen := map[int]bool{}
			for _, id := range cp.Channels {
				if i, ok := chanIndex[id]; ok && !seen[i] {
					seen[i] = true
					chans[j] = append(chans[j], i)
				}
			}
			if len(chans[j]) == 0 {
				// Only unknown channels: unknown-reference says so.
				continue
			}
			sort.Ints(chans[j])
		}
		active[j] = true
	}

	// Three kinds of sets to look in: campaigns on every channel, all
	// campaigns limited to some channels, and those limited to each
	// channel. A campaign on every channel overlaps the first two; one on
	// some channels overlaps the first and those of its channels.
	everywhere, limited := overlapSet{}, overlapSet{}
	perChannel := map[int]*overlapSet{}
	for j, cp := range cps {
		if !active[j] {
			continue
		}
		s := dateSpan(cp.From, cp.To, j)
		if chans[j] == nil {
			everywhere.points = append(everywhere.points, s)
			everywhere.queries = append(everywhere.queries, s)
			limited.queries = append(limited.queries, s)
			continue
		}
		limited.points = append(limited.points, s)
		everywhere.queries = append(everywhere.queries, s)
		for _, ch := range chans[j] {
			set := perChannel[ch]
			if set == nil {
				set = &overlapSet{}
				perChannel[ch] = set
			}
			set.points = append(set.points, s)
			set.queries = append(set.queries, s)
		}
	}
	// Each query also finds the campaign itself and campaigns after it;
	// the earliest n+1 are enough to be left with n earlier ones.
	want := n + 1
	found := make([][]int, len(cps))
	gather := func(set *overlapSet) {
		for qi, idxs := range earliestOverlaps(set.points, set.queries, want) {
			j := set.queries[qi].idx
			found[j] = append(found[j], idxs...)
		}
	}
	gather(&everywhere)
	gather(&limited)
	keys := make([]int, 0, len(perChannel))
	for ch := range perChannel {
		keys = append(keys, ch)
	}
	sort.Ints(keys)
	for _, ch := range keys {
		gather(perChannel[ch])
	}
	for j := range cps {
		earlier[j] = firstEarlier(found[j], j, n)
	}
	return earlier, chans
}

// firstEarlier returns, in order and without repeats, up to n of the
// campaign indexes in found that come before j.
func firstEarlier(found []int, j, n int) []int {
	sort.Ints(found)
	var out []int
	for i, x := range found {
		if x >= j || len(out) == n {
			break
		}
		if i > 0 && found[i-1] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

// sharedChannels returns the channels two campaigns both cover, as indexes
// in declared order; nil means every channel (both cover all).
func sharedChannels(a, b []int) []int {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	var out []int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return out
}

// joinQuoted writes ids as "a", "b" and "c", naming at most most of them
// and counting the rest.
func joinQuoted(ids []string, most int) string {
	quoted := make([]string, 0, min(len(ids), most))
	for _, id := range ids[:min(len(ids), most)] {
		quoted = append(quoted, fmt.Sprintf("%q", id))
	}
	if len(ids) > most {
		return strings.Join(quoted, ", ") + fmt.Sprintf(" and %s more", Thousands(len(ids)-most))
	}
	if len(quoted) == 1 {
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}
