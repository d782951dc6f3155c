package synth

import (
	"bufio"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// histGen is one History call: the period's calendar and everything worked
// out from the strategy once, the random sources, the writers and the
// truth's counters.
type histGen struct {
	s   *strategy.Strategy
	opt HistoryOptions
	cal *planner.Calendar

	fromUnix int64 // From at 00:00 UTC: day 0
	days     int   // days in the period
	weekBase int   // days from the Monday of From's week to From
	weeks    []WeekTruth
	months   []string
	month0   int // From's year*12 + month-1

	brandLoc *time.Location
	chans    []hChannel
	chanIdx  map[string]int
	pillars  []strategy.Pillar
	pillarOf map[string]int
	others   []terms // per pillar, the other pillars' words
	all      terms   // every pillar's words
	tactics  map[string]int
	occs     []hOcc
	slots    []hSlot
	infl     []hInfluencer
	discTags []string
	unknown  []string // channel ids the strategy does not have
	lang     *language
	texts    *textPools
	bh       *businessHours

	// Mention types in report order, their weights and SLAs by rule.
	types    []string
	typeW    []int
	ruleSLA  map[string]int64
	typeIdx  map[string]int
	defSLA   int64
	overPill int

	// Thresholds of the shares, for rng.hit.
	tMiss, tLate, tEmpty, tUncl, tOver, tUTC, tNoReach, tInfl      uint64
	tMention, tUnanswered, tLateAnswer, tCross, tCustomer, tNoSent uint64

	r, rm  *rng // posts; mentions (so posts do not depend on mentions)
	ra     *rng // authors and spellings (so nothing else depends on them)
	skip   []uint8
	extras []extra // rows added after a slot, in slot order
	overs  []overCapPlan

	pw, mw      *bufio.Writer
	err         error
	row, text   []byte
	handles     []byte
	lastPost    []byte
	lastMention []byte

	pass                  int64
	postID, mentionID     int64
	postLine, mentionLine int64
	seq                   [numExtraKinds]int // extra rows written so far, by kind
	undisclosedLeft       int
	paidSeen              int64
	lateAnswersLeft       int
	lateFrom              int // first slot index of the scripted late answers
	firstChanMentions     int

	acc truthAcc
}

// hChannel is a channel as the generator uses it.
type hChannel struct {
	id, platform string
	loc          *time.Location
	model        *platformModel
	starts       []int64 // its slots' instants, sorted
	min          int     // cadence minimum a week (the sum of its cadences')
	mins         []int   // with several cadences, each one's minimum
	sla          int64   // response_sla in seconds; 0 without
	infl         []int   // influencers on its platform
	other        []int   // organic influencers elsewhere whose handle no local one shares
}

// hSlot is a calendar slot.
type hSlot struct {
	start  int64
	ci     int32
	day    int32 // local day index from From
	occ    int32 // tactic occurrence, or -1
	pillar int16 // -1 for none
	tactic int16 // -1 for a regular slot
	hour   int8  // local hour
	cad    int8  // the planner's Slot.Cadence: 1 + the cadence's index, 0 for none
}

// hOcc is a planned tactic occurrence.
type hOcc struct{ tactic, ci, day int }

// hInfluencer is an influencer.
type hInfluencer struct {
	handle   string // as written in the mentions column, with @
	key      string // lower-cased, without @
	platform string
	cap      int
	paid     bool // paid partner
}

// overCapPlan pushes one influencer over its cap in one month.
type overCapPlan struct{ inf, month int }

// businessHours are the strategy's business hours, resolved.
type businessHours struct {
	loc        *time.Location
	days       [7]bool
	start, end int // minutes after midnight
	holidays   map[strategy.Date]bool
}

// Slot skips.
const (
	skipFirst  = 1 // not published in the first pass
	skipAlways = 2 // never published
)

func newHistoryGen(s *strategy.Strategy, opt HistoryOptions) (*histGen, error) {
	cal, err := planner.Plan(s, planner.Options{From: opt.From, To: opt.To})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	g := &histGen{s: s, opt: opt, cal: cal,
		r: newRNG(opt.Seed, 1), rm: newRNG(opt.Seed, 2), ra: newRNG(opt.Seed, 5), postLine: 2, mentionLine: 2}
	setup := newRNG(opt.Seed, 3)
	g.period()
	if err := g.zones(); err != nil {
		return nil, err
	}
	g.pillars = s.Pillars
	g.pillarOf = make(map[string]int, len(s.Pillars))
	for i, p := range s.Pillars {
		if _, dup := g.pillarOf[p.ID]; !dup {
			g.pillarOf[p.ID] = i
		}
	}
	g.tactics = make(map[string]int, len(s.Tactics))
	for i, t := range s.Tactics {
		if _, dup := g.tactics[t.ID]; !dup {
			g.tactics[t.ID] = i
		}
	}
	if err := g.planSlots(); err != nil {
		return nil, err
	}
	g.influencers()
	g.words()
	g.lang = languageOf(s.Brand.Language)
	g.texts = buildTexts(g, setup)
	g.mentionRules()
	g.thresholds()
	g.overPill = -1
	if len(s.Pillars) > 0 && opt.OverShare > 0 {
		g.overPill = len(s.Pillars) - 1
		if opt.OverPillar != "" {
			i, ok := g.pillarOf[opt.OverPillar]
			if !ok {
				return nil, fmt.Errorf("history: the over-represented pillar %q is not a pillar of the strategy", opt.OverPillar)
			}
			g.overPill = i
		}
		g.plant("over_pillar", fmt.Sprintf("pillar %s takes about %d%% of the other pillars' regular posts on every channel, so it is over-represented", s.Pillars[g.overPill].ID, permille(opt.OverShare)/10), nil, 0)
	}
	g.skip = make([]uint8, len(g.slots))
	g.shortWeeks(setup)
	g.missTactics(setup)
	g.overCaps(setup)
	g.placeExtras(setup)
	g.undisclosedLeft = opt.Undisclosed
	g.lateAnswersLeft = opt.LateAnswers
	g.lateFrom = len(g.slots) / 3
	g.acc.init(g)
	return g, nil
}

// period works out the days, ISO weeks and months of [From, To).
func (g *histGen) period() {
	from, to := g.opt.From, g.opt.To
	g.fromUnix = from.Time().Unix()
	g.days = int((to.Time().Unix() - g.fromUnix) / 86400)
	g.weekBase = (int(from.Time().Weekday()) + 6) % 7
	for m := from.AddDays(-g.weekBase); m.Before(to); m = m.AddDays(7) {
		y, w := m.Time().ISOWeek()
		g.weeks = append(g.weeks, WeekTruth{Week: fmt.Sprintf("%04d-W%02d", y, w), Start: m})
	}
	g.month0 = from.Year*12 + int(from.Month) - 1
	last := to.AddDays(-1)
	for m := g.month0; m <= last.Year*12+int(last.Month)-1; m++ {
		g.months = append(g.months, fmt.Sprintf("%04d-%02d", m/12, m%12+1))
	}
}

// zones loads the brand's and every channel's time zone: the channel's
// own, else the brand's, else UTC, as the planner does.
func (g *histGen) zones() error {
	s := g.s
	g.brandLoc = time.UTC
	if s.Brand.Timezone != "" {
		loc, err := time.LoadLocation(s.Brand.Timezone)
		if err != nil {
			return fmt.Errorf("history: brand.timezone %q: %w", s.Brand.Timezone, err)
		}
		g.brandLoc = loc
	}
	g.chanIdx = make(map[string]int, len(s.Channels))
	for _, c := range s.Channels {
		hc := hChannel{id: c.ID, platform: c.Platform, loc: g.brandLoc, model: modelFor(c.Platform), sla: int64(c.ResponseSLA.Std() / time.Second)}
		if c.Timezone != "" {
			loc, err := time.LoadLocation(c.Timezone)
			if err != nil {
				return fmt.Errorf("history: channel %s: timezone %q: %w", c.ID, c.Timezone, err)
			}
			hc.loc = loc
		}
		hc.min = c.Cadence.MinPerWeek()
		if len(c.Cadence) > 1 {
			for _, cd := range c.Cadence {
				hc.mins = append(hc.mins, cd.MinPerWeek)
			}
		}
		if _, dup := g.chanIdx[c.ID]; !dup {
			g.chanIdx[c.ID] = len(g.chans)
		}
		g.chans = append(g.chans, hc)
	}
	// Channel ids an export might carry that the strategy does not have.
	for _, id := range []string{"snapchat", "instagram-old", "threads-test", "kampanjekonto"} {
		if !g.hasChannelFold(id) {
			g.unknown = append(g.unknown, id)
		}
	}
	for n := 0; len(g.unknown) < 2; n++ {
		if id := fmt.Sprintf("old-account-%d", n); !g.hasChannelFold(id) {
			g.unknown = append(g.unknown, id)
		}
	}
	return nil
}

func (g *histGen) hasChannelFold(id string) bool {
	for _, c := range g.chans {
		if strings.EqualFold(c.id, id) {
			return true
		}
	}
	return false
}

// planSlots turns the calendar's slots into the generator's, and finds the
// tactic occurrences.
func (g *histGen) planSlots() error {
	occAt := map[[3]int]int{}
	g.slots = make([]hSlot, 0, len(g.cal.Slots))
	for i := range g.cal.Slots {
		sl := &g.cal.Slots[i]
		ci, ok := g.chanIdx[sl.Channel]
		if !ok {
			return fmt.Errorf("history: the calendar has a slot on channel %q, which the strategy does not declare", sl.Channel)
		}
		c := &g.chans[ci]
		t := sl.Start.In(c.loc)
		hs := hSlot{start: sl.Start.Unix(), ci: int32(ci), day: int32(g.dayOf(t)), occ: -1, pillar: -1, tactic: -1, hour: int8(t.Hour()), cad: int8(sl.Cadence)}
		if p, ok := g.pillarOf[sl.Pillar]; ok {
			hs.pillar = int16(p)
		}
		if k, ok := g.tactics[sl.Tactic]; ok {
			hs.tactic = int16(k)
			key := [3]int{k, ci, int(hs.day)}
			o, seen := occAt[key]
			if !seen {
				o = len(g.occs)
				occAt[key] = o
				g.occs = append(g.occs, hOcc{tactic: k, ci: ci, day: int(hs.day)})
			}
			hs.occ = int32(o)
		}
		c.starts = append(c.starts, hs.start)
		g.slots = append(g.slots, hs)
	}
	for i := range g.chans {
		slices.Sort(g.chans[i].starts)
	}
	return nil
}

// influencers resolves the influencers and which a channel may mention.
func (g *histGen) influencers() {
	s := g.s
	for _, in := range s.Influencers {
		h := strings.TrimPrefix(strings.TrimSpace(in.Handle), "@")
		g.infl = append(g.infl, hInfluencer{handle: "@" + h, key: strings.ToLower(h), platform: in.Platform,
			cap: in.MaxMentionsPerMonth, paid: in.Relationship == "paid" && in.Status == "partner"})
	}
	for ci := range g.chans {
		c := &g.chans[ci]
		local := map[string]bool{}
		for k, in := range g.infl {
			if in.platform == c.platform {
				c.infl = append(c.infl, k)
				local[in.key] = true
			}
		}
		for k, in := range g.infl {
			if in.platform != c.platform && !in.paid && !local[in.key] {
				c.other = append(c.other, k)
			}
		}
	}
	if s.Community != nil {
		for _, t := range s.Community.DisclosureTags {
			if t = strings.TrimSpace(t); t != "" {
				if !strings.HasPrefix(t, "#") {
					t = "#" + t
				}
				g.discTags = append(g.discTags, t)
			}
		}
	}
}

// words collects the pillars' hashtags and keywords for keeping texts
// unambiguous.
func (g *histGen) words() {
	per := make([]terms, len(g.pillars))
	for i, p := range g.pillars {
		per[i] = pillarTerms(p)
		g.all = append(g.all, per[i]...)
	}
	g.others = make([]terms, len(g.pillars))
	for i := range g.pillars {
		for j := range g.pillars {
			if j != i {
				g.others[i] = append(g.others[i], per[j]...)
			}
		}
	}
}

// builtinTypes are the mention types every strategy may see, with how
// often they come in (per hundred).
var builtinTypes = []struct {
	name   string
	weight int
}{{"question", 28}, {"ugc", 20}, {"feedback", 14}, {"help", 14}, {"complaint", 8}, {"press", 3}, {"other", 13}}

// mentionRules resolves mention types, SLAs and business hours.
func (g *histGen) mentionRules() {
	g.ruleSLA = map[string]int64{}
	g.typeIdx = map[string]int{}
	add := func(t string, w int) {
		if _, ok := g.typeIdx[t]; !ok {
			g.typeIdx[t] = len(g.types)
			g.types = append(g.types, t)
			g.typeW = append(g.typeW, w)
		}
	}
	weight := func(t string) int {
		for _, b := range builtinTypes {
			if b.name == t {
				return b.weight
			}
		}
		return 3
	}
	c := g.s.Community
	if c != nil {
		g.defSLA = int64(c.DefaultSLA.Std() / time.Second)
		for _, r := range c.Responses {
			if r.Type == "" {
				continue
			}
			if _, ok := g.ruleSLA[r.Type]; !ok {
				g.ruleSLA[r.Type] = int64(r.SLA.Std() / time.Second)
			}
			add(r.Type, weight(r.Type))
		}
		if b := c.BusinessHours; b != nil {
			g.bh = g.businessHours(b)
		}
	}
	for _, b := range builtinTypes {
		add(b.name, b.weight)
	}
}

func (g *histGen) businessHours(b *strategy.BusinessHours) *businessHours {
	bh := &businessHours{loc: g.brandLoc, holidays: map[strategy.Date]bool{}}
	if b.Timezone != "" {
		if loc, err := time.LoadLocation(b.Timezone); err == nil {
			bh.loc = loc
		}
	}
	for _, d := range b.Days {
		if wd, ok := strategy.Weekdays[d]; ok {
			bh.days[wd] = true
		}
	}
	if h, m, err := strategy.ParseClock(b.Start); err == nil {
		bh.start = h*60 + m
	}
	if h, m, err := strategy.ParseClock(b.End); err == nil {
		bh.end = h*60 + m
	}
	for _, d := range b.Holidays {
		bh.holidays[d] = true
	}
	return bh
}

// slaFor is a mention type's SLA on a channel in seconds: the type's rule,
// else the channel's, else the strategy's default; 0 for none.
func (g *histGen) slaFor(typ string, ci int) int64 {
	if v := g.ruleSLA[typ]; v > 0 {
		return v
	}
	if v := g.chans[ci].sla; v > 0 {
		return v
	}
	return g.defSLA
}

func (g *histGen) thresholds() {
	o := g.opt
	g.tMiss, g.tLate, g.tEmpty, g.tUncl = share(o.MissRate), share(o.LateShare), share(o.EmptyPillar), share(o.Unclassifiable)
	g.tOver, g.tUTC, g.tNoReach, g.tInfl = share(o.OverShare), share(o.UTCShare), share(o.MissingReach), share(o.InfluencerShare)
	g.tMention, g.tUnanswered, g.tLateAnswer = share(o.MentionRate/3), share(o.Unanswered), share(o.LateAnswerShare)
	// Small touches of realism that only a clean history leaves out.
	if o.InfluencerShare > 0 {
		g.tCross, g.tCustomer = share(0.01), share(0.08)
	}
	if o.MentionRate > 0 && (o.Unanswered > 0 || o.LateAnswerShare > 0) {
		g.tNoSent = share(0.02)
	}
}

// dayOf is the index of t's calendar day (in t's location) from From.
func (g *histGen) dayOf(t time.Time) int {
	y, m, d := t.Date()
	return int((time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() - g.fromUnix) / 86400)
}

// localDay is the local day index of instant at on channel c.
func (g *histGen) localDay(c *hChannel, at int64) int {
	return g.dayOf(time.Unix(at, 0).In(c.loc))
}

// monthOf is the month index from From's month of day index d.
func (g *histGen) monthOf(d int) int {
	t := time.Unix(g.fromUnix+int64(d)*86400, 0).UTC()
	return t.Year()*12 + int(t.Month()) - 1 - g.month0
}

// weekOf is the ISO week index of day index d (in the period).
func (g *histGen) weekOf(d int) int { return (d + g.weekBase) / 7 }

// farFromSlots reports whether at is more than 61 minutes from every slot
// of channel c.
func (c *hChannel) farFromSlots(at int64) bool {
	const gap = 61 * 60
	i, _ := slices.BinarySearch(c.starts, at)
	if i < len(c.starts) && c.starts[i]-at <= gap {
		return false
	}
	if i > 0 && at-c.starts[i-1] <= gap {
		return false
	}
	return true
}

// required is how many posts the audit requires of channel c in a week
// with the slots idx: with one cadence min(min_per_week, planned); with
// several, min(Σ min_k, Σ min(min_k, planned_k) + planned at no cadence's
// time), as audit's channel.required counts it.
func (g *histGen) required(c *hChannel, idx []int) int {
	if c.mins == nil {
		return min(len(idx), c.min)
	}
	per := make([]int, len(c.mins))
	n := 0
	for _, i := range idx {
		if k := int(g.slots[i].cad) - 1; k >= 0 && k < len(per) {
			per[k]++
		} else {
			n++
		}
	}
	for k, m := range c.mins {
		n += min(m, per[k])
	}
	return min(c.min, n)
}

// shortWeeks takes posts out of ShortWeeks whole weeks of one channel in
// the first pass, leaving one fewer than the week requires.
func (g *histGen) shortWeeks(r *rng) {
	if g.opt.ShortWeeks <= 0 {
		return
	}
	var cands []int
	for ci, c := range g.chans {
		if c.min > 0 && len(c.starts) > 0 {
			cands = append(cands, ci)
		}
	}
	if len(cands) == 0 {
		return
	}
	ci := cands[r.intn(len(cands))]
	c := &g.chans[ci]
	byWeek := map[int][]int{}
	var whole []int
	for w, wk := range g.weeks {
		if !wk.Start.Before(g.opt.From) && !wk.Start.AddDays(7).After(g.opt.To) {
			whole = append(whole, w)
		}
	}
	for i, sl := range g.slots {
		if int(sl.ci) == ci {
			w := g.weekOf(int(sl.day))
			byWeek[w] = append(byWeek[w], i)
		}
	}
	r.shuffle(len(whole), func(i, j int) { whole[i], whole[j] = whole[j], whole[i] })
	chosen := 0
	for _, w := range whole {
		if chosen == g.opt.ShortWeeks {
			break
		}
		idx := byWeek[w]
		if len(idx) == 0 {
			continue
		}
		chosen++
		keep := g.required(c, idx) - 1
		drop := len(idx) - keep
		// Regular slots go first, from the end of the week, so that the
		// week's tactics still happen.
		for pass := 0; pass < 2 && drop > 0; pass++ {
			for k := len(idx) - 1; k >= 0 && drop > 0; k-- {
				sl := g.slots[idx[k]]
				if (pass == 0) == (sl.tactic < 0) && g.skip[idx[k]] == 0 {
					g.skip[idx[k]] = skipFirst
					drop--
				}
			}
		}
		g.acc.shorts = append(g.acc.shorts, shortWeek{ci: ci, week: w, planned: len(idx)})
	}
}

// missTactics picks MissedTactics occurrences that are never published.
func (g *histGen) missTactics(r *rng) {
	n := min(g.opt.MissedTactics, len(g.occs))
	if n <= 0 {
		return
	}
	order := make([]int, len(g.occs))
	for i := range order {
		order[i] = i
	}
	r.shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	chosen := slices.Clone(order[:n])
	slices.Sort(chosen)
	for _, o := range chosen {
		for i := range g.slots {
			if int(g.slots[i].occ) == o {
				g.skip[i] = skipAlways
			}
		}
		oc := g.occs[o]
		g.plant("missed_tactic", fmt.Sprintf("tactic %s is not published on %s on %s", g.s.Tactics[oc.tactic].ID, g.chans[oc.ci].id, g.opt.From.AddDays(oc.day)), nil, 0)
	}
}

// overCaps picks OverCap influencers to mention twice over their cap in the
// month with most days in the period.
func (g *histGen) overCaps(r *rng) {
	if g.opt.OverCap <= 0 {
		return
	}
	best, bestDays := 0, 0
	for m := range g.months {
		n := 0
		for d := 0; d < g.days; d++ {
			if g.monthOf(d) == m {
				n++
			}
		}
		if n > bestDays {
			best, bestDays = m, n
		}
	}
	var cands []int
	for k, in := range g.infl {
		if in.cap <= 0 {
			continue
		}
		for _, c := range g.chans {
			if c.platform == in.platform && len(c.starts) > 0 {
				cands = append(cands, k)
				break
			}
		}
	}
	r.shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	// Over-mentioning happens to the accounts the brand works with:
	// partners first, then engaged influencers, then prospects.
	rank := func(k int) int {
		switch g.s.Influencers[k].Status {
		case "partner":
			return 0
		case "engaged":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(cands, func(a, b int) int { return rank(a) - rank(b) })
	for _, k := range cands[:min(len(cands), g.opt.OverCap)] {
		g.overs = append(g.overs, overCapPlan{inf: k, month: best})
	}
}
