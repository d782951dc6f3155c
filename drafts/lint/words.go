package lint

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordList finds a voice's words to avoid in a post's words. Each entry
// is split into words the way a post is (see scan), so matching is a walk
// over the post's words that looks each one up by its folded text: linear
// in the text, whatever the number of entries that start with other words.
type wordList struct {
	entries []entry
	// first maps an entry's first word, folded, to the entries starting
	// with it, longest first, so the longest phrase wins.
	first map[string][]int
	// firstByte and minLen, maxLen describe the keys of first, so most
	// words of a post are passed over without hashing them.
	firstByte      [256]bool
	minLen, maxLen int
	// hint is the hint for an entry with none of its own.
	hint string
}

// entry is one word or phrase to avoid.
type entry struct {
	text  string   // as written in the strategy
	words []string // folded
	seps  []sep    // what separates words[i] and words[i+1]
	hint  string
}

// sep is what separates two words of a phrase. White space and dashes
// are the same separator ("game changer" finds "game-changer" and a
// phrase broken over two lines), apostrophes are one, and letters of a
// script written without spaces have none; anything else must be as
// written, case-folded.
type sep struct {
	kind sepKind
	text string // for sepExact, folded
}

type sepKind uint8

const (
	sepNone sepKind = iota
	sepSpace
	sepApostrophe
	sepExact
)

// match is an entry found in a post: the bytes of the text it covers.
type match struct {
	entry      int
	start, end int
}

// newWordList prepares the words to avoid; hints are keyed as written in
// words (matched case-insensitively); fallback is the hint of the others.
// An entry with no word in it (only punctuation) can never match and is
// dropped.
func newWordList(words []string, hints map[string]string, fallback string) *wordList {
	w := &wordList{first: map[string][]int{}, hint: fallback}
	folded := map[string]string{}
	for k, h := range hints {
		folded[foldString(strings.TrimSpace(k))] = h
	}
	var sc scan
	seen := map[string]bool{}
	for _, text := range words {
		text = strings.TrimSpace(text)
		sc.text = text
		sc.fold, sc.words = sc.fold[:0], sc.words[:0]
		sc.words1(0, len(text), -1)
		if len(sc.words) == 0 {
			continue
		}
		e := entry{text: text, hint: folded[foldString(text)]}
		for i, wd := range sc.words {
			e.words = append(e.words, string(sc.fold[wd.foldStart:wd.foldEnd]))
			if i > 0 {
				e.seps = append(e.seps, sepOf(text[wd.prevEnd:wd.start]))
			}
		}
		key := strings.Join(e.words, "\x00") + "\x01" + sepKey(e.seps)
		if seen[key] {
			continue // the same entry twice, in two spellings
		}
		seen[key] = true
		w.entries = append(w.entries, e)
		w.first[e.words[0]] = append(w.first[e.words[0]], len(w.entries)-1)
		w.firstByte[e.words[0][0]] = true
		if w.minLen == 0 || len(e.words[0]) < w.minLen {
			w.minLen = len(e.words[0])
		}
		w.maxLen = max(w.maxLen, len(e.words[0]))
	}
	for _, list := range w.first {
		sort.SliceStable(list, func(i, j int) bool {
			return len(w.entries[list[i]].words) > len(w.entries[list[j]].words)
		})
	}
	return w
}

func sepKey(seps []sep) string {
	var b strings.Builder
	for _, s := range seps {
		b.WriteByte(byte(s.kind))
		b.WriteString(s.text)
		b.WriteByte(0)
	}
	return b.String()
}

// find calls found for each entry in the scanned text, leftmost first; a
// found phrase's words are not searched again.
func (w *wordList) find(s *scan, found func(match)) {
	if len(w.entries) == 0 {
		return
	}
	for i := 0; i < len(s.words); i++ {
		wd := s.words[i]
		if n := wd.foldEnd - wd.foldStart; n < w.minLen || n > w.maxLen || !w.firstByte[s.fold[wd.foldStart]] {
			continue
		}
		list, ok := w.first[string(s.fold[wd.foldStart:wd.foldEnd])]
		if !ok {
			continue
		}
		for _, ei := range list {
			e := &w.entries[ei]
			if n := len(e.words); i+n <= len(s.words) && w.rest(s, i, e) {
				found(match{entry: ei, start: wd.start, end: s.words[i+n-1].end})
				i += n - 1
				break
			}
		}
	}
}

// rest reports whether the words after the first of e follow word i of
// the text, with the same separators.
func (w *wordList) rest(s *scan, i int, e *entry) bool {
	for k := 1; k < len(e.words); k++ {
		wd := s.words[i+k]
		if string(s.fold[wd.foldStart:wd.foldEnd]) != e.words[k] {
			return false
		}
		if !e.seps[k-1].matches(s.text[wd.prevEnd:wd.start]) {
			return false
		}
	}
	return true
}

// matches reports whether the text between two words is this separator.
func (p sep) matches(between string) bool {
	switch p.kind {
	case sepExact:
		return foldString(between) == p.text
	default:
		return sepOf(between).kind == p.kind
	}
}

// sepOf classifies the text between two words.
func sepOf(between string) sep {
	if between == "" {
		return sep{kind: sepNone}
	}
	space, apos := true, true
	for _, r := range between {
		switch {
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r):
			apos = false
		case r == '\'' || r == '’' || r == 'ʼ':
			space = false
		default:
			space, apos = false, false
		}
	}
	switch {
	case space:
		return sep{kind: sepSpace}
	case apos:
		return sep{kind: sepApostrophe}
	}
	return sep{kind: sepExact, text: foldString(between)}
}

// foldString case-folds s rune by rune (see fold).
func foldString(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, fold(r))
	}
	return string(b)
}
