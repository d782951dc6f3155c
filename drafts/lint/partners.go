package lint

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// influencer is what the partner rules need of one.
type influencer struct {
	handle   string
	platform string
	paid     bool
	contract *strategy.Period
	cap      int
}

// named is an influencer a draft names, and where first.
type named struct {
	inf   int
	pos   drafts.Position
	len   int
	field bool // named in the partners field, not in the text
}

// prepareInfluencers matches handles and disclosure tags the way the
// audit does (audit/auditor.go): handles lower-cased without their @,
// tags without their #, and a paid partner is an influencer whose
// relationship is paid and whose status is partner.
func (l *Linter) prepareInfluencers() {
	l.handles = make(map[string][]int, len(l.s.Influencers))
	for i, inf := range l.s.Influencers {
		h := foldString(strings.TrimPrefix(strings.TrimSpace(inf.Handle), "@"))
		l.handles[h] = append(l.handles[h], i)
		l.infs = append(l.infs, influencer{
			handle:   inf.Handle,
			platform: inf.Platform,
			paid:     inf.Relationship == "paid" && inf.Status == "partner",
			contract: inf.Contract,
			cap:      inf.MaxMentionsPerMonth,
		})
	}
	l.discTags = map[string]bool{}
	if c := l.s.Community; c != nil {
		var shown []string
		for _, t := range c.DisclosureTags {
			tag := foldString(strings.TrimPrefix(strings.TrimSpace(t), "#"))
			if tag != "" && !l.discTags[tag] {
				l.discTags[tag] = true
				shown = append(shown, "#"+strings.TrimPrefix(strings.TrimSpace(t), "#"))
			}
		}
		l.tagList = strings.Join(shown, ", ")
	}
}

// lookup returns the influencers a handle (without @) names on a
// platform, in a scratch slice valid until the next call; an empty
// platform (a channel the strategy does not have) matches every
// platform, so a misnamed channel never hides a paid partner.
func (l *Linter) lookup(handle, platform string) []int {
	l.scratch = l.scratch[:0]
	for _, r := range handle {
		l.scratch = utf8.AppendRune(l.scratch, fold(r))
	}
	return l.lookupFolded(platform)
}

// lookupBytes is lookup for a handle of the history's mentions column,
// which it does not copy.
func (l *Linter) lookupBytes(handle []byte, platform string) []int {
	l.scratch = l.scratch[:0]
	for _, r := range string(handle) { // ranging over the conversion does not copy
		l.scratch = utf8.AppendRune(l.scratch, fold(r))
	}
	return l.lookupFolded(platform)
}

// lookupFolded is lookup for the folded handle in l.scratch.
func (l *Linter) lookupFolded(platform string) []int {
	l.found = l.found[:0]
	for _, i := range l.handles[string(l.scratch)] {
		if platform == "" || l.infs[i].platform == platform {
			l.found = append(l.found, i)
		}
	}
	return l.found
}

// isNamed reports whether the draft has named influencer i already.
func (l *Linter) isNamed(i int) bool {
	for _, m := range l.named {
		if m.inf == i {
			return true
		}
	}
	return false
}

// checkPartners finds the influencers a draft names (its text's
// @mentions, then its partners field), reports a paid partner named
// without a disclosure tag, and counts the mentions toward the caps.
func (l *Linter) checkPartners(d *drafts.Draft, emit func(schema.Diagnostic)) {
	if len(l.infs) == 0 {
		return
	}
	platform := l.platform[d.Channel]
	l.named = l.named[:0]
	for _, m := range l.sc.mentions {
		for _, i := range l.lookup(d.Text[m.start:m.end], platform) {
			if !l.isNamed(i) {
				// A position is worked out only for an influencer's
				// first mention.
				p, n := l.atText(d, m.start-1, m.end)
				l.named = append(l.named, named{inf: i, pos: p, len: n})
			}
		}
	}
	for _, h := range d.Partners {
		p, n := atField(d, drafts.FieldPartners, h, len(d.Partners) == 1)
		h = strings.TrimLeft(strings.TrimSpace(h), "@")
		for _, i := range l.lookup(h, platform) {
			if !l.isNamed(i) {
				l.named = append(l.named, named{inf: i, pos: p, len: n, field: true})
			}
		}
	}
	if len(l.named) == 0 {
		return
	}
	if l.on(ruleDisclosure) {
		day := strategy.DateOf(d.At)
		for _, n := range l.named {
			inf := &l.infs[n.inf]
			if !inf.paid || !d.At.IsZero() && inf.contract != nil && (day.Before(inf.contract.From) || inf.contract.To.Before(day)) {
				continue
			}
			if l.disclosed(d.Text) {
				break
			}
			where := "mentions the paid partner " + inf.handle
			if n.field {
				where = "names the paid partner " + inf.handle + " in its partners"
			}
			hint := "Add one of the disclosure tags (" + l.tagList + ") to the text: paid partnerships must be disclosed in the post."
			if l.tagList == "" {
				hint = "Disclose the partnership in the post, and list the tags you use (e.g. #ad, #annonse) in community.disclosure_tags so pillar can check them."
			}
			emit(l.finding(ruleDisclosure, d.File, n.pos, n.len, hint, "the draft %s without a disclosure tag", where))
			break // one finding a draft: one tag discloses every partner
		}
	}
	if l.on(ruleCap) && !d.At.IsZero() {
		for _, n := range l.named {
			if l.infs[n.inf].cap > 0 {
				l.count(n.inf, d.At, true, capRef{file: d.File, id: d.ID, pos: n.pos, len: n.len})
			}
		}
	}
}

// disclosed reports whether the text carries a disclosure tag as a
// hashtag: a # directly followed by the tag, whole.
func (l *Linter) disclosed(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] != '#' {
			continue
		}
		j := i + 1
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) && !isSolo(r) {
				break
			}
			j += n
		}
		if j > i+1 {
			l.scratch = l.scratch[:0]
			for _, r := range text[i+1 : j] {
				l.scratch = utf8.AppendRune(l.scratch, fold(r))
			}
			if l.discTags[string(l.scratch)] {
				return true
			}
		}
		i = j - 1
	}
	return false
}

// Published records a post already published (from the audit's post
// history, --posts) for the influencer caps. mentions is the history's
// mentions column: handles separated by spaces, commas or semicolons. A
// post on a channel the strategy does not have is not counted, as the
// audit does not count it.
func (l *Linter) Published(at time.Time, channel string, mentions []byte) {
	platform, ok := l.platform[channel]
	if !ok || len(l.infs) == 0 || !l.on(ruleCap) {
		return
	}
	l.named = l.named[:0]
	for len(mentions) > 0 {
		i := 0
		for i < len(mentions) && !isHandleSep(mentions[i]) {
			i++
		}
		tok := mentions[:i]
		mentions = mentions[min(i+1, len(mentions)):]
		for len(tok) > 0 && tok[0] == '@' {
			tok = tok[1:]
		}
		if len(tok) == 0 {
			continue
		}
		for _, i := range l.lookupBytes(tok, platform) {
			if !l.isNamed(i) {
				l.named = append(l.named, named{inf: i})
			}
		}
	}
	for _, n := range l.named {
		if l.infs[n.inf].cap > 0 {
			l.count(n.inf, at, false, capRef{})
		}
	}
}

func isHandleSep(c byte) bool { return c == ' ' || c == ',' || c == ';' || c == '\t' }

// capKey is one influencer in one calendar month.
type capKey struct{ inf, month int }

// capCell counts one influencer's mentions in one month. It keeps the
// earliest cap mentions (a max-heap, latest on top) and the earliest
// draft not among them, which is the draft that goes over the cap:
// memory per cell is bounded by the cap, whatever the number of drafts.
// Mentions are kept by value, so counting allocates only as a heap grows.
type capCell struct {
	cap               int
	drafts, published int
	early             []capEvent
	over              capEvent
	hasOver           bool
}

// capEvent is one mention: a draft's (ref set) or a published post's.
type capEvent struct {
	t     int64
	seq   int
	draft bool
	ref   capRef
}

// capRef is where a draft names the influencer.
type capRef struct {
	file, id string
	pos      drafts.Position
	len      int
}

// before orders mentions by time; at the same second a published post
// comes first, then drafts in the order they were read.
func (e *capEvent) before(f *capEvent) bool {
	if e.t != f.t {
		return e.t < f.t
	}
	if e.draft != f.draft {
		return !e.draft
	}
	return e.seq < f.seq
}

// push adds e to the heap.
func (c *capCell) push(e capEvent) {
	h := append(c.early, e)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h[p].before(&h[i]) {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
	c.early = h
}

// replaceTop puts e in place of the latest mention kept.
func (c *capCell) replaceTop(e capEvent) {
	h := c.early
	h[0] = e
	for i := 0; ; {
		l, r, top := 2*i+1, 2*i+2, i
		if l < len(h) && h[top].before(&h[l]) {
			top = l
		}
		if r < len(h) && h[top].before(&h[r]) {
			top = r
		}
		if top == i {
			return
		}
		h[i], h[top] = h[top], h[i]
		i = top
	}
}

// count adds a mention of influencer i at t: a draft's, at ref, when
// draft is set.
func (l *Linter) count(i int, t time.Time, draft bool, ref capRef) {
	lt := t.In(l.brandLoc)
	k := capKey{inf: i, month: lt.Year()*12 + int(lt.Month()) - 1}
	c := l.caps[k]
	if c == nil {
		c = &capCell{cap: l.infs[i].cap}
		l.caps[k] = c
	}
	l.seq++
	e := capEvent{t: t.Unix(), seq: l.seq, draft: draft, ref: ref}
	if draft {
		c.drafts++
	} else {
		c.published++
	}
	if len(c.early) < c.cap {
		c.push(e)
		return
	}
	out := e
	if e.before(&c.early[0]) {
		out = c.early[0]
		c.replaceTop(e)
	}
	if out.draft && (!c.hasOver || out.before(&c.over)) {
		c.over, c.hasOver = out, true
	}
}

// Finish reports what can be judged only once every draft is seen: for
// each influencer and month over the cap, the first draft (in time)
// beyond it. Months where only the published posts went over are the
// audit's to report.
func (l *Linter) Finish(emit func(schema.Diagnostic)) {
	keys := make([]capKey, 0, len(l.caps))
	for k, c := range l.caps {
		if c.hasOver {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.inf != b.inf {
			return a.inf < b.inf
		}
		return a.month < b.month
	})
	for _, k := range keys {
		c := l.caps[k]
		inf := l.infs[k.inf]
		ref := c.over.ref
		month := fmt.Sprintf("%04d-%02d", k.month/12, k.month%12+1)
		counted := fmt.Sprintf("%d in drafts", c.drafts)
		if c.published > 0 {
			counted += fmt.Sprintf(", %d published", c.published)
		}
		hint := fmt.Sprintf("Move this mention to another month or drop it: mentioning the same account too often reads as spam. The cap is %s's max_mentions_per_month.", inf.handle)
		emit(l.finding(ruleCap, ref.file, ref.pos, ref.len, hint,
			"%s is mentioned %d times in %s (%s), over the cap of %d a month; this draft is the first over it",
			inf.handle, c.drafts+c.published, month, counted, c.cap))
	}
}
