package planner

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// randomPeriodic is a cadence that repeats with a fixed period: days and
// times, a daily RRULE every 1 to 3 days or a weekly one every 1 to 4
// weeks, with or without a start.
func randomPeriodic(rng *rand.Rand) strategy.Cadence {
	var c strategy.Cadence
	days := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	hours := fmt.Sprintf("%d", 6+rng.Intn(4))
	if rng.Intn(2) == 0 {
		hours += fmt.Sprintf(",%d", 14+rng.Intn(3))
	}
	minute := []string{"0", "30"}[rng.Intn(2)]
	switch rng.Intn(3) {
	case 0:
		for _, d := range days {
			if rng.Intn(3) == 0 {
				c.Days = append(c.Days, d)
			}
		}
		if len(c.Days) == 0 {
			c.Days = []string{days[rng.Intn(7)]}
		}
		for _, h := range strings.Split(hours, ",") {
			c.Times = append(c.Times, fmt.Sprintf("%02s:%02s", h, minute))
		}
	case 1:
		c.RRule = fmt.Sprintf("FREQ=DAILY;INTERVAL=%d;BYHOUR=%s;BYMINUTE=%s", 1+rng.Intn(3), hours, minute)
	default:
		var by []string
		for _, d := range []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"} {
			if rng.Intn(3) == 0 {
				by = append(by, d)
			}
		}
		if len(by) == 0 {
			by = []string{"MO"}
		}
		c.RRule = fmt.Sprintf("FREQ=WEEKLY;INTERVAL=%d;BYDAY=%s;BYHOUR=%s;BYMINUTE=%s", 1+rng.Intn(4), strings.Join(by, ","), hours, minute)
	}
	if rng.Intn(2) == 0 {
		c.Start = d(2027, 1, 1).AddDays(rng.Intn(120))
	}
	return c
}

// TestFirstSharedAgreesWithListing: for random pairs of cadences that
// repeat with a fixed period, the proof by residues finds a shared time
// exactly when listing both over three years (longer than the two first
// periods and the least common multiple of the periods, at most 12 weeks
// here) finds one, and finds the same first one.
func TestFirstSharedAgreesWithListing(t *testing.T) {
	rng := rand.New(rand.NewSource(61))
	shared, apart := 0, 0
	for run := 0; run < 3000; run++ {
		a, b := randomPeriodic(rng), randomPeriodic(rng)
		cds, err := readCadences(strategy.Cadences{a, b})
		if err != nil {
			t.Fatal(err)
		}
		x, y := cds[0].set, cds[1].set
		if !cds[0].closed() || !cds[1].closed() {
			t.Fatalf("%+v and %+v: not counted in closed form", a, b)
		}
		from := max(cds[0].start, cds[1].start)
		if a.RRule == "" && b.RRule == "" && a.Start.IsZero() && b.Start.IsZero() {
			from = ruleEpoch
		}
		lx, _ := x.walls(nil, from, from+3*366*secondsPerDay)
		ly, _ := y.walls(nil, from, from+3*366*secondsPerDay)
		want, found := int64(0), false
		for _, w := range lx {
			if _, ok := slices.BinarySearch(ly, w); ok {
				want, found = w, true
				break
			}
		}
		got, ok := firstShared(x, y)
		if ok != found || ok && got != want {
			t.Fatalf("run %d: %+v and %+v: firstShared = %s, %v; listing finds %s, %v", run, a, b, formatLocal(got), ok, formatLocal(want), found)
		}
		if ok {
			shared++
		} else {
			apart++
		}
	}
	if shared < 300 || apart < 300 {
		t.Fatalf("only %d pairs share a time and %d do not; the generator is too narrow", shared, apart)
	}
}

// TestCRT checks the Chinese remainder step on periods of the sizes rules
// have, up to 400 weeks.
func TestCRT(t *testing.T) {
	rng := rand.New(rand.NewSource(67))
	week := int64(7 * secondsPerDay)
	for run := 0; run < 10000; run++ {
		pa, pb := week*(1+rng.Int63n(400)), week*(1+rng.Int63n(400))
		g := gcd(pa, pb)
		ra := rng.Int63n(pa)
		rb := ra%g + g*rng.Int63n(pb/g) // agrees with ra modulo g
		x, lcm := crt(ra, pa, rb, pb, g)
		if lcm != pa/g*pb || x < 0 || x >= lcm || x%pa != ra || x%pb != rb {
			t.Fatalf("crt(%d, %d, %d, %d) = %d, %d", ra, pa, rb, pb, x, lcm)
		}
	}
}

// TestCadenceSetCounts: the union of cadences that share no time counts
// in closed form what listing it gives, over ranges near and far from the
// epoch, and knows its members' times; with an RRULE that repeats with no
// fixed period among them, it lists and merges.
func TestCadenceSetCounts(t *testing.T) {
	rng := rand.New(rand.NewSource(71))
	checked := 0
	for run := 0; run < 400; run++ {
		ch := strategy.Channel{ID: "ch"}
		for range 2 + rng.Intn(3) {
			ch.Cadence = append(ch.Cadence, randomPeriodic(rng))
		}
		if rng.Intn(4) == 0 {
			ch.Cadence = append(ch.Cadence, strategy.Cadence{RRule: "FREQ=MONTHLY;BYMONTHDAY=1,15,31;BYHOUR=13;BYMINUTE=5"})
		}
		dropClashes(&ch)
		if len(ch.Cadence) < 2 {
			continue
		}
		cds, err := readCadences(ch.Cadence)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := newCadenceSet(cds)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		checked++
		lo := ruleEpoch + rng.Int63n(40*366)*secondsPerDay - 5*366*secondsPerDay
		hi := lo + rng.Int63n(400)*secondsPerDay + rng.Int63n(secondsPerDay)
		var all []int64
		for _, cd := range cds {
			all, _ = cd.set.walls(all, lo, hi)
		}
		slices.Sort(all)
		all = dedupe(all)
		walls, err := cs.walls(nil, lo, hi)
		if err != nil {
			t.Fatal(err)
		}
		n, err := cs.count(lo, hi)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(walls, all) || n != int64(len(all)) {
			t.Fatalf("run %d: %+v over [%s, %s): count %d, %d listed, %d in the members", run, ch.Cadence, formatLocal(lo), formatLocal(hi), n, len(walls), len(all))
		}
		for _, w := range all[:min(len(all), 20)] {
			if in, known := cs.has(w); known && !in {
				t.Fatalf("run %d: has(%s) is false for a time of the union", run, formatLocal(w))
			}
			if in, known := cs.has(w + 60); known && in && !slices.Contains(all, w+60) {
				t.Fatalf("run %d: has(%s) is true for a time not in the union", run, formatLocal(w+60))
			}
		}
	}
	if checked < 200 {
		t.Fatalf("only %d sets of several cadences checked", checked)
	}
}

// TestClashes: days and times sharing a weekday and a time clash every
// week; RRULEs every other week clash or not by their starts' phases; a
// monthly RRULE is searched from the later start, and one that never
// happens is not searched at all.
func TestClashes(t *testing.T) {
	for _, tc := range []struct {
		name string
		cads strategy.Cadences
		want string // "A B at weekly", or "" for none
	}{
		{"weekdays and weekends", strategy.Cadences{
			{Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"08:00"}},
			{Days: []string{"sat", "sun"}, Times: []string{"08:00"}}}, ""},
		{"a shared Monday", strategy.Cadences{
			{Days: []string{"mon", "wed"}, Times: []string{"08:00", "17:00"}},
			{Days: []string{"mon"}, Times: []string{"12:00", "17:00"}}}, "0 1 2000-01-03 17:00 true"},
		{"a shared Monday from a start", strategy.Cadences{
			{Days: []string{"mon"}, Times: []string{"08:00"}, Start: d(2027, 3, 3)},
			{Days: []string{"mon"}, Times: []string{"08:00"}}}, "0 1 2027-03-08 08:00 true"},
		{"fortnights out of phase", strategy.Cadences{
			{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9", Start: d(2027, 3, 29)},
			{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9", Start: d(2027, 4, 5)}}, ""},
		{"fortnights in phase", strategy.Cadences{
			{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9", Start: d(2027, 3, 29)},
			{RRule: "FREQ=WEEKLY;INTERVAL=4;BYDAY=MO;BYHOUR=9", Start: d(2027, 4, 12)}}, "0 1 2027-04-12 09:00 false"},
		{"every third day meets Mondays", strategy.Cadences{
			{RRule: "FREQ=DAILY;INTERVAL=3;BYHOUR=9", Start: d(2027, 3, 2)},
			{Days: []string{"mon"}, Times: []string{"09:00"}}}, "0 1 2027-03-08 09:00 false"},
		{"the first of the month on a Monday", strategy.Cadences{
			{Days: []string{"mon"}, Times: []string{"08:00"}},
			{RRule: "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8", Start: d(2027, 1, 1)}}, "0 1 2027-02-01 08:00 false"},
		{"two monthly rules", strategy.Cadences{
			{RRule: "FREQ=MONTHLY;BYDAY=1MO;BYHOUR=8", Start: d(2027, 3, 1)},
			{RRule: "FREQ=MONTHLY;BYMONTHDAY=2,3,4;BYHOUR=8", Start: d(2027, 3, 1)}}, "0 1 2027-05-03 08:00 false"},
		{"a rule that never happens", strategy.Cadences{
			{Days: []string{"mon"}, Times: []string{"08:00"}},
			{RRule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=8", Start: d(2027, 1, 1)}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cl, err := Clashes(&strategy.Channel{ID: "ch", Cadence: tc.cads})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(cl) > 0 {
				got = fmt.Sprintf("%d %d %s %v", cl[0].A, cl[0].B, cl[0].At.Format("2006-01-02 15:04"), cl[0].Weekly)
			}
			if got != tc.want || len(cl) > 1 {
				t.Errorf("Clashes = %q (%d), want %q", got, len(cl), tc.want)
			}
		})
	}
}

// TestPlanRefusesCadencesThatShareATime: two cadences counted in closed
// form that share a time are an error, which validation reports first.
func TestPlanRefusesCadencesThatShareATime(t *testing.T) {
	s := single("", &strategy.Cadence{Days: []string{"mon", "wed"}, Times: []string{"08:00"}})
	s.Channels[0].Cadence = append(s.Channels[0].Cadence, strategy.Cadence{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;BYHOUR=8"})
	_, err := Plan(s, Options{From: d(2027, 1, 1), To: d(2027, 2, 1)})
	if err == nil || !strings.Contains(err.Error(), "channel ch: cadences 1 and 2 both post at 2000-01-05T08:00") {
		t.Fatalf("err = %v", err)
	}
}

// TestPlanSharedTimeIsOnePost: a time an RRULE without a fixed period
// shares with another cadence (which validation looks for only so far) is
// one post, counted for the first cadence, and the plan says so; the
// position count agrees with listing, so two horizons agree.
func TestPlanSharedTimeIsOnePost(t *testing.T) {
	s := single("", &strategy.Cadence{MinPerWeek: 1, Days: []string{"mon"}, Times: []string{"08:00"}})
	s.Channels[0].Cadence = append(s.Channels[0].Cadence, strategy.Cadence{MinPerWeek: 0, RRule: "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=8"})
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	var at []string
	for _, sl := range cal.Slots {
		at = append(at, fmt.Sprintf("%s/%d", sl.Local, sl.Cadence))
	}
	for _, want := range []string{"2027-01-01T08:00/2", "2027-01-04T08:00/1", "2027-02-01T08:00/1", "2027-03-01T08:00/1"} {
		if !slices.Contains(at, want) {
			t.Errorf("no slot %s in %v", want, at)
		}
	}
	if len(at) != 13+3-2 {
		t.Errorf("%d slots, want 13 Mondays and 3 firsts, 2 of them Mondays: %v", len(at), at)
	}
	want := "channel ch: cadences 1 and 2 both post at 2027-02-01T08:00 (and at 1 more time, the last 2027-03-01T08:00); each such time is one post, counted for cadence 1: change the days or times of one of them"
	if !hasWarning(cal, want) {
		t.Errorf("warnings %v, want %q", cal.Warnings, want)
	}
	later := mustPlan(t, s, d(2027, 2, 15), d(2027, 5, 1))
	for _, sl := range later.Slots {
		for _, x := range cal.Slots {
			if x.UID == sl.UID && !sameSlot(x, sl) {
				t.Fatalf("plans from 2027-01-01 and 2027-02-15 differ at %s:\n%+v\n%+v", sl.Local, x, sl)
			}
		}
	}
}

// TestPlanSeveralCadencesHoldTheirOwnMinimums: each of several cadences
// is held to its minimum by the posts at its own times (a tactic at
// another time counts for none), from its start, and a slot says which
// cadence it counts for.
func TestPlanSeveralCadencesHoldTheirOwnMinimums(t *testing.T) {
	s := single("", &strategy.Cadence{MinPerWeek: 5, Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"08:00"}})
	s.Channels[0].Cadence = append(s.Channels[0].Cadence,
		strategy.Cadence{MinPerWeek: 1, RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=11", Start: d(2027, 1, 9)})
	s.Tactics = []strategy.Tactic{{ID: "sunday", Name: "Sunday", Pillar: "a", Channels: []string{"ch"},
		Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=SU", Time: "18:00"}}}
	cal := mustPlan(t, s, d(2027, 1, 4), d(2027, 2, 1))
	var msgs []string
	for _, w := range cal.Warnings {
		msgs = append(msgs, w.Message)
	}
	want := []string{
		"channel ch, cadence 2 (FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=11): week 2027-W02 (from Monday 2027-01-11) has 0 posts, fewer than its minimum of 1 a week",
		"channel ch, cadence 2 (FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=11): week 2027-W04 (from Monday 2027-01-25) has 0 posts, fewer than its minimum of 1 a week",
	}
	// Week 1 lies before cadence 2's start (a Saturday): not held to it.
	if !slices.Equal(msgs, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	for _, sl := range cal.Slots {
		want := map[string]int{"08:00": 1, "11:00": 2, "18:00": 0}[sl.Clock()]
		if sl.Cadence != want {
			t.Errorf("%s: Cadence %d, want %d", sl.Local, sl.Cadence, want)
		}
	}
}

// TestPlanSeveralCadencesAnchor: a channel's sequence counts from the
// first of its cadences' starts, a cadence without one counting from the
// epoch; planned from that day, its posts are Tijdeman's sequence.
func TestPlanSeveralCadencesAnchor(t *testing.T) {
	s := single("", &strategy.Cadence{Days: []string{"mon", "tue", "wed", "thu", "fri"}, Times: []string{"08:00"}, Start: d(2027, 3, 10)})
	s.Channels[0].Cadence = append(s.Channels[0].Cadence, strategy.Cadence{Days: []string{"sat", "sun"}, Times: []string{"11:00"}, Start: d(2027, 3, 6)})
	s.Pillars = []strategy.Pillar{{ID: "a", Weight: 50}, {ID: "b", Weight: 30}, {ID: "c", Weight: 20}}
	cal := mustPlan(t, s, d(2027, 3, 6), d(2027, 5, 1))
	w, sum := channelWeights(s, s.Channels[0])
	c := chairmanOf(w, sum)
	for k, p := range pillarsOf(s, cal, "ch") {
		if want := c.next(); p != want {
			t.Fatalf("post %d has pillar %d, the sequence %d", k, p, want)
		}
	}
	if cal.Slots[0].Local != "2027-03-06T11:00" {
		t.Errorf("first slot %s, want the weekend cadence's first, 2027-03-06T11:00", cal.Slots[0].Local)
	}
}

// TestPropertySeveralCadences: channels with two or three cadences that
// share no time (days and times, daily and weekly RRULEs with starts, a
// monthly RRULE) keep the mix guarantee of one channel over any window,
// and any two horizons agree on every post they share.
func TestPropertySeveralCadences(t *testing.T) {
	rng := rand.New(rand.NewSource(73))
	runs, several := 80, 0
	if testing.Short() {
		runs = 15
	}
	for run := 0; run < runs; run++ {
		s := randomStrategyHours(rng, 4)
		for i := range s.Channels {
			ch := &s.Channels[i]
			ch.Cadence = ch.Cadence[:1]
			for range 1 + rng.Intn(3) {
				ch.Cadence = append(ch.Cadence, randomPeriodic(rng))
			}
			if rng.Intn(3) == 0 {
				ch.Cadence = append(ch.Cadence, strategy.Cadence{RRule: "FREQ=MONTHLY;BYMONTHDAY=3,17;BYHOUR=19;BYMINUTE=10"})
			}
			dropClashes(ch)
			if len(ch.Cadence) > 1 {
				several++
			}
		}
		fromA, toA := randomHorizon(rng)
		fromB := fromA.AddDays(rng.Intn(400) - 200)
		toB := fromB.AddDays(1 + rng.Intn(600))
		a, b := mustPlan(t, s, fromA, toA), mustPlan(t, s, fromB, toB)
		for _, ch := range s.Channels {
			w, sum := channelWeights(s, ch)
			if msg := mixBounds(pillarsOf(s, a, ch.ID), w, sum, false); msg != "" {
				t.Fatalf("run %d channel %s (%d cadences) weights %v from %s: %s", run, ch.ID, len(ch.Cadence), w, fromA, msg)
			}
		}
		lo, hi := strategy.MaxDate(fromA, fromB).String(), strategy.MinDate(toA, toB).String()
		byUID := map[string]Slot{}
		for _, sl := range a.Slots {
			if sl.Day() >= lo && sl.Day() < hi {
				byUID[sl.UID] = sl
			}
		}
		n := 0
		for _, sl := range b.Slots {
			if sl.Day() < lo || sl.Day() >= hi {
				continue
			}
			n++
			if x, ok := byUID[sl.UID]; !ok || !sameSlot(x, sl) {
				t.Fatalf("run %d: plans from %s and %s differ at %s %s:\n%+v\n%+v", run, fromA, fromB, sl.Channel, sl.Local, x, sl)
			}
		}
		if n != len(byUID) {
			t.Fatalf("run %d: %d shared slots in one plan, %d in the other", run, len(byUID), n)
		}
	}
	if several < runs {
		t.Fatalf("only %d channels with several cadences in %d runs", several, runs)
	}
}
