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
	var in interner
	st, err := audit.ReadDrafts(r, name, opt.Audit, func(row *audit.DraftRow) error {
		fromRow(&d, name, row, opt.Zone, &in)
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
func fromRow(d *Draft, name string, row *audit.DraftRow, zone func(string) *time.Location, in *interner) {
	// The slices of the last draft are reused: the Draft is valid only
	// during the callback.
	links, media, partners := d.Links[:0], d.Media[:0], d.Partners[:0]
	*d = Draft{File: name, Line: int(row.Line)}
	d.ID = string(row.ID)
	if d.ID == "" {
		d.ID = fmt.Sprintf("line %d", row.Line)
	}
	d.Channel = in.get(row.Channel)
	d.At = row.ScheduledAt
	if row.Local {
		d.At = placeLocal(d.At, d.Channel, zone)
	}
	d.Text = string(row.Text)
	d.TextEscapes = append(d.TextEscapes[:0], row.TextEscapes...)
	d.Pillar, d.Tactic, d.Campaign = in.get(row.Pillar), in.get(row.Tactic), in.get(row.Campaign)
	d.Links = appendFields(links, row.Link, isSpace)
	d.Media = mediaOf(media, row.Media, string(row.Alt))
	d.Status = in.get(row.Status)
	if !isLower(d.Status) {
		d.Status = strings.ToLower(d.Status)
	}
	d.Owner = in.get(row.Owner)
	d.Partners = appendFields(partners, row.Partners, func(r rune) bool { return isSpace(r) || r == ',' || r == ';' })
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

// appendFields appends a cell's non-empty pieces to out.
func appendFields(out []string, b []byte, sep func(rune) bool) []string {
	start := -1
	for i, r := range string(b) {
		if sep(r) {
			if start >= 0 {
				out = append(out, string(b[start:i]))
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, string(b[start:]))
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func isMediaSep(r rune) bool { return isSpace(r) || r == '|' }

// mediaOf pairs media URLs with their alt texts: one alt text for one
// medium, else one per medium separated by '|'. Alt text without media is
// kept on an entry without a URL, so a rule can still see it.
func mediaOf(out []Media, urls []byte, alt string) []Media {
	alt = strings.TrimSpace(alt)
	n := 0
	start := -1
	for i, r := range string(urls) {
		if isMediaSep(r) {
			if start >= 0 {
				out = append(out, Media{URL: string(urls[start:i])})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, Media{URL: string(urls[start:])})
	}
	n = len(out)
	switch {
	case n == 0 && alt == "":
		return nil
	case n == 0:
		return append(out, Media{Alt: alt})
	case n == 1:
		out[0].Alt = alt
		return out
	}
	for i := range out {
		a, rest, _ := strings.Cut(alt, "|")
		out[i].Alt = strings.TrimSpace(a)
		alt = rest
	}
	return out
}

// interner shares one string among the drafts of a file for the values
// that repeat from row to row (channel, pillar, status, owner), so a
// 100,000-row sheet does not allocate them 100,000 times. It holds at
// most maxInterned values, so a hostile file of distinct values costs no
// more than a plain conversion.
type interner struct{ m map[string]string }

const maxInterned = 1024

func (in *interner) get(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if in.m == nil {
		in.m = map[string]string{}
	}
	if len(in.m) < maxInterned && len(s) <= 64 {
		in.m[s] = s
	}
	return s
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return false
		}
	}
	return true
}
