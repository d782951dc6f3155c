package export

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// TestAyrshareDocumentedFormat holds the files to Ayrshare's page: the
// four fields as headers, scheduleDate in UTC as YYYY-MM-DDThh:mm:ssZ, X
// named twitter, the text as it is, a file per channel.
func TestAyrshareDocumentedFormat(t *testing.T) {
	ds := fixtureDrafts(t)
	files, _ := buildFixture(t, "ayrshare", ds)
	byText := map[string]drafts.Draft{}
	for _, d := range ds {
		byText[d.Text] = d
	}
	platforms := map[string]string{"instagram": "instagram", "li-company": "linkedin", "x-us": "twitter"}
	n := 0
	for _, f := range files {
		rows := readCSV(t, f.data)
		if !reflect.DeepEqual(rows[0], []string{"post", "platforms", "mediaUrls", "scheduleDate"}) {
			t.Errorf("%s: header %q", f.name, rows[0])
		}
		for _, row := range rows[1:] {
			n++
			d, ok := byText[row[0]]
			if !ok {
				t.Errorf("%s: post %q is no draft's text as it is", f.name, row[0])
				continue
			}
			if f.name != fileName("ayrshare", d.Channel, 1) || row[1] != platforms[d.Channel] {
				t.Errorf("%s: %s draft with platforms %q", f.name, d.Channel, row[1])
			}
			at, err := time.Parse("2006-01-02T15:04:05Z", row[3])
			if err != nil || !at.Equal(d.At) || at.Location() != time.UTC {
				t.Errorf("%s: scheduleDate %q reads as %v (%v), want %v in UTC", f.name, row[3], at, err, d.At)
			}
			if len(d.Media) > 0 && row[2] != d.Media[0].URL {
				t.Errorf("%s: mediaUrls %q", f.name, row[2])
			}
		}
	}
	if n != len(ds) {
		t.Errorf("%d rows for %d drafts", n, len(ds))
	}
}

// TestAyrshareRefuses checks the posts Ayrshare would reject: one in the
// past, and the second of two with the same text less than three days
// apart (three days apart is fine).
func TestAyrshareRefuses(t *testing.T) {
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, zone(t, "Europe/Oslo"))
	ds := []drafts.Draft{
		{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "Same words"},
		{File: "a.csv", Line: 3, Channel: "instagram", At: at.Add(71 * time.Hour), Text: "Same words"},
		{File: "a.csv", Line: 4, Channel: "instagram", At: at.Add(71*time.Hour + 72*time.Hour), Text: "Same words"},
		{File: "a.csv", Line: 5, Channel: "instagram", At: fixtureNow.Add(-time.Second), Text: "Just gone"},
	}
	ex, _ := lookup("ayrshare")
	_, _, err := build(ex, ds, fixtureStrategy(), Options{Now: fixtureNow})
	var refused *RefusedError
	if !errors.As(err, &refused) || len(refused.Problems) != 2 {
		t.Fatalf("err = %v", err)
	}
	if p := refused.Problems[0].String(); !strings.HasPrefix(p, "a.csv:5: is at 2027-01-01 11:59:59 +01:00, before now (2027-01-01 12:00 +01:00): Ayrshare imports only future posts") {
		t.Errorf("problem = %s", p)
	}
	if p := refused.Problems[1].String(); !strings.HasPrefix(p, "a.csv:3: has the same text as the draft at a.csv:2, less than three days before it") {
		t.Errorf("problem = %s", p)
	}
}

// TestMediaSchedulersCannotFetch: a bare file name is not a URL Ayrshare
// can fetch, and a video is not a photo Friends+Me's file takes: each is
// left out of the file with one warning that says why.
func TestMediaSchedulersCannotFetch(t *testing.T) {
	at := time.Date(2027, 1, 4, 9, 0, 0, 0, zone(t, "Europe/Oslo"))
	for _, tc := range []struct{ format, media, want string }{
		{"ayrshare", "x.jpg", "a.csv:2: media x.jpg is not a URL Ayrshare can fetch"},
		{"friendsplus", "https://cdn.example/v.mp4", "a.csv:2: media https://cdn.example/v.mp4 is not a photo"},
		{"friendsplus", "x.jpg", "a.csv:2: media x.jpg is not a photo"},
	} {
		ds := []drafts.Draft{{File: "a.csv", Line: 2, Channel: "instagram", At: at, Text: "Hei", Media: []drafts.Media{{URL: tc.media}}}}
		files, res := buildFixture(t, tc.format, ds)
		if strings.Contains(string(files[0].data), tc.media) {
			t.Errorf("%s: %s written:\n%s", tc.format, tc.media, files[0].data)
		}
		if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].String(), tc.want) {
			t.Errorf("%s %s: warnings %v, want one starting %q", tc.format, tc.media, res.Warnings, tc.want)
		}
	}
}
