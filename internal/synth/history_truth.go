package synth

import (
	"fmt"
	"slices"
	"time"
)

// truthAcc holds the truth's counters while rows are written. Its size
// depends on the strategy and the period, never on the number of rows.
type truthAcc struct {
	posts, ments Rows
	ch           []chanAcc
	executed     []bool   // per tactic occurrence
	occ          []occAcc // per tactic occurrence, once a tactic post is used
	eng          engDef
	infl         [][]int64 // per influencer, per month
	disc         DisclosureTruth
	mentions     typeAcc
	types        []typeAcc
	shorts       []shortWeek
	planted      []Planted
	plantedKinds map[string]int
	more         mentionAcc // sentiment, volume and voices
}

type chanAcc struct {
	posts                            int64
	weeks                            []int64
	pillars, byTextP                 []int64
	classified, byText, unclassified int64
	onTime, late                     int64
	engagement                       EngagementTruth
	clicks                           []int64 // per week
	followers                        int64   // used posts with followers
	firstT, lastT, first, last       int64
}

type typeAcc struct{ mentions, answered, within, noSLA int64 }

// shortWeek is a week planted short, reported with its final count.
type shortWeek struct{ ci, week, planned int }

func (a *truthAcc) init(g *histGen) {
	a.ch = make([]chanAcc, len(g.chans))
	for i := range a.ch {
		a.ch[i].weeks = make([]int64, len(g.weeks))
		a.ch[i].clicks = make([]int64, len(g.weeks))
		a.ch[i].pillars = make([]int64, len(g.pillars))
		a.ch[i].byTextP = make([]int64, len(g.pillars))
	}
	a.executed = make([]bool, len(g.occs))
	a.infl = make([][]int64, len(g.infl))
	for i := range a.infl {
		a.infl[i] = make([]int64, len(g.months))
	}
	a.types = make([]typeAcc, len(g.types))
	a.disc.MissingIDs = []string{}
	a.more.init(g)
}

// usePost counts a used post.
func (a *truthAcc) usePost(g *histGen, p *post) {
	a.posts.Used++
	c := &a.ch[p.ci]
	c.posts++
	c.weeks[g.weekOf(p.day)]++
	c.clicks[g.weekOf(p.day)] += p.m[mClicks]
	if f, ok := g.followers(p); ok {
		c.followers++
		if c.followers == 1 || p.at < c.firstT {
			c.firstT, c.first = p.at, f
		}
		if c.followers == 1 || p.at > c.lastT {
			c.lastT, c.last = p.at, f
		}
	}
	switch {
	case p.class < 0:
		c.unclassified++
	case p.byText:
		c.classified++
		c.byText++
		c.pillars[p.class]++
		c.byTextP[p.class]++
	default:
		c.classified++
		c.pillars[p.class]++
	}
	if p.onTime {
		c.onTime++
	} else {
		c.late++
	}
	e := &c.engagement
	add := func(s *Metrics) {
		s.Likes += p.m[mLikes]
		s.Comments += p.m[mComments]
		s.Shares += p.m[mShares]
		s.Saves += p.m[mSaves]
		s.Clicks += p.m[mClicks]
		s.Impressions += p.m[mImpressions]
		if p.reach == reachPresent {
			s.Reach += p.m[mReach]
		}
	}
	add(&e.All)
	if p.reach == reachPresent {
		e.Posts++
		e.Interactions += p.m[mLikes] + p.m[mComments] + p.m[mShares] + p.m[mSaves] + p.m[mClicks]
		e.Reach += p.m[mReach]
		add(&e.WithReach)
	} else {
		e.Excluded++
	}
	if p.occ >= 0 {
		a.executed[p.occ] = true
		a.tacticPost(g, p)
	}
	if p.n > 0 {
		month := g.monthOf(p.day)
		for _, k := range p.infl[:p.n] {
			a.infl[k][month]++
		}
	}
	if p.paid {
		a.disc.Checked++
		if !p.disclosed {
			a.disc.Missing++
			id := string(appendID(nil, 'P', p.id))
			if len(a.disc.MissingIDs) < 50 {
				a.disc.MissingIDs = append(a.disc.MissingIDs, id)
			}
			g.plant("undisclosed", fmt.Sprintf("post on %s mentions paid partner %s without a disclosure tag", g.chans[p.ci].id, g.infl[p.infl[0]].handle), []string{id}, p.line)
		}
	}
}

// useMention counts a used mention of type t.
func (a *truthAcc) useMention(t int, answered, within, noSLA bool) {
	a.ments.Used++
	for _, s := range []*typeAcc{&a.mentions, &a.types[t]} {
		s.mentions++
		if answered {
			s.answered++
		}
		if within {
			s.within++
		}
		if noSLA {
			s.noSLA++
		}
	}
}

// plant records a deliberate miss; rows of one kind are listed up to
// maxPlanted times.
func (g *histGen) plant(kind, detail string, ids []string, line int64) {
	a := &g.acc
	if a.plantedKinds == nil {
		a.plantedKinds = map[string]int{}
	}
	if a.plantedKinds[kind] >= maxPlanted {
		return
	}
	a.plantedKinds[kind]++
	a.planted = append(a.planted, Planted{Kind: kind, Detail: detail, IDs: ids, Line: line})
}

func (g *histGen) plantRow(kind, detail string, prefix byte, id, line int64) {
	if g.acc.plantedKinds[kind] >= maxPlanted {
		return
	}
	g.plant(kind, detail, []string{string(appendID(nil, prefix, id))}, line)
}

// truth turns the counters into the HistoryTruth.
func (g *histGen) truth() *HistoryTruth {
	a := &g.acc
	t := &HistoryTruth{Brand: g.s.Brand.Name, From: g.opt.From, To: g.opt.To, Seed: g.opt.Seed, Passes: g.pass,
		Slots: len(g.slots), Posts: a.posts, Mentions: a.ments}
	for ci, c := range g.chans {
		ca := &a.ch[ci]
		ct := ChannelTruth{Channel: c.id, Posts: ca.posts, Classified: ca.classified, ByText: ca.byText,
			Unclassified: ca.unclassified, OnTime: ca.onTime, Late: ca.late, Engagement: ca.engagement}
		for w, wk := range g.weeks {
			ct.Weeks = append(ct.Weeks, WeekTruth{Week: wk.Week, Start: wk.Start, Posts: ca.weeks[w], Clicks: ca.clicks[w]})
		}
		if ca.followers > 0 {
			ct.Followers = FollowersTruth{Posts: ca.followers, First: ca.first, Last: ca.last, Measured: ca.firstT < ca.lastT,
				FirstAt: time.Unix(ca.firstT, 0).In(c.loc).Format(time.RFC3339), LastAt: time.Unix(ca.lastT, 0).In(c.loc).Format(time.RFC3339)}
		}
		ct.Pillars = []PillarTruth{}
		for pi, p := range g.pillars {
			ct.Pillars = append(ct.Pillars, PillarTruth{Pillar: p.ID, Posts: ca.pillars[pi], ByText: ca.byTextP[pi]})
		}
		t.Channels = append(t.Channels, ct)
	}
	t.Tactics = []TacticTruth{}
	for k, tac := range g.s.Tactics {
		tt := TacticTruth{Tactic: tac.ID, MissedOn: []Occurrence{}}
		for o, oc := range g.occs {
			if oc.tactic != k {
				continue
			}
			tt.Planned++
			if a.executed[o] {
				tt.Executed++
			} else {
				tt.Missed++
				tt.MissedOn = append(tt.MissedOn, Occurrence{Date: g.opt.From.AddDays(oc.day), Channel: g.chans[oc.ci].id})
			}
		}
		tt.KPIs = g.tacticKPITruth(k)
		t.Tactics = append(t.Tactics, tt)
	}
	t.Influencers = []InfluencerTruth{}
	for k, in := range g.infl {
		it := InfluencerTruth{Handle: g.s.Influencers[k].Handle, Cap: in.cap}
		for m, name := range g.months {
			n := a.infl[k][m]
			it.Mentions += n
			it.Months = append(it.Months, MonthTruth{Month: name, Mentions: n})
			if in.cap > 0 && n > int64(in.cap) {
				it.OverCap = true
			}
		}
		t.Influencers = append(t.Influencers, it)
	}
	t.Disclosure = a.disc
	r := &t.Responses
	r.BusinessHours = g.bh != nil
	r.Mentions, r.Answered, r.Unanswered, r.NoSLA = a.mentions.mentions, a.mentions.answered, a.mentions.mentions-a.mentions.answered, a.mentions.noSLA
	known := func(n int64) *int64 {
		if g.bh != nil {
			return nil
		}
		return &n
	}
	r.WithinSLA = known(a.mentions.within)
	r.Types = []TypeTruth{}
	for i, typ := range g.types {
		s := a.types[i]
		r.Types = append(r.Types, TypeTruth{Type: typ, Mentions: s.mentions, Answered: s.answered,
			Unanswered: s.mentions - s.answered, WithinSLA: known(s.within)})
	}
	g.moreTruth(t)
	slices.SortFunc(a.shorts, func(x, y shortWeek) int { return x.week - y.week })
	for _, sw := range a.shorts {
		c := &g.chans[sw.ci]
		n := a.ch[sw.ci].weeks[sw.week]
		g.plant("short_week", fmt.Sprintf("channel %s publishes %d %s in %s: %d planned, a minimum of %d a week",
			c.id, n, plural(n, "post", "posts"), g.weeks[sw.week].Week, sw.planned, c.min), nil, 0)
	}
	for _, o := range g.overs {
		in := &g.infl[o.inf]
		g.plant("over_cap", fmt.Sprintf("influencer %s is mentioned %d times on %s in %s, over the cap of %d a month",
			g.s.Influencers[o.inf].Handle, a.infl[o.inf][o.month], in.platform, g.months[o.month], in.cap), nil, 0)
	}
	t.Planted = a.planted
	if t.Planted == nil {
		t.Planted = []Planted{}
	}
	return t
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
