package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A scan splits a post's text, in one pass, into what the rules look at:
// the words (case-folded, for the words to avoid), the @mentions and the
// links. Words inside a link, an @mention or an e-mail address are not
// words of the post, so they are left out: "https://x.no/cheap-tents" and
// "@epic.trails" use no word to avoid. A hashtag's word is a word:
// "#cheap" uses "cheap", "#cheaptents" does not.
type scan struct {
	text     string
	fold     []byte // the words, case-folded, one after another
	words    []word
	mentions []span
	links    []span
}

// word is one word of the text: its bytes in the text and in scan.fold,
// and where the word before it ended in the text (-1 for the first), so
// a phrase can look at what separates them.
type word struct {
	start, end         int
	foldStart, foldEnd int
	prevEnd            int
}

// span is a part of the text: an @mention's handle (without the @) or a
// link.
type span struct{ start, end int }

// reset scans text, reusing the scan's buffers.
func (s *scan) reset(text string) {
	s.text = text
	s.fold = s.fold[:0]
	s.words = s.words[:0]
	s.mentions = s.mentions[:0]
	s.links = s.links[:0]
	prevEnd := -1
	i := 0
	for i < len(text) {
		// One chunk at a time: the text between white space.
		for i < len(text) {
			n, space := spaceAt(text, i)
			if !space {
				break
			}
			i += n
		}
		j := i
		marks := false // the chunk has an @ or a :, so it may be a mention, an address or a link
		for j < len(text) {
			if c := text[j]; c == '@' || c == ':' {
				marks = true
			}
			n, space := spaceAt(text, j)
			if space {
				break
			}
			j += n
		}
		if i < j {
			if marks || j-i > 4 && (text[i] == 'w' || text[i] == 'W') || text[i] < utf8.RuneSelf && isOpening(text[i]) {
				prevEnd = s.chunk(i, j, prevEnd)
			} else {
				prevEnd = s.words1(i, j, prevEnd)
			}
		}
		i = j
	}
}

// spaceAt returns the length of the rune at text[i] and whether it is
// white space, deciding ASCII without a table.
func spaceAt(text string, i int) (int, bool) {
	if c := text[i]; c < utf8.RuneSelf {
		return 1, c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return n, unicode.IsSpace(r)
}

// chunk scans text[i:j], a run without white space, and returns where its
// last word ends (or prevEnd when it has none).
func (s *scan) chunk(i, j, prevEnd int) int {
	c := s.text[i:j]
	lead := 0
	for lead < len(c) && isOpening(c[lead]) {
		lead++
	}
	if lead < len(c) && c[lead] == '@' {
		return s.mention(i+lead, j, prevEnd)
	}
	// A link starts at its scheme ("https://", "http://") or at "www.".
	if k := strings.Index(c, "://"); k > 0 {
		b := k
		for b > 0 && isSchemeByte(c[b-1]) {
			b--
		}
		if b < k {
			prevEnd = s.words1(i, i+b, prevEnd)
			s.links = append(s.links, span{i + b, i + b + trimLink(c[b:])})
			return prevEnd
		}
	}
	if hasPrefixFold(c[lead:], "www.") {
		s.links = append(s.links, span{i + lead, i + lead + trimLink(c[lead:])})
		return prevEnd
	}
	if k := strings.IndexByte(c, '@'); k >= 0 {
		// After punctuation ("Takk,@anna") an @ starts a mention; after
		// a letter, digit, dot or dash it is an e-mail address, whose
		// words are not the post's.
		if r, _ := utf8.DecodeLastRuneInString(c[:k]); !isWordRune(r) && r != '.' && r != '-' {
			prevEnd = s.words1(i, i+k, prevEnd)
			return s.mention(i+k, j, prevEnd)
		}
		return prevEnd
	}
	return s.words1(i, j, prevEnd)
}

// mention records the @mention at text[at] (the @) and scans the rest of
// the chunk, up to j, for words.
func (s *scan) mention(at, j, prevEnd int) int {
	h := at + 1
	end := h
	for end < j {
		r, n := utf8.DecodeRuneInString(s.text[end:j])
		if !isWordRune(r) && r != '.' && r != '-' {
			break
		}
		end += n
	}
	for end > h && (s.text[end-1] == '.' || s.text[end-1] == '-') {
		end--
	}
	if end > h {
		s.mentions = append(s.mentions, span{h, end})
	}
	return s.words1(end, j, prevEnd)
}

// words1 adds the words of text[i:j] and returns where the last ends.
func (s *scan) words1(i, j, prevEnd int) int {
	text := s.text
	start := -1
	fs := 0
	end := func(at int) {
		s.words = append(s.words, word{start: start, end: at, foldStart: fs, foldEnd: len(s.fold), prevEnd: prevEnd})
		prevEnd = at
		start = -1
	}
	for k := i; k < j; {
		if c := text[k]; c < utf8.RuneSelf {
			// ASCII, most of most posts: no tables.
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if start >= 0 {
					end(k)
				}
				k++
				continue
			}
			if start < 0 {
				start, fs = k, len(s.fold)
			}
			s.fold = append(s.fold, c)
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[k:])
		switch {
		case isSolo(r):
			// A letter of a script written without spaces (or a
			// symbol such as an emoji) is a word of its own, so a
			// phrase of them matches anywhere inside a run.
			if start >= 0 {
				end(k)
			}
			start, fs = k, len(s.fold)
			s.fold = utf8.AppendRune(s.fold, fold(r))
			end(k + n)
		case isWordRune(r):
			if start < 0 {
				start, fs = k, len(s.fold)
			}
			if r < utf8.RuneSelf {
				s.fold = append(s.fold, byte(fold(r)))
			} else {
				s.fold = utf8.AppendRune(s.fold, fold(r))
			}
		default:
			if start >= 0 {
				end(k)
			}
		}
		k += n
	}
	if start >= 0 {
		end(j)
	}
	return prevEnd
}

// isOpening reports whether c opens a bracket or a quotation, which may
// come before a mention or a link.
func isOpening(c byte) bool {
	return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == '<'
}

// trimLink returns the length of the link at the start of c, without the
// punctuation that ends a sentence or closes a bracket the link did not
// open, the way platforms cut a link out of a post.
func trimLink(c string) int {
	// Brackets are counted once, then kept up to date as the end is
	// trimmed, so a link followed by many brackets costs linear time.
	open := strings.Count(c, "(") - strings.Count(c, ")")
	square := strings.Count(c, "[") - strings.Count(c, "]")
	n := len(c)
	for n > 0 {
		switch c[n-1] {
		case '.', ',', ';', ':', '!', '?', '"', '\'', '>':
			n--
			continue
		case ')':
			if open < 0 {
				open++
				n--
				continue
			}
		case ']':
			if square < 0 {
				square++
				n--
				continue
			}
		}
		break
	}
	return n
}

func isSchemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isWordRune reports whether r belongs to a word: a letter, a digit, a
// combining mark or an underscore, as in the audit's classifier (so
// hashtags such as #tur_i_fjellet are one word).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// soloScripts are written without spaces between words, so their letters
// cannot be split into words by white space and punctuation.
var soloScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}

// isSolo reports whether r is a word on its own: a letter of a script
// written without spaces, or a symbol such as an emoji.
func isSolo(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	if r < 0x0E00 { // below Thai, the first of soloScripts
		return unicode.Is(unicode.So, r)
	}
	return unicode.Is(unicode.So, r) || unicode.In(r, soloScripts...)
}

// fold returns r's simple case folding: the same rune for every case of a
// letter (Σ, σ and ς; K, k and the Kelvin sign; ẞ and ß). It does not fold
// ß to ss, nor strip accents: å, ø and æ are letters of their own.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}
