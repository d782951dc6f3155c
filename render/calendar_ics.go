package render

import (
	"bytes"
	"io"
	"time"

	"github.com/pillar-strategy/pillar/internal/ics"
	"github.com/pillar-strategy/pillar/planner"
)

// slotDuration is how long a post's event lasts in a calendar app.
const slotDuration = "PT30M"

// writeICS writes the calendar as an RFC 5545 iCalendar file: CRLF line
// endings, content lines folded at 75 octets without splitting a UTF-8
// sequence, TEXT values escaped, one VEVENT per slot with a stable UID and
// its start in UTC. DTSTAMP is the horizon's first day at midnight UTC, not
// the current time, so the same plan gives the same bytes.
//
// Slots of a plan that share their Variant differ only in UID, start and
// local time, so their event is written once as a template and each slot
// fills in its own: the same bytes as writing it in full.
func writeICS(w io.Writer, st CalendarStream) (int, error) {
	cal := st.Calendar()
	bw := newOutBuf(w)
	e := &icsWriter{w: bw}
	stamp := string(ics.AppendUTC(nil, cal.From.Time()))

	e.raw("BEGIN", "VCALENDAR")
	e.raw("VERSION", "2.0")
	e.raw("PRODID", "-//Pillar//Pillar posting plan//EN")
	e.raw("CALSCALE", "GREGORIAN")
	e.raw("METHOD", "PUBLISH")
	e.text("X-WR-CALNAME", cal.Brand+" posting plan")
	e.text("X-WR-CALDESC", cal.From.String()+" to "+lastDay(cal))
	if cal.Timezone != "" {
		e.text("X-WR-TIMEZONE", cal.Timezone)
	}
	ev := icsEvents{stamp: stamp, labels: labelCache{}, templates: new(byVariant[icsTemplate])}
	var clock utcClock
	walk := newSlotWalker(st)
	n := 0
	for {
		k, ok, err := walk.next()
		if err != nil {
			return n, err
		}
		if !ok {
			break
		}
		if t := ev.template(k, walk); t != nil {
			bw.b = t.fill(bw.b, &k, &clock)
			bw.spill()
		} else {
			ev.event(e, walk.slot())
		}
		n++
	}
	e.raw("END", "VCALENDAR")
	return n, bw.Flush()
}

// icsEvents writes events, keeping a template per slot variant.
type icsEvents struct {
	stamp     string
	labels    labelCache
	templates *byVariant[icsTemplate]
}

// event writes the slot's VEVENT in full.
func (ev *icsEvents) event(e *icsWriter, s *planner.Slot) {
	label := ev.labels.get(s.Channel, s.Platform)
	e.raw("BEGIN", "VEVENT")
	e.text("UID", s.UID)
	e.raw("DTSTAMP", ev.stamp)
	e.stamp("DTSTART", s.Start)
	e.raw("DURATION", slotDuration)
	what := tacticLabel(s)
	if what == "" {
		what = pillarLabel(s)
	}
	if what == "" {
		what = "post"
	}
	e.text("SUMMARY", label, " · ", what)
	e.categories(s.Channel, pillarLabel(s), tacticLabel(s))
	e.description(s, label)
	e.raw("TRANSP", "TRANSPARENT")
	e.raw("END", "VEVENT")
}

// icsTemplate is a slot variant's VEVENT with the places of what each slot
// fills in: its UID's hash (20 bytes after "UID:"), its start (the 16
// bytes of DTSTART) and the twelve digits of its local date and time in
// DESCRIPTION, which a fold may have split.
type icsTemplate struct {
	b     []byte
	start int
	local [12]int
}

// uidAt is where the UID's value starts in every event.
const uidAt = len("BEGIN:VEVENT\r\nUID:")

// template returns the template of the slot's variant, or nil when the slot
// is not one a template can write.
func (ev *icsEvents) template(k planner.SlotKey, walk *slotWalker) *icsTemplate {
	if k.Variant == 0 {
		return nil
	}
	if t, ok := ev.templates.get(k.Variant); ok {
		return t
	}
	s := walk.slot()
	// Write the event for two samples whose local times differ in every
	// digit: the bytes that differ are where the digits went.
	render := func(local string) []byte {
		var b bytes.Buffer
		sample := *s
		sample.Local = local
		ev.event(&icsWriter{w: &b}, &sample)
		return b.Bytes()
	}
	a, b := render("0000-00-00T00:00"), render("1111-11-11T11:11")
	t := &icsTemplate{b: a, start: bytes.Index(a, []byte("\r\nDTSTART:")) + len("\r\nDTSTART:")}
	n := 0
	for i := range a {
		if i < len(b) && a[i] != b[i] {
			if n == len(t.local) {
				n = -1
				break
			}
			t.local[n] = i
			n++
		}
	}
	if len(a) != len(b) || n != len(t.local) || t.start < len("\r\nDTSTART:") {
		t = nil
	}
	ev.templates.put(k.Variant, t)
	return t
}

// fill appends the event of the slot with key k to b.
func (t *icsTemplate) fill(b []byte, k *planner.SlotKey, clock *utcClock) []byte {
	at := len(b)
	b = append(b, t.b...)
	ev := b[at:]
	copy(ev[uidAt:uidAt+20], k.UID)
	clock.putCompact((*[16]byte)(ev[t.start:t.start+16]), k.Start)
	l := k.Local[:16]
	ev[t.local[0]], ev[t.local[1]], ev[t.local[2]], ev[t.local[3]] = l[0], l[1], l[2], l[3]
	ev[t.local[4]], ev[t.local[5]], ev[t.local[6]], ev[t.local[7]] = l[5], l[6], l[8], l[9]
	ev[t.local[8]], ev[t.local[9]], ev[t.local[10]], ev[t.local[11]] = l[11], l[12], l[14], l[15]
	return b
}

// labelCache remembers channel labels: a plan has few channels and many
// slots, and building a label costs an allocation.
type labelCache map[[2]string]string

func (c labelCache) get(id, platform string) string {
	k := [2]string{id, platform}
	l, ok := c[k]
	if !ok {
		l = channelLabel(id, platform)
		c[k] = l
	}
	return l
}

// icsWriter writes content lines. It builds each line in buf, then folds it
// onto the output; the first write error sticks and ends the output.
type icsWriter struct {
	w   ics.Writer
	buf []byte
	err error
}

// raw writes NAME:value with value as is (for values that need no escaping).
func (e *icsWriter) raw(name, value string) {
	e.buf = append(append(append(e.buf[:0], name...), ':'), value...)
	e.flush()
}

// text writes NAME:value with the parts concatenated and escaped as TEXT.
func (e *icsWriter) text(name string, parts ...string) {
	e.buf = append(append(e.buf[:0], name...), ':')
	for _, p := range parts {
		e.buf = ics.AppendText(e.buf, p)
	}
	e.flush()
}

// stamp writes NAME:YYYYMMDDTHHMMSSZ.
func (e *icsWriter) stamp(name string, t time.Time) {
	e.buf = append(append(e.buf[:0], name...), ':')
	e.buf = ics.AppendUTC(e.buf, t)
	e.flush()
}

// categories writes the non-empty values as a CATEGORIES list.
func (e *icsWriter) categories(values ...string) {
	var ok bool
	if e.buf, ok = ics.AppendCategories(e.buf[:0], values...); ok {
		e.flush()
	}
}

// description writes what the agency needs to make the post.
func (e *icsWriter) description(s *planner.Slot, label string) {
	b := append(e.buf[:0], "DESCRIPTION:"...)
	field := func(name, value string) {
		if value == "" {
			return
		}
		b = append(b, name...)
		b = ics.AppendText(b, value)
		b = append(b, `\n`...)
	}
	field("Channel: ", label)
	field("Pillar: ", pillarLabel(s))
	field("Tactic: ", tacticLabel(s))
	field("Format: ", s.Format)
	field("Campaign: ", s.Campaign)
	b = append(b, "Local time: "...)
	b = append(b, s.Local[:min(10, len(s.Local))]...)
	if len(s.Local) >= 16 {
		b = append(append(b, ' '), s.Local[11:16]...)
	}
	b = append(b, ' ')
	b = ics.AppendText(b, s.Timezone)
	if s.Brief != "" {
		b = append(b, `\n\n`...)
		b = ics.AppendText(b, s.Brief)
	}
	e.buf = b
	e.flush()
}

// flush writes the line in buf folded at 75 octets (see ics.WriteFolded).
func (e *icsWriter) flush() {
	if e.err != nil {
		return
	}
	e.err = ics.WriteFolded(e.w, e.buf)
}
