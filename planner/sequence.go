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

// apportion chooses the pillar of every free position of b. A block
// without tactics takes B as it is. In a block with tactics the choice
// starts from B's counts at the block's start and runs Tijdeman's rule on,
// counting each tactic's pillar when it comes, so the posts after a tactic
// make up for it.
func (m *pillarSeq) apportion(b *block) {
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
		return
	}
	c := m.c
	x := make([]int64, len(c.w))
	t := m.countsAt(x, b.start)
	for k, kind := range b.kind {
		t++
		switch kind {
		case posFree:
			i := c.choose(x, t)
			b.pillar[k] = int32(i)
			x[i]++
		default:
			if i := b.pillar[k]; i >= 0 && int(i) < len(x) {
				x[i]++
			}
		}
	}
}
