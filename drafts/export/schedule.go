package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/internal/csvcell"
)

// importer is what a scheduler's bulk import documents about times and
// files; the rules every scheduler format shares apply it.
type importer struct {
	// name is the scheduler's name, for messages.
	name string
	// step is the time granularity: a time off it is rounded up to the
	// next step, with a warning, since the scheduler would refuse or move
	// it.
	step time.Duration
	// lead is how long after the upload the first post may be at the
	// soonest; a draft earlier than Now plus lead is refused.
	lead time.Duration
	// gap is the least time between two posts of one channel; 0 allows
	// two at the same time. A gap equal to step means one post a slot.
	gap time.Duration
	// rows is the most rows a file may hold; 0 means no limit.
	rows int
}

// scheduled is a draft with the time the scheduler gets.
type scheduled struct {
	d  *drafts.Draft
	at time.Time
}

// channelRuns groups the drafts by channel, in the order of each
// channel's first draft, and applies the importer's rules: a channel the
// strategy lacks, a draft without a time, a time too soon and two posts
// closer than the gap are refused, and so is an approved draft without
// text; a draft whose status says it is not approved (an idea, a draft) is
// left out with a warning, since a scheduler publishes what it imports (a
// sheet without a status column is taken as approved); a time off the step
// is rounded up with
// a warning. A scheduler's file names no profile, so each channel's drafts
// go to files of their own, which the user uploads to that channel's
// profile.
func (im importer) channelRuns(ds []drafts.Draft, x *run) (order []string, runs map[string][]scheduled) {
	runs = map[string][]scheduled{}
	for i := range ds {
		d := &ds[i]
		if x.channel(d.Channel) == nil {
			x.refuse(d, "channel %q is not in the strategy, so pillar cannot tell which %s profile it is; fix the channel", d.Channel, im.name)
			continue
		}
		if !safeName(d.Channel) {
			x.refuse(d, "channel %q cannot name a file; use a channel id of lowercase letters, digits, - and _", d.Channel)
			continue
		}
		if d.At.IsZero() {
			x.refuse(d, "has no scheduled time, and %s's import needs one; give it one", im.name)
			continue
		}
		if d.Status != "" && d.Status != drafts.StatusApproved {
			x.warn(d, "left out: it is %s, not approved, and %s publishes what it imports; set its status to approved to export it", d.Status, im.name)
			continue
		}
		if strings.TrimSpace(d.Text) == "" {
			x.refuse(d, "has no text: %s would schedule an empty post; write the post, or leave the draft out", im.name)
			continue
		}
		at := d.At
		if r := roundUp(at, im.step); !r.Equal(at) {
			x.warn(d, "%s takes times in steps of %s: %s is written as %s", im.name, stepText(im.step), clock(at), clock(r))
			at = r
		}
		if !x.opt.Now.IsZero() && at.Before(x.opt.Now.Add(im.lead)) {
			now := clock(x.opt.Now.In(at.Location()))
			if im.lead == 0 {
				x.refuse(d, "is at %s, before now (%s): %s imports only future posts; move it or publish it by hand", clock(at), now, im.name)
			} else {
				x.refuse(d, "is at %s, less than %s after now (%s): %s imports only posts at least %s ahead; move it or publish it by hand",
					clock(at), stepText(im.lead), now, im.name, stepText(im.lead))
			}
			continue
		}
		prev := runs[d.Channel]
		if n := len(prev); n > 0 && im.gap > 0 && at.Sub(prev[n-1].at) < im.gap {
			p := prev[n-1]
			when := stepText(at.Sub(p.at)) + " after"
			if at.Equal(p.at) {
				when = "the same time as"
			}
			x.refuse(d, "is at %s, %s the draft at %s:%d on %s: %s needs %s between two posts of a profile; move one",
				clock(at), when, p.d.File, p.d.Line, d.Channel, im.name, stepText(im.gap))
			continue
		}
		if len(prev) == 0 {
			order = append(order, d.Channel)
		}
		runs[d.Channel] = append(prev, scheduled{d: d, at: at})
	}
	return order, runs
}

// chunks splits a channel's drafts into files of at most im.rows rows.
func (im importer) chunks(rs []scheduled) [][]scheduled {
	if im.rows <= 0 || len(rs) <= im.rows {
		return [][]scheduled{rs}
	}
	var out [][]scheduled
	for len(rs) > im.rows {
		out = append(out, rs[:im.rows])
		rs = rs[im.rows:]
	}
	return append(out, rs)
}

// fileName is the name of a scheduler format's n-th file (from 1) for a
// channel: format-channel-001.csv.
func fileName(format, channel string, n int) string {
	return fmt.Sprintf("%s-%s-%03d.csv", format, channel, n)
}

// notCarried warns about the parts of a draft a scheduler's file has no
// place for, so the user adds them in the scheduler: links not already in
// the text, media beyond the ones written, and the alt text of the ones
// written (none of these formats has a column for it).
func notCarried(x *run, d *drafts.Draft, scheduler string, linksWritten, mediaWritten int) {
	for _, l := range d.Links[min(linksWritten, len(d.Links)):] {
		if !strings.Contains(d.Text, l) {
			x.warn(d, "link %s is not in the text and %s's file has no place for it; add it in %s", l, scheduler, scheduler)
		}
	}
	for i, m := range d.Media {
		switch {
		case i >= mediaWritten:
			x.warn(d, "media %s is not in %s's file; attach it in %s", m.URL, scheduler, scheduler)
		case m.Alt != "":
			x.warn(d, "the alt text of %s is not in %s's file, which has no place for it; add it in %s", m.URL, scheduler, scheduler)
		}
	}
}

// formulaText warns when a post's text would run as a formula in a
// spreadsheet. A scheduler's file keeps the text as it is, since whatever
// it holds is published, so the file must go to the scheduler unopened.
func formulaText(x *run, d *drafts.Draft, scheduler string) {
	if csvcell.IsFormula(d.Text) {
		x.warn(d, "text starts with %q, which a spreadsheet runs as a formula: upload the file to %s without opening it in a spreadsheet", d.Text[:1], scheduler)
	}
}

// lineBreaks writes every line break of a text cell as LF, which
// encoding/csv writes as CRLF and every CSV reader reads as a line break:
// it would drop a lone CR, and the line would run on.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// roundUp returns t moved forward to the next multiple of step in its
// local wall-clock time (a step of a minute drops the seconds); t on a
// step, or a step of 0, returns t.
func roundUp(t time.Time, step time.Duration) time.Time {
	if step <= 0 {
		return t
	}
	h, m, sec := t.Clock()
	into := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second + time.Duration(t.Nanosecond())
	if rest := into % step; rest != 0 {
		return t.Add(step - rest)
	}
	return t
}

// clock writes a time for messages: 2027-01-04 09:02:30 +01:00.
func clock(t time.Time) string {
	if t.Second() != 0 || t.Nanosecond() != 0 {
		return t.Format("2006-01-02 15:04:05 -07:00")
	}
	return t.Format("2006-01-02 15:04 -07:00")
}

// stepText writes a duration for messages: "5 minutes", "1 minute".
func stepText(d time.Duration) string {
	switch {
	case d == time.Minute:
		return "1 minute"
	case d%time.Minute == 0:
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return d.String()
}

// safeName reports whether a channel id can be part of a file name: the
// strategy schema's id pattern, lowercase letters, digits, - and _.
func safeName(id string) bool {
	if id == "" || len(id) > 100 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || (c == '-' || c == '_') && i > 0) {
			return false
		}
	}
	return true
}
