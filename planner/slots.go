package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

const (
	localLen = len("2027-01-04T09:00")
	uidLen   = 20 + len("@pillar")
	idLen    = localLen + uidLen
)

// identities returns, for every wall time in locals, its Local string and
// its UID, one after the other in one string: at 200,000 slots, two small
// allocations each would dominate the plan's cost.
func identities(locals []int64, brand, channel string) string {
	buf := make([]byte, len(locals)*idLen)
	key := make([]byte, 0, len(brand)+len(channel)+2+localLen)
	key = append(append(append(append(key, brand...), '|'), channel...), '|')
	prefix := len(key)
	for i, l := range locals {
		b := buf[i*idLen:]
		putLocal(b[:localLen], l)
		key = append(key[:prefix], b[:localLen]...)
		sum := sha256.Sum256(key)
		hex.Encode(b[localLen:localLen+20], sum[:10])
		copy(b[localLen+20:], "@pillar")
	}
	return string(buf)
}

// putLocal writes the wall time w as 2006-01-02T15:04 into b.
func putLocal(b []byte, w int64) {
	t := time.Unix(w, 0).UTC()
	y, mo, d := t.Date()
	h, mi, _ := t.Clock()
	put := func(at, v, n int) {
		for i := at + n - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4] = '-'
	put(5, int(mo), 2)
	b[7] = '-'
	put(8, d, 2)
	b[10] = 'T'
	put(11, h, 2)
	b[13] = ':'
	put(14, mi, 2)
}

func formatLocal(w int64) string {
	var b [localLen]byte
	putLocal(b[:], w)
	return string(b[:])
}
