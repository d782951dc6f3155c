// Package platform holds what each network allows in one post, and
// measures a draft against it the way that network measures.
//
// Networks disagree on what a character is. X weighs code points (most
// Latin text 1, CJK and emoji 2) and counts every URL as 23, after NFC
// normalisation; Bluesky and Mastodon count grapheme clusters, what a
// reader sees as one character; TikTok and Telegram count UTF-16 code
// units; YouTube's description limit is in UTF-8 bytes; Threads counts an
// emoji as its UTF-8 bytes. A draft checked with len() or a rune count is
// accepted here and refused there, so each network's way is a Counting of
// its own.
//
// The limits sit in one table (table.go), each number with the public page
// it comes from. A number no public page states is left out of the table
// rather than guessed; a channel can add or change any limit in the
// strategy (channels[].limits), because networks change them. For applies
// those overrides, and Limits.Check returns each limit a draft breaks, with
// the place in the text an editor can point at.
package platform
