package synth

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	postsHeader    = "id,published_at,channel,pillar,tactic,text,mentions,likes,comments,shares,saves,clicks,impressions,reach,followers\n"
	mentionsHeader = "id,channel,received_at,responded_at,type,sentiment,author,author_followers\n"
)

// Kinds of extra rows, added after a slot in every pass.
const (
	xBadPost = iota
	xDupPost
	xOutsidePost
	xUnknownPost
	xBadMention
	xDupMention
	xOutsideMention
	xUnknownMention
	numExtraKinds
)

// extra is a row added after slot at.
type extra struct{ at, kind int }

// post is one row of the post history being made.
type post struct {
	id        int64
	ci        int
	at        int64
	local     time.Time // at in the channel's zone
	utc       bool      // write published_at in UTC
	day, hour int
	col       int // pillar named in the pillar column, or -1
	class     int // pillar the post counts for, or -1
	byText    bool
	tactic    int
	occ       int
	onTime    bool
	text      string
	infl      [2]int // influencers it mentions on their platform
	n         int
	cross     int    // an influencer of another platform, or -1
	customer  string // a handle that is no influencer's
	paid      bool
	disclosed bool
	tag       string
	m         [numMetrics]int64
	reach     int8 // reachPresent, reachEmpty or reachZero
	defect    int  // for bad rows
	line      int64
}

const (
	reachPresent = iota
	reachEmpty
	reachZero
)

// Defects of bad rows.
const (
	defectNone = iota
	defectDate
	defectNegative
	defectNonNumeric
)

func (g *histGen) placeExtras(r *rng) {
	o := g.opt
	counts := [numExtraKinds]int{o.BadPosts, o.DuplicatePosts, o.OutsidePosts, o.UnknownPosts,
		o.BadMentions, o.DuplicateMentions, o.OutsideMentions, o.UnknownMentions}
	for kind, n := range counts {
		for ; n > 0; n-- {
			g.extras = append(g.extras, extra{at: r.intn(len(g.slots)), kind: kind})
		}
	}
	slices.SortStableFunc(g.extras, func(a, b extra) int { return a.at - b.at })
}

func (g *histGen) run() error {
	g.pw.WriteString(postsHeader)
	if g.mw != nil {
		g.mw.WriteString(mentionsHeader)
	}
	for {
		before := g.acc.posts.Rows
		g.onePass()
		g.pass++
		if g.err != nil {
			return g.err
		}
		if g.opt.Posts == 0 || g.acc.posts.Rows >= g.opt.Posts {
			break
		}
		if g.acc.posts.Rows == before {
			return fmt.Errorf("history: %d posts asked for, but a pass over the calendar of %s to %s writes none: the strategy plans no post in the period, or every slot is missed",
				g.opt.Posts, g.opt.From, g.opt.To.AddDays(-1))
		}
	}
	if err := g.pw.Flush(); err != nil {
		return fmt.Errorf("history: write posts: %w", err)
	}
	if g.mw != nil {
		if err := g.mw.Flush(); err != nil {
			return fmt.Errorf("history: write mentions: %w", err)
		}
	}
	return nil
}

// full reports whether writing must stop.
func (g *histGen) full() bool {
	return g.err != nil || g.opt.Posts > 0 && g.acc.posts.Rows >= g.opt.Posts
}

func (g *histGen) onePass() {
	k := 0
	for i := range g.slots {
		if g.full() {
			return
		}
		g.slotPost(i)
		for ; k < len(g.extras) && g.extras[k].at == i; k++ {
			if g.full() {
				return
			}
			g.addExtra(g.extras[k].kind, i)
		}
	}
	for ; k < len(g.extras) && !g.full(); k++ {
		g.addExtra(g.extras[k].kind, -1)
	}
}

// slotPost publishes slot i, unless it is missed.
func (g *histGen) slotPost(i int) {
	sl := &g.slots[i]
	if g.skip[i] == skipAlways || g.pass == 0 && g.skip[i] == skipFirst {
		return
	}
	if g.r.hit(g.tMiss) {
		return
	}
	c := &g.chans[sl.ci]
	p := post{ci: int(sl.ci), day: int(sl.day), tactic: int(sl.tactic), occ: int(sl.occ), cross: -1, infl: [2]int{-1, -1}}
	p.at, p.onTime = g.publishTime(sl, c)
	p.local = time.Unix(p.at, 0).In(c.loc)
	p.hour = p.local.Hour()
	p.utc = g.r.hit(g.tUTC)
	g.content(&p, int(sl.pillar))
	g.mentionInfluencers(&p, c)
	g.draw(&p, c)
	g.postID++
	p.id = g.postID
	p.line = g.postLine
	b := g.writePost(&p, c.id, c.loc)
	g.lastPost = append(g.lastPost[:0], b...)
	g.acc.usePost(g, &p)
	g.mentionsAfter(&p, i)
}

// publishTime is when a slot's post goes out: within 30 minutes of the
// slot, or late, on the slot's local day either way.
func (g *histGen) publishTime(sl *hSlot, c *hChannel) (at int64, onTime bool) {
	if g.r.hit(g.tLate) {
		for try := 0; try < 8; try++ {
			at = sl.start + g.r.between(9000, 14400)
			if g.localDay(c, at) == int(sl.day) && c.farFromSlots(at) {
				return at, false
			}
		}
	}
	at = sl.start + int64(g.r.intn(1801)-g.r.intn(1801))
	if g.localDay(c, at) != int(sl.day) {
		at = sl.start
	}
	return at, true
}

// content chooses the pillar column and the text.
func (g *histGen) content(p *post, pil int) {
	r, tx := g.r, g.texts
	if p.tactic < 0 && g.overPill >= 0 && pil >= 0 && pil != g.overPill && r.hit(g.tOver) {
		pil = g.overPill
	}
	p.col, p.class = pil, pil
	switch {
	case p.tactic >= 0 && pil >= 0:
		p.text = pick(r, tx.tactic[p.tactic])
	case pil < 0:
		p.col, p.class = -1, -1
		p.text = pick(r, tx.uncl)
	case r.hit(g.tEmpty):
		if r.hit(g.tUncl) {
			p.col, p.class = -1, -1
			p.text = pick(r, tx.uncl)
		} else if pool := tx.byText[pil]; len(pool) > 0 {
			p.col, p.byText = -1, true
			p.text = pick(r, pool)
		} else {
			p.text = pick(r, tx.col[pil][p.ci])
		}
	default:
		p.text = pick(r, tx.col[pil][p.ci])
	}
}

// tagSafe reports whether a disclosure tag can go into a post with an
// empty pillar column without changing how its text classifies.
func (g *histGen) tagSafe(p *post) bool {
	ts := g.all
	if p.class >= 0 {
		ts = g.others[p.class]
	}
	for _, t := range g.discTags {
		if ts.hit(t) {
			return false
		}
	}
	return true
}

// mentionInfluencers chooses whom the post mentions.
func (g *histGen) mentionInfluencers(p *post, c *hChannel) {
	month := g.monthOf(p.day)
	add := func(k int) {
		if p.n == len(p.infl) || slices.Contains(p.infl[:p.n], k) {
			return
		}
		if p.col < 0 && g.infl[k].paid && !g.tagSafe(p) {
			return
		}
		p.infl[p.n] = k
		p.n++
	}
	for _, o := range g.overs {
		in := &g.infl[o.inf]
		if o.month == month && in.platform == c.platform && g.acc.infl[o.inf][month] < int64(in.cap+2) {
			add(o.inf)
		}
	}
	if g.r.hit(g.tInfl) && len(c.infl) > 0 {
		k := c.infl[g.r.intn(len(c.infl))]
		if in := &g.infl[k]; in.cap <= 0 || g.acc.infl[k][month] < int64(in.cap) {
			add(k)
		}
	}
	if len(c.other) > 0 && g.r.hit(g.tCross) {
		p.cross = c.other[g.r.intn(len(c.other))]
	}
	if g.r.hit(g.tCustomer) {
		p.customer = g.customer(g.r)
	}
	for _, k := range p.infl[:p.n] {
		p.paid = p.paid || g.infl[k].paid
	}
	if !p.paid {
		return
	}
	g.paidSeen++
	p.disclosed = len(g.discTags) > 0
	if p.disclosed && g.undisclosedLeft > 0 && g.paidSeen%2 == 1 && !g.hasDisclosureTag(p.text) {
		p.disclosed = false
		g.undisclosedLeft--
	}
	if p.disclosed {
		p.tag = g.discTags[int(g.paidSeen%int64(len(g.discTags)))]
		if g.paidSeen%5 == 3 {
			p.tag = capitalTag(p.tag)
		}
	}
}

// customer returns the handle of someone who is not an influencer.
func (g *histGen) customer(r *rng) string {
	h := pick(r, g.lang.customers)
	for _, in := range g.infl {
		if strings.EqualFold(strings.TrimPrefix(h, "@"), in.key) {
			return ""
		}
	}
	return h
}

// hasDisclosureTag reports whether text holds a disclosure tag anywhere,
// even inside a longer hashtag.
func (g *histGen) hasDisclosureTag(text string) bool {
	lt := strings.ToLower(text)
	for _, t := range g.discTags {
		if strings.Contains(lt, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

// draw gives the post its metrics.
func (g *histGen) draw(p *post, c *hChannel) {
	p.m = metrics(g.r, c.model, p.class, p.hour, !p.onTime, p.tactic >= 0)
	if g.r.hit(g.tNoReach) {
		p.reach = reachEmpty
		if g.r.intn(3) == 0 {
			p.reach = reachZero
		}
	}
}

// writePost writes a post's row on channel id and returns it; the bytes
// are valid until the next row.
func (g *histGen) writePost(p *post, channel string, loc *time.Location) []byte {
	b := appendID(g.row[:0], 'P', p.id)
	b = append(b, ',')
	switch {
	case p.defect == defectDate:
		b = g.badDate(b, p.local)
	case p.utc:
		b = time.Unix(p.at, 0).UTC().AppendFormat(b, time.RFC3339)
	default:
		b = time.Unix(p.at, 0).In(loc).AppendFormat(b, time.RFC3339)
	}
	b = append(b, ',')
	b = appendField(b, channel)
	b = append(b, ',')
	if p.col >= 0 {
		b = appendField(b, g.pillars[p.col].ID)
	}
	b = append(b, ',')
	if p.tactic >= 0 {
		b = appendField(b, g.s.Tactics[p.tactic].ID)
	}
	b = append(b, ',')
	t := append(g.text[:0], p.text...)
	if p.n > 0 && p.col >= 0 {
		t = append(append(append(t, ' '), g.lang.credit...), ' ')
		t = append(t, g.infl[p.infl[0]].handle...)
	}
	if p.tag != "" {
		t = append(append(t, ' '), p.tag...)
	}
	g.text = t
	b = appendField(b, t)
	b = append(b, ',')
	h := g.handles[:0]
	for _, k := range p.infl[:p.n] {
		h = append(append(h, ' '), g.infl[k].handle...)
	}
	if p.cross >= 0 {
		h = append(append(h, ' '), g.infl[p.cross].handle...)
	}
	if p.customer != "" {
		h = append(append(h, ' '), p.customer...)
	}
	g.handles = h
	if len(h) > 0 {
		b = appendField(b, h[1:])
	}
	for m := 0; m < numMetrics; m++ {
		b = append(b, ',')
		switch {
		case m == mReach && p.reach == reachEmpty:
		case m == mReach && p.reach == reachZero:
			b = append(b, '0')
		case m == mLikes && p.defect == defectNegative:
			b = append(b, '-')
			b = strconv.AppendInt(b, 1+p.m[m]%40, 10)
		case m == mComments && p.defect == defectNonNumeric:
			if g.seq[xBadPost]/3%2 == 0 {
				b = append(b, "1.2k"...)
			} else {
				b = append(b, `"12,5"`...)
			}
		default:
			b = strconv.AppendInt(b, p.m[m], 10)
		}
	}
	b = append(b, ',')
	if f, ok := g.followers(p); ok {
		b = strconv.AppendInt(b, f, 10)
	}
	b = append(b, '\n')
	g.row = b
	g.emitPost(b)
	return b
}

// badDate writes a timestamp no reader can take: a spreadsheet's local
// format, a day that does not exist, or a relative date.
func (g *histGen) badDate(b []byte, t time.Time) []byte {
	switch g.seq[xBadPost] / 3 % 3 {
	case 0:
		return t.AppendFormat(b, "02.01.2006 15:04")
	case 1:
		b = fmt.Appendf(b, "%04d-02-30T", t.Year())
		return t.AppendFormat(b, "15:04:05Z07:00")
	}
	return t.AppendFormat(append(append(b, g.lang.yesterday...), ' '), "15:04")
}

var newline = []byte{'\n'}

// emitPost writes a row of the post history.
func (g *histGen) emitPost(b []byte) {
	g.postLine += int64(bytes.Count(b, newline))
	g.acc.posts.Rows++
	if _, err := g.pw.Write(b); err != nil && g.err == nil {
		g.err = fmt.Errorf("history: write posts: %w", err)
	}
}

// ref is the channel and instant an extra row after slot i is made from.
func (g *histGen) ref(i int) (ci int, at int64) {
	if i >= 0 {
		return int(g.slots[i].ci), g.slots[i].start
	}
	if len(g.chans) == 0 {
		return -1, 0
	}
	mid := g.opt.From.AddDays(g.days / 2)
	return 0, time.Date(mid.Year, mid.Month, mid.Day, 12, 0, 0, 0, g.chans[0].loc).Unix()
}

func (g *histGen) addExtra(kind, i int) {
	if kind >= xBadMention && g.mw == nil {
		return
	}
	switch kind {
	case xBadPost:
		g.badPost(i)
	case xDupPost:
		g.dupPost()
	case xOutsidePost:
		g.outsidePost(i)
	case xUnknownPost:
		g.unknownPost(i)
	case xBadMention:
		g.badMention(i)
	case xDupMention:
		g.dupMention()
	case xOutsideMention:
		g.outsideMention(i)
	case xUnknownMention:
		g.unknownMention(i)
	}
	g.seq[kind]++
}

// plainPost makes a readable post on channel ci at instant at, with no
// tactic and no mentions, for extra rows.
func (g *histGen) plainPost(ci int, at int64, loc *time.Location) post {
	c := &g.chans[ci]
	p := post{ci: ci, at: at, tactic: -1, occ: -1, cross: -1, col: -1, class: -1, infl: [2]int{-1, -1}, onTime: true}
	p.local = time.Unix(at, 0).In(loc)
	p.hour = p.local.Hour()
	if len(g.pillars) > 0 {
		p.col = g.r.intn(len(g.pillars))
		p.class = p.col
		p.text = pick(g.r, g.texts.col[p.col][ci])
	} else {
		p.text = pick(g.r, g.texts.uncl)
	}
	p.m = metrics(g.r, c.model, p.class, p.hour, false, false)
	g.postID++
	p.id = g.postID
	return p
}

func (g *histGen) badPost(i int) {
	ci, at := g.ref(i)
	if ci < 0 {
		return
	}
	c := &g.chans[ci]
	p := g.plainPost(ci, at+int64(g.r.intn(1801)), c.loc)
	p.defect = defectDate + g.seq[xBadPost]%3
	line := g.postLine
	g.writePost(&p, c.id, c.loc)
	g.acc.posts.Rejected++
	reason := [...]string{"", "published_at is not a date and time", "likes is negative", "comments is not a whole number"}[p.defect]
	g.plantRow("bad_post", fmt.Sprintf("post on %s: %s", c.id, reason), 'P', p.id, line)
}

func (g *histGen) dupPost() {
	if len(g.lastPost) == 0 {
		return
	}
	line := g.postLine
	id := string(g.lastPost[:bytes.IndexByte(g.lastPost, ',')])
	g.emitPost(g.lastPost)
	g.acc.posts.Rejected++
	g.acc.posts.Duplicates++
	g.plant("duplicate_post", "a second row with the id of the row before it", []string{id}, line)
}

// outsideAt is an instant just outside the period on channel c: late on
// the day before it (side 0) or early on its end day (side 1).
func (g *histGen) outsideAt(r *rng, c *hChannel, side int) int64 {
	if side == 0 {
		d := g.opt.From.AddDays(-1)
		at := time.Date(d.Year, d.Month, d.Day, 22, 0, 0, 0, c.loc).Unix() + r.between(0, 7140)
		for g.localDay(c, at) >= 0 {
			at -= 3600
		}
		return at
	}
	d := g.opt.To
	at := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, c.loc).Unix() + r.between(60, 7140)
	for g.localDay(c, at) < g.days {
		at += 3600
	}
	return at
}

// misleadingUTC reports whether writing an instant outside the period in
// UTC puts a date inside the period on it: east of UTC on the end day,
// west of UTC on the day before. Every second pair flips it.
func misleadingUTC(at int64, loc *time.Location, side, n int) bool {
	_, off := time.Unix(at, 0).In(loc).Zone()
	utc := side == 1 && off > 0 || side == 0 && off < 0
	if n/2%2 == 1 {
		utc = !utc
	}
	return utc
}

func (g *histGen) outsidePost(i int) {
	ci, _ := g.ref(i)
	if ci < 0 {
		return
	}
	c := &g.chans[ci]
	n := g.seq[xOutsidePost]
	at := g.outsideAt(g.r, c, n%2)
	p := g.plainPost(ci, at, c.loc)
	p.utc = misleadingUTC(at, c.loc, n%2, n)
	line := g.postLine
	g.writePost(&p, c.id, c.loc)
	g.acc.posts.OutsidePeriod++
	g.plantRow("outside_post", fmt.Sprintf("post on %s on %s, local time, outside the period", c.id, p.local.Format("2006-01-02 15:04")), 'P', p.id, line)
}

func (g *histGen) unknownPost(i int) {
	ci, at := g.ref(i)
	if ci < 0 || len(g.unknown) == 0 {
		return
	}
	n := g.seq[xUnknownPost]
	channel := g.unknown[n%len(g.unknown)]
	at += int64(g.r.intn(1801))
	if n%3 == 2 {
		at = g.opt.From.AddDays(-3).In(g.brandLoc).Add(12 * time.Hour).Unix()
	}
	p := g.plainPost(ci, at, g.brandLoc)
	line := g.postLine
	g.writePost(&p, channel, g.brandLoc)
	g.acc.posts.UnknownChannel++
	g.plantRow("unknown_post", fmt.Sprintf("post on channel %s, which the strategy does not have, on %s", channel, p.local.Format("2006-01-02")), 'P', p.id, line)
}

// followerGrowth is each channel's change in followers a day, in declared
// order, repeating: most grow, one shrinks, one stands still.
var followerGrowth = []int64{12, 5, -3, 20, 0}

// followers is the account's follower count when post p went out, and
// whether its row gives one. The count is a function of the channel and
// the time alone, not drawn from the generator's random numbers, so the
// column leaves every other number of a history as it was: it starts at
// 5000 + 3000 × the channel's index on the period's first day and changes
// by the channel's followerGrowth a day (pro rata by the second). Every
// seventh post leaves it empty, and so does the fourth channel on every
// post, so that a history has a channel whose growth is not measured.
func (g *histGen) followers(p *post) (int64, bool) {
	if p.id%7 == 0 || p.ci == 3 || p.ci < 0 {
		return 0, false
	}
	base := 5000 + 3000*int64(p.ci)
	return max(0, base+(p.at-g.fromUnix)*followerGrowth[p.ci%len(followerGrowth)]/86400), true
}
