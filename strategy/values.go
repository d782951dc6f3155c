package strategy

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time or zone, written YYYY-MM-DD. The zero
// Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a YYYY-MM-DD date and rejects days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil || len(s) != 10 {
		return Date{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD, e.g. 2027-01-31", s)
	}
	return DateOf(t), nil
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String writes the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// In returns midnight at the start of the day in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Time returns midnight UTC at the start of the day.
func (d Date) Time() time.Time { return d.In(time.UTC) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns the date n calendar months later, normalised as
// time.AddDate does (2027-01-31 plus one month is 2027-03-03).
func (d Date) AddMonths(n int) Date { return DateOf(d.Time().AddDate(0, n, 0)) }

// MinDate returns the earlier of two dates.
func MinDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// MaxDate returns the later of two dates.
func MaxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.Time().After(e.Time()) }

// MarshalJSON writes the date as a YYYY-MM-DD string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a YYYY-MM-DD string. A value that is not a date leaves
// the zero Date: the schema reports it with its position, so decoding stays
// best-effort and never hides other findings.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		*d = Date{}
		return nil
	}
	*d = v
	return nil
}

// Duration is a length of time written the way strategists say it: 30m, 4h,
// 1d, 1d12h or 2w. A day is 24 hours and a week 7 days.
type Duration time.Duration

// ParseDuration reads a duration such as 4h, 1d or 1d12h.
func ParseDuration(s string) (Duration, error) {
	orig := s
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) {
			return 0, fmt.Errorf("%q is not a duration: write a number and a unit (m, h, d or w), e.g. 30m, 4h, 1d", orig)
		}
		n, err := strconv.ParseInt(s[:i], 10, 64)
		if err != nil || n > 10000 {
			return 0, fmt.Errorf("%q is too long a duration", orig)
		}
		var unit time.Duration
		switch s[i] {
		case 'm':
			unit = time.Minute
		case 'h':
			unit = time.Hour
		case 'd':
			unit = 24 * time.Hour
		case 'w':
			unit = 7 * 24 * time.Hour
		default:
			return 0, fmt.Errorf("%q is not a duration: the unit %q is not one of m, h, d or w", orig, s[i:i+1])
		}
		total += time.Duration(n) * unit
		s = s[i+1:]
	}
	return Duration(total), nil
}

// String writes the duration in the same notation it is read in, e.g. 1d12h.
func (d Duration) String() string {
	if d == 0 {
		return "0m"
	}
	v := time.Duration(d)
	var b strings.Builder
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if n := v / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			v -= n * u.d
		}
	}
	return b.String()
}

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// MarshalJSON writes the duration as a string such as "4h".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a duration string. Like Date, a malformed value leaves
// zero and is reported by the schema with its position.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		*d = 0
		return nil
	}
	v, err := ParseDuration(s)
	if err != nil {
		*d = 0
		return nil
	}
	*d = v
	return nil
}

// ParseClock reads a local time of day written HH:MM (24-hour clock) and
// returns its hour and minute.
func ParseClock(s string) (hour, minute int, err error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, fmt.Errorf("%q is not a time of day: write HH:MM, e.g. 09:30", s)
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("%q is not a time of day: hours go from 00 to 23 and minutes from 00 to 59", s)
	}
	return h, m, nil
}

// Weekdays maps the day names used in cadences to time.Weekday.
var Weekdays = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
}
