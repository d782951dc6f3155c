package planner

import (
	"math"
)

const hexDigits = "0123456789abcdef"

const (
	localLen = len("2027-01-04T09:00")
	uidLen   = 20 + len("@pillar")
	idLen    = localLen + uidLen
)

// identities writes the Local and UID of a channel's posts: the UID is the
// first ten bytes of the SHA-256 of brand|channel|local, in hexadecimal,
// and "@pillar".
type identities struct {
	key     []byte // brand|channel|, then the local time
	prefix  int
	h       *keyHasher
	lastDay int64
}

func newIdentities(brand, channel string) *identities {
	key := make([]byte, 0, len(brand)+len(channel)+2+localLen)
	key = append(append(append(append(key, brand...), '|'), channel...), '|')
	n := len(key)
	return &identities{key: key[:n+localLen], prefix: n, h: newKeyHasher(n + localLen), lastDay: math.MinInt64}
}

// put writes the Local and UID of the post at the local wall time l into
// id. Posts come in order, dozens a day: the date is worked out once a day.
func (ids *identities) put(id *[idLen]byte, l int64) {
	key := ids.key
	local := key[ids.prefix:]
	if day := floorDiv(l, secondsPerDay); day != ids.lastDay {
		putLocal(local, l)
		ids.lastDay = day
	} else {
		sec := int(l - day*secondsPerDay)
		h, m := sec/3600, sec/60%60
		local[11], local[12], local[14], local[15] = digitPairs[2*h], digitPairs[2*h+1], digitPairs[2*m], digitPairs[2*m+1]
	}
	copy(id[:], local)
	sum := ids.h.sum(key)
	for k, c := range sum[:10] {
		id[localLen+2*k], id[localLen+2*k+1] = hexDigits[c>>4], hexDigits[c&15]
	}
	copy(id[localLen+20:], "@pillar")
}

// digitPairs holds 00 to 99, two bytes each.
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// putLocal writes the wall time w as 2006-01-02T15:04 into b.
func putLocal(b []byte, w int64) {
	day := floorDiv(w, secondsPerDay)
	y, mo, d := civil(day)
	sec := int(w - day*secondsPerDay)
	pair := func(at, v int) { b[at], b[at+1] = digitPairs[2*v], digitPairs[2*v+1] }
	if y >= 0 && y <= 9999 {
		pair(0, int(y)/100)
		pair(2, int(y)%100)
	} else {
		v := int(y)
		for i := 3; i >= 0; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	b[4] = '-'
	pair(5, mo)
	b[7] = '-'
	pair(8, d)
	b[10] = 'T'
	pair(11, sec/3600)
	b[13] = ':'
	pair(14, sec/60%60)
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
