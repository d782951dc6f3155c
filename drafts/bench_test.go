package drafts

import (
	"bytes"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

// benchDrafts is 100,000 synthetic drafts for a year of 20 channels
// posting four times a day (29,200 slots; a few drafts a slot), in the
// canonical CSV; about 16 MB.
func benchDrafts(b *testing.B) (*strategy.Strategy, []byte) {
	b.Helper()
	s := plantest.Bulk(20, 4)
	s.Pillars[0].Hashtags = []string{"#brand"}
	var buf bytes.Buffer
	err := synth.Drafts(&buf, s, synth.DraftsOptions{Seed: 1, From: plantest.Date(2027, 1, 1), To: plantest.Date(2028, 1, 1), Drafts: 100_000})
	if err != nil {
		b.Fatal(err)
	}
	return s, buf.Bytes()
}

// BenchmarkCheck100k checks 100,000 drafts against the plan: with the
// period given (one pass over the file), and without (a first pass finds
// the period). The target is under a second for each on one core:
//
//	go test ./drafts -run XXX -bench Check100k -benchmem -cpu 1
func BenchmarkCheck100k(b *testing.B) {
	s, data := benchDrafts(b)
	for _, bc := range []struct {
		name     string
		from, to strategy.Date
	}{
		{"period", plantest.Date(2027, 1, 1), plantest.Date(2028, 1, 1)},
		{"found", strategy.Date{}, strategy.Date{}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				src := &memSource{name: "drafts.csv", data: string(data), opt: ReadOptions{Zone: Zone(s)}}
				rep, err := Check(Options{Strategy: s, From: bc.from, To: bc.to}, []Source{src})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Drafts != 100_000 {
					b.Fatalf("checked %d drafts", rep.Drafts)
				}
			}
		})
	}
}
