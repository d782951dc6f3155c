package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
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

// merge merges the channels' sorted records into one slice of slots sorted
// by (start, channel, tactic), building every Slot once, in place.
func (p *planner) merge(per []*channelSlots) []Slot {
	n := 0
	for _, cs := range per {
		n += len(cs.recs)
	}
	out := make([]Slot, n)
	pos := make([]int, len(per))
	heap := make([]int, 0, len(per))
	tactic := func(r *rec) string {
		if r.tactic < 0 {
			return ""
		}
		return p.s.Tactics[r.tactic].ID
	}
	less := func(a, b int) bool {
		x, y := &per[a].recs[pos[a]], &per[b].recs[pos[b]]
		if x.inst != y.inst {
			return x.inst < y.inst
		}
		if ca, cb := per[a].c.ID, per[b].c.ID; ca != cb {
			return ca < cb
		}
		if ta, tb := tactic(x), tactic(y); ta != tb {
			return ta < tb
		}
		return a < b
	}
	down := func(i int) {
		for {
			l, r, m := 2*i+1, 2*i+2, i
			if l < len(heap) && less(heap[l], heap[m]) {
				m = l
			}
			if r < len(heap) && less(heap[r], heap[m]) {
				m = r
			}
			if m == i {
				return
			}
			heap[i], heap[m] = heap[m], heap[i]
			i = m
		}
	}
	for ci, cs := range per {
		if len(cs.recs) > 0 {
			heap = append(heap, ci)
		}
	}
	for i := len(heap)/2 - 1; i >= 0; i-- {
		down(i)
	}
	for k := 0; len(heap) > 0; k++ {
		ci := heap[0]
		cs := per[ci]
		i := pos[ci]
		p.fill(&out[k], cs, i)
		pos[ci]++
		if pos[ci] == len(cs.recs) {
			heap[0] = heap[len(heap)-1]
			heap = heap[:len(heap)-1]
		}
		down(0)
	}
	return out
}

// fill builds the Slot for record i of a channel.
func (p *planner) fill(sl *Slot, cs *channelSlots, i int) {
	r := &cs.recs[i]
	c := cs.c
	sl.Start = time.Unix(r.inst, 0).UTC()
	id := cs.ids[i*idLen : (i+1)*idLen]
	sl.Local, sl.UID = id[:localLen], id[localLen:]
	sl.Timezone, sl.Channel, sl.Platform = cs.zone, c.ID, c.Platform
	if r.format >= 0 {
		sl.Format = c.Formats[r.format]
	}
	if r.campaign >= 0 {
		sl.Campaign = p.s.Calendar.Campaigns[r.campaign].ID
	}
	var t *strategy.Tactic
	if r.tactic >= 0 {
		t = &p.s.Tactics[r.tactic]
		sl.Tactic, sl.TacticName, sl.Pillar, sl.Brief = t.ID, t.Name, t.Pillar, t.Example
	}
	if r.pillar >= 0 {
		pl := &p.s.Pillars[r.pillar]
		sl.Pillar, sl.PillarName = pl.ID, pl.Name
		if sl.Brief == "" {
			sl.Brief = cs.briefs[r.pillar]
		}
	}
	if sl.Brief == "" && t != nil {
		sl.Brief = t.Description
	}
}
