package planner

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// TestPlanCadenceStart: a cadence's start is its RRULE's DTSTART (its
// phase, its COUNT) and its first day; a days-and-times cadence posts from
// it too.
func TestPlanCadenceStart(t *testing.T) {
	every2 := func(start strategy.Date) *strategy.Strategy {
		return single("", &strategy.Cadence{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9", Start: start})
	}
	cal := mustPlan(t, every2(d(2027, 3, 29)), d(2027, 3, 1), d(2027, 5, 11))
	if got, want := locals(cal), []string{"2027-03-29T09:00=07:00Z", "2027-04-12T09:00=07:00Z", "2027-04-26T09:00=07:00Z", "2027-05-10T09:00=07:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("every other Monday from 29 March: got %q, want %q", got, want)
	}
	// A week later, the other Mondays.
	cal = mustPlan(t, every2(d(2027, 4, 5)), d(2027, 3, 1), d(2027, 5, 11))
	if got, want := locals(cal), []string{"2027-04-05T09:00=07:00Z", "2027-04-19T09:00=07:00Z", "2027-05-03T09:00=07:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("every other Monday from 5 April: got %q, want %q", got, want)
	}

	// COUNT counts from the start, whatever the horizon.
	counted := single("", &strategy.Cadence{MinPerWeek: 3, RRule: "FREQ=DAILY;BYHOUR=9;COUNT=5", Start: d(2027, 3, 3)})
	cal = mustPlan(t, counted, d(2027, 3, 5), d(2027, 3, 22))
	if got, want := locals(cal), []string{"2027-03-05T09:00=08:00Z", "2027-03-06T09:00=08:00Z", "2027-03-07T09:00=08:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("COUNT=5 from 3 March, planned from the 5th: got %q, want %q", got, want)
	}
	// The weeks after it ran out fall short, and the warning says why.
	if !hasWarning(cal, "week 2027-W10 (from Monday 2027-03-08) has 0 posts, fewer than the cadence minimum of 3 a week: the cadence's RRULE ran out (COUNT or UNTIL) after its post on 2027-03-07") {
		t.Errorf("warnings %+v", cal.Warnings)
	}

	// A days-and-times cadence posts from its start, and the week it
	// starts in is not held to the minimum.
	s := single("", &strategy.Cadence{MinPerWeek: 3, Days: []string{"mon", "wed", "fri"}, Times: []string{"12:00"}, Start: d(2027, 3, 10)})
	cal = mustPlan(t, s, d(2027, 3, 1), d(2027, 3, 22))
	if got := locals(cal); len(got) != 5 || !strings.HasPrefix(got[0], "2027-03-10T12:00") {
		t.Errorf("Mon, Wed, Fri from Wednesday 10 March: got %q", got)
	}
	if len(cal.Warnings) != 0 {
		t.Errorf("warnings %+v", cal.Warnings)
	}

	// After the plan: nothing, and a warning that says so.
	cal = mustPlan(t, every2(d(2028, 1, 3)), d(2027, 3, 1), d(2027, 5, 1))
	if len(cal.Slots) != 0 || !hasWarning(cal, "channel ch: its cadence starts on 2028-01-03, after the last day planned (2027-04-30)") {
		t.Errorf("slots %q, warnings %+v", locals(cal), cal.Warnings)
	}
}

// launched is a channel launched on 15 February 2027 and retired after
// 10 March, posting daily, with a weekly tactic on the channel.
func launched() *strategy.Strategy {
	s := single("", &strategy.Cadence{MinPerWeek: 7, Times: []string{"09:00"}})
	s.Channels[0].Active = &strategy.ActivePeriod{From: d(2027, 2, 15), To: d(2027, 3, 10)}
	s.Tactics = []strategy.Tactic{{ID: "friday", Pillar: "b", Channels: []string{"ch"},
		Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=FR", Time: "15:00"}}}
	return s
}

// TestPlanActivePeriod: a channel plans nothing outside its active period,
// not even its tactics, says how many tactic posts that leaves out, and
// holds only its whole active weeks to the cadence's minimum.
func TestPlanActivePeriod(t *testing.T) {
	cal := mustPlan(t, launched(), d(2027, 1, 1), d(2027, 4, 1))
	if first, last := cal.Slots[0].Local, cal.Slots[len(cal.Slots)-1].Local; first != "2027-02-15T09:00" || last != "2027-03-10T09:00" {
		t.Errorf("slots from %s to %s, want 2027-02-15T09:00 to 2027-03-10T09:00", first, last)
	}
	if got, want := len(cal.Slots), 24+3; got != want {
		t.Errorf("%d slots, want %d (24 days and 3 Fridays)", got, want)
	}
	// 13 Fridays in the quarter, 3 of them in the active period.
	want := []string{"tactic friday: 10 occurrences on channel ch fall outside the period the channel posts (from 2027-02-15 to 2027-03-10) and are not planned"}
	var got []string
	for _, w := range cal.Warnings {
		got = append(got, w.Message)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("warnings\n got %q\nwant %q", got, want)
	}

	// Outside the plan: nothing, and a warning.
	cal = mustPlan(t, launched(), d(2027, 6, 1), d(2027, 7, 1))
	if len(cal.Slots) != 0 || !hasWarning(cal, "channel ch posts from 2027-02-15 to 2027-03-10, so it has no post between 2027-06-01 and 2027-06-30") {
		t.Errorf("slots %q, warnings %+v", locals(cal), cal.Warnings)
	}
	s := launched()
	s.Channels[0].Active = &strategy.ActivePeriod{To: d(2026, 12, 31)}
	cal = mustPlan(t, s, d(2027, 1, 1), d(2027, 2, 1))
	if len(cal.Slots) != 0 || !hasWarning(cal, "channel ch posts until 2026-12-31, so it has no post") {
		t.Errorf("slots %q, warnings %+v", locals(cal), cal.Warnings)
	}
}

// TestPlanActivePeriodAnchorsTheMix: a launched channel's sequence starts
// on its launch day, so its first posts are Tijdeman's sequence from the
// start, and any horizon agrees with it.
func TestPlanActivePeriodAnchorsTheMix(t *testing.T) {
	s := launched()
	s.Tactics = nil
	s.Channels[0].Active.To = strategy.Date{}
	s.Pillars = []strategy.Pillar{{ID: "a", Weight: 40}, {ID: "b", Weight: 30}, {ID: "c", Weight: 20}, {ID: "e", Weight: 10}}
	s.Channels[0].Cadence[0].Times = []string{"09:00", "18:00"}
	full := mustPlan(t, s, d(2027, 1, 1), d(2028, 1, 1))
	w, sum := channelWeights(s, s.Channels[0])
	c := chairmanOf(w, sum)
	pillars := pillarsOf(s, full, "ch")
	for k, p := range pillars {
		if want := c.next(); p != want {
			t.Fatalf("post %d has pillar %d, the sequence %d", k, p, want)
		}
	}
	if msg := mixBounds(pillars, w, sum, true); msg != "" {
		t.Fatal(msg)
	}
	for _, from := range []strategy.Date{d(2027, 2, 15), d(2027, 3, 3), d(2027, 7, 19), d(2027, 11, 30)} {
		part := mustPlan(t, s, from, d(2028, 1, 1))
		if got, want := keys(part.Slots), keys(full.Slots[len(full.Slots)-len(part.Slots):]); !reflect.DeepEqual(got, want) {
			t.Fatalf("planned from %s: the slots differ from the year's", from)
		}
	}
}

// TestPlanCampaignExtraStart: a campaign's extra cadence counts from its
// own start, within the campaign.
func TestPlanCampaignExtraStart(t *testing.T) {
	s := single("", nil)
	s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{ID: "launch", From: d(2027, 3, 1), To: d(2027, 3, 31),
		Extra: &strategy.Cadence{RRule: "FREQ=DAILY;INTERVAL=3;BYHOUR=12", Start: d(2027, 3, 10)}}}}
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 6, 1))
	if got, want := locals(cal), []string{"2027-03-10T12:00=11:00Z", "2027-03-13T12:00=11:00Z", "2027-03-16T12:00=11:00Z",
		"2027-03-19T12:00=11:00Z", "2027-03-22T12:00=11:00Z", "2027-03-25T12:00=11:00Z", "2027-03-28T12:00=10:00Z", "2027-03-31T12:00=10:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("every third day from 10 March: got %q, want %q", got, want)
	}
}

// TestPlanPropertyPeriodsAnyTwoHorizons: with channels launched, retired
// and started on random days (and tactics, blackouts and a campaign), any
// two horizons agree on every slot they share, and a channel planned from
// the day it is launched follows Tijdeman's sequence from its start.
func TestPlanPropertyPeriodsAnyTwoHorizons(t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	runs := 80
	if testing.Short() {
		runs = 15
	}
	for run := 0; run < runs; run++ {
		s := randomStrategyHours(rng, 4)
		fromA, toA := randomHorizon(rng)
		launch := fromA.AddDays(rng.Intn(200) - 100)
		for i := range s.Channels {
			ch := &s.Channels[i]
			switch rng.Intn(4) {
			case 0:
				ch.Active = &strategy.ActivePeriod{From: launch}
			case 1:
				ch.Active = &strategy.ActivePeriod{From: launch, To: launch.AddDays(rng.Intn(500))}
			case 2:
				ch.Active = &strategy.ActivePeriod{To: fromA.AddDays(rng.Intn(500))}
			}
			for k := range ch.Cadence {
				if rng.Intn(2) == 0 {
					ch.Cadence[k].Start = launch.AddDays(rng.Intn(30))
				}
			}
			dropClashes(ch)
		}
		// The first channel's sequence counts from the launch day when it
		// has one: planned from it, its posts are the sequence's.
		if first := s.Channels[0]; first.Active != nil && !first.Active.From.IsZero() {
			cal := mustPlan(t, s, launch, launch.AddDays(1+rng.Intn(400)))
			w, sum := channelWeights(s, first)
			c := chairmanOf(w, sum)
			for k, p := range pillarsOf(s, cal, first.ID) {
				if want := c.next(); p != want && c.n > 0 {
					t.Fatalf("run %d: post %d from the launch on %s has pillar %d, the sequence %d", run, k, launch, p, want)
				}
			}
		}
		addEvents(rng, s, fromA)
		for _, x := range plansAgree(t, rng, s, run, fromA, toA) {
			if ch := channelOf(s, x.Channel); ch.Active != nil {
				if day := x.Day(); !ch.Active.From.IsZero() && day < ch.Active.From.String() || !ch.Active.To.IsZero() && day > ch.Active.To.String() {
					t.Fatalf("run %d: a post on %s outside the channel's active period %+v", run, day, *ch.Active)
				}
			}
		}
	}
}

func channelOf(s *strategy.Strategy, id string) *strategy.Channel {
	for i := range s.Channels {
		if s.Channels[i].ID == id {
			return &s.Channels[i]
		}
	}
	return nil
}

func keys(slots []Slot) []string {
	out := make([]string, len(slots))
	for i, sl := range slots {
		out[i] = sl.Local + " " + sl.UID + " " + sl.Pillar
	}
	return out
}
