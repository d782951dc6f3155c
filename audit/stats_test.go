package audit

import (
	"math"
	"testing"
)

func TestChiSquarePValue(t *testing.T) {
	// Reference values from the χ² distribution's upper tail, as printed in
	// statistics tables (and computed independently by R's pchisq(x, df,
	// lower.tail = FALSE)).
	tests := []struct {
		x    float64
		df   int
		want float64
	}{
		{0, 3, 1},
		{3.841458820694124, 1, 0.05},
		{6.634896601021214, 1, 0.01},
		{5.991464547107979, 2, 0.05},
		{7.814727903251178, 3, 0.05},
		{11.34486673014437, 3, 0.01},
		{1, 1, 0.3173105078629141},
		{2, 2, math.Exp(-1)}, // df = 2 is exponential: Q = e^(−x/2)
		{10, 2, math.Exp(-5)},
		{30, 10, 0.0008566412},
		{0.5, 4, 0.9735009788},
		{124.3421134, 100, 0.05}, // large df: the tables' 5% critical values
		{67.50480655, 50, 0.05},
	}
	for _, tt := range tests {
		got := chiSquarePValue(tt.x, tt.df)
		if math.Abs(got-tt.want) > 1e-6*tt.want && math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("chiSquarePValue(%v, %d) = %.10g, want %.10g", tt.x, tt.df, got, tt.want)
		}
	}
	// Far in the tail: Q(5/2, 50), from its closed form.
	if p := chiSquarePValue(100, 5); math.Abs(p-5.2851483609e-20) > 1e-9*5.2851483609e-20 {
		t.Errorf("tail: chiSquarePValue(100, 5) = %.11g, want 5.2851483609e-20", p)
	}
	if !math.IsNaN(chiSquarePValue(1, 0)) {
		t.Error("df 0 must give NaN")
	}
}

func TestNearestRank(t *testing.T) {
	one := [][]uint32{{15, 20, 35, 40, 50}}
	// The same values split over lists, as the types split answered
	// mentions: the overall percentile must not depend on the split.
	split := [][]uint32{{20, 40}, {}, {15, 35, 50}}
	for _, tt := range []struct {
		p    float64
		want int64
	}{{5, 15}, {30, 20}, {40, 20}, {50, 35}, {90, 50}, {100, 50}} {
		if got := nearestRank(one, tt.p); got != tt.want {
			t.Errorf("nearestRank(%v) = %d, want %d", tt.p, got, tt.want)
		}
		if got := nearestRank(split, tt.p); got != tt.want {
			t.Errorf("split: nearestRank(%v) = %d, want %d", tt.p, got, tt.want)
		}
	}
	if got := nearestRank([][]uint32{{7}}, 90); got != 7 {
		t.Errorf("single value: %d", got)
	}
	if got := nearestRank([][]uint32{{0, 0, 0}}, 50); got != 0 {
		t.Errorf("zeros: %d", got)
	}
}

func TestIDSet(t *testing.T) {
	var s idSet
	for i := 0; i < 100000; i++ {
		id := []byte{byte(i), byte(i >> 8), byte(i >> 16), 'x'}
		if !s.add(nil, id) {
			t.Fatalf("id %d reported as seen on first add", i)
		}
	}
	for i := 0; i < 100000; i += 7 {
		id := []byte{byte(i), byte(i >> 8), byte(i >> 16), 'x'}
		if s.add(nil, id) {
			t.Fatalf("id %d reported as new on second add", i)
		}
	}
}

func TestParseCountDots(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int64
		want countProblem
	}{
		{"12", 12, countOK},
		{"12.0", 12, countOK},
		{"12.00", 12, countOK},
		{"1.000", 0, countThousands}, // a thousand, or one? Refused, never read as 1.
		{"12.000", 0, countThousands},
		{"1.5", 0, countFraction},
	} {
		n, p := parseCount([]byte(tt.in))
		if p != tt.want || (p == countOK && n != tt.n) {
			t.Errorf("parseCount(%q) = %d, %v; want %d, %v", tt.in, n, p, tt.n, tt.want)
		}
	}
}
