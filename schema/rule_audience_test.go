package schema

import (
	"reflect"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

var audienceCases = []ruleCase{
	{name: "persona-unserved", rules: []string{"persona-unserved"}},
	{name: "persona-stale", rules: []string{"persona-stale"}},
	{name: "persona-network-no-channel", rules: []string{"persona-network-no-channel"}},
}

func TestRuleAudience(t *testing.T) { runRuleCases(t, audienceCases) }

// Staleness is measured from the Now the caller passes, never the clock.
func TestPersonaStaleFollowsNow(t *testing.T) {
	s := cleanStrategy()
	s.Personas[0].LastReviewed = strategy.Date{Year: 2026, Month: 9, Day: 1}
	for _, tc := range []struct {
		now  time.Time
		want []string
	}{
		{time.Date(2027, 9, 1, 12, 0, 0, 0, time.UTC), nil},
		{time.Date(2027, 9, 2, 0, 0, 0, 0, time.UTC), []string{`the persona "ingrid" was last reviewed on 2026-09-01, 366 days ago`}},
		{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), []string{`the persona "ingrid" was last reviewed on 2026-09-01, which is in the future`}},
	} {
		if got := messages(check(s, tc.now), "persona-stale"); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("now %s: %q, want %q", tc.now.Format(time.DateOnly), got, tc.want)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	for _, tc := range []struct {
		a, b strategy.Date
		want int
	}{
		{strategy.Date{Year: 2025, Month: 11, Day: 23}, strategy.Date{Year: 2026, Month: 11, Day: 23}, 365},
		{strategy.Date{Year: 2024, Month: 2, Day: 28}, strategy.Date{Year: 2024, Month: 3, Day: 1}, 2},
		// Further apart than a time.Duration reaches.
		{strategy.Date{Year: 1, Month: 1, Day: 1}, strategy.Date{Year: 2001, Month: 1, Day: 1}, 730485},
	} {
		if got := daysBetween(tc.a, tc.b); got != tc.want {
			t.Errorf("daysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
