package platform

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// FuzzCount feeds drafts' texts, valid UTF-8 or not, to every counting
// and to Check: nothing panics, counts are never negative, every problem
// points inside the text, and for valid UTF-8 the code points (after NFC)
// and graphemes never drop when text is appended.
func FuzzCount(f *testing.F) {
	for _, s := range []string{
		"", "Hello, world!", "日本語のテキスト", "👨‍👩‍👧‍👦", "🇳🇴🇸🇪", "cafe\u0301", "a\u0308\u0301",
		"Se https://nordlys.no/turer?utm=x. #tur @kari@fjellet.social", "www.nordlys.no.", "(https://a.no/a_(b))",
		"a\r\nb", "\xff\xfe", "ᄀ", "e", "1️⃣", "＃ski ＠kari", "<3",
	} {
		f.Add(s, "\u0301")
	}
	f.Fuzz(func(t *testing.T, text, more string) {
		for _, platform := range []string{"x", "bluesky", "mastodon", "instagram", "threads", "youtube", "tiktok", "other"} {
			l := For(platform, nil)
			if n := l.Count(text); n < 0 {
				t.Fatalf("%s: Count(%q) = %d", platform, text, n)
			}
			for _, p := range l.Check(text, []string{more}) {
				if p.Offset < 0 || p.Length < 0 || p.Offset+p.Length > len(text) {
					t.Fatalf("%s: %s at %d+%d outside %q", platform, p.Rule, p.Offset, p.Length, text)
				}
			}
		}
		if !utf8.ValidString(text) || !utf8.ValidString(more) {
			return // invalid bytes can join across the seam into one character
		}
		// The shortcuts agree with the full rules.
		if got, want := (Limits{Counting: Graphemes}).Count(text), uniseg.GraphemeClusterCount(text); got != want {
			t.Fatalf("graphemes: Count(%q) = %d, uniseg counts %d", text, got, want)
		}
		if got, want := (Limits{Counting: Weighted, URLLength: -1}).Count(text), slowWeighted(text); got != want {
			t.Fatalf("weighted: Count(%q) = %d, cluster by cluster %d", text, got, want)
		}
		for _, c := range []Counting{Chars, Graphemes} {
			l := Limits{Counting: c}
			a, b := l.Count(text), l.Count(text+more)
			if b < a {
				t.Fatalf("%s: Count(%q) = %d, but with %q appended %d", c, text, a, more, b)
			}
		}
	})
}

// slowWeighted is X's count without URLs, cluster by cluster with no
// shortcut: the reference the fast path is held to.
func slowWeighted(text string) int {
	text = norm.NFC.String(text)
	n := 0
	g := uniseg.NewGraphemes(text)
	for g.Next() {
		cl := g.Str()
		if isEmoji(cl) {
			n += 2
			if strings.HasSuffix(cl, "\u200d") {
				n++
			}
			continue
		}
		for _, r := range cl {
			n += xWeight(r)
		}
	}
	return n
}
