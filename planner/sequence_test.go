package planner

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestSequenceIsPeriodic: Tijdeman's sequence for integer weights of sum W
// repeats after W positions, so reading B from one period gives what
// running the chairman from the anchor gives, at any position, before the
// anchor included.
func TestSequenceIsPeriodic(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	cases := [][]float64{{40, 30, 20, 10}, {1, 1, 1, 5, 5, 5}, {33.333, 33.333, 33.334}, {99, 1}, {0, 60, 0, 40}}
	for k := 0; k < 40; k++ {
		w := make([]float64, 2+rng.Intn(6))
		for i := range w {
			w[i] = float64(1+rng.Intn(5000)) / 100
		}
		cases = append(cases, w)
	}
	for _, weights := range cases {
		t.Run(fmt.Sprint(weights), func(t *testing.T) {
			m := newPillarSeq(weights)
			run := newChairman(weights)
			period := m.c.sum
			for p := int64(0); p < 3*period && p < 300_000; p++ {
				if got, want := m.at(p), run.next(); got != want {
					t.Fatalf("position %d: B gives %d, the chairman %d", p, got, want)
				}
				if got, want := m.at(p-3*period), m.at(p); got != want {
					t.Fatalf("position %d before the anchor: %d, want %d", p-3*period, got, want)
				}
			}
			// countsAt: B's counts since the last whole period.
			x := make([]int64, len(weights))
			p := 2*period + period/3
			tt := m.countsAt(x, p)
			want := make([]int64, len(weights))
			for q := p - tt; q < p; q++ {
				want[m.at(q)]++
			}
			if fmt.Sprint(x) != fmt.Sprint(want) || tt != p%period {
				t.Fatalf("countsAt(%d) = %v, t %d; want %v, t %d", p, x, tt, want, p%period)
			}
		})
	}
}

// TestIntegerWeights: weights in thousandths reduced by their common
// divisor, rescaled to parts of 100,000 when their sum would pass maxCycle.
func TestIntegerWeights(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want string
	}{
		{[]float64{40, 30, 20, 10}, "[4 3 2 1] 10"},
		{[]float64{12.5, 12.5, 75}, "[1 1 6] 8"},
		{[]float64{33.333, 33.333, 33.334}, "[33333 33333 33334] 100000"},
		{[]float64{0, -1, 50, 50}, "[0 0 1 1] 2"},
		// 150 pillars at 999.999 and one at 0.001: a sum of 149,999,851 in
		// thousandths. In parts of 100,000 each large one has 666.67: 666,
		// and the 100 parts left go one each to the first 100 (equal
		// remainders, declared order); the small one drops to 0.
		{append(repeat(999.999, 150), 0.001), fmt.Sprint(append(repeat(int64(667), 100), append(repeat(int64(666), 50), 0)...)) + " 100000"},
	} {
		w, sum := integerWeights(tc.in)
		if got := fmt.Sprint(w, sum); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.in, got, tc.want)
		}
		if sum > maxCycle {
			t.Errorf("%v: W %d passes maxCycle", tc.in, sum)
		}
	}
}

func repeat[T any](v T, n int) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}
