package platform

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/internal/golden"
	"github.com/pillar-strategy/pillar/strategy"
)

// checkCase is one draft of testdata/check.json.
type checkCase struct {
	Name     string               `json:"name"`
	Platform string               `json:"platform"`
	Limits   *strategy.PostLimits `json:"limits"`
	Text     string               `json:"text"`
	Links    []string             `json:"links"`
}

// TestCheckGolden checks the drafts of testdata/check.json, one or more
// for each network and rule, and compares the problems with
// testdata/check.golden (go test ./platform -update rewrites it).
func TestCheckGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/check.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []checkCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range cases {
		l := For(c.Platform, c.Limits)
		ps := l.Check(c.Text, c.Links)
		fmt.Fprintf(&b, "== %s\n", c.Name)
		fmt.Fprintf(&b, "%s, %d %s:", c.Platform, l.Count(c.Text), l.Counting)
		if len(ps) == 0 {
			b.WriteString(" no problems")
		}
		b.WriteString("\n")
		for _, p := range ps {
			checkProblemShape(t, c, p)
			fmt.Fprintf(&b, "  %s", p.Rule)
			if p.Length > 0 {
				fmt.Fprintf(&b, " at %d+%d %q", p.Offset, p.Length, excerpt(c.Text[p.Offset:p.Offset+p.Length]))
			}
			fmt.Fprintf(&b, "\n    %s\n    hint: %s\n    measured %d, limit %d\n    source: %s\n", p.Message, p.Hint, p.Measured, p.Limit, p.Source)
		}
		b.WriteString("\n")
	}
	golden.Check(t, "testdata/check.golden", []byte(b.String()))
}

// checkProblemShape holds every problem to what the drafts checks rely
// on: a place inside the text on rune boundaries, a source, and a
// measure over its limit.
func checkProblemShape(t *testing.T, c checkCase, p Problem) {
	t.Helper()
	if p.Offset < 0 || p.Length < 0 || p.Offset+p.Length > len(c.Text) {
		t.Errorf("%s: %s at %d+%d is outside the text of %d bytes", c.Name, p.Rule, p.Offset, p.Length, len(c.Text))
		return
	}
	if p.Length > 0 && (!utf8.RuneStart(c.Text[p.Offset]) || p.Offset+p.Length < len(c.Text) && !utf8.RuneStart(c.Text[p.Offset+p.Length])) {
		t.Errorf("%s: %s at %d+%d splits a character", c.Name, p.Rule, p.Offset, p.Length)
	}
	if p.Length == 0 && p.Offset != 0 {
		t.Errorf("%s: %s has offset %d without a length", c.Name, p.Rule, p.Offset)
	}
	if p.Source == "" || p.Message == "" || p.Hint == "" {
		t.Errorf("%s: %s lacks a source, message or hint: %+v", c.Name, p.Rule, p)
	}
	if p.Measured <= p.Limit {
		t.Errorf("%s: %s measured %d, within its limit %d", c.Name, p.Rule, p.Measured, p.Limit)
	}
}

func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= 24 {
		return s
	}
	r := []rune(s)
	return string(r[:24]) + "…"
}

// TestCheckTooLongPointsWhereTheLimitIsPassed cuts a too-long text at the
// offset Check gives, and finds the rest within the limit and one unit
// more over it.
func TestCheckTooLongPointsWhereTheLimitIsPassed(t *testing.T) {
	texts := map[string]string{
		"x":         strings.Repeat("Fjelltur 北欧 👨‍👩‍👧‍👦 https://nordlys.no/x ", 12),
		"bluesky":   strings.Repeat("Blåbær e\u0301 🇳🇴 ", 40),
		"mastodon":  strings.Repeat("Takk @kari@fjellet.social! https://nordlys.no/tur ", 20),
		"tiktok":    strings.Repeat("🏔 fjell ", 400),
		"threads":   strings.Repeat("Tur 😀 ", 120),
		"youtube":   strings.Repeat("Καλημέρα ", 400),
		"instagram": strings.Repeat("Tur i skogen. ", 200),
	}
	for platform, text := range texts {
		l := For(platform, nil)
		var p *Problem
		for _, q := range l.Check(text, nil) {
			if q.Rule == "text-too-long" {
				p = &q
			}
		}
		if p == nil {
			t.Errorf("%s: %d of %d, no text-too-long", platform, l.Count(text), l.MaxChars)
			continue
		}
		before := l.Count(text[:p.Offset])
		if before > l.MaxChars {
			t.Errorf("%s: the text before offset %d counts %d, over %d", platform, p.Offset, before, l.MaxChars)
		}
		// The unit at the offset takes the count over the limit.
		_, size := utf8.DecodeRuneInString(text[p.Offset:])
		if through := l.Count(text[:p.Offset+clusterAt(l, text, p.Offset, size)]); through <= l.MaxChars {
			t.Errorf("%s: through the unit at %d counts %d, not over %d", platform, p.Offset, through, l.MaxChars)
		}
	}
}

// clusterAt returns the length of the unit l counts at text[i]: a URL, a
// grapheme cluster, or a code point.
func clusterAt(l Limits, text string, i, size int) int {
	for _, u := range Scan(text).URLs {
		if u.Offset == i && l.urlLength() > 0 {
			return u.Length
		}
	}
	if l.Counting == Graphemes || l.Counting == Weighted || l.Counting == EmojiBytes {
		return clusterLen(text[i:])
	}
	return size
}
