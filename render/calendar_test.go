package render

import (
	"bytes"
	"errors"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

func TestWriteCalendarRefusesUnknownFormat(t *testing.T) {
	err := WriteCalendar(&bytes.Buffer{}, &planner.Calendar{}, "pdf")
	if err == nil || !strings.Contains(err.Error(), "ics, csv, json, md, html") {
		t.Fatalf("error %v", err)
	}
	if err := WriteCalendar(&bytes.Buffer{}, nil, "ics"); err == nil {
		t.Fatal("nil calendar: want an error")
	}
	for _, f := range CalendarFormats() {
		if calendarWriters[f] == nil {
			t.Errorf("format %s has no writer", f)
		}
	}
	if len(calendarWriters) != len(CalendarFormats()) {
		t.Error("CalendarFormats and calendarWriters disagree")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteCalendarReportsWriteErrors(t *testing.T) {
	cal := storeCalendar(t)
	for _, f := range CalendarFormats() {
		if err := WriteCalendar(failWriter{}, cal, f); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v", f, err)
		}
	}
	if err := WriteSummary(failWriter{}, cal.Summary()); err == nil {
		t.Error("summary: want the write error")
	}
}

// TestWriteCalendarEmpty: a calendar with no slots (blackouts everywhere)
// still gives a valid file in every format.
func TestWriteCalendarEmpty(t *testing.T) {
	s := plantest.Store()
	s.Calendar.Blackouts = append(s.Calendar.Blackouts, plantestBlackout())
	cal, err := planner.Plan(s, planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 2, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Slots) != 0 {
		t.Fatalf("%d slots", len(cal.Slots))
	}
	for _, f := range CalendarFormats() {
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, cal, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if buf.Len() == 0 {
			t.Errorf("%s: empty output", f)
		}
	}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, cal.Summary()); err != nil {
		t.Fatal(err)
	}
	want := "Nordlys Mote: no posts from 2027-01-01 to 2027-01-31\n\nNo posts on Instagram, TikTok, LinkedIn.\n\n4 warnings: see the plan's warnings.\n"
	if got := buf.String(); got != want {
		t.Errorf("summary\n%s\nwant\n%s", got, want)
	}
}

func TestChannelLabel(t *testing.T) {
	for _, tc := range []struct{ id, platform, want string }{
		{"instagram", "instagram", "Instagram"},
		{"tiktok", "TikTok", "TikTok"},
		{"ig-norge", "instagram", "Instagram (ig-norge)"},
		{"blog", "", "blog"},
		{"news", "newsletter", "newsletter (news)"},
	} {
		if got := channelLabel(tc.id, tc.platform); got != tc.want {
			t.Errorf("channelLabel(%q, %q) = %q, want %q", tc.id, tc.platform, got, tc.want)
		}
	}
}

func plantestBlackout() strategy.Blackout {
	return strategy.Blackout{From: plantest.Date(2026, 12, 1), To: plantest.Date(2027, 12, 31)}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 40) // 200 runes
	for _, tc := range []struct {
		in    string
		limit int
		line  bool
		want  string
	}{
		{"", 80, true, ""},
		{"Short brief.", 80, true, "Short brief."},
		{"  First line.\r\nSecond line.", 80, true, "First line. …"},
		{"First paragraph\nstill the first.\n\nSecond paragraph.", 140, false, "First paragraph still the first. …"},
		{"Exactly ten\nmore", 11, true, "Exactly …"},
		{"One\tparagraph   with\n  odd   spacing", 140, false, "One paragraph with odd spacing"},
		{long, 20, true, "word word word word…"},
		{strings.Repeat("ø", 30), 10, true, "øøøøøøøøø…"},
		{"Ends at a comma, then goes on for a while", 17, true, "Ends at a comma…"},
	} {
		got := excerpt(tc.in, tc.limit, tc.line)
		if got != tc.want {
			t.Errorf("excerpt(%q, %d, %v) = %q, want %q", tc.in, tc.limit, tc.line, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.limit {
			t.Errorf("excerpt(%q, %d) has %d runes", tc.in, tc.limit, n)
		}
	}
	// Never longer than the limit, whatever the words and breaks.
	words := []string{"a", "kåpe", "ullgenser,", "\n", "\n\n", "🌲", "x—y", "long-long-long-long-word"}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for j := 0; j < i%37; j++ {
			b.WriteString(words[(i*7+j*j)%len(words)] + " ")
		}
		limit := 3 + i%90
		for _, line := range []bool{false, true} {
			if got := excerpt(b.String(), limit, line); utf8.RuneCountInString(got) > limit || !utf8.ValidString(got) {
				t.Fatalf("excerpt(%q, %d, %v) = %q", b.String(), limit, line, got)
			}
		}
	}
}

// TestUTCClock: the writers' clock gives what time.Format does, in the
// compact ICS form and in RFC 3339, for instants in order (the date kept
// from one to the next) and out of it.
func TestUTCClock(t *testing.T) {
	rng := rand.New(rand.NewSource(89))
	var c utcClock
	u := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i := range 50000 {
		if i%1000 == 0 {
			u = rng.Int63n(253402300799) // any second of years 1970 to 9999
		}
		u += rng.Int63n(7 * 3600)
		var b [16]byte
		c.putCompact(&b, u)
		tm := time.Unix(u, 0).UTC()
		if got, want := string(b[:]), tm.Format("20060102T150405Z"); got != want {
			t.Fatalf("putCompact(%d) = %s, want %s", u, got, want)
		}
		if got, want := string(c.appendRFC3339(nil, u)), tm.Format(time.RFC3339); got != want {
			t.Fatalf("appendRFC3339(%d) = %s, want %s", u, got, want)
		}
	}
}
