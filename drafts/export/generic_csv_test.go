package export

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCSVReadsBack parses drafts.csv with encoding/csv and holds every
// cell to the draft it came from: the header, RFC 3339 times with the
// channel's offset, multi-line and non-ASCII text kept, a formula
// neutralised, platform and handle from the strategy.
func TestCSVReadsBack(t *testing.T) {
	files, _ := buildFixture(t, "csv", fixtureDrafts(t))
	if len(files) != 1 || files[0].name != "drafts.csv" {
		t.Fatalf("files = %v", files)
	}
	data := files[0].data
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("no UTF-8 byte order mark, which Excel needs to read ø as ø")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv rejects the file: %v", err)
	}
	if !reflect.DeepEqual(rows[0], csvColumns) {
		t.Fatalf("header = %q", rows[0])
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	want := sortDrafts(fixtureDrafts(t))
	if len(rows)-1 != len(want) {
		t.Fatalf("%d rows for %d drafts", len(rows)-1, len(want))
	}
	for i, d := range want {
		row := rows[i+1]
		at, err := time.Parse(time.RFC3339, row[col["scheduled_at"]])
		if err != nil {
			t.Errorf("row %d: scheduled_at: %v", i+2, err)
		} else if !at.Equal(d.At) {
			t.Errorf("row %d: scheduled_at %v, want %v", i+2, at, d.At)
		}
		_, wantOff := d.At.Zone()
		if _, off := at.Zone(); off != wantOff {
			t.Errorf("row %d: offset %d, want the channel's %d", i+2, off, wantOff)
		}
		if row[col["timezone"]] != d.At.Location().String() {
			t.Errorf("row %d: timezone %q", i+2, row[col["timezone"]])
		}
		text := row[col["text"]]
		if strings.HasPrefix(d.Text, "=") {
			if text != "'"+d.Text {
				t.Errorf("row %d: the formula is not neutralised: %q", i+2, text)
			}
		} else if text != d.Text {
			t.Errorf("row %d: text %q, want %q", i+2, text, d.Text)
		}
		if row[col["id"]] != d.ID || row[col["channel"]] != d.Channel || row[col["file"]] != d.File {
			t.Errorf("row %d: %q", i+2, row)
		}
		if len(d.Media) > 0 {
			urls := strings.Split(row[col["media"]], "\n")
			alts := strings.Split(row[col["alt_text"]], "\n")
			if len(urls) != len(d.Media) || len(alts) != len(d.Media) {
				t.Errorf("row %d: media %q and alt texts %q do not line up", i+2, urls, alts)
			}
			for j, m := range d.Media {
				if urls[j] != m.URL || alts[j] != m.Alt {
					t.Errorf("row %d: media %d = %q %q", i+2, j, urls[j], alts[j])
				}
			}
		}
	}
	row := rows[1] // d1 on instagram
	if row[col["platform"]] != "instagram" || row[col["handle"]] != "'@nordlys" {
		t.Errorf("platform and handle: %q %q (a handle's @ is defused too)", row[col["platform"]], row[col["handle"]])
	}
}
