package planner

import (
	"fmt"
	"slices"

	"github.com/pillar-strategy/pillar/strategy"
)

// Kinds of wall time a channel's slot can come from, in the order that
// decides who takes a slot they share: a tactic, then the cadence, then a
// campaign's extra cadence.
const (
	kindTactic uint8 = iota
	kindCadence
	kindExtra
)

// entry is a candidate slot on one channel before blackouts and pillars.
type entry struct {
	inst  int64 // Unix seconds
	local int64 // resolved wall time
	kind  uint8
	moved bool  // the wall time fell in a daylight-saving gap
	src   int32 // tactic or campaign index
}

// dayRange is an inclusive range of wall day numbers.
type dayRange struct{ a, b int64 }

func (r dayRange) has(day int64) bool { return day >= r.a && day <= r.b }

func applies(channels []string, id string) bool {
	return len(channels) == 0 || slices.Contains(channels, id)
}

// rec is a planned slot before it becomes a Slot. It holds no pointers, so
// a channel's thousands of them cost the garbage collector nothing.
type rec struct {
	inst     int64 // Unix seconds
	pillar   int32 // pillar index, or -1
	tactic   int32 // tactic index, or -1
	campaign int32 // campaign index, or -1
	format   int32 // index into the channel's formats, or -1
}

// channelSlots is one channel's plan: records sorted by start, and the
// channel's Local and UID strings, all in one allocation.
type channelSlots struct {
	c      *strategy.Channel
	zone   string
	briefs []string // per pillar: the example for this channel, else the description
	recs   []rec
	ids    string // per record: Local then UID
}

// channel plans one channel: its slots sorted by start, what it aims for,
// and how many slots blackouts removed.
func (p *planner) channel(c *strategy.Channel) (*channelSlots, ChannelPlan, int, error) {
	s := p.s
	zone := c.Timezone
	if zone == "" {
		zone = s.Brand.Timezone
	}
	if zone == "" {
		zone = "UTC"
	}
	cp := ChannelPlan{ID: c.ID, Platform: c.Platform, Timezone: zone}
	loc, err := loadLocation(zone)
	if err != nil {
		return nil, cp, 0, fmt.Errorf("plan: channel %s: %w", c.ID, err)
	}

	// Pillar weights outside campaigns.
	base := p.base
	if len(c.Pillars) > 0 {
		base = p.weights(c.Pillars, c.ID, "channel "+c.ID)
	}
	cp.Targets = percentages(base)

	// Candidate wall times: cadence, campaign extras, tactics.
	res := dayResolver{loc: loc}
	var entries []entry
	add := func(walls []int64, kind uint8, src int) {
		for _, w := range walls {
			inst, local := res.resolve(w)
			entries = append(entries, entry{inst: inst, local: local, kind: kind, moved: local != w, src: int32(src)})
		}
	}
	var cadRun cadenceRun
	if cad := c.Cadence; cad != nil {
		// A channel's RRULE starts at the fixed epoch, not at the horizon.
		walls, run, err := p.cadenceWalls(cad, ruleEpoch, p.from, p.to)
		if err != nil {
			return nil, cp, 0, p.tooMany("channel "+c.ID+": cadence", err)
		}
		cadRun = cadenceRun{ended: run.ended && ruleHasEnd(cad.RRule), last: -1 << 62}
		if len(walls) > 0 {
			cadRun.last = walls[len(walls)-1]
		}
		switch {
		case cad.RRule != "" && len(walls) == 0:
			p.warn(c.ID, "", "channel %s: the cadence RRULE gives no post between %s and %s", c.ID, p.opt.From, p.opt.To.AddDays(-1))
		case cad.RRule == "" && len(cad.Times) == 0:
			p.warn(c.ID, "", "channel %s: the cadence has no times (or RRULE), so it gives no posts", c.ID)
		}
		entries = slices.Grow(entries, len(walls))
		add(walls, kindCadence, 0)
	}
	cadenceEnd := len(entries)
	var camps []strategy.Campaign
	var blackouts []dayRange
	if s.Calendar != nil {
		camps = s.Calendar.Campaigns
		for _, b := range s.Calendar.Blackouts {
			if !applies(b.Channels, c.ID) {
				continue
			}
			r := dayRange{a: wallOf(b.From) / secondsPerDay, b: wallOf(b.To) / secondsPerDay}
			if !b.Date.IsZero() {
				r = dayRange{a: wallOf(b.Date) / secondsPerDay, b: wallOf(b.Date) / secondsPerDay}
			} else if b.From.IsZero() || b.To.IsZero() {
				continue
			}
			blackouts = append(blackouts, r)
		}
	}
	for k := range camps {
		if applies(camps[k].Channels, c.ID) {
			add(p.extraWalls[k], kindExtra, k)
		}
	}
	for j := range s.Tactics {
		if slices.Contains(s.Tactics[j].Channels, c.ID) {
			add(p.tacticWalls[j], kindTactic, j)
		}
	}
	if p.used+len(entries) > MaxSlots {
		return nil, cp, 0, p.tooMany("channel "+c.ID, errTooMany)
	}
	cmpEntry := func(a, b entry) int {
		switch {
		case a.inst != b.inst:
			return cmpInt(a.inst, b.inst)
		case a.kind != b.kind:
			return int(a.kind) - int(b.kind)
		default:
			return int(a.src) - int(b.src)
		}
	}
	entries = sortEntries(entries, cadenceEnd, cmpEntry)

	// Campaigns that re-weight pillars on this channel, in declared order,
	// and the pillar sequence of each campaign that applies to a slot.
	type reweight struct {
		k    int
		days dayRange
	}
	var reweights []reweight
	for k := range camps {
		if p.campWeights[k] != nil && applies(camps[k].Channels, c.ID) && !camps[k].From.IsZero() && !camps[k].To.IsZero() {
			reweights = append(reweights, reweight{k: k, days: dayRange{wallOf(camps[k].From) / secondsPerDay, wallOf(camps[k].To) / secondsPerDay}})
		}
	}
	campStates := map[int]*chairman{}

	main := newChairman(base)
	briefs := make([]string, len(s.Pillars))
	for i := range s.Pillars {
		pl := &s.Pillars[i]
		briefs[i] = pl.Examples[c.ID]
		if briefs[i] == "" {
			briefs[i] = pl.Description
		}
	}

	recs := make([]rec, 0, len(entries))
	locals := make([]int64, 0, len(entries))
	blackedOutTactic := map[int]int{}
	removed := 0
	for g := 0; g < len(entries); {
		e := entries[g]
		// The group of entries at this instant becomes one slot at most.
		h := g + 1
		cadences, moved, extra := 0, e.moved, -1
		switch e.kind {
		case kindCadence:
			cadences++
		case kindExtra:
			extra = int(e.src)
		}
		for ; h < len(entries) && entries[h].inst == e.inst; h++ {
			o := entries[h]
			moved = moved || o.moved
			switch o.kind {
			case kindTactic:
				if o.src != e.src {
					p.warn(c.ID, s.Tactics[o.src].ID, "tactic %s falls at %s on channel %s, the same time as tactic %s: only %s is planned",
						s.Tactics[o.src].ID, formatLocal(e.local), c.ID, s.Tactics[e.src].ID, s.Tactics[e.src].ID)
				}
			case kindCadence:
				cadences++
			case kindExtra:
				if extra < 0 {
					extra = int(o.src)
				}
			}
		}
		g = h

		day := floorDiv(e.local, secondsPerDay)
		if cadences > 1 && moved {
			// Two cadence times became one: one of them was in the hour
			// the clocks skipped and moved onto the other.
			gap := offsetAt(loc, e.inst) - offsetAt(loc, e.inst-secondsPerDay)
			cadRun.merged = append(cadRun.merged, merge{from: e.local - gap, onto: e.local})
		}
		if blackedOutDay(blackouts, day) {
			removed++
			if e.kind == kindTactic {
				blackedOutTactic[int(e.src)]++
			}
			continue
		}

		r := rec{inst: e.inst, pillar: -1, tactic: -1, campaign: -1, format: -1}
		// The campaign that applies to the slot: the one whose extra
		// cadence made it, else the first in declared order that
		// re-weights pillars on this day. Its weights choose the pillar
		// (the channel's own when it has none), and it labels the slot.
		k := -1
		if extra >= 0 && cadences == 0 {
			k = extra
		} else {
			for i := range reweights {
				if reweights[i].days.has(day) {
					k = reweights[i].k
					break
				}
			}
		}
		state := main
		if k >= 0 {
			r.campaign = int32(k)
			if p.campWeights[k] != nil {
				if campStates[k] == nil {
					campStates[k] = newChairman(p.campWeights[k])
				}
				state = campStates[k]
			}
		}
		if e.kind == kindTactic {
			r.tactic = e.src
			r.pillar = int32(p.tacticPill[e.src])
			state.count(int(r.pillar))
		} else {
			r.pillar = int32(state.next())
		}
		if len(c.Formats) > 0 {
			r.format = int32(len(recs) % len(c.Formats))
		}
		recs = append(recs, r)
		locals = append(locals, e.local)
	}
	for j := range s.Tactics {
		if n := blackedOutTactic[j]; n > 0 {
			p.warn(c.ID, s.Tactics[j].ID, "tactic %s: %d %s on channel %s %s on blackout days and %s not planned", s.Tactics[j].ID, n,
				pluralise(n, "occurrence", "occurrences"), c.ID, pluralise(n, "falls", "fall"), pluralise(n, "is", "are"))
		}
	}
	if cad := c.Cadence; cad != nil && cad.MinPerWeek > 0 {
		p.checkWeeks(c.ID, cad.MinPerWeek, locals, blackouts, cadRun)
	}
	p.used += len(recs)
	return &channelSlots{c: c, zone: zone, briefs: briefs, recs: recs, ids: identities(locals, s.Brand.Name, c.ID)}, cp, removed, nil
}

// sortEntries sorts entries whose first n are the cadence's, nearly sorted
// already, and whose rest (campaign extras and tactics) are few: the tail is
// sorted on its own and merged in, which costs far less than sorting all.
func sortEntries(entries []entry, n int, cmp func(a, b entry) int) []entry {
	head, tail := entries[:n], entries[n:]
	if !slices.IsSortedFunc(head, cmp) {
		slices.SortFunc(head, cmp)
	}
	if len(tail) == 0 {
		return entries
	}
	slices.SortFunc(tail, cmp)
	out := make([]entry, 0, len(entries))
	i, j := 0, 0
	for i < len(head) && j < len(tail) {
		if cmp(tail[j], head[i]) < 0 {
			out = append(out, tail[j])
			j++
		} else {
			out = append(out, head[i])
			i++
		}
	}
	out = append(out, head[i:]...)
	return append(out, tail[j:]...)
}

func blackedOutDay(ranges []dayRange, day int64) bool {
	for _, r := range ranges {
		if r.has(day) {
			return true
		}
	}
	return false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
