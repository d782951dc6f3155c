package audit

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/pillar-strategy/pillar/strategy"
)

// classifier puts a post without a pillar into one by the pillars'
// hashtags and keywords, matched case-insensitively: a hashtag as a whole
// #tag, a keyword as a whole word (or a whole phrase, for keywords of
// several words). The pillar with the most matches wins; a tie, or no
// match, leaves the post unclassified.
type classifier struct {
	tags    map[string]int // hashtag without #, lower-cased → pillar
	words   map[string]int // one-word keyword, lower-cased → pillar
	phrases []phrase
	score   []int
	toks    tokens
}

type phrase struct {
	text   []byte // lower-cased
	pillar int
}

// ambiguous marks a hashtag or keyword two pillars declare; it counts for
// neither.
const ambiguous = -1

func newClassifier(pillars []strategy.Pillar) *classifier {
	c := &classifier{tags: map[string]int{}, words: map[string]int{}, score: make([]int, len(pillars))}
	put := func(m map[string]int, k string, i int) {
		if j, ok := m[k]; ok && j != i {
			m[k] = ambiguous
			return
		}
		m[k] = i
	}
	for i, p := range pillars {
		for _, h := range p.Hashtags {
			if h = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "#")); h != "" {
				put(c.tags, h, i)
			}
		}
		for _, k := range p.Keywords {
			k = strings.ToLower(strings.TrimSpace(k))
			switch {
			case k == "":
			case isWord(k):
				put(c.words, k, i)
			default:
				c.phrases = append(c.phrases, phrase{text: []byte(k), pillar: i})
			}
		}
	}
	return c
}

func isWord(s string) bool {
	for _, r := range s {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokens is a lower-cased text and its words; a word directly after '#'
// is a hashtag.
type tokens struct {
	text []byte
	list []token
}

type token struct {
	start, end int
	hashtag    bool
}

// tokenize lower-cases text into the classifier's scratch buffers and
// splits it into words. The result is valid until the next call.
func (c *classifier) tokenize(text []byte) *tokens {
	t := &c.toks
	t.text = t.text[:0]
	t.list = t.list[:0]
	start := -1
	hashtag := false
	end := func() {
		if start >= 0 {
			t.list = append(t.list, token{start: start, end: len(t.text), hashtag: hashtag})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			i++
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if isWordRune(rune(b)) {
				if start < 0 {
					start = len(t.text)
					hashtag = len(t.text) > 0 && t.text[len(t.text)-1] == '#'
				}
			} else {
				end()
			}
			t.text = append(t.text, b)
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		i += n
		r = unicode.ToLower(r)
		if isWordRune(r) {
			if start < 0 {
				start = len(t.text)
				hashtag = len(t.text) > 0 && t.text[len(t.text)-1] == '#'
			}
		} else {
			end()
		}
		t.text = utf8.AppendRune(t.text, r)
	}
	end()
	return t
}

// pillar returns the pillar the tokens point to, or -1.
func (c *classifier) pillar(t *tokens) int {
	if len(c.tags) == 0 && len(c.words) == 0 && len(c.phrases) == 0 {
		return -1
	}
	clear(c.score)
	hits := false
	for _, tok := range t.list {
		w := t.text[tok.start:tok.end]
		if tok.hashtag {
			if i, ok := c.tags[string(w)]; ok && i != ambiguous {
				c.score[i]++
				hits = true
			}
		}
		if i, ok := c.words[string(w)]; ok && i != ambiguous {
			c.score[i]++
			hits = true
		}
	}
	for _, p := range c.phrases {
		if n := countPhrase(t.text, p.text); n > 0 {
			c.score[p.pillar] += n
			hits = true
		}
	}
	if !hits {
		return -1
	}
	best, tie := 0, false
	for i := 1; i < len(c.score); i++ {
		switch {
		case c.score[i] > c.score[best]:
			best, tie = i, false
		case c.score[i] == c.score[best]:
			tie = true
		}
	}
	if tie || c.score[best] == 0 {
		return -1
	}
	return best
}

// countPhrase counts the occurrences of phrase in text that start and end
// at word boundaries.
func countPhrase(text, phrase []byte) int {
	n := 0
	for off := 0; ; {
		i := bytes.Index(text[off:], phrase)
		if i < 0 {
			return n
		}
		i += off
		j := i + len(phrase)
		before, _ := utf8.DecodeLastRune(text[:i])
		after, _ := utf8.DecodeRune(text[j:])
		if (i == 0 || !isWordRune(before)) && (j == len(text) || !isWordRune(after)) {
			n++
		}
		off = i + 1
	}
}

// Classifier puts a text into a pillar the way the audit classifies posts
// that do not declare one: by the pillars' hashtags and keywords (see
// classifier). Package drafts uses it for drafts without a pillar, so a
// draft and the post it becomes land in the same pillar. A Classifier is
// not safe for concurrent use.
type Classifier struct{ c *classifier }

// NewClassifier prepares a Classifier for the pillars, in declared order.
func NewClassifier(pillars []strategy.Pillar) *Classifier {
	return &Classifier{c: newClassifier(pillars)}
}

// Pillar returns the index of the pillar text points to, or -1 when no
// hashtag or keyword matches or two pillars tie.
func (c *Classifier) Pillar(text string) int {
	if len(c.c.tags) == 0 && len(c.c.words) == 0 && len(c.c.phrases) == 0 {
		return -1
	}
	// tokenize only reads the text (it lower-cases a copy), so the string
	// need not be copied into a byte slice first.
	return c.c.pillar(c.c.tokenize(unsafe.Slice(unsafe.StringData(text), len(text))))
}
