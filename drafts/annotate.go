package drafts

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
)

// leadRunes is how much of a draft's text a calendar shows.
const leadRunes = 60

// Annotate writes into each slot's brief which draft fills it, or that
// none does yet, so every calendar format (`pillar plan --drafts`) shows
// it where it shows the brief: "Draft ig-0104: Én blazer, tre måter…", or
// "No draft yet." before the brief of an empty slot. drafts is
// Report.SlotDrafts, one per slot of cal. An annotated slot no longer
// shares its text with others, so its Variant is cleared.
func Annotate(cal *planner.Calendar, drafts []SlotDraft) {
	for i := range cal.Slots {
		if i >= len(drafts) {
			break
		}
		s := &cal.Slots[i]
		s.Variant = 0
		d := drafts[i]
		if d.ID == "" && d.File == "" {
			s.Brief = strings.TrimSpace("No draft yet. " + s.Brief)
			continue
		}
		s.Brief = fmt.Sprintf("Draft %s (%s:%d): %s", d.ID, filepath.Base(d.File), d.Line, d.Lead)
	}
}

// Lead returns the first words of a text, on one line, cut at a word
// boundary near leadRunes with an ellipsis.
func Lead(text string) string {
	words := strings.Fields(text)
	var b strings.Builder
	n := 0
	for i, w := range words {
		wn := utf8.RuneCountInString(w)
		if i > 0 && n+1+wn > leadRunes {
			b.WriteString(" …")
			return b.String()
		}
		if i > 0 {
			b.WriteByte(' ')
			n++
		}
		if wn > leadRunes {
			r := []rune(w)
			b.WriteString(string(r[:leadRunes]) + "…")
			return b.String()
		}
		b.WriteString(w)
		n += wn
	}
	if b.Len() == 0 {
		return "(no text yet)"
	}
	return b.String()
}
