package planner

import (
	"testing"

	"github.com/pillar-strategy/pillar/planner/plantest"
)

// BenchmarkStreamKeysTenYears drains the ten-year stream by keys: the
// planner's share of writing a calendar.
func BenchmarkStreamKeysTenYears(b *testing.B) {
	s := plantest.Bulk(20, 3)
	opt := Options{From: d(2027, 1, 1), To: d(2037, 1, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		st, err := NewStream(s, opt)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, ok, err := st.NextKey()
			if err != nil {
				b.Fatal(err)
			}
			if !ok {
				break
			}
			n++
		}
		if n < 200_000 {
			b.Fatal(n)
		}
	}
}
