package audit

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/internal/numfmt"
	"github.com/pillar-strategy/pillar/strategy"
)

// report assembles the Report from the totals.
func (a *auditor) report() *Report {
	s := a.s
	r := &Report{
		Brand:    s.Brand.Name,
		From:     a.opt.From,
		To:       a.opt.To,
		Timezone: s.Brand.Timezone,
		Posts:    a.posts.rec,
		Channels: []ChannelInfo{},
	}
	for _, ch := range a.channels {
		r.Channels = append(r.Channels, ChannelInfo{ID: ch.c.ID, Platform: ch.c.Platform, Handle: ch.c.Handle, Timezone: ch.tz})
	}
	if a.resp != nil {
		m := a.mentions.rec
		r.Mentions = &m
		r.Responses = a.resp.report()
		r.Sentiment = a.sentimentReport(a.mtot)
		r.Volume = a.volumeReport(a.mtot)
		if a.mtot != nil {
			r.Voices = a.mtot.voices.report()
		}
	}
	r.Cadence = a.cadence()
	r.Mix = a.mix()
	r.Timing = a.timing()
	r.Tactics = a.tacticResults()
	r.Influencers = a.influencerResults()
	r.Engagement = a.engagement()
	r.Growth = a.growth()
	r.Clicks = a.clicks()
	r.Disclosure = a.disclosure
	if r.Disclosure.Tags == nil {
		r.Disclosure.Tags = []string{}
	}
	if r.Disclosure.Missing == nil {
		r.Disclosure.Missing = []Undisclosed{}
	}
	r.Posts.UnknownPillars = a.unknownPillars.list()
	r.Posts.UnknownTactics = a.unknownTactics.list()
	r.Recommendations = a.recommendations(r)
	r.Verdict = a.verdict(r)
	a.tacticKPIResults(r)
	return r
}

func (a *auditor) cadence() CadenceReport {
	rep := CadenceReport{Channels: []ChannelCadence{}}
	totals := make([]WeekTotal, len(a.weeks))
	for i, w := range a.weeks {
		totals[i] = WeekTotal{Week: w.key, Start: w.monday}
	}
	for _, ch := range a.channels {
		for i := range a.weeks {
			totals[i].Planned += ch.plannedWeek[i]
			totals[i].Published += ch.publishedWeek[i]
		}
		if len(ch.c.Cadence) == 0 {
			continue
		}
		cc := ChannelCadence{
			Channel:    ch.c.ID,
			Platform:   ch.c.Platform,
			Timezone:   ch.tz,
			MinPerWeek: ch.c.Cadence.MinPerWeek(),
			Rows:       []WeekCount{},
			Missed:     []string{},
		}
		for i, w := range a.weeks {
			if !w.whole {
				continue
			}
			wc := WeekCount{
				Week:      w.key,
				Start:     w.monday,
				Planned:   ch.plannedWeek[i],
				Required:  ch.required(i),
				Published: int(ch.publishedWeek[i]),
			}
			// A week blacked out whole requires nothing: shown, not judged.
			wc.Judged = wc.Required > 0
			if wc.Judged {
				wc.Kept = wc.Published >= wc.Required
				cc.Weeks++
				if wc.Kept {
					cc.Kept++
				} else {
					cc.Missed = append(cc.Missed, w.key)
				}
			}
			cc.Rows = append(cc.Rows, wc)
		}
		cc.Adherence = percent(int64(cc.Kept), int64(cc.Weeks))
		rep.Weeks += cc.Weeks
		rep.Kept += cc.Kept
		rep.Channels = append(rep.Channels, cc)
	}
	rep.Adherence = percent(int64(rep.Kept), int64(rep.Weeks))
	rep.Totals = totals
	return rep
}

// required is how many posts week i of the channel requires: its
// cadences' minimum, or as many posts as the plan has when it has fewer
// (a blackout, a cadence that starts or a channel that is launched that
// week). With several cadences each cadence requires its own minimum or
// its own planned posts if fewer, and posts planned at no cadence's time
// (tactics', campaigns' extra) make up for a shortfall as far as the sum
// of the minimums: min(Σ min_k, Σ min(min_k, planned_k) + planned_other).
// With one cadence that is min(min_per_week, planned).
func (ch *channel) required(i int) int {
	if ch.plannedCad == nil {
		return min(ch.c.Cadence.MinPerWeek(), ch.plannedWeek[i])
	}
	n := ch.plannedOther[i]
	for k, cd := range ch.c.Cadence {
		n += min(cd.MinPerWeek, ch.plannedCad[k][i])
	}
	return min(ch.c.Cadence.MinPerWeek(), n)
}

func (a *auditor) mix() MixReport {
	rep := MixReport{Channels: []PillarMix{}}
	if k := a.s.KPIs; k != nil && k.PillarTolerance != nil {
		rep.Tolerance = ptr(k.PillarTolerance.Target)
	}
	planned := make([]int, len(a.s.Pillars))
	var posts int64
	for _, ch := range a.channels {
		for i, n := range ch.plannedPillar {
			planned[i] += n
		}
		posts += ch.posts
		rep.Channels = append(rep.Channels, a.pillarMix(ch.c.ID, ch.plannedPillar, ch.pillarPosts, ch.posts, ch.byKeyword, ch.unclass))
	}
	rep.Overall = a.pillarMix("", planned, a.pillarPost, posts, a.byKeyword, a.unclass)
	return rep
}

func (a *auditor) pillarMix(channel string, planned []int, got []int64, posts, byKeyword, unclass int64) PillarMix {
	m := PillarMix{
		Channel:      channel,
		Posts:        posts,
		ByKeyword:    byKeyword,
		Unclassified: unclass,
		Pillars:      []PillarShare{},
	}
	var total int
	for _, n := range planned {
		total += n
	}
	for _, n := range got {
		m.Classified += n
	}
	for i, p := range a.s.Pillars {
		ps := PillarShare{Pillar: p.ID, Name: p.Name, Planned: planned[i], Posts: got[i]}
		if total > 0 {
			ps.Target = 100 * float64(planned[i]) / float64(total)
		}
		if m.Classified > 0 {
			ps.Actual = 100 * float64(got[i]) / float64(m.Classified)
		}
		ps.Delta = ps.Actual - ps.Target
		m.Pillars = append(m.Pillars, ps)
	}
	if m.Classified == 0 || total == 0 {
		return m
	}
	var dev, chi float64
	k := 0
	offPlan := false
	for _, ps := range m.Pillars {
		dev = math.Max(dev, math.Abs(ps.Delta))
		if ps.Planned == 0 {
			offPlan = offPlan || ps.Posts > 0
			continue
		}
		k++
		exp := float64(m.Classified) * float64(ps.Planned) / float64(total)
		d := float64(ps.Posts) - exp
		chi += d * d / exp
	}
	m.MaxDeviation = ptr(dev)
	if k < 2 {
		return m
	}
	m.DF = k - 1
	if offPlan {
		// Posts in a pillar the plan gives no slots: the statistic is
		// infinite and the mix certainly differs from the plan.
		m.PValue = ptr(0.0)
		return m
	}
	m.ChiSquare = ptr(chi)
	m.PValue = ptr(chiSquarePValue(chi, m.DF))
	return m
}

func (a *auditor) timing() TimingReport {
	rep := TimingReport{ToleranceSeconds: int64(a.opt.Tolerance / time.Second), Channels: []ChannelTiming{}}
	for _, ch := range a.channels {
		if len(ch.slots) == 0 {
			continue
		}
		rep.Posts += ch.timed
		rep.OnTime += ch.onTime
		rep.Channels = append(rep.Channels, ChannelTiming{Channel: ch.c.ID, Posts: ch.timed, OnTime: ch.onTime, Share: percent(ch.onTime, ch.timed)})
	}
	rep.Share = percent(rep.OnTime, rep.Posts)
	return rep
}

func (a *auditor) tacticResults() []TacticResult {
	out := make([]TacticResult, len(a.s.Tactics))
	for i, t := range a.s.Tactics {
		out[i] = TacticResult{Tactic: t.ID, Name: t.Name, Posts: a.tactics[i].posts, Done: []Occurrence{}, Missed: []Occurrence{}}
	}
	occs := append([]occurrence{}, a.occs...)
	sort.Slice(occs, func(i, j int) bool {
		x, y := occs[i], occs[j]
		if x.day != y.day {
			return x.day < y.day
		}
		return x.channel < y.channel
	})
	for _, o := range occs {
		tr := &out[o.tactic]
		tr.Planned++
		oc := Occurrence{Date: a.opt.From.AddDays(o.day), Channel: a.channels[o.channel].c.ID}
		if o.done {
			tr.Executed++
			tr.Done = append(tr.Done, oc)
		} else {
			tr.Missed = append(tr.Missed, oc)
		}
	}
	return out
}

func (a *auditor) influencerResults() []InfluencerResult {
	out := make([]InfluencerResult, 0, len(a.s.Influencers))
	for i, inf := range a.s.Influencers {
		ir := InfluencerResult{
			Handle:       inf.Handle,
			Name:         inf.Name,
			Status:       inf.Status,
			Relationship: inf.Relationship,
			Cap:          inf.MaxMentionsPerMonth,
			Months:       []MonthCount{},
		}
		for mi, n := range a.infMonths[i] {
			over := ir.Cap > 0 && n > int64(ir.Cap)
			ir.Mentions += n
			ir.OverCap = ir.OverCap || over
			ir.Months = append(ir.Months, MonthCount{Month: a.months[mi], Mentions: n, Over: over})
		}
		ir.NeverMentioned = ir.Mentions == 0 && (inf.Status == "engaged" || inf.Status == "partner")
		out = append(out, ir)
	}
	return out
}

func (a *auditor) engagement() EngagementReport {
	rep := EngagementReport{Channels: []EngagementStats{}, Pillars: []EngagementStats{}}
	def := &rep.Definition
	for _, m := range a.interactions {
		def.Interactions = append(def.Interactions, m.String())
	}
	def.Denominator = a.denominator.String()
	def.Aggregation = "ratio_of_sums"
	if a.meanOfPosts {
		def.Aggregation = "mean_of_posts"
	}
	if k := a.s.KPIs; k != nil && k.EngagementRate != nil {
		def.Declared = true
		rep.Target = ptr(k.EngagementRate.Target)
	}
	def.Footnote = engagementFootnote(def)
	stats := func(key string, e *engTotals) EngagementStats {
		st := EngagementStats{Key: key, Posts: e.posts, Excluded: e.excluded, Engagement: e.eng, Denominator: e.den, Rate: e.rate(a.meanOfPosts)}
		if rep.Target != nil && st.Rate != nil {
			st.Met = ptr(*st.Rate >= *rep.Target)
		}
		return st
	}
	rep.Overall = stats("", &a.eng)
	for _, ch := range a.channels {
		rep.Channels = append(rep.Channels, stats(ch.c.ID, &ch.eng))
	}
	for i, p := range a.s.Pillars {
		rep.Pillars = append(rep.Pillars, stats(p.ID, &a.pillarEng[i]))
	}
	return rep
}

func engagementFootnote(d *EngagementDefinition) string {
	var b strings.Builder
	b.WriteString("Engagement is ")
	if len(d.Interactions) == 0 {
		b.WriteString("nothing")
	}
	b.WriteString(joinAnd(d.Interactions))
	b.WriteString("; the rate is ")
	if d.Aggregation == "mean_of_posts" {
		fmt.Fprintf(&b, "the mean over posts of each post's engagement divided by its %s", d.Denominator)
	} else {
		fmt.Fprintf(&b, "the sum of engagement divided by the sum of %s", d.Denominator)
	}
	fmt.Fprintf(&b, ", over posts with a %s above zero (others are left out and counted)", d.Denominator)
	if !d.Declared {
		b.WriteString(". The strategy declares no engagement KPI, so these are Pillar's defaults")
	}
	b.WriteString(".")
	return b.String()
}

// joinAnd lists words as a sentence does: "a, b and c".
func joinAnd(list []string) string { return joinWords(list, "and") }

// joinWords lists words with conj before the last: "a, b or c".
func joinWords(list []string, conj string) string {
	switch len(list) {
	case 0:
		return ""
	case 1:
		return list[0]
	}
	return strings.Join(list[:len(list)-1], ", ") + " " + conj + " " + list[len(list)-1]
}

var weekdayNames = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Recommendation thresholds: a pillar whose rate is this many times the
// overall rate (or less than its inverse) is called out.
const (
	overperform  = 1.25
	underperform = 0.8
	bestHours    = 3
)

func (a *auditor) recommendations(r *Report) []Recommendation {
	out := []Recommendation{}
	for _, ch := range a.channels {
		var hours []HourRate
		for b := range ch.hours {
			h := &ch.hours[b]
			if h.posts < int64(a.opt.MinSample) {
				continue
			}
			hours = append(hours, HourRate{Weekday: weekdayNames[b/24], Hour: b % 24, Posts: h.posts, Rate: *h.rate(a.meanOfPosts)})
		}
		if len(hours) < 2 {
			continue
		}
		sort.SliceStable(hours, func(i, j int) bool {
			if hours[i].Rate != hours[j].Rate {
				return hours[i].Rate > hours[j].Rate
			}
			return hours[i].Posts > hours[j].Posts
		})
		hours = hours[:min(bestHours, len(hours))]
		var when []string
		for _, h := range hours {
			when = append(when, fmt.Sprintf("%s %02d:00 (%.1f%% over %s)", strings.ToUpper(h.Weekday[:1])+h.Weekday[1:], h.Hour, h.Rate, numfmt.Count(h.Posts, "post", "")))
		}
		out = append(out, Recommendation{
			Kind:    "best_hours",
			Channel: ch.c.ID,
			Text:    fmt.Sprintf("%s engaged best at %s (%s time); try moving slots there.", strategy.ChannelName(ch.c.ID, ch.c.Platform), joinAnd(when), ch.tz),
			Hours:   hours,
		})
	}
	overall := r.Engagement.Overall.Rate
	if overall == nil || *overall <= 0 {
		return out
	}
	for i, p := range a.s.Pillars {
		st := r.Engagement.Pillars[i]
		if st.Rate == nil || st.Posts < int64(max(2*a.opt.MinSample, 10)) {
			continue
		}
		ratio := *st.Rate / *overall
		switch {
		case ratio >= overperform:
			out = append(out, Recommendation{
				Kind:   "pillar_overperforms",
				Pillar: p.ID,
				Text:   fmt.Sprintf("%s engages at %.2f%%, %.1f× the overall %.2f%%: consider more weight than %s%% next quarter.", p.Name, *st.Rate, ratio, *overall, trimFloat(p.Weight)),
			})
		case ratio <= underperform:
			out = append(out, Recommendation{
				Kind:   "pillar_underperforms",
				Pillar: p.ID,
				Text:   fmt.Sprintf("%s engages at %.2f%%, %.1f× the overall %.2f%%: try new formats or less weight than %s%% next quarter.", p.Name, *st.Rate, ratio, *overall, trimFloat(p.Weight)),
			})
		}
	}
	return out
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func (a *auditor) verdict(r *Report) Verdict {
	v := Verdict{Pass: true, Checks: []Check{}}
	k := a.s.KPIs
	if k == nil {
		return v
	}
	add := func(c Check) {
		c.Counted = a.opt.FailOn == nil || slices.Contains(a.opt.FailOn, c.KPI)
		c.Measured = c.Actual != nil
		c.Met = c.Measured && c.Met
		if c.Measured && !c.Met && c.Counted {
			v.Pass = false
		}
		v.Checks = append(v.Checks, c)
	}
	if k.CadenceAdherence != nil {
		c := Check{KPI: KPICadence, Target: k.CadenceAdherence.Target, Unit: "%", Actual: r.Cadence.Adherence}
		if c.Actual != nil {
			c.Met = *c.Actual >= c.Target
			c.Detail = fmt.Sprintf("%d of %d channel-weeks kept their minimum", r.Cadence.Kept, r.Cadence.Weeks)
		} else {
			c.Detail = "not measured: no whole ISO week with posts required (blackouts aside) on a channel with a cadence"
		}
		add(c)
	}
	if k.PillarTolerance != nil {
		c := Check{KPI: KPIPillars, Target: k.PillarTolerance.Target, Unit: "pp", Actual: r.Mix.Overall.MaxDeviation}
		if c.Actual != nil {
			c.Met = *c.Actual <= c.Target
			worst := ""
			for _, ps := range r.Mix.Overall.Pillars {
				if math.Abs(ps.Delta) == *c.Actual {
					worst = ps.Name
					break
				}
			}
			c.Detail = fmt.Sprintf("largest deviation: %s, %+.1f pp over %d classified posts", worst, signedDelta(r.Mix.Overall.Pillars, worst), r.Mix.Overall.Classified)
		} else {
			c.Detail = "not measured: no classified post in the period"
		}
		add(c)
	}
	if k.ResponseWithinSLA != nil {
		c := Check{KPI: KPIResponse, Target: k.ResponseWithinSLA.Target, Unit: "%"}
		switch {
		case r.Responses == nil:
			c.Detail = "not measured: no mention log given (--mentions)"
		case r.Responses.Overall.Share == nil:
			c.Detail = "not measured: no mention with an SLA in the period"
		default:
			o := r.Responses.Overall
			c.Actual = o.Share
			c.Met = *c.Actual >= c.Target
			c.Detail = fmt.Sprintf("%d of %d mentions answered within their SLA", o.WithinSLA, o.Mentions-o.NoSLA)
		}
		add(c)
	}
	if k.EngagementRate != nil {
		c := Check{KPI: KPIEngagement, Target: k.EngagementRate.Target, Unit: "%", Actual: r.Engagement.Overall.Rate}
		if c.Actual != nil {
			c.Met = *c.Actual >= c.Target
			c.Detail = fmt.Sprintf("over %s with %s", numfmt.Count(r.Engagement.Overall.Posts, "post", ""), r.Engagement.Definition.Denominator)
		} else {
			c.Detail = fmt.Sprintf("not measured: no post in the period has %s", r.Engagement.Definition.Denominator)
		}
		add(c)
	}
	if k.ReachPerWeek != nil {
		c := Check{KPI: KPIReach, Target: k.ReachPerWeek.Target, Unit: ""}
		if a.reachPosts > 0 {
			weeks := float64(a.days) / 7
			c.Actual = ptr(float64(a.reach) / weeks)
			c.Met = *c.Actual >= c.Target
			c.Detail = fmt.Sprintf("%s reach over %.1f weeks, summed over %s and channels", numfmt.Int(a.reach), weeks, numfmt.Count(a.reachPosts, "post", ""))
			if n := a.posts.used - a.reachPosts; n > 0 {
				c.Detail += fmt.Sprintf("; %s without reach", numfmt.Count(n, "post", ""))
			}
		} else {
			c.Detail = "not measured: no post in the period has a reach"
		}
		add(c)
	}
	if k.FollowerGrowth != nil {
		add(growthCheck(k.FollowerGrowth.Target, &r.Growth))
	}
	if k.ClicksPerWeek != nil {
		add(clicksCheck(k.ClicksPerWeek.Target, &r.Clicks))
	}
	if k.NegativeShare != nil {
		add(negativeCheck(k.NegativeShare.Target, r))
	}
	return v
}

func signedDelta(ps []PillarShare, name string) float64 {
	for _, p := range ps {
		if p.Name == name {
			return p.Delta
		}
	}
	return 0
}
