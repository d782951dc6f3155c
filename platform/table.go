package platform

import "sort"

// The public pages the table's numbers come from. Where a network's own
// documentation states a number, it is cited; where only a scheduler's
// public API documentation does (LinkedIn, Pinterest, Instagram's newer
// hashtag cap), that page is cited and the README says so.
const (
	srcXCounting  = "https://docs.x.com/fundamentals/counting-characters"
	srcTweetypie  = "https://github.com/twitter/the-algorithm/blob/main/tweetypie/common/src/scala/com/twitter/tweetypie/tweettext/TweetText.scala"
	srcBlueskyLex = "https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json"
	srcMastodon   = "https://docs.joinmastodon.org/user/posting/#text"
	srcInstagram  = "https://www.ayrshare.com/docs/apis/post/social-networks/instagram"
	srcIGLinks    = "https://ayrshare.com/integration/instagram"
	srcTikTok     = "https://developers.tiktok.com/doc/content-posting-api-reference-direct-post"
	srcLinkedIn   = "https://www.ayrshare.com/docs/apis/post/social-networks/linkedin"
	srcThreads    = "https://developers.facebook.com/documentation/threads/posts"
	srcThreadsURL = "https://developers.facebook.com/documentation/threads/create-posts/text-attachments"
	srcPinterest  = "https://ayrshare.com/integration/pinterest"
	srcPinLinks   = "https://www.ayrshare.com/docs/ja/apis/post/social-networks/pinterest"
	srcYouTube    = "https://developers.google.com/youtube/v3/docs/videos#snippet.description"
	srcTelegram   = "https://core.telegram.org/bots/api#sendmessage"
)

// table holds each network's limits, keyed by the strategy's platform
// name (schema/strategy.schema.json, $defs.platform). Each number carries
// the page it comes from; a number no public page states stays out:
//
//   - X: 280 weighted characters, twitter-text v3 (config/v3.json in
//     github.com/twitter/twitter-text: scale 100, default weight 200,
//     light ranges U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F,
//     U+2032–U+2037, URLs 23, emoji parsing on). The caps on mentions (50),
//     URLs (10) and hashtags (50) are the ones X's own post service
//     enforced when its source was published (tweetypie, TweetText.scala).
//   - Bluesky: the post record's text has maxGraphemes 300 and maxLength
//     3000, a lexicon maxLength being in UTF-8 bytes.
//   - Mastodon: 500 characters by default (each server may change it:
//     override it per channel); URLs count 23 and a mention's domain does
//     not count. The server counts grapheme clusters, and only URLs with
//     their scheme as 23 (app/validators/status_length_validator.rb in
//     mastodon/mastodon).
//   - Instagram: a caption of 2,200 characters and 5 hashtags (Instagram
//     lowered the cap from 30); links in captions are not clickable.
//   - TikTok: the post's title (its caption) is at most 2,200 UTF-16 runes.
//   - LinkedIn: 3,000 characters.
//   - Threads: 500 characters, an emoji counted as its UTF-8 bytes; more
//     than 5 links fail.
//   - Pinterest: a pin's description of 500 characters; links in it are
//     not clickable (the pin's own link is).
//   - YouTube: a video's description of 5,000 bytes, without < or >.
//   - Telegram: a message of 4,096 characters; the Bot API measures text
//     in UTF-16 code units (MessageEntity offsets), so they are counted so.
//
// Left out for want of a public source: Facebook's post length (only
// blogs give 63,206), Reddit's body (schedulers' pages disagree: 40,000
// or 30,000), Instagram's mention cap, Threads' one-topic rule, YouTube's
// hashtag cap (15 or 60 by different pages), TikTok's hashtag cap, and
// anything for Snapchat, WhatsApp, newsletter, blog and other.
var table = map[string]Limits{
	"x": {
		Platform: "x", MaxChars: 280, Counting: Weighted, URLLength: 23,
		MaxHashtags: 50, MaxMentions: 50, MaxLinks: 10,
		Sources: Sources{Chars: srcXCounting, Hashtags: srcTweetypie, Mentions: srcTweetypie, Links: srcTweetypie},
	},
	"bluesky": {
		Platform: "bluesky", MaxChars: 300, Counting: Graphemes, MaxBytes: 3000,
		Sources: Sources{Chars: srcBlueskyLex, Bytes: srcBlueskyLex},
	},
	"mastodon": {
		Platform: "mastodon", MaxChars: 500, Counting: Graphemes, URLLength: 23, URLsNeedScheme: true, MentionDomainFree: true,
		Sources: Sources{Chars: srcMastodon},
	},
	"instagram": {
		Platform: "instagram", MaxChars: 2200, Counting: Chars, MaxHashtags: 5, Links: LinksPlain,
		Sources: Sources{Chars: srcInstagram, Hashtags: srcInstagram, Links: srcIGLinks},
	},
	"tiktok": {
		Platform: "tiktok", MaxChars: 2200, Counting: UTF16,
		Sources: Sources{Chars: srcTikTok},
	},
	"linkedin": {
		Platform: "linkedin", MaxChars: 3000, Counting: Chars,
		Sources: Sources{Chars: srcLinkedIn},
	},
	"threads": {
		Platform: "threads", MaxChars: 500, Counting: EmojiBytes, MaxLinks: 5,
		Sources: Sources{Chars: srcThreads, Links: srcThreadsURL},
	},
	"pinterest": {
		Platform: "pinterest", MaxChars: 500, Counting: Chars, Links: LinksPlain,
		Sources: Sources{Chars: srcPinterest, Links: srcPinLinks},
	},
	"youtube": {
		Platform: "youtube", MaxChars: 5000, Counting: Bytes, Forbidden: "<>",
		Sources: Sources{Chars: srcYouTube, Forbidden: srcYouTube},
	},
	"telegram": {
		Platform: "telegram", Name: "Telegram", MaxChars: 4096, Counting: UTF16,
		Sources: Sources{Chars: srcTelegram},
	},
}

// Table returns the limits of every network in the table, by platform
// name, for documentation and tests.
func Table() []Limits {
	out := make([]Limits, 0, len(table))
	for p := range table {
		out = append(out, For(p, nil))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Platform < out[j].Platform })
	return out
}
