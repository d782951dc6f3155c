package render

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// checkContentLines checks the RFC 5545 framing by hand: CRLF after every
// line and nowhere else, at most 75 octets a line, continuation lines
// starting with a space, and every physical line valid UTF-8 (a fold never
// splits a character).
func checkContentLines(t *testing.T, out []byte) {
	t.Helper()
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Fatal("output does not end with CRLF")
	}
	lines := bytes.Split(out[:len(out)-2], []byte("\r\n"))
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if len(l) == 0 {
			t.Errorf("line %d is empty", i+1)
		}
	}
}

func parseICS(t *testing.T, out []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("the ICS parser rejects the output: %v", err)
	}
	return cal
}

func text(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s has no %s", c.Name, name)
	}
	v, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// TestICSParsesBack reads the store's quarter with an independent parser and
// checks every event against its slot.
func TestICSParsesBack(t *testing.T) {
	cal := storeCalendar(t)
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "ics"); err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, buf.Bytes())
	ic := parseICS(t, buf.Bytes())

	for name, want := range map[string]string{"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
		"PRODID": "-//Pillar//Pillar posting plan//EN", "X-WR-CALNAME": "Nordlys Mote posting plan"} {
		if got := text(t, ic.Component, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	events := ic.Events()
	if len(events) != len(cal.Slots) {
		t.Fatalf("%d events, %d slots", len(events), len(cal.Slots))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		s := cal.Slots[i]
		uid := text(t, ev.Component, "UID")
		if uid != s.UID || uids[uid] {
			t.Errorf("event %d: UID %q (slot %q, seen before %v)", i, uid, s.UID, uids[uid])
		}
		uids[uid] = true
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(s.Start) {
			t.Errorf("event %d: DTSTART %v (%v), want %v", i, start, err, s.Start)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil || end.Sub(start) != 30*time.Minute {
			t.Errorf("event %d: ends %v after it starts (%v)", i, end.Sub(start), err)
		}
		stamp, err := ev.Props.DateTime("DTSTAMP", nil)
		if err != nil || !stamp.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("event %d: DTSTAMP %v (%v)", i, stamp, err)
		}
		summary := text(t, ev.Component, "SUMMARY")
		what := s.PillarName
		if s.Tactic != "" {
			what = s.TacticName
		}
		if !strings.HasSuffix(summary, " · "+what) {
			t.Errorf("event %d: SUMMARY %q", i, summary)
		}
		cats, err := ev.Props.Get("CATEGORIES").TextList()
		if err != nil || len(cats) < 2 || cats[0] != s.Channel || cats[1] != s.PillarName || s.Tactic != "" && (len(cats) != 3 || cats[2] != s.TacticName) {
			t.Errorf("event %d: CATEGORIES %q (%v)", i, cats, err)
		}
		desc := text(t, ev.Component, "DESCRIPTION")
		if !strings.HasSuffix(desc, "\n\n"+s.Brief) || s.Format != "" && !strings.Contains(desc, "Format: "+s.Format+"\n") {
			t.Errorf("event %d: DESCRIPTION %q", i, desc)
		}
	}
}

// TestICSEscapesAndFolds pushes awkward text through the writer and reads
// it back unchanged: TEXT specials, line breaks, long lines of multi-byte
// characters, control characters (dropped) and invalid UTF-8 (replaced).
func TestICSEscapesAndFolds(t *testing.T) {
	brief := "Tips; tricks, and \\backslashes\\.\r\nLine two\nLine three: " +
		strings.Repeat("blåbærsyltetøy 🫐 ", 20) + "\x00\x07end"
	cal := &planner.Calendar{
		Brand: "Blåbær, Søt & Syrlig", From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 2), Timezone: "Europe/Oslo",
		Slots: []planner.Slot{{
			Start: time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC), Local: "2027-01-01T09:00", Timezone: "Europe/Oslo",
			Channel: "ig", Platform: "instagram", Pillar: "p", PillarName: "Mat; drikke, og 🍷",
			Tactic: "t", TacticName: strings.Repeat("ø", 60), Format: "reel", Brief: brief + "\xff",
			UID: "0123456789abcdef0123@pillar",
		}},
	}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "ics"); err != nil {
		t.Fatal(err)
	}
	checkContentLines(t, buf.Bytes())
	ev := parseICS(t, buf.Bytes()).Events()[0]
	wantBrief := strings.ReplaceAll(brief, "\r\n", "\n")
	wantBrief = strings.ReplaceAll(wantBrief, "\x00\x07", "") + "\uFFFD"
	if desc := text(t, ev.Component, "DESCRIPTION"); !strings.HasSuffix(desc, "\n\n"+wantBrief) {
		t.Errorf("DESCRIPTION read back as %q", desc)
	}
	if s := text(t, ev.Component, "SUMMARY"); s != "Instagram (ig) · "+strings.Repeat("ø", 60) {
		t.Errorf("SUMMARY read back as %q", s)
	}
	cats, _ := ev.Props.Get("CATEGORIES").TextList()
	if len(cats) != 3 || cats[1] != "Mat; drikke, og 🍷" {
		t.Errorf("CATEGORIES read back as %q", cats)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`X-WR-CALNAME:Blåbær\, Søt & Syrlig posting plan`)) {
		t.Error("calendar name not escaped")
	}
}

func TestICSFoldBoundaries(t *testing.T) {
	// Every length around the fold points, with a two-, three- and
	// four-byte character at each position.
	for _, ch := range []string{"a", "é", "€", "🫐"} {
		for n := 60; n < 160; n++ {
			var e icsWriter
			var out bytes.Buffer
			bw := newBufWriter(&out)
			e.w = bw
			e.text("SUMMARY", strings.Repeat("x", n%7), strings.Repeat(ch, n))
			bw.Flush()
			checkContentLines(t, out.Bytes())
			unfolded := strings.ReplaceAll(out.String(), "\r\n ", "")
			if want := "SUMMARY:" + strings.Repeat("x", n%7) + strings.Repeat(ch, n) + "\r\n"; unfolded != want {
				t.Fatalf("%q×%d: unfolds to %q", ch, n, unfolded)
			}
		}
	}
}

// FuzzICSText writes arbitrary text into an event and reads it back with the
// independent parser: framing must hold and the text must survive, less
// what TEXT cannot carry (control characters, invalid UTF-8).
func FuzzICSText(f *testing.F) {
	for _, seed := range []string{"plain", "a;b,c\\d\ne", "\r\n\r", strings.Repeat("🫐", 40), "\xff\xfe", "\x00\x1f\x7f\u0085", " leading and trailing \t"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cal := &planner.Calendar{Brand: s, From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 2), Slots: []planner.Slot{{
			Start: time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC), Local: "2027-01-01T09:00", Timezone: "UTC",
			Channel: "c", Platform: "x", PillarName: "P", Brief: s, UID: "u@pillar",
		}}}
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, cal, "ics"); err != nil {
			t.Fatal(err)
		}
		checkContentLines(t, buf.Bytes())
		ev := parseICS(t, buf.Bytes()).Events()
		if len(ev) != 1 {
			t.Fatalf("%d events", len(ev))
		}
		var want strings.Builder
		norm := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		for _, r := range norm {
			if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r < 0xa0 {
				continue
			}
			want.WriteRune(r)
		}
		desc := text(t, ev[0].Component, "DESCRIPTION")
		if s != "" && !strings.HasSuffix(desc, "\n\n"+want.String()) {
			t.Fatalf("brief %q read back as %q", s, desc)
		}
	})
}
