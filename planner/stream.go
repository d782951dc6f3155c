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
//
// Channels are planned concurrently, each a quarter ahead of the slot last
// handed out, while the caller writes: on two cores planning and writing
// overlap. The order of the slots does not depend on it. Close stops the
// planning when the caller stops reading before the end.
type Stream struct {
	p        *planner
	cal      *Calendar
	chans    []*channelPlan
	posts    int
	heap     []heapItem // channels with a slot ready, by their next slot
	last     int        // channel whose slot Next returned last, or -1
	started  bool
	finished bool
	err      error
	warnings []Warning
	done     chan struct{} // closed by Close
	closed   bool
	slot     Slot // the slot Next returned last
	lazy     bool // Next is called by NextKey: build no Slot
}

// batch is a channel's slots of one quarter, sorted, or the error that
// stopped its planning.
type batch struct {
	recs []rec
	err  error
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
	st = &Stream{p: p, last: -1, done: make(chan struct{})}
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
		for _, cp := range st.chans {
			cp.out, cp.free = make(chan batch, 1), make(chan []rec, 2)
			go cp.produce(st.done)
		}
		for ci := range st.chans {
			ok, err := st.fill(ci)
			if err != nil {
				st.err = err
				return nil, err
			}
			if ok {
				st.heap = append(st.heap, heapItem{key: st.chans[ci].key, ci: ci})
			}
		}
		for i := len(st.heap)/2 - 1; i >= 0; i-- {
			st.down(i)
		}
	} else if ci := st.last; ci >= 0 {
		cp := st.chans[ci]
		cp.at++
		if cp.at < len(cp.ready) {
			cp.key = cp.ready[cp.at].inst
		} else {
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
		if len(st.heap) > 0 && st.heap[0].ci == ci {
			st.heap[0].key = cp.key
		}
		st.down(0)
	}
	if len(st.heap) == 0 {
		st.finished, st.last = true, -1
		return nil, nil
	}
	st.last = st.heap[0].ci
	if st.lazy {
		return nil, nil
	}
	cp := st.chans[st.last]
	cp.fill(&st.slot, &cp.ready[cp.at])
	return &st.slot, nil
}

// SlotKey is what sets a slot apart from the others of its Variant.
type SlotKey struct {
	// Variant is the slot's Variant.
	Variant uint64
	// Start is the slot's start in Unix seconds.
	Start int64
	// Local and UID are the slot's.
	Local, UID string
}

// NextKey advances like Next but builds no Slot: it returns the next
// slot's key, and false after the last. Slot builds the slot when the
// caller needs more than its key: a writer that has already written a
// slot of the same Variant does not.
func (st *Stream) NextKey() (k SlotKey, ok bool, err error) {
	st.lazy = true
	defer func() { st.lazy = false }()
	if _, err := st.Next(); err != nil || st.finished {
		return k, false, err
	}
	cp := st.chans[st.last]
	r := &cp.ready[cp.at]
	return SlotKey{Variant: variant(cp.ci, int(r.pillar), int(r.tactic), int(r.campaign), int(r.format)), Start: r.inst,
		Local: r.id[:localLen], UID: r.id[localLen:]}, true, nil
}

// Slot returns the slot NextKey last gave the key of (or Next last
// returned), valid until the next call of either.
func (st *Stream) Slot() *Slot {
	if st.last < 0 {
		return nil
	}
	cp := st.chans[st.last]
	cp.fill(&st.slot, &cp.ready[cp.at])
	return &st.slot
}

// fill takes channel ci's next quarter of slots, handing back the one it
// has read; it reports false when the channel has no more.
func (st *Stream) fill(ci int) (bool, error) {
	cp := st.chans[ci]
	if cp.ready != nil {
		select {
		case cp.free <- cp.ready[:0]:
		default:
		}
	}
	cp.ready, cp.at = nil, 0
	for b := range cp.out {
		if b.err != nil {
			return false, b.err
		}
		if len(b.recs) > 0 {
			cp.ready, cp.key = b.recs, b.recs[0].inst
			return true, nil
		}
	}
	return false, nil
}

// Close stops planning; the stream gives no more slots. It need not be
// called once Next has returned nil or an error.
func (st *Stream) Close() {
	if !st.closed {
		st.closed = true
		close(st.done)
	}
}

// produce plans the channel's quarters in order and sends each, sorted,
// until the last or until done is closed.
func (cp *channelPlan) produce(done <-chan struct{}) {
	defer close(cp.out)
	send := func(b batch) bool {
		select {
		case cp.out <- b:
			return true
		case <-done:
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(batch{err: fmt.Errorf("plan: internal error (please report it): %v", r)})
		}
	}()
	for !cp.done() {
		var buf []rec
		select {
		case buf = <-cp.free:
		default:
		}
		cp.recs = append(buf[:0], cp.held...)
		if err := cp.nextQuarter(); err != nil {
			send(batch{err: err})
			return
		}
		if !send(batch{recs: cp.release()}) {
			return
		}
	}
	if len(cp.held) > 0 {
		send(batch{recs: append([]rec(nil), cp.held...)})
	}
}

// Warnings returns the plan's warnings once Next has returned nil: those of
// the whole plan, then each channel's in declared order.
func (st *Stream) Warnings() []Warning {
	if st.warnings != nil {
		return st.warnings
	}
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
	if st.finished {
		st.warnings = out
	}
	return out
}

// heapItem is a channel in the merge, with its next slot's start.
type heapItem struct {
	key int64
	ci  int
}

// less orders channels by their next slot: start, channel, tactic.
func (st *Stream) less(a, b heapItem) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	ca, cb := st.chans[a.ci], st.chans[b.ci]
	if x, y := ca.c.ID, cb.c.ID; x != y {
		return x < y
	}
	x, y := &ca.ready[ca.at], &cb.ready[cb.at]
	if tx, ty := st.tacticID(x), st.tacticID(y); tx != ty {
		return tx < ty
	}
	return a.ci < b.ci
}

func (st *Stream) tacticID(r *rec) string {
	if r.tactic < 0 {
		return ""
	}
	return st.p.s.Tactics[r.tactic].ID
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

// release makes the quarter's slots ready, keeping back those of its last
// days: a wall time moved by a daylight-saving gap may come after the next
// quarter's first, so they are merged with that quarter first.
func (cp *channelPlan) release() []rec {
	all := cp.recs
	if !slices.IsSortedFunc(all, cmpRec) {
		slices.SortStableFunc(all, cmpRec)
	}
	cut := len(all)
	if !cp.done() {
		edge := cp.q - 3*secondsPerDay
		for cut > 0 && all[cut-1].inst >= edge {
			cut--
		}
	}
	cp.held = append(cp.held[:0], all[cut:]...)
	return all[:cut]
}

func cmpRec(a, b rec) int { return cmpInt(a.inst, b.inst) }

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
