package strategy

import (
	"fmt"
	"strconv"
	"strings"
)

// cadences compares a channel's cadences. One cadence on each side is
// compared field by field. With several on either side, cadences that
// are the same on both sides are matched first wherever they stand, so
// reordering them is no change; the others are paired in the order they
// are written and compared field by field, and those left over were added
// or removed. A cadence of several is named by its number in its list
// (1-based), e.g. "/channels/instagram/cadence/2/times", and a change of
// the channel's weekly minimum in all (the sum of its cadences') is one
// more change.
func (d *differ) cadences(path, subject string, o, n Cadences) {
	if len(o) <= 1 && len(n) <= 1 {
		d.cadence(path, subject, first(o), first(n))
		return
	}
	if om, nm := o.MinPerWeek(), n.MinPerWeek(); om != nm {
		d.add(path+"/min_per_week", Changed, strconv.Itoa(om), strconv.Itoa(nm),
			fmt.Sprintf("%s: %d → %d posts a week in all", subject, om, nm))
	}
	// Match equal cadences first, then pair the rest in order.
	pairOf := make([]int, len(n)) // new index → old index, or -1
	used := make([]bool, len(o))
	for j := range n {
		pairOf[j] = -1
		for i := range o {
			if !used[i] && cadenceText(&o[i]) == cadenceText(&n[j]) {
				pairOf[j], used[i] = i, true
				break
			}
		}
	}
	next := 0
	for j := range n {
		if pairOf[j] >= 0 {
			continue
		}
		for next < len(o) && used[next] {
			next++
		}
		if next < len(o) {
			pairOf[j], used[next] = next, true
		}
	}
	for j := range n {
		p, s := cadencePath(path, j), cadenceSubject(subject, j)
		if i := pairOf[j]; i >= 0 {
			d.cadence(p, s, &o[i], &n[j])
		} else {
			d.add(p, Added, "", cadenceText(&n[j]), fmt.Sprintf("%s: cadence %d added (%s)", subject, j+1, cadenceText(&n[j])))
		}
	}
	for i := range o {
		if !used[i] {
			d.add(cadencePath(path, i), Removed, cadenceText(&o[i]), "",
				fmt.Sprintf("%s: cadence %d removed (was %s)", subject, i+1, cadenceText(&o[i])))
		}
	}
}

func first(cs Cadences) *Cadence {
	if len(cs) == 0 {
		return nil
	}
	return &cs[0]
}

func cadencePath(path string, i int) string { return path + "/" + strconv.Itoa(i+1) }

func cadenceSubject(subject string, i int) string { return fmt.Sprintf("%s, cadence %d", subject, i+1) }

// cadence compares a channel's (or a campaign's extra) cadence.
func (d *differ) cadence(path, subject string, o, n *Cadence) {
	switch {
	case o == nil && n == nil:
		return
	case o == nil:
		d.add(path, Added, "", cadenceText(n), fmt.Sprintf("%s: cadence added (%s)", subject, cadenceText(n)))
		return
	case n == nil:
		d.add(path, Removed, cadenceText(o), "", fmt.Sprintf("%s: cadence removed (was %s)", subject, cadenceText(o)))
		return
	}
	if o.MinPerWeek != n.MinPerWeek {
		d.add(path+"/min_per_week", Changed, strconv.Itoa(o.MinPerWeek), strconv.Itoa(n.MinPerWeek),
			fmt.Sprintf("%s: %d → %d posts a week", subject, o.MinPerWeek, n.MinPerWeek))
	}
	d.value(path+"/days", subject, "days", strings.Join(o.Days, ", "), strings.Join(n.Days, ", "))
	d.value(path+"/times", subject, "times", strings.Join(o.Times, ", "), strings.Join(n.Times, ", "))
	d.value(path+"/rrule", subject, "rrule", o.RRule, n.RRule)
	d.value(path+"/start", subject, "cadence start", o.Start.text(), n.Start.text())
}

func cadenceText(c *Cadence) string {
	if c == nil {
		return ""
	}
	s := fmt.Sprintf("%d a week", c.MinPerWeek)
	if c.RRule != "" {
		s += ", " + c.RRule
	} else {
		if len(c.Days) > 0 {
			s += " on " + strings.Join(c.Days, ", ")
		}
		if len(c.Times) > 0 {
			s += " at " + strings.Join(c.Times, ", ")
		}
	}
	if !c.Start.IsZero() {
		s += " from " + c.Start.text()
	}
	return s
}
