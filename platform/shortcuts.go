package platform

// The shortcuts that keep counting near a microsecond a draft: most text
// is ASCII or letters that the Unicode rules treat simply, and only the
// rest needs the grapheme segmentation or the normalisation tables. The
// fuzz target holds every shortcut to the full rules.

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// simpleEmoji returns the length of the cluster at s when it is a lone
// pictograph r (of size bytes), with a presentation selector or a skin
// tone, followed by the end, ASCII, a simpleCluster letter or another
// pictograph; 0 when the full rules must say (a ZWJ sequence, a flag, a
// keycap).
func simpleEmoji(s string, r rune, size int) int {
	if !isPictographic(r) || r >= 0x1F1E6 && r <= 0x1F1FF {
		return 0
	}
	n := size
	if n < len(s) {
		next, nsize := utf8.DecodeRuneInString(s[n:])
		if next == 0xFE0F || next >= 0x1F3FB && next <= 0x1F3FF {
			n += nsize
		}
	}
	if n == len(s) || s[n] < utf8.RuneSelf {
		return n
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); startsCluster(next) {
		return n
	}
	return 0
}

// startsCluster reports whether r, after a letter, sign or lone emoji,
// surely starts a cluster of its own: a simpleCluster letter, or a
// pictograph (only a ZWJ joins two), but not a skin tone, which extends.
func startsCluster(r rune) bool {
	return simpleCluster(r) || isPictographic(r) && (r < 0x1F3FB || r > 0x1F3FF)
}

// mayPrepend reports whether r may be a prepended concatenation mark
// (Grapheme_Cluster_Break=Prepend: Arabic number signs, a few Brahmic
// marks), which joins the character after it.
func mayPrepend(r rune) bool {
	return r >= 0x0600 && r <= 0x08FF || r == 0x0D4E || r >= 0x11000 && r <= 0x11FFF
}

// simpleCluster reports whether r is one of the letters and signs that
// the grapheme rules never join to a neighbour of the same kind or to
// ASCII: Latin, Greek and Cyrillic letters, general punctuation, kana,
// CJK ideographs and full-width forms. Combining marks, joiners,
// Hangul jamo and emoji are not, and go through the full rules.
func simpleCluster(r rune) bool {
	switch {
	case r >= 0x00A0 && r <= 0x02FF, // Latin-1, Latin Extended, IPA, modifier letters
		r >= 0x0370 && r <= 0x0482, r >= 0x048A && r <= 0x052F, // Greek, Cyrillic without its marks
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E, // general punctuation without joiners and controls
		r >= 0x3000 && r <= 0x3029, r >= 0x3041 && r <= 0x3096, r >= 0x30A0 && r <= 0x30FF, // CJK symbols, kana
		r >= 0x4E00 && r <= 0x9FFF, r >= 0xFF01 && r <= 0xFF9D: // CJK ideographs, full-width forms
		return true
	}
	return false
}

// asciiRun returns where the run of ASCII bytes from s[i] that are
// clusters of their own ends: before an ASCII byte that a non-ASCII one
// follows (a combining mark may join it), and before a CR whose LF does.
func asciiRun(s string, i int) int {
	j := asciiPrefix(s, i)
	if j < len(s) && j > i {
		j--
		if j > i && s[j-1] == '\r' && s[j] == '\n' {
			j--
		}
	}
	return j
}

// addRun counts units for the ASCII run s[i:j], one unit a byte except
// that a CR LF is one when crlf is set. It takes the run whole unless the
// limit is passed inside it.
func (m *meter) addRun(s string, i, j int, crlf bool) {
	units := j - i
	if crlf && strings.IndexByte(s[i:j], '\r') >= 0 {
		units -= strings.Count(s[i:j], "\r\n")
	}
	if m.cross >= 0 || m.n+units <= m.limit {
		m.n += units
		return
	}
	for k := i; k < j; k++ {
		if crlf && s[k] == '\r' && k+1 < j && s[k+1] == '\n' {
			m.add(k, 1)
			k++
			continue
		}
		m.add(k, 1)
	}
}

// mayStartEmoji reports whether r may begin an emoji sequence: a
// pictograph, a regional indicator, or a keycap's base.
func mayStartEmoji(r rune) bool {
	return r >= '0' && r <= '9' || r == '#' || r == '*' || isPictographic(r)
}

// asciiCluster returns the length of the cluster at s[i] when it is plain
// ASCII (1, or 2 for CR LF), and 0 when the segmentation rules must say.
func asciiCluster(s string, i int) int {
	c := s[i]
	if c >= utf8.RuneSelf {
		return 0
	}
	if i+1 == len(s) {
		return 1
	}
	next := s[i+1]
	if next >= utf8.RuneSelf {
		return 0 // a combining mark may follow
	}
	if c == '\r' && next == '\n' {
		return 2
	}
	return 1
}

// clusterLen returns the length of the grapheme cluster s starts with.
// It starts from a known boundary, so no state is carried in.
func clusterLen(s string) int {
	cl, _, _, _ := uniseg.FirstGraphemeClusterInString(s, -1)
	return max(len(cl), 1)
}

// quickNFC reports whether s is surely in NFC without asking the
// normalisation tables: it holds only ASCII and simpleCluster's letters,
// which are all NFC, have no canonical combining class and compose with
// nothing that is not a combining mark (Greek's three singletons aside).
// false means "ask norm".
func quickNFC(s string) bool {
	for i := asciiPrefix(s, 0); i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !nfcStable(r) {
			return false
		}
		i += size
	}
	return true
}

// clusterStable reports whether NFC surely leaves the cluster cl as it
// is: made of nfcStable characters and the parts of emoji (pictographs,
// presentation selectors, joiners, keycaps, skin tones, tags).
func clusterStable(cl string) bool {
	for _, r := range cl {
		if !nfcStable(r) && !isPictographic(r) && r != 0xFE0F && r != 0x200D && r != 0x20E3 && (r < 0xE0020 || r > 0xE007F) {
			return false
		}
	}
	return true
}

// nfcStable reports whether NFC surely leaves r as it is, whatever is
// around it: ASCII and simpleCluster's letters, but Greek's three
// singletons.
func nfcStable(r rune) bool {
	return r < utf8.RuneSelf || simpleCluster(r) && r != 0x0374 && r != 0x037E && r != 0x0387
}

// asciiPrefix returns where the ASCII bytes from s[i] end, eight at a
// time while it can.
func asciiPrefix(s string, i int) int {
	for i+8 <= len(s) {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
		i += 8
	}
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	return i
}
