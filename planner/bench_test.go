package planner

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

// BenchmarkPlanTenYears plans 20 channels × 3 posts a day × 10 years, about
// 219,000 slots. The ICS export of the same plan is benchmarked in render.
func BenchmarkPlanTenYears(b *testing.B) {
	s := plantest.Bulk(20, 3)
	opt := Options{From: d(2027, 1, 1), To: d(2037, 1, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		cal, err := Plan(s, opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(cal.Slots) < 200_000 {
			b.Fatalf("%d slots", len(cal.Slots))
		}
	}
}

// BenchmarkPlanQuarter plans one quarter of a typical strategy.
func BenchmarkPlanQuarter(b *testing.B) {
	s := plantest.Store()
	opt := Options{From: d(2027, 1, 1), To: d(2027, 4, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Plan(s, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanQuarterFarFromAnchor plans a quarter 87 years after the
// sequences' anchor (2000-01-03): it costs about what BenchmarkPlanQuarter
// does, since no position before the horizon is walked.
func BenchmarkPlanQuarterFarFromAnchor(b *testing.B) {
	s := plantest.Store()
	for i := range s.Tactics {
		s.Tactics[i].Schedule.Until = d(0, 0, 0)
	}
	s.Tactics[2].Schedule.Date = d(2087, 3, 4)
	opt := Options{From: d(2087, 1, 1), To: d(2087, 4, 1)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Plan(s, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	loc := mustZone(b, "Europe/Oslo")
	for i := 0; i < b.N; i++ {
		Resolve(loc, 2027, 3, 28, 2, 30)
	}
}

// FuzzPlanRRule feeds arbitrary RRULEs to a channel's cadence and a tactic:
// the planner must answer with slots, a warning or an error, never a panic
// (which Plan would turn into an "internal error").
func FuzzPlanRRule(f *testing.F) {
	for _, seed := range []string{
		"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0",
		"RRULE:FREQ=MONTHLY;BYDAY=1FR\r\n",
		"FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
		"FREQ=DAILY;BYSETPOS=-1;BYHOUR=1,2",
		"FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=0",
		"FREQ=DAILY;UNTIL=20270105T000000Z",
		"FREQ=HOURLY;BYEASTER=0",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, rule string) {
		s := single("Australia/Lord_Howe", &strategy.Cadence{RRule: rule})
		s.Tactics = []strategy.Tactic{{ID: "t", Pillar: "a", Channels: []string{"ch"}, Schedule: strategy.Schedule{RRule: rule, Time: "02:15"}}}
		cal, err := Plan(s, Options{From: d(2027, 9, 1), To: d(2027, 11, 1)})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("rule %q: %v", rule, err)
			}
			return
		}
		for i := 1; i < len(cal.Slots); i++ {
			if !cal.Slots[i-1].Start.Before(cal.Slots[i].Start) {
				t.Fatalf("rule %q: slots %d and %d share or reverse their start", rule, i-1, i)
			}
		}
	})
}
