package planner

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// randomStrategy builds a strategy with random pillar weights (2 to 8
// pillars, sometimes the hard case 1/1/1/5/5/5) and one to three channels
// with random cadences, zones and, sometimes, their own weights.
func randomStrategy(rng *rand.Rand) *strategy.Strategy { return randomStrategyHours(rng, 0) }

// randomStrategyHours is randomStrategy with posting times from the hour
// first on: from 4, no two times of a cadence fall into one post when the
// clocks go forward, which would take a position out of the mix.
func randomStrategyHours(rng *rand.Rand, first int) *strategy.Strategy {
	s := &strategy.Strategy{Brand: strategy.Brand{Name: "Prop", Timezone: "Europe/Oslo"}}
	weights := func() []float64 {
		if rng.Intn(5) == 0 {
			return []float64{1, 1, 1, 5, 5, 5}
		}
		w := make([]float64, 2+rng.Intn(7))
		for i := range w {
			if rng.Intn(2) == 0 {
				w[i] = float64(1 + rng.Intn(60))
			} else {
				w[i] = float64(1+rng.Intn(60000)) / 1000
			}
		}
		return w
	}
	for i, w := range weights() {
		s.Pillars = append(s.Pillars, strategy.Pillar{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P%d", i), Weight: w})
	}
	zones := []string{"Europe/Oslo", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", ""}
	for c := 0; c < 1+rng.Intn(3); c++ {
		ch := strategy.Channel{ID: fmt.Sprintf("c%d", c), Platform: "instagram", Timezone: zones[rng.Intn(len(zones))]}
		// One cadence, or up to three that never share a time.
		n := 1
		if rng.Intn(2) == 0 {
			n += 1 + rng.Intn(2)
		}
		for range n {
			ch.Cadence = append(ch.Cadence, randomCadence(rng, first))
		}
		dropClashes(&ch)
		if rng.Intn(3) == 0 {
			ch.Pillars = map[string]float64{}
			for i, w := range weights() {
				if i < len(s.Pillars) {
					ch.Pillars[s.Pillars[i].ID] = w
				}
			}
		}
		s.Channels = append(s.Channels, ch)
	}
	return s
}

// randomCadence is days and times, or one of a few RRULEs (daily, weekly,
// every other week, hourly, monthly), posting from the hour first on.
func randomCadence(rng *rand.Rand, first int) strategy.Cadence {
	var cad strategy.Cadence
	if rng.Intn(4) == 0 {
		cad.RRule = []string{"FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0", "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2;BYMINUTE=30", "FREQ=HOURLY;INTERVAL=5",
			"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;BYHOUR=10;BYMINUTE=15", "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=17;BYMINUTE=45"}[rng.Intn(5)]
		return cad
	}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if rng.Intn(2) == 0 {
			cad.Days = append(cad.Days, d)
		}
	}
	for k := 0; k < 1+rng.Intn(3); k++ {
		cad.Times = append(cad.Times, fmt.Sprintf("%02d:%02d", first+rng.Intn(24-first), 15*rng.Intn(4)))
	}
	return cad
}

// dropClashes keeps the first of a channel's cadences and each later one
// that shares no time with those kept, as validation requires.
func dropClashes(ch *strategy.Channel) {
	kept := ch.Cadence[:1]
	for _, cd := range ch.Cadence[1:] {
		try := *ch
		try.Cadence = append(append(strategy.Cadences{}, kept...), cd)
		if cl, err := Clashes(&try); err == nil && len(cl) == 0 {
			kept = append(kept, cd)
		}
	}
	ch.Cadence = kept
}

func randomHorizon(rng *rand.Rand) (strategy.Date, strategy.Date) {
	from := d(2026, 1, 1).AddDays(rng.Intn(3 * 365))
	return from, from.AddDays(1 + rng.Intn(700))
}

// channelWeights returns the integer weights the planner uses on a
// channel, and their sum.
func channelWeights(s *strategy.Strategy, ch strategy.Channel) ([]int64, int64) {
	weights := make([]float64, len(s.Pillars))
	for i, p := range s.Pillars {
		weights[i] = p.Weight
		if ch.Pillars != nil {
			weights[i] = ch.Pillars[p.ID]
		}
	}
	return integerWeights(weights)
}

// mixBounds checks one channel's pillars, in order, against the mix
// guarantee: with n pillars of positive weight and d = 2n − 2, every prefix
// (when the slots start at the sequence's anchor) is within 1 − 1/d of its
// ideal share, and every run of consecutive slots within 2 − 2/d. It
// returns a description of the first breach, or "". The test is exact: on
// integers scaled by W·d.
func mixBounds(pillars []int, w []int64, sum int64, fromAnchor bool) string {
	n := 0
	for _, v := range w {
		if v > 0 {
			n++
		}
	}
	if n < 2 {
		return ""
	}
	d := int64(2*n - 2)
	for i, wi := range w {
		// e(t) = W·x_i(t) − w_i·t, the deviation scaled by W.
		var e, lo, hi int64 // lo, hi: least and greatest e over earlier prefixes
		var x int64
		for t, p := range pillars {
			if p == i {
				x++
			}
			e = sum*x - wi*int64(t+1)
			if fromAnchor && d*abs64(e) > (d-1)*sum {
				return fmt.Sprintf("pillar %d: after %d slots %d posts, ideal %.3f, beyond 1 − 1/%d", i, t+1, x, float64(wi)*float64(t+1)/float64(sum), d)
			}
			if d*(e-lo) > (2*d-2)*sum || d*(hi-e) > (2*d-2)*sum {
				return fmt.Sprintf("pillar %d: a run of slots ending at slot %d strays %.3f from its share, beyond 2 − 2/%d",
					i, t+1, float64(max(e-lo, hi-e))/float64(sum), d)
			}
			lo, hi = min(lo, e), max(hi, e)
		}
	}
	return ""
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// pillarsOf lists the pillar index of each of a channel's slots, in order.
func pillarsOf(s *strategy.Strategy, cal *Calendar, channel string) []int {
	idx := map[string]int{}
	for i, p := range s.Pillars {
		idx[p.ID] = i
	}
	var out []int
	for _, sl := range cal.Slots {
		if sl.Channel == channel {
			i, ok := idx[sl.Pillar]
			if !ok {
				i = -1
			}
			out = append(out, i)
		}
	}
	return out
}

// TestPlanPropertyMixFromAnchor: planned from the anchor, Monday
// 2000-01-03, every prefix of every channel's slots is within Tijdeman's
// bound 1 − 1/(2n−2) of its ideal share, and every run of slots within
// 2 − 1/(n−1), over random weights and horizons.
func TestPlanPropertyMixFromAnchor(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	runs := 120
	if testing.Short() {
		runs = 20
	}
	for run := 0; run < runs; run++ {
		s := randomStrategyHours(rng, 4)
		from := d(2000, 1, 3)
		cal := mustPlan(t, s, from, from.AddDays(1+rng.Intn(900)))
		for _, ch := range s.Channels {
			w, sum := channelWeights(s, ch)
			pillars := pillarsOf(s, cal, ch.ID)
			if msg := mixBounds(pillars, w, sum, true); msg != "" {
				t.Fatalf("run %d channel %s weights %v: %s", run, ch.ID, w, msg)
			}
			// The first post planned is position 0: the posts are
			// Tijdeman's sequence from its start.
			c := chairmanOf(w, sum)
			for k, p := range pillars {
				if want := c.next(); p != want && c.n > 0 {
					t.Fatalf("run %d channel %s: post %d has pillar %d, the sequence %d", run, ch.ID, k, p, want)
				}
			}
		}
	}
}

// TestPlanPropertyMixAnyWindow: whatever day a plan starts on, every run
// of a channel's consecutive slots (the horizon's included) is within
// 2 − 1/(n−1) of its ideal share, over random weights, horizons and window
// starts.
func TestPlanPropertyMixAnyWindow(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	runs := 150
	if testing.Short() {
		runs = 20
	}
	for run := 0; run < runs; run++ {
		s := randomStrategyHours(rng, 4)
		from, to := randomHorizon(rng)
		cal := mustPlan(t, s, from, to)
		for _, ch := range s.Channels {
			w, sum := channelWeights(s, ch)
			if msg := mixBounds(pillarsOf(s, cal, ch.ID), w, sum, false); msg != "" {
				t.Fatalf("run %d channel %s weights %v from %s: %s", run, ch.ID, w, from, msg)
			}
		}
	}
}

// TestMixBoundsCatches: the checker of the two tests above finds a breach.
func TestMixBoundsCatches(t *testing.T) {
	w, sum := []int64{1, 1}, int64(2)
	if msg := mixBounds([]int{0, 1, 0, 1}, w, sum, true); msg != "" {
		t.Errorf("alternation: %s", msg)
	}
	if msg := mixBounds([]int{0, 0, 1, 1}, w, sum, true); msg == "" {
		t.Error("0 0 1 1 from the anchor strays 1 after two slots: not caught")
	}
	if msg := mixBounds([]int{1, 0, 0, 0, 1, 1}, w, sum, false); msg == "" {
		t.Error("a run of three 0s strays 1.5: not caught")
	}
}

// addEvents gives a random strategy a tactic, a blackout and a campaign
// with extra posts and its own weights, all around the day from.
func addEvents(rng *rand.Rand, s *strategy.Strategy, from strategy.Date) {
	s.Tactics = []strategy.Tactic{{ID: "tac", Name: "Tactic", Pillar: s.Pillars[0].ID, Channels: []string{"c0"},
		Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", Time: "12:00"}}}
	s.Calendar = &strategy.Calendar{
		Blackouts: []strategy.Blackout{{From: from.AddDays(rng.Intn(100)), To: from.AddDays(100 + rng.Intn(100))}},
		Campaigns: []strategy.Campaign{{ID: "camp", From: from.AddDays(rng.Intn(300)), To: from.AddDays(300 + rng.Intn(100)),
			Pillars: map[string]float64{s.Pillars[1].ID: 1}, Extra: &strategy.Cadence{Days: []string{"sat"}, Times: []string{"10:00"}}}},
	}
}

// sameSlot compares two plans' slot at the same time on the same channel:
// everything but the format, which takes the channel's formats in turn from
// the horizon's first post.
func sameSlot(a, b Slot) bool {
	a.Format, b.Format = "", ""
	a.Variant, b.Variant = 0, 0
	return reflect.DeepEqual(a, b)
}

// TestPlanPropertyAnyTwoHorizons: two plans of the same strategy over any
// two horizons agree on every slot they share, pillar included, tactics,
// campaigns and blackouts included: re-planning never moves a pillar.
func TestPlanPropertyAnyTwoHorizons(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	runs := 120
	if testing.Short() {
		runs = 20
	}
	for run := 0; run < runs; run++ {
		s := randomStrategy(rng)
		fromA, toA := randomHorizon(rng)
		addEvents(rng, s, fromA)
		plansAgree(t, rng, s, run, fromA, toA)
	}
}

// TestPlanBlackoutsAndCampaignsMoveNoOtherPillar: a blackout takes its
// days' posts away and a campaign re-weights its own days; every other post
// keeps its pillar.
func TestPlanBlackoutsAndCampaignsMoveNoOtherPillar(t *testing.T) {
	rng := rand.New(rand.NewSource(29))
	for run := 0; run < 40; run++ {
		s := randomStrategy(rng)
		from, to := randomHorizon(rng)
		before := mustPlan(t, s, from, to)
		day := from.AddDays(rng.Intn(60))
		end := day.AddDays(rng.Intn(20))
		if rng.Intn(2) == 0 {
			s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{From: day, To: end}}}
		} else {
			s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{ID: "c", From: day, To: end, Pillars: map[string]float64{s.Pillars[0].ID: 1}}}}
		}
		after := mustPlan(t, s, from, to)
		kept := map[string]Slot{}
		for _, sl := range after.Slots {
			kept[sl.UID] = sl
		}
		for _, sl := range before.Slots {
			if sl.Day() >= day.String() && sl.Day() <= end.String() {
				continue
			}
			if got, ok := kept[sl.UID]; !ok || !sameSlot(got, sl) {
				t.Fatalf("run %d: %s outside %s..%s changed:\n%+v\n%+v", run, sl.Local, day, end, sl, got)
			}
		}
	}
}

// TestPlanPropertyExtension: planning further ahead from the same first day
// never changes a slot that was already planned, tactics, campaigns and
// blackouts included.
func TestPlanPropertyExtension(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	runs := 100
	if testing.Short() {
		runs = 15
	}
	for run := 0; run < runs; run++ {
		s := randomStrategy(rng)
		from, to := randomHorizon(rng)
		s.Tactics = []strategy.Tactic{{ID: "tac", Name: "Tactic", Pillar: s.Pillars[0].ID, Channels: []string{"c0"},
			Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", Time: "12:00"}}}
		s.Calendar = &strategy.Calendar{
			Blackouts: []strategy.Blackout{{From: from.AddDays(rng.Intn(100)), To: from.AddDays(100 + rng.Intn(100))}},
			Campaigns: []strategy.Campaign{{ID: "camp", From: from.AddDays(rng.Intn(300)), To: from.AddDays(300 + rng.Intn(100)),
				Pillars: map[string]float64{s.Pillars[1].ID: 1}, Extra: &strategy.Cadence{Days: []string{"sat"}, Times: []string{"10:00"}}}},
		}
		short := mustPlan(t, s, from, to)
		long := mustPlan(t, s, from, to.AddDays(1+rng.Intn(400)))
		var prefix []Slot
		for _, sl := range long.Slots {
			if sl.Day() < to.String() {
				prefix = append(prefix, sl)
			}
		}
		if len(prefix) != len(short.Slots) {
			t.Fatalf("run %d: %d slots before %s in the longer plan, %d in the shorter", run, len(prefix), to, len(short.Slots))
		}
		for i := range prefix {
			if !reflect.DeepEqual(prefix[i], short.Slots[i]) {
				t.Fatalf("run %d: slot %d changed when the horizon grew:\n%+v\n%+v", run, i, short.Slots[i], prefix[i])
			}
		}
	}
}

// TestPlanPropertyCountsFromTheAnchor: a plan that starts at the anchor
// walks every position from it; a plan that starts years later counts
// them (the cadence in closed form, tactics one by one). Both must give
// every shared post the same pillar.
func TestPlanPropertyCountsFromTheAnchor(t *testing.T) {
	rng := rand.New(rand.NewSource(53))
	runs := 30
	if testing.Short() {
		runs = 6
	}
	for run := 0; run < runs; run++ {
		s := randomStrategy(rng)
		withTactics(rng, s)
		long := mustPlan(t, s, d(2000, 1, 3), d(2010, 1, 3))
		from := d(2000, 1, 3).AddDays(200 + rng.Intn(3000))
		short := mustPlan(t, s, from, from.AddDays(1+rng.Intn(200)))
		byUID := map[string]Slot{}
		for _, sl := range long.Slots {
			byUID[sl.UID] = sl
		}
		for _, sl := range short.Slots {
			if got, ok := byUID[sl.UID]; !ok || !sameSlot(got, sl) {
				t.Fatalf("run %d: planned from %s, %s differs from the plan from the anchor:\n%+v\n%+v", run, from, sl.Local, sl, got)
			}
		}
	}
}

// plansAgree plans s over [fromA, toA) and over a random other horizon
// that overlaps it, fails t unless the two plans have the same slots where
// they overlap (time, UID and pillar), and returns those slots by UID.
func plansAgree(t *testing.T, rng *rand.Rand, s *strategy.Strategy, run int, fromA, toA strategy.Date) map[string]Slot {
	t.Helper()
	fromB := fromA.AddDays(rng.Intn(400) - 200)
	toB := fromB.AddDays(1 + rng.Intn(600))
	a, b := mustPlan(t, s, fromA, toA), mustPlan(t, s, fromB, toB)
	lo, hi := strategy.MaxDate(fromA, fromB).String(), strategy.MinDate(toA, toB).String()
	shared := func(cal *Calendar) map[string]Slot {
		out := map[string]Slot{}
		for _, sl := range cal.Slots {
			if sl.Day() >= lo && sl.Day() < hi {
				out[sl.UID] = sl
			}
		}
		return out
	}
	sa, sb := shared(a), shared(b)
	if len(sa) != len(sb) {
		t.Fatalf("run %d: %d slots between %s and %s in one plan, %d in the other", run, len(sa), lo, hi, len(sb))
	}
	for uid, x := range sa {
		if y, ok := sb[uid]; !ok || !sameSlot(x, y) {
			t.Fatalf("run %d: plans from %s and %s differ at %s:\n%+v\n%+v", run, fromA, fromB, x.Local, x, y)
		}
	}
	return sa
}
