// Package drafts checks the posts a team has drafted, before they go out,
// against the strategy and its plan: the pre-flight check that complements
// the audit's post-flight one. Drafts come from a content-calendar sheet
// (CSV or JSON Lines, read with the audit's readers and mappings) or from a
// folder of Markdown posts with YAML front matter.
package drafts

import (
	"time"
	"unicode/utf8"
)

// Field names a part of a draft, so a finding can point at the cell or
// front-matter key it is about.
type Field int

// The fields of a draft, in canonical column order.
const (
	FieldID Field = iota
	FieldChannel
	FieldAt
	FieldText
	FieldPillar
	FieldTactic
	FieldCampaign
	FieldLink
	FieldMedia
	FieldAlt
	FieldStatus
	FieldOwner
	FieldPartners
	NumFields
)

var fieldNames = [NumFields]string{
	"id", "channel", "scheduled_at", "text", "pillar", "tactic", "campaign",
	"link", "media", "alt_text", "status", "owner", "partners",
}

// String returns the field's canonical column (or front-matter key) name.
func (f Field) String() string {
	if f < 0 || f >= NumFields {
		return "field?"
	}
	return fieldNames[f]
}

// Position is a place in a drafts file: a 1-based line and a 1-based
// column counted in Unicode code points, as in validate's findings. The
// zero Position means "not known" (the field was absent).
type Position struct {
	Line   int
	Column int
}

// Status values a draft may have. An empty status counts as StatusDraft.
const (
	StatusIdea     = "idea"
	StatusDraft    = "draft"
	StatusApproved = "approved"
)

// Media is one image or video attached to a draft.
type Media struct {
	// URL is where the file is, as the sheet or front matter gives it.
	URL string
	// Alt is its alternative text; empty when none was written.
	Alt string
}

// Draft is one drafted post. Drafts are streamed to the checks one at a
// time and not kept, so memory grows with the plan, not with the drafts.
type Draft struct {
	// File is the drafts file (or Markdown post) as the user named it.
	File string
	// Line is where the draft starts: its row in a sheet (the header is
	// line 1), its record in JSON Lines, line 1 of a Markdown post.
	Line int
	// ID is the draft's id column; for a Markdown post, its front
	// matter's id or else the file's name.
	ID string
	// Channel is the channel id.
	Channel string
	// At is when the post is scheduled, in the channel's timezone. A time
	// written without an offset was read in that zone with the planner's
	// rules for daylight saving time.
	At time.Time
	// Text is the post's text: the caption, or a Markdown post's body.
	Text string
	// Pillar, Tactic and Campaign are the ids the draft declares; empty
	// when it does not say.
	Pillar, Tactic, Campaign string
	// Links are the URLs the draft links to (the link column; a
	// Markdown post's link or links key).
	Links []string
	// Media are the attached images and videos with their alt text.
	Media []Media
	// Status is idea, draft or approved; empty when the sheet does not
	// say.
	Status string
	// Owner is who is responsible for the draft.
	Owner string
	// Partners are the partner handles the draft names, with their @.
	Partners []string
	// Pos is where each field is in the file; the zero Position for a
	// field the draft does not have.
	Pos [NumFields]Position
	// TextEscapes are the offsets in Text, in order, at which the file
	// has one character more than Text: the first quote of each "" in a
	// quoted CSV cell. TextPos counts them, so a column inside the text is
	// the file's.
	TextEscapes []int
}

// TextPos returns the position of the byte offset off within Text: the
// text starts at Pos[FieldText], a new line starts at column 1, columns
// count code points, and each of TextEscapes adds the column the file's
// extra quote takes. It lets a finding point at a word inside a
// multi-line cell or a Markdown body. Without a known text position it
// returns the draft's own line. For many positions in text order, a
// TextCursor finds each from the one before.
func (d *Draft) TextPos(off int) Position {
	var c TextCursor
	return c.At(d, off)
}

// TextCursor is TextPos made incremental: asked for offsets in increasing
// order within one draft, it walks the text once, so a text with many
// findings costs linear time rather than quadratic. An earlier offset or
// another draft starts it over. The zero TextCursor is ready to use.
type TextCursor struct {
	d   *Draft
	off int
	p   Position
	esc int // the next of d.TextEscapes
}

// At returns d.TextPos(off).
func (c *TextCursor) At(d *Draft, off int) Position {
	if d.Pos[FieldText].Line == 0 {
		return Position{Line: d.Line, Column: 1}
	}
	if c.d != d || off < c.off {
		*c = TextCursor{d: d, p: d.Pos[FieldText]}
	}
	off = min(off, len(d.Text))
	for c.off < off {
		r, n := utf8.DecodeRuneInString(d.Text[c.off:])
		if n > off-c.off {
			break // off points inside a rune: stop at its start
		}
		for c.esc < len(d.TextEscapes) && d.TextEscapes[c.esc] <= c.off {
			if d.TextEscapes[c.esc] == c.off {
				c.p.Column++ // the file's extra quote before this one
			}
			c.esc++
		}
		if r == '\n' {
			c.p.Line++
			c.p.Column = 1
		} else {
			c.p.Column++
		}
		c.off += n
	}
	return c.p
}
