package platform

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// xURLLength is what twitter-text v3 counts a URL for
// (transformedURLLength in config/v3.json).
const xURLLength = 23

// Count returns the length of text as l counts it: in l.Counting's unit,
// each URL counted as l.URLLength when that is set, and a mention's
// server left out when l.MentionDomainFree.
func (l Limits) Count(text string) int {
	var e Entities
	if l.urlLength() > 0 || l.MentionDomainFree {
		e = Scan(text)
	}
	n, _ := l.measure(text, &e, 0)
	return n
}

func (l Limits) urlLength() int {
	if l.URLLength == 0 && l.Counting == Weighted {
		return xURLLength
	}
	return l.URLLength
}

// measure returns text's length as l counts it, and the byte offset in
// text of the unit with which the count first passes limit: -1 when it
// never does or limit is 0. e holds text's entities.
func (l Limits) measure(text string, e *Entities, limit int) (n, cross int) {
	m := meter{limit: limit, cross: -1}
	if limit <= 0 {
		m.limit = math.MaxInt
	}
	urls, mentions := e.URLs, e.Mentions
	urlLen := l.urlLength()
	if urlLen <= 0 {
		urls = nil
	}
	if !l.MentionDomainFree {
		mentions = nil
	}
	pos := 0
	for len(urls) > 0 || len(mentions) > 0 {
		// The next span that does not count as written: a URL (counted
		// as urlLen) or a mention's @server (not counted).
		var off, end, cost int
		if len(mentions) == 0 || len(urls) > 0 && urls[0].Offset < mentions[0].Offset {
			off, end, cost = urls[0].Offset, urls[0].Offset+urls[0].Length, urlLen
			urls = urls[1:]
		} else {
			t := mentions[0]
			mentions = mentions[1:]
			if t.Domain == 0 {
				continue
			}
			off, end = t.Offset+t.Length-t.Domain, t.Offset+t.Length
		}
		m.piece(l.Counting, text[pos:off], pos)
		if cost > 0 {
			m.base, m.segs = 0, nil
			m.add(off, cost)
		}
		pos = end
	}
	m.piece(l.Counting, text[pos:], pos)
	return m.n, m.cross
}

// meter adds up units and notes where the sum first passes its limit.
type meter struct {
	n, limit, cross int
	// base is the offset in the text of the string being counted; segs,
	// when the string is an NFC-normalised copy, map its offsets back.
	base int
	segs []seg
	// unsure is set when a character NFC might change was counted.
	unsure bool
}

// seg is where one normalisation segment starts in the normalised copy
// and in the text.
type seg struct{ norm, in int }

// add counts k units for the unit at offset i of the string being counted.
func (m *meter) add(i, k int) {
	m.n += k
	if m.n > m.limit && m.cross < 0 {
		m.cross = m.offset(i)
	}
}

func (m *meter) offset(i int) int {
	if m.segs == nil {
		return m.base + i
	}
	j := sort.Search(len(m.segs), func(j int) bool { return m.segs[j].norm > i }) - 1
	return m.segs[max(j, 0)].in
}

// piece counts s, which starts at offset base of the text.
func (m *meter) piece(c Counting, s string, base int) {
	if s == "" {
		return
	}
	m.base, m.segs = base, nil
	switch c {
	case Chars:
		if !quickNFC(s) && !norm.NFC.IsNormalString(s) {
			s, m.segs = nfc(s, base)
		}
	case Weighted, EmojiBytes:
		// Count at once; only when a character the normalisation may
		// change was met, and s is not in NFC, count its NFC again.
		n, cross := m.n, m.cross
		m.unsure = false
		m.count(c, s)
		if m.unsure && !norm.NFC.IsNormalString(s) {
			m.n, m.cross = n, cross
			s, m.segs = nfc(s, base)
			m.count(c, s)
		}
		return
	}
	m.count(c, s)
}

// count counts s in c's unit.
func (m *meter) count(c Counting, s string) {
	switch c {
	case Graphemes:
		m.graphemes(s)
	case Weighted:
		m.weighted(s)
	case UTF16:
		for i, r := range s {
			m.add(i, 1+b2i(r > 0xFFFF))
		}
	case Bytes:
		for i := 0; i < len(s); {
			_, size := utf8.DecodeRuneInString(s[i:])
			m.add(i, size)
			i += size
		}
	case EmojiBytes:
		m.emojiBytes(s)
	default: // Chars
		if m.cross >= 0 || m.n+len(s) <= m.limit {
			m.n += utf8.RuneCountInString(s) // cannot pass the limit here
			return
		}
		for i := range s {
			m.add(i, 1)
		}
	}
}

// nfc returns s in NFC, with where each normalisation segment starts in
// the result and in the text (s starting at base).
func nfc(s string, base int) (string, []seg) {
	var it norm.Iter
	it.InitString(norm.NFC, s)
	b := make([]byte, 0, len(s)+8)
	var segs []seg
	for !it.Done() {
		segs = append(segs, seg{norm: len(b), in: base + it.Pos()})
		b = append(b, it.Next()...)
	}
	return string(b), segs
}

// graphemes counts the grapheme clusters of s. An ASCII byte followed by
// another (or the end) is a cluster of its own, CR LF aside, since no
// ASCII character extends or joins another; only the rest needs the
// segmentation rules.
func (m *meter) graphemes(s string) {
	for i := 0; i < len(s); {
		if j := asciiRun(s, i); j > i {
			m.addRun(s, i, j, true)
			i = j
			continue
		}
		if n := asciiCluster(s, i); n > 0 {
			m.add(i, 1)
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if i+size == len(s) || s[i+size] < utf8.RuneSelf {
			// Nothing joins ASCII to what goes before it; only a
			// prepended mark joins what follows it.
			if !mayPrepend(r) {
				m.add(i, 1)
				i += size
				continue
			}
		} else if r != '\r' && (r < utf8.RuneSelf || simpleCluster(r)) {
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); simpleCluster(next) {
				m.add(i, 1)
				i += size
				continue
			}
		} else if n := simpleEmoji(s[i:], r, size); n > 0 {
			m.add(i, 1)
			i += n
			continue
		}
		n := clusterLen(s[i:])
		m.add(i, 1)
		i += n
	}
}

// simpleEmoji returns the length of the cluster at s when it is a lone
// pictograph r (of size bytes), with a presentation selector or a skin
// tone, followed by the end, ASCII, a simpleCluster letter or another
// pictograph; 0 when the
// full rules must say (a ZWJ sequence, a flag, a keycap).
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
	// Another pictograph starts a cluster of its own (only a ZWJ joins
	// two); a skin tone, selector or mark would extend this one.
	if next, _ := utf8.DecodeRuneInString(s[n:]); simpleCluster(next) ||
		isPictographic(next) && (next < 0x1F3FB || next > 0x1F3FF) {
		return n
	}
	return 0
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

// weighted counts s as twitter-text v3 does (URLs aside): an emoji
// sequence weighs 2, anything else the sum of its code points' weights.
// Only a code point that may start an emoji needs its grapheme cluster.
func (m *meter) weighted(s string) {
	for i := 0; i < len(s); {
		if j := asciiRun(s, i); j > i {
			m.addRun(s, i, j, false)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !mayStartEmoji(r) {
			m.unsure = m.unsure || !nfcStable(r)
			m.add(i, xWeight(r))
			i += size
			continue
		}
		n := clusterLen(s[i:])
		cl := s[i : i+n]
		m.unsure = m.unsure || !clusterStable(cl)
		w := 0
		if isEmoji(cl) {
			w = 2
		} else {
			for _, r := range cl {
				w += xWeight(r)
			}
		}
		m.add(i, w)
		i += n
	}
}

// emojiBytes counts s as Threads does: a code point each, but an emoji as
// its UTF-8 bytes.
func (m *meter) emojiBytes(s string) {
	for i := 0; i < len(s); {
		if j := asciiRun(s, i); j > i {
			m.addRun(s, i, j, false)
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !mayStartEmoji(r) {
			m.unsure = m.unsure || !nfcStable(r)
			m.add(i, 1)
			i += size
			continue
		}
		n := clusterLen(s[i:])
		cl := s[i : i+n]
		m.unsure = m.unsure || !clusterStable(cl)
		if isEmoji(cl) {
			m.add(i, n)
		} else {
			m.add(i, utf8.RuneCountInString(cl))
		}
		i += n
	}
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

// xWeight is a code point's weight in twitter-text v3: 1 in the light
// ranges of config/v3.json, 2 elsewhere.
func xWeight(r rune) int {
	switch {
	case r <= 0x10FF, r >= 0x2000 && r <= 0x200D, r >= 0x2010 && r <= 0x201F, r >= 0x2032 && r <= 0x2037:
		return 1
	}
	return 2
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

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
