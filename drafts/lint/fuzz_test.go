package lint

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
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
			var cur drafts.TextCursor // incremental, against TextPos from the start each time
			w.find(&sc, func(m match) {
				if got, want := cur.At(d, m.start), d.TextPos(m.start); got != want {
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

// FuzzCheck runs every rule on hostile drafts (any text, link, partner
// and alt text, under a UTM convention): no panic, and every finding has
// a place and a message.
func FuzzCheck(f *testing.F) {
	for _, s := range [][3]string{
		{"Tur med @anna.outside https://nordlys.no/x?utm_source=ig", "https://nordlys.no?utm_medium=%zz", "@anna.outside"},
		{"cheap 便宜 🔥 www.", "://", "@"},
		{"http://[::1", "https://user@:80", ""},
		{"\xff@\xfe #annonse", "nordlys.no", "anna.outside"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	s := utmStrategy(&strategy.UTM{Source: "{platform}", Campaign: "required", Content: "{campaign}-{pillar}"})
	f.Fuzz(func(t *testing.T, text, link, partner string) {
		l := New(s, Options{Now: now})
		d := draft(text)
		d.Links = []string{link}
		d.Partners = []string{partner}
		d.Media = []drafts.Media{{URL: link}}
		d.Status = drafts.StatusDraft
		check := func(f schema.Diagnostic) {
			if f.Line < 1 || f.Column < 1 || f.Length < 1 || f.Message == "" || f.Hint == "" || f.Rule == "" {
				t.Fatalf("a finding without a place or words: %+v", f)
			}
		}
		l.Check(d, check)
		l.Published(now, "instagram", []byte(partner+" "+text))
		l.Finish(check)
	})
}
