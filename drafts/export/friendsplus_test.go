package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// readFriendsplus parses a Friends+Me file as its page describes it:
// semicolon-separated, quoted fields, 6 fields or 8 with a URL.
func readFriendsplus(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the file does not parse as semicolon-separated values: %v", err)
	}
	for i, row := range rows {
		if len(row) != 6 && len(row) != 8 {
			t.Errorf("line %d has %d fields: %q", i+1, len(row), row)
		}
		if len(row) == 8 && row[6] != "link" && row[6] != "photo" {
			t.Errorf("line %d: URL type %q", i+1, row[6])
		}
	}
	return rows
}

// TestFriendsplusDocumentedFormat holds the files to Friends+Me's page:
// every field in double quotes, separated by semicolons, no header; day,
// month, year, hour and minute as numbers in the channel's zone, minutes
// ending in 0 or 5; the text as it is; a photo or a link.
func TestFriendsplusDocumentedFormat(t *testing.T) {
	ds := fixtureDrafts(t)
	files, _ := buildFixture(t, "friendsplus", ds)
	byText := map[string]drafts.Draft{}
	for _, d := range ds {
		byText[d.Text] = d
	}
	n := 0
	for _, f := range files {
		if !bytes.HasPrefix(f.data, []byte(`"`)) || bytes.Contains(f.data, []byte("date")) {
			t.Errorf("%s: a header or an unquoted first field: %q", f.name, f.data[:20])
		}
		for _, row := range readFriendsplus(t, f.data) {
			n++
			d, ok := byText[row[5]]
			if !ok {
				t.Errorf("%s: message %q is no draft's text as it is", f.name, row[5])
				continue
			}
			if f.name != fileName("friendsplus", d.Channel, 1) {
				t.Errorf("%s holds a draft of %s", f.name, d.Channel)
			}
			num := make([]int, 5)
			for i := range num {
				v, err := strconv.Atoi(row[i])
				if err != nil {
					t.Fatalf("%s: field %d %q is not a number", f.name, i+1, row[i])
				}
				num[i] = v
			}
			at := time.Date(num[2], time.Month(num[1]), num[0], num[3], num[4], 0, 0, d.At.Location())
			if !at.Equal(d.At) || num[4]%5 != 0 {
				t.Errorf("%s: %q is %v, want %v on a 5-minute step", f.name, row[:5], at, d.At)
			}
			switch {
			case len(d.Media) > 0:
				if len(row) != 8 || row[6] != "photo" || row[7] != d.Media[0].URL {
					t.Errorf("%s: %q does not carry the first media as a photo", f.name, row)
				}
			case len(d.Links) > 0:
				if len(row) != 8 || row[6] != "link" || row[7] != d.Links[0] {
					t.Errorf("%s: %q does not carry the link", f.name, row)
				}
			}
		}
		// Every field is quoted: quoting each parsed field again gives the file.
		var again strings.Builder
		for _, row := range readFriendsplus(t, f.data) {
			for i, v := range row {
				if i > 0 {
					again.WriteString(";")
				}
				again.WriteString(`"` + strings.ReplaceAll(strings.ReplaceAll(v, `"`, `""`), "\n", "\r\n") + `"`)
			}
			again.WriteString("\r\n")
		}
		if again.String() != string(f.data) {
			t.Errorf("%s has a field without quotes:\n%q\nquoted, it would be\n%q", f.name, f.data, again.String())
		}
	}
	if n != len(ds) {
		t.Errorf("%d lines for %d drafts", n, len(ds))
	}
	if got := string(files[0].data[:len(`"04";"01";"2027";"09";"00";`)]); got != `"04";"01";"2027";"09";"00";` {
		t.Errorf("the first line starts %s", got)
	}
}

// TestFriendsplusSlots checks the 5-minute slots: a time off them is
// rounded up with a warning, as Friends+Me itself would; two drafts in one
// slot and a time less than 10 minutes ahead are refused.
func TestFriendsplusSlots(t *testing.T) {
	oslo := zone(t, "Europe/Oslo")
	at := time.Date(2027, 1, 4, 9, 2, 0, 0, oslo)
	files, res := buildFixture(t, "friendsplus", []drafts.Draft{{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "x"}})
	if row := readFriendsplus(t, files[0].data)[0]; row[3] != "09" || row[4] != "05" {
		t.Errorf("09:02 is written as %s:%s, want 09:05", row[3], row[4])
	}
	if len(res.Warnings) != 1 || res.Warnings[0].String() != "a.csv:2: Friends+Me takes times in steps of 5 minutes: 2027-01-04 09:02 +01:00 is written as 2027-01-04 09:05 +01:00" {
		t.Errorf("warnings = %v", res.Warnings)
	}

	ex, _ := lookup("friendsplus")
	_, _, err := build(ex, []drafts.Draft{
		{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "one"},
		{File: "a.csv", Line: 3, Channel: "instagram", At: at.Add(2 * time.Minute), Text: "two"},
		{File: "a.csv", Line: 4, Channel: "li-company", At: at, Text: "another profile, the same slot"},
		{File: "a.csv", Line: 5, Channel: "instagram", At: fixtureNow.Add(5 * time.Minute).In(oslo), Text: "too soon"},
	}, fixtureStrategy(), Options{Now: fixtureNow})
	var refused *RefusedError
	if !errors.As(err, &refused) || len(refused.Problems) != 2 {
		t.Fatalf("err = %v", err)
	}
	if p := refused.Problems[0].String(); !strings.HasPrefix(p, "a.csv:5: is at 2027-01-01 12:05 +01:00, less than 10 minutes after now") {
		t.Errorf("problem = %s", p)
	}
	if p := refused.Problems[1].String(); !strings.HasPrefix(p, "a.csv:3: is at 2027-01-04 09:05 +01:00, the same time as the draft at a.csv:2 on instagram") {
		t.Errorf("problem = %s", p)
	}
}
