package audit

import (
	"math"
	"sort"
)

// chiSquarePValue is the probability that a χ² variable with df degrees of
// freedom exceeds x: the regularised upper incomplete gamma function
// Q(df/2, x/2).
func chiSquarePValue(x float64, df int) float64 {
	if df <= 0 || math.IsNaN(x) {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	return gammaQ(float64(df)/2, x/2)
}

// gammaQ is the regularised upper incomplete gamma function Q(a, x) for
// a > 0, x ≥ 0: a power series for P = 1 − Q when x < a + 1, where it
// converges fast, and a continued fraction for Q otherwise (evaluated with
// the modified Lentz method).
func gammaQ(a, x float64) float64 {
	if x == 0 {
		return 1
	}
	lg, _ := math.Lgamma(a)
	front := math.Exp(-x + a*math.Log(x) - lg)
	if x < a+1 {
		// P(a, x) = e^−x x^a / Γ(a) · Σ x^n / (a(a+1)…(a+n)).
		sum, term := 1/a, 1/a
		for n := 1; n < 1000; n++ {
			term *= x / (a + float64(n))
			sum += term
			if math.Abs(term) < math.Abs(sum)*1e-15 {
				break
			}
		}
		return clamp01(1 - front*sum)
	}
	// Q(a, x) = e^−x x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))).
	const tiny = 1e-300
	b := x + 1 - a
	c := 1 / tiny
	d := 1 / b
	h := d
	for i := 1; i < 1000; i++ {
		an := -float64(i) * (float64(i) - a)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-15 {
			break
		}
	}
	return clamp01(front * h)
}

func clamp01(v float64) float64 {
	return math.Max(0, math.Min(1, v))
}

// nearestRank returns the p-th percentile (0 < p ≤ 100), by the
// nearest-rank method, of the values of several sorted lists taken
// together: the smallest value with at least p% of all values at or below
// it. The lists are not merged: the value is found by bisection, counting
// the values at or below a candidate in each list.
func nearestRank(lists [][]uint32, p float64) int64 {
	n, hi := 0, uint32(0)
	for _, l := range lists {
		if len(l) > 0 {
			n += len(l)
			hi = max(hi, l[len(l)-1])
		}
	}
	if n == 0 {
		return 0
	}
	k := min(max(int(math.Ceil(p/100*float64(n))), 1), n)
	atOrBelow := func(v uint32) int {
		c := 0
		for _, l := range lists {
			c += sort.Search(len(l), func(i int) bool { return l[i] > v })
		}
		return c
	}
	lo := uint32(0)
	for lo < hi {
		mid := lo + (hi-lo)/2
		if atOrBelow(mid) >= k {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return int64(lo)
}

// percent returns 100·a/b, or nil when b is 0.
func percent(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	v := 100 * float64(a) / float64(b)
	return &v
}

func ptr[T any](v T) *T { return &v }

// sortNameCounts orders by count, most first, then by name.
func sortNameCounts(v []NameCount) {
	sort.Slice(v, func(i, j int) bool {
		if v[i].Count != v[j].Count {
			return v[i].Count > v[j].Count
		}
		return v[i].Name < v[j].Name
	})
}
