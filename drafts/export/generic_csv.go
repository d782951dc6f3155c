package export

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/csvcell"
)

// csvColumns are the generic CSV's columns, in order: the drafts file's
// own column names where a draft has the field, then the channel's
// platform and handle and where the draft came from. They are a contract:
// add new ones at the end.
var csvColumns = []string{
	"id", "channel", "platform", "handle", "scheduled_at", "timezone", "text",
	"pillar", "tactic", "campaign", "link", "media", "alt_text", "status",
	"owner", "partners", "file", "line",
}

// buildCSV writes drafts.csv: RFC 4180 (quoting, CRLF line endings) in
// UTF-8 with a byte order mark, one row per draft under a header row, as
// the calendar's CSV export does. scheduled_at is RFC 3339 with the
// channel's offset (empty for a draft without a time); timezone is the
// zone it was read in. A cell holding several values (links, media and
// their alt texts, partners) has one per line, media and alt texts in the
// same order. Every cell is defused like the calendar's (see
// csvcell.Defuse): this file is for people, who open it in a spreadsheet.
func buildCSV(ds []drafts.Draft, x *run) []file {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(csvColumns)
	row := make([]string, len(csvColumns))
	for i := range ds {
		d := &ds[i]
		platform, handle := "", ""
		if c := x.channel(d.Channel); c != nil {
			platform, handle = c.Platform, c.Handle
		}
		at, zone := "", ""
		if !d.At.IsZero() {
			at, zone = d.At.Format(time.RFC3339), d.At.Location().String()
		}
		urls := make([]string, len(d.Media))
		alts := make([]string, len(d.Media))
		for j, m := range d.Media {
			urls[j], alts[j] = m.URL, m.Alt
		}
		row = append(row[:0], d.ID, d.Channel, platform, handle, at, zone, lineBreaks.Replace(d.Text),
			d.Pillar, d.Tactic, d.Campaign, strings.Join(d.Links, "\n"),
			strings.Join(urls, "\n"), strings.Join(alts, "\n"), d.Status,
			d.Owner, strings.Join(d.Partners, "\n"), d.File, strconv.Itoa(d.Line))
		for j := range row {
			row[j] = csvcell.Defuse(row[j])
		}
		w.Write(row)
	}
	w.Flush()
	return []file{{name: "drafts.csv", data: b.Bytes()}}
}
