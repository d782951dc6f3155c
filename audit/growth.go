package audit

import (
	"fmt"
	"time"

	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// followerTrack keeps a channel's first and last follower counts by
// publication time: four numbers and a count, whatever the rows.
type followerTrack struct {
	posts           int64
	firstT, lastT   int64
	first, last     int64
	distinctInstant bool // two posts with followers went out at different times
}

// add takes a used post's followers. Among posts at the same second the
// first row read stays first and the first row read stays last, so the
// result does not depend on the order of rows that went out together.
func (f *followerTrack) add(t, followers int64) {
	f.posts++
	if f.posts == 1 {
		f.firstT, f.lastT, f.first, f.last = t, t, followers, followers
		return
	}
	if t < f.firstT {
		f.firstT, f.first = t, followers
	}
	if t > f.lastT {
		f.lastT, f.last = t, followers
	}
	f.distinctInstant = f.firstT < f.lastT
}

func (a *auditor) growth() GrowthReport {
	rep := GrowthReport{Channels: []ChannelGrowth{}}
	if k := a.s.KPIs; k != nil && k.FollowerGrowth != nil {
		rep.Target = ptr(k.FollowerGrowth.Target)
	}
	for _, ch := range a.channels {
		f := &ch.followers
		cg := ChannelGrowth{Channel: ch.c.ID, Posts: f.posts}
		switch {
		case f.posts == 0:
			cg.Reason = "no post in the period has followers"
		case !f.distinctInstant:
			cg.Reason = fmt.Sprintf("%s with followers, all at one time: growth needs posts at two different times", numfmt.Count(f.posts, "post", ""))
			if f.posts == 1 {
				cg.Reason = "one post in the period has followers: growth needs two, at different times"
			}
		default:
			cg.Measured = true
		}
		if f.posts > 0 {
			cg.FirstAt = time.Unix(f.firstT, 0).In(ch.loc).Format(time.RFC3339)
			cg.LastAt = time.Unix(f.lastT, 0).In(ch.loc).Format(time.RFC3339)
			cg.First, cg.Last = ptr(f.first), ptr(f.last)
		}
		if cg.Measured {
			cg.Change = ptr(f.last - f.first)
			if f.first > 0 {
				cg.Percent = ptr(100 * float64(f.last-f.first) / float64(f.first))
			}
			rep.Measured++
			rep.First += f.first
			rep.Last += f.last
		}
		rep.Channels = append(rep.Channels, cg)
	}
	rep.Change = rep.Last - rep.First
	if rep.Measured > 0 && rep.First > 0 {
		rep.Percent = ptr(100 * float64(rep.Change) / float64(rep.First))
	}
	return rep
}

func (a *auditor) clicks() ClicksReport {
	rep := ClicksReport{Channels: []ChannelClicks{}, Weeks: float64(a.days) / 7}
	if k := a.s.KPIs; k != nil && k.ClicksPerWeek != nil {
		rep.Target = ptr(k.ClicksPerWeek.Target)
	}
	rep.Totals = a.weekClicks()
	for _, ch := range a.channels {
		cc := ChannelClicks{Channel: ch.c.ID, Weeks: a.weekClicks()}
		for i := range a.weeks {
			cc.Weeks[i].Clicks = ch.clicksWeek[i]
			cc.Weeks[i].Posts = ch.clickedWeek[i]
			cc.Clicks += ch.clicksWeek[i]
			cc.Posts += ch.clickedWeek[i]
			rep.Totals[i].Clicks += ch.clicksWeek[i]
			rep.Totals[i].Posts += ch.clickedWeek[i]
		}
		if cc.Posts > 0 {
			cc.PerWeek = ptr(float64(cc.Clicks) / rep.Weeks)
		}
		rep.Clicks += cc.Clicks
		rep.Posts += cc.Posts
		rep.Channels = append(rep.Channels, cc)
	}
	rep.Missing = a.posts.used - rep.Posts
	if rep.Posts > 0 {
		rep.PerWeek = ptr(float64(rep.Clicks) / rep.Weeks)
	}
	return rep
}

// weekClicks returns an empty row for every week of the period.
func (a *auditor) weekClicks() []WeekClicks {
	out := make([]WeekClicks, len(a.weeks))
	for i, w := range a.weeks {
		out[i] = WeekClicks{Week: w.key, Start: w.monday, Whole: w.whole}
	}
	return out
}

// growthCheck is the follower_growth KPI.
func growthCheck(target float64, g *GrowthReport) Check {
	c := Check{KPI: KPIGrowth, Target: target, Unit: "%", Actual: g.Percent}
	switch {
	case g.Percent != nil:
		c.Met = *c.Actual >= c.Target
		c.Detail = fmt.Sprintf("%s → %s followers (%s) over %s measured", numfmt.Int(g.First), numfmt.Int(g.Last), signedInt(g.Change), numfmt.Count(int64(g.Measured), "channel", ""))
		if n := len(g.Channels) - g.Measured; n > 0 {
			c.Detail += fmt.Sprintf("; %s not measured", numfmt.Count(int64(n), "channel", ""))
		}
	case g.Measured > 0:
		c.Detail = "not measured: the measured channels had no followers at their first post"
	default:
		c.Detail = "not measured: no channel has posts with followers at two different times in the period"
	}
	return c
}

// clicksCheck is the clicks_per_week KPI.
func clicksCheck(target float64, cl *ClicksReport) Check {
	c := Check{KPI: KPIClicks, Target: target, Unit: "", Actual: cl.PerWeek}
	if c.Actual == nil {
		c.Detail = "not measured: no post in the period has clicks"
		return c
	}
	c.Met = *c.Actual >= c.Target
	c.Detail = fmt.Sprintf("%s link clicks over %.1f weeks, summed over %s and channels", numfmt.Int(cl.Clicks), cl.Weeks, numfmt.Count(cl.Posts, "post", ""))
	if cl.Missing > 0 {
		c.Detail += fmt.Sprintf("; %s without clicks", numfmt.Count(cl.Missing, "post", ""))
	}
	return c
}

// signedInt writes a change with its sign: +1 234, -56, 0.
func signedInt(n int64) string {
	if n > 0 {
		return "+" + numfmt.Int(n)
	}
	return numfmt.Int(n)
}
