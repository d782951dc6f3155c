package platform

import (
	"fmt"
	"slices"
	"strings"
)

// Problem is one limit a draft breaks.
type Problem struct {
	// Rule names the limit: text-too-long, text-too-many-bytes,
	// too-many-hashtags, too-many-mentions, too-many-links,
	// link-not-clickable, links-not-allowed or forbidden-character.
	Rule string
	// Message says what was measured against what is allowed, in the
	// network's own unit.
	Message string
	// Hint says what to do.
	Hint string
	// Offset and Length are the bytes of the text the problem points at:
	// where a too-long text crosses its limit (to its end), the first
	// hashtag, mention or link over the limit, the first link or
	// forbidden character. Length 0 means no one place in the text
	// (the draft's link field, say); Offset is then 0.
	Offset, Length int
	// Measured is what the draft has, Limit what is allowed.
	Measured, Limit int
	// Source is the public page the limit comes from, or OverrideSource.
	Source string
}

// Check measures text, and the draft's links (its link field: URLs not
// necessarily in the text), against l, and returns each limit it breaks,
// in a fixed order. Links count once however often they appear, in the
// text and the field together.
func (l Limits) Check(text string, links []string) []Problem {
	e := Scan(text)
	var out []Problem
	if l.MaxChars > 0 {
		if n, cross := l.measure(text, &e, l.MaxChars); cross >= 0 {
			out = append(out, Problem{
				Rule:    "text-too-long",
				Message: fmt.Sprintf("%d of %d %s on %s%s", n, l.MaxChars, unitOf(l.Counting, l.MaxChars), l.name(), l.countingNote()),
				Hint: fmt.Sprintf("Cut %d %s: the text passes the limit from the marked place on.",
					n-l.MaxChars, unitOf(l.Counting, n-l.MaxChars)),
				Offset: cross, Length: len(text) - cross, Measured: n, Limit: l.MaxChars, Source: l.Sources.Chars,
			})
		}
	}
	if l.MaxBytes > 0 && len(text) > l.MaxBytes {
		cross := l.MaxBytes
		for cross > 0 && !isRuneStart(text[cross]) {
			cross--
		}
		out = append(out, Problem{
			Rule:    "text-too-many-bytes",
			Message: fmt.Sprintf("%d of %d bytes of UTF-8 on %s", len(text), l.MaxBytes, l.name()),
			Hint:    "Cut the text: letters outside ASCII take 2 to 4 bytes each, emoji 4 or more.",
			Offset:  cross, Length: len(text) - cross, Measured: len(text), Limit: l.MaxBytes, Source: l.Sources.Bytes,
		})
	}
	out = l.tooMany(out, "too-many-hashtags", "hashtags", e.Hashtags, l.MaxHashtags, l.Sources.Hashtags,
		"Keep the hashtags that name the post's pillar or campaign; drop the rest.")
	out = l.tooMany(out, "too-many-mentions", "mentions", e.Mentions, l.MaxMentions, l.Sources.Mentions,
		"Mention fewer accounts; tag the others in the media or a reply.")
	out = l.linkProblems(out, text, e.URLs, links)
	if l.Forbidden != "" {
		if i := strings.IndexAny(text, l.Forbidden); i >= 0 {
			n := 0
			for _, r := range text {
				if strings.ContainsRune(l.Forbidden, r) {
					n++
				}
			}
			out = append(out, Problem{
				Rule:    "forbidden-character",
				Message: fmt.Sprintf("%s does not take %s in the text; it has %d", l.name(), quoteChars(l.Forbidden), n),
				Hint:    "Write the character another way (‹ ›, or words).",
				Offset:  i, Length: 1, Measured: n, Limit: 0, Source: l.Sources.Forbidden,
			})
		}
	}
	return out
}

// tooMany reports tokens beyond max, pointing at the first one over.
func (l Limits) tooMany(out []Problem, rule, what string, tokens []Token, limit int, src, hint string) []Problem {
	if limit <= 0 || len(tokens) <= limit {
		return out
	}
	first := tokens[limit]
	return append(out, Problem{
		Rule:    rule,
		Message: fmt.Sprintf("%d %s, %s allows %d", len(tokens), what, l.name(), limit),
		Hint:    hint,
		Offset:  first.Offset, Length: first.Length, Measured: len(tokens), Limit: limit, Source: src,
	})
}

// linkProblems reports too many links, links nobody can click, and links
// a channel refuses.
func (l Limits) linkProblems(out []Problem, text string, urls []Token, field []string) []Problem {
	// Drafts carry a few links, so a list finds repeats faster than a map.
	var buf [8]string
	seen := buf[:0]
	over := Token{} // the first link in the text beyond MaxLinks
	for _, u := range urls {
		if s := u.Text(text); !slices.Contains(seen, s) {
			seen = append(seen, s)
			if len(seen) == l.MaxLinks+1 && over.Length == 0 {
				over = u
			}
		}
	}
	for _, s := range field {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(seen, s) {
			seen = append(seen, s)
		}
	}
	distinct := len(seen)
	if l.MaxLinks > 0 && distinct > l.MaxLinks {
		out = append(out, Problem{
			Rule:    "too-many-links",
			Message: fmt.Sprintf("%d links, %s allows %d", distinct, l.name(), l.MaxLinks),
			Hint:    "Keep the one link the post is for; a landing page can hold the others.",
			Offset:  over.Offset, Length: over.Length, Measured: distinct, Limit: l.MaxLinks, Source: l.Sources.Links,
		})
	}
	switch {
	case l.Links == LinksForbidden && distinct > 0:
		p := Problem{
			Rule:     "links-not-allowed",
			Message:  plural(distinct, "link") + ", but this channel takes none",
			Hint:     "Remove the link: the channel's limits in the strategy say links: false.",
			Measured: distinct, Limit: 0, Source: l.Sources.Links,
		}
		if len(urls) > 0 {
			p.Offset, p.Length = urls[0].Offset, urls[0].Length
		}
		out = append(out, p)
	case l.Links == LinksPlain && len(urls) > 0:
		out = append(out, Problem{
			Rule:    "link-not-clickable",
			Message: fmt.Sprintf("%s shows links in the text as plain text; this one cannot be clicked", l.name()),
			Hint:    "Put the link where it can be clicked (the bio, a link sticker, the post's link field) and point to it in the text.",
			Offset:  urls[0].Offset, Length: urls[0].Length, Measured: len(urls), Limit: 0, Source: l.Sources.Links,
		})
	}
	return out
}

// name is the network's name in messages; a channel on "other" (or on
// no platform) is "this channel".
func (l Limits) name() string {
	switch {
	case l.Platform == "other" || l.Platform == "" && l.Name == "":
		return "this channel"
	case l.Name != "":
		return l.Name
	}
	return l.Platform
}

// unitOf names a counting's unit in a message, for n of them.
func unitOf(c Counting, n int) string {
	one, many := "character", "characters"
	switch c {
	case Graphemes:
		one, many = "grapheme", "graphemes"
	case Weighted:
		one, many = "weighted character", "weighted characters"
	case UTF16:
		one, many = "UTF-16 code unit", "UTF-16 code units"
	case Bytes:
		one, many = "byte of UTF-8", "bytes of UTF-8"
	}
	if n == 1 {
		return one
	}
	return many
}

// plural writes n and a noun, "1 link" or "2 links".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// countingNote explains, after a length, what is unusual in the count.
func (l Limits) countingNote() string {
	var notes []string
	switch l.Counting {
	case Weighted:
		notes = append(notes, fmt.Sprintf("each URL as %d, and CJK, emoji and most non-Latin characters as 2", l.urlLength()))
	case Graphemes:
		notes = append(notes, "an emoji or a letter with its accents as 1")
	case UTF16:
		notes = append(notes, "most emoji as 2")
	case Bytes:
		notes = append(notes, "letters outside ASCII as 2 or 3, and emoji as 4")
	case EmojiBytes:
		notes = append(notes, "each emoji as its UTF-8 bytes, mostly 4")
	}
	if l.Counting != Weighted && l.URLLength > 0 {
		notes = append(notes, fmt.Sprintf("each URL as %d", l.URLLength))
	}
	if l.MentionDomainFree {
		notes = append(notes, "a mention's @server as nothing")
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + l.name() + " counts " + strings.Join(notes, "; ") + ")"
}

func quoteChars(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 {
			b.WriteString(" or ")
		}
		b.WriteString("\"" + string(r) + "\"")
	}
	return b.String()
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
