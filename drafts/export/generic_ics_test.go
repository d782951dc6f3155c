package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/pillar-strategy/pillar/drafts"
)

// TestICSReadsBack parses drafts.ics with an independent iCalendar parser
// and holds each event to its draft; it also checks the framing by hand:
// CRLF line endings, at most 75 octets a line, no fold inside a UTF-8
// sequence.
func TestICSReadsBack(t *testing.T) {
	files, _ := buildFixture(t, "ics", fixtureDrafts(t))
	data := files[0].data
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("no CRLF at the end")
	}
	folded := 0
	for i, l := range bytes.Split(data[:len(data)-2], []byte("\r\n")) {
		if len(l) > 75 || !utf8.Valid(l) || len(l) == 0 || bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d breaks RFC 5545's framing: %q", i+1, l)
		}
		if l[0] == ' ' {
			folded++
		}
	}
	if folded == 0 {
		t.Error("the fixture folds no line, so folding is untested")
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("the ICS parser rejects the output: %v", err)
	}
	events := cal.Events()
	want := sortDrafts(fixtureDrafts(t))
	if len(events) != len(want) {
		t.Fatalf("%d events for %d drafts", len(events), len(want))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		d := want[i]
		uid := prop(t, ev.Component, ical.PropUID)
		if uid != draftUID(&d) || uids[uid] {
			t.Errorf("event %d: UID %q is not the draft's or not unique", i, uid)
		}
		uids[uid] = true
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil || !start.Equal(d.At) {
			t.Errorf("event %d: DTSTART %v (%v), want %v", i, start, err, d.At)
		}
		desc := prop(t, ev.Component, ical.PropDescription)
		if !strings.HasPrefix(desc, d.Text+"\n") {
			t.Errorf("event %d: the description does not start with the text unescaped: %q", i, desc)
		}
		summary := prop(t, ev.Component, ical.PropSummary)
		first := strings.SplitN(d.Text, "\n", 2)[0]
		if !strings.HasSuffix(summary, " · "+first) {
			t.Errorf("event %d: SUMMARY %q does not end with the first line %q", i, summary, first)
		}
		status := prop(t, ev.Component, ical.PropStatus)
		if (d.Status == drafts.StatusApproved) != (status == "CONFIRMED") {
			t.Errorf("event %d: STATUS %s for a draft that is %q", i, status, d.Status)
		}
	}
}

func prop(t *testing.T, c *ical.Component, name string) string {
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

// TestICSUIDs checks that a UID depends only on the channel and the id, so
// a draft moved to another time keeps its event, and that two drafts with
// the same channel and id get two UIDs and a warning.
func TestICSUIDs(t *testing.T) {
	d := fixtureDrafts(t)[1]
	moved := d
	moved.At = moved.At.Add(48 * time.Hour)
	moved.Text = "another text"
	if draftUID(&d) != draftUID(&moved) {
		t.Error("the UID changes with the time or the text")
	}
	other := d
	other.Channel = "li-company"
	if draftUID(&d) == draftUID(&other) {
		t.Error("the same id on two channels gives one UID")
	}
	dup := moved
	dup.Line = 9
	files, res := buildFixture(t, "ics", []drafts.Draft{d, dup})
	if n := bytes.Count(files[0].data, []byte("\r\nUID:")); n != 2 {
		t.Fatalf("%d events", n)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(files[0].data)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	ev := cal.Events()
	if prop(t, ev[0].Component, ical.PropUID) == prop(t, ev[1].Component, ical.PropUID) {
		t.Error("two drafts with one channel and id share a UID")
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Line != 9 || !strings.Contains(res.Warnings[0].Message, "drafts.csv:2") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

func TestSummaryCut(t *testing.T) {
	long := strings.Repeat("ø", 100)
	got := summaryOf(&drafts.Draft{Text: "\n  " + long + "\nsecond"})
	if utf8.RuneCountInString(got) != summaryRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("summary of a long line: %q (%d runes)", got, utf8.RuneCountInString(got))
	}
	if got := summaryOf(&drafts.Draft{ID: "d9"}); got != "d9" {
		t.Errorf("summary without text: %q", got)
	}
}
