package growth

import (
	"fmt"
	"testing"
)

// recorder is a testing.TB that notes a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Errorf(f string, a ...any) {
	r.failed = true
	r.TB.Log("would fail: " + fmt.Sprintf(f, a...))
}

var sink int

// work does n×n steps when square is set, else n×1000.
func work(square bool) func(n int) func() {
	return func(n int) func() {
		return func() {
			inner := 1000
			if square {
				inner = n
			}
			s := 0
			for i := 0; i < n; i++ {
				for j := 0; j < inner; j++ {
					s += i ^ j
				}
			}
			sink = s
		}
	}
}

func TestCheckTellsLinearFromQuadratic(t *testing.T) {
	lin := &recorder{TB: t}
	Check(lin, "linear", 2000, work(false))
	if lin.failed {
		t.Error("linear work was taken for quadratic")
	}
	quad := &recorder{TB: t}
	Check(quad, "quadratic", 1000, work(true))
	if !quad.failed {
		t.Error("quadratic work passed")
	}
}
