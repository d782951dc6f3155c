package drafts

import (
	"sort"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// slotIndex is the plan of the period, indexed for the drafts: per channel
// its slots' start times in order, and per slot how many drafts it has and
// the first one's id and text. Its size is the plan's, whatever the number
// of drafts.
type slotIndex struct {
	cal      *planner.Calendar
	channels map[string]*channelSlots
	// per slot of cal.Slots
	filled []int32
	first  []SlotDraft
}

// SlotDraft is the draft that fills a planned slot, as `pillar plan
// --drafts` shows it.
type SlotDraft struct {
	// ID is the draft's id.
	ID string
	// Lead is the first words of the draft's text (see Lead): a slot
	// keeps no more of it, so a hostile sheet of megabyte captions costs
	// the plan a few dozen bytes a slot.
	Lead string
	// File and Line say where the draft is.
	File string
	Line int
}

type channelSlots struct {
	starts []int64 // Unix seconds, ascending
	slots  []int32 // index into cal.Slots, parallel to starts
}

func newSlotIndex(cal *planner.Calendar) *slotIndex {
	ix := &slotIndex{cal: cal, channels: map[string]*channelSlots{}, filled: make([]int32, len(cal.Slots)), first: make([]SlotDraft, len(cal.Slots))}
	for i := range cal.Slots {
		s := &cal.Slots[i]
		cs := ix.channels[s.Channel]
		if cs == nil {
			cs = &channelSlots{}
			ix.channels[s.Channel] = cs
		}
		cs.starts = append(cs.starts, s.Start.Unix())
		cs.slots = append(cs.slots, int32(i))
	}
	for _, cs := range ix.channels {
		// Slots are sorted by start already; keep the index honest if a
		// calendar was built by hand.
		if !sort.SliceIsSorted(cs.starts, func(i, j int) bool { return cs.starts[i] < cs.starts[j] }) {
			sort.Sort(byStart{cs})
		}
	}
	return ix
}

type byStart struct{ *channelSlots }

func (b byStart) Len() int           { return len(b.starts) }
func (b byStart) Less(i, j int) bool { return b.starts[i] < b.starts[j] }
func (b byStart) Swap(i, j int) {
	b.starts[i], b.starts[j] = b.starts[j], b.starts[i]
	b.slots[i], b.slots[j] = b.slots[j], b.slots[i]
}

// find returns the slot of channel at exactly t (to the second), or -1
// and the nearest slot of the channel (-1 when it has none).
func (ix *slotIndex) find(channel string, t time.Time) (exact, nearest int) {
	cs := ix.channels[channel]
	if cs == nil || len(cs.starts) == 0 {
		return -1, -1
	}
	u := t.Unix()
	i := sort.Search(len(cs.starts), func(i int) bool { return cs.starts[i] >= u })
	if i < len(cs.starts) && cs.starts[i] == u {
		return int(cs.slots[i]), int(cs.slots[i])
	}
	switch {
	case i == 0:
		return -1, int(cs.slots[0])
	case i == len(cs.starts):
		return -1, int(cs.slots[i-1])
	}
	if u-cs.starts[i-1] <= cs.starts[i]-u {
		return -1, int(cs.slots[i-1])
	}
	return -1, int(cs.slots[i])
}
