package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/csvcell"
)

// FuzzExport writes a draft with hostile text, id and alt text in every
// format and checks each file reads back: the CSV formats give the text
// as it was (line breaks as LF; defused in the generic CSV), the ICS file
// parses. A refusal is fine; a panic or an unreadable file is not.
func FuzzExport(f *testing.F) {
	for _, s := range []string{"plain", "=1+1", "a\rb\r\nc\n", "\"quoted\";semi,comma", "\u202e\xff\x00", "ø東🙂"} {
		f.Add(s, "id-1", "alt")
	}
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, id, alt string) {
		d := drafts.Draft{File: "f.csv", Line: 2, ID: id, Channel: "instagram", At: time.Date(2027, 1, 4, 9, 0, 0, 0, oslo),
			Text: text, Links: []string{"https://nordlys.example/" + id}, Media: []drafts.Media{{URL: "https://cdn.example/" + alt, Alt: alt}}}
		want := lineBreaks.Replace(text)
		for _, fm := range Formats() {
			ex, _ := lookup(fm.Name)
			files, _, err := build(ex, []drafts.Draft{d}, fixtureStrategy(), Options{Now: fixtureNow})
			var refused *RefusedError
			if errors.As(err, &refused) {
				continue
			} else if err != nil {
				t.Fatalf("%s: %v", fm.Name, err)
			}
			data := files[0].data
			switch fm.Name {
			case "ics":
				if _, err := ical.NewDecoder(bytes.NewReader(data)).Decode(); err != nil {
					t.Fatalf("ics does not parse: %v\n%q", err, data)
				}
				continue
			case "csv":
				data = bytes.TrimPrefix(data, []byte("\ufeff"))
			}
			r := csv.NewReader(bytes.NewReader(data))
			r.FieldsPerRecord = -1
			col := 0
			switch fm.Name {
			case "friendsplus":
				r.Comma = ';'
				col = 5
			case "sprout":
				col = 2
			case "csv":
				col = 6
			}
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s does not read back: %v\n%q", fm.Name, err, data)
			}
			got := rows[len(rows)-1][col]
			exp := want
			if fm.Name == "csv" {
				exp = csvcell.Defuse(want)
			}
			if got != exp {
				t.Fatalf("%s: text %q reads back as %q, want %q", fm.Name, text, got, exp)
			}
		}
	})
}
