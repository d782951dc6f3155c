package planner

import (
	"math"
	"unsafe"
)

const hexDigits = "0123456789abcdef"

const (
	localLen = len("2027-01-04T09:00")
	uidLen   = 20 + len("@pillar")
	idLen    = localLen + uidLen
)

// identities returns, for every wall time in locals, its Local string and
// its UID, one after the other in one string: at 200,000 slots, two small
// allocations each would dominate the plan's cost.
func identities(locals []int64, brand, channel string) string {
	out := make([]byte, len(locals)*idLen)
	key := make([]byte, 0, len(brand)+len(channel)+2+localLen)
	key = append(append(append(append(key, brand...), '|'), channel...), '|')
	prefix := len(key)
	key = key[:prefix+localLen]
	h := newKeyHasher(len(key))
	lastDay := int64(math.MinInt64)
	for i, l := range locals {
		b := out[i*idLen : (i+1)*idLen]
		// Posts come in order, dozens a day: work out the date once a day.
		if day := floorDiv(l, secondsPerDay); day != lastDay {
			putLocal(key[prefix:], l)
			lastDay = day
		} else {
			sec := int(l - day*secondsPerDay)
			h, m := sec/3600, sec/60%60
			key[prefix+11], key[prefix+12], key[prefix+14], key[prefix+15] = byte('0'+h/10), byte('0'+h%10), byte('0'+m/10), byte('0'+m%10)
		}
		copy(b, key[prefix:])
		sum := h.sum(key)
		for k, c := range sum[:10] {
			b[localLen+2*k], b[localLen+2*k+1] = hexDigits[c>>4], hexDigits[c&15]
		}
		copy(b[localLen+20:], "@pillar")
	}
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// putLocal writes the wall time w as 2006-01-02T15:04 into b.
func putLocal(b []byte, w int64) {
	day := floorDiv(w, secondsPerDay)
	y, mo, d := civil(day)
	sec := int(w - day*secondsPerDay)
	put := func(at, v, n int) {
		for i := at + n - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, int(y), 4)
	b[4] = '-'
	put(5, mo, 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = 'T'
	put(11, sec/3600, 2)
	b[13] = ':'
	put(14, sec/60%60, 2)
}

// civil returns the date in the proleptic Gregorian calendar of day number
// z, counted from 1970-01-01, by arithmetic on 400-year eras (146,097 days
// each, starting on a 1 March so that the leap day ends a year), which is
// several times faster than going through time.Time.
func civil(z int64) (y int64, m, d int) {
	z += 719_468 // days from 0000-03-01 to 1970-01-01
	era := floorDiv(z, 146_097)
	doe := z - era*146_097                                   // day of the era, [0, 146096]
	yoe := (doe - doe/1460 + doe/36_524 - doe/146_096) / 365 // year of the era, [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)                 // day of the year from 1 March, [0, 365]
	mp := (5*doy + 2) / 153                                  // month from March, [0, 11]
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func formatLocal(w int64) string {
	var b [localLen]byte
	putLocal(b[:], w)
	return string(b[:])
}
