package lint

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/drafts"
)

// TestWordsToAvoid: whole words in any case, Unicode word boundaries,
// phrases, and what is not a word of the post (links, mentions, e-mail
// addresses). Each want lists the text each finding covers.
func TestWordsToAvoid(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"whole word", "So cheap!", []string{"cheap"}},
		{"any case", "CHEAP and Cheap", []string{"CHEAP", "Cheap"}},
		{"not inside a word", "cheaper, the cheapest, uncheap", nil},
		{"underscore joins a word", "cheap_tents", nil},
		{"hashtag that is the word", "Sale #cheap", []string{"cheap"}},
		{"hashtag that contains the word", "Sale #cheaptrip #CheapTents", nil},
		{"mention", "Thanks @cheap and @cheap.gear!", nil},
		{"link", "See https://nordlys.no/cheap-tents and www.cheap.no.", nil},
		{"e-mail address", "Write to sale@cheap.no", nil},
		{"mention glued after punctuation", "Cheap,@cheap", []string{"Cheap"}},
		{"text before a link in a chunk", "(cheap:https://x.no)", []string{"cheap"}},
		{"Norwegian word in any case", "BILLIG! billig.", []string{"BILLIG", "billig"}},
		{"Norwegian letter is part of the word", "billigå øbillig", nil},
		{"hyphenated entry", "En MÅ-HA jakke", []string{"MÅ-HA"}},
		{"space matches the hyphen", "en må ha, en må\nha", []string{"må ha", "må\nha"}},
		{"but not no separator", "en måha", nil},
		{"phrase over a line break", "perfekt\n  kropp", []string{"perfekt\n  kropp"}},
		{"phrase broken by punctuation", "perfekt, kropp", nil},
		{"edge punctuation of an entry is ignored", "Bare i dag.", []string{"Bare i dag"}},
		{"exact separator", "Open 24/7, not 24 7 or 24-7", []string{"24/7"}},
		{"longest phrase wins", "a game changer, a game", []string{"game changer", "game"}},
		{"Greek with accents", "ΦΘΗΝΌ και φθηνό", []string{"ΦΘΗΝΌ", "φθηνό"}},
		{"Greek final sigma", "ΚΑΚΟΣ κακοσ", []string{"ΚΑΚΟΣ", "κακοσ"}},
		{"Greek letter after is part of the word", "φθηνότερο", nil},
		{"capital sharp s", "STRAẞE", []string{"STRAẞE"}},
		{"script without spaces", "这个很便宜的", []string{"便宜"}},
		{"emoji", "Hot🔥deal", []string{"🔥"}},
		{"decomposed text is not normalised", "ma\u030a-ha", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := New(testStrategy(), Options{Now: now})
			d := draft(tc.text)
			var got []string
			for _, f := range only(run(l, d), "draft-word-to-avoid") {
				got = append(got, f.Message)
			}
			var want []string
			for _, w := range tc.want {
				want = append(want, w)
			}
			if len(got) != len(want) {
				t.Fatalf("%q: got %q, want findings for %q", tc.text, got, want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], strings.TrimSpace(quote(want[i]))) {
					t.Errorf("%q: finding %d is %q, want it about %q", tc.text, i, got[i], want[i])
				}
			}
		})
	}
}

func quote(s string) string { return strings.ReplaceAll(`"`+s+`"`, "\n", `\n`) }

// TestWordPositions: a finding points at the word inside a multi-line
// text, in code points, and spans it on its line.
func TestWordPositions(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string
	}{
		{"first line", "So cheap", "2:33+5 draft-word-to-avoid"},
		{"after non-ASCII", "Blåbær, cheap", "2:38+5 draft-word-to-avoid"},
		{"second line", "Hei\nså billig", "3:4+6 draft-word-to-avoid"},
		{"phrase over a line break spans its first line", "x perfekt\nkropp", "2:32+7 draft-word-to-avoid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := brief(run(New(testStrategy(), Options{Now: now}), draft(tc.text)))
			if got != tc.want {
				t.Errorf("%q: got %s, want %s", tc.text, got, tc.want)
			}
		})
	}
}

func TestWordHints(t *testing.T) {
	l := New(testStrategy(), Options{Now: now})
	ds := run(l, draft("cheap billig"))
	if len(ds) != 2 {
		t.Fatalf("got %v", ds)
	}
	if ds[0].Hint != "Say affordable: cheap sounds like it breaks." {
		t.Errorf("the voice's own hint: got %q", ds[0].Hint)
	}
	if !strings.Contains(ds[1].Hint, `"out there", "made to last"`) {
		t.Errorf("a word without a hint of its own gets the words to use: %q", ds[1].Hint)
	}
	if ds[0].Message != `"cheap" is one of the voice's words to avoid` {
		t.Errorf("message: %q", ds[0].Message)
	}
	s := testStrategy()
	s.Personality = nil
	if ds := run(New(s, Options{Now: now}), draft("cheap")); len(ds) != 0 {
		t.Errorf("a strategy without a voice: %v", ds)
	}
}

// TestRulesMap: the strategy's rules map re-grades the drafts' rules by
// id, and off switches one off.
func TestRulesMap(t *testing.T) {
	s := testStrategy()
	s.Rules = map[string]string{"draft-word-to-avoid": "error", "draft-media-no-alt": "off"}
	d := draft("cheap")
	d.Media = []drafts.Media{{URL: "a.jpg"}}
	ds := run(New(s, Options{Now: now}), d)
	if len(ds) != 1 || ds[0].Rule != "draft-word-to-avoid" || ds[0].Severity.String() != "error" {
		t.Errorf("got %v", ds)
	}
}
