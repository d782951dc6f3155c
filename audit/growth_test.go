package audit

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// growthPosts is worked out by hand for the shop strategy over 4–17
// January 2027 (ISO weeks W01 and W02; ig in Oslo, li in New York).
const growthPosts = `id,published_at,channel,clicks,followers
g1,2027-01-04T09:10:00+01:00,ig,0,1000
g2,2027-01-06T11:30:00+01:00,ig,5,1010
g3,2027-01-07T18:00:00+01:00,ig,,
g4,2027-01-04T09:10:00+01:00,ig,3,900
g5,2027-01-11T09:05:00+01:00,ig,12,1050
g6,2027-01-11T09:05:00+01:00,ig,1,2000
g7,2027-01-03T09:00:00+01:00,ig,100,10
g8,2027-01-05T12:00:00-05:00,li,10,500
g9,2027-01-17T23:30:00-05:00,li,4,
g10,2027-01-10T23:30:00+01:00,ig,7,980
g11,2027-01-04T08:00:00+01:00,ig,0,990
g12,2027-01-05T12:00:00-05:00,li,,510
x1,2027-01-05T10:00:00+01:00,tiktok,50,5
`

func growthShop() *strategy.Strategy {
	s := shop()
	s.KPIs.FollowerGrowth = &strategy.Target{Target: 5}
	s.KPIs.ClicksPerWeek = &strategy.Target{Target: 25}
	return s
}

func TestGrowth(t *testing.T) {
	r := runShopPosts(t, growthShop(), growthPosts)
	if r.Posts.Used != 11 {
		t.Fatalf("%d posts used, want 11 (g7 is outside, x1 on an unknown channel)", r.Posts.Used)
	}
	g := r.Growth
	if len(g.Channels) != 2 {
		t.Fatalf("channels %+v", g.Channels)
	}
	// ig: the earliest post with followers is g11 (08:00 on 4 January,
	// read after g1 and g4); the latest is g5 (11 January 09:05), and g6
	// at the same second, read later, does not replace it. g10 is neither.
	ig := g.Channels[0]
	if ig.Channel != "ig" || !ig.Measured || ig.Posts != 7 || ig.Reason != "" ||
		*ig.First != 990 || *ig.Last != 1050 || *ig.Change != 60 ||
		ig.FirstAt != "2027-01-04T08:00:00+01:00" || ig.LastAt != "2027-01-11T09:05:00+01:00" {
		t.Errorf("ig %+v", ig)
	}
	near(t, "ig percent", ig.Percent, 100*60.0/990)
	// li: g8 and g12 went out in the same second: one instant is no
	// growth. g9 has no followers.
	li := g.Channels[1]
	if li.Measured || li.Posts != 2 || *li.First != 500 || *li.Last != 500 || li.Change != nil || li.Percent != nil ||
		li.Reason != "2 posts with followers, all at one time: growth needs posts at two different times" {
		t.Errorf("li %+v", li)
	}
	if g.Measured != 1 || g.First != 990 || g.Last != 1050 || g.Change != 60 || g.Target == nil || *g.Target != 5 {
		t.Errorf("growth %+v", g)
	}
	near(t, "growth percent", g.Percent, 100*60.0/990)

	// Clicks: ig W01 g1 g2 g4 g10 g11 (g3 has none), W02 g5 g6; li W01
	// g8, W02 g9 (Sunday evening in New York, Monday 18 January in Oslo).
	c := r.Clicks
	if c.Clicks != 42 || c.Posts != 9 || c.Missing != 2 || c.Weeks != 2 || c.Target == nil || *c.Target != 25 {
		t.Errorf("clicks %+v", c)
	}
	near(t, "clicks per week", c.PerWeek, 21)
	want := []WeekClicks{{Week: "2027-W01", Start: date(2027, 1, 4), Whole: true, Clicks: 25, Posts: 6}, {Week: "2027-W02", Start: date(2027, 1, 11), Whole: true, Clicks: 17, Posts: 3}}
	if len(c.Totals) != 2 || c.Totals[0] != want[0] || c.Totals[1] != want[1] {
		t.Errorf("totals %+v, want %+v", c.Totals, want)
	}
	cig, cli := c.Channels[0], c.Channels[1]
	if cig.Clicks != 28 || cig.Posts != 7 || cig.Weeks[0].Clicks != 15 || cig.Weeks[0].Posts != 5 || cig.Weeks[1].Clicks != 13 {
		t.Errorf("ig clicks %+v", cig)
	}
	if cli.Clicks != 14 || cli.Posts != 2 || cli.Weeks[0].Clicks != 10 || cli.Weeks[1].Clicks != 4 {
		t.Errorf("li clicks %+v", cli)
	}
	near(t, "ig per week", cig.PerWeek, 14)
	near(t, "li per week", cli.PerWeek, 7)

	// The verdict: 6.06% ≥ 5% met, 21 < 25 a week missed.
	checks := map[string]Check{}
	var order []string
	for _, ch := range r.Verdict.Checks {
		checks[ch.KPI] = ch
		order = append(order, ch.KPI)
	}
	if got := strings.Join(order[len(order)-2:], ","); got != "follower_growth,clicks_per_week" {
		t.Errorf("verdict order %v", order)
	}
	if gc := checks[KPIGrowth]; !gc.Measured || !gc.Met || gc.Unit != "%" || gc.Detail != "990 → 1050 followers (+60) over 1 channel measured; 1 channel not measured" {
		t.Errorf("growth check %+v", gc)
	}
	if cc := checks[KPIClicks]; !cc.Measured || cc.Met || !cc.Counted || cc.Detail != "42 link clicks over 2.0 weeks, summed over 9 posts and channels; 2 posts without clicks" {
		t.Errorf("clicks check %+v", cc)
	}
	if r.Verdict.Pass {
		t.Error("clicks per week missed: the audit must fail")
	}
	r = runShop(t, growthShop(), Options{FailOn: []string{KPIGrowth}})
	for _, ch := range r.Verdict.Checks {
		if ch.Counted != (ch.KPI == KPIGrowth) {
			t.Errorf("--fail-on follower_growth: %s counted %v", ch.KPI, ch.Counted)
		}
	}
}

func TestGrowthNotMeasured(t *testing.T) {
	cases := []struct {
		name, posts string
		reason      [2]string
		detail      string
	}{
		{"one post on li", strings.Replace(growthPosts, "g12,2027-01-05T12:00:00-05:00,li,,510\n", "", 1),
			[2]string{"", "one post in the period has followers: growth needs two, at different times"}, ""},
		{"no followers column", "id,published_at,channel,clicks\ng1,2027-01-04T09:10:00+01:00,ig,3\n",
			[2]string{"no post in the period has followers", "no post in the period has followers"},
			"not measured: no channel has posts with followers at two different times in the period"},
		{"zero followers at the start", "id,published_at,channel,followers\ng1,2027-01-04T09:10:00+01:00,ig,0\ng2,2027-01-05T09:10:00+01:00,ig,40\n",
			[2]string{"", "no post in the period has followers"},
			"not measured: the measured channels had no followers at their first post"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runShopPosts(t, growthShop(), tc.posts)
			for i, cg := range r.Growth.Channels {
				if cg.Reason != tc.reason[i] || cg.Measured != (tc.reason[i] == "") {
					t.Errorf("%s: %+v, want reason %q", cg.Channel, cg, tc.reason[i])
				}
			}
			var gc Check
			for _, c := range r.Verdict.Checks {
				if c.KPI == KPIGrowth {
					gc = c
				}
			}
			if tc.detail == "" {
				if !gc.Measured {
					t.Errorf("growth check %+v", gc)
				}
				return
			}
			if gc.Measured || gc.Met || gc.Actual != nil || gc.Detail != tc.detail {
				t.Errorf("growth check %+v, want %q", gc, tc.detail)
			}
		})
	}
	// A measured channel with 0 followers at its first post has a change
	// but no percent.
	r := runShopPosts(t, growthShop(), cases[2].posts)
	if ig := r.Growth.Channels[0]; !ig.Measured || *ig.Change != 40 || ig.Percent != nil || r.Growth.Percent != nil {
		t.Errorf("growth from 0: %+v", r.Growth)
	}
	// Without a clicks value the clicks KPI is not measured, not 0.
	for _, c := range r.Verdict.Checks {
		if c.KPI == KPIClicks && (c.Measured || c.Actual != nil || c.Detail != "not measured: no post in the period has clicks") {
			t.Errorf("clicks check %+v", c)
		}
	}
	if r.Clicks.PerWeek != nil || r.Clicks.Missing != 2 {
		t.Errorf("clicks %+v", r.Clicks)
	}
}
