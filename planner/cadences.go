package planner

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// A channel may have several cadences (weekdays at 08:00, weekends at
// 11:00), each with its own minimum and start. Its positions are then the
// union of the cadences' wall times, and a position's number is still a
// count: the cadences never share a wall time, so the union's count over
// any range is the sum of the cadences' own counts, each in closed form.
//
// That two cadences never share a time is proven, not assumed, whenever
// both repeat with a fixed period (days and times repeat every week, a
// weekly or daily RRULE every INTERVAL × FREQ and week): such a pair shares
// a time if and only if two of their times agree modulo the greatest common
// divisor of the periods (the Chinese remainder theorem), or a time of one's
// first period is one of the other's. The planner refuses such a pair, as
// validation does. An RRULE without a fixed period (monthly, yearly, or
// ending with COUNT or UNTIL) is listed rather than counted anyway, so its
// times are merged with the others' as they are listed: a time it shares
// with another cadence is one position and one post, which the plan warns
// about.

// cadence is one of a channel's cadences as the planner reads it.
type cadence struct {
	c     *strategy.Cadence
	set   wallSet
	start int64 // the wall time it counts from: its start, else the epoch
	rule  bool  // an RRULE rather than days and times
}

// closed reports whether the cadence is counted in closed form.
func (cd *cadence) closed() bool {
	_, ok := periodicOf(cd.set)
	return ok
}

// readCadences reads a channel's cadences, each from its start (or the
// fixed epoch), never from the horizon.
func readCadences(cs strategy.Cadences) ([]cadence, error) {
	if len(cs) > strategy.MaxCadences {
		return nil, fmt.Errorf("%d cadences is more than a channel may have (%d)", len(cs), strategy.MaxCadences)
	}
	out := make([]cadence, len(cs))
	for k := range cs {
		c := &cs[k]
		cd := cadence{c: c, start: ruleEpoch, rule: c.RRule != ""}
		b := unbounded
		if !c.Start.IsZero() {
			cd.start = wallOf(c.Start)
			b.lo = cd.start
		}
		var err error
		if cd.rule {
			cd.set, err = newRuleWalls(c.RRule, cd.start, b)
		} else {
			cd.set, err = newDayTimes(c.Days, c.Times, b)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cadenceName(len(cs), k), err)
		}
		out[k] = cd
	}
	return out, nil
}

// cadenceName names cadence k of a channel with n in errors: "cadence",
// or "cadence 2" when there are several.
func cadenceName(n, k int) string {
	if n <= 1 {
		return "cadence"
	}
	return fmt.Sprintf("cadence %d", k+1)
}

// cadenceSet is the union of a channel's cadences: the wall times of all,
// each once, tagged with the first cadence (in declared order) that gives
// it.
type cadenceSet struct {
	sets   []wallSet
	closed []bool
	bufs   [][]int64 // per cadence, scratch for its walls
	tags   []int16   // scratch for walls
	// shared lists the wall times the last tagged listing found in more
	// than one cadence (only RRULEs without a fixed period can share one).
	shared []sharedWall
}

// sharedWall is a wall time two cadences both give: a is the one whose
// post it is, b the other.
type sharedWall struct {
	wall int64
	a, b int16
}

// newCadenceSet makes the union of cds, or returns the error of two
// cadences counted in closed form that share a wall time.
func newCadenceSet(cds []cadence) (*cadenceSet, error) {
	cs := &cadenceSet{bufs: make([][]int64, len(cds))}
	for k := range cds {
		cs.sets = append(cs.sets, cds[k].set)
		cs.closed = append(cs.closed, cds[k].closed())
	}
	for a := range cds {
		for b := a + 1; b < len(cds); b++ {
			if !cs.closed[a] || !cs.closed[b] {
				continue
			}
			if w, ok := firstShared(cds[a].set, cds[b].set); ok {
				return nil, fmt.Errorf("cadences %d and %d both post at %s; two cadences of a channel must never share a time: change the days or times of one",
					a+1, b+1, formatLocal(w)[:16])
			}
		}
	}
	return cs, nil
}

func (cs *cadenceSet) walls(out []int64, lo, hi int64) ([]int64, error) {
	var err error
	out, cs.tags, err = cs.tagged(out, cs.tags[:0], lo, hi)
	return out, err
}

// tagged appends to out the union's wall times in [lo, hi), in order,
// each once, and to tags the cadence of each; cs.shared lists the times
// more than one cadence gave.
func (cs *cadenceSet) tagged(out []int64, tags []int16, lo, hi int64) ([]int64, []int16, error) {
	cs.shared = cs.shared[:0]
	if len(cs.sets) == 1 {
		n := len(out)
		out, err := cs.sets[0].walls(out, lo, hi)
		for range out[n:] {
			tags = append(tags, 0)
		}
		return out, tags, err
	}
	for k, s := range cs.sets {
		var err error
		if cs.bufs[k], err = s.walls(cs.bufs[k][:0], lo, hi); err != nil {
			return out, tags, err
		}
	}
	at := make([]int, len(cs.sets))
	for {
		best := -1
		for k, b := range cs.bufs {
			if at[k] < len(b) && (best < 0 || b[at[k]] < cs.bufs[best][at[best]]) {
				best = k
			}
		}
		if best < 0 {
			return out, tags, nil
		}
		w := cs.bufs[best][at[best]]
		out, tags = append(out, w), append(tags, int16(best))
		for k, b := range cs.bufs {
			if at[k] < len(b) && b[at[k]] == w {
				if k != best {
					cs.shared = append(cs.shared, sharedWall{wall: w, a: int16(best), b: int16(k)})
				}
				at[k]++
			}
		}
	}
}

// count is the sum of the cadences' counts in closed form; the times of
// cadences that are listed instead are merged, each counted once and only
// when no cadence counted in closed form has it.
func (cs *cadenceSet) count(lo, hi int64) (int64, error) {
	var n int64
	open := false
	for k, s := range cs.sets {
		if !cs.closed[k] {
			open = true
			continue
		}
		c, err := s.count(lo, hi)
		if err != nil {
			return 0, err
		}
		n += c
	}
	if !open {
		return n, nil
	}
	var listed []int64
	for k, s := range cs.sets {
		if cs.closed[k] {
			continue
		}
		var err error
		if listed, err = s.walls(listed, lo, hi); err != nil {
			return 0, err
		}
	}
	slices.Sort(listed)
	for _, w := range dedupe(listed) {
		if !cs.closedHas(w) {
			n++
		}
	}
	return n, nil
}

func (cs *cadenceSet) closedHas(w int64) bool {
	for k, s := range cs.sets {
		if cs.closed[k] {
			if in, _ := s.has(w); in {
				return true
			}
		}
	}
	return false
}

func (cs *cadenceSet) has(w int64) (bool, bool) {
	if cs.closedHas(w) {
		return true, true
	}
	for k := range cs.sets {
		if !cs.closed[k] {
			return false, false
		}
	}
	return false, true
}

// periodic is a set of wall times that repeats with a fixed period: from
// the wall time from on, the times base + k·period + off for every whole k
// and every off in tmpl; before it, the times in head. None lies before lo.
type periodic struct {
	lo, from     int64
	head         []int64
	base, period int64
	tmpl         []int64 // offsets in [0, period), sorted
}

// periodicOf returns the periodic form of a cadence's wall times, when it
// has one: days and times always (a week), an RRULE when its occurrences
// repeat with a fixed period.
func periodicOf(s wallSet) (periodic, bool) {
	switch s := s.(type) {
	case *dayTimes:
		const week = 7 * secondsPerDay
		p := periodic{lo: s.b.lo, from: math.MinInt64, base: 4 * secondsPerDay, period: week} // day 4 was a Monday
		for d := int64(0); d < 7; d++ {
			if !s.on[weekday(4+d)] {
				continue
			}
			for _, sec := range s.secs {
				p.tmpl = append(p.tmpl, d*secondsPerDay+sec)
			}
		}
		return p, true
	case *ruleWalls:
		if s.period == 0 {
			return periodic{}, false
		}
		base := s.dtstart + s.period
		return periodic{lo: max(s.b.lo, s.dtstart), from: base, head: s.head, base: base, period: s.period, tmpl: s.tmpl}, true
	}
	return periodic{}, false
}

// contains reports whether w is one of p's times.
func (p *periodic) contains(w int64) bool {
	if w < p.lo {
		return false
	}
	if w < p.from {
		_, found := slices.BinarySearch(p.head, w)
		return found
	}
	_, found := slices.BinarySearch(p.tmpl, floorMod(w-p.base, p.period))
	return found
}

// maxSharedTries bounds the pairs of times firstShared solves for: two
// sets that agree modulo the periods' divisor share a time, and after that
// many the earliest found stands for the first.
const maxSharedTries = 1 << 16

// firstShared returns the first wall time two cadences counted in closed
// form both give, at or after the later of their first times, and whether
// they share one at all. The answer to "whether" is exact; the time is the
// first one unless the sets agree in more than maxSharedTries ways, when it
// is one of them. Two cadences of days and times without a start post for
// ever back; their time is taken from the fixed epoch on.
func firstShared(x, y wallSet) (int64, bool) {
	a, okA := periodicOf(x)
	b, okB := periodicOf(y)
	if !okA || !okB || len(a.tmpl) == 0 || len(b.tmpl) == 0 && len(b.head) == 0 {
		return 0, false
	}
	t := max(a.lo, b.lo)
	if t == math.MinInt64 {
		t = ruleEpoch
	}
	best, found := int64(math.MaxInt64), false
	take := func(w int64) {
		if w < best {
			best, found = w, true
		}
	}
	for _, w := range a.head {
		if w >= t && b.contains(w) {
			take(w)
		}
	}
	for _, w := range b.head {
		if w >= t && a.contains(w) {
			take(w)
		}
	}
	if len(b.tmpl) == 0 {
		return best, found
	}
	// From the later of the two steady states on, a time of a and one of
	// b coincide exactly when their residues agree modulo g; the first
	// coincidence at or after t2 follows from the Chinese remainder
	// theorem, and repeats every lcm of the periods.
	t2 := max(t, a.from, b.from)
	g := gcd(a.period, b.period)
	byRes := map[int64][]int64{}
	for _, off := range a.tmpl {
		r := floorMod(a.base+off, a.period)
		byRes[r%g] = append(byRes[r%g], r)
	}
	tries := 0
	for _, off := range b.tmpl {
		rb := floorMod(b.base+off, b.period)
		for _, ra := range byRes[rb%g] {
			x, lcm := crt(ra, a.period, rb, b.period, g)
			// The first x + k·lcm at or after t2.
			k := floorDiv(t2-x, lcm)
			if x+k*lcm < t2 {
				k++
			}
			take(x + k*lcm)
			if tries++; tries >= maxSharedTries {
				return best, found
			}
		}
	}
	return best, found
}

// crt returns the x in [0, lcm) with x ≡ ra (mod pa) and x ≡ rb (mod pb),
// where g = gcd(pa, pb) divides rb − ra, and lcm. Periods are at most
// maxRulePeriod, so no product overflows.
func crt(ra, pa, rb, pb, g int64) (x, lcm int64) {
	qb := pb / g
	lcm = pa * qb
	if qb == 1 {
		return floorMod(ra, lcm), lcm
	}
	// k·(pa/g) ≡ (rb − ra)/g (mod qb)
	d := floorMod((rb-ra)/g, qb)
	k := d * modInverse(floorMod(pa/g, qb), qb) % qb
	return floorMod(ra+pa*k, lcm), lcm
}

// modInverse returns the inverse of a modulo m, for coprime a and m.
func modInverse(a, m int64) int64 {
	// Extended Euclid on (a, m).
	r0, r1 := a, m
	s0, s1 := int64(1), int64(0)
	for r1 != 0 {
		q := r0 / r1
		r0, r1 = r1, r0-q*r1
		s0, s1 = s1, s0-q*s1
	}
	return floorMod(s0, m)
}

// Clash is a wall-clock time at which two cadences of one channel both
// post.
type Clash struct {
	// A and B are the cadences' indexes in the channel's list, A < B.
	A, B int
	// At is a time both give, as a wall-clock time written in UTC: the
	// first found at or after the later of their starts (2000-01-03, the
	// epoch RRULEs count from, for a cadence without one).
	At time.Time
	// Weekly reports that both are days-and-times cadences, which then
	// share At's weekday and time every week.
	Weekly bool
}

// clashYears is how far from the later start Clashes looks for a time
// shared with an RRULE that has no fixed period (monthly, yearly, or
// ending): the Gregorian calendar of 1901 to 2099 repeats every 28 years.
const clashYears = 28

// maxClashListed bounds the times Clashes lists of one such RRULE.
const maxClashListed = 100_000

// Clashes returns every pair of the channel's cadences that share a wall
// time, with a time they share. For two cadences that repeat with a fixed
// period (days and times, weekly or daily RRULEs) it is a proof either way.
// A pair with another RRULE is searched for clashYears years from the later
// start, as far as the first maxClashListed times of the RRULE reach: a
// time shared beyond, the planner makes one post and warns about. An RRULE
// with no occurrence in a sample year (9999, whose calendar is 2027's) is
// not searched: it posts rarely or never, and listing it would cost the
// RRULE library's search through the centuries. It returns an error for a
// cadence the planner cannot read.
func Clashes(c *strategy.Channel) (_ []Clash, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report it): %v", r)
		}
	}()
	if len(c.Cadence) < 2 {
		return nil, nil
	}
	cds, err := readCadences(c.Cadence)
	if err != nil {
		return nil, err
	}
	last := int64(math.MinInt64)
	for _, cd := range cds {
		last = max(last, cd.start)
	}
	end := last + clashYears*366*secondsPerDay
	listed := make([][]int64, len(cds)) // the times of those not closed
	for k := range cds {
		if !cds[k].closed() {
			listed[k] = clashList(&cds[k], end)
		}
	}
	var out []Clash
	for a := range cds {
		for b := a + 1; b < len(cds); b++ {
			x, y := &cds[a], &cds[b]
			if listed[a] == nil && listed[b] == nil {
				if w, ok := firstShared(x.set, y.set); ok {
					out = append(out, Clash{A: a, B: b, At: wallTime(w), Weekly: !x.rule && !y.rule})
				}
				continue
			}
			lo := max(x.start, y.start)
			if w, ok := sharedIn(x, y, listed[a], listed[b], lo, lo+clashYears*366*secondsPerDay); ok {
				out = append(out, Clash{A: a, B: b, At: wallTime(w)})
			}
		}
	}
	return out, nil
}

// wallTime is a wall time as a time.Time in UTC.
func wallTime(w int64) time.Time { return time.Unix(w, 0).UTC() }

// clashList lists an RRULE cadence without a fixed period from its start
// to end, at most maxClashListed times; an empty, non-nil list when it has
// no occurrence in the sample year.
func clashList(cd *cadence, end int64) []int64 {
	r := cd.set.(*ruleWalls)
	if !occursInSampleYear(r.rule) {
		return []int64{}
	}
	w, _, err := expandRule(nil, r.rule, r.dtstart, max(r.dtstart, r.b.lo), end, maxClashListed)
	if err != nil && !errors.Is(err, errTooMany) {
		return []int64{}
	}
	return append([]int64{}, dedupe(w)...)
}

// sampleYear is 9999, the last year the RRULE library reaches.
var sampleYear = time.Date(9999, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()

// occursInSampleYear reports whether the rule, its COUNT and UNTIL set
// aside, has an occurrence in 9999: a rule that never occurs then costs
// one year of the library's search, not eight thousand.
func occursInSampleYear(rule string) bool {
	opt, err := parseRule(rule)
	if err != nil {
		return false
	}
	opt.Count, opt.Until = 0, time.Time{}
	w, _, err := expandROption(nil, opt, rule, sampleYear, sampleYear, sampleYear+365*secondsPerDay, 1, false)
	return len(w) > 0 || errors.Is(err, errTooMany)
}

// sharedIn returns the first time in [lo, hi) both cadences give, from
// their lists (nil for a cadence counted in closed form, which is asked
// instead).
func sharedIn(x, y *cadence, lx, ly []int64, lo, hi int64) (int64, bool) {
	if lx == nil {
		x, y, lx, ly = y, x, ly, lx
	}
	if ly == nil {
		for _, w := range lx {
			if w >= lo && w < hi {
				if in, _ := y.set.has(w); in {
					return w, true
				}
			}
		}
		return 0, false
	}
	i, j := 0, 0
	for i < len(lx) && j < len(ly) {
		switch {
		case lx[i] < ly[j]:
			i++
		case lx[i] > ly[j]:
			j++
		default:
			if lx[i] >= lo && lx[i] < hi {
				return lx[i], true
			}
			i++
			j++
		}
	}
	return 0, false
}
