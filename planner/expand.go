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

// ruleEpoch is the wall time at which an RRULE without a start of its own
// begins: Monday 2000-01-03 00:00. A fixed DTSTART, rather than the
// horizon's first day, keeps a rule's phase (INTERVAL, COUNT, the weeks of
// BYDAY with INTERVAL) the same whatever horizon is planned, so planning a
// quarter gives the same dates and UIDs as planning the year.
var ruleEpoch = time.Date(2000, time.January, 3, 0, 0, 0, 0, time.UTC).Unix()

// ruleRun is what expanding one RRULE over a horizon found.
type ruleRun struct {
	// ended reports that the rule has no occurrence at or after the
	// horizon's end: its COUNT or UNTIL ran out, or it never matches.
	ended bool
}

// expandRule appends to out the wall times in [from, to) of the rule
// started at the wall time dtstart, truncated to the minute. The rule is
// built afresh on every call: rrule-go's values are not safe to share.
//
// rrule-go can only iterate from DTSTART, which may lie decades before the
// horizon; unless the rule has a COUNT (which counts from DTSTART), it is
// restarted at the beginning of the last period (whole INTERVALs of FREQ
// after DTSTART) that starts at or before from, which gives the same
// occurrences from there on.
func expandRule(out []int64, rule string, dtstart, from, to int64, limit int) ([]int64, ruleRun, error) {
	return expandRuleFrom(out, rule, dtstart, from, to, limit, true)
}

func expandRuleFrom(out []int64, rule string, dtstart, from, to int64, limit int, fastForward bool) (_ []int64, run ruleRun, err error) {
	defer recoverRule(rule, &err)
	opt, err := parseRule(rule)
	if err != nil {
		return out, run, err
	}
	return expandROption(out, opt, rule, dtstart, from, to, limit, fastForward)
}

// recoverRule turns a panic of rrule-go into an error: it panics on some
// rules it accepts (BYDAY=8FR with FREQ=MONTHLY, for one), which is bad
// input, not a bug here.
func recoverRule(rule string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("RRULE %q cannot be expanded; check its BY parts against RFC 5545", strings.TrimSpace(rule))
	}
}

// expandROption is expandRuleFrom for a parsed rule, which it changes;
// rule is its text, for errors.
func expandROption(out []int64, opt *rrule.ROption, rule string, dtstart, from, to int64, limit int, fastForward bool) (_ []int64, run ruleRun, err error) {
	defer recoverRule(rule, &err)
	// A floating DTSTART (UTC standing for wall clock), never the default,
	// which is the current time.
	opt.Dtstart = time.Unix(dtstart, 0).UTC()
	if fastForward && opt.Count == 0 {
		fastForwardRule(opt, from)
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return out, run, fmt.Errorf("RRULE %q: %v", rule, err)
	}
	next := r.Iterator()
	for n := 0; ; n++ {
		if n >= maxIterations {
			return out, run, errTooMany
		}
		t, ok := next()
		if !ok {
			run.ended = true
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
			return out, run, errTooMany
		}
		out = append(out, w-floorMod(w, 60))
	}
	return out, run, nil
}

// pyWeekdays are rrule-go's weekdays, Monday first.
var pyWeekdays = [7]rrule.Weekday{rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU}

// fastForwardRule moves opt's DTSTART to the start of the last period of
// the rule that begins at or before the wall time from, when that is later
// than DTSTART. A period is FREQ times INTERVAL: a block of years, months,
// weeks (starting on WKST), days, hours, minutes or seconds counted from
// DTSTART's own, so the rule keeps its phase. What rrule-go would otherwise
// take from DTSTART (the day of the month, the weekday, the time of day) is
// written into the rule first, so it does not change either. The rule must
// have no COUNT.
func fastForwardRule(opt *rrule.ROption, from int64) {
	a := opt.Dtstart
	if from <= a.Unix() {
		return
	}
	f := time.Unix(from, 0).UTC()
	iv := max(opt.Interval, 1)
	if len(opt.Byweekno) == 0 && len(opt.Byyearday) == 0 && len(opt.Bymonthday) == 0 && len(opt.Byweekday) == 0 && len(opt.Byeaster) == 0 {
		switch opt.Freq {
		case rrule.YEARLY:
			if len(opt.Bymonth) == 0 {
				opt.Bymonth = []int{int(a.Month())}
			}
			opt.Bymonthday = []int{a.Day()}
		case rrule.MONTHLY:
			opt.Bymonthday = []int{a.Day()}
		case rrule.WEEKLY:
			opt.Byweekday = []rrule.Weekday{pyWeekdays[(int(a.Weekday())+6)%7]}
		}
	}
	if len(opt.Byhour) == 0 && opt.Freq < rrule.HOURLY {
		opt.Byhour = []int{a.Hour()}
	}
	if len(opt.Byminute) == 0 && opt.Freq < rrule.MINUTELY {
		opt.Byminute = []int{a.Minute()}
	}
	if len(opt.Bysecond) == 0 && opt.Freq < rrule.SECONDLY {
		opt.Bysecond = []int{a.Second()}
	}

	// every steps from the start of DTSTART's period by whole periods of
	// length n seconds.
	every := func(first, n int64) time.Time {
		return time.Unix(first+(from-first)/n*n, 0).UTC()
	}
	day := floorDiv(a.Unix(), secondsPerDay) * secondsPerDay
	var start time.Time
	switch opt.Freq {
	case rrule.YEARLY:
		y := a.Year() + (f.Year()-a.Year())/iv*iv
		start = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
	case rrule.MONTHLY:
		m0 := a.Year()*12 + int(a.Month()) - 1
		m := m0 + (f.Year()*12+int(f.Month())-1-m0)/iv*iv
		start = time.Date(m/12, time.Month(m%12+1), 1, 0, 0, 0, 0, time.UTC)
	case rrule.WEEKLY:
		back := (int64(a.Weekday()) + 6 - int64(opt.Wkst.Day()) + 7) % 7
		start = every(day-back*secondsPerDay, int64(iv)*7*secondsPerDay)
	case rrule.DAILY:
		start = every(day, int64(iv)*secondsPerDay)
	case rrule.HOURLY:
		start = every(a.Unix()-floorMod(a.Unix(), 3600), int64(iv)*3600)
	case rrule.MINUTELY:
		start = every(a.Unix()-floorMod(a.Unix(), 60), int64(iv)*60)
	default:
		start = every(a.Unix(), int64(iv))
	}
	if start.After(a) {
		opt.Dtstart = start
	}
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
