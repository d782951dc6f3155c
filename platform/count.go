package platform

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

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
			u := urls[0]
			urls = urls[1:]
			if u.Bare && l.URLsNeedScheme {
				continue
			}
			off, end, cost = u.Offset, u.Offset+u.Length, urlLen
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
// the result and in the text (s starting at base). Bytes that are not
// UTF-8 are kept as they are, each a segment of its own: norm's iterator
// can loop forever on them.
func nfc(s string, base int) (string, []seg) {
	b := make([]byte, 0, len(s)+8)
	var segs []seg
	var it norm.Iter
	for len(s) > 0 {
		k := validPrefix(s)
		if k > 0 {
			it.InitString(norm.NFC, s[:k])
			for !it.Done() {
				segs = append(segs, seg{norm: len(b), in: base + it.Pos()})
				b = append(b, it.Next()...)
			}
		}
		if k < len(s) {
			segs = append(segs, seg{norm: len(b), in: base + k})
			b = append(b, s[k])
			k++
		}
		s, base = s[k:], base+k
	}
	return string(b), segs
}

// validPrefix returns the length of the valid UTF-8 that s starts with.
func validPrefix(s string) int {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(s)
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
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); startsCluster(next) {
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
		n := simpleEmoji(s[i:], r, size)
		if n == 0 {
			n = clusterLen(s[i:])
		}
		cl := s[i : i+n]
		m.unsure = m.unsure || !clusterStable(cl)
		w := 0
		if isEmoji(cl) {
			w = 2
			if strings.HasSuffix(cl, "\u200d") {
				w++ // a joiner that joins nothing is text after the emoji
			}
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
		n := simpleEmoji(s[i:], r, size)
		if n == 0 {
			n = clusterLen(s[i:])
		}
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

// xWeight is a code point's weight in twitter-text v3: 1 in the light
// ranges of config/v3.json, 2 elsewhere.
func xWeight(r rune) int {
	switch {
	case r <= 0x10FF, r >= 0x2000 && r <= 0x200D, r >= 0x2010 && r <= 0x201F, r >= 0x2032 && r <= 0x2037:
		return 1
	}
	return 2
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
