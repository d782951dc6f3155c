package planner

import (
	"math"
	"sort"
)

// Limits that keep the apportionment's integer arithmetic far from
// overflow: weights are percentages, so neither is ever reached by a real
// strategy.
const (
	maxWeight  = 1000 // a pillar weight above this counts as this
	maxPillars = 1000
)

// maxCycle bounds W, the sum of the integer weights and so the period of a
// pillar sequence. Weights in percent with up to three decimals that add up
// to 100 give W ≤ 100,000; other weights are rescaled to that resolution.
const maxCycle = 1 << 17

// chairman assigns pillars to a sequence of slots with Tijdeman's solution
// of the chairman assignment problem. With n pillars of positive weight w_i
// (λ_i = w_i / W) and x_i(t) slots of pillar i among the first t, slot t goes
// to the pillar with the earliest deadline (x_i + 1 − 1/(2n−2)) / λ_i among
// those whose share is due, λ_i·t − x_i ≥ 1/(2n−2); ties go to the pillar
// declared first. This keeps |x_i(t) − λ_i·t| ≤ 1 − 1/(2n−2) for every i and
// t. Both tests are done on integers scaled by W·(2n−2).
//
// Slots whose pillar is fixed (tactic occurrences) are recorded with count:
// they advance t and x_i alike, so the following slots make up for them.
type chairman struct {
	w    []int64 // integer weights in declared pillar order; 0 is never chosen
	x    []int64 // slots given to each pillar so far
	sum  int64   // W, the sum of w
	d    int64   // 2n − 2
	n    int     // pillars with a positive weight
	only int     // the pillar when n == 1
	t    int64   // slots so far
}

// newChairman builds a sequence for the given weights (in percent, any
// scale), one per declared pillar; see integerWeights.
func newChairman(weights []float64) *chairman {
	w, sum := integerWeights(weights)
	return chairmanOf(w, sum)
}

func chairmanOf(w []int64, sum int64) *chairman {
	c := &chairman{w: w, x: make([]int64, len(w)), sum: sum, only: -1}
	for i, v := range w {
		if v > 0 {
			c.n++
			c.only = i
		}
	}
	c.d = int64(2*c.n - 2)
	return c
}

// integerWeights turns weights into integers with no common divisor: each
// is scaled to thousandths and rounded, and when their sum would pass
// maxCycle they are rescaled to parts of 100,000 by largest remainder (a
// weight below half a part of 100,000 then drops to 0). A weight that is
// not positive (or NaN) is 0.
func integerWeights(weights []float64) ([]int64, int64) {
	w := make([]int64, len(weights))
	var sum int64
	for i, f := range weights {
		if !(f > 0) { // also NaN
			continue
		}
		w[i] = int64(math.Round(math.Min(f, maxWeight) * 1000))
		sum += w[i]
	}
	sum = reduce(w, sum)
	if sum <= maxCycle {
		return w, sum
	}
	// Largest remainder: floor shares of 100,000, then the parts left over
	// to the largest remainders, ties to the pillar declared first.
	const parts = 100_000
	type rem struct {
		i int
		r int64
	}
	var rems []rem
	var given int64
	for i, v := range w {
		if v == 0 {
			continue
		}
		q := v * parts / sum
		rems = append(rems, rem{i, v*parts - q*sum})
		w[i] = q
		given += q
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for k := 0; given < parts && k < len(rems); k++ {
		w[rems[k].i]++
		given++
	}
	return w, reduce(w, parts)
}

// reduce divides w by the greatest common divisor of its entries and
// returns the new sum.
func reduce(w []int64, sum int64) int64 {
	var g int64
	for _, v := range w {
		if v > 0 {
			g = gcd(g, v)
		}
	}
	if g <= 1 {
		return sum
	}
	sum = 0
	for i := range w {
		w[i] /= g
		sum += w[i]
	}
	return sum
}

// next chooses the pillar of the next slot and records it. It returns -1
// when no pillar has a positive weight.
func (c *chairman) next() int {
	c.t++
	if c.n <= 1 {
		if c.only >= 0 {
			c.x[c.only]++
		}
		return c.only
	}
	best := c.choose(c.x, c.t)
	c.x[best]++
	return best
}

// choose is Tijdeman's choice for slot t (counting from 1) when the pillars
// have x slots among the first t − 1.
func (c *chairman) choose(x []int64, t int64) int {
	best := -1
	var bestA int64 // numerator of best's deadline, over its weight
	for i, w := range c.w {
		if w == 0 {
			continue
		}
		// Due: λ_i·t − x_i ≥ 1/d  ⇔  d·(w·t − W·x) ≥ W.
		if c.d*(w*t-c.sum*x[i]) < c.sum {
			continue
		}
		// Deadline (x + 1 − 1/d)/λ ∝ (d·x + d − 1)/w; compare by cross-multiplying.
		a := c.d*x[i] + c.d - 1
		if best < 0 || a*c.w[best] < bestA*w {
			best, bestA = i, a
		}
	}
	if best < 0 {
		// Cannot happen (the shares due sum to 1), but never leave a slot
		// without a pillar: take the one furthest behind.
		best = c.furthestBehind(x, t)
	}
	return best
}

// chooseWithin is choose among the pillars with quota left. When none of
// them is due (the pillars due have had their share of the block), it
// takes the one furthest behind; when no pillar has quota left (tactics
// took more than their share), any pillar with a weight may be chosen.
func (c *chairman) chooseWithin(x []int64, t int64, quota []int64) int {
	left := false
	for i, w := range c.w {
		if w > 0 && quota[i] > 0 {
			left = true
			break
		}
	}
	best := -1
	var bestA int64
	for i, w := range c.w {
		if w == 0 || left && quota[i] <= 0 {
			continue
		}
		if c.d*(w*t-c.sum*x[i]) < c.sum {
			continue
		}
		a := c.d*x[i] + c.d - 1
		if best < 0 || a*c.w[best] < bestA*w {
			best, bestA = i, a
		}
	}
	if best >= 0 {
		return best
	}
	bestLag := int64(math.MinInt64)
	for i, w := range c.w {
		if w == 0 || left && quota[i] <= 0 {
			continue
		}
		if lag := w*t - c.sum*x[i]; best < 0 || lag > bestLag {
			best, bestLag = i, lag
		}
	}
	if best < 0 {
		// A quota left only on pillars without weight cannot happen (B
		// gives them nothing), but never leave a post without a pillar.
		best = c.furthestBehind(x, t)
	}
	return best
}

// count records a slot whose pillar was fixed elsewhere.
func (c *chairman) count(i int) {
	c.t++
	if i >= 0 && i < len(c.x) {
		c.x[i]++
	}
}

func (c *chairman) furthestBehind(x []int64, t int64) int {
	best, bestLag := -1, int64(math.MinInt64)
	for i, w := range c.w {
		if w == 0 {
			continue
		}
		if lag := w*t - c.sum*x[i]; best < 0 || lag > bestLag {
			best, bestLag = i, lag
		}
	}
	return best
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
