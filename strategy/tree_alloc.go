package strategy

import "unicode/utf8"

// treeAlloc hands out a file's nodes and their key and child lists from
// chunks, which saves a thousand small allocations per strategy. The lists
// have room for exactly what the YAML holds, so appending to one later
// (merging an include) copies it instead of writing over its neighbour.
type treeAlloc struct {
	nodeChunk []node
	keyChunk  []string
	ptrChunk  []*node
}

func (a *treeAlloc) node() *node {
	if len(a.nodeChunk) == 0 {
		a.nodeChunk = make([]node, 128)
	}
	n := &a.nodeChunk[0]
	a.nodeChunk = a.nodeChunk[1:]
	return n
}

func (a *treeAlloc) keys(n int) []string {
	if n > len(a.keyChunk) {
		a.keyChunk = make([]string, max(n, 256))
	}
	out := a.keyChunk[:0:n]
	a.keyChunk = a.keyChunk[n:]
	return out
}

func (a *treeAlloc) nodes(n int) []*node {
	if n > len(a.ptrChunk) {
		a.ptrChunk = make([]*node, max(n, 512))
	}
	out := a.ptrChunk[:0:n]
	a.ptrChunk = a.ptrChunk[n:]
	return out
}

// runeCount is utf8.RuneCountInString, eight bytes at a time while they
// are ASCII: it runs over every value and line of a strategy.
func runeCount(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	return i + utf8.RuneCountInString(s[i:])
}
