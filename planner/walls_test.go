package planner

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"time"
)

// TestRuleWallsPeriodic: a rule whose occurrences repeat with a fixed
// period lists, counts and tests its wall times from two periods exactly
// as rrule-go expands it; other rules give rrule-go's answer too.
func TestRuleWallsPeriodic(t *testing.T) {
	at := func(y, m, d, h, mi int) int64 { return time.Date(y, time.Month(m), d, h, mi, 0, 0, time.UTC).Unix() }
	rules := append([]string{
		"FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9,17;BYMINUTE=0",
		"FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0",
		"FREQ=HOURLY;INTERVAL=5",
		"FREQ=HOURLY;INTERVAL=7;BYDAY=SA,SU",
		"FREQ=MINUTELY;INTERVAL=997;BYHOUR=9,10",
		"FREQ=SECONDLY;INTERVAL=20;BYHOUR=9;BYMINUTE=0,1",
		"FREQ=DAILY;INTERVAL=3;BYDAY=TU",
		"FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,SA",
	}, anchorRules...)
	rng := rand.New(rand.NewSource(9))
	periodic := 0
	for _, rule := range rules {
		for _, dtstart := range []int64{ruleEpoch, ruleEpoch + 9*3600 + 30*60, at(2026, 12, 30, 15, 0)} {
			rw, err := newRuleWalls(rule, dtstart, unbounded)
			if err != nil {
				t.Fatalf("%s: %v", rule, err)
			}
			if rw.period > 0 {
				periodic++
			}
			for k := 0; k < 4; k++ {
				lo := at(2026, 1, 1, 0, 0) + int64(rng.Intn(700))*secondsPerDay
				hi := lo + int64(1+rng.Intn(120))*secondsPerDay
				name := fmt.Sprintf("%s from %s over %s..%s", rule, formatLocal(dtstart), formatLocal(lo), formatLocal(hi))
				// rrule-go, restarted near the range (TestFastForwardKeepsOccurrences
				// shows that gives what iterating from dtstart does).
				want, _, err := expandRuleFrom(nil, rule, dtstart, lo, hi, MaxSlots, true)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				want = dedupe(want)
				got, err := rw.walls(nil, lo, hi)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
					t.Fatalf("%s:\n got %v\nwant %v", name, locs(got), locs(want))
				}
				if n, _ := rw.count(lo, hi); n != int64(len(want)) {
					t.Fatalf("%s: count %d, want %d", name, n, len(want))
				}
				if n, _ := rw.count(dtstart, hi); k == 0 && rw.period > 0 && dtstart > ruleEpoch+secondsPerDay && n != int64(len(dedupeAll(t, rule, dtstart, hi))) {
					t.Fatalf("%s: count from the start %d", name, n)
				}
				for _, w := range want {
					if in, known := rw.has(w); known && !in {
						t.Fatalf("%s: has(%s) = false", name, formatLocal(w))
					}
					if in, known := rw.has(w + 60); known && in != contains(want, w+60) {
						t.Fatalf("%s: has(%s) = %v", name, formatLocal(w+60), in)
					}
				}
			}
		}
	}
	if periodic < 20 {
		t.Errorf("only %d rules took the periodic form", periodic)
	}
}

func dedupeAll(t *testing.T, rule string, dtstart, hi int64) []int64 {
	w, _, err := expandRuleFrom(nil, rule, dtstart, dtstart, hi, maxIterations, false)
	if err != nil {
		t.Fatal(err)
	}
	return dedupe(w)
}

func contains(walls []int64, w int64) bool {
	for _, v := range walls {
		if v == w {
			return true
		}
	}
	return false
}

// TestDayTimesCount: the closed-form count of a days-and-times cadence is
// the number of wall times it lists, over ranges that start and end
// anywhere, before 1970 included.
func TestDayTimesCount(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	for k := 0; k < 300; k++ {
		var days, times []string
		for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
			if rng.Intn(2) == 0 {
				days = append(days, d)
			}
		}
		for i := 0; i < rng.Intn(4); i++ {
			times = append(times, fmt.Sprintf("%02d:%02d", rng.Intn(24), rng.Intn(60)))
		}
		s, err := newDayTimes(days, times, unbounded)
		if err != nil {
			t.Fatal(err)
		}
		lo := ruleEpoch - int64(rng.Intn(20000))*secondsPerDay + int64(rng.Intn(secondsPerDay))
		hi := lo + int64(rng.Intn(3000))*secondsPerDay + int64(rng.Intn(secondsPerDay))
		walls, _ := s.walls(nil, lo, hi)
		if n, _ := s.count(lo, hi); n != int64(len(walls)) {
			t.Fatalf("%v %v over %s..%s: count %d, listed %d", days, times, formatLocal(lo), formatLocal(hi), n, len(walls))
		}
		for _, w := range walls {
			if in, _ := s.has(w); !in {
				t.Fatalf("has(%s) false", formatLocal(w))
			}
		}
	}
}
