package planner

import (
	"fmt"
	"math"
	"math/rand"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// TestApportionKeepsBlockTotals: a block with tactics ends with exactly the
// counts B gives it whenever no pillar's tactics (and lost positions) pass
// its share of the block, and a block without tactics is B itself.
func TestApportionKeepsBlockTotals(t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	for run := 0; run < 500; run++ {
		weights := make([]float64, 2+rng.Intn(6))
		for i := range weights {
			weights[i] = float64(1 + rng.Intn(60))
		}
		m := newPillarSeq(weights)
		var b block
		b.reset(int64(rng.Intn(5000) - 2500))
		n := 20 + rng.Intn(300)
		share := make([]int64, len(weights))
		for k := 0; k < n; k++ {
			share[m.at(b.start+int64(k))]++
		}
		used := make([]int64, len(weights))
		tactics := 0
		for k := 0; k < n; k++ {
			i := rng.Intn(len(weights))
			switch r := rng.Intn(10); {
			case r == 0 && used[i] < share[i]:
				b.add(posFixed, int32(i))
				used[i]++
				tactics++
			case r == 1 && used[m.at(b.start+int64(k))] < share[m.at(b.start+int64(k))]:
				b.add(posGone, -1)
				used[m.at(b.start+int64(k))]++
			default:
				b.add(posFree, -1)
			}
		}
		if excess := m.apportion(&b); excess != nil {
			t.Fatalf("run %d: excess %v though no pillar passed its share", run, excess)
		}
		got := make([]int64, len(weights))
		for k := range b.kind {
			got[b.pillar[k]]++
			if b.kind[k] != posFixed && tactics == 0 && int(b.pillar[k]) != m.at(b.start+int64(k)) {
				t.Fatalf("run %d: a block without tactics differs from B at %d", run, k)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(share) {
			t.Fatalf("run %d weights %v: block totals %v, B's %v", run, weights, got, share)
		}
	}
	// Tactics beyond a pillar's share are reported, and the block still
	// gives every position a pillar with a weight.
	m := newPillarSeq([]float64{90, 10})
	var b block
	b.reset(0)
	for k := 0; k < 20; k++ {
		if k%4 == 0 {
			b.add(posFixed, 1)
		} else {
			b.add(posFree, -1)
		}
	}
	if excess := m.apportion(&b); fmt.Sprint(excess) != "[0 3]" {
		t.Errorf("5 tactics on a pillar whose share of 20 is 2: excess %v, want [0 3]", excess)
	}
	for k, p := range b.pillar {
		if b.kind[k] == posFree && p != 0 {
			t.Errorf("position %d: pillar %d, want 0 (pillar 1 has more than its share)", k, p)
		}
	}
}

// withTactics gives a random strategy one to three tactics, weekly or
// monthly, at a cadence time or not, on random pillars and channels.
func withTactics(rng *rand.Rand, s *strategy.Strategy) {
	for k := 0; k < 1+rng.Intn(3); k++ {
		rule := []string{"FREQ=WEEKLY;BYDAY=WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=MONTHLY;BYDAY=1FR", "FREQ=WEEKLY;BYDAY=MO,TH"}[rng.Intn(4)]
		ch := s.Channels[rng.Intn(len(s.Channels))]
		at := fmt.Sprintf("%02d:%02d", 4+rng.Intn(20), 15*rng.Intn(4))
		if ch.Cadence[0].RRule == "" && len(ch.Cadence[0].Times) > 0 && rng.Intn(2) == 0 {
			at = ch.Cadence[0].Times[rng.Intn(len(ch.Cadence[0].Times))]
		}
		s.Tactics = append(s.Tactics, strategy.Tactic{ID: fmt.Sprintf("t%d", k), Pillar: s.Pillars[rng.Intn(len(s.Pillars))].ID,
			Channels: []string{ch.ID}, Schedule: strategy.Schedule{RRule: rule, Time: at}})
	}
}

// quarterOf names a slot's calendar quarter, e.g. "2027-1".
func quarterOf(sl Slot) string {
	return fmt.Sprintf("%s-%d", sl.Local[:4], (int(sl.Local[5]-'0')*10+int(sl.Local[6]-'0')-1)/3+1)
}

// tacticsWithinShare reports whether, in every quarter of the plan, each
// pillar's tactic posts on the channel leave room in its share: at most
// λ·posts − 2, which is at most what the channel's sequence gives the
// pillar there (its count over a run is within 2 of λ·posts).
func tacticsWithinShare(s *strategy.Strategy, cal *Calendar, ch strategy.Channel) bool {
	w, sum := channelWeights(s, ch)
	idx := map[string]int{}
	for i, p := range s.Pillars {
		idx[p.ID] = i
	}
	posts := map[string]int{}
	tactic := map[string][]int{}
	for _, sl := range cal.Slots {
		if sl.Channel != ch.ID {
			continue
		}
		q := quarterOf(sl)
		posts[q]++
		if sl.Tactic != "" {
			if tactic[q] == nil {
				tactic[q] = make([]int, len(w))
			}
			tactic[q][idx[sl.Pillar]]++
		}
	}
	for q, counts := range tactic {
		for i, n := range counts {
			if n > 0 && float64(n) > float64(w[i])/float64(sum)*float64(posts[q])-2 {
				return false
			}
		}
	}
	return true
}

// TestPlanPropertyTacticsKeepQuarterTotals: with tactics that stay within
// their pillar's share, every calendar quarter ends with exactly the counts
// of the channel's sequence, so the mix guarantee holds at every quarter's
// start from the anchor (1 − 1/(2n−2)), and over any horizon of whole
// quarters (2 − 1/(n−1)), tactics included.
func TestPlanPropertyTacticsKeepQuarterTotals(t *testing.T) {
	rng := rand.New(rand.NewSource(37))
	runs, checked := 100, 0
	if testing.Short() {
		runs = 30
	}
	for run := 0; run < runs; run++ {
		s := randomStrategyHours(rng, 4)
		withTactics(rng, s)
		from := d(2000, 1, 3)
		cal := mustPlan(t, s, from, d(2000, 4, 1).AddMonths(3*rng.Intn(8)))
		for _, ch := range s.Channels {
			w, sum := channelWeights(s, ch)
			if !tacticsWithinShare(s, cal, ch) {
				continue
			}
			checked++
			// Every quarter's first post: the prefix before it.
			var atStarts []int
			quarter := ""
			pillars := pillarsOf(s, cal, ch.ID)
			k := 0
			for _, sl := range cal.Slots {
				if sl.Channel != ch.ID {
					continue
				}
				if q := quarterOf(sl); q != quarter {
					quarter = q
					atStarts = append(atStarts, k)
				}
				k++
			}
			for _, end := range append(atStarts[1:], len(pillars)) {
				if msg := prefixAtEnd(pillars[:end], w, sum); msg != "" {
					t.Fatalf("run %d channel %s weights %v, tactics %+v: at the end of a quarter, %s", run, ch.ID, w, s.Tactics, msg)
				}
			}
		}
		// A horizon of whole quarters, away from the anchor.
		q0 := d(2027, 1, 1).AddMonths(3 * rng.Intn(8))
		cal = mustPlan(t, s, q0, q0.AddMonths(3*(1+rng.Intn(4))))
		for _, ch := range s.Channels {
			w, sum := channelWeights(s, ch)
			if !tacticsWithinShare(s, cal, ch) {
				continue
			}
			if msg := totalWithin(pillarsOf(s, cal, ch.ID), w, sum); msg != "" {
				t.Fatalf("run %d channel %s weights %v from %s: %s", run, ch.ID, w, q0, msg)
			}
		}
	}
	if checked < runs/2 {
		t.Fatalf("only %d channels had tactics within their share", checked)
	}
}

// prefixAtEnd checks the counts of the whole of pillars against the bound
// from the anchor, 1 − 1/(2n−2).
func prefixAtEnd(pillars []int, w []int64, sum int64) string {
	n := 0
	for _, v := range w {
		if v > 0 {
			n++
		}
	}
	if n < 2 || len(pillars) == 0 {
		return ""
	}
	d := int64(2*n - 2)
	x := make([]int64, len(w))
	for _, p := range pillars {
		x[p]++
	}
	for i := range w {
		if e := sum*x[i] - w[i]*int64(len(pillars)); d*abs64(e) > (d-1)*sum {
			return fmt.Sprintf("pillar %d has %d of %d posts, %.3f from its share, beyond 1 − 1/%d", i, x[i], len(pillars), float64(e)/float64(sum), d)
		}
	}
	return ""
}

// totalWithin checks the counts of the whole of pillars against the bound
// over any run, 2 − 1/(n−1).
func totalWithin(pillars []int, w []int64, sum int64) string {
	n := 0
	for _, v := range w {
		if v > 0 {
			n++
		}
	}
	if n < 2 || len(pillars) == 0 {
		return ""
	}
	d := int64(2*n - 2)
	x := make([]int64, len(w))
	for _, p := range pillars {
		x[p]++
	}
	for i := range w {
		if e := sum*x[i] - w[i]*int64(len(pillars)); d*abs64(e) > (2*d-2)*sum {
			return fmt.Sprintf("pillar %d has %d of %d posts, %.3f from its share, beyond 2 − 2/%d", i, x[i], len(pillars), float64(e)/float64(sum), d)
		}
	}
	return ""
}

// twoADay is the example of the issue: one channel posting at 09:00 and
// 18:00 every day with the given weights, and a weekly tactic on one
// pillar, at a cadence time.
func twoADay(weights []float64, tactic int, day, at string) *strategy.Strategy {
	s := &strategy.Strategy{Brand: strategy.Brand{Name: "Two a day", Timezone: "Europe/Oslo"},
		Channels: []strategy.Channel{{ID: "ch", Platform: "instagram", Cadence: strategy.Cadences{{Times: []string{"09:00", "18:00"}}}}}}
	for i, w := range weights {
		s.Pillars = append(s.Pillars, strategy.Pillar{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P%d", i), Weight: w})
	}
	s.Tactics = []strategy.Tactic{{ID: "weekly", Pillar: s.Pillars[tactic].ID, Channels: []string{"ch"},
		Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=" + day, Time: at}}}
	return s
}

// worstTotal plans every horizon of days days starting on one of 35
// consecutive days (every phase of a weekly tactic, five times) and returns
// the largest gap between a pillar's posts and its share, with where it
// happens.
func worstTotal(t *testing.T, s *strategy.Strategy, days int) (float64, string) {
	var sum float64
	for _, p := range s.Pillars {
		sum += p.Weight
	}
	worst, where := 0.0, ""
	for k := 0; k < 35; k++ {
		from := d(2027, 1, 1).AddDays(k)
		cal := mustPlan(t, s, from, from.AddDays(days))
		counts := map[string]int{}
		for _, sl := range cal.Slots {
			counts[sl.Pillar]++
		}
		for _, p := range s.Pillars {
			if dev := math.Abs(float64(counts[p.ID]) - p.Weight/sum*float64(len(cal.Slots))); dev > worst {
				worst, where = dev, fmt.Sprintf("from %s: %s has %d of %d posts", from, p.ID, counts[p.ID], len(cal.Slots))
			}
		}
	}
	return worst, where
}

// TestPlanTacticsIssueCases: one channel at 2 posts a day, 40/30/20/10,
// with a weekly tactic on the 10% pillar on Mondays at 18:00. Planned over
// two weeks from 5 January, that pillar had 4 posts where 2.8 is its share:
// the planner gave it a post just before its tactic. Now, over every
// two-week and every 13-week horizon, whatever day it starts, each pillar
// stays within 1 − 1/(2n−2) = 5/6 of its share (the bound that used to be
// documented for a horizon), and on any weekday and time.
func TestPlanTacticsIssueCases(t *testing.T) {
	s := twoADay([]float64{40, 30, 20, 10}, 3, "MO", "18:00")
	cal := mustPlan(t, s, d(2027, 1, 5), d(2027, 1, 19))
	n := 0
	for _, sl := range cal.Slots {
		if sl.Pillar == "p3" {
			n++
		}
	}
	if n > 3 {
		t.Errorf("two weeks from 2027-01-05: the 10%% pillar has %d posts of 28, share 2.8", n)
	}
	for _, days := range []int{14, 91} {
		for _, day := range []string{"MO", "WE", "SA"} {
			for _, at := range []string{"09:00", "18:00"} {
				for _, tactic := range []int{0, 3} {
					s := twoADay([]float64{40, 30, 20, 10}, tactic, day, at)
					if worst, where := worstTotal(t, s, days); worst > 5.0/6+1e-9 {
						t.Errorf("tactic on p%d %s %s, %d days: %.2f off its share (%s), beyond 5/6", tactic, day, at, days, worst, where)
					}
				}
			}
		}
	}
	// 33/33/34 over a quarter: within the bound over any run, 2 − 1/(n−1).
	for _, tactic := range []int{0, 2} {
		if worst, where := worstTotal(t, twoADay([]float64{33, 33, 34}, tactic, "FR", "09:00"), 91); worst > 1.5 {
			t.Errorf("33/33/34, tactic on p%d: %.2f off its share (%s), beyond 3/2", tactic, worst, where)
		}
	}
}

// TestPlanTacticsOverShareWarns: a weekly tactic on a 1% pillar gives it
// 13 posts a quarter where its share is 1.8; the planner cannot make up for
// that and says so with the numbers, and gives that pillar no other post.
func TestPlanTacticsOverShareWarns(t *testing.T) {
	s := twoADay([]float64{40, 30, 29, 1}, 3, "WE", "18:00")
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	want := "channel ch: tactics alone give pillar p3 13 of the 180 posts between 2027-01-01 and 2027-03-31, where its weight of 1% allows 1.8"
	if !hasWarning(cal, want) {
		t.Errorf("no warning %q in %+v", want, cal.Warnings)
	}
	for _, sl := range cal.Slots {
		if sl.Pillar == "p3" && sl.Tactic == "" {
			t.Errorf("%s: a post of p3 beside its tactics", sl.Local)
		}
	}
	// Within its share: no warning.
	if cal := mustPlan(t, twoADay([]float64{40, 30, 20, 10}, 3, "WE", "18:00"), d(2027, 1, 1), d(2027, 4, 1)); hasWarning(cal, "tactics alone") {
		t.Errorf("a weekly tactic on a 10%% pillar warns: %+v", cal.Warnings)
	}
	// In a campaign that re-weights pillars, against the campaign's weights.
	s = twoADay([]float64{40, 30, 20, 10}, 3, "WE", "18:00")
	s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{ID: "sale", From: d(2027, 2, 1), To: d(2027, 2, 28),
		Pillars: map[string]float64{"p0": 98, "p3": 2}}}}
	cal = mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	if want := "channel ch, campaign sale: tactics alone give pillar p3 4 of the 56 posts"; !hasWarning(cal, want) {
		t.Errorf("no warning %q in %+v", want, cal.Warnings)
	}
}

// TestPlanTacticsInCampaignKeepItsMix: a re-weighting campaign with a
// tactic inside keeps the campaign's mix as its own sequence gives it.
func TestPlanTacticsInCampaignKeepItsMix(t *testing.T) {
	s := twoADay([]float64{40, 30, 20, 10}, 1, "WE", "18:00")
	s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{ID: "sale", From: d(2027, 2, 1), To: d(2027, 2, 28),
		Pillars: map[string]float64{"p0": 20, "p1": 80}}}}
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	counts := map[string]int{}
	posts := 0
	for _, sl := range cal.Slots {
		if sl.Campaign == "sale" {
			counts[sl.Pillar]++
			posts++
		}
	}
	// 56 posts at 20/80: 11.2 and 44.8, the campaign's sequence from its
	// first day (a prefix: within 1/2 for two pillars).
	if posts != 56 || counts["p0"] != 11 || counts["p1"] != 45 {
		t.Errorf("campaign posts %d, mix %v; want 56 at 11 and 45", posts, counts)
	}
}
