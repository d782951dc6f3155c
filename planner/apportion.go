package planner

import "math"

// Limits that keep the apportionment's integer arithmetic far from
// overflow: weights are percentages, so neither is ever reached by a real
// strategy.
const (
	maxWeight  = 1000 // a pillar weight above this counts as this
	maxPillars = 1000
)

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
	w    []int64 // scaled weights in declared pillar order; 0 is never chosen
	x    []int64 // slots given to each pillar so far
	sum  int64   // W, the sum of w
	d    int64   // 2n − 2
	n    int     // pillars with a positive weight
	only int     // the pillar when n == 1
	t    int64   // slots so far
}

// newChairman builds a sequence for the given weights (in percent, any
// scale), one per declared pillar. Weights are scaled to thousandths and
// reduced by their greatest common divisor.
func newChairman(weights []float64) *chairman {
	c := &chairman{w: make([]int64, len(weights)), x: make([]int64, len(weights)), only: -1}
	var g int64
	for i, f := range weights {
		if !(f > 0) { // also NaN
			continue
		}
		v := int64(math.Round(math.Min(f, maxWeight) * 1000))
		if v <= 0 {
			continue
		}
		c.w[i] = v
		g = gcd(g, v)
		c.n++
		c.only = i
	}
	for i := range c.w {
		if c.w[i] > 0 {
			c.w[i] /= g
			c.sum += c.w[i]
		}
	}
	c.d = int64(2*c.n - 2)
	return c
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
	best := -1
	var bestA int64 // numerator of best's deadline, over its weight
	for i, w := range c.w {
		if w == 0 {
			continue
		}
		// Due: λ_i·t − x_i ≥ 1/d  ⇔  d·(w·t − W·x) ≥ W.
		if c.d*(w*c.t-c.sum*c.x[i]) < c.sum {
			continue
		}
		// Deadline (x + 1 − 1/d)/λ ∝ (d·x + d − 1)/w; compare by cross-multiplying.
		a := c.d*c.x[i] + c.d - 1
		if best < 0 || a*c.w[best] < bestA*w {
			best, bestA = i, a
		}
	}
	if best < 0 {
		// Cannot happen (the shares due sum to 1), but never leave a slot
		// without a pillar: take the one furthest behind.
		best = c.furthestBehind()
	}
	c.x[best]++
	return best
}

// count records a slot whose pillar was fixed elsewhere.
func (c *chairman) count(i int) {
	c.t++
	if i >= 0 && i < len(c.x) {
		c.x[i]++
	}
}

func (c *chairman) furthestBehind() int {
	best, bestLag := -1, int64(math.MinInt64)
	for i, w := range c.w {
		if w == 0 {
			continue
		}
		if lag := w*c.t - c.sum*c.x[i]; best < 0 || lag > bestLag {
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
