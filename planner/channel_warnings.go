package planner

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/pillar-strategy/pillar/strategy"
)

// finish works out the warnings that need the whole horizon, in the order
// they are reported.
func (cp *channelPlan) finish() []Warning {
	p := cp.p
	s := p.s
	c := cp.c
	out := append([]Warning(nil), cp.setup...)
	warn := func(tactic, format string, args ...any) {
		out = append(out, Warning{Channel: c.ID, Tactic: tactic, Message: fmt.Sprintf(format, args...)})
	}
	from, to := cp.active.clamp(p.from, p.to)
	if from >= to {
		warn("", "channel %s posts %s, so it has no post between %s and %s", c.ID, cp.activePeriod(), p.opt.From, p.opt.To.AddDays(-1))
	}
	for _, j := range cp.tactics {
		t := &s.Tactics[j]
		n := len(p.tacticWalls(j, p.from, p.to))
		if from < to {
			n -= len(p.tacticWalls(j, from, to))
		}
		if n > 0 {
			warn(t.ID, "tactic %s: %d %s on channel %s %s outside the period the channel posts (%s) and %s not planned", t.ID, n,
				pluralise(n, "occurrence", "occurrences"), c.ID, pluralise(n, "falls", "fall"), cp.activePeriod(), pluralise(n, "is", "are"))
		}
	}
	for _, k := range cp.extras {
		n := len(p.extraWalls(k, p.from, p.to))
		if from < to {
			n -= len(p.extraWalls(k, from, to))
		}
		if n > 0 {
			id := s.Calendar.Campaigns[k].ID
			warn("", "campaign %s: %d extra %s on channel %s %s outside the period the channel posts (%s) and %s not planned", id, n,
				pluralise(n, "post", "posts"), c.ID, pluralise(n, "falls", "fall"), cp.activePeriod(), pluralise(n, "is", "are"))
		}
	}
	if from < to {
		for k := range cp.cads {
			cd := &cp.cads[k]
			cad, one := cd.c, len(cp.cads) == 1
			switch {
			case !cad.Start.IsZero() && cd.start >= to && one:
				warn("", "channel %s: its cadence starts on %s, after the last day planned (%s)", c.ID, cad.Start, p.opt.To.AddDays(-1))
			case !cad.Start.IsZero() && cd.start >= to:
				warn("", "channel %s: cadence %d starts on %s, after the last day planned (%s)", c.ID, k+1, cad.Start, p.opt.To.AddDays(-1))
			case cad.RRule != "" && cp.cadenceWalls[k] == 0 && one:
				warn("", "channel %s: the cadence RRULE gives no post between %s and %s", c.ID, p.opt.From, p.opt.To.AddDays(-1))
			case cad.RRule != "" && cp.cadenceWalls[k] == 0:
				warn("", "channel %s: the RRULE of cadence %d gives no post between %s and %s", c.ID, k+1, p.opt.From, p.opt.To.AddDays(-1))
			case cad.RRule == "" && len(cad.Times) == 0 && one:
				warn("", "channel %s: the cadence has no times (or RRULE), so it gives no posts", c.ID)
			case cad.RRule == "" && len(cad.Times) == 0:
				warn("", "channel %s: cadence %d has no times (or RRULE), so it gives no posts", c.ID, k+1)
			}
		}
		out = cp.sharedWarnings(out)
	}
	out = append(out, cp.during...)
	for j := range s.Tactics {
		if n := cp.blackedOut[j]; n > 0 {
			warn(s.Tactics[j].ID, "tactic %s: %d %s on channel %s %s on blackout days and %s not planned", s.Tactics[j].ID, n,
				pluralise(n, "occurrence", "occurrences"), c.ID, pluralise(n, "falls", "fall"), pluralise(n, "is", "are"))
		}
	}
	for k := range cp.cads {
		cd := &cp.cads[k]
		if cd.c.MinPerWeek <= 0 {
			continue
		}
		if cd.c.RRule != "" && ruleHasEnd(cd.c.RRule) {
			cp.runs[k].ended = ruleEnded(cd.c.RRule, cd.start, p.to)
		}
		quiet := slices.Concat(cp.blackouts, cp.quiet(k))
		if len(cp.cads) == 1 {
			// One cadence holds the channel's posts to its minimum, its
			// tactics' and campaigns' extra posts included.
			out = cp.weeks.check(out, c.ID, "channel "+c.ID, "the cadence minimum", cd.c.MinPerWeek, quiet, cp.runs[k])
			continue
		}
		// Several hold the posts at their own times each to its own.
		who := fmt.Sprintf("channel %s, cadence %d (%s)", c.ID, k+1, cadenceLabel(cd.c))
		out = cp.cadWeeks[k].check(out, c.ID, who, "its minimum", cd.c.MinPerWeek, quiet, cp.runs[k])
	}
	for _, sq := range cp.seqs {
		out = cp.overShare(out, sq)
	}
	return out
}

// sharedWarnings warns about the times in the horizon that two cadences
// both gave and that became one post: one warning for each pair of
// cadences, naming the first time and counting the others.
func (cp *channelPlan) sharedWarnings(out []Warning) []Warning {
	type pair struct{ a, b int16 }
	var order []pair
	times := map[pair][]int64{}
	for _, sw := range cp.shared {
		k := pair{sw.a, sw.b}
		if _, ok := times[k]; !ok {
			order = append(order, k)
		}
		times[k] = append(times[k], sw.wall)
	}
	for _, k := range order {
		ws := times[k]
		more := ""
		if n := len(ws) - 1; n > 0 {
			more = fmt.Sprintf(" (and at %d more %s, the last %s)", n, pluralise(n, "time", "times"), formatLocal(ws[n]))
		}
		out = append(out, Warning{Channel: cp.c.ID, Message: fmt.Sprintf(
			"channel %s: cadences %d and %d both post at %s%s; each such time is one post, counted for cadence %d: change the days or times of one of them",
			cp.c.ID, k.a+1, k.b+1, formatLocal(ws[0]), more, k.a+1)})
	}
	return out
}

// cadenceLabel describes a cadence in a few words for warnings: "sat, sun
// at 11:00", "every day at 08:00", or its RRULE.
func cadenceLabel(c *strategy.Cadence) string {
	if c.RRule != "" {
		return c.RRule
	}
	days := "every day"
	if len(c.Days) > 0 {
		days = strings.Join(c.Days, ", ")
	}
	return days + " at " + strings.Join(c.Times, ", ")
}

// activePeriod describes when the channel posts, for warnings: "from
// 2027-02-15 to 2027-12-31", "from 2027-02-15", "until 2027-12-31".
func (cp *channelPlan) activePeriod() string {
	var parts []string
	if a := cp.c.Active; a != nil && !a.From.IsZero() {
		parts = append(parts, "from "+a.From.String())
	}
	if a := cp.c.Active; a != nil && !a.To.IsZero() {
		word := "to "
		if len(parts) == 0 {
			word = "until "
		}
		parts = append(parts, word+a.To.String())
	}
	return strings.Join(parts, " ")
}

// overShare warns about every pillar whose tactics alone give it more
// posts in the horizon than the mix guarantee lets it have: more than its
// share of the sequence's posts plus 1 − 1/(2n−2). The other posts cannot
// make up for that.
func (cp *channelPlan) overShare(out []Warning, sq *sequence) []Warning {
	if sq.tactics == nil || sq.posts == 0 {
		return out
	}
	p := cp.p
	c := sq.m.c
	slack := 0.5
	if c.n >= 2 {
		slack = 1 - 1/float64(c.d)
	}
	where := "channel " + cp.c.ID
	if sq.k >= 0 {
		where += ", campaign " + p.s.Calendar.Campaigns[sq.k].ID
	}
	for i, n := range sq.tactics {
		share := float64(c.w[i]) / float64(c.sum)
		allowed := share * float64(sq.posts)
		if float64(n) <= allowed+slack+1e-9 {
			continue
		}
		pl := &p.s.Pillars[i]
		out = append(out, Warning{Channel: cp.c.ID, Message: fmt.Sprintf(
			"%s: tactics alone give pillar %s %d of the %d posts between %s and %s, where its weight of %s allows %s: the other posts cannot make up for it, so %s stays above its share; plan the tactics less often, move some to another pillar, or raise its weight",
			where, pl.ID, n, sq.posts, p.opt.From, p.opt.To.AddDays(-1), percent(share*100), oneDecimal(allowed), pl.ID)})
	}
	return out
}

// percent writes a share in percent with at most one decimal: "10%", "33.3%".
func percent(v float64) string { return oneDecimal(v) + "%" }

// oneDecimal writes v with at most one decimal: "1.8", "3".
func oneDecimal(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}

func blackedOutDay(ranges []dayRange, day int64) bool {
	for _, r := range ranges {
		if r.has(day) {
			return true
		}
	}
	return false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
