package planner

import (
	"fmt"
	"math"
	"sync"
	"time"
)

const secondsPerDay = 24 * 60 * 60

// zones caches loaded locations: time.LoadLocation reads and parses the zone
// database on every call.
var zones sync.Map // zone name → *time.Location

// loadLocation returns the IANA zone called name. It refuses "" and "Local",
// which would make the plan depend on the machine it runs on.
func loadLocation(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q is not an IANA zone name such as Europe/Oslo", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q is not an IANA zone name such as Europe/Oslo", name)
	}
	zones.Store(name, loc)
	return loc, nil
}

// Resolve returns the instant at which the wall-clock time y-mo-d h:min
// happens in loc, following RFC 5545 rather than time.Date. A time that
// happens twice (the repeated hour when clocks go back) is its first
// occurrence. A time that never happens (the skipped hour when clocks go
// forward) is read with the offset in force before the gap, so it moves
// forward by the gap's length: 02:30 becomes 03:30 in Europe/Oslo and 02:45
// on Lord Howe Island, where the gap is 30 minutes. The result is in loc.
func Resolve(loc *time.Location, y int, mo time.Month, d, h, min int) time.Time {
	wall := time.Date(y, mo, d, h, min, 0, 0, time.UTC).Unix()
	inst, _ := resolveWall(loc, wall)
	return time.Unix(inst, 0).In(loc)
}

// offsetAt returns loc's offset from UTC in seconds at the instant sec.
func offsetAt(loc *time.Location, sec int64) int64 {
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return int64(off)
}

// resolveWall resolves a wall-clock time, given as seconds since the epoch
// as if it were UTC, to an instant (Unix seconds) and the offset in force at
// that instant.
func resolveWall(loc *time.Location, wall int64) (inst, off int64) {
	// Offsets lie within a day of UTC, so the instant lies within a day of
	// wall: the offsets in force there are the only candidates.
	before, mid, after := offsetAt(loc, wall-secondsPerDay), offsetAt(loc, wall), offsetAt(loc, wall+secondsPerDay)
	if before == mid && mid == after {
		return wall - before, before
	}
	found := false
	for _, o := range [3]int64{before, mid, after} {
		i := wall - o
		if offsetAt(loc, i) != o {
			continue // read with o, the wall time is not o's
		}
		if !found || i < inst {
			inst, off, found = i, o, true // the earliest: the first occurrence
		}
	}
	if found {
		return inst, off
	}
	// No offset round-trips: the wall time is in a gap. Read it with the
	// offset in force just before the transition that opened the gap.
	ob := before
	if start, _ := time.Unix(wall-before, 0).In(loc).ZoneBounds(); !start.IsZero() {
		ob = offsetAt(loc, start.Unix()-1)
	}
	inst = wall - ob
	return inst, offsetAt(loc, inst)
}

// dayResolver resolves the wall times of one zone, remembering for the day
// last asked about whether the zone's offset holds all day, so that the
// common case costs no zone look-up at all; and remembering the span of
// the zone's offset last looked up, so that a new day inside it costs none
// either.
type dayResolver struct {
	loc     *time.Location
	day     int64 // wall day number (days since 1970-01-01) cached
	uniform bool  // the offset holds for the whole of day
	off     int64 // that offset
	valid   bool
	// The instants [spanLo, spanHi) over which the offset spanOff holds.
	spanLo, spanHi, spanOff int64
	spanValid               bool
}

// resolve returns the instant of wall and the resolved wall-clock time (the
// same as wall unless wall falls in a gap).
func (r *dayResolver) resolve(wall int64) (inst, local int64) {
	day := floorDiv(wall, secondsPerDay)
	if !r.valid || day != r.day {
		start := day * secondsPerDay
		// The day is uniform when the offsets a day before, at noon and
		// two days after (read as instants) agree: certainly so when all
		// three lie in the span last looked up.
		if r.spanValid && start-secondsPerDay >= r.spanLo && start+2*secondsPerDay < r.spanHi {
			r.day, r.valid, r.uniform, r.off = day, true, true, r.spanOff
		} else {
			a := offsetAt(r.loc, start-secondsPerDay)
			b := offsetAt(r.loc, start+secondsPerDay/2)
			c := offsetAt(r.loc, start+2*secondsPerDay)
			r.day, r.valid, r.uniform, r.off = day, true, a == b && b == c, a
			t := time.Unix(start+secondsPerDay/2, 0).In(r.loc)
			lo, hi := t.ZoneBounds()
			r.spanLo, r.spanHi, r.spanOff, r.spanValid = math.MinInt64, math.MaxInt64, b, true
			if !lo.IsZero() {
				r.spanLo = lo.Unix()
			}
			if !hi.IsZero() {
				r.spanHi = hi.Unix()
			}
		}
	}
	if r.uniform {
		return wall - r.off, wall
	}
	inst, off := resolveWall(r.loc, wall)
	return inst, inst + off
}

// floorDiv divides rounding toward minus infinity, so days before 1970 get
// the right day number.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
