package planner

import (
	"fmt"
	"slices"

	"github.com/pillar-strategy/pillar/strategy"
)

// Stream plans a calendar one slot at a time, in calendar order (start,
// channel, tactic), so that a plan of any length is written as it is made,
// in memory that does not grow with the horizon: each channel holds one
// calendar quarter at a time. Plan collects a Stream into a Calendar; both
// give the same slots and warnings.
//
// NewStream does every check that can fail before the first slot (horizon,
// zones, times, RRULEs, the number of posts), so a stream that starts is
// one that finishes, unless rrule-go fails on a rule it first accepted.
type Stream struct {
	p        *planner
	cal      *Calendar
	chans    []*channelPlan
	posts    int
	heap     []int // channels with a slot ready, by their next slot
	last     int   // channel whose slot Next returned last, or -1
	started  bool
	finished bool
	err      error
}

// NewStream checks opt's horizon and the strategy's schedules and prepares
// the stream; see Plan for the errors.
func NewStream(s *strategy.Strategy, opt Options) (st *Stream, err error) {
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, fmt.Errorf("plan: internal error (please report it): %v", r)
		}
	}()
	p, err := newPlanner(s, opt)
	if err != nil {
		return nil, err
	}
	st = &Stream{p: p, last: -1}
	cal := &Calendar{Brand: s.Brand.Name, From: opt.From, To: opt.To, Timezone: s.Brand.Timezone}
	for _, pl := range s.Pillars {
		cal.Pillars = append(cal.Pillars, PillarInfo{ID: pl.ID, Name: pl.Name})
	}
	for _, t := range s.Tactics {
		cal.Tactics = append(cal.Tactics, TacticInfo{ID: t.ID, Name: t.Name})
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
	for ci := range s.Channels {
		cp, err := p.newChannelPlan(ci)
		if err != nil {
			return nil, err
		}
		n, err := cp.horizonPositions()
		if err != nil {
			return nil, err
		}
		if st.posts += n; st.posts > MaxSlots {
			return nil, p.tooMany("channel "+cp.c.ID, errTooMany)
		}
		st.chans = append(st.chans, cp)
		cal.Channels = append(cal.Channels, cp.info)
	}
	st.cal = cal
	return st, nil
}

// Calendar returns the calendar's description: everything but its slots
// and warnings, which come from Next and Warnings.
func (st *Stream) Calendar() *Calendar {
	c := *st.cal
	return &c
}

// Posts returns an upper bound of the number of slots the stream gives.
func (st *Stream) Posts() int { return st.posts }

// Next returns the next slot, or nil after the last one. The slot is valid
// until the next call; copy it to keep it.
func (st *Stream) Next() (sl *Slot, err error) {
	defer func() {
		if r := recover(); r != nil {
			sl, err = nil, fmt.Errorf("plan: internal error (please report it): %v", r)
			st.err = err
		}
	}()
	if st.err != nil || st.finished {
		return nil, st.err
	}
	if !st.started {
		st.started = true
		for ci := range st.chans {
			ok, err := st.fill(ci)
			if err != nil {
				st.err = err
				return nil, err
			}
			if ok {
				st.heap = append(st.heap, ci)
			}
		}
		for i := len(st.heap)/2 - 1; i >= 0; i-- {
			st.down(i)
		}
	} else if ci := st.last; ci >= 0 {
		cp := st.chans[ci]
		cp.at++
		if cp.at == len(cp.ready) {
			ok, err := st.fill(ci)
			if err != nil {
				st.err = err
				return nil, err
			}
			if !ok {
				st.heap[0] = st.heap[len(st.heap)-1]
				st.heap = st.heap[:len(st.heap)-1]
			}
		}
		st.down(0)
	}
	if len(st.heap) == 0 {
		st.finished, st.last = true, -1
		return nil, nil
	}
	st.last = st.heap[0]
	cp := st.chans[st.last]
	return &cp.ready[cp.at], nil
}

// fill plans channel ci's quarters until it has a slot ready; it reports
// false when the channel has no more.
func (st *Stream) fill(ci int) (bool, error) {
	cp := st.chans[ci]
	cp.ready, cp.at = cp.ready[:0], 0
	for len(cp.ready) == 0 {
		if cp.done() {
			if len(cp.held) == 0 {
				return false, nil
			}
			cp.ready = append(cp.ready, cp.held...)
			cp.held = cp.held[:0]
			break
		}
		if err := cp.nextQuarter(); err != nil {
			return false, err
		}
		cp.release()
	}
	return true, nil
}

// Warnings returns the plan's warnings once Next has returned nil: those of
// the whole plan, then each channel's in declared order.
func (st *Stream) Warnings() []Warning {
	p := st.p
	out := append([]Warning{}, p.warnings...)
	posts, removed := 0, 0
	for _, cp := range st.chans {
		out = append(out, cp.finish()...)
		posts += cp.posts
		removed += cp.removed
	}
	if posts == 0 {
		if removed > 0 {
			out = append(out, Warning{Message: fmt.Sprintf("blackouts cover every post between %s and %s: the calendar is empty", p.opt.From, p.opt.To.AddDays(-1))})
		} else {
			out = append(out, Warning{Message: fmt.Sprintf("no channel has a cadence or tactic that gives a post between %s and %s", p.opt.From, p.opt.To.AddDays(-1))})
		}
	}
	return out
}

// less orders channels by their next slot: start, channel, tactic.
func (st *Stream) less(a, b int) bool {
	ca, cb := st.chans[a], st.chans[b]
	x, y := &ca.ready[ca.at], &cb.ready[cb.at]
	if !x.Start.Equal(y.Start) {
		return x.Start.Before(y.Start)
	}
	if x.Channel != y.Channel {
		return x.Channel < y.Channel
	}
	if x.Tactic != y.Tactic {
		return x.Tactic < y.Tactic
	}
	return a < b
}

func (st *Stream) down(i int) {
	h := st.heap
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && st.less(h[l], h[m]) {
			m = l
		}
		if r < len(h) && st.less(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}

// release moves the quarter's slots to ready, keeping back those of its
// last days: a wall time moved by a daylight-saving gap may come after the
// next quarter's first, so they are merged with that quarter first.
func (cp *channelPlan) release() {
	all := append(append(cp.merged[:0], cp.held...), cp.slots...)
	if !slices.IsSortedFunc(all, cmpSlotStart) {
		slices.SortStableFunc(all, cmpSlotStart)
	}
	cut := len(all)
	if !cp.done() {
		edge := cp.q - 3*secondsPerDay
		for cut > 0 && all[cut-1].Start.Unix() >= edge {
			cut--
		}
	}
	cp.ready = append(cp.ready[:0], all[:cut]...)
	cp.held = append(cp.held[:0], all[cut:]...)
	cp.merged = all
}

func cmpSlotStart(a, b Slot) int { return a.Start.Compare(b.Start) }

// horizonPositions counts the channel's positions in the horizon: at least
// as many as its posts.
func (cp *channelPlan) horizonPositions() (int, error) {
	p := cp.p
	n, err := cp.cad.count(p.from, p.to)
	if err != nil {
		return 0, p.tooMany("channel "+cp.c.ID+": cadence", err)
	}
	for _, j := range cp.tactics {
		n += int64(len(p.tacticWalls(j, p.from, p.to)))
	}
	for _, k := range cp.extras {
		n += int64(len(p.extraWalls(k, p.from, p.to)))
	}
	return int(min(n, MaxSlots+1)), nil
}
