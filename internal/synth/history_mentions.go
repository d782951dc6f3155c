package synth

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// mention is one row of the mention log being made.
type mention struct {
	id        int64
	ci        int
	typ       int
	sentiment string
	recv      int64
	resp      int64 // 0 when unanswered
	badRecv   bool
	written   string // the sentiment as written
	author    int    // index in the platform's author pool, -1 for none
	followers int64  // author_followers written, -1 for none
}

// mentionsAfter writes the mentions a post draws: 0 to 3, on its channel
// and local day, most of them after it went out.
func (g *histGen) mentionsAfter(p *post, i int) {
	if g.mw == nil {
		return
	}
	if g.pass == 0 && g.lateAnswersLeft > 0 && i >= g.lateFrom {
		g.lateAnswer(p)
	}
	n := 0
	for k := 0; k < 3; k++ {
		if g.rm.hit(g.tMention) {
			n++
		}
	}
	for ; n > 0; n-- {
		g.mention(p)
	}
}

// pickType draws a mention type by weight.
func (g *histGen) pickType(r *rng) int {
	total := 0
	for _, w := range g.typeW {
		total += w
	}
	x := r.intn(total)
	for i, w := range g.typeW {
		if x < w {
			return i
		}
		x -= w
	}
	return len(g.typeW) - 1
}

// sentimentOf draws a sentiment that fits the type; now and then none.
func (g *histGen) sentimentOf(r *rng, typ string) string {
	if r.hit(g.tNoSent) {
		return ""
	}
	x := r.intn(100)
	switch typ {
	case "ugc":
		return choose(x, 90, 100, "positive", "neutral", "")
	case "complaint":
		return choose(x, 88, 100, "negative", "neutral", "")
	case "feedback":
		return choose(x, 40, 80, "positive", "neutral", "negative")
	case "help":
		return choose(x, 80, 100, "neutral", "negative", "")
	case "press":
		return choose(x, 50, 100, "positive", "neutral", "")
	case "question":
		return choose(x, 85, 100, "neutral", "positive", "")
	}
	return choose(x, 60, 80, "neutral", "positive", "negative")
}

func choose(x, a, b int, first, second, third string) string {
	switch {
	case x < a:
		return first
	case x < b:
		return second
	}
	return third
}

func (g *histGen) mention(p *post) {
	r, c := g.rm, &g.chans[p.ci]
	m := mention{ci: p.ci, typ: g.pickType(r)}
	typ := g.types[m.typ]
	m.sentiment = g.sentimentOf(r, typ)
	y, mo, d := p.local.Date()
	morning := time.Date(y, mo, d, 6, 0, 0, 0, c.loc).Unix()
	lo, hi := max(p.at+120, morning), time.Date(y, mo, d, 23, 30, 0, 0, c.loc).Unix()
	if hi-lo < 1800 {
		lo = morning
	}
	m.recv = r.between(lo, hi)
	if g.localDay(c, m.recv) != p.day {
		m.recv = p.at
	}
	sla := g.slaFor(typ, p.ci)
	answered := !r.hit(g.tUnanswered)
	var delay int64
	switch {
	case !answered:
	case sla > 0 && r.hit(g.lateShare(m.sentiment)):
		delay = sla * r.between(1200, 3000) / 1000
	case sla > 0:
		delay = max(sla*r.between(g.fastest(m.sentiment), 900)/1000, 60)
	default:
		delay = r.between(600, 86400)
	}
	if answered {
		m.resp = m.recv + delay
		// A team with business hours answers in them: an answer that would
		// fall outside goes out soon after the next opening.
		if bh := g.bh; bh != nil {
			if open := bh.nextOpen(m.resp); open != m.resp {
				m.resp = open + r.between(g.firstAnswer(m.sentiment))
			}
		}
	}
	g.mentionID++
	m.id = g.mentionID
	b := g.writeMention(&m, c.id, c.loc)
	g.lastMention = append(g.lastMention[:0], b...)
	g.acc.useMention(m.typ, answered, answered && sla > 0 && delay <= sla, sla == 0)
	g.useMentionVoice(&m, answered, answered && sla > 0 && delay <= sla, sla == 0)
}

// lateAnswer writes a mention of the type with the shortest SLA on the
// post's channel, answered about three times its SLA later on the same
// business day: late on the wall clock and in business time alike.
func (g *histGen) lateAnswer(p *post) {
	c := &g.chans[p.ci]
	best, sla := -1, int64(0)
	for i, t := range g.types {
		if v := g.slaFor(t, p.ci); v > 0 && (best < 0 || v < sla) {
			best, sla = i, v
		}
	}
	if best < 0 {
		return
	}
	y, mo, d := p.local.Date()
	var recv, delay int64
	if bh := g.bh; bh == nil {
		recv = time.Date(y, mo, d, 10, 0, 0, 0, c.loc).Unix() + g.rm.between(0, 600)
		delay = 3 * sla
	} else {
		day := time.Date(y, mo, d, 12, 0, 0, 0, bh.loc)
		if !bh.days[day.Weekday()] || bh.holidays[strategy.Date{Year: y, Month: mo, Day: d}] {
			return
		}
		open := time.Date(y, mo, d, bh.start/60, bh.start%60, 0, 0, bh.loc).Unix()
		shut := time.Date(y, mo, d, bh.end/60, bh.end%60, 0, 0, bh.loc).Unix()
		recv = open + 3600 + g.rm.between(0, 600)
		delay = min(3*sla, shut-600-recv)
		if delay < sla*3/2 || delay < sla+1800 {
			return
		}
	}
	if g.localDay(c, recv) != p.day {
		return
	}
	typ := g.types[best]
	g.mentionID++
	m := mention{id: g.mentionID, ci: p.ci, typ: best, sentiment: g.sentimentOf(g.rm, typ), recv: recv, resp: recv + delay}
	line := g.mentionLine
	b := g.writeMention(&m, c.id, c.loc)
	g.lastMention = append(g.lastMention[:0], b...)
	g.acc.useMention(best, true, false, false)
	g.useMentionVoice(&m, true, false, false)
	g.lateAnswersLeft--
	g.plantRow("late_answer", fmt.Sprintf("%s on %s received %s, answered after %s; its SLA is %s",
		typ, c.id, time.Unix(recv, 0).In(c.loc).Format("2006-01-02 15:04"), strategy.Duration(time.Duration(delay)*time.Second), strategy.Duration(time.Duration(sla)*time.Second)),
		'M', m.id, line)
}

// writeMention writes a mention's row on channel id and returns it.
func (g *histGen) writeMention(m *mention, channel string, loc *time.Location) []byte {
	b := appendID(g.row[:0], 'M', m.id)
	b = append(b, ',')
	b = appendField(b, channel)
	b = append(b, ',')
	if m.badRecv {
		t := time.Unix(m.recv, 0).In(loc)
		if g.seq[xBadMention]/2%2 == 0 {
			b = t.AppendFormat(b, "02.01.2006 15:04")
		} else {
			b = fmt.Appendf(b, "%04d-02-30T", t.Year())
			b = t.AppendFormat(b, "15:04:05Z07:00")
		}
	} else {
		b = appendTime(b, m.recv, loc)
	}
	b = append(b, ',')
	if m.resp != 0 {
		b = appendTime(b, m.resp, loc)
	}
	b = append(b, ',')
	b = appendField(b, g.types[m.typ])
	b = append(b, ',')
	m.written = g.sentimentField(m.sentiment)
	b = appendField(b, m.written)
	b = append(b, ',')
	m.author, m.followers = g.pickAuthor(m.ci)
	if m.author >= 0 {
		b = appendField(b, g.authorField(m.author))
	}
	b = append(b, ',')
	if m.followers >= 0 {
		b = strconv.AppendInt(b, m.followers, 10)
	}
	b = append(b, '\n')
	g.row = b
	g.mentionLine += int64(bytes.Count(b, newline))
	g.acc.ments.Rows++
	if _, err := g.mw.Write(b); err != nil && g.err == nil {
		g.err = fmt.Errorf("history: write mentions: %w", err)
	}
	return b
}

// extraMention makes an answered mention on channel ci received at recv.
func (g *histGen) extraMention(ci int, recv int64) mention {
	g.mentionID++
	m := mention{id: g.mentionID, ci: ci, typ: g.pickType(g.rm), recv: recv}
	m.sentiment = g.sentimentOf(g.rm, g.types[m.typ])
	m.resp = recv + g.rm.between(600, 7200)
	return m
}

func (g *histGen) badMention(i int) {
	ci, at := g.ref(i)
	if ci < 0 {
		return
	}
	c := &g.chans[ci]
	m := g.extraMention(ci, at+g.rm.between(600, 3600))
	reason := "received_at is not a date and time"
	if g.seq[xBadMention]%2 == 0 {
		m.badRecv = true
	} else {
		m.resp = m.recv - g.rm.between(600, 7200)
		reason = "responded_at is before received_at"
	}
	line := g.mentionLine
	g.writeMention(&m, c.id, c.loc)
	g.acc.ments.Rejected++
	g.plantRow("bad_mention", fmt.Sprintf("mention on %s: %s", c.id, reason), 'M', m.id, line)
}

func (g *histGen) dupMention() {
	if len(g.lastMention) == 0 {
		return
	}
	line := g.mentionLine
	id := string(g.lastMention[:bytes.IndexByte(g.lastMention, ',')])
	g.mentionLine += int64(bytes.Count(g.lastMention, newline))
	g.acc.ments.Rows++
	if _, err := g.mw.Write(g.lastMention); err != nil && g.err == nil {
		g.err = fmt.Errorf("history: write mentions: %w", err)
	}
	g.acc.ments.Rejected++
	g.acc.ments.Duplicates++
	g.plant("duplicate_mention", "a second row with the id of the mention before it", []string{id}, line)
}

func (g *histGen) outsideMention(i int) {
	ci, _ := g.ref(i)
	if ci < 0 {
		return
	}
	c := &g.chans[ci]
	m := g.extraMention(ci, g.outsideAt(g.rm, c, g.seq[xOutsideMention]%2))
	line := g.mentionLine
	g.writeMention(&m, c.id, c.loc)
	g.acc.ments.OutsidePeriod++
	g.plantRow("outside_mention", fmt.Sprintf("mention on %s received %s, local time, outside the period", c.id, time.Unix(m.recv, 0).In(c.loc).Format("2006-01-02 15:04")), 'M', m.id, line)
}

func (g *histGen) unknownMention(i int) {
	ci, at := g.ref(i)
	if ci < 0 || len(g.unknown) == 0 {
		return
	}
	channel := g.unknown[g.seq[xUnknownMention]%len(g.unknown)]
	m := g.extraMention(ci, at+g.rm.between(600, 3600))
	line := g.mentionLine
	g.writeMention(&m, channel, g.brandLoc)
	g.acc.ments.UnknownChannel++
	g.plantRow("unknown_mention", fmt.Sprintf("mention on channel %s, which the strategy does not have", channel), 'M', m.id, line)
}

// nextOpen is the first instant at or after at within business hours.
func (bh *businessHours) nextOpen(at int64) int64 {
	y, m, d := time.Unix(at, 0).In(bh.loc).Date()
	for i := 0; i < 21; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, bh.loc)
		dy, dm, dd := day.Date()
		if !bh.days[day.Weekday()] || bh.holidays[strategy.Date{Year: dy, Month: dm, Day: dd}] {
			continue
		}
		open := time.Date(dy, dm, dd, bh.start/60, bh.start%60, 0, 0, bh.loc).Unix()
		shut := time.Date(dy, dm, dd, bh.end/60, bh.end%60, 0, 0, bh.loc).Unix()
		if at < open {
			return open
		}
		if at < shut {
			return at
		}
	}
	return at
}
