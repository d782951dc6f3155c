package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// series returns n drafts on a channel, every step from the first.
func series(t testing.TB, channel string, n int, first time.Time, step time.Duration) []drafts.Draft {
	ds := make([]drafts.Draft, n)
	for i := range ds {
		ds[i] = drafts.Draft{File: "big.csv", Line: i + 2, ID: fmt.Sprintf("p%04d", i), Channel: channel,
			At: first.Add(time.Duration(i) * step), Text: fmt.Sprintf("Post %d", i)}
	}
	return ds
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv rejects the file: %v", err)
	}
	return rows
}

// TestSproutDocumentedFormat holds the files to Sprout Social's page: the
// three required headers exactly, no byte order mark before them, the date
// as dd/mm/yyyy and the time as a 24-hour HH:MM in the channel's zone, the
// text as it is, one file set per channel.
func TestSproutDocumentedFormat(t *testing.T) {
	ds := fixtureDrafts(t)
	files, res := buildFixture(t, "sprout", ds)
	formulaWarned := false
	for _, w := range res.Warnings {
		formulaWarned = formulaWarned || w.Line == 3 && strings.Contains(w.Message, "runs as a formula")
	}
	if !formulaWarned {
		t.Error("a caption a spreadsheet would run is written without a warning")
	}
	names := []string{}
	for _, f := range files {
		names = append(names, f.name)
	}
	if got := strings.Join(names, " "); got != "sprout-instagram-001.csv sprout-x-us-001.csv sprout-li-company-001.csv" {
		t.Errorf("files = %s, want one per channel in the order of their first draft", got)
	}
	byID := map[string]drafts.Draft{}
	for _, d := range ds {
		byID[d.Text] = d
	}
	rowsSeen := 0
	for _, f := range files {
		if !bytes.HasPrefix(f.data, []byte("date,time_24hr,message_text\r\n")) {
			t.Errorf("%s does not start with the documented headers: %q", f.name, f.data[:min(40, len(f.data))])
		}
		rows := readCSV(t, f.data)
		channel := strings.TrimSuffix(strings.TrimPrefix(f.name, "sprout-"), "-001.csv")
		for _, row := range rows[1:] {
			rowsSeen++
			d, ok := byID[row[2]]
			if !ok {
				t.Errorf("%s: message_text %q is no draft's text as it is", f.name, row[2])
				continue
			}
			if d.Channel != channel {
				t.Errorf("%s holds a draft of %s", f.name, d.Channel)
			}
			at, err := time.ParseInLocation("02/01/2006 15:04", row[0]+" "+row[1], d.At.Location())
			if err != nil || !at.Equal(d.At) {
				t.Errorf("%s: %s %s reads as %v (%v), want %v", f.name, row[0], row[1], at, err, d.At)
			}
		}
	}
	if rowsSeen != len(ds) {
		t.Errorf("%d rows for %d drafts", rowsSeen, len(ds))
	}
}

// TestSproutSplitsAt350 checks the documented limit of 350 messages an
// import: 351 drafts on a channel make two files, and 350 make one.
func TestSproutSplitsAt350(t *testing.T) {
	first := time.Date(2027, 2, 1, 8, 0, 0, 0, zone(t, "Europe/Oslo"))
	for _, tc := range []struct {
		n    int
		rows []int
	}{{350, []int{350}}, {351, []int{350, 1}}, {701, []int{350, 350, 1}}} {
		files, _ := buildFixture(t, "sprout", series(t, "instagram", tc.n, first, time.Hour))
		if len(files) != len(tc.rows) {
			t.Fatalf("%d drafts: %d files, want %d", tc.n, len(files), len(tc.rows))
		}
		for i, f := range files {
			if want := fmt.Sprintf("sprout-instagram-%03d.csv", i+1); f.name != want {
				t.Errorf("file %d is %s, want %s", i, f.name, want)
			}
			if got := len(readCSV(t, f.data)) - 1; got != tc.rows[i] {
				t.Errorf("%d drafts: %s has %d rows, want %d", tc.n, f.name, got, tc.rows[i])
			}
		}
	}
}

// TestSproutRefuses checks the drafts Sprout would not take: closer than
// 10 minutes to the channel's previous post, less than 10 minutes after
// now, on a channel the strategy lacks; each refusal names its draft and
// the export returns no files.
func TestSproutRefuses(t *testing.T) {
	oslo := zone(t, "Europe/Oslo")
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, oslo)
	for _, tc := range []struct {
		name string
		ds   []drafts.Draft
		want []string
	}{
		{"nine minutes apart", []drafts.Draft{
			{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "one"},
			{File: "a.csv", Line: 3, Channel: "instagram", At: at.Add(9 * time.Minute), Text: "two"},
			{File: "a.csv", Line: 4, Channel: "li-company", At: at.Add(time.Minute), Text: "other profile"},
		}, []string{"a.csv:3: is at 2027-01-04 09:09 +01:00, 9 minutes after the draft at a.csv:2 on instagram: Sprout Social needs 10 minutes between two posts of a profile"}},
		{"too soon", []drafts.Draft{
			{File: "a.csv", Line: 2, Channel: "instagram", At: fixtureNow.Add(9 * time.Minute).In(oslo), Text: "soon"},
		}, []string{"a.csv:2: is at 2027-01-01 12:09 +01:00, less than 10 minutes after now (2027-01-01 12:00 +01:00)"}},
		{"past", []drafts.Draft{
			{File: "a.csv", Line: 5, Channel: "instagram", At: fixtureNow.Add(-24 * time.Hour).In(oslo), Text: "yesterday"},
		}, []string{"a.csv:5: is at 2026-12-31 12:00 +01:00"}},
		{"unknown channel", []drafts.Draft{
			{File: "a.csv", Line: 2, Channel: "tiktok", At: at, Text: "x"},
		}, []string{`a.csv:2: channel "tiktok" is not in the strategy`}},
		{"no time", []drafts.Draft{
			{File: "a.csv", Line: 2, Channel: "instagram", Text: "x"},
		}, []string{"a.csv:2: has no scheduled time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex, _ := lookup("sprout")
			files, _, err := build(ex, tc.ds, fixtureStrategy(), Options{Now: fixtureNow})
			var refused *RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("err = %v, want a refusal", err)
			}
			if files != nil {
				t.Error("a refused export still gives files")
			}
			if len(refused.Problems) != len(tc.want) {
				t.Fatalf("problems = %v", refused.Problems)
			}
			for i, w := range tc.want {
				if got := refused.Problems[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d = %q\nwant it to start %q", i, got, w)
				}
			}
		})
	}
}

// TestSproutRoundsSeconds checks that a time with seconds, which HH:MM
// cannot write, is rounded up to the next minute with a warning, and that
// the rounded time is the one checked against the 10-minute gap.
func TestSproutRoundsSeconds(t *testing.T) {
	at := time.Date(2027, 1, 4, 9, 0, 30, 0, zone(t, "Europe/Oslo"))
	ds := []drafts.Draft{{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "half a minute late"}}
	files, res := buildFixture(t, "sprout", ds)
	if rows := readCSV(t, files[0].data); rows[1][1] != "09:01" {
		t.Errorf("time_24hr = %s, want 09:01", rows[1][1])
	}
	if len(res.Warnings) != 1 || res.Warnings[0].String() != "a.csv:2: Sprout Social takes times in steps of 1 minute: 2027-01-04 09:00:30 +01:00 is written as 2027-01-04 09:01 +01:00" {
		t.Errorf("warnings = %v", res.Warnings)
	}
	ds = append(ds, drafts.Draft{File: "a.csv", Line: 3, Channel: "instagram", At: at.Add(10*time.Minute - 30*time.Second), Text: "exactly 10 minutes after the unrounded time"})
	ex, _ := lookup("sprout")
	if _, _, err := build(ex, ds, fixtureStrategy(), Options{}); err == nil {
		t.Error("9 minutes after the rounded time is not refused")
	}
}

// TestTimesInTheChannelsZone: a draft whose time the sheet gave in UTC or
// another offset is written at the channel's wall-clock time, which is
// what the schedulers' columns mean.
func TestTimesInTheChannelsZone(t *testing.T) {
	ds := []drafts.Draft{
		{File: "a.csv", Line: 2, Channel: "instagram", At: time.Date(2027, 1, 4, 11, 0, 0, 0, time.UTC), Text: "Oslo, given in UTC"},
		{File: "a.csv", Line: 3, Channel: "x-us", At: time.Date(2027, 1, 4, 15, 0, 0, 0, time.UTC), Text: "New York, given in UTC"},
	}
	for _, format := range []string{"sprout", "friendsplus", "csv"} {
		files, _ := buildFixture(t, format, ds)
		var all string
		for _, f := range files {
			all += string(f.data)
		}
		for _, want := range map[string][]string{
			"sprout":      {"04/01/2027,12:00,\"Oslo", "04/01/2027,10:00,\"New York"},
			"friendsplus": {`"12";"00"`, `"10";"00"`},
			"csv":         {"2027-01-04T12:00:00+01:00,Europe/Oslo", "2027-01-04T10:00:00-05:00,America/New_York"},
		}[format] {
			if !strings.Contains(all, want) {
				t.Errorf("%s: no %q in\n%s", format, want, all)
			}
		}
	}
}

// TestSchedulersLeaveOutUnapproved: an idea or a draft not yet approved
// is left out of a scheduler's file with a warning that names it, since
// the scheduler publishes what it imports; an approved draft without text
// is refused.
func TestSchedulersLeaveOutUnapproved(t *testing.T) {
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, zone(t, "Europe/Oslo"))
	ds := []drafts.Draft{
		{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "Ready", Status: drafts.StatusApproved},
		{File: "a.csv", Line: 3, Channel: "instagram", At: at.Add(time.Hour), Text: "", Status: drafts.StatusIdea},
		{File: "a.csv", Line: 4, Channel: "instagram", At: at.Add(2 * time.Hour), Text: "Almost", Status: drafts.StatusDraft},
	}
	for _, format := range []string{"sprout", "friendsplus", "ayrshare"} {
		files, res := buildFixture(t, format, ds)
		var all string
		for _, f := range files {
			all += string(f.data)
		}
		if !strings.Contains(all, "Ready") || strings.Contains(all, "Almost") {
			t.Errorf("%s: want only the approved draft:\n%s", format, all)
		}
		var notes []string
		for _, w := range res.Warnings {
			notes = append(notes, w.String())
		}
		if got := strings.Join(notes, "\n"); !strings.Contains(got, "a.csv:3: left out: it is idea, not approved") || !strings.Contains(got, "a.csv:4: left out: it is draft, not approved") {
			t.Errorf("%s: warnings\n%s", format, got)
		}
		ex, _ := lookup(format)
		empty := []drafts.Draft{{File: "b.csv", Line: 2, Channel: "instagram", At: at, Text: " ", Status: drafts.StatusApproved}}
		if _, _, err := build(ex, empty, fixtureStrategy(), Options{}); err == nil || !strings.Contains(err.Error(), "b.csv:2: has no text") {
			t.Errorf("%s: an approved draft without text: err %v", format, err)
		}
	}
}
