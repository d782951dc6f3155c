package render

import (
	"bytes"
	"encoding/csv"
	"io"
	"time"

	"github.com/pillar-strategy/pillar/internal/csvcell"
	"github.com/pillar-strategy/pillar/planner"
)

// csvColumns are the CSV export's columns, in order. They are a contract:
// add new ones at the end.
var csvColumns = []string{"date", "time", "timezone", "start_utc", "channel", "platform",
	"pillar", "pillar_name", "tactic", "campaign", "format", "brief", "uid"}

// writeCSV writes one row per slot under a header row: RFC 4180 (quoting,
// CRLF line endings) with a UTF-8 byte order mark, without which Excel on
// Windows reads æ, ø and å as Latin-1 when the file is opened directly.
// date and time are the slot's local wall-clock date and
// time in timezone; start_utc is the same instant in RFC 3339. A cell that
// a spreadsheet would read as a formula gets a leading apostrophe.
//
// Slots of a plan that share their Variant differ only in date, time,
// start_utc and uid, none of which a spreadsheet could read as a formula or
// needs quoting, so their row is written once as a template and each slot
// fills in its own: the same bytes as encoding/csv gives for the row.
func writeCSV(w io.Writer, st CalendarStream) (int, error) {
	bw := newOutBuf(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(csvColumns); err != nil {
		return 0, err
	}
	cw.Flush()
	rows := csvRows{templates: new(byVariant[csvTemplate])}
	row := make([]string, len(csvColumns))
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
		n++
		if t := rows.template(k, walk); t != nil {
			bw.b = t.fill(bw.b, &k, &clock)
			bw.spill()
			continue
		}
		if err := cw.Write(csvRow(row, walk.slot())); err != nil {
			return n, err
		}
		cw.Flush()
	}
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// csvRow fills row with the slot's cells, defused.
func csvRow(row []string, s *planner.Slot) []string {
	row[0], row[1], row[2] = s.Day(), s.Clock(), s.Timezone
	row[3] = s.Start.UTC().Format(time.RFC3339)
	row[4], row[5], row[6], row[7] = s.Channel, s.Platform, s.Pillar, s.PillarName
	row[8], row[9], row[10], row[11], row[12] = s.Tactic, s.Campaign, s.Format, s.Brief, s.UID
	for j := range row {
		row[j] = csvcell.Defuse(row[j])
	}
	return row
}

// csvRows keeps a row template per slot variant.
type csvRows struct {
	templates *byVariant[csvTemplate]
}

// csvTemplate is a variant's row as encoding/csv writes it, cut where a
// slot's own cells go: date | time | start_utc | uid.
type csvTemplate struct {
	afterTime, afterStart, afterUID []byte // the encoded text after time, start_utc and uid
}

func (r *csvRows) template(k planner.SlotKey, walk *slotWalker) *csvTemplate {
	if k.Variant == 0 {
		return nil
	}
	if t, ok := r.templates.get(k.Variant); ok {
		return t
	}
	s := walk.slot()
	// Encode the row with encoding/csv; the slot's own cells need no
	// quoting, so they stand in it as they are, at known places.
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.UseCRLF = true
	row := csvRow(make([]string, len(csvColumns)), s)
	cw.Write(row)
	cw.Flush()
	line := b.Bytes()
	var t *csvTemplate
	if len(row[0]) == 10 && len(row[1]) == 5 && len(row[3]) == 20 {
		// line = date "," time <afterTime> start_utc <afterStart> uid <afterUID>
		rest := line[len("2027-01-04,09:00"):]
		startAt := bytes.Index(rest, []byte(row[3]))
		uidAt := bytes.LastIndex(rest, []byte(row[12]))
		if startAt > 0 && uidAt > startAt+20 && bytes.HasPrefix(line, []byte(row[0]+","+row[1])) {
			t = &csvTemplate{
				afterTime:  append([]byte(nil), rest[:startAt]...),
				afterStart: append([]byte(nil), rest[startAt+20:uidAt]...),
				afterUID:   append([]byte(nil), rest[uidAt+27:]...),
			}
		}
	}
	r.templates.put(k.Variant, t)
	return t
}

// fill appends the row of the slot with key k to b.
func (t *csvTemplate) fill(b []byte, k *planner.SlotKey, clock *utcClock) []byte {
	b = append(b, k.Local[:10]...)
	b = append(b, ',')
	b = append(b, k.Local[11:16]...)
	b = append(b, t.afterTime...)
	b = clock.appendRFC3339(b, k.Start)
	b = append(b, t.afterStart...)
	b = append(b, k.UID...)
	return append(b, t.afterUID...)
}
