package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

func TestMarkdownEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Q&A", "Q&A"},
		{"Fish &amp; chips", `Fish \&amp; chips`},
		{"snake_case", "snake_case"},
		{"_emphasis_", `\_emphasis\_`},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"[link](http://x)", `\[link\](http://x)`},
		{"two\nlines\r\nhere", "two lines here"},
		{"`code` *bold*", "\\`code\\` \\*bold\\*"},
		{`back\slash`, `back\\slash`},
		{"nul\x00here", "nul\uFFFDhere"},
		{"bell\x07 esc\x1b[31m del\x7f", "bell\uFFFD esc\uFFFD\\[31m del\uFFFD"},
		{"tab\tkept", "tab\tkept"},
	} {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"**bold**\x00", "**bold**\uFFFD"},
		{"a\x1bb", "a\uFFFDb"},
	} {
		if got := mdInline(tc.in); got != tc.want {
			t.Errorf("mdInline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, want := mdCode("id\x00x"), "`id\uFFFDx`"; got != want {
		t.Errorf("mdCode = %q, want %q", got, want)
	}
}

func TestMarkdownTablePerMonth(t *testing.T) {
	cal := &planner.Calendar{Brand: "B", Timezone: "Europe/Oslo", From: plantest.Date(2027, 1, 30), To: plantest.Date(2027, 3, 2),
		Slots: []planner.Slot{
			{Start: time.Date(2027, 1, 31, 8, 0, 0, 0, time.UTC), Local: "2027-01-31T09:00", Timezone: "Europe/Oslo", Channel: "x", Platform: "x", PillarName: "A | B",
				Brief: "Show the | pipe and *stars*\nSecond line."},
			{Start: time.Date(2027, 3, 1, 13, 0, 0, 0, time.UTC), Local: "2027-03-01T08:00", Timezone: "America/New_York", Channel: "li", Platform: "linkedin", PillarName: "C", Tactic: "t", TacticName: "Q&A"},
		}}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "md"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"## January 2027\n\n| Date | Time | Channel | Pillar | Tactic | Format | Brief |\n| --- | --- | --- | --- | --- | --- | --- |\n| Sun 31 Jan | 09:00 | X | A \\| B |  |  | Show the \\| pipe and *stars* … |\n",
		"## February 2027\n\nNo posts planned.\n",
		"| Mon 1 Mar | 08:00 America/New_York | LinkedIn (li) | C | Q&A |  |  |\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestMarkdownCountsAgree: "1 post", never "1 posts".
func TestMarkdownCountsAgree(t *testing.T) {
	for n, posts := range []string{"0 posts", "1 post", "2 posts"} {
		want := "· " + posts + " ·"
		cal := &planner.Calendar{Brand: "B", Timezone: "UTC", From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 3)}
		for i := 0; i < n; i++ {
			cal.Slots = append(cal.Slots, planner.Slot{Start: time.Date(2027, 1, 1+i, 9, 0, 0, 0, time.UTC), Local: fmt.Sprintf("2027-01-0%dT09:00", 1+i), Timezone: "UTC", Channel: "x"})
		}
		for _, format := range []string{"md", "html"} {
			var buf bytes.Buffer
			if err := WriteCalendar(&buf, cal, format); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s with %d slots lacks %q", format, n, want)
			}
			if format == "html" && !strings.Contains(buf.String(), `<small class="meta">`+posts+`</small>`) {
				t.Errorf("html month heading with %d slots does not say %q", n, posts)
			}
		}
	}
}

// TestMarkdownBriefKeepsInlineMarkdown: a brief is Markdown the strategist
// wrote, so emphasis survives, while what could break the table, inject
// HTML or make a link is escaped.
func TestMarkdownBriefKeepsInlineMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"**Video:** one pour", "**Video:** one pour"},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"two\r\nlines", "two lines"},
	} {
		if got := mdInline(tc.in); got != tc.want {
			t.Errorf("mdInline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
