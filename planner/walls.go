package planner

import (
	"errors"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
	"github.com/teambition/rrule-go"
)

// wallSet is the wall times one schedule gives: a channel's cadence, a
// tactic's schedule or a campaign's extra cadence. A position's number in
// its sequence is a count of wall times since the anchor, so every set can
// count its times over any range without listing them, except an RRULE
// whose occurrences do not repeat in periods of fixed length (a monthly
// rule, say), which is counted by expanding it.
type wallSet interface {
	// walls appends the wall times in [lo, hi) to out, in order, each once.
	walls(out []int64, lo, hi int64) ([]int64, error)
	// count returns how many wall times lie in [lo, hi).
	count(lo, hi int64) (int64, error)
	// has reports whether w is one of the wall times; known is false when
	// the set cannot tell without expanding.
	has(w int64) (in, known bool)
}

// noWalls is a schedule that gives nothing.
type noWalls struct{}

func (noWalls) walls(out []int64, lo, hi int64) ([]int64, error) { return out, nil }
func (noWalls) count(lo, hi int64) (int64, error)                { return 0, nil }
func (noWalls) has(w int64) (bool, bool)                         { return false, true }

// bounds limits a set to [lo, hi); the zero bounds limit nothing.
type bounds struct{ lo, hi int64 }

var unbounded = bounds{math.MinInt64, math.MaxInt64}

func (b bounds) clamp(lo, hi int64) (int64, int64) { return max(lo, b.lo), min(hi, b.hi) }

// dayTimes is a cadence of weekdays and times of day.
type dayTimes struct {
	on    [7]bool // by time.Weekday
	onN   int64   // days a week on
	secs  []int64 // seconds after midnight, sorted, distinct
	b     bounds
	perWk int64 // wall times a week
}

func newDayTimes(days, times []string, b bounds) (*dayTimes, error) {
	s := &dayTimes{b: b}
	if len(days) == 0 {
		s.on = [7]bool{true, true, true, true, true, true, true}
	}
	for _, d := range days {
		wd, ok := strategy.Weekdays[strings.ToLower(strings.TrimSpace(d))]
		if !ok {
			return nil, errors.New("day " + quote(d) + " is not one of mon, tue, wed, thu, fri, sat, sun")
		}
		s.on[wd] = true
	}
	for _, on := range s.on {
		if on {
			s.onN++
		}
	}
	for _, t := range times {
		c, err := clock(t)
		if err != nil {
			return nil, err
		}
		s.secs = append(s.secs, c)
	}
	sort.Slice(s.secs, func(i, j int) bool { return s.secs[i] < s.secs[j] })
	s.secs = dedupe(s.secs)
	s.perWk = s.onN * int64(len(s.secs))
	return s, nil
}

// weekday of the wall day number day: 1970-01-01 was a Thursday.
func weekday(day int64) time.Weekday {
	return time.Weekday((floorMod(day, 7) + int64(time.Thursday)) % 7)
}

func (s *dayTimes) walls(out []int64, lo, hi int64) ([]int64, error) {
	lo, hi = s.b.clamp(lo, hi)
	if len(s.secs) == 0 || lo >= hi {
		return out, nil
	}
	for day := floorDiv(lo, secondsPerDay); day*secondsPerDay < hi; day++ {
		if !s.on[weekday(day)] {
			continue
		}
		base := day * secondsPerDay
		for _, sec := range s.secs {
			if w := base + sec; w >= lo && w < hi {
				out = append(out, w)
			}
		}
	}
	return out, nil
}

func (s *dayTimes) count(lo, hi int64) (int64, error) {
	lo, hi = s.b.clamp(lo, hi)
	if len(s.secs) == 0 || lo >= hi {
		return 0, nil
	}
	// Whole days [a, b) in closed form, the partial days at either end by
	// listing them.
	a, b := ceilDiv(lo, secondsPerDay), floorDiv(hi, secondsPerDay)
	if a >= b {
		w, _ := s.walls(nil, lo, hi)
		return int64(len(w)), nil
	}
	n := (b - a) / 7 * s.perWk
	for day := a + (b-a)/7*7; day < b; day++ {
		if s.on[weekday(day)] {
			n += int64(len(s.secs))
		}
	}
	head, _ := s.walls(nil, lo, a*secondsPerDay)
	tail, _ := s.walls(nil, b*secondsPerDay, hi)
	return n + int64(len(head)+len(tail)), nil
}

func (s *dayTimes) has(w int64) (bool, bool) {
	if w < s.b.lo || w >= s.b.hi {
		return false, true
	}
	day := floorDiv(w, secondsPerDay)
	if !s.on[weekday(day)] {
		return false, true
	}
	sec := w - day*secondsPerDay
	i := sort.Search(len(s.secs), func(i int) bool { return s.secs[i] >= sec })
	return i < len(s.secs) && s.secs[i] == sec, true
}

// oneWall is a one-off tactic.
type oneWall struct{ w int64 }

func (s oneWall) walls(out []int64, lo, hi int64) ([]int64, error) {
	if s.w >= lo && s.w < hi {
		out = append(out, s.w)
	}
	return out, nil
}

func (s oneWall) count(lo, hi int64) (int64, error) {
	if s.w >= lo && s.w < hi {
		return 1, nil
	}
	return 0, nil
}

func (s oneWall) has(w int64) (bool, bool) { return w == s.w, true }

// ruleWalls is an RRULE started at the wall time dtstart, truncated to the
// minute, limited to b.
//
// A rule whose occurrences repeat with a fixed period P (no COUNT, UNTIL,
// BYMONTH, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYEASTER, BYSETPOS, numbered
// BYDAY, and FREQ weekly or finer) is expanded once over its first two
// periods: P is the least common multiple of INTERVAL × FREQ and a week,
// so every BY part and every step repeat after it, and the occurrences in
// [dtstart + k·P, dtstart + (k+1)·P) are those of the second period moved by
// (k−1)·P. Such a rule is counted, listed and tested without rrule-go. Any
// other rule is expanded by rrule-go from its start or, when it has no
// COUNT, from the start of the last of its periods before the range (see
// fastForwardRule).
type ruleWalls struct {
	rule    string
	dtstart int64
	b       bounds
	// Set when the occurrences repeat with period: head holds those in
	// [dtstart, dtstart+period), tmpl those of the next period, as offsets
	// from its start.
	period int64
	head   []int64
	tmpl   []int64
}

// Limits of the periodic form: a longer period, or one with more
// occurrences, is expanded by rrule-go instead.
const (
	maxRulePeriod   = 400 * 7 * secondsPerDay
	maxRuleTemplate = 1 << 16
)

func newRuleWalls(rule string, dtstart int64, b bounds) (*ruleWalls, error) {
	opt, err := parseRule(rule)
	if err != nil {
		return nil, err
	}
	r := &ruleWalls{rule: rule, dtstart: dtstart, b: b}
	if p := rulePeriod(opt); p > 0 && p <= maxRulePeriod {
		both, _, err := expandRuleFrom(nil, rule, dtstart, dtstart, dtstart+2*p, maxRuleTemplate, false)
		switch {
		case errors.Is(err, errTooMany):
			// Too many to hold: leave it to rrule-go.
		case err != nil:
			return nil, err
		default:
			both = dedupe(both)
			split := sort.Search(len(both), func(i int) bool { return both[i] >= dtstart+p })
			r.period, r.head = p, both[:split]
			for _, w := range both[split:] {
				r.tmpl = append(r.tmpl, w-dtstart-p)
			}
		}
	}
	if r.period == 0 {
		// Check that rrule-go can expand the rule at all (it panics on
		// some rules it accepts), so the error comes before any output.
		if _, _, err := expandRuleFrom(nil, rule, dtstart, dtstart, dtstart+secondsPerDay, maxIterations, false); err != nil && !errors.Is(err, errTooMany) {
			return nil, err
		}
	}
	return r, nil
}

// rulePeriod returns the period with which the rule's occurrences repeat,
// or 0 when they do not repeat with a fixed one.
func rulePeriod(opt *rrule.ROption) int64 {
	if opt.Count > 0 || !opt.Until.IsZero() || len(opt.Bymonth) > 0 || len(opt.Bymonthday) > 0 || len(opt.Byyearday) > 0 ||
		len(opt.Byweekno) > 0 || len(opt.Byeaster) > 0 || len(opt.Bysetpos) > 0 {
		return 0
	}
	for _, wd := range opt.Byweekday {
		if wd.N() != 0 {
			return 0
		}
	}
	iv := int64(max(opt.Interval, 1))
	var step int64
	switch opt.Freq {
	case rrule.WEEKLY:
		step = 7 * secondsPerDay
	case rrule.DAILY:
		step = secondsPerDay
	case rrule.HOURLY:
		step = 3600
	case rrule.MINUTELY:
		step = 60
	case rrule.SECONDLY:
		step = 1
	default:
		return 0
	}
	step *= iv
	const week = 7 * secondsPerDay
	if step > maxRulePeriod {
		return 0
	}
	return step / gcd(step, week) * week
}

// before returns how many occurrences lie in [dtstart, x).
func (r *ruleWalls) before(x int64) int64 {
	if x <= r.dtstart {
		return 0
	}
	base := r.dtstart + r.period
	if x <= base {
		return int64(sort.Search(len(r.head), func(i int) bool { return r.head[i] >= x }))
	}
	q, off := floorDiv(x-base, r.period), floorMod(x-base, r.period)
	return int64(len(r.head)) + q*int64(len(r.tmpl)) + int64(sort.Search(len(r.tmpl), func(i int) bool { return r.tmpl[i] >= off }))
}

func (r *ruleWalls) walls(out []int64, lo, hi int64) ([]int64, error) {
	lo, hi = r.b.clamp(lo, hi)
	if lo >= hi {
		return out, nil
	}
	if r.period == 0 {
		n := len(out)
		out, _, err := expandRule(out, r.rule, r.dtstart, lo, hi, maxIterations)
		return append(out[:n], dedupe(out[n:])...), err
	}
	base := r.dtstart + r.period
	for _, w := range r.head {
		if w >= lo && w < hi {
			out = append(out, w)
		}
	}
	for k := max(0, floorDiv(lo-base, r.period)); base+k*r.period < hi; k++ {
		at := base + k*r.period
		for _, off := range r.tmpl {
			if w := at + off; w >= lo && w < hi {
				out = append(out, w)
			}
		}
	}
	return out, nil
}

func (r *ruleWalls) count(lo, hi int64) (int64, error) {
	lo, hi = r.b.clamp(lo, hi)
	if lo >= hi {
		return 0, nil
	}
	if r.period == 0 {
		w, err := r.walls(nil, lo, hi)
		return int64(len(w)), err
	}
	return r.before(hi) - r.before(lo), nil
}

func (r *ruleWalls) has(w int64) (bool, bool) {
	if w < r.b.lo || w >= r.b.hi {
		return false, true
	}
	if r.period == 0 {
		return false, false
	}
	return r.before(w+1)-r.before(w) == 1, true
}

// dedupe drops repeats from sorted walls (an RRULE with seconds gives
// several occurrences in one minute, which are one wall time).
func dedupe(w []int64) []int64 {
	if len(w) < 2 {
		return w
	}
	out := w[:1]
	for _, v := range w[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

func quote(s string) string { return `"` + s + `"` }
