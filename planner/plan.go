package planner

import (
	"errors"
	"fmt"
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
	if s == nil {
		return nil, errors.New("plan: no strategy to plan")
	}
	if err := checkHorizon(opt); err != nil {
		return nil, err
	}
	p := &planner{s: s, opt: opt, from: wallOf(opt.From), to: wallOf(opt.To)}
	return p.plan()
}

func checkHorizon(opt Options) error {
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
	if limit := strategy.DateOf(opt.From.Time().AddDate(MaxHorizonYears, 0, 0)); opt.To.After(limit) {
		return fmt.Errorf("plan: the horizon %s to %s is longer than the limit of %d years: end it on %s at the latest, or plan in parts", opt.From, opt.To, MaxHorizonYears, limit)
	}
	return nil
}

// planner holds what one Plan call works out once and shares between
// channels.
type planner struct {
	s        *strategy.Strategy
	opt      Options
	from, to int64 // horizon as wall times
	used     int   // slots planned so far, against MaxSlots

	pillarIdx map[string]int
	base      []float64 // strategy pillar weights, declared order

	tacticWalls [][]int64 // per tactic, zone-free wall times in the horizon
	tacticPill  []int     // per tactic, pillar index or -1
	extraWalls  [][]int64 // per campaign, its extra cadence's wall times
	campWeights [][]float64

	warnings []Warning
}

func (p *planner) warn(channel, tactic, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Channel: channel, Tactic: tactic, Message: fmt.Sprintf(format, args...)})
}

func (p *planner) plan() (*Calendar, error) {
	s := p.s
	cal := &Calendar{Brand: s.Brand.Name, From: p.opt.From, To: p.opt.To, Timezone: s.Brand.Timezone}
	p.pillarIdx = make(map[string]int, len(s.Pillars))
	p.base = make([]float64, len(s.Pillars))
	if len(s.Pillars) > maxPillars {
		return nil, fmt.Errorf("plan: %d pillars is more than the planner handles (%d)", len(s.Pillars), maxPillars)
	}
	for i, pl := range s.Pillars {
		if _, dup := p.pillarIdx[pl.ID]; !dup {
			p.pillarIdx[pl.ID] = i
		}
		p.base[i] = pl.Weight
		cal.Pillars = append(cal.Pillars, PillarInfo{ID: pl.ID, Name: pl.Name})
	}
	for _, t := range s.Tactics {
		cal.Tactics = append(cal.Tactics, TacticInfo{ID: t.ID, Name: t.Name})
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
	if s.Calendar != nil {
		for k, c := range s.Calendar.Campaigns {
			ci := CampaignInfo{ID: c.ID, Name: c.Name}
			if p.campWeights[k] != nil {
				ci.Targets = percentages(p.campWeights[k])
			}
			cal.Campaigns = append(cal.Campaigns, ci)
		}
	}

	perChannel := make([]*channelSlots, len(s.Channels))
	blackedOut := 0
	for ci := range s.Channels {
		c := &s.Channels[ci]
		cs, cp, removed, err := p.channel(c)
		if err != nil {
			return nil, err
		}
		perChannel[ci] = cs
		blackedOut += removed
		cal.Channels = append(cal.Channels, cp)
	}
	cal.Slots = p.merge(perChannel)
	if len(cal.Slots) == 0 {
		if blackedOut > 0 {
			p.warn("", "", "blackouts cover every post between %s and %s: the calendar is empty", p.opt.From, p.opt.To.AddDays(-1))
		} else {
			p.warn("", "", "no channel has a cadence or tactic that gives a post between %s and %s", p.opt.From, p.opt.To.AddDays(-1))
		}
	}
	cal.Warnings = p.warnings
	if cal.Warnings == nil {
		cal.Warnings = []Warning{}
	}
	return cal, nil
}

// tooMany turns errTooMany into the message a user can act on.
func (p *planner) tooMany(what string, err error) error {
	if errors.Is(err, errTooMany) {
		return fmt.Errorf("plan: %s: more than %d posts between %s and %s; plan a shorter horizon or post less often", what, MaxSlots, p.opt.From, p.opt.To.AddDays(-1))
	}
	return fmt.Errorf("plan: %s: %w", what, err)
}

// prepareTactics works out every tactic's wall times once; they are the
// same on each of its channels, which resolve them in their own zones.
func (p *planner) prepareTactics() error {
	s := p.s
	p.tacticWalls = make([][]int64, len(s.Tactics))
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
			continue
		}
		at, err := clock(sc.Time)
		if err != nil {
			return fmt.Errorf("plan: tactic %s: schedule.time: %w", t.ID, err)
		}
		lo, hi := p.from, p.to
		if !sc.Start.IsZero() && wallOf(sc.Start) > lo {
			lo = wallOf(sc.Start)
		}
		if !sc.Until.IsZero() && wallOf(sc.Until)+secondsPerDay < hi {
			hi = wallOf(sc.Until) + secondsPerDay
		}
		if sc.RRule != "" {
			// The rule starts at schedule.start, else at the fixed epoch,
			// never at the horizon: its phase and COUNT do not depend on
			// what is planned.
			dtstart := ruleEpoch + at
			if !sc.Start.IsZero() {
				dtstart = wallOf(sc.Start) + at
			}
			walls, _, err := expandRule(nil, sc.RRule, dtstart, lo, hi, MaxSlots)
			if err != nil {
				return p.tooMany("tactic "+t.ID, err)
			}
			if len(walls) == 0 && lo < hi {
				p.warn("", t.ID, "tactic %s: its RRULE gives no occurrence between %s and %s", t.ID, p.opt.From, p.opt.To.AddDays(-1))
			}
			p.tacticWalls[j] = walls
		} else if w := wallOf(sc.Date) + at; w >= lo && w < hi {
			p.tacticWalls[j] = []int64{w}
		}
	}
	return nil
}

// prepareCampaigns works out every campaign's extra wall times and pillar
// weights once.
func (p *planner) prepareCampaigns() error {
	if p.s.Calendar == nil {
		return nil
	}
	camps := p.s.Calendar.Campaigns
	p.extraWalls = make([][]int64, len(camps))
	p.campWeights = make([][]float64, len(camps))
	for k := range camps {
		c := &camps[k]
		if len(c.Pillars) > 0 {
			p.campWeights[k] = p.weights(c.Pillars, "", fmt.Sprintf("campaign %s", c.ID))
		}
		if c.Extra == nil || c.From.IsZero() || c.To.IsZero() {
			continue
		}
		lo, hi := max(p.from, wallOf(c.From)), min(p.to, wallOf(c.To)+secondsPerDay)
		if lo >= hi {
			continue
		}
		walls, _, err := p.cadenceWalls(c.Extra, wallOf(c.From), lo, hi)
		if err != nil {
			return p.tooMany(fmt.Sprintf("campaign %s: extra", c.ID), err)
		}
		if len(walls) == 0 && c.Extra.RRule != "" {
			p.warn("", "", "campaign %s: its extra RRULE gives no post between %s and %s", c.ID, strategy.DateOf(time.Unix(lo, 0).UTC()), strategy.DateOf(time.Unix(hi, 0).UTC()).AddDays(-1))
		}
		p.extraWalls[k] = walls
	}
	return nil
}

// cadenceWalls expands a cadence over [lo, hi); an RRULE starts at dtstart.
func (p *planner) cadenceWalls(c *strategy.Cadence, dtstart, lo, hi int64) ([]int64, ruleRun, error) {
	limit := MaxSlots - p.used
	if c.RRule != "" {
		return expandRule(nil, c.RRule, dtstart, lo, hi, limit)
	}
	walls, err := expandDays(nil, c.Days, c.Times, lo, hi, limit)
	return walls, ruleRun{}, err
}

// weights returns the pillar weights in declared order from an override
// map, warning about ids the strategy does not declare.
func (p *planner) weights(m map[string]float64, channel, what string) []float64 {
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
		p.warn(channel, "", "%s weights pillar %q, which the strategy does not declare; it is ignored", what, id)
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
