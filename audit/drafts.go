package audit

import (
	"io"
	"time"
)

// This file is the third kind of file the readers know, after post
// history and mention logs: a drafts file, the content calendar of posts
// not yet published (package drafts checks them). It shares the CSV and
// JSON Lines readers, mappings, --map and the rejected-row accounting.

// draftColumns are the canonical columns of a drafts file, in the order
// of package drafts' fields.
var draftColumns = []string{"id", "channel", "scheduled_at", "text", "pillar", "tactic", "campaign", "link", "media", "alt_text", "status", "owner", "partners"}

// Column indexes of the drafts schema, in the order of draftColumns.
const (
	dID = iota
	dChannel
	dAt
	dText
	dPillar
	dTactic
	dCampaign
	dLink
	dMedia
	dAlt
	dStatus
	dOwner
	dPartners
	// NumDraftColumns is the number of canonical drafts columns.
	NumDraftColumns
)

// DraftColumns returns the canonical columns of a drafts file, in order:
// Cells is indexed by them.
func DraftColumns() []string { return append([]string(nil), draftColumns...) }

// draftSchema requires the channel, the time and a text column. The id is
// optional (a sheet row has its line); the text may be empty in a row (an
// idea not written yet), but the column must be there, or the file is
// not a content calendar.
var draftSchema = schema{
	noun:     "drafts file",
	cols:     draftColumns,
	required: []bool{dChannel: true, dAt: true, dText: true, NumDraftColumns - 1: false},
	mapping: func(m *Mapping) map[string]string {
		if m == nil {
			return nil
		}
		return m.Drafts
	},
	channel:    dChannel,
	localTimes: true,
	cells:      true,
	lists:      []int{dLink, dMedia, dAlt, dPartners},
}

// listSep is how a JSON Lines list of column c is joined into one value:
// alt texts with '|' (they hold spaces), the others with a space. The
// drafts package splits them the same way.
func (s *schema) listSep(c int) byte {
	if s == &draftSchema && c == dAlt {
		return '|'
	}
	return ' '
}

// Cell is where a value starts in a drafts file: a 1-based line and a
// 1-based column counted in code points. The zero Cell means the row has
// no such value.
type Cell struct {
	Line, Column int
}

// DraftRow is one readable row of a drafts file. Its byte slices point
// into the reader's buffer and are valid only during the callback; copy
// what you keep.
type DraftRow struct {
	// Line is where the row starts (the header is line 1).
	Line int64
	// ID is the draft's id; empty when the file has none.
	ID []byte
	// Channel is the channel id, after the mapping's renames.
	Channel []byte
	// ScheduledAt is when the draft is to go out. When Local is set, the
	// time had no UTC offset and the mapping names no zone: its wall
	// clock is given in UTC, for the caller to place in the channel's
	// zone.
	ScheduledAt time.Time
	// Local says ScheduledAt is a wall-clock time still to be placed.
	Local bool
	// Text is the caption.
	Text []byte
	// Pillar, Tactic and Campaign are the declared ids; may be empty.
	Pillar, Tactic, Campaign []byte
	// Link holds the links, separated by spaces (a list in JSON Lines is
	// joined that way).
	Link []byte
	// Media holds the media URLs, separated by spaces.
	Media []byte
	// Alt holds the alt texts; for several media, separated by '|'.
	Alt []byte
	// Status is idea, draft or approved as written; may be empty.
	Status []byte
	// Owner is who is responsible; may be empty.
	Owner []byte
	// Partners holds partner handles, separated by spaces or commas.
	Partners []byte
	// Cells says where each canonical column's value starts, indexed in
	// DraftColumns order; CSV gives the cell's line and column, JSON Lines
	// the value's.
	Cells [NumDraftColumns]Cell
	// TextEscapes are the offsets in Text at which the file has one more
	// character than Text (the first quote of a CSV "" escape), in order,
	// so a position inside the text can be mapped back to its column.
	// JSON Lines escapes are not listed: positions inside a JSON string
	// with escapes are approximate.
	TextEscapes []int
}

// ReadDrafts streams a drafts file to fn the way ReadPosts streams post
// history: one valid row at a time, the others counted and listed in the
// stats with their reason. A row needs a channel and a scheduled_at; a
// scheduled_at without a UTC offset is passed on as a local time (see
// DraftRow.Local) unless the mapping names the file's time zone.
func ReadDrafts(r io.Reader, name string, opt ReadOptions, fn func(*DraftRow) error) (ReadStats, error) {
	rd, err := newReader(r, name, opt, &draftSchema)
	if err != nil {
		return rd.stats, err
	}
	var d DraftRow
	err = rd.run(func(line int64) (bool, error) {
		if !rd.draft(&d) {
			return false, nil
		}
		d.Line = line
		copy(d.Cells[:], rd.cells[:NumDraftColumns])
		d.TextEscapes = rd.textEscapes
		return true, fn(&d)
	})
	return rd.stats, err
}

// draft converts the current row's values into d.
func (rd *reader) draft(d *DraftRow) bool {
	var ok bool
	if d.ID, ok = rd.text(dID, true); !ok {
		return false
	}
	if d.Channel, ok = rd.channelValue(dChannel); !ok {
		return false
	}
	if d.ScheduledAt, ok = rd.time(dAt, true); !ok {
		return false
	}
	d.Local = rd.times.wasLocal
	if d.Text, ok = rd.text(dText, false); !ok {
		return false
	}
	for _, f := range []struct {
		dst *[]byte
		col int
	}{
		{&d.Pillar, dPillar}, {&d.Tactic, dTactic}, {&d.Campaign, dCampaign}, {&d.Link, dLink},
		{&d.Media, dMedia}, {&d.Alt, dAlt}, {&d.Status, dStatus}, {&d.Owner, dOwner}, {&d.Partners, dPartners},
	} {
		if *f.dst, ok = rd.text(f.col, true); !ok {
			return false
		}
	}
	return true
}
