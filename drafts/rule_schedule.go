package drafts

import (
	"fmt"

	"github.com/pillar-strategy/pillar/schema"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

// This file holds the rules on when a draft goes out: its channel posts
// that day (inside its active period, not blacked out), and the time is a
// planned slot, which it then fills.

// schedule checks a draft of a known channel against the plan.
func (e *engine) schedule(d *Draft, c *channelInfo, day strategy.Date) {
	ch := c.ch
	if a := ch.Active; a != nil && ((!a.From.IsZero() && day.Before(a.From)) || (!a.To.IsZero() && day.After(a.To))) {
		e.rep.Blocked++
		e.report(RuleChannelInactive, func() schema.Diagnostic {
			return at(d, FieldAt, RuleChannelInactive, "%s posts %s, and the draft is for %s", ch.ID, activeText(a), day)
		})
		return
	}
	if b := blackoutOn(e.s, ch.ID, day); b != nil {
		e.rep.Blocked++
		why := ""
		if b.Reason != "" {
			why = " (" + b.Reason + ")"
		}
		e.report(RuleBlackout, func() schema.Diagnostic {
			return at(d, FieldAt, RuleBlackout, "%s is a blackout day for %s%s", day, ch.ID, why)
		})
		return
	}
	exact, near := e.slots.find(ch.ID, d.At)
	if exact >= 0 {
		e.slots.filled[exact]++
		if e.slots.filled[exact] == 1 {
			e.slots.first[exact] = SlotDraft{ID: shortID(d.ID), Lead: Lead(d.Text), File: d.File, Line: d.Line}
			return
		}
		e.rep.Doubled++
		f := e.slots.first[exact]
		e.report(RuleSlotTaken, func() schema.Diagnostic {
			return at(d, FieldAt, RuleSlotTaken, "the %s slot %s already has draft %s (%s:%d)", ch.ID, slotText(e.slots.cal.Slots[exact].Start, c.loc), f.ID, f.File, f.Line)
		})
		return
	}
	e.rep.OffSlot++
	if near < 0 {
		e.report(RuleOffSlot, func() schema.Diagnostic {
			return at(d, FieldAt, RuleOffSlot, "%s is not a planned slot: the plan has no %s slots from %s to %s", slotText(d.At, c.loc), ch.ID, e.from, e.to.AddDays(-1))
		})
		return
	}
	e.report(RuleOffSlot, func() schema.Diagnostic {
		sl := &e.slots.cal.Slots[near]
		state := "empty"
		if e.slots.filled[near] > 0 {
			state = "taken by " + e.slots.first[near].ID
		}
		return at(d, FieldAt, RuleOffSlot, "%s is not a planned %s slot; the nearest is %s (%s)", slotText(d.At, c.loc), ch.ID, slotText(sl.Start, c.loc), state)
	})
}

// slotText writes a time the way a planner reads it: weekday, date and
// clock in the channel's zone.
func slotText(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 2006-01-02 15:04")
}

func activeText(a *strategy.ActivePeriod) string {
	switch {
	case !a.From.IsZero() && !a.To.IsZero():
		return fmt.Sprintf("from %s to %s", a.From, a.To)
	case !a.From.IsZero():
		return fmt.Sprintf("from %s on", a.From)
	}
	return fmt.Sprintf("until %s", a.To)
}

// blackoutOn returns the blackout that covers the channel on day, or nil.
func blackoutOn(s *strategy.Strategy, channel string, day strategy.Date) *strategy.Blackout {
	if s.Calendar == nil {
		return nil
	}
	for i := range s.Calendar.Blackouts {
		b := &s.Calendar.Blackouts[i]
		if len(b.Channels) > 0 && !containsString(b.Channels, channel) {
			continue
		}
		from, to := b.From, b.To
		if !b.Date.IsZero() {
			from, to = b.Date, b.Date
		}
		if (from.IsZero() || !day.Before(from)) && (to.IsZero() || !day.After(to)) && !(from.IsZero() && to.IsZero()) {
			return b
		}
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// maxIDBytes bounds the id a slot keeps of its draft: ids are short, and a
// hostile one must not make the plan's memory grow with it.
const maxIDBytes = 64

func shortID(id string) string {
	if len(id) <= maxIDBytes {
		return id
	}
	cut := maxIDBytes
	for cut > 0 && !utf8.RuneStart(id[cut]) {
		cut--
	}
	return id[:cut] + "…"
}
