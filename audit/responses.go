package audit

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// responses accumulates the mention log.
type responses struct {
	types   []*respType
	typeIdx map[string]int
	chanSLA []int64 // per channel: its response_sla in seconds, or 0
	defSLA  int64
	hours   *businessHours
	hist    []Bucket
	all     respType
}

// maxMentionTypes bounds how many distinct mention types the report lists;
// mentions of further types not in the strategy count as "other".
const maxMentionTypes = 50

type respType struct {
	name      string
	sla       int64 // the rule's own SLA, or 0
	mentions  int64
	answered  int64
	within    int64
	noSLA     int64
	durations sentTook // response times in seconds per sentiment; kept per type only
	sources   [4]int64 // mentions whose SLA came from type, channel, default, none
	slaSeen   int64    // the SLA value applied, or -1 when several were
}

const (
	fromType = iota
	fromChannel
	fromDefault
	fromNone
)

var sourceNames = [...]string{"type", "channel", "default", "none"}

// histogramBounds are the response-time histogram's upper bounds in
// seconds; the last bucket is open-ended.
var histogramBounds = []struct {
	upTo  int64
	label string
}{
	{15 * 60, "≤ 15m"},
	{60 * 60, "≤ 1h"},
	{4 * 3600, "≤ 4h"},
	{8 * 3600, "≤ 8h"},
	{24 * 3600, "≤ 1d"},
	{72 * 3600, "≤ 3d"},
	{0, "> 3d"},
}

func newResponses(s *strategy.Strategy, a *auditor) (*responses, error) {
	r := &responses{typeIdx: map[string]int{}, all: respType{slaSeen: 0}}
	for _, b := range histogramBounds {
		r.hist = append(r.hist, Bucket{Label: b.label, UpTo: b.upTo})
	}
	if c := s.Community; c != nil {
		r.defSLA = int64(c.DefaultSLA.Std() / time.Second)
		for _, rule := range c.Responses {
			r.addType(rule.Type, int64(rule.SLA.Std()/time.Second))
		}
		if c.BusinessHours != nil {
			bh, err := newBusinessHours(c.BusinessHours, s.Brand.Timezone)
			if err != nil {
				return nil, err
			}
			r.hours = bh
		}
	}
	for _, ch := range a.channels {
		r.chanSLA = append(r.chanSLA, int64(ch.c.ResponseSLA.Std()/time.Second))
	}
	return r, nil
}

func (r *responses) addType(name string, sla int64) int {
	if i, ok := r.typeIdx[name]; ok {
		return i
	}
	r.typeIdx[name] = len(r.types)
	r.types = append(r.types, &respType{name: name, sla: sla})
	return len(r.types) - 1
}

// typeOf returns the index of a mention type, adding types the strategy
// does not name until there are maxMentionTypes.
func (r *responses) typeOf(b []byte) int {
	if i, ok := r.typeIdx[string(b)]; ok {
		return i
	}
	name := strings.ToLower(strings.TrimSpace(shortName(b)))
	if name == "" {
		name = "other"
	}
	if i, ok := r.typeIdx[name]; ok {
		return i
	}
	if len(r.types) >= maxMentionTypes {
		name = "other"
	}
	return r.addType(name, 0)
}

// mention takes one readable row of the mention log.
func (a *auditor) mention(m *Mention) error {
	received := m.ReceivedAt.Unix()
	ci, day, ok := a.admit(&a.mentions, m.Line, m.ID, m.Channel, received)
	if !ok {
		return nil
	}
	a.useMention(m, ci, day, received)
	return nil
}

// useMention counts a used mention of channel ci received on the period's
// day at instant received.
func (a *auditor) useMention(m *Mention, ci, day int, received int64) {
	r := a.resp
	ti := r.typeOf(m.Type)
	t := r.types[ti]
	sent := sentimentOf(m.Sentiment)

	sla, src := t.sla, fromType
	switch {
	case sla > 0:
	case r.chanSLA[ci] > 0:
		sla, src = r.chanSLA[ci], fromChannel
	case r.defSLA > 0:
		sla, src = r.defSLA, fromDefault
	default:
		src = fromNone
	}
	answered := !m.RespondedAt.IsZero()
	var took int64
	if answered {
		responded := m.RespondedAt.Unix()
		if r.hours != nil {
			took = r.hours.between(received, responded)
		} else {
			took = responded - received
		}
		r.count(took)
	}
	for _, x := range [2]*respType{t, &r.all} {
		x.mentions++
		x.sources[src]++
		switch {
		case x.mentions == 1:
			x.slaSeen = sla
		case x.slaSeen != sla:
			x.slaSeen = -1
		}
		if src == fromNone {
			x.noSLA++
		}
		if answered {
			x.answered++
			if x == t {
				x.durations[sent] = append(x.durations[sent], uint32(min(took, math.MaxUint32)))
			}
			if src != fromNone && took <= sla {
				x.within++
			}
		}
	}
	a.mentionSeen(m, ci, day, ti, sent, answered, src != fromNone && answered && took <= sla, src == fromNone)
}

func (r *responses) count(took int64) {
	for i := range r.hist {
		if r.hist[i].UpTo == 0 || took <= r.hist[i].UpTo {
			r.hist[i].Count++
			return
		}
	}
}

// stats turns a type's totals into report figures; the percentiles are
// those of the response times in lists, sorted.
func (t *respType) stats(name string, lists ...[]uint32) ResponseStats {
	st := ResponseStats{
		Type:      name,
		Mentions:  t.mentions,
		Answered:  t.answered,
		WithinSLA: t.within,
		NoSLA:     t.noSLA,
		Share:     percent(t.within, t.mentions-t.noSLA),
		SLASource: "none",
	}
	used := 0
	for i, n := range t.sources {
		if n > 0 {
			used++
			st.SLASource = sourceNames[i]
		}
	}
	if used > 1 {
		st.SLASource = "mixed"
	}
	if t.slaSeen > 0 {
		st.SLA = t.slaSeen
	}
	if t.mentions == 0 && t.sla > 0 {
		st.SLA, st.SLASource = t.sla, "type"
	}
	if t.answered > 0 {
		st.Median = ptr(nearestRank(lists, 50))
		st.P90 = ptr(nearestRank(lists, 90))
	}
	return st
}

func (r *responses) report() *ResponseReport {
	rep := &ResponseReport{BusinessHours: r.hours != nil, Histogram: r.hist}
	var all [][]uint32
	for _, t := range r.types {
		for i := range t.durations {
			slices.Sort(t.durations[i])
		}
		all = append(all, t.durations[:]...)
		rep.Types = append(rep.Types, t.stats(t.name, t.durations[:]...))
	}
	rep.Overall = r.all.stats("", all...)
	return rep
}

// businessHours counts the working time between two instants: only the
// hours from start to end on working days that are not holidays, in the
// hours' own timezone, as support tools count SLAs.
type businessHours struct {
	loc        *time.Location
	days       [7]bool // indexed by time.Weekday
	open, shut [2]int  // hour, minute
	holidays   map[strategy.Date]bool
	windows    map[strategy.Date][2]int64 // cached opening and closing instants
}

func newBusinessHours(bh *strategy.BusinessHours, brandTZ string) (*businessHours, error) {
	tz := bh.Timezone
	if tz == "" {
		tz = brandTZ
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("community.business_hours: timezone %q: %w", tz, err)
	}
	b := &businessHours{loc: loc, holidays: map[strategy.Date]bool{}, windows: map[strategy.Date][2]int64{}}
	for _, d := range bh.Days {
		if wd, ok := strategy.Weekdays[d]; ok {
			b.days[wd] = true
		}
	}
	if b.open[0], b.open[1], err = strategy.ParseClock(bh.Start); err != nil {
		return nil, fmt.Errorf("community.business_hours.start: %w", err)
	}
	if b.shut[0], b.shut[1], err = strategy.ParseClock(bh.End); err != nil {
		return nil, fmt.Errorf("community.business_hours.end: %w", err)
	}
	for _, d := range bh.Holidays {
		b.holidays[d] = true
	}
	return b, nil
}

// window returns the opening and closing instants of day d, or ok false
// when d is not a working day.
func (b *businessHours) window(d strategy.Date) (open, shut int64, ok bool) {
	if w, ok := b.windows[d]; ok {
		return w[0], w[1], w[1] > w[0]
	}
	if b.days[d.Time().Weekday()] && !b.holidays[d] {
		open = planner.Resolve(b.loc, d.Year, d.Month, d.Day, b.open[0], b.open[1]).Unix()
		shut = planner.Resolve(b.loc, d.Year, d.Month, d.Day, b.shut[0], b.shut[1]).Unix()
	}
	if len(b.windows) < 1<<16 {
		b.windows[d] = [2]int64{open, shut}
	}
	return open, shut, shut > open
}

// maxBusinessDays bounds the days between counts; a response taking longer
// counts the working time of the first maxBusinessDays days, which is far
// beyond any SLA.
const maxBusinessDays = 3660

// between returns the working seconds from a to b (a ≤ b).
func (b *businessHours) between(a, z int64) int64 {
	if z <= a {
		return 0
	}
	var total int64
	d := strategy.DateOf(time.Unix(a, 0).In(b.loc))
	for i := 0; i < maxBusinessDays; i++ {
		open, shut, ok := b.window(d)
		if ok {
			if open >= z {
				break
			}
			lo, hi := max(open, a), min(shut, z)
			if hi > lo {
				total += hi - lo
			}
		} else if d.In(b.loc).Unix() >= z {
			break
		}
		d = d.AddDays(1)
	}
	return total
}
