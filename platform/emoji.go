package platform

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// isEmoji reports whether the grapheme cluster cl is an emoji as X's
// emoji parser (twemoji) and Threads see one: a code point of the emoji
// planes (U+1F000–U+1FAFF, flags' regional indicators included) on its
// own, or a sequence (a presentation selector, a skin tone, a ZWJ
// family, a flag, a keycap, a tag sequence) that starts with a
// pictographic code point or is a keycap. A lone pictograph of the Basic
// Multilingual Plane (©, ™, ☺) reads as text and is not one; X weighs it
// by its code point anyway.
func isEmoji(cl string) bool {
	r, size := utf8.DecodeRuneInString(cl)
	if size == len(cl) {
		return r >= 0x1F000 && r <= 0x1FAFF
	}
	if isPictographic(r) {
		return true
	}
	// A keycap: 0-9, # or * with U+20E3, with or without U+FE0F.
	return (r >= '0' && r <= '9' || r == '#' || r == '*') && strings.ContainsRune(cl, 0x20E3)
}

// pictographic holds, as ranges, the code points that start emoji: an
// approximation of Unicode's Extended_Pictographic property (emoji-data.txt)
// by its blocks, close enough to tell an emoji sequence from text.
var pictographic = [][2]rune{
	{0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049},
	{0x2122, 0x2122}, {0x2139, 0x2139}, {0x2194, 0x2199}, {0x21A9, 0x21AA},
	{0x231A, 0x231B}, {0x2328, 0x2328}, {0x2388, 0x2388}, {0x23CF, 0x23CF},
	{0x23E9, 0x23F3}, {0x23F8, 0x23FA}, {0x24C2, 0x24C2}, {0x25AA, 0x25AB},
	{0x25B6, 0x25B6}, {0x25C0, 0x25C0}, {0x25FB, 0x25FE}, {0x2600, 0x27BF},
	{0x2934, 0x2935}, {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
	{0x2B55, 0x2B55}, {0x3030, 0x3030}, {0x303D, 0x303D}, {0x3297, 0x3297},
	{0x3299, 0x3299}, {0x1F000, 0x1FAFF}, {0x1FC00, 0x1FFFD},
}

func isPictographic(r rune) bool {
	switch {
	case r < 0x203C:
		return r == 0x00A9 || r == 0x00AE
	case r >= 0x1F000:
		return r <= 0x1FAFF || r >= 0x1FC00 && r <= 0x1FFFD
	case r > 0x2B55:
		// Kana, CJK ideographs, Hangul: the common text, and four signs.
		return r == 0x3030 || r == 0x303D || r == 0x3297 || r == 0x3299
	}
	i := sort.Search(len(pictographic), func(i int) bool { return pictographic[i][1] >= r })
	return i < len(pictographic) && pictographic[i][0] <= r
}
