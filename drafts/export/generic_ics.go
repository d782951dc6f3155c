package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/ics"
	"github.com/pillar-strategy/pillar/strategy"
)

// eventDuration is how long a draft's event lasts in a calendar app, as
// long as a planned slot's in the calendar export.
const eventDuration = "PT30M"

// summaryRunes is how much of a draft's first line its event's title
// shows; the description has the whole text.
const summaryRunes = 60

// buildICS writes drafts.ics: an RFC 5545 calendar
// (https://www.rfc-editor.org/rfc/rfc5545) with one VEVENT per draft,
// written through internal/ics as the calendar export is: CRLF line
// endings, lines folded at 75 octets, TEXT values escaped. An event's UID
// comes from the draft's channel and id, so a calendar app that imports the
// file again updates the event instead of adding another; DTSTART is in
// UTC, DTSTAMP is the first draft's day at midnight UTC (not the current
// time, so the same drafts give the same bytes), and STATUS is CONFIRMED
// for an approved draft and TENTATIVE for the others.
func buildICS(ds []drafts.Draft, x *run) []file {
	var b bytes.Buffer
	e := &icsLines{w: &b}
	e.raw("BEGIN", "VCALENDAR")
	e.raw("VERSION", "2.0")
	e.raw("PRODID", "-//Pillar//Pillar drafts//EN")
	e.raw("CALSCALE", "GREGORIAN")
	e.raw("METHOD", "PUBLISH")
	name := "Drafts"
	if x.strategy != nil && x.strategy.Brand.Name != "" {
		name = x.strategy.Brand.Name + " drafts"
	}
	e.text("X-WR-CALNAME", name)
	var stamp string
	uids := map[string]*drafts.Draft{}
	for i := range ds {
		d := &ds[i]
		if d.At.IsZero() {
			x.warn(d, "has no scheduled time, so the calendar has no event for it; give it one")
			continue
		}
		if stamp == "" {
			y, m, dd := d.At.UTC().Date()
			stamp = string(ics.AppendUTC(nil, time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)))
		}
		uid := draftUID(d)
		if first, dup := uids[uid]; dup {
			x.warn(d, "has the same channel and id as the draft at %s:%d, so its event has another UID; give each draft its own id", first.File, first.Line)
			uid = draftUID(&drafts.Draft{Channel: d.Channel, ID: d.ID + "\x00" + d.File + ":" + strconv.Itoa(d.Line)})
		}
		uids[uid] = d
		e.event(d, x.channel(d.Channel), uid, stamp)
	}
	e.raw("END", "VCALENDAR")
	return []file{{name: "drafts.ics", data: b.Bytes()}}
}

// draftUID is the event UID of a draft: 20 hexadecimal digits of the
// SHA-256 of its channel and id (or, without an id, its file and line),
// and "@pillar-drafts".
func draftUID(d *drafts.Draft) string {
	key := d.ID
	if key == "" {
		key = "\x00" + d.File + ":" + strconv.Itoa(d.Line)
	}
	sum := sha256.Sum256([]byte("draft\x00" + d.Channel + "\x00" + key))
	return hex.EncodeToString(sum[:10]) + "@pillar-drafts"
}

// icsLines writes content lines into a buffer.
type icsLines struct {
	w   *bytes.Buffer
	buf []byte
}

func (e *icsLines) raw(name, value string) {
	e.buf = append(append(append(e.buf[:0], name...), ':'), value...)
	ics.WriteFolded(e.w, e.buf)
}

func (e *icsLines) text(name, value string) {
	e.buf = ics.AppendText(append(append(e.buf[:0], name...), ':'), value)
	ics.WriteFolded(e.w, e.buf)
}

// event writes the draft's VEVENT.
func (e *icsLines) event(d *drafts.Draft, c *strategy.Channel, uid, stamp string) {
	label := d.Channel
	if c != nil {
		label = strategy.ChannelName(c.ID, c.Platform)
	}
	e.raw("BEGIN", "VEVENT")
	e.text("UID", uid)
	e.raw("DTSTAMP", stamp)
	e.raw("DTSTART", string(ics.AppendUTC(nil, d.At)))
	e.raw("DURATION", eventDuration)
	e.text("SUMMARY", label+" · "+summaryOf(d))
	e.categories(d.Channel, d.Pillar, d.Tactic, d.Campaign)
	e.text("DESCRIPTION", descriptionOf(d, label))
	if d.Status == drafts.StatusApproved {
		e.raw("STATUS", "CONFIRMED")
	} else {
		e.raw("STATUS", "TENTATIVE")
	}
	e.raw("TRANSP", "TRANSPARENT")
	e.raw("END", "VEVENT")
}

// categories writes the non-empty values as a CATEGORIES list.
func (e *icsLines) categories(values ...string) {
	var ok bool
	if e.buf, ok = ics.AppendCategories(e.buf[:0], values...); ok {
		ics.WriteFolded(e.w, e.buf)
	}
}

// summaryOf is the event's title: the draft's first non-empty line, cut
// at summaryRunes with an ellipsis, or its id when it has no text.
func summaryOf(d *drafts.Draft) string {
	line := ""
	for _, l := range strings.Split(d.Text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	if line == "" {
		if d.ID != "" {
			return d.ID
		}
		return "post"
	}
	if utf8.RuneCountInString(line) <= summaryRunes {
		return line
	}
	n := 0
	for i := range line {
		if n == summaryRunes-1 {
			return strings.TrimSpace(line[:i]) + "…"
		}
		n++
	}
	return line
}

// descriptionOf is the event's description: the whole text, then what a
// reviewer needs to find and judge the draft.
func descriptionOf(d *drafts.Draft, label string) string {
	var b strings.Builder
	b.WriteString(d.Text)
	b.WriteString("\n")
	field := func(name, value string) {
		if value != "" {
			b.WriteString("\n" + name + ": " + value)
		}
	}
	field("Channel", label)
	field("Local time", d.At.Format("2006-01-02 15:04")+" "+d.At.Location().String())
	field("Pillar", d.Pillar)
	field("Tactic", d.Tactic)
	field("Campaign", d.Campaign)
	field("Status", d.Status)
	field("Owner", d.Owner)
	for _, l := range d.Links {
		field("Link", l)
	}
	for _, m := range d.Media {
		field("Media", m.URL)
		if m.Alt != "" {
			field("Alt text", m.Alt)
		} else {
			field("Alt text", "(none)")
		}
	}
	field("Partners", strings.Join(d.Partners, " "))
	field("Draft", d.File+":"+strconv.Itoa(d.Line))
	return b.String()
}
