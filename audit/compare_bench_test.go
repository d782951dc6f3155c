package audit

import (
	"bytes"
	"testing"
)

// BenchmarkRunCompare audits the benchmark history's quarter with
// February (March's previous period) as the comparison period, filled
// from the same pass, so February's rows count twice; compare with
// BenchmarkRunPostsAndMentions for the cost of the second period.
func BenchmarkRunCompare(b *testing.B) {
	benchData(b)
	h := &benchHistory
	b.SetBytes(int64(len(h.posts) + len(h.mentions)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		prev := PreviousPeriod(date(2027, 3, 1), date(2027, 4, 1))
		_, err := Run(h.s, Options{From: date(2027, 1, 1), To: date(2027, 4, 1), Tolerance: DefaultTolerance,
			Posts:    Input{Name: "posts.csv", R: bytes.NewReader(h.posts)},
			Mentions: &Input{Name: "mentions.csv", R: bytes.NewReader(h.mentions)},
			Compare:  &prev})
		if err != nil {
			b.Fatal(err)
		}
	}
}
