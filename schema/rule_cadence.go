package schema

import (
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// checkCadences checks every cadence, on channels and in campaigns: it says
// when to post in exactly one way (days and times, or an RRULE), the RRULE
// parses, and the minimum per week fits in what the schedule offers. Two
// cadences of one channel must never post at the same time.
func checkCadences(c *checker) {
	for i := range c.s.Channels {
		ch := &c.s.Channels[i]
		sound := true
		for k := range ch.Cadence {
			sound = c.cadence(&ch.Cadence[k], c.cadencePointer(i, k)) && sound
		}
		if sound && len(ch.Cadence) > 1 {
			c.cadenceClashes(i)
		}
	}
	if c.s.Calendar != nil {
		for i, cp := range c.s.Calendar.Campaigns {
			if cp.Extra != nil {
				c.cadence(cp.Extra, strategy.Pointer("calendar", "campaigns", i, "extra"))
			}
		}
	}
}

// cadencePointer is the JSON pointer of cadence k of channel i: the
// channel's cadence itself when it is written as one mapping, an item of
// it when written as a list.
func (c *checker) cadencePointer(i, k int) string {
	if len(c.s.Channels[i].Cadence) > 1 || c.src.Has(strategy.Pointer("channels", i, "cadence", 0)) {
		return strategy.Pointer("channels", i, "cadence", k)
	}
	return strategy.Pointer("channels", i, "cadence")
}

// cadence checks one cadence and reports whether the planner can read it
// (its shape and RRULE are sound).
func (c *checker) cadence(cd *strategy.Cadence, ptr string) bool {
	hasSlots, hasRule := len(cd.Days) > 0 || len(cd.Times) > 0, cd.RRule != ""
	switch {
	case hasSlots && hasRule:
		c.report("cadence-shape", ptr+"/rrule", true,
			"Keep days and times for a simple weekly rhythm, or the rrule for anything else, and remove the other.",
			"the cadence has both days and times and an rrule; it needs one or the other")
		return false
	case !hasSlots && !hasRule:
		c.report("cadence-shape", ptr, true,
			`Add days and times, e.g. days: [mon, wed, fri] and times: ["09:00"], or an rrule such as FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0.`,
			"the cadence says how often to post but not when: it has neither days and times nor an rrule")
		return false
	case hasSlots && len(cd.Times) == 0:
		c.report("cadence-shape", ptr+"/days", true, `Add the times of day to post at, e.g. times: ["09:00", "18:30"].`,
			"the cadence lists days but no times to post at")
		return false
	case hasSlots && len(cd.Days) == 0:
		c.report("cadence-shape", ptr+"/times", true, "Add the weekdays to post on, e.g. days: [mon, wed, fri].",
			"the cadence lists times but no days to post on")
		return false
	}

	if hasRule {
		opt, ok := c.rrule(cd.RRule, ptr+"/rrule", true, !cd.Start.IsZero())
		if !ok {
			return false
		}
		if n := leanestWeek(opt); cd.MinPerWeek > n {
			hint := fmt.Sprintf("Let the rule give more posts every week, or lower min_per_week to %d.", n)
			if n == 0 {
				hint = "The rule leaves some weeks without a post (it repeats every other week, or monthly), so no weekly minimum can hold. Write min_per_week: 0 to hold no week to a minimum, or make the rule repeat at least weekly, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9."
			}
			c.report("cadence-unreachable", ptr+"/min_per_week", false, hint,
				"the cadence promises at least %s a week but its rrule gives as few as %d in a week", nOf(cd.MinPerWeek, "post"), n)
		}
		return true
	}
	days, times := distinct(cd.Days), distinct(cd.Times)
	if n := days * times; cd.MinPerWeek > n {
		hint := fmt.Sprintf("Add days or times, or lower min_per_week to %d.", n)
		c.report("cadence-unreachable", ptr+"/min_per_week", false, hint,
			"the cadence promises at least %s a week but its %s × %s give %d",
			nOf(cd.MinPerWeek, "post"), nOf(days, "day"), nOf(times, "time"), n)
	}
	return true
}

// cadenceClashes reports two cadences of channel i that post at the same
// time: the planner counts a channel's posts as its cadences' side by
// side, and would have to guess which cadence's minimum a shared post
// serves. The check is the planner's own (planner.Clashes).
func (c *checker) cadenceClashes(i int) {
	ch := &c.s.Channels[i]
	clashes, err := planner.Clashes(ch)
	if err != nil {
		return // the times and rules are reported on their own
	}
	for _, cl := range clashes {
		a, b := &ch.Cadence[cl.A], &ch.Cadence[cl.B]
		when := fmt.Sprintf("on %s at %s", cl.At.Format("Monday 2006-01-02"), cl.At.Format("15:04"))
		hint := "Change the days or times of one of the two so that they never meet, or merge them into one cadence with both rhythms' days and times."
		if cl.Weekly {
			when = fmt.Sprintf("on %ss at %s", cl.At.Format("Monday"), cl.At.Format("15:04"))
			hint = fmt.Sprintf("Remove %s from one of the two: each cadence's days and times are its own posts, and a time both give would be one post counted against two minimums.",
				strings.ToLower(cl.At.Format("Mon"))+" "+cl.At.Format("15:04"))
		} else if a.RRule != "" || b.RRule != "" {
			hint = "Change the rule or the days and times of one of the two so that they never meet (a different BYHOUR or BYMINUTE is the simplest), or give them starts that keep their phases apart."
		}
		c.report("cadence-clash", c.cadencePointer(i, cl.B), false, hint,
			"the cadences %d and %d of the channel %q both post %s; a channel's cadences must never share a time",
			cl.A+1, cl.B+1, ch.ID, when)
	}
}

func distinct(xs []string) int {
	seen := make(map[string]bool, len(xs))
	for _, x := range xs {
		seen[x] = true
	}
	return len(seen)
}

func nOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// checkSchedules checks every tactic's schedule: recurring (an rrule) or
// one-off (a date), never both or neither, and an rrule that parses.
func checkSchedules(c *checker) {
	for i, t := range c.s.Tactics {
		sc := t.Schedule
		ptr := strategy.Pointer("tactics", i, "schedule")
		switch {
		case sc.RRule != "" && !sc.Date.IsZero():
			c.report("schedule-shape", ptr+"/date", true,
				"A tactic is either recurring (rrule) or one-off (date). Remove one of the two.",
				"the schedule of the tactic %q has both an rrule and a date", t.ID)
			continue
		case sc.RRule == "" && sc.Date.IsZero():
			c.report("schedule-shape", ptr, true,
				"Add rrule for a recurring tactic (e.g. FREQ=MONTHLY;BYDAY=1FR) or date for a one-off (e.g. 2027-03-04).",
				"the schedule of the tactic %q has neither an rrule nor a date, so it never happens", t.ID)
			continue
		case !sc.Date.IsZero():
			for _, k := range []string{"start", "until"} {
				if c.src.Has(ptr + "/" + k) {
					c.report("schedule-shape", ptr+"/"+k, true,
						"start and until bound a recurring tactic; a one-off tactic happens on its date. Remove "+k+".",
						"the tactic %q happens once, on %s, so %s has no effect", t.ID, sc.Date, k)
				}
			}
			continue
		}
		c.rrule(sc.RRule, ptr+"/rrule", false, false)
	}
}

// rruleParts are the parts of an RFC 5545 RRULE the planner understands.
var rruleParts = []string{"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTH", "BYMONTHDAY",
	"BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND", "BYSETPOS"}

// rrule parses a recurrence rule and reports what is wrong with it. A
// cadence's rule must carry its times of day (BYHOUR); a tactic's time
// comes from schedule.time. A cadence's rule may end (COUNT, UNTIL) only
// when the cadence has a start to count from.
func (c *checker) rrule(rule, ptr string, cadence, started bool) (opt *rrule.ROption, ok bool) {
	msg, hint, opt := parseRRule(rule, cadence, started)
	if msg != "" {
		c.report("rrule-invalid", ptr, false, hint, "%s", msg)
		return nil, false
	}
	return opt, true
}

// parseRRule checks a rule the way the planner will read it and explains
// the first problem in plain words. The library's own messages ("wrong
// format") say too little, so the rule's shape is checked here first.
// started tells that a cadence's rule counts from a start of its own.
func parseRRule(rule string, cadence, started bool) (msg, hint string, opt *rrule.ROption) {
	const example = "Write an RFC 5545 RRULE on one line, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0."
	if strings.Contains(strings.ToUpper(rule), "DTSTART") {
		return "the rule sets DTSTART", "Write the rule without DTSTART; the planner counts recurrences from a fixed start (a tactic's schedule.start or a cadence's start, when given) in the channel's timezone.", nil
	}
	if strings.ContainsAny(rule, "\r\n") {
		return "the rule spans more than one line", example, nil
	}
	body := strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	if body != strings.ToUpper(body) {
		return "the rule has lower-case letters; RRULE parts and values are written in capitals",
			fmt.Sprintf("Write %s.", strings.ToUpper(body)), nil
	}
	hasFreq, hasHour := false, false
	perDay := 1 // times of day: |BYHOUR| × |BYMINUTE| × |BYSECOND|
	for _, part := range strings.Split(body, ";") {
		if part == "" {
			return "the rule has an empty part: a ; at the end, or two in a row", "Remove the extra ;.", nil
		}
		name, value, found := strings.Cut(part, "=")
		if !found || value == "" || strings.Contains(value, "=") {
			return fmt.Sprintf("the part %q is not written NAME=VALUE", part), example, nil
		}
		known := false
		for _, p := range rruleParts {
			known = known || p == name
		}
		if !known {
			return fmt.Sprintf("%q is not a part of an RRULE%s", name, didYouMean(name, rruleParts)),
				"The parts are " + strings.Join(rruleParts, ", ") + ".", nil
		}
		switch name {
		case "FREQ":
			hasFreq = true
			switch value {
			case "DAILY", "WEEKLY", "MONTHLY", "YEARLY":
			case "HOURLY", "MINUTELY", "SECONDLY":
				// Besides making no sense for posting, sub-daily rules can
				// send the RRULE library into an endless loop (for example
				// FREQ=HOURLY;INTERVAL=24;BYHOUR=5), so they never reach it.
				return fmt.Sprintf("FREQ=%s is too frequent for a posting schedule", value),
					"Use FREQ=DAILY or FREQ=WEEKLY and give the times of day with BYHOUR and BYMINUTE, e.g. FREQ=DAILY;BYHOUR=9,15;BYMINUTE=0.", nil
			default:
				return fmt.Sprintf("FREQ=%s is not a frequency%s", value, didYouMean(value, []string{"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})),
					"Use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.", nil
			}
		case "BYHOUR", "BYMINUTE", "BYSECOND":
			if name == "BYSECOND" && !allZero(value) {
				return fmt.Sprintf("BYSECOND=%s sets seconds, but posts are planned to the minute", value),
					"Remove BYSECOND (or write BYSECOND=0) and give the time with BYHOUR and BYMINUTE.", nil
			}
			hasHour = hasHour || name == "BYHOUR"
			perDay *= distinctValues(value)
			if perDay > maxTimesADay {
				// The library builds every time of day up front: 24 × 60 ×
				// 60 of them for a rule with all three, before any
				// question of whether they make sense for posting.
				return fmt.Sprintf("the rule gives more than %d times of day to post at", maxTimesADay),
					"List at most a few times a day, e.g. BYHOUR=9,13,18;BYMINUTE=0. Posting more often than every 15 minutes is not a schedule people can keep.", nil
			}
		case "COUNT", "UNTIL":
			if cadence && !started {
				// Without a start, the rule counts from the fixed epoch in
				// 2000: its COUNT would have run out long ago, and an end
				// the file does not show would quietly shorten every plan.
				return fmt.Sprintf("a cadence without a start cannot end: %s stops the rule, counted from 2000-01-03", name),
					"Give the cadence a start (the day it counts from, e.g. start: 2027-03-01) to end it after a number of posts or on a day, or remove " + name + ". To post more for a limited period, a campaign with extra slots (calendar.campaigns) also ends.", nil
			}
		}
	}
	if !hasFreq {
		return "the rule has no FREQ", "Start the rule with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0.", nil
	}
	o, err := safeROption(body)
	if err != nil {
		msg, hint := plainRRuleError(err)
		return msg, orDefault(hint, example), nil
	}
	if cadence && !hasHour {
		return "the rule has no BYHOUR, so it does not say at what time to post",
			"Add the times of day with BYHOUR and BYMINUTE, e.g. " + body + ";BYHOUR=9;BYMINUTE=30.", nil
	}
	return "", "", o
}

// allZero reports whether every value of an RRULE part such as 0,00 is
// zero.
func allZero(list string) bool {
	for _, v := range strings.Split(list, ",") {
		if strings.TrimLeft(strings.TrimSpace(v), "0") != "" {
			return false
		}
	}
	return true
}

// maxTimesADay is the most times of day a rule may give (BYHOUR times
// BYMINUTE times BYSECOND): one post every 15 minutes, round the clock.
const maxTimesADay = 96

// distinctValues counts the different values of an RRULE part such as
// 9,13,18.
func distinctValues(list string) int {
	seen := map[string]bool{}
	for _, v := range strings.Split(list, ",") {
		seen[strings.TrimSpace(v)] = true
	}
	return len(seen)
}

// plainRRuleError rewords the RRULE library's errors, which name parts in
// lower case ("byhour must be between 0 and 23") or not at all.
func plainRRuleError(err error) (msg, hint string) {
	text := err.Error()
	if w, ok := strings.CutPrefix(text, "undefined weekday: "); ok {
		return fmt.Sprintf("%q is not a weekday", w),
			"Write weekdays as MO, TU, WE, TH, FR, SA or SU, with an optional number for the nth one, e.g. BYDAY=1FR for the first Friday."
	}
	if name, rest, ok := strings.Cut(text, " must be "); ok && !strings.Contains(name, " ") {
		return fmt.Sprintf("%s must be %s", strings.ToUpper(name), rest), ""
	}
	if strings.HasPrefix(text, "strconv.") {
		return "the rule has a number that is not a whole number", ""
	}
	return "the rule does not parse: " + text, ""
}

// safeROption parses and builds a rule, turning a panic inside the library
// into an error: a strategy file must never crash the validator.
func safeROption(body string) (opt *rrule.ROption, err error) {
	defer func() {
		if r := recover(); r != nil {
			opt, err = nil, fmt.Errorf("%v", r)
		}
	}()
	o, err := rrule.StrToROption(body)
	if err != nil {
		return nil, err
	}
	if _, err := rrule.NewRRule(*o); err != nil {
		return nil, err
	}
	return o, nil
}

// weekStart is the fixed Monday rules are expanded from, so that the
// verdict never depends on the day validation runs. It lies in the last
// year the RRULE library reaches (9999), whose calendar is 2027's (a
// common year starting on a Friday): the library looks for a rule's next
// occurrence until it finds one or passes that year, so a rule that never
// happens (the 30th of February, every day) costs the rest of one year of
// days rather than eight thousand years of them, 200 ms a rule.
var weekStart = time.Date(9999, time.January, 4, 0, 0, 0, 0, time.UTC)

// leanestWeek returns the fewest occurrences the rule yields in a Monday
// to Sunday week, over four weeks from weekStart. COUNT and UNTIL are
// ignored: the question is what the rule's rhythm gives, not when it ends.
func leanestWeek(opt *rrule.ROption) int {
	const weeks = 4
	o := *opt
	o.Dtstart = weekStart
	o.Until = weekStart.AddDate(0, 0, 7*weeks).Add(-time.Second)
	o.Count = 0
	counts := [weeks]int{}
	func() {
		defer func() { _ = recover() }()
		r, err := rrule.NewRRule(o)
		if err != nil {
			return
		}
		next := r.Iterator()
		for {
			t, ok := next()
			if !ok || !t.Before(o.Until.Add(time.Second)) {
				return
			}
			if w := int(t.Sub(weekStart) / (7 * 24 * time.Hour)); w >= 0 && w < weeks {
				counts[w]++
			}
		}
	}()
	least := counts[0]
	for _, n := range counts[1:] {
		least = min(least, n)
	}
	return least
}
