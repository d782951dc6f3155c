package drafts

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/planner"
)

// ReadOptions say how to read a drafts file.
type ReadOptions struct {
	// Audit is how the CSV or JSON Lines file is read: format, mapping,
	// delimiter, encoding and limits, as for the audit's post history.
	Audit audit.ReadOptions
	// Zone returns the time zone of a channel, in which a scheduled time
	// written without a UTC offset is read (the channel's own zone, else
	// the brand's). Nil reads such times in UTC.
	Zone func(channel string) *time.Location
}

// Reject is a row or post that could not be read, and where and why.
type Reject struct {
	// File is the drafts file or Markdown post.
	File string
	// Pos is where the problem is; Column is 0 when only the line is known.
	Pos Position
	// Reason says what is wrong and, where it can, what to do.
	Reason string
}

// ReadFile streams the drafts of a CSV or JSON Lines file to fn, one at a
// time; the Draft is reused, valid only during the call. Rows the reader
// refuses are passed to bad with their line and reason, in file order (at
// most audit.MaxRejectsListed of them; stats count them all). A problem
// with the whole file is an error (*audit.FileError), as is an error fn
// returns.
func ReadFile(r io.Reader, name string, opt ReadOptions, fn func(*Draft) error, bad func(Reject)) (audit.ReadStats, error) {
	var d Draft
	st, err := audit.ReadDrafts(r, name, opt.Audit, func(row *audit.DraftRow) error {
		fromRow(&d, name, row, opt.Zone)
		return fn(&d)
	})
	if bad != nil {
		for _, rj := range st.Rejects {
			bad(Reject{File: name, Pos: Position{Line: int(rj.Line)}, Reason: rj.Reason})
		}
	}
	return st, err
}

// fromRow fills d from a row of the audit's reader.
func fromRow(d *Draft, name string, row *audit.DraftRow, zone func(string) *time.Location) {
	*d = Draft{File: name, Line: int(row.Line)}
	d.ID = string(row.ID)
	if d.ID == "" {
		d.ID = fmt.Sprintf("line %d", row.Line)
	}
	d.Channel = string(row.Channel)
	d.At = row.ScheduledAt
	if row.Local {
		d.At = placeLocal(d.At, d.Channel, zone)
	}
	d.Text = string(row.Text)
	d.Pillar, d.Tactic, d.Campaign = string(row.Pillar), string(row.Tactic), string(row.Campaign)
	d.Links = fieldsOf(row.Link, isSpace)
	d.Media = mediaOf(fieldsOf(row.Media, func(r rune) bool { return isSpace(r) || r == '|' }), string(row.Alt))
	d.Status = strings.ToLower(string(row.Status))
	d.Owner = string(row.Owner)
	d.Partners = fieldsOf(row.Partners, func(r rune) bool { return isSpace(r) || r == ',' || r == ';' })
	for f := Field(0); f < NumFields; f++ {
		c := row.Cells[f]
		d.Pos[f] = Position{Line: c.Line, Column: c.Column}
	}
}

// placeLocal reads the wall clock of t (given in UTC) in the channel's
// zone the way the planner places a slot (planner.Resolve): a time that
// daylight saving skips moves forward by the gap, a repeated one is its
// first occurrence.
func placeLocal(t time.Time, channel string, zone func(string) *time.Location) time.Time {
	loc := time.UTC
	if zone != nil {
		if l := zone(channel); l != nil {
			loc = l
		}
	}
	y, mo, day := t.Date()
	at := planner.Resolve(loc, y, mo, day, t.Hour(), t.Minute())
	return at.Add(time.Duration(t.Second())*time.Second + time.Duration(t.Nanosecond()))
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// fieldsOf splits a cell into its non-empty pieces.
func fieldsOf(b []byte, sep func(rune) bool) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.FieldsFunc(string(b), sep)
}

// mediaOf pairs media URLs with their alt texts: one alt text for one
// medium, else one per medium separated by '|'. Alt text without media is
// kept on an entry without a URL, so a rule can still see it.
func mediaOf(urls []string, alt string) []Media {
	alt = strings.TrimSpace(alt)
	if len(urls) == 0 {
		if alt == "" {
			return nil
		}
		return []Media{{Alt: alt}}
	}
	ms := make([]Media, len(urls))
	alts := []string{alt}
	if len(urls) > 1 {
		alts = strings.Split(alt, "|")
	}
	for i, u := range urls {
		ms[i].URL = u
		if i < len(alts) {
			ms[i].Alt = strings.TrimSpace(alts[i])
		}
	}
	return ms
}
