package lint

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/platform"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// DefaultApproveWithin is how long before its time a draft must be
// approved when neither the strategy (drafts.approve_within) nor Options
// says: three days leave a weekend and a working day to review it.
const DefaultApproveWithin = 3 * 24 * time.Hour

// Options are the inputs of the rules besides the strategy.
type Options struct {
	// Now is the clock the status rules measure against; the caller
	// injects it (the CLI's --today), so results never depend on when
	// they run. The zero time switches the status rules off.
	Now time.Time
	// ApproveWithin overrides the strategy's drafts.approve_within; 0
	// keeps the strategy's, or DefaultApproveWithin when it has none.
	ApproveWithin time.Duration
}

// Linter runs the per-draft content rules of one strategy. New does all
// the preparation (folded word lists, handle tables, the UTM convention),
// so Check costs time linear in a draft's text and allocates only for
// findings. A Linter keeps scratch buffers and mention counts, so it is
// not safe for concurrent use.
type Linter struct {
	s             *strategy.Strategy
	now           time.Time
	approveWithin time.Duration
	sev           [numRules]schema.Severity

	words *wordList

	platform map[string]string          // channel id → platform
	limits   map[string]platform.Limits // channel id → its network's limits with its overrides
	brandLoc *time.Location

	handles  map[string][]int // folded handle without @ → influencers
	infs     []influencer
	discTags map[string]bool // folded tag without #
	tagList  string          // the tags as written, for messages

	utm *utmRule

	caps    map[capKey]*capCell
	seq     int
	sc      scan
	cur     drafts.TextCursor
	named   []named // influencers the draft names, once each
	found   []int   // influencers a handle names
	scratch []byte
	want    []byte // a UTM value with its placeholders filled
}

// New prepares the rules for a strategy. The strategy's rules map
// re-grades the rules by id (off switches one off), as it does
// validate's.
func New(s *strategy.Strategy, opt Options) *Linter {
	l := &Linter{s: s, now: opt.Now, approveWithin: opt.ApproveWithin, platform: map[string]string{}, limits: map[string]platform.Limits{}, caps: map[capKey]*capCell{}}
	for i, r := range catalog {
		l.sev[i] = r.Severity
		if v, ok := s.Rules[r.ID]; ok {
			if sev, ok := schema.ParseSeverity(v); ok {
				l.sev[i] = sev
			}
		}
	}
	if l.approveWithin <= 0 {
		l.approveWithin = DefaultApproveWithin
		if s.Drafts != nil && s.Drafts.ApproveWithin > 0 {
			l.approveWithin = s.Drafts.ApproveWithin.Std()
		}
	}
	var avoid, use []string
	var hints map[string]string
	if p := s.Personality; p != nil && p.Voice != nil {
		avoid, use, hints = p.Voice.WordsToAvoid, p.Voice.WordsToUse, p.Voice.AvoidHints
	}
	fallback := "Rephrase it: the voice guide (personality.voice.words_to_avoid) lists it."
	if len(use) > 0 {
		fallback = "Rephrase it in the brand's voice, which uses words such as " + quoteList(use, 5) + "."
	}
	l.words = newWordList(avoid, hints, fallback)
	for _, c := range s.Channels {
		l.platform[c.ID] = c.Platform
		l.limits[c.ID] = platform.For(c.Platform, c.Limits)
	}
	l.brandLoc = drafts.Zone(s)("") // the brand's zone, as the drafts engine reads it
	l.prepareInfluencers()
	l.utm = newUTMRule(s)
	return l
}

// Check runs every per-draft rule on d; each finding goes to emit.
func (l *Linter) Check(d *drafts.Draft, emit func(schema.Diagnostic)) {
	l.sc.reset(d.Text)
	l.cur = drafts.TextCursor{}
	l.checkWords(d, emit)
	l.checkPartners(d, emit)
	l.checkMedia(d, emit)
	l.checkLinks(d, emit)
	l.checkStatus(d, emit)
	l.checkLimits(d, emit)
}

// on reports whether a rule is switched on.
func (l *Linter) on(r rule) bool { return l.sev[r] != schema.Off }

// finding builds a finding of rule r at p, spanning length code points.
func (l *Linter) finding(r rule, file string, p drafts.Position, length int, hint, format string, args ...any) schema.Diagnostic {
	return schema.Diagnostic{
		File: file, Line: p.Line, Column: max(p.Column, 1), Length: max(length, 1),
		Rule: catalog[r].ID, Severity: l.sev[r], Message: fmt.Sprintf(format, args...), Hint: hint,
	}
}

// atText is the position and length (on its line) of text[start:end].
func (l *Linter) atText(d *drafts.Draft, start, end int) (drafts.Position, int) {
	p := l.cur.At(d, start)
	seg := d.Text[start:end]
	if i := strings.IndexByte(seg, '\n'); i >= 0 {
		seg = seg[:i]
	}
	return p, utf8.RuneCountInString(seg)
}

// atField is the position of a field, or the draft's line when the field
// has none, and its length: the value's when the field holds just it.
func atField(d *drafts.Draft, f drafts.Field, value string, only bool) (drafts.Position, int) {
	p := d.Pos[f]
	if p.Line == 0 {
		return drafts.Position{Line: d.Line, Column: 1}, 1
	}
	if only {
		return p, utf8.RuneCountInString(value)
	}
	return p, 1
}

// checkWords reports each word or phrase to avoid the text uses.
func (l *Linter) checkWords(d *drafts.Draft, emit func(schema.Diagnostic)) {
	if !l.on(ruleWord) {
		return
	}
	l.words.find(&l.sc, func(m match) {
		e := &l.words.entries[m.entry]
		hint := e.hint
		if hint == "" {
			hint = l.words.hint
		}
		p, n := l.atText(d, m.start, m.end)
		found := d.Text[m.start:m.end]
		if found == e.text {
			emit(l.finding(ruleWord, d.File, p, n, hint, "%q is one of the voice's words to avoid", found))
			return
		}
		emit(l.finding(ruleWord, d.File, p, n, hint, "%q is one of the voice's words to avoid (%q)", found, e.text))
	})
}

// checkMedia reports media without alt text.
func (l *Linter) checkMedia(d *drafts.Draft, emit func(schema.Diagnostic)) {
	if !l.on(ruleAlt) {
		return
	}
	for i, m := range d.Media {
		if strings.TrimSpace(m.Alt) != "" {
			continue
		}
		f := drafts.FieldAlt
		if d.Pos[f].Line == 0 {
			f = drafts.FieldMedia
		}
		p, n := atField(d, f, m.URL, f == drafts.FieldMedia && len(d.Media) == 1)
		what := "the media"
		if len(d.Media) > 1 {
			what = fmt.Sprintf("media %d of %d", i+1, len(d.Media))
		}
		if m.URL != "" {
			what += " (" + m.URL + ")"
		}
		emit(l.finding(ruleAlt, d.File, p, n, catalog[ruleAlt].Help, "%s has no alt text", what))
	}
}

// quoteList writes up to most items quoted, for a hint.
func quoteList(items []string, most int) string {
	var b strings.Builder
	for i, s := range items {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(items)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", s)
	}
	return b.String()
}
