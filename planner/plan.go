package planner

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// Plan turns the strategy into a posting calendar over opt's horizon.
//
// It returns an error for a horizon that is empty, reversed or longer than
// MaxHorizonYears, for more than MaxSlots posts, and for a time zone, RRULE,
// day or time the planner cannot read (the error names the channel, tactic
// or campaign; validation normally reports these first, with positions).
// Everything else that does not go as written, such as an RRULE with no
// occurrence in the horizon or blackouts that cover it, is a Warning in the
// calendar. Plan never panics.
func Plan(s *strategy.Strategy, opt Options) (cal *Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("plan: internal error (please report it): %v", r)
		}
	}()
	st, err := newStream(s, opt, MaxHorizonYears)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	cal = st.Calendar()
	cal.Slots = make([]Slot, 0, st.Posts())
	for {
		sl, err := st.Next()
		if err != nil {
			return nil, err
		}
		if sl == nil {
			break
		}
		cal.Slots = append(cal.Slots, *sl)
	}
	cal.Warnings = st.Warnings()
	return cal, nil
}

func checkHorizon(opt Options, years int) error {
	if opt.From.IsZero() || opt.To.IsZero() {
		return errors.New("plan: the horizon needs a first day and an end day, e.g. from 2027-01-01 to 2027-04-01")
	}
	for _, d := range []strategy.Date{opt.From, opt.To} {
		if strategy.DateOf(d.Time()) != d || d.Year < 1900 || d.Year > 9000 {
			return fmt.Errorf("plan: %04d-%02d-%02d is not a date the planner can use", d.Year, int(d.Month), d.Day)
		}
	}
	if !opt.To.After(opt.From) {
		return fmt.Errorf("plan: the horizon ends on %s, which is not after its first day %s: the end day is exclusive, so pass a later one", opt.To, opt.From)
	}
	if limit := strategy.DateOf(opt.From.Time().AddDate(years, 0, 0)); opt.To.After(limit) {
		why := "a calendar held in memory reaches at most"
		if years == MaxStreamYears {
			why = "a plan reaches at most"
		}
		return fmt.Errorf("plan: the horizon %s to %s is longer than the limit of %d years (%s %d years, which no strategy needs, so a longer one is likely a mistyped date): end it on %s at the latest, or plan in parts",
			opt.From, opt.To, years, why, years, limit)
	}
	return nil
}

// The widest wall range a sequence can cover.
const (
	minWall = math.MinInt64 / 4
	maxWall = math.MaxInt64 / 4
)

// planner holds what one plan works out once and shares between channels.
type planner struct {
	s           *strategy.Strategy
	opt         Options
	from, to    int64 // horizon as wall times
	q0, qEnd    int64 // the quarters the horizon touches: [q0, qEnd)
	cacheLo     int64 // wall times are listed from here: the epoch or q0
	pillarIdx   map[string]int
	base        []float64 // strategy pillar weights, declared order
	seqs        map[string]*pillarSeq
	tacticPill  []int     // per tactic, pillar index or -1
	tactics     []wallSet // per tactic, its schedule (nil when none)
	tacticList  [][]int64 // per tactic, its wall times in [cacheLo, qEnd), once listed
	extras      []wallSet // per campaign, its extra cadence (nil when none)
	extraList   [][]int64
	campWeights [][]float64

	warnings []Warning
}

func (p *planner) warn(channel, tactic, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Channel: channel, Tactic: tactic, Message: fmt.Sprintf(format, args...)})
}

// quarterWall returns the wall time of the start of the calendar quarter
// that holds the wall time w.
func quarterWall(w int64) int64 {
	t := time.Unix(w, 0).UTC()
	return time.Date(t.Year(), (t.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC).Unix()
}

// nextQuarterWall returns the start of the quarter after the one starting
// at q.
func nextQuarterWall(q int64) int64 {
	return time.Unix(q, 0).UTC().AddDate(0, 3, 0).Unix()
}

// newPlanner checks the horizon and works out everything the channels
// share.
func newPlanner(s *strategy.Strategy, opt Options, years int) (*planner, error) {
	if s == nil {
		return nil, errors.New("plan: no strategy to plan")
	}
	if err := checkHorizon(opt, years); err != nil {
		return nil, err
	}
	p := &planner{s: s, opt: opt, from: wallOf(opt.From), to: wallOf(opt.To), seqs: map[string]*pillarSeq{}}
	p.q0, p.qEnd = quarterWall(p.from), nextQuarterWall(quarterWall(p.to-1))
	p.cacheLo = min(ruleEpoch, p.q0)
	for i := range s.Channels {
		// A channel's sequence may count from the day it is launched or
		// its cadences start, which may come before the epoch.
		_, anchor := channelBounds(&s.Channels[i])
		p.cacheLo = min(p.cacheLo, anchor)
	}
	if s.Calendar != nil {
		for _, c := range s.Calendar.Campaigns {
			if !c.From.IsZero() {
				p.cacheLo = min(p.cacheLo, wallOf(c.From))
			}
		}
	}
	if len(s.Pillars) > maxPillars {
		return nil, fmt.Errorf("plan: %d pillars is more than the planner handles (%d)", len(s.Pillars), maxPillars)
	}
	p.pillarIdx = make(map[string]int, len(s.Pillars))
	p.base = make([]float64, len(s.Pillars))
	for i, pl := range s.Pillars {
		if _, dup := p.pillarIdx[pl.ID]; !dup {
			p.pillarIdx[pl.ID] = i
		}
		p.base[i] = pl.Weight
	}
	if s.Brand.Timezone == "" {
		p.warn("", "", "the brand has no timezone; channels without one of their own are planned in UTC")
	}
	if err := p.prepareTactics(); err != nil {
		return nil, err
	}
	if err := p.prepareCampaigns(); err != nil {
		return nil, err
	}
	return p, nil
}

// tooMany turns errTooMany into the message a user can act on.
func (p *planner) tooMany(what string, err error) error {
	if errors.Is(err, errTooMany) {
		return fmt.Errorf("plan: %s: more than %d posts between %s and %s; plan a shorter horizon or post less often", what, MaxSlots, p.opt.From, p.opt.To.AddDays(-1))
	}
	return fmt.Errorf("plan: %s: %w", what, err)
}

// seqOf returns the pillar sequence of the weights, shared by every
// channel and campaign with the same ones.
func (p *planner) seqOf(weights []float64) *pillarSeq {
	w, _ := integerWeights(weights)
	key := fmt.Sprint(w)
	m, ok := p.seqs[key]
	if !ok {
		m = newPillarSeq(weights)
		p.seqs[key] = m
	}
	return m
}

// prepareTactics reads every tactic's schedule once; its wall times are
// the same on each of its channels, which resolve them in their own zones.
func (p *planner) prepareTactics() error {
	s := p.s
	p.tactics = make([]wallSet, len(s.Tactics))
	p.tacticList = make([][]int64, len(s.Tactics))
	p.tacticPill = make([]int, len(s.Tactics))
	for j := range s.Tactics {
		t := &s.Tactics[j]
		p.tacticPill[j] = -1
		if i, ok := p.pillarIdx[t.Pillar]; ok {
			p.tacticPill[j] = i
		} else if t.Pillar != "" {
			p.warn("", t.ID, "tactic %s names pillar %q, which the strategy does not declare; its posts count toward no pillar", t.ID, t.Pillar)
		}
		sc := t.Schedule
		if sc.RRule == "" && sc.Date.IsZero() {
			p.warn("", t.ID, "tactic %s has neither schedule.rrule nor schedule.date, so it is not planned", t.ID)
			p.tactics[j] = noWalls{}
			continue
		}
		at, err := clock(sc.Time)
		if err != nil {
			return fmt.Errorf("plan: tactic %s: schedule.time: %w", t.ID, err)
		}
		b := unbounded
		if !sc.Start.IsZero() {
			b.lo = wallOf(sc.Start)
		}
		if !sc.Until.IsZero() {
			b.hi = wallOf(sc.Until) + secondsPerDay
		}
		if sc.RRule != "" {
			// The rule starts at schedule.start, else at the fixed epoch,
			// never at the horizon: its phase and COUNT do not depend on
			// what is planned.
			dtstart := ruleEpoch + at
			if !sc.Start.IsZero() {
				dtstart = wallOf(sc.Start) + at
			}
			rw, err := newRuleWalls(sc.RRule, dtstart, b)
			if err != nil {
				return p.tooMany("tactic "+t.ID, err)
			}
			p.tactics[j] = rw
			n, err := rw.count(p.from, p.to)
			if err != nil {
				return p.tooMany("tactic "+t.ID, err)
			}
			if lo, hi := b.clamp(p.from, p.to); n == 0 && lo < hi {
				p.warn("", t.ID, "tactic %s: its RRULE gives no occurrence between %s and %s", t.ID, p.opt.From, p.opt.To.AddDays(-1))
			}
		} else if w := wallOf(sc.Date) + at; w >= b.lo && w < b.hi {
			p.tactics[j] = oneWall{w}
		} else {
			p.tactics[j] = noWalls{}
		}
	}
	for j, set := range p.tactics {
		w, err := p.listWalls(set, "tactic "+s.Tactics[j].ID)
		if err != nil {
			return err
		}
		p.tacticList[j] = w
	}
	return nil
}

// tacticWalls returns tactic j's wall times in [lo, hi), which must lie
// within [cacheLo, qEnd).
func (p *planner) tacticWalls(j int, lo, hi int64) []int64 { return within(p.tacticList[j], lo, hi) }

// extraWalls returns campaign k's extra wall times in [lo, hi).
func (p *planner) extraWalls(k int, lo, hi int64) []int64 { return within(p.extraList[k], lo, hi) }

// listWalls lists a schedule's wall times from the anchor of the channels'
// sequences (or the first quarter planned, if earlier) to the end of the
// last quarter planned: the sequences count them from the anchor, which
// for a tactic without a start is the fixed epoch.
func (p *planner) listWalls(set wallSet, what string) ([]int64, error) {
	w, err := set.walls(nil, p.cacheLo, p.qEnd)
	if errors.Is(err, errTooMany) {
		return nil, fmt.Errorf("plan: %s: its RRULE gives more than %d occurrences between %s and the end of the plan, too many to plan: give it a start closer to the plan, or a rule that posts less often",
			what, maxIterations, dayString(floorDiv(p.cacheLo, secondsPerDay)))
	}
	if err != nil {
		return nil, fmt.Errorf("plan: %s: %w", what, err)
	}
	return w, nil
}

// within returns the part of the sorted walls in [lo, hi).
func within(walls []int64, lo, hi int64) []int64 {
	a, _ := slices.BinarySearch(walls, lo)
	b, _ := slices.BinarySearch(walls, hi)
	return walls[a:b]
}

// prepareCampaigns reads every campaign's extra cadence and pillar weights
// once.
func (p *planner) prepareCampaigns() error {
	if p.s.Calendar == nil {
		return nil
	}
	camps := p.s.Calendar.Campaigns
	p.extras = make([]wallSet, len(camps))
	p.extraList = make([][]int64, len(camps))
	p.campWeights = make([][]float64, len(camps))
	for k := range camps {
		c := &camps[k]
		if len(c.Pillars) > 0 {
			p.campWeights[k] = p.weightsFor(c.Pillars, func(format string, args ...any) { p.warn("", "", format, args...) }, fmt.Sprintf("campaign %s", c.ID))
		}
		if c.Extra == nil || c.From.IsZero() || c.To.IsZero() {
			continue
		}
		// The extra cadence counts from its start, else from the
		// campaign's first day, and posts within the campaign.
		b := bounds{wallOf(c.From), wallOf(c.To) + secondsPerDay}
		dtstart := b.lo
		if !c.Extra.Start.IsZero() {
			dtstart = wallOf(c.Extra.Start)
			b.lo = max(b.lo, dtstart)
		}
		var set wallSet
		var err error
		if c.Extra.RRule != "" {
			set, err = newRuleWalls(c.Extra.RRule, dtstart, b)
		} else {
			set, err = newDayTimes(c.Extra.Days, c.Extra.Times, b)
		}
		if err != nil {
			return p.tooMany(fmt.Sprintf("campaign %s: extra", c.ID), err)
		}
		p.extras[k] = set
		if p.extraList[k], err = p.listWalls(set, fmt.Sprintf("campaign %s: extra", c.ID)); err != nil {
			return err
		}
		lo, hi := b.clamp(p.from, p.to)
		if lo >= hi {
			continue
		}
		if n := len(within(p.extraList[k], lo, hi)); n == 0 && c.Extra.RRule != "" {
			p.warn("", "", "campaign %s: its extra RRULE gives no post between %s and %s", c.ID, strategy.DateOf(time.Unix(lo, 0).UTC()), strategy.DateOf(time.Unix(hi, 0).UTC()).AddDays(-1))
		}
	}
	return nil
}

// weightsFor returns the pillar weights in declared order from an override
// map, warning about ids the strategy does not declare.
func (p *planner) weightsFor(m map[string]float64, warn func(format string, args ...any), what string) []float64 {
	w := make([]float64, len(p.s.Pillars))
	var unknown []string
	for id, v := range m {
		if i, ok := p.pillarIdx[id]; ok {
			w[i] = v
		} else {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		warn("%s weights pillar %q, which the strategy does not declare; it is ignored", what, id)
	}
	return w
}

// percentages scales weights to percent of their sum.
func percentages(w []float64) []float64 {
	var sum float64
	for _, v := range w {
		if v > 0 {
			sum += v
		}
	}
	out := make([]float64, len(w))
	if sum == 0 {
		return out
	}
	for i, v := range w {
		if v > 0 {
			out[i] = v / sum * 100
		}
	}
	return out
}
