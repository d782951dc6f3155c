package export

import (
	"bytes"
	"encoding/csv"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
)

// sproutSource is Sprout Social's page on bulk scheduling, which this
// format follows.
const sproutSource = "https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling"

var sproutFormat = Format{
	Name:    "sprout",
	Summary: "Sprout Social bulk scheduling: a CSV per channel, at most 350 posts each; choose the dd/mm/yyyy date format when importing",
	Source:  sproutSource,
}

// sprout is what Sprout Social's bulk scheduling page
// (https://support.sproutsocial.com/hc/en-us/articles/115005864203-How-do-I-use-bulk-scheduling)
// says about an import:
//
//   - up to 350 messages in one import (50 for a trial account, which
//     pillar cannot tell: pillar splits at 350);
//   - the column headers date, time_24hr and message_text are required,
//     exactly so (they are case sensitive);
//   - date is dd/mm/yyyy or mm/dd/yyyy, as the import's preference says
//     (pillar writes dd/mm/yyyy, so choose that one);
//   - time_24hr is a 24-hour time (pillar writes HH:MM, so a time with
//     seconds is rounded up to the next minute, with a warning);
//   - messages must be at least 10 minutes apart from one another, and at
//     least 10 minutes after the upload (pillar checks against Now; upload
//     soon after exporting);
//   - the message text cannot exceed the network's character count (the
//     drafts checks count it).
//
// The file has no column for the profile, so each channel gets files of
// its own, to import into that channel's profile; the times are the
// channel's local wall-clock times, so the Sprout user importing them
// should be in the channel's timezone. The required columns carry no
// media and no link outside the text: those get a warning, to add them in
// Sprout.
var sprout = importer{
	name: "Sprout Social",
	step: time.Minute,
	lead: 10 * time.Minute,
	gap:  10 * time.Minute,
	rows: 350,
}

// sproutColumns are the required column headers, exactly as the page
// writes them.
var sproutColumns = []string{"date", "time_24hr", "message_text"}

// buildSprout writes sprout-<channel>-NNN.csv files: RFC 4180 with CRLF
// line endings, UTF-8 without a byte order mark (which would become part
// of the first, case-sensitive header), the header row and one row per
// draft.
func buildSprout(ds []drafts.Draft, x *run) []file {
	order, runs := sprout.channelRuns(ds, x)
	var files []file
	for _, ch := range order {
		for n, part := range sprout.chunks(runs[ch]) {
			var b bytes.Buffer
			w := csv.NewWriter(&b)
			w.UseCRLF = true
			w.Write(sproutColumns)
			for _, r := range part {
				formulaText(x, r.d, sprout.name)
				notCarried(x, r.d, sprout.name, 0, 0)
				w.Write([]string{r.at.Format("02/01/2006"), r.at.Format("15:04"), lineBreaks.Replace(r.d.Text)})
			}
			w.Flush()
			files = append(files, file{name: fileName("sprout", ch, n+1), data: b.Bytes()})
		}
	}
	return files
}
