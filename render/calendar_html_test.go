package render

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// TestHTMLEscapesStrategyText: a strategy is shared outside the team, so
// markup in any of its strings must come out as text.
func TestHTMLEscapesStrategyText(t *testing.T) {
	s := plantest.Store()
	s.Brand.Name = `Evil <script>alert("brand")</script>`
	s.Pillars[0].Name = `<script>alert("pillar")</script>`
	s.Pillars[0].Examples["instagram"] = `"><script>alert("brief")</script><img src=x onerror=alert(1)>`
	s.Tactics[0].Name = `<b onmouseover="alert(1)">tactic</b>`
	s.Channels[0].Formats = []string{`</style><script>alert("format")</script>`}
	cal, err := planner.Plan(s, planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "html"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(out, "<img") || strings.Contains(out, "<b ") {
		t.Fatal("markup from the strategy reached the page unescaped")
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;pillar&#34;)&lt;/script&gt;", "Evil &lt;script&gt;", "&lt;b onmouseover="} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks the escaped text %q", want)
		}
	}
}

// TestHTMLSelfContained: no scripts, no external assets, a print stylesheet.
func TestHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, storeCalendar(t), "html"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if regexp.MustCompile(`(?i)<script|<link|<img|<iframe|src=|href=|@import|url\(`).MatchString(out) {
		t.Error("the page loads something from outside or runs a script")
	}
	for _, want := range []string{"<!DOCTYPE html>", `<meta charset="utf-8">`, "@media print", "<h2>January 2027", "<h2>March 2027", "<th>Mon</th>"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(out, `<div class="post `); n != len(storeCalendar(t).Slots) {
		t.Errorf("%d posts on the page, want %d", n, len(storeCalendar(t).Slots))
	}
}

func TestHTMLMonthGrid(t *testing.T) {
	// February 2027 starts on a Monday and has exactly four weeks; March
	// 2027 starts on a Monday too and needs five rows.
	cal := &planner.Calendar{From: plantest.Date(2027, 2, 10), To: plantest.Date(2027, 3, 5)}
	ms := months(cal)
	if len(ms) != 2 {
		t.Fatalf("%d months", len(ms))
	}
	feb, mar := htmlMonthView(cal, ms[0], nil, newHTMLEscaper()), htmlMonthView(cal, ms[1], nil, newHTMLEscaper())
	if len(feb.Weeks) != 4 || feb.Weeks[0][0].Day != 1 || feb.Weeks[3][6].Day != 28 {
		t.Errorf("February grid %+v", feb.Weeks)
	}
	if feb.Weeks[1][1].In || !feb.Weeks[1][2].In { // 9th out, 10th in
		t.Error("days before the horizon should be marked out")
	}
	if len(mar.Weeks) != 5 || mar.Weeks[4][2].Day != 31 || mar.Weeks[4][3].Day != 0 {
		t.Errorf("March grid %+v", mar.Weeks)
	}
	if !mar.Weeks[0][3].In || mar.Weeks[0][4].In { // 4th in, 5th out
		t.Error("days from the horizon's end should be marked out")
	}
}

// TestHTMLShowsBriefs: the start of a post's brief is on the page, not only
// in a tooltip, so it is there on paper too; the tooltip has all of it.
func TestHTMLShowsBriefs(t *testing.T) {
	first := strings.Repeat("Fit the coat <well> & ", 10) // 220 runes
	brief := first + "\n\nSecond paragraph, only in the tooltip."
	cal := &planner.Calendar{Brand: "B", Timezone: "UTC", From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 2),
		Slots: []planner.Slot{{Start: time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC), Local: "2027-01-01T09:00", Timezone: "UTC",
			Channel: "ig", Platform: "instagram", Pillar: "p", Brief: brief}}}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "html"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	m := regexp.MustCompile(`<span class="brief">([^<]*)</span>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no visible brief:\n%s", out)
	}
	shown := html.UnescapeString(m[1])
	if !strings.HasSuffix(shown, "…") || utf8.RuneCountInString(shown) > htmlBriefRunes || !strings.HasPrefix(first, strings.TrimSuffix(shown, "…")) {
		t.Errorf("visible brief %q", shown)
	}
	if strings.Contains(shown, "Second") || !strings.Contains(out, "Second paragraph, only in the tooltip.") {
		t.Error("the second paragraph should be in the tooltip only")
	}
	if strings.Contains(m[1], "<well>") || !strings.Contains(m[1], "&lt;well&gt; &amp;") {
		t.Errorf("visible brief not escaped: %q", m[1])
	}
}

// TestHTMLEscapesEveryPostField: the posts of the grid are put together by
// hand, so every field of a slot gets markup to check that none of it comes
// through.
func TestHTMLEscapesEveryPostField(t *testing.T) {
	evil := func(field string) string { return `"'><script>alert("` + field + `")</script>+&amp;` }
	cal := &planner.Calendar{Brand: "B", Timezone: "UTC", From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 2),
		Slots: []planner.Slot{{Start: time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC), Local: "2027-01-01T09:00",
			Timezone: evil("zone"), Channel: evil("channel"), Platform: evil("platform"), Pillar: evil("pillar-id"),
			PillarName: evil("pillar"), Tactic: "t", TacticName: evil("tactic"), Campaign: evil("campaign"),
			Format: evil("format"), Brief: evil("brief")}}}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "html"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(strings.ToLower(out), "<script") || strings.Contains(out, `"'>`) {
		t.Fatalf("markup reached the page:\n%s", out)
	}
	for _, field := range []string{"zone", "platform", "pillar", "tactic", "campaign", "format", "brief"} {
		if !strings.Contains(out, `&lt;script&gt;alert(&#34;`+field+`&#34;)&lt;/script&gt;&#43;&amp;amp;`) {
			t.Errorf("the %s is not on the page, escaped", field)
		}
	}
	if !strings.Contains(out, `title="&#34;&#39;&gt;&lt;script&gt;alert(&#34;brief&#34;)`) {
		t.Error("the brief's tooltip is not escaped for its attribute")
	}
}
