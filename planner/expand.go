package planner

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
	"github.com/teambition/rrule-go"
)

// A wall time is a wall-clock time written as seconds since 1970-01-01 00:00
// as if it were UTC: comparable, cheap, and free of any zone's rules until
// Resolve gives it an instant.

// wallOf returns the wall time of midnight at the start of d.
func wallOf(d strategy.Date) int64 { return d.Time().Unix() }

// maxIterations bounds how many occurrences one RRULE may produce, counting
// those before the horizon, so that a rule such as FREQ=SECONDLY is refused
// quickly instead of filling memory.
const maxIterations = 2_000_000

// errTooMany reports a cadence that gives more posts than the plan allows.
var errTooMany = errors.New("too many posts")

// clock parses HH:MM into seconds after midnight.
func clock(s string) (int64, error) {
	h, m, err := strategy.ParseClock(s)
	if err != nil {
		return 0, err
	}
	return int64(h*3600 + m*60), nil
}

// expandDays appends the wall times of a days-and-times cadence in
// [from, to) to out. No days means every day.
func expandDays(out []int64, days, times []string, from, to int64, limit int) ([]int64, error) {
	var on [7]bool
	if len(days) == 0 {
		on = [7]bool{true, true, true, true, true, true, true}
	}
	for _, d := range days {
		wd, ok := strategy.Weekdays[strings.ToLower(strings.TrimSpace(d))]
		if !ok {
			return out, fmt.Errorf("day %q is not one of mon, tue, wed, thu, fri, sat, sun", d)
		}
		on[wd] = true
	}
	secs := make([]int64, 0, len(times))
	for _, s := range times {
		c, err := clock(s)
		if err != nil {
			return out, err
		}
		secs = append(secs, c)
	}
	sort.Slice(secs, func(i, j int) bool { return secs[i] < secs[j] })
	if len(secs) == 0 {
		return out, nil
	}
	// 1970-01-01 was a Thursday.
	for day := from; day < to; day += secondsPerDay {
		wd := time.Weekday((floorDiv(day, secondsPerDay)%7 + 7 + int64(time.Thursday)) % 7)
		if !on[wd] {
			continue
		}
		for i, s := range secs {
			if i > 0 && s == secs[i-1] {
				continue
			}
			if len(out) >= limit {
				return out, errTooMany
			}
			out = append(out, day+s)
		}
	}
	return out, nil
}

// parseRule reads an RRULE as written in a strategy: one line, with or
// without the RRULE: prefix, no DTSTART. Carriage returns are dropped
// (rrule-go fails on CRLF input).
func parseRule(s string) (*rrule.ROption, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r", ""))
	if s == "" {
		return nil, errors.New("the RRULE is empty")
	}
	if strings.Contains(s, "\n") || strings.Contains(strings.ToUpper(s), "DTSTART") {
		return nil, fmt.Errorf("RRULE %q: write the rule on one line without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0", s)
	}
	if len(s) > 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	opt, err := rrule.StrToROption(s)
	if err != nil {
		return nil, fmt.Errorf("RRULE %q: %v", s, err)
	}
	return opt, nil
}

// expandRule appends to out the wall times in [from, to) of the rule
// started at the wall time dtstart, truncated to the minute. The rule is
// built afresh on every call: rrule-go's values are not safe to share.
func expandRule(out []int64, rule string, dtstart, from, to int64, limit int) (_ []int64, err error) {
	// rrule-go panics on some rules it accepts (BYDAY=8FR with
	// FREQ=MONTHLY, for one): that is bad input, not a bug here.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("RRULE %q cannot be expanded; check its BY parts against RFC 5545", strings.TrimSpace(rule))
		}
	}()
	opt, err := parseRule(rule)
	if err != nil {
		return out, err
	}
	// A floating DTSTART (UTC standing for wall clock), never the default,
	// which is the current time.
	opt.Dtstart = time.Unix(dtstart, 0).UTC()
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return out, fmt.Errorf("RRULE %q: %v", rule, err)
	}
	next := r.Iterator()
	for n := 0; ; n++ {
		if n >= maxIterations {
			return out, errTooMany
		}
		t, ok := next()
		if !ok {
			break
		}
		w := t.Unix()
		if w >= to {
			break
		}
		if w < from {
			continue
		}
		if len(out) >= limit {
			return out, errTooMany
		}
		out = append(out, w-floorMod(w, 60))
	}
	return out, nil
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
