package render

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
)

// calendarWriters holds one writer per calendar format, each in its own
// calendar_<format>.go file.
var calendarWriters = map[string]func(io.Writer, *planner.Calendar) error{
	"ics":  writeICS,
	"csv":  writeCSV,
	"json": writeJSON,
	"md":   writeMarkdown,
	"html": writeHTML,
}

// CalendarFormats returns the formats WriteCalendar accepts, in the order a
// help text lists them.
func CalendarFormats() []string { return []string{"ics", "csv", "json", "md", "html"} }

// WriteCalendar writes cal to w in format, one of CalendarFormats.
func WriteCalendar(w io.Writer, cal *planner.Calendar, format string) error {
	if cal == nil {
		return errors.New("render: no calendar to write")
	}
	write, ok := calendarWriters[format]
	if !ok {
		return fmt.Errorf("render: unknown calendar format %q: use one of %s", format, strings.Join(CalendarFormats(), ", "))
	}
	return write(w, cal)
}

// platformNames are the display names of common networks; others are shown
// as written.
var platformNames = map[string]string{
	"instagram": "Instagram", "tiktok": "TikTok", "linkedin": "LinkedIn", "youtube": "YouTube",
	"facebook": "Facebook", "x": "X", "twitter": "X", "pinterest": "Pinterest", "threads": "Threads",
	"snapchat": "Snapchat", "bluesky": "Bluesky", "mastodon": "Mastodon", "reddit": "Reddit",
	"whatsapp": "WhatsApp",
}

// channelLabel names a channel for people: the network's display name, and
// the channel's id too when it is not just the network's name.
func channelLabel(id, platform string) string {
	name, ok := platformNames[strings.ToLower(platform)]
	if !ok {
		name = platform
	}
	switch {
	case name == "":
		return id
	case id == "" || strings.EqualFold(id, platform):
		return name
	}
	return name + " (" + id + ")"
}

// pillarLabel is the pillar's name, else its id.
func pillarLabel(s *planner.Slot) string {
	if s.PillarName != "" {
		return s.PillarName
	}
	return s.Pillar
}

// tacticLabel is the tactic's name, else its id.
func tacticLabel(s *planner.Slot) string {
	if s.TacticName != "" {
		return s.TacticName
	}
	return s.Tactic
}

// lastDay is the horizon's last day, the day before its exclusive end.
func lastDay(cal *planner.Calendar) string {
	if cal.To.IsZero() {
		return ""
	}
	return cal.To.AddDays(-1).String()
}

// month is one calendar month of a plan, for the Markdown and HTML exports.
type month struct {
	Year  int
	Month time.Month
	Slots []*planner.Slot // in calendar order
}

// Title is the month's heading, e.g. "January 2027".
func (m month) Title() string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

// months returns every month the horizon touches, in order, with the slots
// whose local date falls in it.
func months(cal *planner.Calendar) []month {
	var out []month
	if cal.From.IsZero() || cal.To.IsZero() || !cal.To.After(cal.From) {
		return out
	}
	last := cal.To.AddDays(-1)
	index := map[[2]int]int{}
	for y, m := cal.From.Year, cal.From.Month; y < last.Year || y == last.Year && m <= last.Month; {
		index[[2]int{y, int(m)}] = len(out)
		out = append(out, month{Year: y, Month: m})
		if m++; m > time.December {
			y, m = y+1, time.January
		}
	}
	for i := range cal.Slots {
		s := &cal.Slots[i]
		y, m, _, ok := localDate(s)
		if !ok {
			continue
		}
		if k, ok := index[[2]int{y, int(m)}]; ok {
			out[k].Slots = append(out[k].Slots, s)
		}
	}
	return out
}

// localDate reads the slot's local date.
func localDate(s *planner.Slot) (y int, m time.Month, d int, ok bool) {
	t, err := time.Parse("2006-01-02", s.Day())
	if err != nil {
		return 0, 0, 0, false
	}
	return t.Year(), t.Month(), t.Day(), true
}

// slotTime is the slot's local time, with its zone when that is not the
// calendar's.
func slotTime(cal *planner.Calendar, s *planner.Slot) string {
	if s.Timezone != "" && s.Timezone != cal.Timezone {
		return s.Clock() + " " + s.Timezone
	}
	return s.Clock()
}
