package platform

import (
	"strings"
	"testing"
	"time"
)

// The expected X counts were checked against twitter-text 3 (parseTweet's
// weightedLength), the grapheme counts against Intl.Segmenter, the UTF-16
// counts against JavaScript's String.length.
func TestCount(t *testing.T) {
	x := For("x", nil)
	bluesky := For("bluesky", nil)
	mastodon := For("mastodon", nil)
	tests := []struct {
		name string
		l    Limits
		text string
		want int
	}{
		// X: weighted, twitter-text v3.
		{"x ascii", x, "Hello, world!", 13},
		{"x japanese doubles", x, "日本語のテキスト", 16},
		{"x korean doubles", x, "한국어", 6},
		{"x emoji with presentation selector", x, "Nordlys 🏔️ tur", 14},
		{"x ZWJ family is one emoji", x, "👨‍👩‍👧‍👦", 2},
		{"x flag", x, "🇳🇴", 2},
		{"x skin tone", x, "👍🏽", 2},
		{"x keycap", x, "1️⃣", 2},
		{"x copyright text presentation", x, "©", 1},
		{"x copyright emoji presentation", x, "©️", 2},
		{"x trade mark outside the light ranges", x, "™", 2},
		{"x long URL counts 23", x, "Se https://nordlys.no/turer/fjellloype-med-veldig-lang-adresse?utm_source=x&utm_medium=social for mer", 34},
		{"x bare domain counts 23", x, "Les nordlys.no i dag", 33},
		{"x www URL before a full stop", x, "www.nordlys.no.", 24},
		{"x upper-case scheme", x, "HTTPS://EXAMPLE.COM/X", 23},
		{"x URL in brackets keeps its own", x, "(see https://example.com/a_(b))", 29},
		{"x e-mail is no URL", x, "mail kari@nordlys.no now", 24},
		{"x abbreviations are no URLs", x, "e.g. f.eks. bl.a.", 17},
		{"x NFC composes the accent", x, "cafe\u0301", 4},
		{"x Norwegian is light", x, "Blåbærsyltetøy på hytta", 23},
		{"x Greek is light", x, "Καλημέρα κόσμε", 14},
		{"x punctuation ranges", x, "“quoted” — dash…", 17},

		// Bluesky: grapheme clusters.
		{"bluesky ascii", bluesky, "Hello", 5},
		{"bluesky ZWJ family", bluesky, "👨‍👩‍👧‍👦", 1},
		{"bluesky combining mark", bluesky, "e\u0301", 1},
		{"bluesky two marks", bluesky, "a\u0308\u0301", 1},
		{"bluesky Norwegian", bluesky, "Blåbær", 6},
		{"bluesky Greek", bluesky, "Καλημέρα κόσμε", 14},
		{"bluesky two flags", bluesky, "🇳🇴🇸🇪", 2},
		{"bluesky skin tone then text", bluesky, "👍🏽 ok", 4},
		{"bluesky CR LF", bluesky, "a\r\nb", 3},
		{"bluesky keycaps", bluesky, "1️⃣#️⃣", 2},
		{"bluesky tag sequence flag", bluesky, "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 1},
		{"bluesky URL counts as written", bluesky, "https://nordlys.no/a", 20},

		// Mastodon: graphemes, URLs 23, a mention's server free.
		{"mastodon URL", mastodon, "Se https://nordlys.no/turer/fjellloype-med-veldig-lang-adresse", 26},
		{"mastodon remote mention", mastodon, "Hei @kari@nordlys.social!", 10},
		{"mastodon local mention", mastodon, "Hei @kari!", 10},

		// The other countings.
		{"chars NFC", Limits{Counting: Chars}, "cafe\u0301 Blåbær", 11},
		{"chars family is seven code points", Limits{Counting: Chars}, "👨‍👩‍👧‍👦", 7},
		{"utf16 family", Limits{Counting: UTF16}, "👨‍👩‍👧‍👦", 11},
		{"utf16 flags", Limits{Counting: UTF16}, "🇳🇴🇸🇪", 8},
		{"utf16 Norwegian", Limits{Counting: UTF16}, "Blåbær", 6},
		{"bytes Greek", Limits{Counting: Bytes}, "Καλημέρα κόσμε", 27},
		{"bytes family", Limits{Counting: Bytes}, "👨‍👩‍👧‍👦", 25},
		{"emoji-bytes emoji", Limits{Counting: EmojiBytes}, "Tur 🏔️ i dag 😀", 22},
		{"emoji-bytes text", Limits{Counting: EmojiBytes}, "Blåbær", 6},
		{"emoji-bytes NFC", Limits{Counting: EmojiBytes}, "cafe\u0301", 4},
		{"empty", x, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Count(tt.text); got != tt.want {
				t.Errorf("Count(%q) with %s = %d, want %d", tt.text, tt.l.Counting, got, tt.want)
			}
		})
	}
}

// TestCountASCIIFastPathAgrees holds the ASCII shortcut to the full rules:
// the same text with a non-ASCII character far away (which turns the
// shortcut off around it only) counts one more grapheme.
func TestCountASCIIFastPathAgrees(t *testing.T) {
	text := strings.Repeat("Tur i fjellet, 09:30.\r\n", 20)
	g := Limits{Counting: Graphemes}
	plain := g.Count(text)
	if want := 20 * 22; plain != want {
		t.Fatalf("Count = %d, want %d", plain, want)
	}
	if got := g.Count(text + "ø"); got != plain+1 {
		t.Errorf("with ø: %d, want %d", got, plain+1)
	}
}

func TestMeasureCrossing(t *testing.T) {
	tests := []struct {
		name  string
		l     Limits
		text  string
		limit int
		want  int // the byte offset where the count passes limit
	}{
		{"ascii", Limits{Counting: Chars}, "abcdef", 4, 4},
		{"within the limit", Limits{Counting: Chars}, "abc", 3, -1},
		{"no limit", Limits{Counting: Chars}, "abc", 0, -1},
		{"a double-weight character crosses", For("x", nil), "abc日本", 4, 3},
		{"a URL crosses where it starts", For("x", nil), "ab https://nordlys.no/x", 10, 3},
		{"NFC maps back to the input", Limits{Counting: Chars}, "e\u0301e\u0301x", 2, 6},
		{"grapheme crossing at the cluster start", Limits{Counting: Graphemes}, "ab👨‍👩‍👧‍👦c", 2, 2},
		{"bytes point at the rune start", Limits{Counting: Bytes}, "aøb", 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Scan(tt.text)
			if _, got := tt.l.measure(tt.text, &e, tt.limit); got != tt.want {
				t.Errorf("crossing of %q at %d = %d, want %d", tt.text, tt.limit, got, tt.want)
			}
		})
	}
}

// TestIsPictographic holds the shortcuts of isPictographic to the table.
func TestIsPictographic(t *testing.T) {
	for r := rune(0); r <= 0x20000; r++ {
		want := false
		for _, p := range pictographic {
			if r >= p[0] && r <= p[1] {
				want = true
			}
		}
		if got := isPictographic(r); got != want {
			t.Fatalf("isPictographic(%U) = %v, the table says %v", r, got, want)
		}
	}
}

// TestCountInvalidUTF8 feeds bytes that are not UTF-8 next to combining
// marks, which once sent norm's iterator into an endless loop (a
// hang-guard, not a timing).
func TestCountInvalidUTF8(t *testing.T) {
	done := make(chan int)
	go func() {
		n := 0
		for _, text := range []string{"ä\xf2\xf2\xf2\u0301", "ä\xf2\xf2\xf2\u0301\u0301", "e\xcc\u0301x", "\xff\u0308\u0301"} {
			ns, _ := nfc(text, 0)
			n += len(ns)
			for _, c := range Countings {
				n += Limits{Counting: c}.Count(text)
			}
		}
		done <- n
	}()
	select {
	case n := <-done:
		if n <= 0 {
			t.Errorf("counted %d", n)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("counting invalid UTF-8 hangs")
	}
}
