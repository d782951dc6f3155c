package render

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

// trickyStrategy has text that every format must escape, quote, fold or
// defuse: commas, quotes, semicolons, line breaks of every kind, tabs,
// leading formula characters and spaces, and multi-byte characters at
// every distance from an ICS fold.
func trickyStrategy(rng *rand.Rand) *strategy.Strategy {
	s := plantest.Store()
	pieces := []string{"a", "é", "€", "🫐", ",", ";", `"`, "\\", "\n", "\r\n", "\r", "\t", " ", "<b>", "&", "\u2028", "=", "-", "+", "@"}
	text := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		return b.String()
	}
	for i := range s.Pillars {
		s.Pillars[i].Name = text(1 + rng.Intn(12))
		s.Pillars[i].Description = text(rng.Intn(200))
		s.Pillars[i].Examples = map[string]string{"instagram": text(rng.Intn(120)), "tiktok": "=" + text(rng.Intn(80))}
	}
	for i := range s.Tactics {
		s.Tactics[i].Name = text(1 + rng.Intn(20))
		s.Tactics[i].Example = text(rng.Intn(150))
	}
	s.Channels[0].Formats = []string{" reel", "=carousel", `"story"`}
	s.Calendar.Campaigns[0].ID = "winter, " + text(3)
	return s
}

// TestCalendarTemplatesWriteWhatFullSlotsDo: the templates of ICS, CSV
// and JSON give the same bytes as writing every slot in full, from a
// planner's stream and from a calendar, whatever the text.
func TestCalendarTemplatesWriteWhatFullSlotsDo(t *testing.T) {
	rng := rand.New(rand.NewSource(41))
	strategies := []*strategy.Strategy{plantest.Store(), plantest.Bulk(3, 3)}
	for i := 0; i < 12; i++ {
		strategies = append(strategies, trickyStrategy(rng))
	}
	for i, s := range strategies {
		opt := planner.Options{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 5, 1)}
		cal, err := planner.Plan(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		full := *cal
		full.Slots = append([]planner.Slot(nil), cal.Slots...)
		for j := range full.Slots {
			full.Slots[j].Variant = 0
		}
		for _, format := range []string{"ics", "csv", "json"} {
			var want, fromCal, fromStream bytes.Buffer
			if err := WriteCalendar(&want, &full, format); err != nil {
				t.Fatal(err)
			}
			if err := WriteCalendar(&fromCal, cal, format); err != nil {
				t.Fatal(err)
			}
			st, err := planner.NewStream(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := WriteCalendarStream(&fromStream, st, format); err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][]byte{"calendar": fromCal.Bytes(), "stream": fromStream.Bytes()} {
				if !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("strategy %d, %s from a %s: templates write other bytes than full slots\n%s", i, format, name, firstDiff(got, want.Bytes()))
				}
			}
		}
	}
}

// firstDiff shows where two outputs first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n got %q\nwant %q", i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
}

// TestMonthsStreamAsTheyDo: Markdown and HTML read from a planner's stream
// (counted on a second stream, written a month at a time) give the bytes
// they give from the whole calendar, with channels in zones 12 hours
// behind and 14 ahead of UTC, whose posts fall in another month in UTC.
func TestMonthsStreamAsTheyDo(t *testing.T) {
	rng := rand.New(rand.NewSource(43))
	for i := 0; i < 8; i++ {
		s := trickyStrategy(rng)
		s.Channels[1].Timezone = "Pacific/Kiritimati"
		s.Channels[2].Timezone = "Etc/GMT+12"
		s.Channels[2].Cadence = strategy.Cadences{{Times: []string{"00:15", "23:45"}}}
		from := plantest.Date(2026, 11, 1+rng.Intn(28))
		opt := planner.Options{From: from, To: from.AddDays(30 + rng.Intn(200))}
		cal, err := planner.Plan(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"md", "html"} {
			var want, got bytes.Buffer
			if err := WriteCalendar(&want, cal, format); err != nil {
				t.Fatal(err)
			}
			st, err := planner.NewStream(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			n, err := WriteCalendarStream(&got, st, format)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(cal.Slots) || !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("strategy %d, %s from %s: %d posts streamed, %d planned\n%s", i, format, from, n, len(cal.Slots), firstDiff(got.Bytes(), want.Bytes()))
			}
		}
	}
}
