package drafts

import (
	"fmt"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// This file holds the coverage rules: the planned slots no draft fills,
// listed per channel and ISO week as findings on the channel in the
// strategy (where a reviewer decides to accept the gap or ask for posts),
// and one summary finding on the drafts file.

// maxSlotsListed is how many empty slots one finding names; the rest of
// the week's are counted.
const maxSlotsListed = 10

// channelAt builds a finding on channel i of the strategy: at its id in
// the strategy's files when the strategy knows where, else at the main
// file's first line.
func (e *engine) channelAt(i int, rule, format string, args ...any) schema.Diagnostic {
	r := ruleByID(rule)
	d := schema.Diagnostic{File: e.opt.StrategyFile, Line: 1, Column: 1, Rule: rule, Severity: r.Severity,
		Message: fmt.Sprintf(format, args...), Hint: r.Hint}
	if src := e.s.Source; src != nil && i >= 0 && src.Has(strategy.Pointer("channels", i, "id")) {
		sp := src.Span(strategy.Pointer("channels", i, "id"))
		d.File, d.Line, d.Column, d.Length = sp.Key.File, sp.Key.Line, sp.Key.Col, sp.KeyLen
		d.Path = strategy.Pointer("channels", i)
		if l, ok := src.Line(sp.Key.File, sp.Key.Line); ok {
			d.SourceLine = l
		}
	}
	return d
}

// coverage reports the empty slots, per channel and week, and sums up.
func (e *engine) coverage() {
	cal := e.slots.cal
	type week struct {
		channel string
		name    string
		slots   []string
		count   int
	}
	var weeks []*week
	last := map[string]*week{}
	for i := range cal.Slots {
		if e.slots.filled[i] > 0 {
			continue
		}
		sl := &cal.Slots[i]
		loc := time.UTC
		if c := e.channels[sl.Channel]; c != nil {
			loc = c.loc
		}
		y, wk := sl.Start.In(loc).ISOWeek()
		name := fmt.Sprintf("%d-W%02d", y, wk)
		w := last[sl.Channel]
		if w == nil || w.name != name {
			w = &week{channel: sl.Channel, name: name}
			last[sl.Channel] = w
			weeks = append(weeks, w)
		}
		w.count++
		if len(w.slots) < maxSlotsListed {
			text := slotText(sl.Start, loc)
			if sl.Tactic != "" {
				text += " (" + sl.Tactic + ")"
			}
			w.slots = append(w.slots, text)
		}
	}
	for _, w := range weeks {
		idx := -1
		if c := e.channels[w.channel]; c != nil {
			idx = c.index
		}
		list := strings.Join(w.slots, ", ")
		if w.count > len(w.slots) {
			list += fmt.Sprintf(" and %d more", w.count-len(w.slots))
		}
		e.emit(e.channelAt(idx, RuleSlotEmpty, "%s, week %s: %s without a draft: %s", w.channel, w.name, schema.Plural(w.count, "planned slot", "planned slots"), list))
	}
	r := &e.rep
	filled := 0
	for _, n := range e.slots.filled {
		if n > 0 {
			filled++
		}
	}
	beyond := r.OffSlot + r.Doubled + r.Blocked
	th := schema.Thousands
	msg := fmt.Sprintf("%s of %s from %s to %s have a draft, %s are empty; %s beyond the plan",
		th(filled), schema.Plural(len(cal.Slots), "planned slot", "planned slots"), e.from, e.to.AddDays(-1), th(len(cal.Slots)-filled), schema.Plural(beyond, "draft", "drafts"))
	if beyond > 0 {
		msg += fmt.Sprintf(" (%s at no planned slot, %s a second draft for a slot, %s on a day its channel does not post)", th(r.OffSlot), th(r.Doubled), th(r.Blocked))
	}
	if r.Outside > 0 {
		msg += fmt.Sprintf("; %s outside the period not checked", schema.Plural(r.Outside, "draft", "drafts"))
	}
	if r.Rejected > 0 {
		msg += fmt.Sprintf("; %s could not be read", schema.Plural(r.Rejected, "row or post", "rows or posts"))
	}
	e.emit(schema.Diagnostic{File: e.firstFile, Line: 1, Column: 1, Rule: RuleCoverage, Severity: schema.Info, Message: msg})
}
