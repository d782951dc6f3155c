package render

import (
	"bufio"
	"encoding/csv"
	"io"
	"time"

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
func writeCSV(w io.Writer, cal *planner.Calendar) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	row := make([]string, len(csvColumns))
	for i := range cal.Slots {
		s := &cal.Slots[i]
		row[0], row[1], row[2] = s.Day(), s.Clock(), s.Timezone
		row[3] = s.Start.UTC().Format(time.RFC3339)
		row[4], row[5], row[6], row[7] = s.Channel, s.Platform, s.Pillar, s.PillarName
		row[8], row[9], row[10], row[11], row[12] = s.Tactic, s.Campaign, s.Format, s.Brief, s.UID
		for j := range row {
			row[j] = defuse(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// defuse neutralises spreadsheet formula injection: a cell starting with
// =, +, -, @, a tab or a carriage return is one Excel, LibreOffice or Google
// Sheets may run as a formula, so it gets a leading apostrophe, which they
// read as "text" and do not show.
func defuse(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}
