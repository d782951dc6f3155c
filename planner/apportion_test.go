package planner

import (
	"fmt"
	"math/rand"
	"testing"
)

// checkPrefixes runs a chairman sequence for steps slots and fails at the
// first prefix where a pillar's count strays from its ideal share by more
// than Tijdeman's bound 1 − 1/(2n−2), tested exactly on integers.
func checkPrefixes(t *testing.T, weights []float64, steps int) {
	t.Helper()
	c := newChairman(weights)
	if c.n < 2 {
		t.Fatalf("weights %v: want at least two positive weights", weights)
	}
	for step := 1; step <= steps; step++ {
		c.next()
		for i, w := range c.w {
			// |x − λt| ≤ 1 − 1/d  ⇔  d·|W·x − w·t| ≤ (d − 1)·W
			dev := c.sum*c.x[i] - w*c.t
			if dev < 0 {
				dev = -dev
			}
			if c.d*dev > (c.d-1)*c.sum {
				t.Fatalf("weights %v: after %d slots pillar %d has %d, ideal %.3f (bound %.3f)",
					weights, step, i, c.x[i], float64(w)*float64(c.t)/float64(c.sum), 1-1/float64(c.d))
			}
		}
	}
}

func TestChairmanKnownWeights(t *testing.T) {
	for _, weights := range [][]float64{
		{40, 30, 20, 10},
		{1, 1, 1, 5, 5, 5},
		{50, 50},
		{99, 1},
		{33.333, 33.333, 33.334},
		{12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5, 12.5},
		{0.001, 99.999},
		{70, 10, 5, 5, 5, 2.5, 1.5, 1},
	} {
		t.Run(fmt.Sprint(weights), func(t *testing.T) { checkPrefixes(t, weights, 5000) })
	}
}

// TestChairmanPropertyRandomWeights is the prefix guarantee over random
// weights with decimals, 2 to 8 pillars.
func TestChairmanPropertyRandomWeights(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	runs := 400
	if testing.Short() {
		runs = 50
	}
	for run := 0; run < runs; run++ {
		n := 2 + rng.Intn(7)
		weights := make([]float64, n)
		for i := range weights {
			switch rng.Intn(3) {
			case 0:
				weights[i] = float64(1 + rng.Intn(100))
			case 1:
				weights[i] = float64(rng.Intn(100000)+1) / 1000
			default:
				weights[i] = float64(1 + rng.Intn(6))
			}
		}
		checkPrefixes(t, weights, 1+rng.Intn(3000))
	}
}

func TestChairmanSkipsZeroWeights(t *testing.T) {
	c := newChairman([]float64{0, 60, 0, 40})
	for i := 0; i < 100; i++ {
		if p := c.next(); p != 1 && p != 3 {
			t.Fatalf("slot %d went to pillar %d, whose weight is 0", i, p)
		}
	}
	if c.x[1] != 60 || c.x[3] != 40 {
		t.Fatalf("counts %v, want 60 and 40", c.x)
	}
	if p := newChairman([]float64{0, 5}).next(); p != 1 {
		t.Fatalf("single pillar: got %d", p)
	}
	if p := newChairman(nil).next(); p != -1 {
		t.Fatalf("no pillars: got %d, want -1", p)
	}
}

// TestChairmanSpreadsEvenly checks the sequence a strategist sees for the
// classic 40/30/20/10 mix: no pillar twice in a row when it could be avoided.
func TestChairmanSpreadsEvenly(t *testing.T) {
	c := newChairman([]float64{40, 30, 20, 10})
	got := ""
	for i := 0; i < 10; i++ {
		got += string(rune('A' + c.next()))
	}
	// A=40, B=30, C=20, D=10: the deterministic order every run gives.
	if want := "ABCABADCBA"; got != want {
		t.Fatalf("sequence %s, want %s", got, want)
	}
}
