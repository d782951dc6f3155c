package schema

import (
	"fmt"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// checkReferences resolves every id one section uses to name an item of
// another: channels name personas, tactics name pillars and channels, and
// so on. A reference that resolves to nothing would silently drop posts
// from the plan, so it is an error, with the nearest id as a suggestion.
func checkReferences(c *checker) {
	s := c.s
	personas, channels, pillars := c.personaIDs(), c.channelIDs(), c.pillarIDs()

	for i, ch := range s.Channels {
		for j, id := range ch.Personas {
			c.ref("persona", id, personas, strategy.Pointer("channels", i, "personas", j), false)
		}
		for _, id := range sortedKeys(ch.Pillars) {
			c.ref("pillar", id, pillars, strategy.Pointer("channels", i, "pillars", id), true)
		}
	}
	for i, p := range s.Pillars {
		for _, id := range sortedKeys(p.Examples) {
			c.ref("channel", id, channels, strategy.Pointer("pillars", i, "examples", id), true)
		}
	}
	for i, t := range s.Tactics {
		if t.Pillar != "" {
			c.ref("pillar", t.Pillar, pillars, strategy.Pointer("tactics", i, "pillar"), false)
		}
		for j, id := range t.Channels {
			c.ref("channel", id, channels, strategy.Pointer("tactics", i, "channels", j), false)
		}
	}
	for i, inf := range s.Influencers {
		for j, id := range inf.Pillars {
			c.ref("pillar", id, pillars, strategy.Pointer("influencers", i, "pillars", j), false)
		}
	}
	if s.Calendar != nil {
		for i, b := range s.Calendar.Blackouts {
			for j, id := range b.Channels {
				c.ref("channel", id, channels, strategy.Pointer("calendar", "blackouts", i, "channels", j), false)
			}
		}
		for i, cp := range s.Calendar.Campaigns {
			for j, id := range cp.Channels {
				c.ref("channel", id, channels, strategy.Pointer("calendar", "campaigns", i, "channels", j), false)
			}
			for _, id := range sortedKeys(cp.Pillars) {
				c.ref("pillar", id, pillars, strategy.Pointer("calendar", "campaigns", i, "pillars", id), true)
			}
		}
	}
}

// ref reports id when it is not one of the known ids of its kind.
func (c *checker) ref(kind, id string, k known, ptr string, onKey bool) {
	if k.has(id) {
		return
	}
	var hint string
	if len(k.ids) == 0 {
		hint = fmt.Sprintf("The strategy has no %ss yet. Add the %s under %ss, or remove this reference.", kind, kind, kind)
	} else {
		hint = fmt.Sprintf("Use one of the %s ids: %s. Fix the spelling, or add the missing %s under %ss.", kind, k.list(), kind, kind)
	}
	sug := c.didYouMean(id, k.ids)
	c.reportFix("unknown-reference", ptr, onKey, func() *fixWant {
		if best, unique := sug.pick(); unique && !(onKey && c.src.Has(ptr[:strings.LastIndexByte(ptr, '/')+1]+strategy.Pointer(best)[1:])) {
			// In a parent other strategies extend too, the reference
			// may name an id a sibling has: the fix is offered there,
			// not applied.
			sp := c.src.Span(ptr)
			file := sp.Value.File
			if onKey {
				file = sp.Key.File
			}
			return &fixWant{ptr: ptr, onKey: onKey, from: id, to: best, safe: !c.src.Inherited(file)}
		}
		return nil
	}, hint, "there is no %s with the id %q%s", kind, id, sug)
}
