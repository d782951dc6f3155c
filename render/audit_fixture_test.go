package render

import (
	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/strategy"
)

func f64(v float64) *float64 { return &v }
func i64(v int64) *int64     { return &v }
func boolp(v bool) *bool     { return &v }

// fullAuditReport is a month of the store's history as the audit would
// report it, with numbers that add up: every section filled, targets kept
// and missed (one missed but not counted), rejected rows, missed weeks, an
// influencer over the cap, another never mentioned, undisclosed paid posts
// and recommendations.
func fullAuditReport() *audit.Report {
	d := plantest.Date
	week := func(w string, y, m, day, planned, required, published int) audit.WeekCount {
		return audit.WeekCount{Week: w, Start: d(y, m, day), Planned: planned, Required: required, Published: published, Kept: published >= required}
	}
	share := func(id, name string, planned int, target float64, posts int64, actual float64) audit.PillarShare {
		return audit.PillarShare{Pillar: id, Name: name, Planned: planned, Target: target, Posts: posts, Actual: actual, Delta: actual - target}
	}
	occ := func(day int, ch string) audit.Occurrence { return audit.Occurrence{Date: d(2027, 1, day), Channel: ch} }
	return withTacticKPIs(&audit.Report{
		Brand:    "Nordlys Mote",
		From:     d(2027, 1, 1),
		To:       d(2027, 2, 1),
		Timezone: "Europe/Oslo",
		Channels: []audit.ChannelInfo{
			{ID: "instagram", Platform: "instagram", Handle: "@nordlysmote", Timezone: "Europe/Oslo"},
			{ID: "tiktok", Platform: "tiktok", Handle: "@nordlysmote", Timezone: "Europe/Oslo"},
			{ID: "li-company", Platform: "linkedin", Timezone: "America/New_York"},
		},
		Verdict: audit.Verdict{Pass: false, Checks: []audit.Check{
			{KPI: "cadence_adherence", Target: 80, Actual: f64(75), Unit: "%", Measured: true, Met: false, Counted: true,
				Detail: "9 of 12 channel-weeks kept their channel's minimum posts a week."},
			{KPI: "pillar_tolerance", Target: 5, Actual: f64(5.8), Unit: "pp", Measured: true, Met: false, Counted: false,
				Detail: "The largest deviation overall was Fashion, 5.8 pp above its target."},
			{KPI: "response_within_sla", Target: 90, Actual: f64(80), Unit: "%", Measured: true, Met: false, Counted: true,
				Detail: "28 of 35 mentions with an SLA were answered within it; 2 press mentions have none."},
			{KPI: "engagement_rate", Target: 3, Actual: f64(3.0903), Unit: "%", Measured: true, Met: true, Counted: true,
				Detail: "Engagement by reach, as a ratio of sums over 40 posts."},
			{KPI: "reach_per_week", Target: 70000, Actual: f64(74787.1), Unit: "", Measured: true, Met: true, Counted: true,
				Detail: "331 200 reach in 31 days: 74 787 a week."},
			{KPI: "follower_growth", Target: 3, Actual: f64(2.5294), Unit: "%", Measured: true, Met: false, Counted: true,
				Detail: "17 000 → 17 430 followers (+430) over 2 channels measured; 1 channel not measured"},
			{KPI: "clicks_per_week", Target: 150, Actual: f64(171.1613), Unit: "", Measured: true, Met: true, Counted: true,
				Detail: "758 link clicks over 4.4 weeks, summed over 40 posts and channels; 2 posts without clicks"},
			{KPI: "negative_share", Target: 20, Actual: f64(23.5294), Unit: "%", Measured: true, Met: false, Counted: true,
				Detail: "8 negative of 34 mentions with a known sentiment; 3 unknown"},
		}},
		Posts: audit.Reconciliation{
			File: "history/posts-2027-01.csv", Read: 53, Used: 42, OutsidePeriod: 4, UnknownChannel: 2, Rejected: 5, Duplicates: 1,
			Rejects: []audit.Reject{
				{Line: 7, Reason: `published_at "2027-01-07 09:00" is not RFC 3339: write it as 2027-01-07T09:00:00+01:00`},
				{Line: 19, Reason: `likes "12k" is not a whole number`},
				{Line: 26, Reason: "channel is empty"},
				{Line: 33, Reason: "id ig-1042 was seen on line 31: the first row is used"},
				{Line: 48, Reason: "impressions -5 is negative"},
			},
			UnknownChannels: []audit.NameCount{{Name: "facebook", Count: 2}},
			UnknownPillars:  []audit.NameCount{{Name: "fashon", Count: 3}},
			UnknownTactics:  []audit.NameCount{{Name: "giveway", Count: 1}},
			IgnoredColumns:  []string{"boost_budget", "utm_campaign"},
		},
		Mentions: &audit.Reconciliation{
			File: "history/mentions-2027-01.csv", Read: 40, Used: 37, OutsidePeriod: 2, Rejected: 1,
			Rejects:         []audit.Reject{{Line: 12, Reason: "responded_at 2027-01-08T10:00:00+01:00 is before received_at 2027-01-08T11:30:00+01:00"}},
			UnknownChannels: []audit.NameCount{},
			IgnoredColumns:  []string{},
		},
		Cadence: audit.CadenceReport{
			Weeks: 12, Kept: 9, Adherence: f64(75),
			Channels: []audit.ChannelCadence{
				{Channel: "instagram", Platform: "instagram", Timezone: "Europe/Oslo", MinPerWeek: 5, Weeks: 4, Kept: 3, Adherence: f64(75),
					Rows: []audit.WeekCount{
						week("2027-W01", 2027, 1, 4, 5, 5, 6), week("2027-W02", 2027, 1, 11, 5, 5, 5),
						week("2027-W03", 2027, 1, 18, 7, 5, 4), week("2027-W04", 2027, 1, 25, 7, 5, 7)},
					Missed: []string{"2027-W03"}},
				{Channel: "tiktok", Platform: "tiktok", Timezone: "Europe/Oslo", MinPerWeek: 3, Weeks: 4, Kept: 2, Adherence: f64(50),
					Rows: []audit.WeekCount{
						week("2027-W01", 2027, 1, 4, 3, 3, 3), week("2027-W02", 2027, 1, 11, 3, 3, 2),
						week("2027-W03", 2027, 1, 18, 3, 3, 3), week("2027-W04", 2027, 1, 25, 3, 3, 1)},
					Missed: []string{"2027-W02", "2027-W04"}},
				{Channel: "li-company", Platform: "linkedin", Timezone: "America/New_York", MinPerWeek: 2, Weeks: 4, Kept: 4, Adherence: f64(100),
					Rows: []audit.WeekCount{
						week("2027-W01", 2027, 1, 4, 2, 2, 2), week("2027-W02", 2027, 1, 11, 2, 2, 2),
						week("2027-W03", 2027, 1, 18, 2, 2, 3), week("2027-W04", 2027, 1, 25, 2, 2, 2)},
					Missed: []string{}},
			},
			Totals: []audit.WeekTotal{
				{Week: "2026-W53", Start: d(2026, 12, 28), Planned: 1, Published: 2},
				{Week: "2027-W01", Start: d(2027, 1, 4), Planned: 10, Published: 11},
				{Week: "2027-W02", Start: d(2027, 1, 11), Planned: 10, Published: 9},
				{Week: "2027-W03", Start: d(2027, 1, 18), Planned: 12, Published: 10},
				{Week: "2027-W04", Start: d(2027, 1, 25), Planned: 12, Published: 10},
			},
		},
		Mix: audit.MixReport{
			Tolerance: f64(5),
			Overall: audit.PillarMix{Posts: 42, Classified: 39, ByKeyword: 6, Unclassified: 3,
				Pillars: []audit.PillarShare{
					share("brand", "Brand", 16, 35.5556, 12, 30.7692), share("fashion", "Fashion", 17, 37.7778, 17, 43.5897),
					share("beauty", "Beauty", 9, 20, 7, 17.9487), share("wellness", "Wellness", 3, 6.6667, 3, 7.6923)},
				MaxDeviation: f64(5.8119), ChiSquare: f64(0.745), DF: 3, PValue: f64(0.8625)},
			Channels: []audit.PillarMix{
				{Channel: "instagram", Posts: 24, Classified: 22, ByKeyword: 4, Unclassified: 2,
					Pillars: []audit.PillarShare{
						share("brand", "Brand", 9, 36, 7, 31.8182), share("fashion", "Fashion", 10, 40, 10, 45.4545),
						share("beauty", "Beauty", 4, 16, 3, 13.6364), share("wellness", "Wellness", 2, 8, 2, 9.0909)},
					MaxDeviation: f64(5.4545), ChiSquare: f64(1.09), DF: 3, PValue: f64(0.7795)},
				{Channel: "tiktok", Posts: 9, Classified: 9,
					Pillars: []audit.PillarShare{
						share("brand", "Brand", 3, 20, 1, 11.1111), share("fashion", "Fashion", 6, 50, 5, 55.5556),
						share("beauty", "Beauty", 3, 30, 3, 33.3333), share("wellness", "Wellness", 0, 0, 0, 0)},
					MaxDeviation: f64(8.8889), ChiSquare: f64(0.6667), DF: 2, PValue: f64(0.7165)},
				{Channel: "li-company", Posts: 9, Classified: 8, ByKeyword: 2, Unclassified: 1,
					Pillars: []audit.PillarShare{
						share("brand", "Brand", 4, 50, 4, 50), share("fashion", "Fashion", 2, 25, 2, 25),
						share("beauty", "Beauty", 1, 12.5, 1, 12.5), share("wellness", "Wellness", 1, 12.5, 1, 12.5)},
					MaxDeviation: f64(0), ChiSquare: f64(0), DF: 3, PValue: f64(1)},
			},
		},
		Timing: audit.TimingReport{ToleranceSeconds: 3600, Posts: 42, OnTime: 33, Share: f64(78.5714),
			Channels: []audit.ChannelTiming{
				{Channel: "instagram", Posts: 24, OnTime: 19, Share: f64(79.1667)},
				{Channel: "tiktok", Posts: 9, OnTime: 6, Share: f64(66.6667)},
				{Channel: "li-company", Posts: 9, OnTime: 8, Share: f64(88.8889)},
			}},
		Tactics: []audit.TacticResult{
			{Tactic: "giveaway", Name: "Monthly giveaway", Planned: 1, Executed: 1, Posts: 2,
				Done: []audit.Occurrence{occ(8, "instagram")}, Missed: []audit.Occurrence{}},
			{Tactic: "qa", Name: "Thursday Q&A", Planned: 8, Executed: 5, Posts: 6,
				Done:   []audit.Occurrence{occ(7, "instagram"), occ(7, "tiktok"), occ(14, "instagram"), occ(21, "instagram"), occ(21, "tiktok")},
				Missed: []audit.Occurrence{occ(14, "tiktok"), occ(28, "instagram"), occ(28, "tiktok")}},
			{Tactic: "launch", Name: "Spring collection launch", Done: []audit.Occurrence{}, Missed: []audit.Occurrence{}},
		},
		Influencers: []audit.InfluencerResult{
			{Handle: "@sofie.styles", Name: "Sofie Lund", Status: "partner", Relationship: "paid", Cap: 2, Mentions: 5,
				Months: []audit.MonthCount{{Month: "2027-01", Mentions: 5, Over: true}}, OverCap: true},
			{Handle: "@hudpleie_hanna", Name: "Hanna Berg", Status: "engaged", Relationship: "organic", Cap: 4, Mentions: 2,
				Months: []audit.MonthCount{{Month: "2027-01", Mentions: 2}}},
			{Handle: "@fjelltur", Name: "Jonas Fjell", Status: "partner", Relationship: "organic",
				Months: []audit.MonthCount{{Month: "2027-01"}}, NeverMentioned: true},
			{Handle: "@modeblogg", Status: "prospect", Relationship: "organic", Cap: 2,
				Months: []audit.MonthCount{{Month: "2027-01"}}},
		},
		Responses: &audit.ResponseReport{
			BusinessHours: true,
			Overall: audit.ResponseStats{SLASource: "mixed", Mentions: 37, Answered: 33, WithinSLA: 28, NoSLA: 2,
				Share: f64(80), Median: i64(4500), P90: i64(30600)},
			Types: []audit.ResponseStats{
				{Type: "ugc", SLA: 86400, SLASource: "type", Mentions: 12, Answered: 11, WithinSLA: 11, Share: f64(91.6667), Median: i64(7200), P90: i64(43200)},
				{Type: "feedback", SLA: 14400, SLASource: "default", Mentions: 8, Answered: 7, WithinSLA: 6, Share: f64(75), Median: i64(5400), P90: i64(16200)},
				{Type: "complaint", SLA: 3600, SLASource: "type", Mentions: 9, Answered: 9, WithinSLA: 6, Share: f64(66.6667), Median: i64(2700), P90: i64(8100)},
				{Type: "help", SLA: 7200, SLASource: "channel", Mentions: 6, Answered: 5, WithinSLA: 5, Share: f64(83.3333), Median: i64(1800), P90: i64(6300)},
				{Type: "press", SLASource: "none", Mentions: 2, Answered: 1, NoSLA: 2, Median: i64(93600), P90: i64(93600)},
			},
			Histogram: []audit.Bucket{
				{Label: "≤ 15m", UpTo: 900, Count: 6}, {Label: "≤ 1h", UpTo: 3600, Count: 9}, {Label: "≤ 4h", UpTo: 14400, Count: 10},
				{Label: "≤ 1d", UpTo: 86400, Count: 6}, {Label: "> 1d", Count: 2},
			},
		},
		Sentiment: fullSentiment(),
		Volume:    fullVolume(),
		Voices:    fullVoices(),
		Engagement: audit.EngagementReport{
			Definition: audit.EngagementDefinition{
				Interactions: []string{"likes", "comments", "shares", "saves", "clicks"}, Denominator: "reach", Aggregation: "ratio_of_sums", Declared: true,
				Footnote: "Engagement rate = (likes + comments + shares + saves + clicks) ÷ reach, summed over the period's posts (a ratio of sums), as the strategy's KPI declares; posts without reach are left out.",
			},
			Target:  f64(3),
			Overall: audit.EngagementStats{Posts: 40, Excluded: 2, Engagement: 10235, Denominator: 331200, Rate: f64(3.0903), Met: boolp(true)},
			Channels: []audit.EngagementStats{
				{Key: "instagram", Posts: 23, Excluded: 1, Engagement: 7210, Denominator: 198400, Rate: f64(3.6341), Met: boolp(true)},
				{Key: "tiktok", Posts: 9, Engagement: 2480, Denominator: 101300, Rate: f64(2.4482), Met: boolp(false)},
				{Key: "li-company", Posts: 8, Excluded: 1, Engagement: 545, Denominator: 31500, Rate: f64(1.7302), Met: boolp(false)},
			},
			Pillars: []audit.EngagementStats{
				{Key: "brand", Posts: 12, Engagement: 2650, Denominator: 98000, Rate: f64(2.7041), Met: boolp(false)},
				{Key: "fashion", Posts: 16, Excluded: 1, Engagement: 5120, Denominator: 140200, Rate: f64(3.6519), Met: boolp(true)},
				{Key: "beauty", Posts: 7, Engagement: 1380, Denominator: 51000, Rate: f64(2.7059), Met: boolp(false)},
				{Key: "wellness", Posts: 3, Engagement: 610, Denominator: 14500, Rate: f64(4.2069), Met: boolp(true)},
			},
		},
		Growth: audit.GrowthReport{
			Target: f64(3), Measured: 2, First: 17000, Last: 17430, Change: 430, Percent: f64(2.5294),
			Channels: []audit.ChannelGrowth{
				{Channel: "instagram", Posts: 23, Measured: true, FirstAt: "2027-01-02T09:00:00+01:00", LastAt: "2027-01-30T18:05:00+01:00",
					First: i64(12000), Last: i64(12480), Change: i64(480), Percent: f64(4)},
				{Channel: "tiktok", Posts: 9, Measured: true, FirstAt: "2027-01-03T19:30:00+01:00", LastAt: "2027-01-29T20:00:00+01:00",
					First: i64(5000), Last: i64(4950), Change: i64(-50), Percent: f64(-1)},
				{Channel: "li-company", Posts: 1, Reason: "one post in the period has followers: growth needs two, at different times",
					FirstAt: "2027-01-12T12:00:00-05:00", LastAt: "2027-01-12T12:00:00-05:00", First: i64(2300), Last: i64(2300)},
			},
		},
		Clicks: audit.ClicksReport{
			Target: f64(150), Clicks: 758, Posts: 40, Missing: 2, Weeks: 31.0 / 7, PerWeek: f64(171.1613),
			Channels: []audit.ChannelClicks{
				{Channel: "instagram", Clicks: 520, Posts: 23, PerWeek: f64(117.4194), Weeks: clickWeeks(20, 130, 120, 140, 110)},
				{Channel: "tiktok", Clicks: 150, Posts: 9, PerWeek: f64(33.871), Weeks: clickWeeks(0, 40, 30, 50, 30)},
				{Channel: "li-company", Clicks: 88, Posts: 8, PerWeek: f64(19.871), Weeks: clickWeeks(0, 20, 18, 30, 20)},
			},
			Totals: clickWeeks(20, 190, 168, 220, 160),
		},
		Disclosure: audit.DisclosureReport{
			Tags: []string{"#ad", "#annonse", "#reklame"}, Checked: 5, Disclosed: 3, MissingCount: 2,
			Missing: []audit.Undisclosed{
				{Line: 28, ID: "ig-1051", Channel: "instagram", Date: d(2027, 1, 12), Influencer: "@sofie.styles"},
				{Line: 44, ID: "tt-2207", Channel: "tiktok", Date: d(2027, 1, 23), Influencer: "@sofie.styles"},
			},
		},
		Recommendations: []audit.Recommendation{
			{Kind: "best_hours", Channel: "instagram",
				Text:  "Instagram engaged best at Tue 09:00 (5.2% over 4 posts) and Thu 18:00 (4.6% over 3 posts) (Europe/Oslo time); try moving slots there.",
				Hours: []audit.HourRate{{Weekday: "tue", Hour: 9, Posts: 4, Rate: 5.2123}, {Weekday: "thu", Hour: 18, Posts: 3, Rate: 4.6}}},
			{Kind: "pillar_overperforms", Pillar: "wellness",
				Text: "Wellness posts reached 4.2% engagement against 3.1% overall: consider raising its weight from 10%."},
			{Kind: "pillar_underperforms", Pillar: "brand",
				Text: "Brand posts reached 2.7% engagement against 3.1% overall: try other formats before cutting its weight."},
		},
	})
}

// clickWeeks are the full report's five weeks with these clicks, one post
// for every ten clicks.
func clickWeeks(clicks ...int64) []audit.WeekClicks {
	d := plantest.Date
	starts := []strategy.Date{d(2026, 12, 28), d(2027, 1, 4), d(2027, 1, 11), d(2027, 1, 18), d(2027, 1, 25)}
	keys := []string{"2026-W53", "2027-W01", "2027-W02", "2027-W03", "2027-W04"}
	out := make([]audit.WeekClicks, len(clicks))
	for i, n := range clicks {
		out[i] = audit.WeekClicks{Week: keys[i], Start: starts[i], Whole: i > 0, Clicks: n, Posts: n / 10}
	}
	return out
}

// minimalAuditReport is the least a report can hold: a week of an empty
// history for a strategy with no KPIs, no pillars, no cadence, no tactics
// or influencers and no mention log. Its lists are nil, as a writer that
// builds them by appending leaves them.
func minimalAuditReport() *audit.Report {
	return &audit.Report{
		Brand:    "Tiny Shop",
		From:     plantest.Date(2027, 3, 1),
		To:       plantest.Date(2027, 3, 8),
		Timezone: "UTC",
		Verdict: audit.Verdict{Pass: true, Checks: []audit.Check{
			{KPI: "response_within_sla", Target: 90, Unit: "%", Counted: true, Detail: "not measured: no mention log given (--mentions)"},
		}},
		Posts:  audit.Reconciliation{File: "posts.csv"},
		Timing: audit.TimingReport{ToleranceSeconds: 3600},
		Engagement: audit.EngagementReport{Definition: audit.EngagementDefinition{
			Denominator: "reach", Aggregation: "ratio_of_sums"}},
	}
}

// mix is a sentiment mix with its shares worked out.
func mix(name string, pos, neu, neg, unk int64) audit.SentimentMix {
	n := pos + neu + neg + unk
	pc := func(a, b int64) *float64 {
		if b == 0 {
			return nil
		}
		return f64(100 * float64(a) / float64(b))
	}
	return audit.SentimentMix{Name: name, Mentions: n, Positive: pos, Neutral: neu, Negative: neg, Unknown: unk,
		Shares:        audit.SentimentShares{Positive: pc(pos, n), Neutral: pc(neu, n), Negative: pc(neg, n), Unknown: pc(unk, n)},
		NegativeShare: pc(neg, n-unk)}
}

// fullSentiment is the full report's 37 mentions by sentiment: the
// complaints negative, and answered slower than the rest.
func fullSentiment() *audit.SentimentReport {
	d := plantest.Date
	weeks := []audit.WeekSentiment{
		{Week: "2026-W53", Start: d(2026, 12, 28), SentimentMix: mix("2026-W53", 1, 0, 0, 0)},
		{Week: "2027-W01", Start: d(2027, 1, 4), Whole: true, SentimentMix: mix("2027-W01", 4, 3, 2, 1)},
		{Week: "2027-W02", Start: d(2027, 1, 11), Whole: true, SentimentMix: mix("2027-W02", 4, 2, 3, 0)},
		{Week: "2027-W03", Start: d(2027, 1, 18), Whole: true, SentimentMix: mix("2027-W03", 3, 4, 2, 1)},
		{Week: "2027-W04", Start: d(2027, 1, 25), Whole: true, SentimentMix: mix("2027-W04", 3, 2, 1, 0)},
	}
	return &audit.SentimentReport{
		Spellings: map[string][]string{"positive": {"positive", "pos"}, "neutral": {"neutral", "neu"}, "negative": {"negative", "neg"}},
		Target:    f64(20),
		Overall:   mix("", 15, 11, 8, 3),
		Types: []audit.SentimentMix{mix("ugc", 11, 1, 0, 0), mix("feedback", 3, 3, 2, 0), mix("complaint", 0, 2, 6, 1),
			mix("help", 0, 4, 0, 2), mix("press", 1, 1, 0, 0)},
		Channels:     []audit.SentimentMix{mix("instagram", 10, 6, 5, 2), mix("tiktok", 4, 2, 2, 1), mix("li-company", 1, 3, 1, 0)},
		Weeks:        weeks,
		Unrecognized: []audit.NameCount{{Name: "mixed", Count: 2}},
		ResponseSentiment: []audit.SentimentResponse{
			{Sentiment: "positive", Mentions: 15, Answered: 14, WithinSLA: 13, NoSLA: 1, Share: f64(92.8571), Median: i64(5400), P90: i64(43200)},
			{Sentiment: "neutral", Mentions: 11, Answered: 10, WithinSLA: 9, NoSLA: 1, Share: f64(90), Median: i64(2700), P90: i64(14400)},
			{Sentiment: "negative", Mentions: 8, Answered: 7, WithinSLA: 4, Share: f64(50), Median: i64(6300), P90: i64(28800)},
			{Sentiment: "unknown", Mentions: 3, Answered: 2, WithinSLA: 2, Share: f64(66.6667), Median: i64(1800), P90: i64(3600)},
		},
	}
}

// fullVolume is the full report's mentions per week and hour.
func fullVolume() *audit.VolumeReport {
	d := plantest.Date
	starts := []strategy.Date{d(2026, 12, 28), d(2027, 1, 4), d(2027, 1, 11), d(2027, 1, 18), d(2027, 1, 25)}
	keys := []string{"2026-W53", "2027-W01", "2027-W02", "2027-W03", "2027-W04"}
	weeks := func(n ...int64) []audit.WeekVolume {
		out := make([]audit.WeekVolume, len(n))
		for i, c := range n {
			out[i] = audit.WeekVolume{Week: keys[i], Start: starts[i], Whole: i > 0, Mentions: c}
		}
		return out
	}
	v := &audit.VolumeReport{Mentions: 37, Weeks: 31.0 / 7, PerWeek: f64(8.3548),
		Channels: []audit.ChannelVolume{
			{Channel: "instagram", Mentions: 23, PerWeek: f64(5.1935), Weeks: weeks(1, 6, 6, 6, 4)},
			{Channel: "tiktok", Mentions: 9, PerWeek: f64(2.0323), Weeks: weeks(0, 2, 2, 3, 2)},
			{Channel: "li-company", Mentions: 5, PerWeek: f64(1.129), Weeks: weeks(0, 2, 1, 1, 0)},
		},
		Totals: weeks(1, 10, 9, 10, 6),
		Busiest: []audit.HourVolume{{Weekday: "mon", Hour: 10, Mentions: 6, Share: 16.2162}, {Weekday: "tue", Hour: 19, Mentions: 5, Share: 13.5135},
			{Weekday: "thu", Hour: 18, Mentions: 4, Share: 10.8108}, {Weekday: "mon", Hour: 9, Mentions: 3, Share: 8.1081}, {Weekday: "sat", Hour: 12, Mentions: 3, Share: 8.1081}},
	}
	v.Grid[0][10], v.Grid[1][19], v.Grid[3][18], v.Grid[0][9], v.Grid[5][12] = 6, 5, 4, 3, 3
	v.Grid[2][11], v.Grid[4][14], v.Grid[6][20], v.Grid[1][8], v.Grid[3][21] = 2, 2, 2, 2, 1
	v.Grid[4][9], v.Grid[2][16], v.Grid[6][11], v.Grid[0][22] = 2, 2, 2, 1
	return v
}

// fullVoices lists the full report's authors: a known influencer and an
// untapped big voice.
func fullVoices() *audit.VoicesReport {
	return &audit.VoicesReport{Mentions: 35, WithoutAuthor: 2, Method: "space-saving", Capacity: 4096, Exact: true, Untapped: 3,
		MostMentions: []audit.Voice{
			{Author: "@sofie.styles", Platform: "instagram", Channel: "instagram", Mentions: i64(6), Followers: i64(48200), Influencer: "@sofie.styles"},
			{Author: "@kari_k", Platform: "instagram", Channel: "instagram", Mentions: i64(4), Followers: i64(310), Untapped: true},
			{Author: "@trondheimtrends", Platform: "tiktok", Channel: "tiktok", Mentions: i64(2), Followers: i64(152000), Untapped: true},
		},
		LargestAudience: []audit.Voice{
			{Author: "@trondheimtrends", Platform: "tiktok", Channel: "tiktok", Mentions: i64(2), Followers: i64(152000), Untapped: true},
			{Author: "@sofie.styles", Platform: "instagram", Channel: "instagram", Mentions: i64(6), Followers: i64(48200), Influencer: "@sofie.styles"},
			{Author: "Oslo Daily", Platform: "linkedin", Channel: "li-company", Mentions: i64(1), Followers: i64(20500), Untapped: true},
		},
	}
}
