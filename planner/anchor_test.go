package planner

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// anchorRules are rules whose occurrences depend on DTSTART: intervals,
// defaults taken from DTSTART, week starts, set positions.
var anchorRules = []string{
	"FREQ=DAILY;INTERVAL=2",
	"FREQ=DAILY;INTERVAL=3;BYHOUR=9,17;BYMINUTE=15",
	"FREQ=DAILY;BYDAY=MO,FR;BYHOUR=2;BYMINUTE=30",
	"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
	"FREQ=WEEKLY;INTERVAL=3",
	"FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,MO,SA",
	"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;BYSETPOS=-1",
	"FREQ=MONTHLY;BYDAY=2TH",
	"FREQ=MONTHLY;INTERVAL=2",
	"FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR;BYHOUR=12",
	"FREQ=MONTHLY;BYMONTHDAY=-1,15",
	"FREQ=MONTHLY;INTERVAL=3;BYDAY=MO,TU;BYSETPOS=2",
	"FREQ=YEARLY",
	"FREQ=YEARLY;INTERVAL=3;BYMONTH=3;BYDAY=-1SU",
	"FREQ=YEARLY;INTERVAL=2;BYWEEKNO=1,53;BYDAY=MO",
	"FREQ=YEARLY;BYYEARDAY=100,-1",
	"FREQ=YEARLY;BYEASTER=0,1",
	"FREQ=HOURLY;INTERVAL=5",
	"FREQ=HOURLY;INTERVAL=7;BYHOUR=9,10,11;BYDAY=WE",
	"FREQ=MINUTELY;INTERVAL=997;BYHOUR=9,10",
	"FREQ=SECONDLY;INTERVAL=86399",
	"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20030420T000000Z",
}

// TestFastForwardKeepsOccurrences: restarting a rule near the horizon
// gives exactly the occurrences of iterating it from its real DTSTART.
func TestFastForwardKeepsOccurrences(t *testing.T) {
	at := func(y, m, d, h, mi int) int64 { return time.Date(y, time.Month(m), d, h, mi, 0, 0, time.UTC).Unix() }
	anchors := []int64{ruleEpoch, ruleEpoch + 9*3600 + 30*60, at(2001, 1, 31, 18, 45), at(2000, 2, 29, 12, 0), at(2002, 12, 29, 7, 5)}
	rng := rand.New(rand.NewSource(3))
	for _, rule := range anchorRules {
		for _, anchor := range anchors {
			for k := 0; k < 4; k++ {
				from := at(2003, 1, 1, 0, 0) + int64(rng.Intn(200))*secondsPerDay + int64(rng.Intn(24))*3600
				to := from + int64(1+rng.Intn(400))*secondsPerDay
				name := fmt.Sprintf("%s from %s over %s..%s", rule, formatLocal(anchor), formatLocal(from), formatLocal(to))
				fast, fastRun, err := expandRuleFrom(nil, rule, anchor, from, to, MaxSlots, true)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				slow, slowRun, err := expandRuleFrom(nil, rule, anchor, from, to, MaxSlots, false)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !reflect.DeepEqual(fast, slow) || fastRun != slowRun {
					t.Fatalf("%s:\nfast %v %+v\nslow %v %+v", name, locs(fast), fastRun, locs(slow), slowRun)
				}
			}
		}
	}
}

func locs(walls []int64) []string {
	out := make([]string, len(walls))
	for i, w := range walls {
		out[i] = formatLocal(w)
	}
	return out
}

// anchored is a strategy whose cadences and tactics depend on their
// DTSTART: every other day, every other Monday, the second Thursday.
func anchored() *strategy.Strategy {
	rules := map[string]string{
		"daily2":   "FREQ=DAILY;INTERVAL=2;BYHOUR=9;BYMINUTE=0",
		"weekly2":  "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0",
		"monthly2": "FREQ=MONTHLY;BYDAY=2TH;BYHOUR=11;BYMINUTE=0",
	}
	s := &strategy.Strategy{
		Brand:   strategy.Brand{Name: "Anchored", Timezone: "Europe/Oslo"},
		Pillars: []strategy.Pillar{{ID: "a", Weight: 60}, {ID: "b", Weight: 40}},
		Channels: []strategy.Channel{
			{ID: "daily2", Platform: "instagram", Cadence: strategy.Cadences{{RRule: rules["daily2"]}}},
			{ID: "weekly2", Platform: "tiktok", Timezone: "America/New_York", Cadence: strategy.Cadences{{RRule: rules["weekly2"]}}},
			{ID: "monthly2", Platform: "linkedin", Cadence: strategy.Cadences{{RRule: rules["monthly2"]}}},
			{ID: "tactics", Platform: "facebook"},
		},
		Tactics: []strategy.Tactic{
			{ID: "t-daily2", Pillar: "a", Channels: []string{"tactics"}, Schedule: strategy.Schedule{RRule: "FREQ=DAILY;INTERVAL=2", Time: "12:00"}},
			{ID: "t-weekly2", Pillar: "b", Channels: []string{"tactics"}, Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", Time: "13:00"}},
			{ID: "t-monthly2", Pillar: "a", Channels: []string{"tactics", "daily2"}, Schedule: strategy.Schedule{RRule: "FREQ=MONTHLY;BYDAY=2TH", Time: "14:00"}},
			{ID: "t-started", Pillar: "b", Channels: []string{"tactics"}, Schedule: strategy.Schedule{RRule: "FREQ=DAILY;INTERVAL=3", Time: "15:00", Start: d(2026, 12, 30)}},
			{ID: "t-weekly3", Pillar: "b", Channels: []string{"weekly2"}, Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;INTERVAL=3", Time: "16:00", Start: d(2026, 11, 5)}},
		},
	}
	return s
}

// TestPlanSameSlotsWhateverTheStart: an RRULE is anchored at a fixed
// DTSTART, not at --from, so plans that start on different days agree on
// the days they share: the same posts at the same times with the same UIDs
// (a calendar app that imports both updates events, never duplicates them).
func TestPlanSameSlotsWhateverTheStart(t *testing.T) {
	key := func(sl Slot) string {
		return fmt.Sprintf("%s %s %s %s %s", sl.Local, sl.Start.Format(time.RFC3339), sl.Channel, sl.Tactic, sl.UID)
	}
	since := func(cal *Calendar, day string) []string {
		var out []string
		for _, sl := range cal.Slots {
			if sl.Day() >= day {
				out = append(out, key(sl))
			}
		}
		return out
	}
	year := mustPlan(t, anchored(), d(2027, 1, 1), d(2028, 1, 1))
	perChannel := map[string]int{}
	perTactic := map[string]int{}
	for _, sl := range year.Slots {
		perChannel[sl.Channel]++
		perTactic[sl.Tactic]++
	}
	for _, id := range []string{"daily2", "weekly2", "monthly2", "tactics"} {
		if perChannel[id] == 0 {
			t.Fatalf("channel %s has no slots", id)
		}
	}
	for _, id := range []string{"t-daily2", "t-weekly2", "t-monthly2", "t-started", "t-weekly3"} {
		if perTactic[id] == 0 {
			t.Fatalf("tactic %s has no slots", id)
		}
	}
	for offset := 1; offset <= 20; offset++ {
		from := d(2027, 1, 1).AddDays(offset)
		later := mustPlan(t, anchored(), from, d(2028, 1, 1))
		if got, want := since(later, from.String()), since(year, from.String()); !reflect.DeepEqual(got, want) {
			t.Fatalf("planned from %s: slots differ from the year's plan\n got %q\nwant %q", from, got[:min(8, len(got))], want[:min(8, len(want))])
		}
	}
	// A quarter at a time gives the year's slots.
	var quarters []string
	for _, q := range [][2]strategy.Date{{d(2027, 1, 1), d(2027, 4, 1)}, {d(2027, 4, 1), d(2027, 7, 1)}, {d(2027, 7, 1), d(2027, 10, 1)}, {d(2027, 10, 1), d(2028, 1, 1)}} {
		quarters = append(quarters, since(mustPlan(t, anchored(), q[0], q[1]), "")...)
	}
	if want := since(year, ""); !reflect.DeepEqual(quarters, want) {
		t.Fatalf("four quarters give %d slots, the year %d, or they differ", len(quarters), len(want))
	}
	// Every other day is fixed by the epoch, Monday 2000-01-03: the 1st of
	// January 2027 is 9860 days later, an even number.
	if first := year.Slots[0]; first.Local != "2027-01-01T09:00" || first.Channel != "daily2" {
		t.Errorf("first slot %s on %s, want the 1st at 09:00 on daily2", first.Local, first.Channel)
	}
}

// TestPlanRRuleCountFromStart: COUNT counts from the rule's start (a
// tactic's schedule.start, else the epoch), not from the horizon.
func TestPlanRRuleCountFromStart(t *testing.T) {
	s := single("", nil)
	s.Channels[0].Cadence = nil
	s.Tactics = []strategy.Tactic{{ID: "three", Pillar: "a", Channels: []string{"ch"},
		Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;COUNT=3", Time: "09:00", Start: d(2027, 1, 4)}}}
	cal := mustPlan(t, s, d(2027, 1, 11), d(2027, 3, 1))
	if got, want := locals(cal), []string{"2027-01-11T09:00=08:00Z", "2027-01-18T09:00=08:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("COUNT=3 from 4 January, planned from the 11th: got %q, want %q", got, want)
	}
	// A cadence's COUNT counts from the epoch, so it has run out by 2027.
	cal = mustPlan(t, single("", &strategy.Cadence{RRule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2"}), d(2027, 1, 1), d(2027, 3, 1))
	if len(cal.Slots) != 0 || !hasWarning(cal, "RRULE gives no post") {
		t.Errorf("cadence COUNT=2: slots %q, warnings %+v", locals(cal), cal.Warnings)
	}
}
