package platform

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one hashtag, mention or URL found in a text.
type Token struct {
	// Offset is the token's first byte in the text.
	Offset int
	// Length is the token's length in bytes.
	Length int
	// Domain, for a mention with a server (@kari@example.social), is the
	// length in bytes of its "@example.social" tail; 0 otherwise.
	Domain int
	// Bare is set for a URL written without its scheme (nordlys.no).
	Bare bool
}

// Text returns the token's bytes in text.
func (t Token) Text(text string) string { return text[t.Offset : t.Offset+t.Length] }

// Entities are the hashtags, mentions and URLs of a text, each in text
// order.
type Entities struct {
	// Hashtags are the #tags.
	Hashtags []Token
	// Mentions are the @handles, with a Mastodon server when written.
	Mentions []Token
	// URLs are the web addresses, with or without their scheme.
	URLs []Token
}

// Scan finds the hashtags, mentions and URLs of text. The rules follow
// twitter-text's, simplified: a # or @ (or their full-width forms) starts
// a token only at the start of a word, so "C#" and "kari@nordlys.no" are
// neither; a hashtag runs over letters, marks, digits and _ in any script
// and needs one letter or mark ("#1" is no hashtag); a mention runs over
// the same, joined by single dots or hyphens, and may name a server
// ("@kari@example.social"). A URL starts with http:// or https://, or is
// a bare ASCII domain whose last label is two letters (a country code) or
// a common generic TLD; then come a port, a path after "/" and a query
// after "?", without the sentence's punctuation at their end or a
// closing bracket they did not open. Hashtags and mentions inside a URL
// are part of the URL.
func Scan(text string) Entities {
	var e Entities
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= utf8.RuneSelf:
			if !fullWidthSign(text, i) {
				// No URL starts outside ASCII, so only ＃ and ＠ matter.
				i = min(i+runeLen(c), len(text))
				continue
			}
		case c == '#' || c == '@':
		case ascii[c]&alnum == 0:
			i++ // punctuation and spaces start nothing
			continue
		default: // a letter or digit: a URL, or a word nothing starts in
			if scheme, bare := urlMay(prevRune(text, i)); scheme {
				if n, isBare := matchURL(text, i, bare); n > 0 {
					e.URLs = append(e.URLs, Token{Offset: i, Length: n, Bare: isBare})
					i += n
					continue
				}
			}
			i = wordEnd(text, i+1)
			continue
		}
		prev := prevRune(text, i)
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case (r == '#' || r == '＃') && hashtagMay(prev):
			if n := matchHashtag(text, i+size); n > 0 && !hashtagEndsBadly(text[i+size+n:]) {
				e.Hashtags = append(e.Hashtags, Token{Offset: i, Length: size + n})
				i += size + n
				continue
			}
		case (r == '@' || r == '＠') && mentionMay(prev):
			if n, dom := matchMention(text, i+size); n > 0 {
				e.Mentions = append(e.Mentions, Token{Offset: i, Length: size + n, Domain: dom})
				i += size + n
				continue
			}
		}
		i += size
	}
	return e
}

// fullWidthSign reports whether text[i:] starts with ＃ or ＠.
func fullWidthSign(text string, i int) bool {
	return i+2 < len(text) && text[i] == 0xEF && text[i+1] == 0xBC && (text[i+2] == 0x83 || text[i+2] == 0xA0)
}

// prevRune returns the rune before text[i], a space at the start.
func prevRune(text string, i int) rune {
	if i == 0 {
		return ' '
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// runeLen returns the length of the UTF-8 sequence a lead byte starts;
// the scanner skips text it has no use for without decoding it.
func runeLen(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}

// wordEnd returns where the run of ASCII word bytes from text[i] ends.
func wordEnd(text string, i int) int {
	for i < len(text) && text[i] < utf8.RuneSelf && ascii[text[i]]&word != 0 {
		i++
	}
	return i
}

// The classes of ASCII bytes the scanner asks about, as bits of ascii[c].
const (
	alnum     = 1 << iota // a letter or digit
	word                  // part of a word: alnum or _
	noTag                 // a hashtag may not follow: & and #
	noMention             // a mention may not follow: @ - + !
)

var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		b := byte(c)
		if isASCIIAlnum(b) {
			t[c] |= alnum | word
		}
	}
	t['_'] |= word
	t['&'] |= noTag
	t['#'] |= noTag
	for _, c := range "@-+!" {
		t[c] |= noMention
	}
	return t
}()

// urlMay reports whether a URL may start after prev, as twitter-text
// has it: with its scheme after anything but a letter or digit of ASCII,
// @, $, # or a bidirectional embedding; without, not after - _ . / either.
func urlMay(prev rune) (scheme, bare bool) {
	if prev < utf8.RuneSelf {
		if ascii[prev]&alnum != 0 || prev == '@' || prev == '$' || prev == '#' {
			return false, false
		}
		return true, prev != '-' && prev != '_' && prev != '.' && prev != '/'
	}
	ok := prev != '＠' && prev != '＃' && (prev < 0x202A || prev > 0x202E)
	return ok, ok
}

// hashtagMay reports whether a # after prev starts a hashtag: not in the
// middle of a word ("C#"), an entity ("&#39;") or another tag.
func hashtagMay(prev rune) bool {
	if prev < utf8.RuneSelf {
		return ascii[prev]&(word|noTag) == 0
	}
	return !isWordRune(prev) && prev != '＃'
}

// mentionMay reports whether an @ after prev starts a mention: not in an
// e-mail address or after another @.
func mentionMay(prev rune) bool {
	if prev < utf8.RuneSelf {
		return ascii[prev]&(word|noMention) == 0
	}
	return !isWordRune(prev) && prev != '＠'
}

// isWordRune reports whether r is part of a word in any script.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&word != 0
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '\u200c' || r == '\u200d'
}

// matchHashtag returns the length of a hashtag's name at text[i:], or 0
// when there is none (no word runes, or no letter among them).
func matchHashtag(text string, i int) int {
	j, letter := i, false
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isWordRune(r) {
			break
		}
		if r >= utf8.RuneSelf && !unicode.IsDigit(r) || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			letter = true
		}
		j += size
	}
	if !letter {
		return 0
	}
	return j - i
}

// hashtagEndsBadly reports whether what follows a hashtag's name spoils
// it, as in twitter-text: another # ("#a#b") or a scheme's "://".
func hashtagEndsBadly(rest string) bool {
	return strings.HasPrefix(rest, "#") || strings.HasPrefix(rest, "＃") || strings.HasPrefix(rest, "://")
}

// matchMention returns the length of a handle at text[i:] (after the @),
// and of its @server tail when it has one; 0 when there is no handle.
func matchMention(text string, i int) (n, domain int) {
	n = matchName(text, i)
	if n == 0 {
		return 0, 0
	}
	j := i + n
	if j < len(text) && text[j] == '@' {
		if d := matchName(text, j+1); d > 0 && strings.Contains(text[j+1:j+1+d], ".") {
			return n + 1 + d, 1 + d
		}
	}
	return n, 0
}

// matchName returns the length of word runes at text[i:] joined by single
// dots or hyphens, never ending in one.
func matchName(text string, i int) int {
	j, end := i, i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case isWordRune(r):
			j += size
			end = j
		case (r == '.' || r == '-') && end == j && j > i:
			j += size
		default:
			return end - i
		}
	}
	return end - i
}

// matchURL returns the length of a URL starting at text[i], or 0, and
// whether it was written without its scheme. bare says whether one
// without a scheme may start here. The shape follows twitter-text's: a
// host, a port, a path after "/", a query after "?"; a fragment counts
// only inside a path or query, as there.
func matchURL(text string, i int, bare bool) (n int, isBare bool) {
	rest := text[i:]
	switch c := rest[0] | 0x20; {
	case c == 'h' && hasPrefixFold(rest, "https://"):
		n = hostEnd(rest, len("https://"))
	case c == 'h' && hasPrefixFold(rest, "http://"):
		n = hostEnd(rest, len("http://"))
	case bare:
		n, isBare = bareDomain(rest), true
	}
	if n == 0 {
		return 0, false
	}
	if n+1 < len(rest) && rest[n] == ':' && isDigit(rest[n+1]) {
		for n++; n < len(rest) && isDigit(rest[n]); n++ {
		}
	}
	if n < len(rest) && rest[n] == '/' {
		n = pathEnd(rest, n)
	}
	if n < len(rest) && rest[n] == '?' {
		n = queryEnd(rest, n)
	}
	return n, isBare
}

// hostEnd returns where the host that starts at text[from] (after a
// scheme) ends, or 0 when there is none: labels of letters and digits in
// any script and hyphens, at least two.
func hostEnd(text string, from int) int {
	j, dots := from, 0
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r < utf8.RuneSelf && isASCIIAlnum(byte(r)), r == '-', r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
		case r == '.':
			dots++
		default:
			goto end
		}
		j += size
	}
end:
	for j > from && (text[j-1] == '.' || text[j-1] == '-') {
		if text[j-1] == '.' {
			dots--
		}
		j--
	}
	if j == from || dots == 0 {
		return 0
	}
	return j
}

// bareDomain returns the length of the domain name text starts with when
// X would link it without a scheme: ASCII labels of letters, digits and
// hyphens, at least two, the last a known top-level domain, not followed
// by a letter or digit of any script, @, + or -; 0 otherwise.
func bareDomain(text string) int {
	labels, start := 0, 0
	for j := 0; ; j++ {
		if j < len(text) && (isASCIIAlnum(text[j]) || text[j] == '-' && j > start) {
			continue
		}
		if j == start || text[j-1] == '-' {
			return 0
		}
		labels++
		if j < len(text) && text[j] == '.' && j+1 < len(text) && isASCIIAlnum(text[j+1]) {
			start = j + 1
			continue
		}
		if labels < 2 || !isTLD(text[start:j]) {
			return 0
		}
		// twitter-text takes a letter of another script after the TLD
		// ("nordlys.no한국어"), but it knows every country code; taking
		// any two letters instead, this takes no letter after them.
		if r, _ := utf8.DecodeRuneInString(text[j:]); j < len(text) && (isWordRune(r) || strings.ContainsRune("@+-", r)) {
			return 0
		}
		return j
	}
}

// genericTLDs are the generic top-level domains recognised without a
// scheme; every two-letter label (a country code) is recognised too.
var genericTLDs = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "int": true, "mil": true,
	"info": true, "biz": true, "app": true, "dev": true, "shop": true, "store": true, "online": true,
	"site": true, "blog": true, "news": true, "travel": true, "museum": true, "xyz": true,
	"tech": true, "cloud": true, "eco": true, "art": true, "social": true,
}

func isTLD(label string) bool {
	if len(label) == 2 {
		return isASCIILetter(label[0]) && isASCIILetter(label[1])
	}
	if len(label) < 3 || len(label) > 6 {
		return false
	}
	var b [6]byte
	for k := 0; k < len(label); k++ {
		c := label[k]
		if !isASCIILetter(c) {
			return false
		}
		b[k] = c | 0x20
	}
	return genericTLDs[string(b[:len(label)])]
}

// pathEnd returns where the path that starts with the "/" at text[from]
// ends: over twitter-text's path characters (ASCII, Latin letters with
// accents, Cyrillic), then back over what cannot end a path, such as a
// sentence's full stop or a closing bracket the path did not open.
func pathEnd(text string, from int) int {
	j, depth := from, 0
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '(' {
			depth++
		} else if r == ')' {
			if depth == 0 {
				break
			}
			depth--
		} else if !pathRune(r) {
			break
		}
		j += size
	}
	for j > from+1 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if r == ')' || r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || strings.ContainsRune("=_#/+-", r)) || r >= utf8.RuneSelf {
			break
		}
		j -= size
	}
	return j
}

// queryEnd returns where the query that starts with the "?" at
// text[from] ends, likewise.
func queryEnd(text string, from int) int {
	j := from + 1
	for j < len(text) && text[j] < utf8.RuneSelf && (isASCIIAlnum(text[j]) || strings.IndexByte("!?*'();:&=+$/%#[]-_.,~|@", text[j]) >= 0) {
		j++
	}
	for j > from+1 && !(isASCIIAlnum(text[j-1]) || strings.IndexByte("-_&=#/", text[j-1]) >= 0) {
		j--
	}
	if j == from+1 {
		return from // a lone "?" is the sentence's
	}
	return j
}

// pathRune reports whether r may be part of a URL's path:
// twitter-text's ASCII set, Latin letters with accents and their marks,
// Cyrillic, and the en dash.
func pathRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r)) || strings.ContainsRune("!*';:=+,.$/%#[]-_~|&@", r)
	}
	return r >= 0x00C0 && r <= 0x024F && r != 0x00D7 && r != 0x00F7 || r >= 0x0300 && r <= 0x036F ||
		r >= 0x1E00 && r <= 0x1EFF || r >= 0x0400 && r <= 0x04FF || r == 0x2013
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' }
