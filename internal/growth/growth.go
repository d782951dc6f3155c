// Package growth tells, in tests, work that grows with the size of its
// input from work that grows with its square. It times a function at a
// size and at ten times that size: linear work takes about ten times as
// long, n log n a little more, quadratic work a hundred times. Timing is
// the least noisy of several runs, and the bound between the two is wide,
// so that a busy machine does not fail a linear function.
package growth

import (
	"testing"
	"time"
)

// MaxRatio is the most the ten-times-larger input may take, relative to
// the smaller one, for work to count as not quadratic: linear work gives
// about 10, n log n about 13, quadratic about 100.
const MaxRatio = 40

// Check fails t when work(10*n) takes more than MaxRatio times as long as
// work(n). work must do all of its sized work inside the call (building
// its input outside, in setup, when that is not what is measured).
func Check(t testing.TB, name string, n int, setup func(n int) func()) {
	t.Helper()
	small, large := setup(n), setup(10*n)
	ts, tl, ratio := measure(small, large)
	for try := 1; try < 3 && ratio > MaxRatio; try++ {
		// A busy machine (the suite's other packages run beside this
		// one) can stall the runs of one size; quadratic work fails
		// every time.
		ts, tl, ratio = measure(small, large)
	}
	t.Logf("%s: n=%d %v, n=%d %v, ratio %.1f", name, n, ts, 10*n, tl, ratio)
	if ratio > MaxRatio {
		t.Errorf("%s grows faster than n log n: %v for n=%d but %v for n=%d (%.0f times as long, want at most %d)",
			name, ts, n, tl, 10*n, ratio, MaxRatio)
	}
}

// measure times small and large, each the fastest of a few runs taken in
// turn (so that a busy spell slows both sizes alike, not one), and returns
// how much longer large took.
func measure(small, large func()) (ts, tl time.Duration, ratio float64) {
	ts, tl = time.Duration(1<<63-1), time.Duration(1<<63-1)
	var spent time.Duration
	for i := 0; i < 7 && (i < 3 || spent < 300*time.Millisecond); i++ {
		d := timed(small)
		ts = min(ts, d)
		spent += d
		d = timed(large)
		tl = min(tl, d)
		spent += d
	}
	return ts, tl, float64(tl) / float64(max(ts, time.Microsecond))
}

// timed runs f once and returns how long it took.
func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
