package lint

import (
	"container/heap"
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

// lookup appends the influencers a handle (without @) names on a
// platform; an empty platform (a channel the strategy does not have)
// matches every platform, so a misnamed channel never hides a paid
// partner.
func (l *Linter) lookup(handle, platform string, add func(int)) {
	l.scratch = l.scratch[:0]
	for _, r := range handle {
		l.scratch = utf8.AppendRune(l.scratch, fold(r))
	}
	for _, i := range l.handles[string(l.scratch)] {
		if platform == "" || l.infs[i].platform == platform {
			add(i)
		}
	}
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
	// A position is worked out only for an influencer's first mention.
	addNamed := func(where func() named) func(int) {
		return func(i int) {
			for _, m := range l.named {
				if m.inf == i {
					return
				}
			}
			n := where()
			n.inf = i
			l.named = append(l.named, n)
		}
	}
	for _, m := range l.sc.mentions {
		l.lookup(d.Text[m.start:m.end], platform, addNamed(func() named {
			p, n := l.atText(d, m.start-1, m.end)
			return named{pos: p, len: n}
		}))
	}
	for _, h := range d.Partners {
		p, n := atField(d, drafts.FieldPartners, h, len(d.Partners) == 1)
		h = strings.TrimLeft(strings.TrimSpace(h), "@")
		l.lookup(h, platform, addNamed(func() named { return named{pos: p, len: n, field: true} }))
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
				l.count(n.inf, d.At, &capRef{file: d.File, id: d.ID, pos: n.pos, len: n.len})
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
		if j > i+1 && l.discTags[foldString(text[i+1:j])] {
			return true
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
		l.lookup(string(tok), platform, func(i int) {
			for _, m := range l.named {
				if m.inf == i {
					return
				}
			}
			l.named = append(l.named, named{inf: i})
		})
	}
	for _, n := range l.named {
		if l.infs[n.inf].cap > 0 {
			l.count(n.inf, at, nil)
		}
	}
}

func isHandleSep(c byte) bool { return c == ' ' || c == ',' || c == ';' || c == '\t' }

// capKey is one influencer in one calendar month.
type capKey struct{ inf, month int }

// capCell counts one influencer's mentions in one month. It keeps the
// earliest cap mentions (a max-heap) and the earliest draft not among
// them, which is the draft that goes over the cap: memory per cell is
// bounded by the cap, whatever the number of drafts.
type capCell struct {
	cap               int
	drafts, published int
	early             capHeap
	over              *capEvent
}

// capEvent is one mention: a draft's (ref set) or a published post's.
type capEvent struct {
	t   int64
	seq int
	ref *capRef
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
	if (e.ref == nil) != (f.ref == nil) {
		return e.ref == nil
	}
	return e.seq < f.seq
}

type capHeap []*capEvent

func (h capHeap) Len() int           { return len(h) }
func (h capHeap) Less(i, j int) bool { return h[j].before(h[i]) } // latest on top
func (h capHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *capHeap) Push(x any)        { *h = append(*h, x.(*capEvent)) }
func (h *capHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// count adds a mention of influencer i at t (a draft's when ref is set).
func (l *Linter) count(i int, t time.Time, ref *capRef) {
	lt := t.In(l.brandLoc)
	k := capKey{inf: i, month: lt.Year()*12 + int(lt.Month()) - 1}
	c := l.caps[k]
	if c == nil {
		c = &capCell{cap: l.infs[i].cap}
		l.caps[k] = c
	}
	l.seq++
	e := &capEvent{t: t.Unix(), seq: l.seq, ref: ref}
	if ref != nil {
		c.drafts++
	} else {
		c.published++
	}
	out := e
	if len(c.early) < c.cap {
		heap.Push(&c.early, e)
		return
	}
	if e.before(c.early[0]) {
		out = c.early[0]
		c.early[0] = e
		heap.Fix(&c.early, 0)
	}
	if out.ref != nil && (c.over == nil || out.before(c.over)) {
		c.over = out
	}
}

// Finish reports what can be judged only once every draft is seen: for
// each influencer and month over the cap, the first draft (in time)
// beyond it. Months where only the published posts went over are the
// audit's to report.
func (l *Linter) Finish(emit func(schema.Diagnostic)) {
	keys := make([]capKey, 0, len(l.caps))
	for k, c := range l.caps {
		if c.over != nil {
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
