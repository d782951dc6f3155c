package planner

import (
	"fmt"
	"strings"
	"time"
)

// maxWeekWarnings is how many short weeks a channel's warnings name one by
// one; the rest are counted in one more warning, so a cadence that falls
// short every week does not bury the other warnings.
const maxWeekWarnings = 5

// cadenceRun is what planning a channel's cadence found that can explain a
// week with fewer posts than the cadence's minimum.
type cadenceRun struct {
	ended  bool    // the cadence's RRULE ran out (COUNT or UNTIL)
	last   int64   // the RRULE's last wall time in the horizon, if any
	merged []merge // where two cadence times became one post
}

// merge is a cadence time in a daylight-saving gap that moved onto another
// of the channel's cadence times: both wall times, the second the one
// posted at. With several cadences, other is the cadence the post counts
// for when it is another than the one that lost its post (else -1), and
// shared marks a time two cadences both give (from equals onto).
type merge struct {
	from, onto int64
	other      int16
	shared     bool
}

// ruleHasEnd reports whether an RRULE has a COUNT or an UNTIL.
func ruleHasEnd(rule string) bool {
	if rule == "" {
		return false
	}
	opt, err := parseRule(rule)
	return err == nil && (opt.Count > 0 || !opt.Until.IsZero())
}

// ruleEnded reports whether the rule started at dtstart has no occurrence
// at or after the wall time to: its COUNT or UNTIL ran out, or it never
// matches.
func ruleEnded(rule string, dtstart, to int64) bool {
	_, run, err := expandRule(nil, rule, dtstart, to, to+10000*366*secondsPerDay, 1)
	return err == nil && run.ended
}

// weekCounts counts a channel's posts in every ISO week (Monday to Sunday
// in the channel's zone) lying wholly inside the horizon.
type weekCounts struct {
	first  int64   // day number of the first Monday on or after the horizon's start
	counts []int32 // posts per week
}

func (w *weekCounts) init(from, to int64) {
	first, end := floorDiv(from, secondsPerDay), floorDiv(to, secondsPerDay)
	// Day 0, 1970-01-01, was a Thursday: day 4 was a Monday.
	first += floorMod(4-first, 7)
	w.first = first
	if first+7 <= end {
		w.counts = make([]int32, (end-first)/7)
	}
}

// add counts a post at the local wall time l.
func (w *weekCounts) add(l int64) {
	if d := floorDiv(l, secondsPerDay) - w.first; d >= 0 && d/7 < int64(len(w.counts)) {
		w.counts[d/7]++
	}
}

// check appends a warning for every week in which the channel (or one of
// its cadences) has fewer than minimum posts, unless a blackout for the
// channel falls in that week, which would explain it. who names what is
// counted ("channel instagram"), what the minimum ("the cadence minimum").
func (w *weekCounts) check(out []Warning, channel, who, what string, minimum int, blackouts []dayRange, run cadenceRun) []Warning {
	warn := func(format string, args ...any) {
		out = append(out, Warning{Channel: channel, Message: fmt.Sprintf(format, args...)})
	}
	var short []int64 // Mondays of the weeks that fall short
	for i, n := range w.counts {
		if int(n) >= minimum {
			continue
		}
		mon := w.first + int64(i)*7
		week := dayRange{mon, mon + 6}
		blackedOut := false
		for _, b := range blackouts {
			if b.a <= week.b && b.b >= week.a {
				blackedOut = true
				break
			}
		}
		if !blackedOut {
			short = append(short, mon)
		}
	}
	for i, mon := range short {
		n := int(w.counts[(mon-w.first)/7])
		if i == maxWeekWarnings {
			rest := len(short) - i
			warn("%s: %d more %s (the last %s) %s fewer posts than %s of %d a week",
				who, rest, pluralise(rest, "week", "weeks"), isoWeek(short[len(short)-1]), pluralise(rest, "has", "have"), what, minimum)
			break
		}
		msg := fmt.Sprintf("%s: week %s (from Monday %s) has %d %s, fewer than %s of %d a week",
			who, isoWeek(mon), dayString(mon), n, pluralise(n, "post", "posts"), what, minimum)
		if why := run.why(mon); why != "" {
			msg += ": " + why
		}
		warn("%s", msg)
	}
	return out
}

// why gives the likely reason the week starting on day mon fell short, when
// the planner can tell; else "".
func (r cadenceRun) why(mon int64) string {
	var reasons []string
	for _, m := range r.merged {
		d := floorDiv(m.onto, secondsPerDay)
		switch {
		case d < mon || d >= mon+7:
		case m.shared:
			reasons = append(reasons, fmt.Sprintf("on %s at %s cadence %d posts too, and the two are one post, counted for cadence %d",
				dayString(d), formatLocal(m.onto)[11:], m.other+1, m.other+1))
		case m.other >= 0:
			reasons = append(reasons, fmt.Sprintf("on %s the clocks went forward, so %s (in the skipped hour) moved to %s, and the two posts there became one, counted for cadence %d",
				dayString(d), formatLocal(m.from)[11:], formatLocal(m.onto)[11:], m.other+1))
		default:
			reasons = append(reasons, fmt.Sprintf("on %s the clocks went forward, so %s (in the skipped hour) moved to %s, which the cadence also posts at, and the two became one post",
				dayString(d), formatLocal(m.from)[11:], formatLocal(m.onto)[11:]))
		}
	}
	if r.ended && floorDiv(r.last, secondsPerDay) < mon+7 {
		if r.last < -1<<61 {
			reasons = append(reasons, "the cadence's RRULE ran out (COUNT or UNTIL) before the horizon")
		} else {
			reasons = append(reasons, fmt.Sprintf("the cadence's RRULE ran out (COUNT or UNTIL) after its post on %s", dayString(floorDiv(r.last, secondsPerDay))))
		}
	}
	return strings.Join(reasons, "; ")
}

// isoWeek names the ISO week that starts on the Monday day, e.g. 2027-W12.
func isoWeek(day int64) string {
	y, w := time.Unix(day*secondsPerDay, 0).UTC().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// dayString writes the wall day number day as YYYY-MM-DD.
func dayString(day int64) string { return formatLocal(day * secondsPerDay)[:10] }

func pluralise(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
