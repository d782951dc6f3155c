package planner

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// weekWarnings returns the warnings about weeks below the cadence minimum.
func weekWarnings(cal *Calendar) []Warning {
	var out []Warning
	for _, w := range cal.Warnings {
		if strings.Contains(w.Message, "cadence minimum") {
			out = append(out, w)
		}
	}
	return out
}

func TestPlanWarnsAboutShortWeeks(t *testing.T) {
	// Two times on Sundays; on 2027-03-28 Oslo skips 02:00–03:00, so 02:30
	// moves onto 03:30 and the week has one post.
	dst := func() *strategy.Strategy {
		return single("Europe/Oslo", &strategy.Cadence{MinPerWeek: 2, Days: []string{"sun"}, Times: []string{"02:30", "03:30"}})
	}
	t.Run("daylight saving merges two times", func(t *testing.T) {
		cal := mustPlan(t, dst(), d(2027, 3, 22), d(2027, 3, 29))
		ws := weekWarnings(cal)
		if len(ws) != 1 {
			t.Fatalf("warnings %+v", cal.Warnings)
		}
		for _, want := range []string{"channel ch", "2027-W12", "2027-03-22", "has 1 post,", "minimum of 2 a week", "on 2027-03-28 the clocks went forward, so 02:30 (in the skipped hour) moved to 03:30"} {
			if !strings.Contains(ws[0].Message, want) {
				t.Errorf("warning %q does not say %q", ws[0].Message, want)
			}
		}
		if ws[0].Channel != "ch" {
			t.Errorf("warning names channel %q", ws[0].Channel)
		}
	})
	t.Run("a blackout in the week explains it", func(t *testing.T) {
		s := dst()
		s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{Date: d(2027, 3, 24)}}}
		if ws := weekWarnings(mustPlan(t, s, d(2027, 3, 22), d(2027, 3, 29))); len(ws) != 0 {
			t.Errorf("warnings %+v", ws)
		}
	})
	t.Run("a blackout on another channel does not", func(t *testing.T) {
		s := dst()
		s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{From: d(2027, 3, 20), To: d(2027, 3, 30), Channels: []string{"other"}}}}
		if ws := weekWarnings(mustPlan(t, s, d(2027, 3, 22), d(2027, 3, 29))); len(ws) != 1 {
			t.Errorf("warnings %+v", ws)
		}
	})
	t.Run("a week only partly in the horizon is not judged", func(t *testing.T) {
		for _, h := range [][2]strategy.Date{{d(2027, 3, 23), d(2027, 4, 5)}, {d(2027, 3, 15), d(2027, 3, 28)}} {
			if ws := weekWarnings(mustPlan(t, dst(), h[0], h[1])); len(ws) != 0 {
				t.Errorf("%s to %s: warnings %+v", h[0], h[1], ws)
			}
		}
	})
	t.Run("an RRULE that runs out", func(t *testing.T) {
		s := single("", &strategy.Cadence{MinPerWeek: 2, RRule: "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;UNTIL=20270310T000000Z"})
		cal := mustPlan(t, s, d(2027, 3, 1), d(2027, 3, 22))
		ws := weekWarnings(cal)
		if len(ws) != 2 {
			t.Fatalf("warnings %+v", cal.Warnings)
		}
		for i, want := range []string{"week 2027-W10 (from Monday 2027-03-08) has 1 post,", "week 2027-W11 (from Monday 2027-03-15) has 0 posts,"} {
			if !strings.Contains(ws[i].Message, want) || !strings.Contains(ws[i].Message, "ran out (COUNT or UNTIL) after its post on 2027-03-08") {
				t.Errorf("warning %q, want %q and the reason", ws[i].Message, want)
			}
		}
	})
	t.Run("a cadence that falls short every week", func(t *testing.T) {
		s := single("", &strategy.Cadence{MinPerWeek: 3, Days: []string{"mon", "wed"}, Times: []string{"09:00"}})
		cal := mustPlan(t, s, d(2027, 1, 4), d(2027, 4, 5)) // 13 weeks
		ws := weekWarnings(cal)
		if len(ws) != maxWeekWarnings+1 {
			t.Fatalf("%d warnings: %+v", len(ws), ws)
		}
		if !strings.HasSuffix(ws[0].Message, "has 2 posts, fewer than the cadence minimum of 3 a week") { // no reason the planner can tell
			t.Errorf("first warning %q", ws[0].Message)
		}
		if last := ws[maxWeekWarnings].Message; !strings.Contains(last, "8 more weeks (the last 2027-W13) have fewer posts") {
			t.Errorf("last warning %q", last)
		}
	})
	t.Run("Lord Howe's half-hour gap", func(t *testing.T) {
		s := single("Australia/Lord_Howe", &strategy.Cadence{MinPerWeek: 14, Times: []string{"02:15", "02:45"}})
		ws := weekWarnings(mustPlan(t, s, d(2027, 9, 27), d(2027, 10, 4)))
		if len(ws) != 1 || !strings.Contains(ws[0].Message, "has 13 posts") || !strings.Contains(ws[0].Message, "on 2027-10-03 the clocks went forward, so 02:15 (in the skipped hour) moved to 02:45") {
			t.Errorf("warnings %+v", ws)
		}
	})
	t.Run("weeks that keep the minimum", func(t *testing.T) {
		// 02:30 on the day New York skips 02:00–03:00 still gives a post.
		s := single("America/New_York", &strategy.Cadence{MinPerWeek: 7, Times: []string{"02:30"}})
		if ws := weekWarnings(mustPlan(t, s, d(2027, 1, 1), d(2028, 1, 1))); len(ws) != 0 {
			t.Errorf("warnings %+v", ws)
		}
	})
}
