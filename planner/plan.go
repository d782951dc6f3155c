package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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

// Kinds of wall time a channel's slot can come from, in the order that
// decides who takes a slot they share: a tactic, then the cadence, then a
// campaign's extra cadence.
const (
	kindTactic uint8 = iota
	kindCadence
	kindExtra
)

// entry is a candidate slot on one channel before blackouts and pillars.
type entry struct {
	inst  int64 // Unix seconds
	local int64 // resolved wall time
	kind  uint8
	src   int32 // tactic or campaign index
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
			start := p.opt.From
			if !sc.Start.IsZero() {
				start = sc.Start
			}
			walls, err := expandRule(nil, sc.RRule, wallOf(start)+at, lo, hi, MaxSlots)
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
		walls, err := p.cadenceWalls(c.Extra, wallOf(c.From), lo, hi)
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
func (p *planner) cadenceWalls(c *strategy.Cadence, dtstart, lo, hi int64) ([]int64, error) {
	limit := MaxSlots - p.used
	if c.RRule != "" {
		return expandRule(nil, c.RRule, dtstart, lo, hi, limit)
	}
	return expandDays(nil, c.Days, c.Times, lo, hi, limit)
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

// dayRange is an inclusive range of wall day numbers.
type dayRange struct{ a, b int64 }

func (r dayRange) has(day int64) bool { return day >= r.a && day <= r.b }

func applies(channels []string, id string) bool {
	return len(channels) == 0 || slices.Contains(channels, id)
}

// rec is a planned slot before it becomes a Slot. It holds no pointers, so
// a channel's thousands of them cost the garbage collector nothing.
type rec struct {
	inst     int64 // Unix seconds
	pillar   int32 // pillar index, or -1
	tactic   int32 // tactic index, or -1
	campaign int32 // campaign index, or -1
	format   int32 // index into the channel's formats, or -1
}

// channelSlots is one channel's plan: records sorted by start, and the
// channel's Local and UID strings, all in one allocation.
type channelSlots struct {
	c      *strategy.Channel
	zone   string
	briefs []string // per pillar: the example for this channel, else the description
	recs   []rec
	ids    string // per record: Local then UID
}

// channel plans one channel: its slots sorted by start, what it aims for,
// and how many slots blackouts removed.
func (p *planner) channel(c *strategy.Channel) (*channelSlots, ChannelPlan, int, error) {
	s := p.s
	zone := c.Timezone
	if zone == "" {
		zone = s.Brand.Timezone
	}
	if zone == "" {
		zone = "UTC"
	}
	cp := ChannelPlan{ID: c.ID, Platform: c.Platform, Timezone: zone}
	loc, err := loadLocation(zone)
	if err != nil {
		return nil, cp, 0, fmt.Errorf("plan: channel %s: %w", c.ID, err)
	}

	// Pillar weights outside campaigns.
	base := p.base
	if len(c.Pillars) > 0 {
		base = p.weights(c.Pillars, c.ID, "channel "+c.ID)
	}
	cp.Targets = percentages(base)

	// Candidate wall times: cadence, campaign extras, tactics.
	res := dayResolver{loc: loc}
	var entries []entry
	add := func(walls []int64, kind uint8, src int) {
		for _, w := range walls {
			inst, local := res.resolve(w)
			entries = append(entries, entry{inst: inst, local: local, kind: kind, src: int32(src)})
		}
	}
	if cad := c.Cadence; cad != nil {
		walls, err := p.cadenceWalls(cad, p.from, p.from, p.to)
		if err != nil {
			return nil, cp, 0, p.tooMany("channel "+c.ID+": cadence", err)
		}
		switch {
		case cad.RRule != "" && len(walls) == 0:
			p.warn(c.ID, "", "channel %s: the cadence RRULE gives no post between %s and %s", c.ID, p.opt.From, p.opt.To.AddDays(-1))
		case cad.RRule == "" && len(cad.Times) == 0:
			p.warn(c.ID, "", "channel %s: the cadence has no times (or RRULE), so it gives no posts", c.ID)
		}
		entries = slices.Grow(entries, len(walls))
		add(walls, kindCadence, 0)
	}
	cadenceEnd := len(entries)
	var camps []strategy.Campaign
	var blackouts []dayRange
	if s.Calendar != nil {
		camps = s.Calendar.Campaigns
		for _, b := range s.Calendar.Blackouts {
			if !applies(b.Channels, c.ID) {
				continue
			}
			r := dayRange{a: wallOf(b.From) / secondsPerDay, b: wallOf(b.To) / secondsPerDay}
			if !b.Date.IsZero() {
				r = dayRange{a: wallOf(b.Date) / secondsPerDay, b: wallOf(b.Date) / secondsPerDay}
			} else if b.From.IsZero() || b.To.IsZero() {
				continue
			}
			blackouts = append(blackouts, r)
		}
	}
	for k := range camps {
		if applies(camps[k].Channels, c.ID) {
			add(p.extraWalls[k], kindExtra, k)
		}
	}
	for j := range s.Tactics {
		if slices.Contains(s.Tactics[j].Channels, c.ID) {
			add(p.tacticWalls[j], kindTactic, j)
		}
	}
	if p.used+len(entries) > MaxSlots {
		return nil, cp, 0, p.tooMany("channel "+c.ID, errTooMany)
	}
	cmpEntry := func(a, b entry) int {
		switch {
		case a.inst != b.inst:
			return cmpInt(a.inst, b.inst)
		case a.kind != b.kind:
			return int(a.kind) - int(b.kind)
		default:
			return int(a.src) - int(b.src)
		}
	}
	entries = sortEntries(entries, cadenceEnd, cmpEntry)

	// Campaigns that re-weight pillars on this channel, by period.
	type reweight struct {
		k     int
		days  dayRange
		state *chairman
	}
	var reweights []reweight
	for k := range camps {
		if p.campWeights[k] != nil && applies(camps[k].Channels, c.ID) && !camps[k].From.IsZero() && !camps[k].To.IsZero() {
			reweights = append(reweights, reweight{k: k, days: dayRange{wallOf(camps[k].From) / secondsPerDay, wallOf(camps[k].To) / secondsPerDay}})
		}
	}

	main := newChairman(base)
	briefs := make([]string, len(s.Pillars))
	for i := range s.Pillars {
		pl := &s.Pillars[i]
		briefs[i] = pl.Examples[c.ID]
		if briefs[i] == "" {
			briefs[i] = pl.Description
		}
	}

	recs := make([]rec, 0, len(entries))
	locals := make([]int64, 0, len(entries))
	blackedOutTactic := map[int]int{}
	removed := 0
	for g := 0; g < len(entries); {
		e := entries[g]
		// The group of entries at this instant becomes one slot at most.
		h := g + 1
		hasCadence, extra := e.kind == kindCadence, -1
		if e.kind == kindExtra {
			extra = int(e.src)
		}
		for ; h < len(entries) && entries[h].inst == e.inst; h++ {
			o := entries[h]
			switch o.kind {
			case kindTactic:
				if o.src != e.src {
					p.warn(c.ID, s.Tactics[o.src].ID, "tactic %s falls at %s on channel %s, the same time as tactic %s: only %s is planned",
						s.Tactics[o.src].ID, formatLocal(e.local), c.ID, s.Tactics[e.src].ID, s.Tactics[e.src].ID)
				}
			case kindCadence:
				hasCadence = true
			case kindExtra:
				if extra < 0 {
					extra = int(o.src)
				}
			}
		}
		g = h

		day := floorDiv(e.local, secondsPerDay)
		if blackedOutDay(blackouts, day) {
			removed++
			if e.kind == kindTactic {
				blackedOutTactic[int(e.src)]++
			}
			continue
		}

		r := rec{inst: e.inst, pillar: -1, tactic: -1, campaign: -1, format: -1}
		state := main
		for i := range reweights {
			if reweights[i].days.has(day) {
				rw := &reweights[i]
				if rw.state == nil {
					rw.state = newChairman(p.campWeights[rw.k])
				}
				state, r.campaign = rw.state, int32(rw.k)
				break
			}
		}
		if extra >= 0 && !hasCadence {
			r.campaign = int32(extra)
		}
		if e.kind == kindTactic {
			r.tactic = e.src
			r.pillar = int32(p.tacticPill[e.src])
			state.count(int(r.pillar))
		} else {
			r.pillar = int32(state.next())
		}
		if len(c.Formats) > 0 {
			r.format = int32(len(recs) % len(c.Formats))
		}
		recs = append(recs, r)
		locals = append(locals, e.local)
	}
	for j := range s.Tactics {
		if n := blackedOutTactic[j]; n > 0 {
			p.warn(c.ID, s.Tactics[j].ID, "tactic %s: %d occurrence(s) on channel %s fall on blackout days and are not planned", s.Tactics[j].ID, n, c.ID)
		}
	}
	p.used += len(recs)
	return &channelSlots{c: c, zone: zone, briefs: briefs, recs: recs, ids: identities(locals, s.Brand.Name, c.ID)}, cp, removed, nil
}

// sortEntries sorts entries whose first n are the cadence's, nearly sorted
// already, and whose rest (campaign extras and tactics) are few: the tail is
// sorted on its own and merged in, which costs far less than sorting all.
func sortEntries(entries []entry, n int, cmp func(a, b entry) int) []entry {
	head, tail := entries[:n], entries[n:]
	if !slices.IsSortedFunc(head, cmp) {
		slices.SortFunc(head, cmp)
	}
	if len(tail) == 0 {
		return entries
	}
	slices.SortFunc(tail, cmp)
	out := make([]entry, 0, len(entries))
	i, j := 0, 0
	for i < len(head) && j < len(tail) {
		if cmp(tail[j], head[i]) < 0 {
			out = append(out, tail[j])
			j++
		} else {
			out = append(out, head[i])
			i++
		}
	}
	out = append(out, head[i:]...)
	return append(out, tail[j:]...)
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

const (
	localLen = len("2027-01-04T09:00")
	uidLen   = 20 + len("@pillar")
	idLen    = localLen + uidLen
)

// identities returns, for every wall time in locals, its Local string and
// its UID, one after the other in one string: at 200,000 slots, two small
// allocations each would dominate the plan's cost.
func identities(locals []int64, brand, channel string) string {
	buf := make([]byte, len(locals)*idLen)
	key := make([]byte, 0, len(brand)+len(channel)+2+localLen)
	key = append(append(append(append(key, brand...), '|'), channel...), '|')
	prefix := len(key)
	for i, l := range locals {
		b := buf[i*idLen:]
		putLocal(b[:localLen], l)
		key = append(key[:prefix], b[:localLen]...)
		sum := sha256.Sum256(key)
		hex.Encode(b[localLen:localLen+20], sum[:10])
		copy(b[localLen+20:], "@pillar")
	}
	return string(buf)
}

// putLocal writes the wall time w as 2006-01-02T15:04 into b.
func putLocal(b []byte, w int64) {
	t := time.Unix(w, 0).UTC()
	y, mo, d := t.Date()
	h, mi, _ := t.Clock()
	put := func(at, v, n int) {
		for i := at + n - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4] = '-'
	put(5, int(mo), 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = 'T'
	put(11, h, 2)
	b[13] = ':'
	put(14, mi, 2)
}

func formatLocal(w int64) string {
	var b [localLen]byte
	putLocal(b[:], w)
	return string(b[:])
}

// merge merges the channels' sorted records into one slice of slots sorted
// by (start, channel, tactic), building every Slot once, in place.
func (p *planner) merge(per []*channelSlots) []Slot {
	n := 0
	for _, cs := range per {
		n += len(cs.recs)
	}
	out := make([]Slot, n)
	pos := make([]int, len(per))
	heap := make([]int, 0, len(per))
	tactic := func(r *rec) string {
		if r.tactic < 0 {
			return ""
		}
		return p.s.Tactics[r.tactic].ID
	}
	less := func(a, b int) bool {
		x, y := &per[a].recs[pos[a]], &per[b].recs[pos[b]]
		if x.inst != y.inst {
			return x.inst < y.inst
		}
		if ca, cb := per[a].c.ID, per[b].c.ID; ca != cb {
			return ca < cb
		}
		if ta, tb := tactic(x), tactic(y); ta != tb {
			return ta < tb
		}
		return a < b
	}
	down := func(i int) {
		for {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(heap) && less(heap[l], heap[m]) {
				m = l
			}
			if r < len(heap) && less(heap[r], heap[m]) {
				m = r
			}
			if m == i {
				return
			}
			heap[i], heap[m] = heap[m], heap[i]
			i = m
		}
	}
	for ci, cs := range per {
		if len(cs.recs) > 0 {
			heap = append(heap, ci)
		}
	}
	for i := len(heap)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for k := 0; len(heap) > 0; k++ {
		ci := heap[0]
		cs := per[ci]
		i := pos[ci]
		p.fill(&out[k], cs, i)
		pos[ci]++
		if pos[ci] == len(cs.recs) {
			heap[0] = heap[len(heap)-1]
			heap = heap[:len(heap)-1]
		}
		down(0)
	}
	return out
}

// fill builds the Slot for record i of a channel.
func (p *planner) fill(sl *Slot, cs *channelSlots, i int) {
	r := &cs.recs[i]
	c := cs.c
	sl.Start = time.Unix(r.inst, 0).UTC()
	id := cs.ids[i*idLen : (i+1)*idLen]
	sl.Local, sl.UID = id[:localLen], id[localLen:]
	sl.Timezone, sl.Channel, sl.Platform = cs.zone, c.ID, c.Platform
	if r.format >= 0 {
		sl.Format = c.Formats[r.format]
	}
	if r.campaign >= 0 {
		sl.Campaign = p.s.Calendar.Campaigns[r.campaign].ID
	}
	var t *strategy.Tactic
	if r.tactic >= 0 {
		t = &p.s.Tactics[r.tactic]
		sl.Tactic, sl.TacticName, sl.Pillar, sl.Brief = t.ID, t.Name, t.Pillar, t.Example
	}
	if r.pillar >= 0 {
		pl := &p.s.Pillars[r.pillar]
		sl.Pillar, sl.PillarName = pl.ID, pl.Name
		if sl.Brief == "" {
			sl.Brief = cs.briefs[r.pillar]
		}
	}
	if sl.Brief == "" && t != nil {
		sl.Brief = t.Description
	}
}
