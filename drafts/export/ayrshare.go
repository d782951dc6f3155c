package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// ayrshareSource is Ayrshare's page on its bulk post CSV, which this
// format follows.
const ayrshareSource = "https://www.ayrshare.com/docs/apis/post/bulk-post"

var ayrshareFormat = Format{
	Name:    "ayrshare",
	Summary: "Ayrshare bulk post CSV: a file per channel, times in UTC, to upload with that channel's profile key",
	Source:  ayrshareSource,
}

// ayrshare is what Ayrshare's bulk post page
// (https://www.ayrshare.com/docs/apis/post/bulk-post) says about the CSV
// its bulk endpoint takes:
//
//   - the fields post, platforms, mediaUrls and scheduleDate, all
//     required;
//   - platforms is a comma-separated list such as "twitter, facebook,
//     instagram" (pillar writes the channel's platform, X as twitter);
//   - mediaUrls is the URL of an image or video (pillar writes the first
//     media; others get a warning);
//   - scheduleDate is in UTC, YYYY-MM-DDThh:mm:ssZ, for a future date
//     (pillar checks against Now);
//   - two posts with exactly the same text less than three days apart:
//     the second is rejected when its time comes (pillar refuses it now).
//
// The profile is the request's Profile-Key, not a column, so each channel
// gets a file of its own, to upload with that channel's profile key.
var ayrshare = importer{
	name: "Ayrshare",
	step: time.Second,
	lead: 0,
}

// ayrshareColumns are the fields, exactly as the page names them.
var ayrshareColumns = []string{"post", "platforms", "mediaUrls", "scheduleDate"}

// ayrshareRepeat is how close two posts with the same text may not be.
const ayrshareRepeat = 72 * time.Hour

// ayrsharePlatform is the name Ayrshare's platforms field gives a
// platform: its example names X twitter.
func ayrsharePlatform(p string) string {
	switch p = strings.ToLower(p); p {
	case "x":
		return "twitter"
	}
	return p
}

// buildAyrshare writes ayrshare-<channel>-001.csv files: RFC 4180 with
// CRLF line endings, UTF-8 without a byte order mark.
func buildAyrshare(ds []drafts.Draft, x *run) []file {
	order, runs := ayrshare.channelRuns(ds, x)
	var files []file
	for _, ch := range order {
		platform := ayrsharePlatform(x.channel(ch).Platform)
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.UseCRLF = true
		w.Write(ayrshareColumns)
		last := map[string]scheduled{} // the previous post with each text
		for _, r := range runs[ch] {
			if p, ok := last[r.d.Text]; ok && r.at.Sub(p.at) < ayrshareRepeat {
				x.refuse(r.d, "has the same text as the draft at %s:%d, less than three days before it, and Ayrshare rejects the second of two such posts; change the text or move one", p.d.File, p.d.Line)
			}
			last[r.d.Text] = r
			formulaText(x, r.d, ayrshare.name)
			media := ""
			if len(r.d.Media) > 0 {
				if m := r.d.Media[0].URL; fetchable(m) {
					media = m
				} else {
					x.warn(r.d, "media %s is not a URL Ayrshare can fetch, so it is left out of mediaUrls; put the file at a public https address, or attach it in Ayrshare", m)
				}
			}
			notCarried(x, r.d, ayrshare.name, 0, 1)
			w.Write([]string{lineBreaks.Replace(r.d.Text), platform, media, r.at.UTC().Format("2006-01-02T15:04:05Z")})
		}
		w.Flush()
		files = append(files, file{name: fileName("ayrshare", ch, 1), data: b.Bytes()})
	}
	return files
}
