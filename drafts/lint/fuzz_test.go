package lint

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
)

// FuzzWords holds the word matcher to its contract on any entry and text:
// no panic; matches in order, apart, on rune boundaries, each covering
// text whose words fold to the entry's; and an entry of plain words
// appended to any text is found.
func FuzzWords(f *testing.F) {
	for _, s := range [][2]string{
		{"cheap", "So cheap!"}, {"må-ha", "Et MÅ-HA"}, {"perfekt kropp", "perfekt\nkropp"}, {"φθηνό", "ΦΘΗΝΌ"},
		{"便宜", "很便宜的"}, {"🔥", "Hot🔥"}, {"24/7", "24/7 @x https://a.no/24/7 a@b.no"}, {"a a", "a a a"},
		{"x", "(x:https://x.no) www.x.no"}, {"", ""}, {"\xff", "\xff\xfe"}, {"ς", "Σσς"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, avoid, text string) {
		w := newWordList([]string{avoid}, nil, "")
		check := func(text string) int {
			var sc scan
			sc.reset(text)
			starts := map[int]bool{len(text): true}
			for i := range text {
				starts[i] = true
			}
			n, last := 0, 0
			d := &drafts.Draft{Text: text, Line: 3}
			d.Pos[drafts.FieldText] = drafts.Position{Line: 3, Column: 5}
			var cur cursor
			w.find(&sc, func(m match) {
				if got, want := cur.at(d, m.start), d.TextPos(m.start); got != want {
					t.Fatalf("%q in %q: the cursor is at %v, TextPos at %v", avoid, text, got, want)
				}
				n++
				if m.start < last || m.end <= m.start || m.end > len(text) {
					t.Fatalf("%q in %q: match [%d,%d) after %d", avoid, text, m.start, m.end, last)
				}
				if !starts[m.start] || !starts[m.end] {
					t.Fatalf("%q in %q: match [%d,%d) splits a rune", avoid, text, m.start, m.end)
				}
				last = m.end
				got := newWordList([]string{text[m.start:m.end]}, nil, "")
				if len(got.entries) != 1 || strings.Join(got.entries[0].words, " ") != strings.Join(w.entries[m.entry].words, " ") {
					t.Fatalf("%q in %q: found %q, whose words differ", avoid, text, text[m.start:m.end])
				}
			})
			return n
		}
		check(text)
		plain := len(w.entries) == 1 && strings.TrimSpace(avoid) != ""
		for _, r := range avoid {
			if !(isWordRune(r) && !isSolo(r) || r == ' ') || r == utf8.RuneError {
				plain = false
			}
		}
		if plain && !strings.ContainsFunc(text, func(r rune) bool { return r == utf8.RuneError }) {
			if check(text+" "+avoid) == 0 {
				t.Fatalf("%q appended to %q is not found", avoid, text)
			}
		}
	})
}
