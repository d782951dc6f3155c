package audit

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// auditor holds the plan and the running totals of one audit.
type auditor struct {
	s     *strategy.Strategy
	opt   Options
	cal   *planner.Calendar // the period's plan; nil once placed
	edges []planner.Slot    // slots of the days either side, for timing; nil once placed

	// The period's days, shared by every channel: day i is From+i.
	days      int
	dayWeek   []int // week index of each day
	dayMonth  []int // month index of each day
	dayWkday  []int // 0 = Monday … 6 = Sunday
	weeks     []week
	months    []string
	channels  []*channel
	chanIdx   map[string]int
	pillarIdx map[string]int // pillar id → index
	pillarAlt []string       // lower-cased ids and names, for lenient matching
	tacticIdx map[string]int
	occIdx    map[occKey]int
	occs      []occurrence

	classify *classifier

	// Engagement definition.
	interactions []Metric
	denominator  Metric
	meanOfPosts  bool

	// Influencers.
	handles     map[string][]int // lower-cased handle without @ → influencer indices
	infMonths   [][]int64        // influencer × month
	paidPartner []bool
	seenInf     []int  // scratch: influencers already counted for this post
	lower       []byte // scratch: a lower-cased handle
	discTags    map[string]bool

	// Totals.
	posts      rowCounts
	mentions   rowCounts
	pillarPost []int64 // overall classified posts per pillar
	byKeyword  int64
	unclass    int64
	tactics    []tacticTotals
	eng        engTotals
	pillarEng  []engTotals
	disclosure DisclosureReport
	reach      int64
	reachPosts int64 // used posts with a reach

	unknownPillars nameCounter
	unknownTactics nameCounter

	resp *responses
	mtot *mentionTotals // sentiment, volume and voices; nil until a mention is used
	tk   tacticKPIs
}

type week struct {
	key    string
	monday strategy.Date
	whole  bool // all seven days inside the period
}

type occKey struct {
	tactic, channel, day int
}

type occurrence struct {
	occKey
	done bool
}

type tacticTotals struct {
	posts int64
}

// engTotals sums engagement over posts with a positive denominator.
type engTotals struct {
	posts, excluded int64
	eng, den        int64
	rateSum         float64 // Σ eng/den, for mean_of_posts
}

func (e *engTotals) add(eng, den int64, ok bool) {
	if !ok {
		e.excluded++
		return
	}
	e.posts++
	e.eng += eng
	e.den += den
	e.rateSum += float64(eng) / float64(den)
}

// rate is the engagement rate in percent, or nil without posts.
func (e *engTotals) rate(meanOfPosts bool) *float64 {
	if e.posts == 0 {
		return nil
	}
	if meanOfPosts {
		return ptr(100 * e.rateSum / float64(e.posts))
	}
	return ptr(100 * float64(e.eng) / float64(e.den))
}

// channel is one channel's tables and totals.
type channel struct {
	c   *strategy.Channel
	tz  string
	loc *time.Location
	// start[i] is the instant local day i begins; start[days] ends the
	// period.
	start []int64
	slots []int64 // every planned slot's instant, sorted, with a day's margin

	plannedWeek   []int   // planned slots per week
	plannedCad    [][]int // with several cadences: per cadence, its planned slots per week
	plannedOther  []int   // with several cadences: planned slots at no cadence time, per week
	publishedWeek []int64 // used posts per week
	plannedPillar []int   // planned slots per pillar in the period
	planned       int     // planned slots in the period
	pillarPosts   []int64 // classified posts per pillar
	posts         int64
	byKeyword     int64
	unclass       int64
	timed, onTime int64
	eng           engTotals
	hours         [7 * 24]engTotals
	followers     followerTrack
	clicksWeek    []int64 // link clicks per week
	clickedWeek   []int64 // used posts with a clicks value per week
}

func newAuditor(s *strategy.Strategy, opt Options) (*auditor, error) {
	// The plan of the period is what pillar plan gives for it: the
	// planned posts, pillar targets and tactic occurrences.
	cal, err := planner.Plan(s, planner.Options{From: opt.From, To: opt.To})
	if err != nil {
		return nil, fmt.Errorf("planning %s to %s: %w", opt.From, opt.To.AddDays(-1), err)
	}
	// Timing also looks at the day before and the day after the period, so
	// a post just inside it can be on time for a slot just outside it.
	var edges []planner.Slot
	for _, d := range []strategy.Date{opt.From.AddDays(-1), opt.To} {
		day, err := planner.Plan(s, planner.Options{From: d, To: d.AddDays(1)})
		if err != nil {
			return nil, fmt.Errorf("planning %s: %w", d, err)
		}
		edges = append(edges, day.Slots...)
	}
	a := &auditor{s: s, opt: opt, cal: cal, edges: edges}
	a.buildDays()
	a.pillarIdx = make(map[string]int, len(s.Pillars))
	for i, p := range s.Pillars {
		a.pillarIdx[p.ID] = i
		a.pillarAlt = append(a.pillarAlt, strings.ToLower(p.ID), strings.ToLower(p.Name))
	}
	a.pillarPost = make([]int64, len(s.Pillars))
	a.pillarEng = make([]engTotals, len(s.Pillars))
	a.tacticIdx = make(map[string]int, len(s.Tactics))
	for i, t := range s.Tactics {
		a.tacticIdx[t.ID] = i
	}
	a.tactics = make([]tacticTotals, len(s.Tactics))
	a.chanIdx = make(map[string]int, len(s.Channels))
	for i := range s.Channels {
		ch, err := a.newChannel(&s.Channels[i])
		if err != nil {
			return nil, err
		}
		a.chanIdx[ch.c.ID] = i
		a.channels = append(a.channels, ch)
	}
	a.placeSlots()
	a.classify = newClassifier(s.Pillars)
	a.engagementDefinition()
	a.prepareInfluencers()
	if opt.Mentions != nil {
		r, err := newResponses(s, a)
		if err != nil {
			return nil, err
		}
		a.resp = r
	}
	return a, nil
}

// buildDays lays out the period's days, ISO weeks and calendar months.
func (a *auditor) buildDays() {
	from, to := a.opt.From.Time(), a.opt.To.Time()
	a.days = int(to.Sub(from).Hours()/24 + 0.5)
	weekOf := map[string]int{}
	monthOf := map[string]int{}
	for i := 0; i < a.days; i++ {
		d := from.AddDate(0, 0, i)
		y, w := d.ISOWeek()
		key := fmt.Sprintf("%04d-W%02d", y, w)
		wi, ok := weekOf[key]
		if !ok {
			wd := (int(d.Weekday()) + 6) % 7
			monday := strategy.DateOf(d.AddDate(0, 0, -wd))
			whole := !monday.Before(a.opt.From) && !a.opt.To.Before(monday.AddDays(7))
			wi = len(a.weeks)
			weekOf[key] = wi
			a.weeks = append(a.weeks, week{key: key, monday: monday, whole: whole})
		}
		mkey := d.Format("2006-01")
		mi, ok := monthOf[mkey]
		if !ok {
			mi = len(a.months)
			monthOf[mkey] = mi
			a.months = append(a.months, mkey)
		}
		a.dayWeek = append(a.dayWeek, wi)
		a.dayMonth = append(a.dayMonth, mi)
		a.dayWkday = append(a.dayWkday, (int(d.Weekday())+6)%7)
	}
}

func (a *auditor) newChannel(c *strategy.Channel) (*channel, error) {
	tz := c.Timezone
	if tz == "" {
		tz = a.s.Brand.Timezone
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("channel %s: timezone %q: %w", c.ID, tz, err)
	}
	ch := &channel{
		c:             c,
		tz:            tz,
		loc:           loc,
		start:         make([]int64, a.days+1),
		plannedWeek:   make([]int, len(a.weeks)),
		publishedWeek: make([]int64, len(a.weeks)),
		plannedPillar: make([]int, len(a.s.Pillars)),
		pillarPosts:   make([]int64, len(a.s.Pillars)),
		clicksWeek:    make([]int64, len(a.weeks)),
		clickedWeek:   make([]int64, len(a.weeks)),
	}
	if len(c.Cadence) > 1 {
		ch.plannedCad = make([][]int, len(c.Cadence))
		for k := range ch.plannedCad {
			ch.plannedCad[k] = make([]int, len(a.weeks))
		}
		ch.plannedOther = make([]int, len(a.weeks))
	}
	for i := 0; i <= a.days; i++ {
		d := a.opt.From.AddDays(i)
		ch.start[i] = planner.Resolve(loc, d.Year, d.Month, d.Day, 0, 0).Unix()
	}
	return ch, nil
}

// day returns the index of the local day holding instant t, or -1 when t
// lies outside the period.
func (ch *channel) day(t int64) int {
	n := len(ch.start) - 1
	if t < ch.start[0] || t >= ch.start[n] {
		return -1
	}
	i := int((t - ch.start[0]) / 86400)
	if i >= n {
		i = n - 1
	}
	for ch.start[i] > t {
		i--
	}
	for ch.start[i+1] <= t {
		i++
	}
	return i
}

// hour returns the local hour (0–23) of instant t on local day i.
func (ch *channel) hour(t int64, i int) int {
	if ch.start[i+1]-ch.start[i] == 86400 {
		return int((t - ch.start[i]) / 3600)
	}
	return time.Unix(t, 0).In(ch.loc).Hour() // a day with a clock change
}

// placeSlots counts the planned slots per channel, week and pillar, and
// records tactic occurrences and slot instants for timing.
func (a *auditor) placeSlots() {
	for _, sl := range a.edges {
		if ci, ok := a.chanIdx[sl.Channel]; ok {
			a.channels[ci].slots = append(a.channels[ci].slots, sl.Start.Unix())
		}
	}
	for i := range a.cal.Slots {
		sl := &a.cal.Slots[i]
		ci, ok := a.chanIdx[sl.Channel]
		if !ok {
			continue
		}
		ch := a.channels[ci]
		ch.slots = append(ch.slots, sl.Start.Unix())
		day := ch.day(sl.Start.Unix())
		if day < 0 {
			continue
		}
		ch.planned++
		ch.plannedWeek[a.dayWeek[day]]++
		if ch.plannedCad != nil {
			if k := sl.Cadence - 1; k >= 0 && k < len(ch.plannedCad) {
				ch.plannedCad[k][a.dayWeek[day]]++
			} else {
				ch.plannedOther[a.dayWeek[day]]++
			}
		}
		if pi, ok := a.pillarIdx[sl.Pillar]; ok {
			ch.plannedPillar[pi]++
		}
		if ti, ok := a.tacticIdx[sl.Tactic]; ok {
			k := occKey{tactic: ti, channel: ci, day: day}
			if a.occIdx == nil {
				a.occIdx = make(map[occKey]int)
			}
			if _, dup := a.occIdx[k]; !dup {
				a.occIdx[k] = len(a.occs)
				a.occs = append(a.occs, occurrence{occKey: k})
			}
		}
	}
	for _, ch := range a.channels {
		sort.Slice(ch.slots, func(i, j int) bool { return ch.slots[i] < ch.slots[j] })
	}
	a.cal, a.edges = nil, nil // all that is needed of the plans is placed
}

// nearSlot reports whether a planned slot lies within tol seconds of t.
func (ch *channel) nearSlot(t, tol int64) bool {
	// The first slot at or after t, by binary search.
	i, j := 0, len(ch.slots)
	for i < j {
		h := int(uint(i+j) >> 1)
		if ch.slots[h] < t {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(ch.slots) && ch.slots[i]-t <= tol {
		return true
	}
	return i > 0 && t-ch.slots[i-1] <= tol
}

func (a *auditor) engagementDefinition() {
	a.interactions = []Metric{Likes, Comments, Shares, Saves, Clicks}
	a.denominator = Reach
	if a.s.KPIs == nil || a.s.KPIs.EngagementRate == nil {
		return
	}
	k := a.s.KPIs.EngagementRate
	if len(k.Interactions) > 0 {
		a.interactions = a.interactions[:0:0]
		for _, name := range k.Interactions {
			if m, ok := MetricByName(name); ok {
				a.interactions = append(a.interactions, m)
			}
		}
	}
	if m, ok := MetricByName(k.Denominator); ok {
		a.denominator = m
	}
	a.meanOfPosts = k.Aggregation == "mean_of_posts"
}

func (a *auditor) prepareInfluencers() {
	n := len(a.s.Influencers)
	a.handles = make(map[string][]int, n)
	a.infMonths = make([][]int64, n)
	a.paidPartner = make([]bool, n)
	for i, inf := range a.s.Influencers {
		h := strings.ToLower(strings.TrimPrefix(inf.Handle, "@"))
		a.handles[h] = append(a.handles[h], i)
		a.infMonths[i] = make([]int64, len(a.months))
		a.paidPartner[i] = inf.Relationship == "paid" && inf.Status == "partner"
	}
	if c := a.s.Community; c != nil {
		a.discTags = make(map[string]bool, len(c.DisclosureTags))
		for _, t := range c.DisclosureTags {
			a.discTags[strings.ToLower(strings.TrimPrefix(t, "#"))] = true
		}
		a.disclosure.Tags = append([]string{}, c.DisclosureTags...)
	}
}

// channelOf returns the index of the channel whose id is b. A strategy
// has a handful of channels, and comparing their ids one by one is faster
// than hashing b for a map.
func (a *auditor) channelOf(b []byte) (int, bool) {
	if len(a.channels) > 16 {
		if i, ok := a.chanIdx[string(b)]; ok {
			return i, true
		}
		return a.channelFold(b)
	}
	for i, ch := range a.channels {
		if ch.c.ID == string(b) {
			return i, true
		}
	}
	return a.channelFold(b)
}

// channelFold finds a channel whose id differs from b only in case, as in
// exports that write "Instagram" for the instagram channel.
func (a *auditor) channelFold(b []byte) (int, bool) {
	for i, ch := range a.channels {
		if strings.EqualFold(ch.c.ID, string(b)) {
			return i, true
		}
	}
	return 0, false
}

// pillarOf resolves a pillar column: a pillar id, else an id or name in
// another case. It returns -1 for an unknown value.
func (a *auditor) pillarOf(b []byte) int {
	for i := range a.s.Pillars {
		if a.s.Pillars[i].ID == string(b) {
			return i
		}
	}
	s := strings.ToLower(strings.TrimSpace(string(b)))
	for i, alt := range a.pillarAlt {
		if alt == s {
			return i / 2
		}
	}
	return -1
}

// admit sorts a readable row into the reconciliation: a repeated id is
// rejected, then a channel the strategy does not have is unknown, then a
// local date outside the period is outside; what is left is used. It
// returns the channel's index and the local day for a used row.
func (a *auditor) admit(c *rowCounts, line int64, id, channel []byte, t int64) (ci, day int, ok bool) {
	if ci, ok = a.admitRow(c, line, id, channel); !ok {
		return 0, 0, false
	}
	if day, ok = a.inPeriod(c, ci, t); !ok {
		return 0, 0, false
	}
	return ci, day, true
}

// admitRow is the first half of admit, the same whatever the period: a
// repeated id is rejected, an unknown channel counted.
func (a *auditor) admitRow(c *rowCounts, line int64, id, channel []byte) (ci int, ok bool) {
	if !c.ids.add(channel, id) {
		c.duplicate(line, id)
		return 0, false
	}
	if ci, ok = a.channelOf(channel); !ok {
		c.unknownChannel(channel)
		return 0, false
	}
	return ci, true
}

// inPeriod is the second half of admit: it counts a row of channel ci at
// instant t as used or outside the period.
func (a *auditor) inPeriod(c *rowCounts, ci int, t int64) (day int, ok bool) {
	if day = a.channels[ci].day(t); day < 0 {
		c.outside++
		return 0, false
	}
	c.used++
	return day, true
}

// post takes one readable row of post history.
func (a *auditor) post(p *Post) error {
	t := p.PublishedAt.Unix()
	ci, day, ok := a.admit(&a.posts, p.Line, p.ID, p.Channel, t)
	if !ok {
		return nil
	}
	a.usePost(p, ci, day, t)
	return nil
}

// usePost counts a used post of channel ci on the period's day.
func (a *auditor) usePost(p *Post, ci, day int, t int64) {
	ch := a.channels[ci]
	ch.posts++
	ch.publishedWeek[a.dayWeek[day]]++

	// Pillar: the column, else hashtags and keywords in the text.
	pi := -1
	if len(p.Pillar) > 0 {
		if pi = a.pillarOf(p.Pillar); pi < 0 {
			a.unknownPillars.add(p.Pillar)
		}
	}
	var toks *tokens
	if pi < 0 && len(a.s.Pillars) > 0 {
		toks = a.classify.tokenize(p.Text)
		if pi = a.classify.pillar(toks); pi >= 0 {
			ch.byKeyword++
			a.byKeyword++
		}
	}
	if pi >= 0 {
		ch.pillarPosts[pi]++
		a.pillarPost[pi]++
	} else {
		ch.unclass++
		a.unclass++
	}

	// Timing.
	if len(ch.slots) > 0 {
		ch.timed++
		if ch.nearSlot(t, int64(a.opt.Tolerance/time.Second)) {
			ch.onTime++
		}
	}

	// Tactics.
	if len(p.Tactic) > 0 {
		if ti, ok := a.tacticIdx[string(p.Tactic)]; ok {
			a.tactics[ti].posts++
			if oi, ok := a.occIdx[occKey{tactic: ti, channel: ci, day: day}]; ok {
				a.occs[oi].done = true
				a.measureOcc(oi, p)
			}
		} else {
			a.unknownTactics.add(p.Tactic)
		}
	}

	// Influencers and disclosure.
	if len(p.Mentions) > 0 && len(a.handles) > 0 {
		paid := a.countMentions(p.Mentions, ch.c.Platform, a.dayMonth[day])
		if paid >= 0 {
			a.disclosure.Checked++
			if toks == nil {
				toks = a.classify.tokenize(p.Text)
			}
			if a.disclosed(toks) {
				a.disclosure.Disclosed++
			} else {
				a.disclosure.MissingCount++
				if len(a.disclosure.Missing) < MaxListed {
					a.disclosure.Missing = append(a.disclosure.Missing, Undisclosed{
						Line:       p.Line,
						ID:         string(p.ID),
						Channel:    ch.c.ID,
						Date:       a.opt.From.AddDays(day),
						Influencer: a.s.Influencers[paid].Handle,
					})
				}
			}
		}
	}

	// Engagement.
	var eng int64
	for _, m := range a.interactions {
		eng += p.Metrics[m]
	}
	den := p.Metrics[a.denominator]
	ok := p.HasMetric(a.denominator) && den > 0
	a.eng.add(eng, den, ok)
	ch.eng.add(eng, den, ok)
	if pi >= 0 {
		a.pillarEng[pi].add(eng, den, ok)
	}
	if ok {
		ch.hours[a.dayWkday[day]*24+ch.hour(t, day)].add(eng, den, true)
	}
	if p.HasMetric(Reach) {
		a.reach += p.Metrics[Reach]
		a.reachPosts++
	}

	// Growth and traffic.
	if p.HasMetric(Followers) {
		ch.followers.add(t, p.Metrics[Followers])
	}
	if p.HasMetric(Clicks) {
		w := a.dayWeek[day]
		ch.clicksWeek[w] += p.Metrics[Clicks]
		ch.clickedWeek[w]++
	}
}

// countMentions counts the influencers a post's mentions column names on
// the post's platform, each once, and returns the index of a paid partner
// among them, or -1.
func (a *auditor) countMentions(list []byte, platform string, month int) int {
	paid := -1
	a.seenInf = a.seenInf[:0]
	for len(list) > 0 {
		// Handles are separated by spaces, commas or semicolons.
		i := 0
		for i < len(list) && !isHandleSep(list[i]) {
			i++
		}
		tok := list[:i]
		list = list[min(i+1, len(list)):]
		for len(tok) > 0 && tok[0] == '@' {
			tok = tok[1:]
		}
		if len(tok) == 0 {
			continue
		}
		idx, ok := a.handles[string(tok)]
		if !ok && hasUpper(tok) {
			a.lower = appendLower(a.lower[:0], tok)
			idx, ok = a.handles[string(a.lower)]
		}
		if !ok {
			continue
		}
		for _, ii := range idx {
			if a.s.Influencers[ii].Platform != platform || slices.Contains(a.seenInf, ii) {
				continue
			}
			a.seenInf = append(a.seenInf, ii)
			a.infMonths[ii][month]++
			if a.paidPartner[ii] && paid < 0 {
				paid = ii
			}
		}
	}
	return paid
}

// hasUpper reports whether b has a byte that lower-casing may change.
func hasUpper(b []byte) bool {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// appendLower appends b lower-cased to dst.
func appendLower(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += n
	}
	return dst
}

func isHandleSep(c byte) bool { return c == ' ' || c == ',' || c == ';' || c == '\t' }

// disclosed reports whether a post's hashtags include a disclosure tag.
func (a *auditor) disclosed(t *tokens) bool {
	for _, tok := range t.list {
		if tok.hashtag && a.discTags[string(t.text[tok.start:tok.end])] {
			return true
		}
	}
	return false
}
