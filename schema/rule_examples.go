package schema

import (
	"fmt"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// examplesNamed is how many channels a pillar-no-example finding names.
const examplesNamed = 5

// checkExamples asks for an example post for every pillar on every channel
// that carries it: examples make the strategy concrete for whoever posts.
//
// There is one finding per pillar, naming the channels it lacks examples
// for, rather than one per pillar and channel: 200 pillars on 2,000
// channels would otherwise be 400,000 findings, and finding them would
// cost pillars times channels. The channels that carry a pillar are
// counted instead: every channel with a cadence and no weights of its own
// when the pillar has weight, plus those whose own weights give it some.
func checkExamples(c *checker) {
	s := c.s
	// The first channel of each id with a cadence; a repeated id is an
	// error of its own (duplicate-id) and would only repeat this finding.
	seen := make(map[string]bool, len(s.Channels))
	var plain []int                 // carry every pillar with weight
	own := map[string][]int{}       // pillar id → channels whose weights give it some
	carriesOwn := map[string]bool{} // pillar id + "\x00" + channel id
	isPlain := map[string]bool{}
	for i, ch := range s.Channels {
		if seen[ch.ID] || len(ch.Cadence) == 0 {
			seen[ch.ID] = true
			continue
		}
		seen[ch.ID] = true
		if ch.Pillars == nil {
			plain = append(plain, i)
			isPlain[ch.ID] = true
			continue
		}
		for id, w := range ch.Pillars {
			if w > 0 {
				own[id] = append(own[id], i)
				carriesOwn[id+"\x00"+ch.ID] = true
			}
		}
	}
	channelIDs := c.channelIDs()
	for i, p := range s.Pillars {
		carriers := len(own[p.ID])
		if p.Weight > 0 {
			carriers += len(plain)
		}
		if carriers == 0 {
			continue
		}
		// Examples for channels that carry the pillar, and the missing.
		// An example under a misspelt channel id (unknown-reference says
		// so, with the id it means) counts for the channel it means: one
		// mistake, one finding.
		written := make(map[string]bool, len(p.Examples))
		for ch, text := range p.Examples {
			if strings.TrimSpace(text) == "" {
				continue
			}
			if !seen[ch] {
				if meant, unique := closestWithin(ch, channelIDs.ids, c.budget); unique {
					ch = meant
				}
			}
			written[ch] = true
		}
		covered := 0
		has := func(ch string) bool { return written[ch] }
		for ch := range written {
			if (p.Weight > 0 && isPlain[ch]) || carriesOwn[p.ID+"\x00"+ch] {
				covered++
			}
		}
		missing := carriers - covered
		if missing == 0 {
			continue
		}
		// Name the first few missing channels in declared order: merge
		// the two ascending lists of carriers, skipping those with an
		// example (each skip is an example, so this is linear too).
		var named []string
		a, b := own[p.ID], []int(nil)
		if p.Weight > 0 {
			b = plain
		}
		for len(named) < examplesNamed && (len(a) > 0 || len(b) > 0) {
			var ch int
			if len(b) == 0 || (len(a) > 0 && a[0] < b[0]) {
				ch, a = a[0], a[1:]
			} else {
				ch, b = b[0], b[1:]
			}
			if id := s.Channels[ch].ID; !has(id) {
				named = append(named, id)
			}
		}
		ptr := strategy.Pointer("pillars", i, "id")
		if missing == 1 {
			c.report("pillar-no-example", ptr, false,
				"Add examples: {"+named[0]+": ...} to the pillar with a post that shows what "+p.ID+" looks like on "+named[0]+".",
				"the pillar %q has no example post for the channel %q", p.ID, named[0])
			continue
		}
		c.report("pillar-no-example", ptr, false,
			"Add examples keyed by channel id to the pillar, e.g. examples: {"+named[0]+": ...}, each a post that shows what "+p.ID+" looks like there.",
			"the pillar %q has no example posts for the channels %s", p.ID, exampleList(named, missing))
	}
}

// exampleList names the channels quoted, then counts those not named:
// "a", "b" and 9,998 more.
func exampleList(named []string, total int) string {
	quoted := make([]string, len(named))
	for i, id := range named {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	if total > len(named) {
		return strings.Join(quoted, ", ") + " and " + Thousands(total-len(named)) + " more"
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}
