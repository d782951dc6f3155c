package planner

// A pillar sequence is Tijdeman's sequence for one set of weights, laid on
// the positions of a channel (or of a campaign on it) counted from an
// anchor that does not depend on the horizon. With integer weights w_i of
// sum W, the sequence is periodic with period W: after W positions every
// pillar i has x_i = w_i exactly, since |x_i − λ_i·W| < 1 and λ_i·W = w_i
// is an integer, and Tijdeman's choice depends only on the deviations
// λ_i·t − x_i, which are then all 0 as at the start. So the pillar at any
// position p is B(p mod W), read from one period computed once: planning
// 2037 costs nothing for the years since the anchor.

// pillarSeq is one set of pillar weights with its sequence B over one period.
type pillarSeq struct {
	c     *chairman // the weights (w, sum, n, d, only); its counts are unused
	cycle []uint16  // B(0), …, B(W−1) when two or more pillars have weight
}

// newPillarSeq builds the sequence of the weights (in percent, one per declared
// pillar).
func newPillarSeq(weights []float64) *pillarSeq {
	m := &pillarSeq{c: newChairman(weights)}
	if m.c.n >= 2 {
		run := chairmanOf(m.c.w, m.c.sum)
		m.cycle = make([]uint16, m.c.sum)
		for i := range m.cycle {
			m.cycle[i] = uint16(run.next())
		}
	}
	return m
}

// at returns B(p), the pillar of position p, or -1 when no pillar has a
// positive weight. Positions before the anchor (p < 0) continue the period
// backwards.
func (m *pillarSeq) at(p int64) int {
	if m.cycle == nil {
		return m.c.only
	}
	return int(m.cycle[floorMod(p, m.c.sum)])
}

// countsAt sets x to B's counts among positions [k·W, p), where k·W is the
// last whole period at or before p: the deviations λ_i·t − x_i at p are
// those of the counts since the anchor, with t = p − k·W, and the numbers
// stay small however far p lies from the anchor. It returns t.
func (m *pillarSeq) countsAt(x []int64, p int64) int64 {
	for i := range x {
		x[i] = 0
	}
	if m.cycle == nil {
		return 0
	}
	t := floorMod(p, m.c.sum)
	for _, i := range m.cycle[:t] {
		x[i]++
	}
	return t
}

// posKind says how a position of a block takes part in its sequence.
type posKind uint8

const (
	// posFree is a post whose pillar the sequence chooses.
	posFree posKind = iota
	// posFixed is a tactic's post: its pillar is the tactic's.
	posFixed
	// posGone is a position whose post is not made here (a blackout day,
	// another sequence's post, two times that became one) or has no
	// pillar: it keeps B's pillar, so the posts around it do not move.
	posGone
)

// block is the part of a sequence between two boundaries that do not
// depend on the horizon (a calendar quarter, or a campaign's part of one):
// its positions in order, how each takes part, and the pillar chosen.
type block struct {
	start  int64     // index of the first position
	kind   []posKind // per position
	pillar []int32   // per position: fixed pillar in, chosen pillar out
}

func (b *block) reset(start int64) {
	b.start = start
	b.kind = b.kind[:0]
	b.pillar = b.pillar[:0]
}

func (b *block) add(k posKind, pillar int32) int {
	b.kind = append(b.kind, k)
	b.pillar = append(b.pillar, pillar)
	return len(b.kind) - 1
}

// apportion chooses the pillar of every free position of b, and returns
// for each pillar how many posts the block's tactics give it beyond the
// block's share (nil when none do).
//
// A block without tactics takes B as it is. A block with tactics knows
// them all before it chooses anything, and keeps B's totals: each pillar
// gets in the block exactly what B gives it there (its share), counting its
// tactics, so at the block's end every count is B's again and the mix
// guarantee at the block's boundaries is B's. Inside the block the choice
// is Tijdeman's rule from B's counts at the block's start, with two
// changes. A pillar whose next post is due no later than one of its
// tactics comes counts that tactic already: it is not chosen for a post
// just before its tactic, which would give it two where its share is one.
// And a pillar that has had its share of the block is not chosen again.
// When a pillar's tactics alone give it more than its share of the block,
// the others share the rest of the block in proportion.
func (m *pillarSeq) apportion(b *block) []int64 {
	fixed := false
	for k, kind := range b.kind {
		switch kind {
		case posFixed:
			fixed = true
		case posGone:
			b.pillar[k] = int32(m.at(b.start + int64(k)))
		}
	}
	if !fixed || m.cycle == nil {
		for k, kind := range b.kind {
			if kind == posFree {
				b.pillar[k] = int32(m.at(b.start + int64(k)))
			}
		}
		return nil
	}
	c := m.c
	n := len(c.w)
	// quota: what the free positions still owe each pillar of its share.
	quota := make([]int64, n)
	tactics := make([][]int32, n) // block indices of each pillar's tactics
	for k, kind := range b.kind {
		quota[m.at(b.start+int64(k))]++
		switch i := b.pillar[k]; kind {
		case posFixed:
			if i >= 0 && int(i) < n {
				quota[i]--
				tactics[i] = append(tactics[i], int32(k))
			}
		case posGone:
			quota[i]--
		}
	}
	var excess []int64
	for i, q := range quota {
		if q < 0 {
			if excess == nil {
				excess = make([]int64, n)
			}
			excess[i], quota[i] = -q, 0
		}
	}
	x := make([]int64, n)
	base := m.countsAt(x, b.start) // t of the block's first position, less one
	next := make([]int, n)         // each pillar's first tactic not yet passed
	xh := make([]int64, n)
	for k, kind := range b.kind {
		t := base + int64(k) + 1
		if kind != posFree {
			if i := b.pillar[k]; i >= 0 && int(i) < n {
				x[i]++
			}
			continue
		}
		for i := range x {
			xh[i] = x[i]
			if next[i] == len(tactics[i]) {
				continue
			}
			for next[i] < len(tactics[i]) && int(tactics[i][next[i]]) < k {
				next[i]++
			}
			// Count in advance every tactic that comes soon enough to
			// stand for the pillar's next post, k = x + 1: waiting for it
			// leaves the pillar behind by at most λ·(t_f − 1) − x, posting
			// before it puts the pillar ahead by x + 2 − λ·t_f at t_f; the
			// first is no larger while t_f ≤ k/λ + 1/2.
			for j := next[i]; j < len(tactics[i]); j++ {
				tf := base + int64(tactics[i][j]) + 1
				if c.w[i] == 0 || 2*tf*c.w[i] > 2*(xh[i]+1)*c.sum+c.w[i] {
					break
				}
				xh[i]++
			}
		}
		i := c.chooseWithin(xh, t, quota)
		b.pillar[k] = int32(i)
		x[i]++
		quota[i]--
	}
	return excess
}
