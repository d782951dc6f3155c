package audit

// idSet remembers which row ids have been seen on which channel, by a
// 64-bit FNV-1a hash: eight bytes a row whatever the id's length, in tables
// at most three-quarters full (so 11 to 21 bytes a row in all). Two different ids
// collide with probability about n²/2⁶⁵ — around one in 300,000 for ten
// million rows — and a collision would count a row as a duplicate.
//
// The set is split into 256 open-addressing tables by the hash's top byte,
// so growing one table copies 1/256 of the whole and peak memory stays
// close to the live size.
type idSet struct {
	shards [256]idShard
}

type idShard struct {
	slots []uint64 // 0 marks an empty slot; hashes of 0 are stored as 1
	n     int
}

// hashID is FNV-1a over a channel id, a separator byte that UTF-8 text
// never holds, and a row id: ids are unique per channel, so two networks
// numbering their posts alike do not collide.
func hashID(channel, id []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range channel {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A' // channel ids match in any case
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= 0xff
	h *= 1099511628211
	for _, c := range id {
		h ^= uint64(c)
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// add records the row id on a channel and reports whether it was new.
func (s *idSet) add(channel, id []byte) bool {
	h := hashID(channel, id)
	sh := &s.shards[h>>56]
	if sh.n*4 >= len(sh.slots)*3 {
		sh.grow()
	}
	mask := uint64(len(sh.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		switch sh.slots[i] {
		case 0:
			sh.slots[i] = h
			sh.n++
			return true
		case h:
			return false
		}
	}
}

func (sh *idShard) grow() {
	old := sh.slots
	size := 2 * len(old)
	if size == 0 {
		size = 64
	}
	sh.slots = make([]uint64, size)
	mask := uint64(size - 1)
	for _, h := range old {
		if h == 0 {
			continue
		}
		i := h & mask
		for sh.slots[i] != 0 {
			i = (i + 1) & mask
		}
		sh.slots[i] = h
	}
}
