package render

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/strategy"
)

// This file writes cadences and tactic schedules in words, e.g. "Mon–Fri
// at 10:00 and 15:00" or "first Friday of every month at 12:00". The
// RRULEs people write for social media (daily, weekly on some days,
// monthly on the nth weekday or a day of the month) read as sentences; any
// other rule is shown as written.

// weekdayIndex maps RRULE and cadence day names to 0 (Monday) … 6.
var weekdayIndex = map[string]int{
	"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6,
	"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}

// days writes a set of weekdays, Monday first, with runs of three or more
// days as a range: "Mon–Fri, Sun". All seven are "every day".
func (b *viewBuilder) days(codes []string) string {
	var idx []int
	var unknown []string
	for _, c := range codes {
		if i, ok := weekdayIndex[strings.ToLower(strings.TrimSpace(c))]; ok {
			if !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
		} else if strings.TrimSpace(c) != "" {
			unknown = append(unknown, isolate(c))
		}
	}
	slices.Sort(idx)
	if len(idx) == 7 && len(unknown) == 0 {
		return b.d.label("every_day")
	}
	var parts []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, b.d.WeekdaysShort[idx[i]]+"–"+b.d.WeekdaysShort[idx[j]])
		default:
			for k := i; k <= j; k++ {
				parts = append(parts, b.d.WeekdaysShort[idx[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(append(parts, unknown...), ", ")
}

// times writes posting times, e.g. "10:00 and 15:00".
func (b *viewBuilder) times(list []string) string {
	var out []string
	for _, t := range nonEmpty(list) {
		out = append(out, b.d.clock(t))
	}
	return b.d.list(out)
}

// at joins when and the times: "every Wednesday at 19:30".
func (b *viewBuilder) at(when, times string) string {
	switch {
	case times == "":
		return when
	case when == "":
		return times
	}
	return b.d.labelf("at_time", "when", when, "times", times)
}

// cadences writes a channel's cadences: how many posts a week (in all,
// with several), when, and an RRULE that has no words. With several,
// each is also written apart, and when joins theirs with " · ".
func (b *viewBuilder) cadences(cs strategy.Cadences) (count, when, rule string, each []cadenceView) {
	line := func(c *strategy.Cadence) cadenceView {
		var v cadenceView
		if c.MinPerWeek > 0 {
			v.Cadence = b.d.plural("posts_per_week", int64(c.MinPerWeek))
		}
		v.When, v.Rule = b.cadenceWhen(c)
		return v
	}
	switch len(cs) {
	case 0:
		return "", "", "", nil
	case 1:
		v := line(&cs[0])
		return v.Cadence, v.When, v.Rule, nil
	}
	var whens []string
	for k := range cs {
		v := line(&cs[k])
		each = append(each, v)
		if v.When != "" {
			whens = append(whens, v.When)
		}
	}
	if n := cs.MinPerWeek(); n > 0 {
		count = b.d.plural("posts_per_week", int64(n))
	}
	return count, strings.Join(whens, " · "), "", each
}

// cadenceWhen writes when a cadence posts, from its start when it has one;
// for an RRULE that has no words it returns the rule itself as rule.
func (b *viewBuilder) cadenceWhen(c *strategy.Cadence) (when, rule string) {
	if c.RRule != "" {
		w, ok := b.ruleWords(c.RRule, "")
		if !ok {
			w, rule = "", c.RRule
		}
		return upperFirst(b.from(w, c.Start)), rule
	}
	days := ""
	if len(c.Days) > 0 {
		days = b.days(c.Days)
	} else if len(c.Times) > 0 {
		days = b.d.label("every_day")
	}
	return upperFirst(b.from(b.at(days, b.times(c.Times)), c.Start)), ""
}

// from adds "from <day>" to when, for a cadence with a start.
func (b *viewBuilder) from(when string, start strategy.Date) string {
	if start.IsZero() {
		return when
	}
	return joinComma(when, b.d.labelf("from_date", "date", b.date(start)))
}

// schedule writes when a tactic happens; for an RRULE that has no words it
// returns the rule itself as rule, and the time and bounds as when.
func (b *viewBuilder) schedule(s strategy.Schedule) (when, rule string) {
	clock := ""
	if s.Time != "" {
		clock = b.d.clock(s.Time)
	}
	switch {
	case !s.Date.IsZero():
		when = b.at(b.date(s.Date), clock)
	case s.RRule != "":
		w, ok := b.ruleWords(s.RRule, clock)
		if !ok {
			rule = s.RRule
			w = clock
		}
		when = w
		if !s.Start.IsZero() {
			when = joinComma(when, b.d.labelf("from_date", "date", b.date(s.Start)))
		}
		if !s.Until.IsZero() {
			when = joinComma(when, b.d.labelf("until_date", "date", b.date(s.Until)))
		}
	default:
		when = clock
	}
	return upperFirst(when), rule
}

func joinComma(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}

// ruleWords writes an RRULE in words, with clock as the time unless the
// rule sets BYHOUR. ok is false for a rule it cannot say.
func (b *viewBuilder) ruleWords(rule, clock string) (string, bool) {
	parts := map[string]string{}
	for _, p := range strings.Split(strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:"), ";") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return "", false
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		if _, dup := parts[k]; dup {
			return "", false
		}
		parts[k] = strings.ToUpper(strings.TrimSpace(v))
	}
	for k := range parts {
		switch k {
		case "FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "WKST", "UNTIL":
		default:
			return "", false
		}
	}
	interval := 1
	if v, ok := parts["INTERVAL"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return "", false
		}
		interval = n
	}
	type byday struct{ n, wd int }
	var days []byday
	if v := parts["BYDAY"]; v != "" {
		for _, d := range strings.Split(v, ",") {
			if len(d) < 2 {
				return "", false
			}
			wd, ok := weekdayIndex[strings.ToLower(d[len(d)-2:])]
			if !ok {
				return "", false
			}
			n := 0
			if len(d) > 2 {
				var err error
				if n, err = strconv.Atoi(d[:len(d)-2]); err != nil || n == 0 {
					return "", false
				}
			}
			days = append(days, byday{n, wd})
		}
	}
	plainDays := func() ([]string, bool) {
		var codes []string
		for _, d := range days {
			if d.n != 0 {
				return nil, false
			}
			codes = append(codes, []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}[d.wd])
		}
		return codes, true
	}
	var when string
	switch parts["FREQ"] {
	case "DAILY":
		if len(days) > 0 || parts["BYMONTHDAY"] != "" {
			return "", false
		}
		when = b.d.plural("every_n_days", int64(interval))
	case "WEEKLY":
		codes, ok := plainDays()
		if !ok || parts["BYMONTHDAY"] != "" {
			return "", false
		}
		list := b.days(codes)
		switch {
		case interval == 1 && len(codes) == 1:
			when = b.d.EveryWeekday[days[0].wd]
		case interval == 1 && len(codes) > 1:
			when = list
		case interval == 1:
			when = b.d.label("every_week")
		case interval == 2 && len(codes) > 0:
			when = b.d.labelf("every_other_week", "days", list)
		default:
			when = b.d.plural("every_n_weeks", int64(interval))
			if list != "" {
				when += ": " + list
			}
		}
	case "MONTHLY":
		md := parts["BYMONTHDAY"]
		switch {
		case interval != 1 && (len(days) > 0 || md != ""):
			return "", false
		case len(days) == 1 && md == "":
			nth := b.d.ordinal(days[0].n, days[0].wd)
			if nth == "" {
				return "", false
			}
			when = b.d.labelf("nth_weekday", "nth", nth, "weekday", b.d.Weekdays[days[0].wd])
		case len(days) == 0 && md != "":
			n, err := strconv.Atoi(md)
			if err != nil || n < 1 || n > 31 {
				return "", false
			}
			when = b.d.labelf("month_day", "n", strconv.Itoa(n))
		case len(days) == 0:
			when = b.d.plural("every_n_months", int64(interval))
		default:
			return "", false
		}
	case "YEARLY":
		if interval != 1 || len(days) > 0 || parts["BYMONTHDAY"] != "" {
			return "", false
		}
		when = b.d.label("every_year")
	default:
		return "", false
	}
	if hours := parts["BYHOUR"]; hours != "" {
		mins := []string{"00"}
		if m := parts["BYMINUTE"]; m != "" {
			mins = nil
			for _, v := range strings.Split(m, ",") {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 || n > 59 {
					return "", false
				}
				mins = append(mins, pad2(n))
			}
		}
		var list []string
		for _, v := range strings.Split(hours, ",") {
			h, err := strconv.Atoi(v)
			if err != nil || h < 0 || h > 23 {
				return "", false
			}
			for _, m := range mins {
				list = append(list, pad2(h)+":"+m)
			}
		}
		clock = b.times(list)
	} else if parts["BYMINUTE"] != "" {
		return "", false
	}
	when = b.at(when, clock)
	if u := parts["UNTIL"]; u != "" {
		if len(u) < 8 {
			return "", false
		}
		d, err := strategy.ParseDate(u[:4] + "-" + u[4:6] + "-" + u[6:8])
		if err != nil {
			return "", false
		}
		when = joinComma(when, b.d.labelf("until_date", "date", b.date(d)))
	}
	return when, true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// upperFirst capitalises the first letter, in any script.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// f3 writes a chart coordinate with at most three decimals.
func f3(v float64) string {
	s := strconv.FormatFloat(roundTo(v, 3), 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

func roundTo(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

func mod100(v float64) float64 { return math.Mod(math.Mod(v, 100)+100, 100) }
