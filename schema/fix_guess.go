package schema

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// enumGuess returns the allowed value that got most likely means, or ""
// when there is no single one: the same word in another case (LinkedIn),
// a longer spelling of an abbreviation (Tuesday, monday → tue, mon), or
// one typo away (instagarm). A value that is the start of an allowed one
// ("story" of "story-ads") is no guess: it may as well mean another. Nor
// is one that goes on past the allowed value with more than letters
// ("Mon-Fri", "Saturday and Sunday"): it names more than one, and the fix
// would drop the rest.
func enumGuess(got string, opts []string) string {
	lower := strings.ToLower(strings.TrimSpace(got))
	if lower == "" {
		return ""
	}
	pick := func(match func(o string) bool) (string, bool) {
		found := ""
		for _, o := range opts {
			if match(o) {
				if found != "" && found != o {
					return "", true // more than one: ambiguous
				}
				found = o
			}
		}
		return found, found != ""
	}
	if o, done := pick(func(o string) bool { return strings.ToLower(o) == lower }); done {
		return o
	}
	if o, done := pick(func(o string) bool {
		lo := strings.ToLower(o)
		rest, ok := strings.CutPrefix(lower, lo)
		return len(lo) >= 3 && ok && strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
	}); done {
		return o
	}
	if best, unique := closestWithin(got, opts, nil); unique {
		return best
	}
	return ""
}

// subschemaPointer is the JSON pointer of the subschema holding the
// keyword at an absolute keyword location (URL#pointer).
func subschemaPointer(abs string) string {
	i := strings.IndexByte(abs, '#')
	if i < 0 {
		return ""
	}
	ptr := abs[i+1:]
	if u, err := url.PathUnescape(ptr); err == nil {
		ptr = u
	}
	j := strings.LastIndexByte(ptr, '/')
	if j < 0 {
		return ""
	}
	return ptr[:j]
}

// defTitle names, in lower case, the form a value failed to follow ("a
// valid duration", "a valid time of day"): the title of the subschema
// that holds the failed pattern or format, for those that have a hint.
func defTitle(abs string) string {
	ptr := subschemaPointer(abs)
	if _, ok := hints[ptr]; !ok {
		return ""
	}
	sub, _ := schemaAt("#" + ptr + "/title")
	title, _ := sub.(string)
	return strings.ToLower(title)
}

// formatGuess returns the fix for a duration or time of day written the
// way people say it ("4 hours", "9am"), or nil when the text is not one.
func formatGuess(abs, got string) *fixWant {
	switch subschemaPointer(abs) {
	case "/$defs/duration":
		if d := humanDuration(got); d != "" {
			return &fixWant{from: got, to: d, safe: true}
		}
	case "/$defs/time_of_day":
		if t := humanClock(got); t != "" {
			// Quoted: 09:00 unquoted is a number in base 60 to YAML 1.1
			// readers.
			return &fixWant{from: got, to: t, quote: true, safe: true}
		}
	}
	return nil
}

// durationUnits maps the ways people write a unit to the format's letter.
var durationUnits = map[string]string{
	"m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
	"h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
	"d": "d", "day": "d", "days": "d",
	"w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
}

// humanDuration rewrites "4 hours", "1 day 12 hours", "1h 30m" or "2
// Weeks" in the format's form (4h, 1d12h, 1h30m, 2w), or returns "".
func humanDuration(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer(",", " ", " and ", " ").Replace(s)
	var b strings.Builder
	i := 0
	for i < len(s) {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 6 {
			return ""
		}
		num := s[i:j]
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
			k++
		}
		unit, ok := durationUnits[s[j:k]]
		if !ok {
			return ""
		}
		n, _ := strconv.Atoi(num)
		b.WriteString(strconv.Itoa(n) + unit)
		i = k
	}
	return b.String()
}

// humanClock rewrites a time of day written as people do (9am, 9:30 pm,
// 9.30, 7:05, 21.00, 12am) as HH:MM on a 24-hour clock, or returns "".
func humanClock(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	s = strings.ReplaceAll(s, ".", ":")
	half := ""
	for _, suf := range []string{"am", "pm", "a:m:", "p:m:"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			s, half = t, suf[:1]
			break
		}
	}
	hh, mm, hasMin := strings.Cut(s, ":")
	if sec, ok := strings.CutSuffix(mm, ":00"); ok && hasMin {
		mm = sec
	}
	if !hasMin {
		mm = "00"
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || len(hh) > 2 || len(mm) != 2 || hh[0] == '-' || hh[0] == '+' || mm[0] == '-' || mm[0] == '+' {
		return ""
	}
	if half == "" && !hasMin {
		return "" // "9" alone: a number, not clearly a time
	}
	switch half {
	case "a", "p":
		if h < 1 || h > 12 {
			return ""
		}
		h %= 12
		if half == "p" {
			h += 12
		}
	}
	if h > 23 || m > 59 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}
