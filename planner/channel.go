package planner

import (
	"fmt"
	"math"
	"slices"
	"time"

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

// entry is one schedule's wall time on a channel, before positions are
// formed.
type entry struct {
	wall int64
	kind uint8
	src  int32 // tactic or campaign index
}

// position is one distinct wall time of a channel in a quarter: a place in
// the pillar sequences that count it, and a candidate post. Its lists are
// ranges of the channel's pools, reused from quarter to quarter.
type position struct {
	wall, inst, local int64
	cad               bool
	cadence           int16 // with cad, the first declared cadence at this wall time
	plainExtra        bool  // an extra post of a campaign that does not re-weight
	tactic            int32 // first declared tactic at this wall time, or -1
	extra             int32 // first declared campaign with an extra post here, or -1
	tactics           span  // in srcs: every tactic at this wall time
	extras            span  // in srcs: every campaign with an extra post here
	refs              span  // in refs: the sequences that count this position
}

// span is a range [lo, hi) of a pool.
type span struct{ lo, hi int32 }

// seqRef is a position's place in one sequence's block.
type seqRef struct {
	seq int32 // 0 the channel's, 1+r its r-th re-weighting campaign's
	k   int32 // index in that sequence's block
}

// dayRange is an inclusive range of wall day numbers.
type dayRange struct{ a, b int64 }

func (r dayRange) has(day int64) bool { return day >= r.a && day <= r.b }

func applies(channels []string, id string) bool {
	return len(channels) == 0 || slices.Contains(channels, id)
}

// sequence is one pillar sequence of a channel: the channel's own, or a
// campaign's that re-weights pillars on it.
type sequence struct {
	m      *pillarSeq
	k      int   // campaign index, or -1 for the channel's own
	lo, hi int64 // wall range it covers (a campaign's days, the channel's active period)
	anchor int64 // wall time of its position 0
	next   int64 // index of the next position
	known  bool  // next has been counted
	b      block
	// In the horizon: the posts whose pillar the sequence chose or whose
	// tactic counted in it, and the tactics' posts per pillar.
	posts   int
	tactics []int
}

// reweight is a campaign that re-weights pillars on a channel.
type reweight struct {
	k    int
	days dayRange
}

// post is a slot of a quarter before it becomes a Slot.
type post struct {
	inst, wall, local int64
	seq, k            int32 // sequence and block index that choose the pillar, or seq -1
	tactic, campaign  int32
	cadence           int32 // the first cadence whose time the post is at, or -1
}

// channelPlan plans one channel, a calendar quarter at a time. A quarter
// is the block of every pillar sequence: its positions are all known before
// any gets a pillar, so the apportionment can look at the whole block, and
// it starts from the sequence's counts at the quarter's first position,
// which do not depend on the horizon.
type channelPlan struct {
	p         *planner
	ci        int
	c         *strategy.Channel
	info      ChannelPlan
	zone      string
	loc       *time.Location
	res       dayResolver
	cad       wallSet   // the union of the cadences' wall times
	cads      []cadence // the channel's cadences, declared order
	active    bounds    // the channel's active period
	tactics   []int     // tactics on the channel, declared order
	extras    []int     // campaigns with extra posts on the channel
	reweights []reweight
	blackouts []dayRange
	seqs      []*sequence // 0 the channel's own, then one per reweight
	briefs    []string

	q    int64       // start of the next quarter to plan (wall time)
	recs []rec       // the quarter's slots in the horizon, after those held back
	ids  *identities // writes their Local and UID
	// The planning goroutine's: the slots held back until the next
	// quarter is planned. The stream's: the quarter being handed out, the
	// next at ready[at], and the channels between the two.
	held  []rec
	ready []rec
	texts string // ready's Local and UID texts, once a Slot is built from it
	at    int
	key   int64 // ready[at]'s start, in Unix seconds
	spent bool  // the channel has no more slots
	out   chan batch
	free  chan []rec
	// The working memory of the quarter being planned, from workPool.
	*work

	// What the horizon held, for the warnings.
	posts        int
	removed      int
	cadenceWalls []int // per cadence, its wall times in the horizon
	formats      int
	weeks        weekCounts   // the channel's posts
	cadWeeks     []weekCounts // with several cadences, each one's posts
	runs         []cadenceRun // per cadence (one for a channel without)
	shared       []sharedWall // wall times two cadences gave, in the horizon
	blackedOut   map[int]int
	setup, early []Warning
	during       []Warning
}

// newChannelPlan prepares channel ci: its zone, schedules and sequences.
func (p *planner) newChannelPlan(ci int) (*channelPlan, error) {
	s := p.s
	c := &s.Channels[ci]
	zone := c.Timezone
	if zone == "" {
		zone = s.Brand.Timezone
	}
	if zone == "" {
		zone = "UTC"
	}
	cp := &channelPlan{p: p, ci: ci, c: c, zone: zone, cad: noWalls{}, blackedOut: map[int]int{}, q: p.q0}
	loc, err := loadLocation(zone)
	if err != nil {
		return nil, fmt.Errorf("plan: channel %s: %w", c.ID, err)
	}
	cp.loc, cp.res = loc, dayResolver{loc: loc}

	base := p.base
	if len(c.Pillars) > 0 {
		base = p.weightsFor(c.Pillars, func(format string, args ...any) {
			cp.setup = append(cp.setup, Warning{Channel: c.ID, Message: fmt.Sprintf(format, args...)})
		}, "channel "+c.ID)
	}
	cp.info = ChannelPlan{ID: c.ID, Platform: c.Platform, Timezone: zone, Targets: percentages(base)}
	var anchor int64
	cp.active, anchor = channelBounds(c)
	// The channel's sequence counts from the day it is launched, else from
	// its cadences' first start, else from the fixed epoch: never from the
	// horizon.
	own := &sequence{m: p.seqOf(base), k: -1, lo: max(minWall, cp.active.lo), hi: min(maxWall, cp.active.hi), anchor: anchor}
	cp.seqs = append(cp.seqs, own)

	// A cadence starts at its start, else at the fixed epoch, never at the
	// horizon, and posts nothing before it.
	if cp.cads, err = readCadences(c.Cadence); err != nil {
		return nil, fmt.Errorf("plan: channel %s: %w", c.ID, err)
	}
	switch len(cp.cads) {
	case 0:
	case 1:
		cp.cad = cp.cads[0].set
	default:
		if cp.cad, err = newCadenceSet(cp.cads); err != nil {
			return nil, fmt.Errorf("plan: channel %s: %w", c.ID, err)
		}
	}
	for j := range s.Tactics {
		if slices.Contains(s.Tactics[j].Channels, c.ID) {
			cp.tactics = append(cp.tactics, j)
		}
	}
	if s.Calendar != nil {
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
			cp.blackouts = append(cp.blackouts, r)
		}
		for k := range s.Calendar.Campaigns {
			camp := &s.Calendar.Campaigns[k]
			if !applies(camp.Channels, c.ID) {
				continue
			}
			if p.extras[k] != nil {
				cp.extras = append(cp.extras, k)
			}
			if p.campWeights[k] != nil && !camp.From.IsZero() && !camp.To.IsZero() {
				days := dayRange{wallOf(camp.From) / secondsPerDay, wallOf(camp.To) / secondsPerDay}
				cp.reweights = append(cp.reweights, reweight{k: k, days: days})
				lo, hi := cp.active.clamp(days.a*secondsPerDay, (days.b+1)*secondsPerDay)
				cp.seqs = append(cp.seqs, &sequence{m: p.seqOf(p.campWeights[k]), k: k, lo: lo, hi: max(lo, hi), anchor: days.a * secondsPerDay})
			}
		}
	}
	cp.briefs = make([]string, len(s.Pillars))
	for i := range s.Pillars {
		pl := &s.Pillars[i]
		cp.briefs[i] = pl.Examples[c.ID]
		if cp.briefs[i] == "" {
			cp.briefs[i] = pl.Description
		}
	}
	cp.runs = make([]cadenceRun, max(1, len(cp.cads)))
	for k := range cp.runs {
		cp.runs[k].last = -1 << 62
	}
	cp.cadenceWalls = make([]int, len(cp.cads))
	cp.ids = newIdentities(s.Brand.Name, c.ID)
	cp.weeks.init(p.from, p.to)
	if len(cp.cads) > 1 {
		cp.cadWeeks = make([]weekCounts, len(cp.cads))
		for k := range cp.cadWeeks {
			cp.cadWeeks[k].init(p.from, p.to)
		}
	}
	return cp, nil
}

// channelBounds returns the wall times of the channel's active period,
// [launched, retired], and the anchor of its pillar sequence: the day it
// is launched, else the first of its cadences' starts (a cadence without
// one starts at the fixed epoch), else the epoch.
func channelBounds(c *strategy.Channel) (active bounds, anchor int64) {
	active, anchor = unbounded, ruleEpoch
	if a := c.Active; a != nil {
		if !a.From.IsZero() {
			active.lo = wallOf(a.From)
		}
		if !a.To.IsZero() {
			active.hi = wallOf(a.To) + secondsPerDay
		}
	}
	if active.lo > math.MinInt64 {
		return active, active.lo
	}
	for k, cd := range c.Cadence {
		start := ruleEpoch
		if !cd.Start.IsZero() {
			start = wallOf(cd.Start)
		}
		if k == 0 || start < anchor {
			anchor = start
		}
	}
	return active, anchor
}

// quiet returns the days on which cadence k does not post whatever its
// rhythm: before the channel is launched or the cadence starts, and after
// the channel is retired. Its weeks that touch them are not held to its
// minimum.
func (cp *channelPlan) quiet(k int) []dayRange {
	var out []dayRange
	first := cp.active.lo
	if k < len(cp.cads) && !cp.cads[k].c.Start.IsZero() {
		first = max(first, cp.cads[k].start)
	}
	if first > math.MinInt64 {
		out = append(out, dayRange{minWall / secondsPerDay, floorDiv(first, secondsPerDay) - 1})
	}
	if cp.active.hi < math.MaxInt64 {
		out = append(out, dayRange{cp.active.hi / secondsPerDay, maxWall / secondsPerDay})
	}
	return out
}

// done reports whether every quarter the horizon touches is planned.
func (cp *channelPlan) done() bool { return cp.q >= cp.p.qEnd }
