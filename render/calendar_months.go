package render

import (
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// planView is what the Markdown and HTML exports read: the calendar's
// description, its totals (which they print first), its months in order,
// and its warnings (which they print last). From a whole Calendar it is
// read off the slots; from a planner's stream the totals come from a first
// pass over a second stream of the same plan and the months from the
// stream as it goes, so neither holds the plan.
type planView struct {
	cal      *planner.Calendar // the description; its Slots are not read
	posts    int
	pillars  map[string]int       // posts per pillar id
	extra    []planner.PillarInfo // pillars of slots the description does not declare, in order of appearance
	months   func(yield func(month) error) error
	warnings func() []planner.Warning
}

// planViewOf reads a whole calendar.
func planViewOf(cal *planner.Calendar) *planView {
	v := &planView{cal: cal, posts: len(cal.Slots), pillars: map[string]int{},
		warnings: func() []planner.Warning { return cal.Warnings }}
	for i := range cal.Slots {
		v.count(&cal.Slots[i])
	}
	v.months = func(yield func(month) error) error {
		for _, m := range months(cal) {
			if err := yield(m); err != nil {
				return err
			}
		}
		return nil
	}
	return v
}

func (v *planView) count(s *planner.Slot) {
	if _, ok := v.pillars[s.Pillar]; !ok && s.Pillar != "" && !declared(v.cal, s.Pillar) {
		v.extra = append(v.extra, planner.PillarInfo{ID: s.Pillar, Name: s.PillarName})
	}
	v.pillars[s.Pillar]++
}

func declared(cal *planner.Calendar, id string) bool {
	for _, p := range cal.Pillars {
		if p.ID == id {
			return true
		}
	}
	return false
}

// streamPlanView reads a planner's stream: again gives a second stream of the
// same plan to count.
func streamPlanView(st CalendarStream, again func() (*planner.Stream, error)) (*planView, error) {
	first, err := again()
	if err != nil {
		return nil, err
	}
	defer first.Close()
	v := &planView{cal: st.Calendar(), pillars: map[string]int{}, warnings: st.Warnings}
	for {
		s, err := first.Next()
		if err != nil {
			return nil, err
		}
		if s == nil {
			break
		}
		v.posts++
		v.count(s)
	}
	v.months = func(yield func(month) error) error {
		r := monthReader{st: st}
		for _, m := range horizonMonths(v.cal) {
			slots, err := r.month(m.Year, m.Month)
			if err != nil {
				return err
			}
			for i := range slots {
				m.Slots = append(m.Slots, &slots[i])
			}
			if err := yield(m); err != nil {
				return err
			}
		}
		return r.drain()
	}
	return v, nil
}

// horizonMonths returns every month the horizon touches, in order, without
// slots.
func horizonMonths(cal *planner.Calendar) []month {
	var out []month
	if cal.From.IsZero() || cal.To.IsZero() || !cal.To.After(cal.From) {
		return out
	}
	last := cal.To.AddDays(-1)
	for y, m := cal.From.Year, cal.From.Month; y < last.Year || y == last.Year && m <= last.Month; {
		out = append(out, month{Year: y, Month: m})
		if m++; m > time.December {
			y, m = y+1, time.January
		}
	}
	return out
}

// monthReader hands out a stream's slots a month of their local dates at a
// time. Slots come in order of their instants, and a local date lies
// within a day of its instant (zones run from 12 hours behind UTC to 14
// ahead), so once a slot starts more than a day after a month's end in
// UTC, that month has all its slots; the next month's slots read by then
// are kept for it.
type monthReader struct {
	st      CalendarStream
	pending []planner.Slot // read, not handed out yet
	out     []planner.Slot
	end     bool
}

// month returns the slots whose local date falls in y-m, in order; the
// slice is valid until the next call.
func (r *monthReader) month(y int, m time.Month) ([]planner.Slot, error) {
	limit := time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).Add(26 * time.Hour)
	for !r.end && (len(r.pending) == 0 || r.pending[len(r.pending)-1].Start.Before(limit)) {
		s, err := r.st.Next()
		if err != nil {
			return nil, err
		}
		if s == nil {
			r.end = true
			break
		}
		r.pending = append(r.pending, *s)
	}
	r.out = r.out[:0]
	keep := r.pending[:0]
	for _, s := range r.pending {
		sy, sm, _, ok := localDate(&s)
		switch {
		case !ok || sy < y || sy == y && sm < m:
			// Outside the horizon's months, or a month handed out: as
			// months drops it.
		case sy == y && sm == m:
			r.out = append(r.out, s)
		default:
			keep = append(keep, s)
		}
	}
	r.pending = keep
	return r.out, nil
}

// drain reads what the stream still has (slots after the horizon's last
// month cannot be, but the stream must end for its warnings).
func (r *monthReader) drain() error {
	for !r.end {
		s, err := r.st.Next()
		if err != nil {
			return err
		}
		r.end = s == nil
	}
	return nil
}
