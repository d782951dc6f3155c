package planner

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

var d = plantest.Date

// single returns a strategy with one channel "ch" in zone posting by cad,
// and two pillars.
func single(zone string, cad *strategy.Cadence) *strategy.Strategy {
	var cads strategy.Cadences
	if cad != nil {
		cads = strategy.Cadences{*cad}
	}
	return &strategy.Strategy{
		Brand:    strategy.Brand{Name: "Test", Timezone: "Europe/Oslo"},
		Channels: []strategy.Channel{{ID: "ch", Platform: "instagram", Timezone: zone, Cadence: cads}},
		Pillars: []strategy.Pillar{
			{ID: "a", Name: "A", Weight: 60},
			{ID: "b", Name: "B", Weight: 40},
		},
	}
}

func mustPlan(t *testing.T, s *strategy.Strategy, from, to strategy.Date) *Calendar {
	t.Helper()
	cal, err := Plan(s, Options{From: from, To: to})
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return cal
}

// locals lists the slots as "local=UTC" pairs, e.g. "2027-03-28T03:30=01:30Z".
func locals(cal *Calendar) []string {
	var out []string
	for _, s := range cal.Slots {
		out = append(out, s.Local+"="+s.Start.Format("15:04Z"))
	}
	return out
}

func hasWarning(cal *Calendar, substr string) bool {
	for _, w := range cal.Warnings {
		if strings.Contains(w.Message, substr) {
			return true
		}
	}
	return false
}

func TestPlanHorizon(t *testing.T) {
	s := single("", &strategy.Cadence{Times: []string{"09:00"}})
	for _, tc := range []struct {
		name     string
		from, to strategy.Date
		want     string // error substring; "" means success
	}{
		{"to before from", d(2027, 4, 1), d(2027, 1, 1), "not after its first day"},
		{"empty horizon", d(2027, 1, 1), d(2027, 1, 1), "not after its first day"},
		{"no dates", strategy.Date{}, strategy.Date{}, "needs a first day"},
		{"no end", d(2027, 1, 1), strategy.Date{}, "needs a first day"},
		{"fifty years", d(2027, 1, 1), d(2077, 1, 1), "limit of 10 years"},
		{"a day over ten years", d(2027, 1, 1), d(2037, 1, 2), "limit of 10 years"},
		{"not a date", d(2027, 2, 30), d(2027, 4, 1), "not a date"},
		{"exactly ten years", d(2027, 1, 1), d(2037, 1, 1), ""},
		{"one day", d(2027, 1, 1), d(2027, 1, 2), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cal, err := Plan(s, Options{From: tc.from, To: tc.to})
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want == "" && len(cal.Slots) == 0:
				t.Fatal("no slots")
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := Plan(nil, Options{From: d(2027, 1, 1), To: d(2027, 2, 1)}); err == nil {
		t.Error("nil strategy: want an error")
	}
}

func TestPlanAcrossDST(t *testing.T) {
	for _, tc := range []struct {
		name     string
		zone     string
		cad      strategy.Cadence
		from, to strategy.Date
		want     []string
	}{
		{"Oslo spring: 09:00 stays 09:00, 02:30 moves to 03:30", "Europe/Oslo",
			strategy.Cadence{Times: []string{"09:00", "02:30"}}, d(2027, 3, 27), d(2027, 3, 30),
			[]string{"2027-03-27T02:30=01:30Z", "2027-03-27T09:00=08:00Z", "2027-03-28T03:30=01:30Z",
				"2027-03-28T09:00=07:00Z", "2027-03-29T02:30=00:30Z", "2027-03-29T09:00=07:00Z"}},
		{"Oslo autumn: the repeated 02:30 gives one slot, the first", "Europe/Oslo",
			strategy.Cadence{Times: []string{"02:30"}}, d(2027, 10, 30), d(2027, 11, 1),
			[]string{"2027-10-30T02:30=00:30Z", "2027-10-31T02:30=00:30Z"}},
		{"New York spring: 02:30 moves forward onto 03:30, one slot", "America/New_York",
			strategy.Cadence{Times: []string{"02:30", "03:30"}}, d(2027, 3, 14), d(2027, 3, 15),
			[]string{"2027-03-14T03:30=07:30Z"}},
		{"New York autumn: 01:30 once, the first", "America/New_York",
			strategy.Cadence{Times: []string{"01:30"}}, d(2027, 11, 7), d(2027, 11, 8),
			[]string{"2027-11-07T01:30=05:30Z"}},
		{"Lord Howe: 30-minute gap", "Australia/Lord_Howe",
			strategy.Cadence{Times: []string{"02:15"}}, d(2027, 10, 2), d(2027, 10, 4),
			[]string{"2027-10-02T02:15=15:45Z", "2027-10-03T02:45=15:45Z"}},
		{"Kolkata: +05:30, no DST", "Asia/Kolkata",
			strategy.Cadence{Days: []string{"sun"}, Times: []string{"09:00"}}, d(2027, 3, 14), d(2027, 11, 8),
			nil},
		{"Oslo RRULE hourly on the spring day: 23 slots", "Europe/Oslo",
			strategy.Cadence{RRule: "FREQ=HOURLY"}, d(2027, 3, 28), d(2027, 3, 29), nil},
		{"Oslo RRULE hourly on the autumn day: 24 slots", "Europe/Oslo",
			strategy.Cadence{RRule: "FREQ=HOURLY"}, d(2027, 10, 31), d(2027, 11, 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cal := mustPlan(t, single(tc.zone, &tc.cad), tc.from, tc.to)
			got := locals(cal)
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("slots\n got %q\nwant %q", got, tc.want)
			}
			for i, s := range cal.Slots {
				if s.Timezone != tc.zone {
					t.Errorf("slot %d zone %q", i, s.Timezone)
				}
				if i > 0 && !cal.Slots[i-1].Start.Before(s.Start) {
					t.Errorf("slots %d and %d not strictly increasing", i-1, i)
				}
			}
			switch {
			case tc.zone == "Asia/Kolkata":
				for _, s := range cal.Slots {
					if !strings.HasSuffix(s.Local, "T09:00") || s.Start.Format("15:04") != "03:30" {
						t.Fatalf("Kolkata slot %s at %v", s.Local, s.Start)
					}
				}
				if len(cal.Slots) != 35 {
					t.Fatalf("%d Sundays, want 35", len(cal.Slots))
				}
			case strings.Contains(tc.name, "23 slots") && len(cal.Slots) != 23,
				strings.Contains(tc.name, "24 slots") && len(cal.Slots) != 24:
				t.Fatalf("%d slots: %q", len(cal.Slots), got)
			}
		})
	}
}

func TestPlanRRuleCadence(t *testing.T) {
	weekly := mustPlan(t, single("", &strategy.Cadence{Days: []string{"mon"}, Times: []string{"09:00"}}), d(2027, 1, 1), d(2027, 3, 1))
	for _, rule := range []string{
		"FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
		"RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
		"FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0\r\n",
		"  FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=30  ",
	} {
		cal := mustPlan(t, single("", &strategy.Cadence{RRule: rule}), d(2027, 1, 1), d(2027, 3, 1))
		if !reflect.DeepEqual(locals(cal), locals(weekly)) {
			t.Errorf("%q: got %q, want %q", rule, locals(cal), locals(weekly))
		}
	}
	// DTSTART is the fixed epoch, never the current time: a rule without
	// BYHOUR posts at midnight. (COUNT: see TestPlanRRuleCountFromStart.)
	cal := mustPlan(t, single("", &strategy.Cadence{RRule: "FREQ=WEEKLY;BYDAY=MO"}), d(2027, 1, 1), d(2027, 1, 12))
	if got, want := locals(cal), []string{"2027-01-04T00:00=23:00Z", "2027-01-11T00:00=23:00Z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("no BYHOUR: got %q, want %q", got, want)
	}
}

func TestPlanWarnings(t *testing.T) {
	t.Run("RRULE with no slot in the horizon", func(t *testing.T) {
		cal := mustPlan(t, single("", &strategy.Cadence{RRule: "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24;BYHOUR=9"}), d(2027, 1, 1), d(2027, 4, 1))
		if len(cal.Slots) != 0 || !hasWarning(cal, "RRULE gives no post") {
			t.Fatalf("slots %d, warnings %+v", len(cal.Slots), cal.Warnings)
		}
		if cal.Warnings[0].Channel != "ch" {
			t.Errorf("warning names channel %q", cal.Warnings[0].Channel)
		}
	})
	t.Run("RRULE that can never happen", func(t *testing.T) {
		cal := mustPlan(t, single("", &strategy.Cadence{RRule: "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"}), d(2027, 1, 1), d(2027, 4, 1))
		if len(cal.Slots) != 0 || !hasWarning(cal, "RRULE gives no post") {
			t.Fatalf("slots %d, warnings %+v", len(cal.Slots), cal.Warnings)
		}
	})
	t.Run("blackout covering the whole horizon", func(t *testing.T) {
		s := single("", &strategy.Cadence{Times: []string{"09:00"}})
		s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{From: d(2026, 12, 1), To: d(2027, 6, 30)}}}
		cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
		if len(cal.Slots) != 0 || !hasWarning(cal, "blackouts cover every post") {
			t.Fatalf("slots %d, warnings %+v", len(cal.Slots), cal.Warnings)
		}
		if cal.Slots == nil || cal.Warnings == nil {
			t.Error("empty calendar should hold empty slices, not nil")
		}
	})
	t.Run("nothing to plan", func(t *testing.T) {
		cal := mustPlan(t, single("", nil), d(2027, 1, 1), d(2027, 4, 1))
		if !hasWarning(cal, "no channel has a cadence") {
			t.Fatalf("warnings %+v", cal.Warnings)
		}
	})
	t.Run("unknown pillar ids", func(t *testing.T) {
		s := single("", &strategy.Cadence{Times: []string{"09:00"}})
		s.Channels[0].Pillars = map[string]float64{"a": 50, "zz": 25, "yy": 25}
		cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 1, 10))
		if len(cal.Warnings) != 2 || !strings.Contains(cal.Warnings[0].Message, `"yy"`) {
			t.Fatalf("warnings %+v", cal.Warnings)
		}
		for _, sl := range cal.Slots {
			if sl.Pillar != "a" {
				t.Fatalf("slot %s has pillar %q", sl.Local, sl.Pillar)
			}
		}
	})
}

func TestPlanBadInput(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(s *strategy.Strategy)
		want   []string
	}{
		{"unknown time zone", func(s *strategy.Strategy) { s.Channels[0].Timezone = "Europe/Atlantis" }, []string{"channel ch", "Europe/Atlantis"}},
		{"brand zone Local", func(s *strategy.Strategy) { s.Brand.Timezone = "Local" }, []string{"channel ch", "Local"}},
		{"bad time", func(s *strategy.Strategy) { s.Channels[0].Cadence[0].Times = []string{"25:00"} }, []string{"channel ch", "25:00"}},
		{"bad day", func(s *strategy.Strategy) { s.Channels[0].Cadence[0].Days = []string{"funday"} }, []string{"channel ch", "funday"}},
		{"bad RRULE", func(s *strategy.Strategy) { s.Channels[0].Cadence[0].RRule = "FREQ=SOMETIMES" }, []string{"channel ch", "SOMETIMES"}},
		{"RRULE with DTSTART", func(s *strategy.Strategy) {
			s.Channels[0].Cadence[0].RRule = "DTSTART:20270101T090000Z\nRRULE:FREQ=DAILY"
		}, []string{"channel ch", "without DTSTART"}},
		{"RRULE rrule-go cannot expand", func(s *strategy.Strategy) { s.Channels[0].Cadence[0].RRule = "FREQ=MONTHLY;BYDAY=8FR" }, []string{"channel ch", "cannot be expanded"}},
		{"RRULE too busy", func(s *strategy.Strategy) { s.Channels[0].Cadence[0].RRule = "FREQ=MINUTELY" }, []string{"channel ch", "more than 1000000 posts"}},
		{"bad tactic time", func(s *strategy.Strategy) {
			s.Tactics = []strategy.Tactic{{ID: "t1", Pillar: "a", Channels: []string{"ch"}, Schedule: strategy.Schedule{Date: d(2027, 1, 5), Time: "9am"}}}
		}, []string{"tactic t1", "9am"}},
		{"bad tactic RRULE", func(s *strategy.Strategy) {
			s.Tactics = []strategy.Tactic{{ID: "t1", Pillar: "a", Channels: []string{"ch"}, Schedule: strategy.Schedule{RRule: "BYDAY=MO", Time: "09:00"}}}
		}, []string{"tactic t1", "FREQ"}},
		{"bad campaign cadence", func(s *strategy.Strategy) {
			s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{ID: "c1", From: d(2027, 1, 5), To: d(2027, 1, 9), Extra: &strategy.Cadence{Times: []string{"7:00"}}}}}
		}, []string{"campaign c1", "7:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := single("", &strategy.Cadence{Times: []string{"09:00"}})
			tc.change(s)
			start := time.Now()
			_, err := Plan(s, Options{From: d(2027, 1, 1), To: d(2037, 1, 1)})
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v to refuse", time.Since(start))
			}
		})
	}
}

func TestPlanNeverPanics(t *testing.T) {
	odd := &strategy.Strategy{
		Channels: []strategy.Channel{
			{ID: "x"},
			{ID: "y", Cadence: strategy.Cadences{{}}},
			{ID: "z", Cadence: strategy.Cadences{{Times: []string{"09:00"}}}, Pillars: map[string]float64{"p": -5}},
		},
		Pillars: []strategy.Pillar{{ID: "p", Weight: 0}, {ID: "q", Weight: -1}},
		Tactics: []strategy.Tactic{
			{ID: "no-schedule", Channels: []string{"z"}},
			{ID: "ghost-channel", Pillar: "nope", Channels: []string{"ghost"}, Schedule: strategy.Schedule{RRule: "FREQ=DAILY", Time: "10:00"}},
			{ID: "no-pillar", Channels: []string{"z"}, Schedule: strategy.Schedule{Date: d(2027, 1, 3), Time: "09:00"}},
		},
		Calendar: &strategy.Calendar{
			Blackouts: []strategy.Blackout{{Reason: "no dates"}, {From: d(2027, 1, 2)}},
			Campaigns: []strategy.Campaign{{ID: "undated", Extra: &strategy.Cadence{Times: []string{"10:00"}}, Pillars: map[string]float64{"q": 1}}},
		},
	}
	cal, err := Plan(odd, Options{From: d(2027, 1, 1), To: d(2027, 1, 8)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Slots) != 7 {
		t.Fatalf("%d slots, want 7: %q", len(cal.Slots), locals(cal))
	}
	for _, s := range cal.Slots {
		if s.Pillar != "" {
			t.Errorf("slot %s has pillar %q though no weight is positive", s.Local, s.Pillar)
		}
	}
	if cal.Slots[2].Tactic != "no-pillar" {
		t.Errorf("tactic did not take the 3 January slot: %+v", cal.Slots[2])
	}
	if !hasWarning(cal, "UTC") || !hasWarning(cal, "neither schedule.rrule nor schedule.date") || !hasWarning(cal, `"nope"`) {
		t.Errorf("warnings %+v", cal.Warnings)
	}
	_ = cal.Summary()
}

func TestPlanBlackouts(t *testing.T) {
	s := single("", &strategy.Cadence{Times: []string{"09:00"}})
	s.Channels = append(s.Channels, strategy.Channel{ID: "other", Platform: "x", Cadence: strategy.Cadences{{Times: []string{"10:00"}}}})
	s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{
		{Date: d(2027, 1, 2)},
		{From: d(2027, 1, 4), To: d(2027, 1, 5)},
		{Date: d(2027, 1, 7), Channels: []string{"other"}},
	}}
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 1, 9))
	days := map[string][]string{}
	for _, sl := range cal.Slots {
		days[sl.Channel] = append(days[sl.Channel], sl.Day()[8:])
	}
	if want := []string{"01", "03", "06", "07", "08"}; !reflect.DeepEqual(days["ch"], want) {
		t.Errorf("ch on days %v, want %v", days["ch"], want)
	}
	if want := []string{"01", "03", "06", "08"}; !reflect.DeepEqual(days["other"], want) {
		t.Errorf("other on days %v, want %v", days["other"], want)
	}
}

func TestPlanCampaigns(t *testing.T) {
	s := single("", &strategy.Cadence{Times: []string{"09:00"}})
	s.Pillars = append(s.Pillars, strategy.Pillar{ID: "sale", Name: "Sale", Weight: 0})
	s.Calendar = &strategy.Calendar{Campaigns: []strategy.Campaign{{
		ID: "black-friday", From: d(2027, 11, 22), To: d(2027, 11, 28),
		Pillars: map[string]float64{"sale": 100},
		Extra:   &strategy.Cadence{Times: []string{"09:00", "18:00"}},
	}}}
	cal := mustPlan(t, s, d(2027, 11, 1), d(2027, 12, 1))
	if len(cal.Slots) != 30+7 {
		t.Fatalf("%d slots, want 37 (30 regular, 7 extra; the extra 09:00 ones share the regular slot)", len(cal.Slots))
	}
	for _, sl := range cal.Slots {
		in := sl.Day() >= "2027-11-22" && sl.Day() <= "2027-11-28"
		switch {
		case in && (sl.Pillar != "sale" || sl.Campaign != "black-friday"):
			t.Errorf("%s in the campaign: pillar %q campaign %q", sl.Local, sl.Pillar, sl.Campaign)
		case !in && (sl.Pillar == "sale" || sl.Campaign != ""):
			t.Errorf("%s outside the campaign: pillar %q campaign %q", sl.Local, sl.Pillar, sl.Campaign)
		case !in && sl.Clock() != "09:00":
			t.Errorf("extra slot outside the campaign at %s", sl.Local)
		}
	}
	// Outside the campaign the regular mix runs on as if it had not been
	// interrupted: 23 slots at 60/40.
	sum := cal.Summary()
	if a, b := sum.Channels[0].Pillars[0].Posts, sum.Channels[0].Pillars[1].Posts; a != 14 || b != 9 {
		t.Errorf("outside the campaign a=%d b=%d, want 14 and 9", a, b)
	}
	// A campaign limited to another channel changes nothing here.
	s.Calendar.Campaigns[0].Channels = []string{"elsewhere"}
	if cal := mustPlan(t, s, d(2027, 11, 1), d(2027, 12, 1)); len(cal.Slots) != 30 || cal.Slots[25].Campaign != "" {
		t.Errorf("campaign for another channel: %d slots", len(cal.Slots))
	}
}

func TestPlanTactics(t *testing.T) {
	s := single("", &strategy.Cadence{Days: []string{"mon", "wed", "fri"}, Times: []string{"09:00"}})
	s.Pillars[0].Examples = map[string]string{"ch": "pillar a on ch"}
	s.Pillars[1].Description = "pillar b"
	s.Tactics = []strategy.Tactic{
		// Every Friday at 09:00: takes the cadence slot.
		{ID: "fri", Name: "Friday", Pillar: "b", Channels: []string{"ch"},
			Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=FR", Time: "09:00", Start: d(2027, 1, 10), Until: d(2027, 1, 29)},
			Example:  "friday example"},
		// Tuesday 12:00, not on the cadence: a slot of its own.
		{ID: "tue", Name: "Tuesday", Pillar: "a", Channels: []string{"ch", "elsewhere"},
			Schedule: strategy.Schedule{Date: d(2027, 1, 12), Time: "12:00"}},
		// Same time as "fri" on 15 January: loses, with a warning.
		{ID: "clash", Name: "Clash", Pillar: "a", Channels: []string{"ch"},
			Schedule: strategy.Schedule{Date: d(2027, 1, 15), Time: "09:00"}},
		// Outside the horizon: nothing, no warning.
		{ID: "later", Pillar: "a", Channels: []string{"ch"}, Schedule: strategy.Schedule{Date: d(2028, 1, 1), Time: "09:00"}},
	}
	s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{Date: d(2027, 1, 29)}}}
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 2, 1))

	var got []string
	for _, sl := range cal.Slots {
		if sl.Tactic != "" {
			got = append(got, sl.Local+" "+sl.Tactic+" "+sl.Pillar+" "+sl.Brief)
		}
	}
	want := []string{
		"2027-01-12T12:00 tue a pillar a on ch",
		"2027-01-15T09:00 fri b friday example",
		"2027-01-22T09:00 fri b friday example",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tactic slots\n got %q\nwant %q", got, want)
	}
	seen := map[string]bool{}
	for _, sl := range cal.Slots {
		if seen[sl.Local] {
			t.Errorf("two posts at %s", sl.Local)
		}
		seen[sl.Local] = true
	}
	// 13 Mon/Wed/Fri in January less the blackout on the 29th, plus Tuesday.
	if len(cal.Slots) != 13 {
		t.Errorf("%d slots, want 13", len(cal.Slots))
	}
	if !hasWarning(cal, "same time as tactic fri") || !hasWarning(cal, "tactic fri: 1 occurrence on channel ch falls on blackout days and is not planned") {
		t.Errorf("warnings %+v", cal.Warnings)
	}
	if hasWarning(cal, "later") {
		t.Errorf("a one-off outside the horizon should not warn: %+v", cal.Warnings)
	}
	// Tactics count toward their pillar: 13 posts at 60/40 want 7.8 and 5.2,
	// and a month is a run of the channel's sequence: within 1 for two
	// pillars.
	sum := cal.Summary().Channels[0]
	if a, b := sum.Pillars[0].Posts, sum.Pillars[1].Posts; a < 7 || a > 8 || a+b != 13 {
		t.Errorf("mix a=%d b=%d, want 7 or 8 of 13", a, b)
	}
	if want := []TacticCount{{"fri", "Friday", 2}, {"tue", "Tuesday", 1}}; !reflect.DeepEqual(sum.Tactics, want) {
		t.Errorf("tactic counts %+v", sum.Tactics)
	}
}

func TestPlanFormatsRotateAndBriefs(t *testing.T) {
	s := single("", &strategy.Cadence{Times: []string{"09:00"}})
	s.Channels[0].Formats = []string{"reel", "carousel", "story"}
	s.Pillars[0].Description = "about a"
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 1, 8))
	for i, sl := range cal.Slots {
		if want := s.Channels[0].Formats[i%3]; sl.Format != want {
			t.Errorf("slot %d format %q, want %q", i, sl.Format, want)
		}
		if sl.Pillar == "a" && sl.Brief != "about a" {
			t.Errorf("slot %d brief %q", i, sl.Brief)
		}
	}
}

func TestPlanDeterministicAndStableUIDs(t *testing.T) {
	a := mustPlan(t, plantest.Store(), d(2027, 1, 1), d(2027, 4, 1))
	b := mustPlan(t, plantest.Store(), d(2027, 1, 1), d(2027, 4, 1))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two plans of the same strategy differ")
	}
	uids := map[string]bool{}
	for i, s := range a.Slots {
		if uids[s.UID] {
			t.Errorf("UID %s twice", s.UID)
		}
		uids[s.UID] = true
		if len(s.UID) != 27 || !strings.HasSuffix(s.UID, "@pillar") {
			t.Errorf("UID %q", s.UID)
		}
		if i > 0 {
			p := a.Slots[i-1]
			if p.Start.After(s.Start) || p.Start.Equal(s.Start) && (p.Channel > s.Channel || p.Channel == s.Channel && p.Tactic > s.Tactic) {
				t.Errorf("slots %d and %d out of order", i-1, i)
			}
		}
		if s.Start.Location() != time.UTC {
			t.Errorf("slot %d start not in UTC", i)
		}
	}
	// The same channel at the same wall time has the same UID in any plan.
	feb := mustPlan(t, plantest.Store(), d(2027, 2, 1), d(2027, 3, 1))
	for _, s := range feb.Slots {
		if !uids[s.UID] {
			t.Errorf("slot %s %s: UID %s not in the quarter's plan", s.Channel, s.Local, s.UID)
		}
	}
	if got := a.Slots[0].UID; got != "7c3fa26b8d87d0ebfb41@pillar" {
		t.Errorf("first UID %s changed: calendar apps would duplicate every event", got)
	}
}

func TestPlanTooManyPosts(t *testing.T) {
	s := plantest.Bulk(100, 3)
	_, err := Plan(s, Options{From: d(2027, 1, 1), To: d(2037, 1, 1)})
	if err == nil || !strings.Contains(err.Error(), "more than 1000000 posts") {
		t.Fatalf("error %v", err)
	}
}

func TestSummary(t *testing.T) {
	s := plantest.Store()
	cal := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	sum := cal.Summary()
	if sum.Brand != "Nordlys Mote" || len(sum.Channels) != 3 || sum.Warnings != len(cal.Warnings) {
		t.Fatalf("summary %+v", sum)
	}
	total := 0
	for _, c := range sum.Channels {
		n := c.Unassigned
		var pct float64
		for _, p := range c.Pillars {
			n += p.Posts
			pct += p.Achieved
		}
		if n != c.Posts {
			t.Errorf("%s: pillar posts add up to %d, want %d", c.Channel, n, c.Posts)
		}
		if c.Posts > 0 && (pct < 99.999 || pct > 100.001) {
			t.Errorf("%s: achieved adds up to %v%%", c.Channel, pct)
		}
		total += c.Posts
	}
	if total != len(cal.Slots) || sum.Total.Posts != total {
		t.Errorf("total %d, slots %d", sum.Total.Posts, len(cal.Slots))
	}
	tiktok := sum.Channels[1]
	if tiktok.Channel != "tiktok" || tiktok.Pillars[3].Target != 0 || tiktok.Pillars[1].Target != 50 {
		t.Errorf("tiktok targets %+v", tiktok.Pillars)
	}
	if i := slices.IndexFunc(sum.Total.Tactics, func(tc TacticCount) bool { return tc.Tactic == "launch" }); i < 0 || sum.Total.Tactics[i].Occurrences != 2 {
		t.Errorf("total tactics %+v", sum.Total.Tactics)
	}
	empty := (&Calendar{}).Summary()
	if empty.Channels == nil || empty.Total.Posts != 0 {
		t.Errorf("empty summary %+v", empty)
	}

	// Targets are the weights that applied to each post: on Instagram the
	// winter sale's (brand 10, fashion 80, beauty 10) for its posts, the
	// strategy's (40/30/20/10) for the others.
	sale := 0
	for _, sl := range cal.Slots {
		if sl.Channel == "instagram" && sl.Campaign == "winter-sale" {
			sale++
		}
	}
	ig := sum.Channels[0]
	if sale == 0 || ig.Channel != "instagram" {
		t.Fatalf("no winter-sale posts on instagram (%s)", ig.Channel)
	}
	for i, w := range [][2]float64{{40, 10}, {30, 80}, {20, 10}, {10, 0}} {
		want := (w[0]*float64(ig.Posts-sale) + w[1]*float64(sale)) / float64(ig.Posts)
		if got := ig.Pillars[i].Target; math.Abs(got-want) > 1e-9 {
			t.Errorf("instagram %s target %.3f, want %.3f", ig.Pillars[i].Pillar, got, want)
		}
	}
	// So achieved is on target: within one post per pillar sequence (the
	// channel's and the campaign's), over every channel and the total.
	var want [4]float64
	for _, c := range sum.Channels {
		for i, p := range c.Pillars {
			if d := math.Abs(float64(p.Posts) - p.Target*float64(c.Posts)/100); d >= 2 {
				t.Errorf("%s %s: %d posts, target %.1f%% of %d", c.Channel, p.Pillar, p.Posts, p.Target, c.Posts)
			}
			want[i] += p.Target * float64(c.Posts)
		}
	}
	for i, p := range sum.Total.Pillars {
		if w := want[i] / float64(sum.Total.Posts); math.Abs(p.Target-w) > 1e-9 {
			t.Errorf("total %s target %.3f, want %.3f", p.Pillar, p.Target, w)
		}
	}

	// Slots of a channel the calendar does not describe (a calendar read
	// back from JSON has no Channels) are counted, not dropped.
	bare := &Calendar{Pillars: cal.Pillars, Slots: cal.Slots}
	if bs := bare.Summary(); bs.Total.Posts != len(cal.Slots) || len(bs.Channels) != 3 || bs.Channels[0].Channel != cal.Slots[0].Channel {
		t.Errorf("summary without channels: %d posts on %d channels", bs.Total.Posts, len(bs.Channels))
	}
}

// TestPlanConcurrently: Plan shares nothing between calls but the zone
// cache, so plans may run in parallel (run with -race).
func TestPlanConcurrently(t *testing.T) {
	want := mustPlan(t, plantest.Store(), d(2027, 1, 1), d(2027, 4, 1))
	s := plantest.Store()
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			cal, err := Plan(s, Options{From: d(2027, 1, 1), To: d(2027, 4, 1)})
			if err == nil && !reflect.DeepEqual(cal, want) {
				err = errors.New("a concurrent plan differs")
			}
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestPlanOverlappingCampaigns: the campaign that applies to a slot is the
// one whose extra cadence made it, else the first declared that re-weights
// pillars on that day; its weights choose the pillar and its id labels the
// slot, so the two always agree.
func TestPlanOverlappingCampaigns(t *testing.T) {
	build := func(reversed bool) *strategy.Strategy {
		s := single("", &strategy.Cadence{Times: []string{"09:00"}})
		s.Pillars = append(s.Pillars, strategy.Pillar{ID: "c", Name: "C"})
		s.Channels[0].Pillars = map[string]float64{"c": 100}
		camps := []strategy.Campaign{
			{ID: "only-b", From: d(2027, 5, 10), To: d(2027, 5, 20), Pillars: map[string]float64{"b": 100}},
			{ID: "only-a", From: d(2027, 5, 15), To: d(2027, 5, 25), Pillars: map[string]float64{"a": 100},
				Extra: &strategy.Cadence{Times: []string{"18:00"}}},
		}
		if reversed {
			camps[0], camps[1] = camps[1], camps[0]
		}
		// Extra posts only, no weights of its own: the channel's apply.
		camps = append(camps, strategy.Campaign{ID: "extra-only", From: d(2027, 5, 12), To: d(2027, 5, 13),
			Extra: &strategy.Cadence{Times: []string{"12:00"}}})
		s.Calendar = &strategy.Calendar{Campaigns: camps}
		return s
	}
	for _, reversed := range []bool{false, true} {
		cal := mustPlan(t, build(reversed), d(2027, 5, 1), d(2027, 6, 1))
		for _, sl := range cal.Slots {
			day := sl.Day()[8:]
			want := "c " // outside campaigns: the channel's weights
			switch {
			case sl.Clock() == "12:00":
				want = "c extra-only"
			case sl.Clock() == "18:00":
				want = "a only-a"
			case day >= "15" && day <= "20" && !reversed:
				want = "b only-b" // both cover the day: the first declared
			case day >= "15" && day <= "20" && reversed:
				want = "a only-a"
			case day >= "10" && day <= "20":
				want = "b only-b"
			case day >= "15" && day <= "25":
				want = "a only-a"
			}
			if got := sl.Pillar + " " + sl.Campaign; got != want {
				t.Errorf("reversed=%v: %s has pillar and campaign %q, want %q", reversed, sl.Local, got, want)
			}
		}
		if n := len(cal.Slots); n != 31+11+2 {
			t.Errorf("reversed=%v: %d slots, want 44", reversed, n)
		}
	}
}

// TestPillarChanges counts the posts two plans share and those whose
// pillar differs: none when only the horizon differs, some when the
// weights change.
func TestPillarChanges(t *testing.T) {
	s := plantest.Store()
	q1 := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	feb := mustPlan(t, s, d(2027, 2, 1), d(2027, 3, 1))
	shared, changed := PillarChanges(q1, feb)
	if shared != len(feb.Slots) || changed != 0 {
		t.Errorf("February within Q1: %d shared, %d changed; want %d and 0", shared, changed, len(feb.Slots))
	}
	s.Pillars[0].Weight, s.Pillars[3].Weight = 30, 20
	reweighted := mustPlan(t, s, d(2027, 1, 1), d(2027, 4, 1))
	shared, changed = PillarChanges(q1, reweighted)
	moved := 0
	for i := range q1.Slots {
		if q1.Slots[i].UID != reweighted.Slots[i].UID {
			t.Fatalf("slot %d: the weights moved a post in time", i)
		}
		if q1.Slots[i].Pillar != reweighted.Slots[i].Pillar {
			moved++
		}
	}
	if shared != len(q1.Slots) || changed != moved || moved == 0 {
		t.Errorf("new weights: %d shared, %d changed; want %d and %d (> 0)", shared, changed, len(q1.Slots), moved)
	}
	if a, b := PillarChanges(nil, q1); a != 0 || b != 0 {
		t.Errorf("nil plan: %d, %d", a, b)
	}
}
