package planner

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
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
	cad       wallSet
	cadRule   bool
	cadStart  int64  // wall time the cadence counts from: its start, else the epoch
	active    bounds // the channel's active period
	tactics   []int  // tactics on the channel, declared order
	extras    []int  // campaigns with extra posts on the channel
	reweights []reweight
	blackouts []dayRange
	seqs      []*sequence // 0 the channel's own, then one per reweight
	briefs    []string

	q    int64   // start of the next quarter to plan (wall time)
	recs []rec   // the quarter's slots in the horizon, after those held back
	ids  []int64 // their local wall times
	// The planning goroutine's: the slots held back until the next
	// quarter is planned. The stream's: the quarter being handed out, the
	// next at ready[at], and the channels between the two.
	held  []rec
	ready []rec
	at    int
	key   int64 // ready[at]'s start, in Unix seconds
	spent bool  // the channel has no more slots
	out   chan batch
	free  chan []rec
	// Per quarter, reused.
	walls   []int64
	entries []entry
	pos     []position
	srcs    []int32
	refs    []seqRef
	order   []int32
	group   []int32
	postBuf []post

	// What the horizon held, for the warnings.
	posts        int
	removed      int
	cadenceWalls int
	formats      int
	weeks        weekCounts
	run          cadenceRun
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
	cp.active, cp.cadStart = channelBounds(c)
	// The channel's sequence counts from the day it is launched, else from
	// its cadence's start, else from the fixed epoch: never from the
	// horizon.
	own := &sequence{m: p.seqOf(base), k: -1, lo: max(minWall, cp.active.lo), hi: min(maxWall, cp.active.hi), anchor: ruleEpoch}
	switch {
	case c.Active != nil && !c.Active.From.IsZero():
		own.anchor = cp.active.lo
	case c.Cadence != nil && !c.Cadence.Start.IsZero():
		own.anchor = cp.cadStart
	}
	cp.seqs = append(cp.seqs, own)

	if cad := c.Cadence; cad != nil {
		// A channel's cadence starts at its start, else at the fixed
		// epoch, never at the horizon, and posts nothing before it.
		b := unbounded
		if !cad.Start.IsZero() {
			b.lo = cp.cadStart
		}
		if cad.RRule != "" {
			cp.cadRule = true
			cp.cad, err = newRuleWalls(cad.RRule, cp.cadStart, b)
		} else {
			cp.cad, err = newDayTimes(cad.Days, cad.Times, b)
		}
		if err != nil {
			return nil, fmt.Errorf("plan: channel %s: cadence: %w", c.ID, err)
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
	cp.run.last = -1 << 62
	cp.weeks.init(p.from, p.to)
	return cp, nil
}

// channelBounds returns the wall times of the channel's active period,
// [launched, retired], and the wall time its cadence counts from: the
// cadence's start, else the fixed epoch.
func channelBounds(c *strategy.Channel) (active bounds, cadStart int64) {
	active, cadStart = unbounded, ruleEpoch
	if a := c.Active; a != nil {
		if !a.From.IsZero() {
			active.lo = wallOf(a.From)
		}
		if !a.To.IsZero() {
			active.hi = wallOf(a.To) + secondsPerDay
		}
	}
	if c.Cadence != nil && !c.Cadence.Start.IsZero() {
		cadStart = wallOf(c.Cadence.Start)
	}
	return active, cadStart
}

// quiet returns the days on which the channel does not post whatever its
// cadence: before it is launched or its cadence starts, and after it is
// retired. Its weeks that touch them are not held to the cadence's minimum.
func (cp *channelPlan) quiet() []dayRange {
	var out []dayRange
	first := cp.active.lo
	if cp.c.Cadence != nil && !cp.c.Cadence.Start.IsZero() {
		first = max(first, cp.cadStart)
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

// nextQuarter plans the next quarter and leaves its slots in the horizon,
// in order, in cp.slots.
func (cp *channelPlan) nextQuarter() error {
	qs := cp.q
	qe := nextQuarterWall(qs)
	cp.q = qe
	for _, sq := range cp.seqs {
		if err := cp.startBlock(sq, qs); err != nil {
			return err
		}
	}
	positions, err := cp.positions(qs, qe)
	if err != nil {
		return err
	}
	posts := cp.groups(positions)
	for _, sq := range cp.seqs {
		if len(sq.b.kind) > 0 {
			sq.m.apportion(&sq.b)
			sq.next += int64(len(sq.b.kind))
		}
	}
	cp.emit(posts, positions)
	return nil
}

// startBlock counts, the first time a sequence is met, its positions from
// its anchor to the block's start, and opens the block.
func (cp *channelPlan) startBlock(sq *sequence, qs int64) error {
	start := max(qs, sq.lo)
	if !sq.known {
		anchor := sq.anchor
		var n int64
		var err error
		if start >= anchor {
			n, err = cp.countPositions(sq, anchor, start)
		} else {
			n, err = cp.countPositions(sq, start, anchor)
			n = -n
		}
		if err != nil {
			return err
		}
		sq.next, sq.known = n, true
	}
	sq.b.reset(sq.next)
	return nil
}

// countPositions counts the positions of sq with wall times in [lo, hi):
// the cadence's in closed form, the tactics' and extra posts' one by one
// (they are few), each wall time once.
func (cp *channelPlan) countPositions(sq *sequence, lo, hi int64) (int64, error) {
	lo, hi = max(lo, sq.lo), min(hi, sq.hi)
	if lo >= hi {
		return 0, nil
	}
	n, err := cp.cad.count(lo, hi)
	if err != nil {
		return 0, cp.p.tooMany("channel "+cp.c.ID+": cadence", err)
	}
	var sparse []int64
	for _, j := range cp.tactics {
		sparse = append(sparse, cp.p.tacticWalls(j, lo, hi)...)
	}
	for _, k := range cp.extras {
		if (sq.k < 0 && cp.p.campWeights[k] == nil) || int(sq.k) == k {
			sparse = append(sparse, cp.p.extraWalls(k, lo, hi)...)
		}
	}
	if len(sparse) == 0 {
		return n, nil
	}
	slices.Sort(sparse)
	sparse = dedupe(sparse)
	unknown := false
	for _, w := range sparse {
		in, known := cp.cad.has(w)
		if !known {
			unknown = true
			break
		}
		if !in {
			n++
		}
	}
	if !unknown {
		return n, nil
	}
	// An RRULE that cannot say: merge with its wall times, a year at a time.
	n, _ = cp.cad.count(lo, hi)
	i := 0
	for at := lo; at < hi && i < len(sparse); at += 366 * secondsPerDay {
		end := min(hi, at+366*secondsPerDay)
		walls, err := cp.cad.walls(nil, at, end)
		if err != nil {
			return 0, cp.p.tooMany("channel "+cp.c.ID+": cadence", err)
		}
		for ; i < len(sparse) && sparse[i] < end; i++ {
			if _, found := slices.BinarySearch(walls, sparse[i]); !found {
				n++
			}
		}
	}
	return n, nil
}

// positions lists the channel's distinct wall times in [lo, hi), resolves
// them in its zone and places each in the blocks of the sequences that
// count it.
func (cp *channelPlan) positions(lo, hi int64) ([]position, error) {
	p := cp.p
	// Outside its active period the channel has no position at all.
	lo, hi = cp.active.clamp(lo, hi)
	hi = max(lo, hi)
	walls, err := cp.cad.walls(cp.walls[:0], lo, hi)
	cp.walls = walls
	if err != nil {
		return nil, cp.p.tooMany("channel "+cp.c.ID+": cadence", err)
	}
	// The cadence's wall times are in order; the few others (tactics,
	// extras) are sorted apart and merged in as positions are formed.
	entries := cp.entries[:0]
	for _, j := range cp.tactics {
		for _, w := range p.tacticWalls(j, lo, hi) {
			entries = append(entries, entry{wall: w, kind: kindTactic, src: int32(j)})
		}
	}
	for _, k := range cp.extras {
		for _, w := range p.extraWalls(k, lo, hi) {
			entries = append(entries, entry{wall: w, kind: kindExtra, src: int32(k)})
		}
	}
	slices.SortFunc(entries, cmpEntry)
	cp.entries = entries
	out := cp.pos[:0]
	srcs, refs := cp.srcs[:0], cp.refs[:0]
	for i, g := 0, 0; i < len(walls) || g < len(entries); {
		var w int64
		switch {
		case g == len(entries) || i < len(walls) && walls[i] <= entries[g].wall:
			w = walls[i]
		default:
			w = entries[g].wall
		}
		ps := position{wall: w, tactic: -1, extra: -1}
		if i < len(walls) && walls[i] == w {
			ps.cad = true
			i++
		}
		// Tactics sort first among a wall time's other entries.
		ps.tactics.lo = int32(len(srcs))
		for ; g < len(entries) && entries[g].wall == w && entries[g].kind == kindTactic; g++ {
			if ps.tactic < 0 {
				ps.tactic = entries[g].src
			}
			srcs = append(srcs, entries[g].src)
		}
		ps.tactics.hi = int32(len(srcs))
		ps.extras.lo = ps.tactics.hi
		for ; g < len(entries) && entries[g].wall == w; g++ {
			e := entries[g]
			if ps.extra < 0 {
				ps.extra = e.src
			}
			srcs = append(srcs, e.src)
			if p.campWeights[e.src] == nil {
				ps.plainExtra = true
			}
		}
		ps.extras.hi = int32(len(srcs))
		ps.inst, ps.local = cp.res.resolve(w)
		day := floorDiv(w, secondsPerDay)
		// The channel's own sequence counts every wall time but the extra
		// posts of campaigns that re-weight; a re-weighting campaign's
		// counts the cadence's and tactics' on its days, and its extras.
		ps.refs.lo = int32(len(refs))
		if ps.cad || ps.tactic >= 0 || ps.plainExtra {
			refs = append(refs, seqRef{0, int32(cp.seqs[0].b.add(posGone, -1))})
		}
		for r, rw := range cp.reweights {
			if (ps.cad || ps.tactic >= 0) && rw.days.has(day) || slices.Contains(srcs[ps.extras.lo:ps.extras.hi], int32(rw.k)) {
				sq := cp.seqs[r+1]
				refs = append(refs, seqRef{int32(r + 1), int32(sq.b.add(posGone, -1))})
			}
		}
		ps.refs.hi = int32(len(refs))
		out = append(out, ps)
	}
	cp.pos, cp.srcs, cp.refs = out, srcs, refs
	return out, nil
}

// cmpEntry orders entries by wall time, then tactics before extras, then
// by declared order.
func cmpEntry(a, b entry) int {
	switch {
	case a.wall != b.wall:
		return cmpInt(a.wall, b.wall)
	case a.kind != b.kind:
		return int(a.kind) - int(b.kind)
	}
	return int(a.src) - int(b.src)
}

// groups turns positions into posts: positions at the same instant (two
// wall times that daylight saving made one) are one post. It decides which
// sequence chooses each post's pillar and marks the post's place in it; the
// rest of the group's places stay gone.
func (cp *channelPlan) groups(ps []position) []post {
	p := cp.p
	s := p.s
	// Positions come in wall-time order, which is instant order but where
	// a daylight-saving gap moved a time past the next.
	var order []int32 // nil while ps is in instant order
	for i := 1; i < len(ps); i++ {
		if ps[i].inst < ps[i-1].inst {
			order = cp.order[:0]
			for k := range ps {
				order = append(order, int32(k))
			}
			slices.SortStableFunc(order, func(a, b int32) int { return cmpInt(ps[a].inst, ps[b].inst) })
			cp.order = order
			break
		}
	}
	at := func(k int) int32 {
		if order == nil {
			return int32(k)
		}
		return order[k]
	}
	posts := cp.postBuf[:0]
	group := cp.group[:0]
	for g := 0; g < len(ps); {
		h := g + 1
		for h < len(ps) && ps[at(h)].inst == ps[at(g)].inst {
			h++
		}
		group = group[:0]
		for k := g; k < h; k++ {
			group = append(group, at(k))
		}
		g = h
		if len(group) > 1 {
			slices.Sort(group) // wall order
		}
		first := &ps[group[0]]
		inHorizon := first.wall >= p.from && first.wall < p.to
		tactic, extra, owner := int32(-1), int32(-1), -1
		cadences, moved := 0, false
		for _, i := range group {
			q := &ps[i]
			if q.cad {
				cadences++
			}
			moved = moved || q.local != q.wall
			if q.tactic >= 0 && (tactic < 0 || q.tactic < tactic) {
				tactic, owner = q.tactic, int(i)
			}
			if q.extra >= 0 && (extra < 0 || q.extra < extra) {
				extra = q.extra
			}
		}
		if inHorizon && tactic >= 0 && (len(group) > 1 || first.tactics.hi-first.tactics.lo > 1) {
			var others []int32
			for _, i := range group {
				for _, o := range cp.srcs[ps[i].tactics.lo:ps[i].tactics.hi] {
					if o != tactic && !slices.Contains(others, o) {
						others = append(others, o)
					}
				}
			}
			slices.Sort(others)
			for _, o := range others {
				cp.during = append(cp.during, Warning{Channel: cp.c.ID, Tactic: s.Tactics[o].ID, Message: fmt.Sprintf(
					"tactic %s falls at %s on channel %s, the same time as tactic %s: only %s is planned",
					s.Tactics[o].ID, formatLocal(first.local), cp.c.ID, s.Tactics[tactic].ID, s.Tactics[tactic].ID)})
			}
		}
		day := floorDiv(first.wall, secondsPerDay)
		if inHorizon && cadences > 1 && moved {
			// Two cadence times became one: one of them was in the hour
			// the clocks skipped and moved onto the other.
			gap := offsetAt(cp.loc, first.inst) - offsetAt(cp.loc, first.inst-secondsPerDay)
			cp.run.merged = append(cp.run.merged, merge{from: first.local - gap, onto: first.local})
		}
		if blackedOutDay(cp.blackouts, day) {
			if inHorizon {
				cp.removed++
				if tactic >= 0 {
					cp.blackedOut[int(tactic)]++
				}
			}
			continue
		}
		// The campaign that applies to the post: the one whose extra
		// cadence made it, else the first in declared order that
		// re-weights pillars on this day. Its weights choose the pillar
		// (the channel's own when it has none), and it labels the post.
		k := int32(-1)
		if extra >= 0 && cadences == 0 {
			k = extra
		} else {
			for _, rw := range cp.reweights {
				if rw.days.has(day) {
					k = int32(rw.k)
					break
				}
			}
		}
		seq := int32(0)
		if k >= 0 && p.campWeights[k] != nil {
			for r, rw := range cp.reweights {
				if rw.k == int(k) {
					seq = int32(r + 1)
				}
			}
		}
		if owner < 0 {
			for _, i := range group {
				if cp.refOf(ps[i].refs, seq) >= 0 {
					owner = int(i)
					break
				}
			}
		}
		pt := post{inst: first.inst, wall: first.wall, local: first.local, seq: -1, tactic: tactic, campaign: k}
		if owner >= 0 {
			if at := cp.refOf(ps[owner].refs, seq); at >= 0 {
				sq := cp.seqs[seq]
				pt.seq, pt.k = seq, int32(at)
				switch {
				case tactic < 0:
					sq.b.kind[at] = posFree
				case p.tacticPill[tactic] >= 0:
					sq.b.kind[at], sq.b.pillar[at] = posFixed, int32(p.tacticPill[tactic])
				}
			}
		}
		posts = append(posts, pt)
	}
	cp.postBuf, cp.group = posts, group
	return posts
}

// refOf returns the block index of the position with the refs in
// sequence seq, or -1.
func (cp *channelPlan) refOf(refs span, seq int32) int {
	for _, r := range cp.refs[refs.lo:refs.hi] {
		if r.seq == seq {
			return int(r.k)
		}
	}
	return -1
}

// emit turns the quarter's posts in the horizon into slots.
func (cp *channelPlan) emit(posts []post, ps []position) {
	p := cp.p
	s := p.s
	first := len(cp.recs)
	cp.ids = cp.ids[:0]
	for _, pos := range ps {
		if pos.cad && pos.wall >= p.from && pos.wall < p.to {
			cp.cadenceWalls++
			cp.run.last = max(cp.run.last, pos.wall)
		}
	}
	for i := range posts {
		pt := &posts[i]
		if pt.wall < p.from || pt.wall >= p.to {
			continue
		}
		r := rec{inst: pt.inst, pillar: -1, tactic: pt.tactic, campaign: pt.campaign, format: -1}
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
		cp.recs = append(cp.recs, r)
		cp.ids = append(cp.ids, pt.local)
		cp.weeks.add(pt.local)
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
	ids := identities(cp.ids, s.Brand.Name, cp.c.ID)
	for i := range cp.recs[first:] {
		cp.recs[first+i].id = ids[i*idLen : (i+1)*idLen]
	}
}

// rec is a planned slot before it becomes a Slot: the stream keeps a
// quarter of these per channel, a sixth of the size of Slots.
type rec struct {
	inst                             int64  // Unix seconds
	id                               string // Local then UID
	variant                          uint64 // the Slot's Variant
	pillar, tactic, campaign, format int32  // indexes, or -1
}

// fill builds the Slot of r, a record of the channel.
func (cp *channelPlan) fill(sl *Slot, r *rec) {
	s := cp.p.s
	c := cp.c
	*sl = Slot{Start: time.Unix(r.inst, 0).UTC(), Local: r.id[:localLen], UID: r.id[localLen:],
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

// finish works out the warnings that need the whole horizon, in the order
// they are reported.
func (cp *channelPlan) finish() []Warning {
	p := cp.p
	s := p.s
	c := cp.c
	out := append([]Warning(nil), cp.setup...)
	warn := func(tactic, format string, args ...any) {
		out = append(out, Warning{Channel: c.ID, Tactic: tactic, Message: fmt.Sprintf(format, args...)})
	}
	from, to := cp.active.clamp(p.from, p.to)
	if from >= to {
		warn("", "channel %s posts %s, so it has no post between %s and %s", c.ID, cp.activePeriod(), p.opt.From, p.opt.To.AddDays(-1))
	}
	for _, j := range cp.tactics {
		t := &s.Tactics[j]
		n := len(p.tacticWalls(j, p.from, p.to))
		if from < to {
			n -= len(p.tacticWalls(j, from, to))
		}
		if n > 0 {
			warn(t.ID, "tactic %s: %d %s on channel %s %s outside the period the channel posts (%s) and %s not planned", t.ID, n,
				pluralise(n, "occurrence", "occurrences"), c.ID, pluralise(n, "falls", "fall"), cp.activePeriod(), pluralise(n, "is", "are"))
		}
	}
	for _, k := range cp.extras {
		n := len(p.extraWalls(k, p.from, p.to))
		if from < to {
			n -= len(p.extraWalls(k, from, to))
		}
		if n > 0 {
			id := s.Calendar.Campaigns[k].ID
			warn("", "campaign %s: %d extra %s on channel %s %s outside the period the channel posts (%s) and %s not planned", id, n,
				pluralise(n, "post", "posts"), c.ID, pluralise(n, "falls", "fall"), cp.activePeriod(), pluralise(n, "is", "are"))
		}
	}
	if cad := c.Cadence; cad != nil && from < to {
		switch {
		case !cad.Start.IsZero() && cp.cadStart >= to:
			warn("", "channel %s: its cadence starts on %s, after the last day planned (%s)", c.ID, cad.Start, p.opt.To.AddDays(-1))
		case cad.RRule != "" && cp.cadenceWalls == 0:
			warn("", "channel %s: the cadence RRULE gives no post between %s and %s", c.ID, p.opt.From, p.opt.To.AddDays(-1))
		case cad.RRule == "" && len(cad.Times) == 0:
			warn("", "channel %s: the cadence has no times (or RRULE), so it gives no posts", c.ID)
		}
	}
	out = append(out, cp.during...)
	for j := range s.Tactics {
		if n := cp.blackedOut[j]; n > 0 {
			warn(s.Tactics[j].ID, "tactic %s: %d %s on channel %s %s on blackout days and %s not planned", s.Tactics[j].ID, n,
				pluralise(n, "occurrence", "occurrences"), c.ID, pluralise(n, "falls", "fall"), pluralise(n, "is", "are"))
		}
	}
	if cad := c.Cadence; cad != nil && cad.MinPerWeek > 0 {
		if cad.RRule != "" && ruleHasEnd(cad.RRule) {
			cp.run.ended = ruleEnded(cad.RRule, cp.cadStart, p.to)
		}
		out = cp.weeks.check(out, c.ID, cad.MinPerWeek, slices.Concat(cp.blackouts, cp.quiet()), cp.run)
	}
	for _, sq := range cp.seqs {
		out = cp.overShare(out, sq)
	}
	return out
}

// activePeriod describes when the channel posts, for warnings: "from
// 2027-02-15 to 2027-12-31", "from 2027-02-15", "until 2027-12-31".
func (cp *channelPlan) activePeriod() string {
	var parts []string
	if a := cp.c.Active; a != nil && !a.From.IsZero() {
		parts = append(parts, "from "+a.From.String())
	}
	if a := cp.c.Active; a != nil && !a.To.IsZero() {
		word := "to "
		if len(parts) == 0 {
			word = "until "
		}
		parts = append(parts, word+a.To.String())
	}
	return strings.Join(parts, " ")
}

// overShare warns about every pillar whose tactics alone give it more
// posts in the horizon than the mix guarantee lets it have: more than its
// share of the sequence's posts plus 1 − 1/(2n−2). The other posts cannot
// make up for that.
func (cp *channelPlan) overShare(out []Warning, sq *sequence) []Warning {
	if sq.tactics == nil || sq.posts == 0 {
		return out
	}
	p := cp.p
	c := sq.m.c
	slack := 0.5
	if c.n >= 2 {
		slack = 1 - 1/float64(c.d)
	}
	where := "channel " + cp.c.ID
	if sq.k >= 0 {
		where += ", campaign " + p.s.Calendar.Campaigns[sq.k].ID
	}
	for i, n := range sq.tactics {
		share := float64(c.w[i]) / float64(c.sum)
		allowed := share * float64(sq.posts)
		if float64(n) <= allowed+slack+1e-9 {
			continue
		}
		pl := &p.s.Pillars[i]
		out = append(out, Warning{Channel: cp.c.ID, Message: fmt.Sprintf(
			"%s: tactics alone give pillar %s %d of the %d posts between %s and %s, where its weight of %s allows %s: the other posts cannot make up for it, so %s stays above its share; plan the tactics less often, move some to another pillar, or raise its weight",
			where, pl.ID, n, sq.posts, p.opt.From, p.opt.To.AddDays(-1), percent(share*100), oneDecimal(allowed), pl.ID)})
	}
	return out
}

// percent writes a share in percent with at most one decimal: "10%", "33.3%".
func percent(v float64) string { return oneDecimal(v) + "%" }

// oneDecimal writes v with at most one decimal: "1.8", "3".
func oneDecimal(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
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
