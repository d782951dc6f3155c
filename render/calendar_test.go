package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

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
