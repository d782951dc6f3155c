package platform

import (
	"github.com/pillar-strategy/pillar/strategy"
)

// Counting is how a network measures the length of a post's text.
type Counting string

// The countings networks use. Each names what one unit of the limit is.
const (
	// Chars counts Unicode code points after NFC normalisation, so an
	// accent typed as a separate combining mark counts once, as the
	// composers of the networks that say "characters" show it.
	Chars Counting = "chars"
	// Graphemes counts extended grapheme clusters (Unicode UAX #29): what
	// a reader sees as one character, a family emoji or a letter with
	// its accents alike. Bluesky and Mastodon count this way.
	Graphemes Counting = "graphemes"
	// Weighted is X's count (twitter-text configuration v3): the text is
	// NFC-normalised, code points in Latin, general punctuation and a few
	// other light ranges weigh 1, every other code point 2, an emoji
	// sequence 2 whatever it is made of, and each URL 23.
	Weighted Counting = "weighted"
	// UTF16 counts UTF-16 code units, as JavaScript's String.length does:
	// a code point beyond U+FFFF (most emoji) counts 2.
	UTF16 Counting = "utf16"
	// Bytes counts the UTF-8 bytes of the text.
	Bytes Counting = "bytes"
	// EmojiBytes counts code points after NFC normalisation, except that
	// an emoji counts as its UTF-8 bytes (4 for most), as Threads does.
	EmojiBytes Counting = "emoji-bytes"
)

// Countings lists every Counting, in the order the schema documents them.
var Countings = []Counting{Chars, Graphemes, Weighted, UTF16, Bytes, EmojiBytes}

// LinkRule is what a network does with a URL written in a post's text.
type LinkRule string

// The link rules.
const (
	// LinksClickable turns URLs in the text into links; the zero rule.
	LinksClickable LinkRule = ""
	// LinksPlain shows URLs in the text as plain text nobody can click
	// (Instagram captions, Pinterest descriptions): readers need the link
	// somewhere else, such as the bio or the pin's own link.
	LinksPlain LinkRule = "plain"
	// LinksForbidden refuses any link, in the text or the draft's link
	// field; only a channel's override sets it.
	LinksForbidden LinkRule = "forbidden"
)

// Limits is what one network (or one channel, after its overrides)
// allows in a post. A zero maximum sets no limit.
type Limits struct {
	// Platform is the strategy's name of the network, e.g. "x".
	Platform string
	// Name is the network's display name, e.g. "X".
	Name string
	// MaxChars is the longest text, in Counting's unit.
	MaxChars int
	// Counting is how the text's length is measured.
	Counting Counting
	// URLLength, when positive, is what each URL in the text counts for,
	// whatever its own length (X and Mastodon: 23). Weighted counting
	// implies 23 when it is zero.
	URLLength int
	// URLsNeedScheme counts only URLs written with http:// or https:// as
	// URLLength; a bare domain counts as written (Mastodon).
	URLsNeedScheme bool
	// MentionDomainFree leaves the domain of a mention out of the count:
	// @kari@example.social counts as @kari (Mastodon).
	MentionDomainFree bool
	// MaxBytes is a second cap on the text's UTF-8 bytes (Bluesky).
	MaxBytes int
	// MaxHashtags is the most hashtags a post may carry.
	MaxHashtags int
	// MaxMentions is the most @mentions a post may carry.
	MaxMentions int
	// MaxLinks is the most distinct links a post may carry, in its text
	// and its link field together.
	MaxLinks int
	// Links is what the network does with URLs in the text.
	Links LinkRule
	// Forbidden holds the characters the text may not contain.
	Forbidden string
	// Sources names, for each limit, the public page it comes from, or
	// that a channel's override set it.
	Sources Sources
}

// Sources records where each of a Limits' numbers comes from.
type Sources struct {
	// Chars is the source of MaxChars, Counting and URLLength.
	Chars string
	// Bytes is the source of MaxBytes.
	Bytes string
	// Hashtags is the source of MaxHashtags.
	Hashtags string
	// Mentions is the source of MaxMentions.
	Mentions string
	// Links is the source of MaxLinks and the link rule.
	Links string
	// Forbidden is the source of Forbidden.
	Forbidden string
}

// OverrideSource is the Source of a limit a channel set in the strategy.
const OverrideSource = "the channel's limits in the strategy"

// For returns the limits of a platform, with a channel's overrides
// applied. A platform not in the table gets no limits but its overrides;
// an override that is not positive (the schema refuses it) is ignored.
func For(platform string, o *strategy.PostLimits) Limits {
	l, ok := table[platform]
	if !ok {
		l = Limits{Platform: platform, Counting: Chars}
	}
	if l.Name == "" {
		l.Name = strategy.PlatformName(platform)
	}
	if o == nil {
		return l
	}
	set := func(dst *int, v *int, src *string) {
		if v != nil && *v > 0 {
			*dst, *src = *v, OverrideSource
		}
	}
	set(&l.MaxChars, o.MaxChars, &l.Sources.Chars)
	set(&l.MaxHashtags, o.MaxHashtags, &l.Sources.Hashtags)
	set(&l.MaxMentions, o.MaxMentions, &l.Sources.Mentions)
	set(&l.MaxLinks, o.MaxLinks, &l.Sources.Links)
	if c := Counting(o.Counting); c != "" && validCounting(c) {
		l.Counting, l.Sources.Chars = c, OverrideSource
	}
	if o.Links != nil {
		l.Links, l.Sources.Links = LinksClickable, OverrideSource
		if !*o.Links {
			l.Links = LinksForbidden
		}
	}
	return l
}

func validCounting(c Counting) bool {
	for _, k := range Countings {
		if k == c {
			return true
		}
	}
	return false
}
