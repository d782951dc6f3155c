package planner

import (
	"fmt"
	"slices"
	"sync"
)

// work is the memory a quarter is planned in. Channels plan on their own
// goroutines but only as many at once as there are processors, so they
// share it through a pool rather than each keep its own: twenty channels
// then touch two sets of buffers instead of twenty, which a fresh process
// pays for page by page and every core's cache by the line.
type work struct {
	walls   []int64
	tags    []int16 // the cadence of each of walls
	entries []entry
	pos     []position
	srcs    []int32
	refs    []seqRef
	order   []int32
	group   []int32
	postBuf []post
	blocks  []block // the sequences' blocks, by sequence
}

var workPool = sync.Pool{New: func() any { return new(work) }}

// nextQuarter plans the next quarter and leaves its slots in the horizon,
// in order, in cp.recs.
func (cp *channelPlan) nextQuarter() error {
	cp.work = workPool.Get().(*work)
	for len(cp.work.blocks) < len(cp.seqs) {
		cp.work.blocks = append(cp.work.blocks, block{})
	}
	for i, sq := range cp.seqs {
		sq.b = cp.work.blocks[i]
	}
	defer func() {
		// Hand the memory back, grown as it was.
		for i, sq := range cp.seqs {
			cp.work.blocks[i], sq.b = sq.b, block{}
		}
		workPool.Put(cp.work)
		cp.work = nil
	}()
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
	var walls []int64
	var tags []int16 // nil when every wall time is the one cadence's
	var err error
	if cs, ok := cp.cad.(*cadenceSet); ok {
		walls, tags, err = cs.tagged(cp.walls[:0], cp.tags[:0], lo, hi)
		cp.tags = tags
		for _, sw := range cs.shared {
			if sw.wall >= p.from && sw.wall < p.to {
				cp.shared = append(cp.shared, sw)
				cp.runs[sw.b].merged = append(cp.runs[sw.b].merged, merge{from: sw.wall, onto: sw.wall, other: sw.a, shared: true})
			}
		}
	} else {
		walls, err = cp.cad.walls(cp.walls[:0], lo, hi)
	}
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
			if tags != nil {
				ps.cadence = tags[i]
			}
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
		cadences, moved, cadence := 0, false, int32(-1)
		for _, i := range group {
			q := &ps[i]
			if q.cad {
				cadences++
				if cadence < 0 || int32(q.cadence) < cadence {
					cadence = int32(q.cadence)
				}
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
			if len(cp.cads) <= 1 {
				cp.runs[0].merged = append(cp.runs[0].merged, merge{from: first.local - gap, onto: first.local, other: -1})
			} else {
				// The post counts for the first cadence of the group;
				// every other cadence time in it lost its post.
				kept := false
				for _, i := range group {
					q := &ps[i]
					if !q.cad {
						continue
					}
					if int32(q.cadence) == cadence && !kept {
						kept = true
						continue
					}
					m := merge{from: first.local - gap, onto: first.local, other: int16(cadence)}
					if int32(q.cadence) == cadence {
						m.other = -1
					}
					cp.runs[q.cadence].merged = append(cp.runs[q.cadence].merged, m)
				}
			}
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
		pt := post{inst: first.inst, wall: first.wall, local: first.local, seq: -1, tactic: tactic, campaign: k, cadence: cadence}
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
