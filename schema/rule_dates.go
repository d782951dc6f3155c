package schema

import (
	"fmt"

	"github.com/pillar-strategy/pillar/strategy"
)

// The years a strategy can plan for. A date outside them is almost always
// a typo in the year (2207 for 2027), and bounding them keeps the planner's
// loops short.
var (
	firstDate = strategy.Date{Year: 2000, Month: 1, Day: 1}
	lastDate  = strategy.Date{Year: 2099, Month: 12, Day: 31}
)

// datedValue is one date in the strategy and where it was written.
type datedValue struct {
	ptr  string
	date strategy.Date
}

// dates lists every date the strategy sets, in the order of the file.
func (c *checker) dates() []datedValue {
	s := c.s
	var out []datedValue
	add := func(d strategy.Date, tokens ...any) {
		if !d.IsZero() {
			out = append(out, datedValue{strategy.Pointer(tokens...), d})
		}
	}
	for i, p := range s.Personas {
		add(p.LastReviewed, "personas", i, "last_reviewed")
	}
	for i, ch := range s.Channels {
		if ch.Active != nil {
			add(ch.Active.From, "channels", i, "active", "from")
			add(ch.Active.To, "channels", i, "active", "to")
		}
		for k := range ch.Cadence {
			if d := ch.Cadence[k].Start; !d.IsZero() {
				out = append(out, datedValue{c.cadencePointer(i, k) + "/start", d})
			}
		}
	}
	for i, t := range s.Tactics {
		add(t.Schedule.Date, "tactics", i, "schedule", "date")
		add(t.Schedule.Start, "tactics", i, "schedule", "start")
		add(t.Schedule.Until, "tactics", i, "schedule", "until")
	}
	for i, inf := range s.Influencers {
		if inf.Contract != nil {
			add(inf.Contract.From, "influencers", i, "contract", "from")
			add(inf.Contract.To, "influencers", i, "contract", "to")
		}
	}
	if s.Community != nil && s.Community.BusinessHours != nil {
		for i, d := range s.Community.BusinessHours.Holidays {
			add(d, "community", "business_hours", "holidays", i)
		}
	}
	if s.Calendar != nil {
		for i, b := range s.Calendar.Blackouts {
			add(b.Date, "calendar", "blackouts", i, "date")
			add(b.From, "calendar", "blackouts", i, "from")
			add(b.To, "calendar", "blackouts", i, "to")
		}
		for i, cp := range s.Calendar.Campaigns {
			add(cp.From, "calendar", "campaigns", i, "from")
			add(cp.To, "calendar", "campaigns", i, "to")
			if cp.Extra != nil {
				add(cp.Extra.Start, "calendar", "campaigns", i, "extra", "start")
			}
		}
	}
	return out
}

// checkDates keeps every date within the years a strategy can plan for.
func checkDates(c *checker) {
	for _, d := range c.dates() {
		if d.date.Before(firstDate) || d.date.After(lastDate) {
			c.report("date-out-of-range", d.ptr, false, "",
				"%s is outside the years a strategy can plan for (%d to %d)", d.date, firstDate.Year, lastDate.Year)
		}
	}
}

// checkPeriods requires every period to end on or after the day it starts,
// and every blackout to be either one day or a range.
func checkPeriods(c *checker) {
	s := c.s
	// order reports a period whose end (the key end under base) comes
	// before its start (the key start).
	order := func(what string, from, to strategy.Date, base, start, end string) {
		if from.IsZero() || to.IsZero() || !to.Before(from) {
			return
		}
		c.report("period-order", base+"/"+end, false,
			fmt.Sprintf("Swap %s and %s, or correct the date that is wrong. Both days are included in the period.", start, end),
			"%s ends on %s, before it starts on %s", what, to, from)
	}
	for i, t := range s.Tactics {
		order(fmt.Sprintf("the tactic %q", t.ID), t.Schedule.Start, t.Schedule.Until,
			strategy.Pointer("tactics", i, "schedule"), "start", "until")
	}
	for i, ch := range s.Channels {
		if ch.Active != nil {
			order(fmt.Sprintf("the active period of the channel %q", ch.ID), ch.Active.From, ch.Active.To,
				strategy.Pointer("channels", i, "active"), "from", "to")
		}
	}
	for i, inf := range s.Influencers {
		if inf.Contract != nil {
			order(fmt.Sprintf("the contract with %q", inf.Handle), inf.Contract.From, inf.Contract.To,
				strategy.Pointer("influencers", i, "contract"), "from", "to")
		}
	}
	if s.Calendar == nil {
		return
	}
	for i, cp := range s.Calendar.Campaigns {
		order(fmt.Sprintf("the campaign %q", cp.ID), cp.From, cp.To, strategy.Pointer("calendar", "campaigns", i), "from", "to")
	}
	for i, b := range s.Calendar.Blackouts {
		ptr := strategy.Pointer("calendar", "blackouts", i)
		hasRange := !b.From.IsZero() || !b.To.IsZero()
		switch {
		case !b.Date.IsZero() && hasRange:
			c.report("blackout-shape", ptr+"/date", true,
				"Keep date for a single day, or from and to for a range, and remove the other.",
				"the blackout has both a date and a from/to range")
		case b.Date.IsZero() && !hasRange:
			c.report("blackout-shape", ptr, false,
				"Set date for a single day (e.g. date: 2027-05-17), or from and to for a range (both inclusive).",
				"the blackout has no date: it needs a date, or from and to")
		case hasRange && (b.From.IsZero() || b.To.IsZero()):
			missing := "to"
			if b.From.IsZero() {
				missing = "from"
			}
			c.report("blackout-shape", ptr, false,
				"A blackout range needs both from and to (both inclusive); for a single day, use date.",
				"the blackout range has no %s date", missing)
		default:
			order("the blackout", b.From, b.To, ptr, "from", "to")
		}
	}
}
