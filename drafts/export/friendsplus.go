package export

import (
	"bytes"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// friendsplusSource is Friends+Me's page on bulk scheduling, which this
// format follows.
const friendsplusSource = "http://help.friendsplus.me/article/107-bulk-schedule"

var friendsplusFormat = Format{
	Name:    "friendsplus",
	Summary: "Friends+Me bulk schedule: a semicolon-separated file per channel, times on 5-minute steps",
	Source:  friendsplusSource,
}

// friendsplus is what Friends+Me's bulk schedule page
// (http://help.friendsplus.me/article/107-bulk-schedule) says about an
// import:
//
//   - each line is day;month;year;hour;minute;"message", then optionally
//     the URL type ("link" or "photo") and the URL, with no header line
//     (its example has none);
//   - all fields have double quotation marks around them and are separated
//     by semicolons;
//   - times at least 10 minutes after the upload (pillar checks against
//     Now);
//   - posting times end in 5 or 0; other times are rounded up to the next
//     5-minute slot (pillar does that itself, with a warning, so the file
//     says what will happen);
//   - only one message per time slot;
//   - no limit on the number of posts.
//
// The file has no column for the profile, so each channel gets a file of
// its own. A post carries one URL: the first media as a photo, or else the
// first link; what else the draft has gets a warning, to add it in
// Friends+Me.
var friendsplus = importer{
	name: "Friends+Me",
	step: 5 * time.Minute,
	lead: 10 * time.Minute,
	gap:  5 * time.Minute,
}

// quoteInner doubles the quotes inside a quoted field (RFC 4180) and
// writes every line break in it as CRLF, as encoding/csv does for the
// other formats.
var quoteInner = strings.NewReplacer(`"`, `""`, "\r\n", "\r\n", "\r", "\r\n", "\n", "\r\n")

// buildFriendsplus writes friendsplus-<channel>-001.csv files, CRLF line
// endings, UTF-8 without a byte order mark.
func buildFriendsplus(ds []drafts.Draft, x *run) []file {
	order, runs := friendsplus.channelRuns(ds, x)
	var files []file
	for _, ch := range order {
		var b bytes.Buffer
		for _, r := range runs[ch] {
			formulaText(x, r.d, friendsplus.name)
			fields := []string{r.at.Format("02"), r.at.Format("01"), r.at.Format("2006"), r.at.Format("15"), r.at.Format("04"), r.d.Text}
			links, media := 0, 0
			photo := len(r.d.Media) > 0 && fetchable(r.d.Media[0].URL) && !isVideo(r.d.Media[0].URL)
			if len(r.d.Media) > 0 && !photo {
				x.warn(r.d, "media %s is not a photo at a URL Friends+Me can fetch (its file takes photos only), so it is left out; attach it in Friends+Me", r.d.Media[0].URL)
				media = 1 // warned for: notCarried goes on from the second
			}
			switch {
			case photo:
				fields = append(fields, "photo", r.d.Media[0].URL)
				media = 1
			case len(r.d.Links) > 0:
				fields = append(fields, "link", r.d.Links[0])
				links = 1
			}
			notCarried(x, r.d, friendsplus.name, links, media)
			for i, f := range fields {
				if i > 0 {
					b.WriteByte(';')
				}
				b.WriteByte('"')
				b.WriteString(quoteInner.Replace(f))
				b.WriteByte('"')
			}
			b.WriteString("\r\n")
		}
		files = append(files, file{name: fileName("friendsplus", ch, 1), data: b.Bytes()})
	}
	return files
}
