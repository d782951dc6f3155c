package planner

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unsafe"

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
	last     int // channel whose slot Next returned last, or -1
	started  bool
	finished bool
	err      error
	warnings []Warning
	done     chan struct{} // closed by Close
	closed   bool
	slot     Slot    // the slot Next returned last
	years    int     // the horizon's limit
	tree     []int   // the merge's loser tree: tree[0] the channel of the next slot
	keys     []int64 // per channel, its next slot's start; math.MaxInt64 once spent
	rank     []int   // per channel, its id's place in the sorted ids (equal ids, equal ranks)
}

// batchBuffers is how many buffers of slots a channel's planning goroutine
// makes: enough that planning never waits for a buffer while the stream
// has one to read, and few enough that they are reused rather than made
// anew for every quarter.
const batchBuffers = 4

// batch is a channel's slots of one quarter, sorted, or the error that
// stopped its planning.
type batch struct {
	recs []rec
	err  error
}

// NewStream checks opt's horizon and the strategy's schedules and prepares
// the stream; see Plan for the errors. A stream's horizon reaches
// MaxStreamYears.
func NewStream(s *strategy.Strategy, opt Options) (*Stream, error) {
	return newStream(s, opt, MaxStreamYears)
}

func newStream(s *strategy.Strategy, opt Options, years int) (st *Stream, err error) {
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, fmt.Errorf("plan: internal error (please report it): %v", r)
		}
	}()
	p, err := newPlanner(s, opt, years)
	if err != nil {
		return nil, err
	}
	st = &Stream{p: p, last: -1, done: make(chan struct{}), years: years}
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
	defer st.recover(&err)
	if err := st.advance(); err != nil || st.finished {
		return nil, err
	}
	return st.Slot(), nil
}

// recover turns a panic into the stream's error: pillar never panics.
func (st *Stream) recover(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("plan: internal error (please report it): %v", r)
		st.err = *err
	}
}

// advance moves to the next slot: st.last is its channel, unless the
// stream has finished.
func (st *Stream) advance() error {
	if st.err != nil || st.finished {
		return st.err
	}
	if !st.started {
		st.started = true
		for _, cp := range st.chans {
			cp.out, cp.free = make(chan batch, 1), make(chan []rec, batchBuffers)
			go cp.produce(st.done)
		}
		for ci := range st.chans {
			if err := st.fill(ci); err != nil {
				st.err = err
				return err
			}
		}
		st.build()
	} else {
		ci := st.last
		cp := st.chans[ci]
		cp.at++
		if cp.at < len(cp.ready) {
			cp.key = cp.ready[cp.at].inst
		} else if err := st.fill(ci); err != nil {
			st.err = err
			return err
		}
		st.replay(ci)
	}
	if len(st.chans) == 0 || st.chans[st.tree[0]].spent {
		st.finished, st.last = true, -1
		return nil
	}
	st.last = st.tree[0]
	return nil
}

// SlotKey is what sets a slot apart from the others of its Variant.
type SlotKey struct {
	// Variant is the slot's Variant.
	Variant uint64
	// Start is the slot's start in Unix seconds.
	Start int64
	// Local and UID are the slot's, valid until the next call of NextKey
	// or Next: they are read where the stream keeps the slot, in memory it
	// reuses. A Slot's own are copies, valid as long as it is kept.
	Local, UID string
}

// NextKey advances like Next but builds no Slot: it returns the next
// slot's key, and false after the last. Slot builds the slot when the
// caller needs more than its key: a writer that has already written a
// slot of the same Variant does not.
func (st *Stream) NextKey() (k SlotKey, ok bool, err error) {
	defer st.recover(&err)
	if err := st.advance(); err != nil || st.finished {
		return k, false, err
	}
	cp := st.chans[st.last]
	r := &cp.ready[cp.at]
	return SlotKey{Variant: r.variant, Start: r.inst, Local: unsafe.String(&r.id[0], localLen), UID: unsafe.String(&r.id[localLen], uidLen)}, true, nil
}

// Slot returns the slot NextKey last gave the key of (or Next last
// returned), valid until the next call of either.
func (st *Stream) Slot() *Slot {
	if st.last < 0 {
		return nil
	}
	cp := st.chans[st.last]
	if cp.texts == "" {
		// The texts of the quarter's slots, copied once: a Slot may be
		// kept after the stream has reused the memory of the quarter.
		b := make([]byte, len(cp.ready)*idLen)
		for i := range cp.ready {
			copy(b[i*idLen:], cp.ready[i].id[:])
		}
		cp.texts = unsafe.String(unsafe.SliceData(b), len(b))
	}
	cp.fill(&st.slot, &cp.ready[cp.at], cp.texts[cp.at*idLen:(cp.at+1)*idLen])
	return &st.slot
}

// fill takes channel ci's next quarter of slots, handing back the one it
// has read; a channel with no more is spent.
func (st *Stream) fill(ci int) error {
	cp := st.chans[ci]
	if cp.ready != nil {
		select {
		case cp.free <- cp.ready[:0]:
		default:
		}
	}
	cp.ready, cp.at, cp.texts = nil, 0, ""
	for b := range cp.out {
		if b.err != nil {
			return b.err
		}
		if len(b.recs) > 0 {
			cp.ready, cp.key = b.recs, b.recs[0].inst
			return nil
		}
		// An empty quarter's buffer goes back too: planning waits for it.
		select {
		case cp.free <- b.recs[:0]:
		default:
		}
	}
	cp.spent = true
	return nil
}

// Again returns a new stream of the same plan, from its first slot: a
// writer that must count the plan before writing it reads it twice rather
// than hold it.
func (st *Stream) Again() (*Stream, error) { return newStream(st.p.s, st.p.opt, st.years) }

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
	made := 0
	for !cp.done() {
		// A channel's quarters live in batchBuffers buffers that go round
		// between this goroutine and the stream: one being read, one
		// waiting, one being planned. Once all are made, the next quarter
		// waits for the one read last, which is then written over.
		var buf []rec
		if made < batchBuffers {
			select {
			case buf = <-cp.free:
			default:
				made++
			}
		} else {
			select {
			case buf = <-cp.free:
			case <-done:
				return
			}
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

// before orders channels by their next slot: start, channel, tactic; a
// spent channel (key math.MaxInt64 and spent) comes after all others.
func (st *Stream) before(a, b int) bool {
	if ka, kb := st.keys[a], st.keys[b]; ka != kb {
		return ka < kb
	}
	ca, cb := st.chans[a], st.chans[b]
	if ca.spent || cb.spent {
		if ca.spent != cb.spent {
			return cb.spent
		}
		return a < b
	}
	if x, y := st.rank[a], st.rank[b]; x != y {
		return x < y
	}
	x, y := &ca.ready[ca.at], &cb.ready[cb.at]
	if tx, ty := st.tacticID(x), st.tacticID(y); tx != ty {
		return tx < ty
	}
	return a < b
}

// build sets up the merge of the channels as a loser tree: leaf i (node
// k+i of k channels) is channel i, every inner node keeps the loser of the
// match played there, and tree[0] the overall winner, the channel of the
// next slot. Replacing the winner's key replays one match per level.
func (st *Stream) build() {
	k := len(st.chans)
	// Two slots at the same instant go by channel id: ranks compare
	// them without comparing the strings at every tie.
	byID := make([]int, k)
	for i := range byID {
		byID[i] = i
	}
	slices.SortStableFunc(byID, func(a, b int) int { return strings.Compare(st.chans[a].c.ID, st.chans[b].c.ID) })
	st.rank = make([]int, k)
	for r, i := range byID {
		st.rank[i] = r
		if r > 0 && st.chans[byID[r-1]].c.ID == st.chans[i].c.ID {
			st.rank[i] = st.rank[byID[r-1]]
		}
	}
	st.keys = make([]int64, k)
	for i, cp := range st.chans {
		st.keys[i] = cp.key
		if cp.spent {
			st.keys[i] = math.MaxInt64
		}
	}
	st.tree = make([]int, max(k, 1))
	win := make([]int, 2*k)
	for i := 0; i < k; i++ {
		win[k+i] = i
	}
	for n := k - 1; n >= 1; n-- {
		a, b := win[2*n], win[2*n+1]
		if st.before(b, a) {
			a, b = b, a
		}
		win[n], st.tree[n] = a, b
	}
	if k > 1 {
		st.tree[0] = win[1]
	}
}

// replay plays channel ci's matches again after its key changed.
func (st *Stream) replay(ci int) {
	st.keys[ci] = st.chans[ci].key
	if st.chans[ci].spent {
		st.keys[ci] = math.MaxInt64
	}
	w, keys := ci, st.keys
	for n := (ci + len(st.chans)) / 2; n >= 1; n /= 2 {
		// The keys decide almost every match; only a tie needs before.
		t := st.tree[n]
		if kt, kw := keys[t], keys[w]; kt < kw || kt == kw && st.before(t, w) {
			st.tree[n], w = w, t
		}
	}
	st.tree[0] = w
}

func (st *Stream) tacticID(r *rec) string {
	if r.tactic < 0 {
		return ""
	}
	return st.p.s.Tactics[r.tactic].ID
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
