package planner

import (
	"slices"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// emit turns the quarter's posts in the horizon into slots.
func (cp *channelPlan) emit(posts []post, ps []position) {
	p := cp.p
	s := p.s
	first := len(cp.recs)
	if cap(cp.recs)-first < len(posts) {
		// Room for a longer quarter too: the buffers go round for the
		// whole plan, and quarters differ by a few days.
		cp.recs = slices.Grow(cp.recs, len(posts)+len(posts)/8+8)
	}
	for _, pos := range ps {
		if pos.cad && pos.wall >= p.from && pos.wall < p.to {
			cp.cadenceWalls[pos.cadence]++
			r := &cp.runs[pos.cadence]
			r.last = max(r.last, pos.wall)
		}
	}
	for i := range posts {
		pt := &posts[i]
		if pt.wall < p.from || pt.wall >= p.to {
			continue
		}
		cp.recs = append(cp.recs, rec{inst: pt.inst, pillar: -1, tactic: pt.tactic, campaign: pt.campaign, format: -1, cadence: pt.cadence})
		r := &cp.recs[len(cp.recs)-1]
		if n := len(cp.c.Formats); n > 0 {
			r.format = int32(cp.formats % n)
		}
		cp.formats++
		if pt.tactic >= 0 {
			r.pillar = int32(p.tacticPill[pt.tactic])
		} else if pt.seq >= 0 {
			r.pillar = cp.seqs[pt.seq].b.pillar[pt.k]
		}
		r.variant = variant(cp.ci, int(r.pillar), int(r.tactic), int(r.campaign), int(r.format))
		cp.ids.put(&r.id, pt.local)
		cp.weeks.add(pt.local)
		if cp.cadWeeks != nil && pt.cadence >= 0 {
			cp.cadWeeks[pt.cadence].add(pt.local)
		}
		if pt.seq >= 0 {
			sq := cp.seqs[pt.seq]
			sq.posts++
			if pt.tactic >= 0 && r.pillar >= 0 {
				if sq.tactics == nil {
					sq.tactics = make([]int, len(s.Pillars))
				}
				sq.tactics[r.pillar]++
			}
		}
	}
	cp.posts += len(cp.recs) - first
}

// rec is a planned slot before it becomes a Slot: the stream keeps a
// quarter of these per channel, in buffers it reuses, so a slot's text
// lives in it rather than in memory of its own.
type rec struct {
	inst                             int64       // Unix seconds
	variant                          uint64      // the Slot's Variant
	pillar, tactic, campaign, format int32       // indexes, or -1
	cadence                          int32       // index of the cadence it counts for, or -1
	id                               [idLen]byte // Local then UID
}

// fill builds the Slot of r, a record of the channel whose Local and UID
// are id.
func (cp *channelPlan) fill(sl *Slot, r *rec, id string) {
	s := cp.p.s
	c := cp.c
	*sl = Slot{Start: time.Unix(r.inst, 0).UTC(), Local: id[:localLen], UID: id[localLen:],
		Timezone: cp.zone, Channel: c.ID, Platform: c.Platform}
	if r.format >= 0 {
		sl.Format = c.Formats[r.format]
	}
	if r.campaign >= 0 {
		sl.Campaign = s.Calendar.Campaigns[r.campaign].ID
	}
	var t *strategy.Tactic
	if r.tactic >= 0 {
		t = &s.Tactics[r.tactic]
		sl.Tactic, sl.TacticName, sl.Pillar, sl.Brief = t.ID, t.Name, t.Pillar, t.Example
	}
	if r.pillar >= 0 {
		pl := &s.Pillars[r.pillar]
		sl.Pillar, sl.PillarName = pl.ID, pl.Name
		if sl.Brief == "" {
			sl.Brief = cp.briefs[r.pillar]
		}
	}
	if sl.Brief == "" && t != nil {
		sl.Brief = t.Description
	}
	sl.Variant = r.variant
	sl.Cadence = int(r.cadence) + 1
}

// variant packs what decides a slot's description apart from its time
// (channel, pillar, tactic, campaign and format, each -1 when none) into
// Slot.Variant, or gives 0 when one does not fit its bits.
func variant(channel, pillar, tactic, campaign, format int) uint64 {
	if channel >= 1<<15 || pillar >= 1<<11 || tactic >= 1<<15 || campaign >= 1<<11 || format >= 1<<8-1 {
		return 0
	}
	return 1<<63 | uint64(channel)<<48 | uint64(pillar+1)<<36 | uint64(tactic+1)<<20 | uint64(campaign+1)<<8 | uint64(format+1)
}
