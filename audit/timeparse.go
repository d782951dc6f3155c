package audit

import (
	"bytes"
	"sync"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// This file reads the timestamps of post history and mention logs. Every
// row has one or two, so the RFC 3339 reader is hand-written: time.Parse
// allocates a *time.Location for every offset it meets, and that alone
// would cost more than the rest of the row.

// wallTime is a timestamp as written: its fields, and its UTC offset when
// it has one.
type wallTime struct {
	year, month, day, hour, min, sec, nsec int
	offset                                 int // seconds east of UTC
	hasOffset                              bool
}

// parseRFC3339 reads an RFC 3339 timestamp: 2027-01-04T09:00:00+01:00,
// with Z for UTC, optional fractional seconds, and a UTC offset. It is a
// little more lenient than the RFC where no harm can come of it: a space
// or a lower-case t between date and time, a lower-case z, seconds left
// out (09:00+01:00), and an offset without its colon (+0100) or minutes
// (+01). A timestamp without an offset is returned with hasOffset false,
// for the caller to place in a time zone or refuse.
func parseRFC3339(b []byte) (w wallTime, ok bool) {
	if len(b) < 16 || b[4] != '-' || b[7] != '-' || b[13] != ':' {
		return w, false
	}
	switch b[10] {
	case 'T', 't', ' ':
	default:
		return w, false
	}
	var good bool
	if w.year, good = digits4(b[0:4]); !good {
		return w, false
	}
	if w.month, good = digits2(b[5:7]); !good || w.month < 1 || w.month > 12 {
		return w, false
	}
	if w.day, good = digits2(b[8:10]); !good || w.day < 1 || w.day > monthDays(w.month, w.year) {
		return w, false
	}
	if w.hour, good = digits2(b[11:13]); !good || w.hour > 23 {
		return w, false
	}
	if w.min, good = digits2(b[14:16]); !good || w.min > 59 {
		return w, false
	}
	i := 16
	if i < len(b) && b[i] == ':' {
		if i+3 > len(b) {
			return w, false
		}
		if w.sec, good = digits2(b[i+1 : i+3]); !good || w.sec > 59 {
			return w, false
		}
		i += 3
		if i < len(b) && (b[i] == '.' || b[i] == ',') {
			i++
			start := i
			scale := 100000000
			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
				if scale > 0 {
					w.nsec += int(b[i]-'0') * scale
					scale /= 10
				}
				i++
			}
			if i == start {
				return w, false
			}
		}
	}
	if i == len(b) {
		return w, true
	}
	switch b[i] {
	case 'Z', 'z':
		if i+1 != len(b) {
			return w, false
		}
		w.hasOffset = true
		return w, true
	case '+', '-':
	default:
		return w, false
	}
	sign := 1
	if b[i] == '-' {
		sign = -1
	}
	rest := b[i+1:]
	var oh, om int
	switch {
	case len(rest) == 5 && rest[2] == ':':
		oh, good = digits2(rest[0:2])
		if good {
			om, good = digits2(rest[3:5])
		}
	case len(rest) == 4:
		oh, good = digits2(rest[0:2])
		if good {
			om, good = digits2(rest[2:4])
		}
	case len(rest) == 2:
		oh, good = digits2(rest)
	default:
		return w, false
	}
	if !good || oh > 23 || om > 59 {
		return w, false
	}
	w.offset = sign * (oh*3600 + om*60)
	w.hasOffset = true
	return w, true
}

func digits2(b []byte) (int, bool) {
	d0, d1 := b[0]-'0', b[1]-'0'
	if d0 > 9 || d1 > 9 {
		return 0, false
	}
	return int(d0)*10 + int(d1), true
}

func digits4(b []byte) (int, bool) {
	hi, ok1 := digits2(b[0:2])
	lo, ok2 := digits2(b[2:4])
	return hi*100 + lo, ok1 && ok2
}

func leapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthDays(m, y int) int {
	switch m {
	case 2:
		if leapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// unix returns the instant of a timestamp that has an offset.
func (w *wallTime) unix() int64 {
	days := daysFromCivil(w.year, w.month, w.day)
	return days*86400 + int64(w.hour*3600+w.min*60+w.sec) - int64(w.offset)
}

// fixedZones caches one *time.Location per UTC offset, so that times keep
// the offset they were written with without allocating a zone per row.
var fixedZones sync.Map // int offset → *time.Location

func zoneFor(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	if l, ok := fixedZones.Load(offset); ok {
		return l.(*time.Location)
	}
	l, _ := fixedZones.LoadOrStore(offset, time.FixedZone("", offset))
	return l.(*time.Location)
}

// timeReader turns timestamp cells into instants under one mapping: RFC
// 3339 by default, or the mapping's Go layout; timestamps without an
// offset are placed in the mapping's time zone, when it has one.
type timeReader struct {
	layout   string         // "" for RFC 3339
	layoutPM bool           // the layout has an AM/PM element
	layoutTZ bool           // the layout carries a UTC offset or zone
	loc      *time.Location // for timestamps without an offset; nil = refuse them
	// local lets a timestamp without an offset through when loc is nil:
	// its wall clock is returned in UTC with wasLocal set, for the caller
	// to place in a zone of its own.
	local    bool
	wasLocal bool

	// zone is the zone of the last offset read: most files have one or two.
	zone       *time.Location
	zoneOffset int
}

// timeProblem says why a timestamp cell could not be read.
type timeProblem uint8

const (
	timeOK timeProblem = iota
	timeBad
	timeNoOffset
	timeTooEarly
)

// minYear is the earliest year a post or mention can plausibly have;
// earlier dates are placeholders such as 0001-01-01 for "no date".
const minYear = 1970

func (tr *timeReader) parse(b []byte) (time.Time, timeProblem) {
	b = bytes.TrimSpace(b)
	tr.wasLocal = false
	if tr.layout != "" {
		return tr.parseLayout(b)
	}
	w, ok := parseRFC3339(b)
	if !ok {
		return time.Time{}, timeBad
	}
	if w.year < minYear {
		return time.Time{}, timeTooEarly
	}
	if !w.hasOffset {
		if tr.loc == nil && tr.local {
			tr.wasLocal = true
			return time.Date(w.year, time.Month(w.month), w.day, w.hour, w.min, w.sec, w.nsec, time.UTC), timeOK
		}
		if tr.loc == nil {
			return time.Time{}, timeNoOffset
		}
		return tr.resolve(w), timeOK
	}
	if tr.zone == nil || w.offset != tr.zoneOffset {
		tr.zone, tr.zoneOffset = zoneFor(w.offset), w.offset
	}
	return time.Unix(w.unix(), int64(w.nsec)).In(tr.zone), timeOK
}

// resolve places a wall-clock time in the reader's zone the way the planner
// does (RFC 5545): a repeated time is its first occurrence, a skipped one
// moves forward by the gap.
func (tr *timeReader) resolve(w wallTime) time.Time {
	t := planner.Resolve(tr.loc, w.year, time.Month(w.month), w.day, w.hour, w.min)
	return t.Add(time.Duration(w.sec)*time.Second + time.Duration(w.nsec))
}

func (tr *timeReader) parseLayout(b []byte) (time.Time, timeProblem) {
	s := string(b)
	t, err := time.Parse(tr.layout, s)
	if err != nil && tr.layoutPM {
		// time.Parse reads AM/PM in the case the layout gives it; exports
		// write either.
		t, err = time.Parse(tr.layout, string(bytes.ToUpper(b)))
		if err != nil {
			t, err = time.Parse(tr.layout, string(bytes.ToLower(b)))
		}
	}
	if err != nil {
		return time.Time{}, timeBad
	}
	if t.Year() < minYear {
		return time.Time{}, timeTooEarly
	}
	if tr.layoutTZ {
		return t, timeOK
	}
	if tr.loc == nil && tr.local {
		tr.wasLocal = true
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC), timeOK
	}
	if tr.loc == nil {
		return time.Time{}, timeNoOffset
	}
	w := wallTime{year: t.Year(), month: int(t.Month()), day: t.Day(), hour: t.Hour(), min: t.Minute(), sec: t.Second(), nsec: t.Nanosecond()}
	return tr.resolve(w), timeOK
}

// layoutHasZone reports whether a Go time layout writes a UTC offset or
// zone, so that times read with it need no time zone of their own.
func layoutHasZone(layout string) bool {
	ref := time.Date(2027, 3, 14, 15, 4, 5, 0, time.FixedZone("X", 5*3600+30*60))
	t, err := time.Parse(layout, ref.Format(layout))
	if err != nil {
		return false
	}
	_, off := t.Zone()
	return off == 5*3600+30*60
}
