package render

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
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

// channelLabel names a channel for people, e.g. "LinkedIn (li-company)".
func channelLabel(id, platform string) string { return strategy.ChannelName(id, platform) }

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

// excerpt is the start of a brief for a calendar cell: its first paragraph
// (up to a blank line) or, with line set, its first line, with white space
// folded into single spaces and cut at a word to at most limit runes. It
// ends in an ellipsis when it leaves anything out: straight after the last
// word when it cuts the paragraph or line short, after a space when what
// follows is another paragraph or line.
func excerpt(s string, limit int, line bool) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	more := false
	if i := strings.Index(s, "\n"); line && i >= 0 {
		s, more = s[:i], true
	} else if !line {
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				s, more = strings.Join(lines[:i], "\n"), true
				break
			}
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	switch {
	case utf8.RuneCountInString(s) > limit:
		return cutAtWord(s, limit-1) + "…"
	case more && s != "":
		return cutAtWord(s, limit-2) + " …"
	}
	return s
}

// cutAtWord shortens s to at most limit runes, at the last space when that
// keeps at least half, and drops the punctuation it then ends with.
func cutAtWord(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	cut := 0 // byte offset of rune number limit
	for n := 0; n < limit; n++ {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	if sp := strings.LastIndexByte(s[:cut+1], ' '); sp > 0 && utf8.RuneCountInString(s[:sp]) >= limit/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:.-–—")
}
