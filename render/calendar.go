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

// CalendarStream is a calendar read a slot at a time: its description, its
// slots in order, then its warnings. *planner.Stream is one; CalendarSlots
// reads a *planner.Calendar as one.
type CalendarStream interface {
	// Calendar describes the calendar; its Slots and Warnings are not read.
	Calendar() *planner.Calendar
	// Next returns the next slot, nil after the last. The slot may be
	// reused by the following call.
	Next() (*planner.Slot, error)
	// Warnings returns the warnings, once Next has returned nil.
	Warnings() []planner.Warning
}

// CalendarSlots reads cal as a CalendarStream.
func CalendarSlots(cal *planner.Calendar) CalendarStream { return &calendarSlots{cal: cal} }

type calendarSlots struct {
	cal *planner.Calendar
	i   int
}

func (c *calendarSlots) Calendar() *planner.Calendar { return c.cal }

func (c *calendarSlots) Next() (*planner.Slot, error) {
	if c.i >= len(c.cal.Slots) {
		return nil, nil
	}
	c.i++
	return &c.cal.Slots[c.i-1], nil
}

func (c *calendarSlots) Warnings() []planner.Warning { return c.cal.Warnings }

// calendarWriters holds one writer per calendar format, each in its own
// calendar_<format>.go file. They return how many slots they wrote.
var calendarWriters = map[string]func(io.Writer, CalendarStream) (int, error){
	"ics":  writeICS,
	"csv":  writeCSV,
	"json": writeJSON,
	"md":   viewed(writeMarkdown),
	"html": viewed(writeHTML),
}

// CalendarFormats returns the formats WriteCalendar accepts, in the order a
// help text lists them.
func CalendarFormats() []string { return []string{"ics", "csv", "json", "md", "html"} }

// WriteCalendar writes cal to w in format, one of CalendarFormats.
func WriteCalendar(w io.Writer, cal *planner.Calendar, format string) error {
	if cal == nil {
		return errors.New("render: no calendar to write")
	}
	_, err := WriteCalendarStream(w, CalendarSlots(cal), format)
	return err
}

// WriteCalendarStream writes the calendar st gives to w in format, one of
// CalendarFormats, and returns how many slots it wrote. ICS, CSV and JSON
// are written as the slots come, so memory does not grow with the plan.
// Markdown and HTML open with the plan's totals: from a *planner.Stream
// they count a second stream of the same plan first and then write a month
// at a time, so they do not hold the plan either; any other stream they
// read whole first.
func WriteCalendarStream(w io.Writer, st CalendarStream, format string) (int, error) {
	write, ok := calendarWriters[format]
	if !ok {
		return 0, fmt.Errorf("render: unknown calendar format %q: use one of %s", format, strings.Join(CalendarFormats(), ", "))
	}
	return write(w, st)
}

// viewed turns a writer of calendar views into one of streams. A planner's
// stream is read twice, to count it first, so the plan is never held; a
// whole calendar is read as it is; any other stream is read into a
// calendar first.
func viewed(write func(io.Writer, *planView) error) func(io.Writer, CalendarStream) (int, error) {
	return func(w io.Writer, st CalendarStream) (int, error) {
		var v *planView
		switch s := st.(type) {
		case *calendarSlots:
			v = planViewOf(s.cal)
		case interface {
			Again() (*planner.Stream, error)
		}:
			var err error
			if v, err = streamPlanView(st, s.Again); err != nil {
				return 0, err
			}
		default:
			cal := *st.Calendar()
			cal.Slots = []planner.Slot{}
			for {
				s, err := st.Next()
				if err != nil {
					return 0, err
				}
				if s == nil {
					break
				}
				cal.Slots = append(cal.Slots, *s)
			}
			cal.Warnings = st.Warnings()
			v = planViewOf(&cal)
		}
		return v.posts, write(w, v)
	}
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

// slotWalker reads a stream slot by slot, giving each slot's key and
// building the Slot only when asked, when the stream can (a
// *planner.Stream): the template writers need only the key of a slot
// whose Variant they have written before.
type slotWalker struct {
	st CalendarStream
	ks interface {
		NextKey() (planner.SlotKey, bool, error)
		Slot() *planner.Slot
	}
	cur *planner.Slot
}

func newSlotWalker(st CalendarStream) *slotWalker {
	w := &slotWalker{st: st}
	if ks, ok := st.(interface {
		NextKey() (planner.SlotKey, bool, error)
		Slot() *planner.Slot
	}); ok {
		w.ks = ks
	}
	return w
}

// next returns the next slot's key, false after the last. A slot the
// templates cannot write has Variant 0 in its key.
func (w *slotWalker) next() (planner.SlotKey, bool, error) {
	if w.ks != nil {
		k, ok, err := w.ks.NextKey()
		if ok && (len(k.UID) != 27 || len(k.Local) != 16) {
			k.Variant = 0
		}
		return k, ok, err
	}
	s, err := w.st.Next()
	if err != nil || s == nil {
		return planner.SlotKey{}, false, err
	}
	w.cur = s
	k := planner.SlotKey{Variant: s.Variant, Start: s.Start.Unix(), Local: s.Local, UID: s.UID}
	if !templated(s) {
		k.Variant = 0
	}
	return k, true, nil
}

// slot returns the slot of the key next returned last.
func (w *slotWalker) slot() *planner.Slot {
	if w.ks != nil {
		return w.ks.Slot()
	}
	return w.cur
}

// templated reports whether a slot with a Variant has the shape a
// template fills in: the planner's UID and local time (the Variant's
// promise; only their lengths are checked) and a start in whole seconds.
func templated(s *planner.Slot) bool {
	return len(s.UID) == 27 && len(s.Local) == 16 && s.Start.Nanosecond() == 0
}

// utcClock writes instants in UTC for the writers' templates, working out
// the calendar date once per day: a plan has dozens of posts a day.
type utcClock struct {
	day     int64
	y, m, d int
	known   bool
	compact [8]byte // the day as YYYYMMDD
}

// split returns the date and time of day in UTC of u, in Unix seconds.
func (c *utcClock) split(u int64) (y, mo, d, h, mi, s int) {
	day := u / secondsPerDay
	if u < 0 && u%secondsPerDay != 0 {
		day--
	}
	if !c.known || day != c.day {
		yy, mm, dd := time.Unix(u, 0).UTC().Date()
		c.day, c.y, c.m, c.d, c.known = day, yy, int(mm), dd, true
		c.compact = [8]byte{byte('0' + yy/1000%10), byte('0' + yy/100%10), byte('0' + yy/10%10), byte('0' + yy%10),
			byte('0' + int(mm)/10), byte('0' + int(mm)%10), byte('0' + dd/10), byte('0' + dd%10)}
	}
	sec := int(u - day*secondsPerDay)
	return c.y, c.m, c.d, sec / 3600, sec / 60 % 60, sec % 60
}

// digitPairs holds 00 to 99, two bytes each.
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// putCompact writes u, in Unix seconds, as YYYYMMDDTHHMMSSZ into the 16
// bytes of b (years 0 to 9999).
func (c *utcClock) putCompact(b *[16]byte, u int64) {
	_, _, _, h, mi, s := c.split(u)
	copy(b[:8], c.compact[:])
	b[8] = 'T'
	b[9], b[10] = digitPairs[2*h], digitPairs[2*h+1]
	b[11], b[12] = digitPairs[2*mi], digitPairs[2*mi+1]
	b[13], b[14] = digitPairs[2*s], digitPairs[2*s+1]
	b[15] = 'Z'
}

// appendRFC3339 appends u, in Unix seconds, as YYYY-MM-DDTHH:MM:SSZ, as
// time's AppendFormat with time.RFC3339 does in UTC for a whole second of
// a four-digit year.
func (c *utcClock) appendRFC3339(b []byte, u int64) []byte {
	_, _, _, h, mi, s := c.split(u)
	d := &c.compact
	return append(b, d[0], d[1], d[2], d[3], '-', d[4], d[5], '-', d[6], d[7], 'T',
		digitPairs[2*h], digitPairs[2*h+1], ':', digitPairs[2*mi], digitPairs[2*mi+1], ':', digitPairs[2*s], digitPairs[2*s+1], 'Z')
}

const secondsPerDay = 24 * 60 * 60

// outBufSize is how much a writer collects before it writes.
const outBufSize = 256 << 10

// outBuf collects a writer's output and writes it in large pieces. The
// templates append into it directly, which saves the copy of every piece a
// bufio.Writer makes. The first write error sticks.
type outBuf struct {
	w   io.Writer
	b   []byte
	err error
}

func newOutBuf(w io.Writer) *outBuf {
	return &outBuf{w: w, b: make([]byte, 0, outBufSize+outBufSize/4)}
}

// Write appends p; it never fails (Flush reports the error).
func (o *outBuf) Write(p []byte) (int, error) {
	o.b = append(o.b, p...)
	o.spill()
	return len(p), nil
}

// WriteString appends s.
func (o *outBuf) WriteString(s string) (int, error) {
	o.b = append(o.b, s...)
	o.spill()
	return len(s), nil
}

// WriteByte appends c.
func (o *outBuf) WriteByte(c byte) error {
	o.b = append(o.b, c)
	return nil
}

// spill writes what is collected once there is enough of it.
func (o *outBuf) spill() {
	if len(o.b) >= outBufSize {
		o.Flush()
	}
}

// Flush writes what is collected and returns the first error.
func (o *outBuf) Flush() error {
	if o.err == nil && len(o.b) > 0 {
		_, o.err = o.w.Write(o.b)
	}
	o.b = o.b[:0]
	return o.err
}

// byVariant finds the template of a slot variant: a small table indexed by
// a hash of the Variant answers most look-ups without a map's hashing, and
// a map holds the variants that do not fit. A nil template is a variant
// the writer writes in full.
type byVariant[T any] struct {
	keys [512]uint64
	vals [512]*T
	all  map[uint64]*T
}

func (c *byVariant[T]) slot(v uint64) int { return int((v * 0x9e3779b97f4a7c15) >> 55) }

// get returns the template of v and whether v has been seen.
func (c *byVariant[T]) get(v uint64) (*T, bool) {
	if i := c.slot(v); c.keys[i] == v && v != 0 {
		return c.vals[i], true
	}
	t, ok := c.all[v]
	if ok {
		i := c.slot(v)
		c.keys[i], c.vals[i] = v, t
	}
	return t, ok
}

// put records the template of v.
func (c *byVariant[T]) put(v uint64, t *T) {
	if c.all == nil {
		c.all = map[uint64]*T{}
	}
	c.all[v] = t
	i := c.slot(v)
	c.keys[i], c.vals[i] = v, t
}
