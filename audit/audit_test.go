package audit

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

func date(y, m, d int) strategy.Date { return strategy.Date{Year: y, Month: time.Month(m), Day: d} }

func hours(h float64) strategy.Duration { return strategy.Duration(h * float64(time.Hour)) }

// shop is the small strategy every hand-computed expectation below is
// worked out for: two channels in two timezones, two pillars at 50/50, a
// weekly Thursday tactic on Instagram, three influencers and KPIs.
func shop() *strategy.Strategy {
	return &strategy.Strategy{
		Version: 1,
		Brand:   strategy.Brand{Name: "Test Shop", Timezone: "Europe/Oslo"},
		Channels: []strategy.Channel{
			{ID: "ig", Platform: "instagram",
				Cadence: strategy.Cadences{{MinPerWeek: 3, Days: []string{"mon", "wed", "fri"}, Times: []string{"09:00"}}}},
			{ID: "li", Platform: "linkedin", Timezone: "America/New_York",
				Cadence: strategy.Cadences{{MinPerWeek: 1, Days: []string{"tue"}, Times: []string{"12:00"}}}},
		},
		Pillars: []strategy.Pillar{
			{ID: "brand", Name: "Brand", Weight: 50, Hashtags: []string{"#story"}, Keywords: []string{"behind the scenes"}},
			{ID: "product", Name: "Product", Weight: 50, Hashtags: []string{"#newin"}, Keywords: []string{"jacket"}},
		},
		Tactics: []strategy.Tactic{
			{ID: "qa", Name: "Thursday Q&A", Goal: "community", Pillar: "brand", Channels: []string{"ig"},
				Schedule: strategy.Schedule{RRule: "FREQ=WEEKLY;BYDAY=TH", Time: "18:00"}},
		},
		Influencers: []strategy.Influencer{
			{Handle: "@anna", Platform: "instagram", Status: "partner", Relationship: "paid", MaxMentionsPerMonth: 1},
			{Handle: "@bob", Platform: "instagram", Status: "engaged", Relationship: "organic"},
			{Handle: "@carl", Platform: "linkedin", Status: "prospect"},
		},
		Community: &strategy.Community{
			DefaultSLA:     hours(24),
			DisclosureTags: []string{"#ad", "#annonse"},
			Responses: []strategy.ResponseRule{
				{Type: "complaint", SLA: hours(1)},
				{Type: "help", SLA: hours(4)},
			},
		},
		KPIs: &strategy.KPIs{
			CadenceAdherence:  &strategy.Target{Target: 90},
			PillarTolerance:   &strategy.Target{Target: 10},
			ResponseWithinSLA: &strategy.Target{Target: 80},
			EngagementRate:    &strategy.EngagementKPI{Target: 5, Denominator: "reach", Aggregation: "ratio_of_sums"},
		},
	}
}

// The period holds ISO weeks 2027-W01 (4–10 January) and W02 (11–17).
const shopPosts = `id,published_at,channel,pillar,tactic,text,mentions,likes,comments,shares,saves,clicks,impressions,reach
p1,2027-01-04T09:10:00+01:00,ig,brand,,Monday story,,10,2,1,0,0,500,400
p2,2027-01-06T11:30:00+01:00,ig,product,,"New jacket, just in #ad",@anna,20,5,0,0,5,1000,600
p3,2027-01-07T18:00:00+01:00,ig,,qa,Q&A live #Story,,30,10,0,0,0,800,500
p4,2027-01-08T09:00:00+01:00,ig,,,Weekend plans,,5,0,0,0,0,300,
p5,2027-01-11T09:05:00+01:00,ig,product,,Jacket drop,@Anna @bob2,40,4,4,2,0,1200,800
p5,2027-01-11T09:05:00+01:00,ig,product,,Jacket drop again,@anna,40,4,4,2,0,1200,800
p7,2027-01-05T12:00:00-05:00,li,brand,,Hiring,@anna,8,1,1,0,10,2000,1000
p8,2027-01-18T00:30:00+01:00,ig,brand,,Too late,,1,0,0,0,0,10,10
p9,2027-01-03T23:30:00-05:00,li,brand,,Too early in New York,,1,0,0,0,0,10,10
p10,2027-01-17T23:30:00-05:00,li,,,Behind the scenes at the studio,,6,0,0,0,0,300,200
p11,2027-01-05T10:00:00+01:00,tiktok,brand,,Not our channel,,1,0,0,0,0,10,10
p12,yesterday,ig,brand,,Bad date,,1,0,0,0,0,10,10
p13,2027-01-05T10:00:00+01:00,ig,brand,,Bad likes,,-4,0,0,0,0,10,10
`

const shopMentions = `id,channel,received_at,responded_at,type,sentiment
m1,ig,2027-01-04T10:00:00+01:00,2027-01-04T10:30:00+01:00,complaint,negative
m2,ig,2027-01-05T10:00:00+01:00,2027-01-05T12:00:00+01:00,complaint,negative
m3,ig,2027-01-06T10:00:00+01:00,,help,neutral
m4,li,2027-01-07T10:00:00-05:00,2027-01-07T13:00:00-05:00,help,neutral
m5,ig,2027-01-08T10:00:00+01:00,2027-01-09T09:00:00+01:00,ugc,positive
m6,ig,2027-01-09T10:00:00+01:00,2027-01-10T12:00:00+01:00,,positive
m7,ig,2027-01-10T10:00:00+01:00,2027-01-10T09:00:00+01:00,help,neutral
m8,ig,2027-02-01T10:00:00+01:00,,help,neutral
`

func runShop(t *testing.T, s *strategy.Strategy, opt Options) *Report {
	t.Helper()
	opt.From, opt.To = date(2027, 1, 4), date(2027, 1, 18)
	if opt.Tolerance == 0 {
		opt.Tolerance = DefaultTolerance
	}
	opt.Posts = Input{Name: "posts.csv", R: strings.NewReader(shopPosts)}
	opt.Mentions = &Input{Name: "mentions.csv", R: strings.NewReader(shopMentions)}
	r, err := Run(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s = nil, want %.6g", what, want)
		return
	}
	if math.Abs(*got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g", what, *got, want)
	}
}

func TestShopReconciliation(t *testing.T) {
	r := runShop(t, shop(), Options{})
	p := r.Posts
	// 13 rows: p1–p5, p7, p10 used; p8 and p9 outside the period (p9 is 4
	// January in Oslo but 3 January in New York, the channel's zone); p11
	// on an unknown channel; the second p5, p12 (date) and p13 (likes)
	// rejected.
	if p.Read != 13 || p.Used != 7 || p.OutsidePeriod != 2 || p.UnknownChannel != 1 || p.Rejected != 3 || p.Duplicates != 1 {
		t.Errorf("posts: read %d used %d outside %d unknown %d rejected %d duplicates %d, want 13 7 2 1 3 1",
			p.Read, p.Used, p.OutsidePeriod, p.UnknownChannel, p.Rejected, p.Duplicates)
	}
	var lines []int64
	for _, rj := range p.Rejects {
		lines = append(lines, rj.Line)
	}
	if want := []int64{7, 13, 14}; !equalInts(lines, want) {
		t.Errorf("rejected lines %v, want %v (%+v)", lines, want, p.Rejects)
	}
	if len(p.UnknownChannels) != 1 || p.UnknownChannels[0] != (NameCount{Name: "tiktok", Count: 1}) {
		t.Errorf("unknown channels %+v", p.UnknownChannels)
	}
	m := r.Mentions
	if m == nil || m.Read != 8 || m.Used != 6 || m.OutsidePeriod != 1 || m.Rejected != 1 {
		t.Errorf("mentions: %+v, want read 8 used 6 outside 1 rejected 1", m)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestShopCadence(t *testing.T) {
	r := runShop(t, shop(), Options{})
	c := r.Cadence
	// ig: W01 4 posts ≥ 3 kept, W02 1 post missed. li: W01 p7, W02 p10
	// (Sunday evening in New York) kept.
	if c.Weeks != 4 || c.Kept != 3 {
		t.Fatalf("cadence %d of %d weeks kept, want 3 of 4", c.Kept, c.Weeks)
	}
	near(t, "adherence", c.Adherence, 75)
	ig := c.Channels[0]
	if ig.Channel != "ig" || len(ig.Rows) != 2 || ig.Rows[0].Published != 4 || ig.Rows[1].Published != 1 {
		t.Errorf("ig rows %+v", ig.Rows)
	}
	// Mon, Wed, Fri at 09:00 and the Thursday tactic: four planned a week.
	if ig.Rows[0].Planned != 4 || ig.Rows[0].Required != 3 || ig.Rows[0].Week != "2027-W01" {
		t.Errorf("ig W01 %+v", ig.Rows[0])
	}
	if len(ig.Missed) != 1 || ig.Missed[0] != "2027-W02" {
		t.Errorf("ig missed %v", ig.Missed)
	}
	li := c.Channels[1]
	if li.Kept != 2 || li.Rows[1].Published != 1 || li.Timezone != "America/New_York" {
		t.Errorf("li %+v", li)
	}
	if len(c.Totals) != 2 || c.Totals[0].Planned != 5 || c.Totals[0].Published != 5 || c.Totals[1].Published != 2 {
		t.Errorf("totals %+v", c.Totals)
	}
}

func TestShopMix(t *testing.T) {
	r := runShop(t, shop(), Options{})
	o := r.Mix.Overall
	// Brand: p1, p3 (#Story), p7, p10 ("behind the scenes"); Product: p2,
	// p5; p4 unclassified.
	if o.Posts != 7 || o.Classified != 6 || o.ByKeyword != 2 || o.Unclassified != 1 {
		t.Fatalf("overall %+v", o)
	}
	if o.Pillars[0].Posts != 4 || o.Pillars[1].Posts != 2 {
		t.Errorf("pillar posts %+v", o.Pillars)
	}
	// The plan: ig 8 slots (6 cadence + 2 tactic), li 2, half brand.
	if o.Pillars[0].Planned != 5 || o.Pillars[1].Planned != 5 {
		t.Errorf("planned %+v", o.Pillars)
	}
	near(t, "max deviation", o.MaxDeviation, 100.0*4/6-50)
	// χ² = (4−3)²/3 + (2−3)²/3 = 2/3 with one degree of freedom.
	near(t, "chi-square", o.ChiSquare, 2.0/3)
	if o.DF != 1 {
		t.Errorf("df %d", o.DF)
	}
	near(t, "p-value", o.PValue, 0.4142161782425252)
}

func TestShopTimingTacticsInfluencers(t *testing.T) {
	r := runShop(t, shop(), Options{})
	// On time: p1 (+10m), p3, p4, p5 (+5m), p7. Late: p2 (2h30 after
	// Wednesday's slot), p10 (Sunday; li posts on Tuesdays).
	if r.Timing.Posts != 7 || r.Timing.OnTime != 5 {
		t.Errorf("timing %+v", r.Timing)
	}
	q := r.Tactics[0]
	if q.Planned != 2 || q.Executed != 1 || q.Posts != 1 || len(q.Missed) != 1 || q.Missed[0] != (Occurrence{Date: date(2027, 1, 14), Channel: "ig"}) {
		t.Errorf("tactic %+v", q)
	}
	anna, bob, carl := r.Influencers[0], r.Influencers[1], r.Influencers[2]
	// p2 and p5 on Instagram (p7 names @anna on LinkedIn, where she is not).
	if anna.Mentions != 2 || !anna.OverCap || len(anna.Months) != 1 || !anna.Months[0].Over || anna.Months[0].Month != "2027-01" {
		t.Errorf("anna %+v", anna)
	}
	if bob.Mentions != 0 || !bob.NeverMentioned {
		t.Errorf("bob %+v (@bob2 is someone else)", bob)
	}
	if carl.NeverMentioned {
		t.Error("a prospect is not flagged as never mentioned")
	}
	d := r.Disclosure
	if d.Checked != 2 || d.Disclosed != 1 || d.MissingCount != 1 || d.Missing[0].ID != "p5" || d.Missing[0].Line != 6 {
		t.Errorf("disclosure %+v", d)
	}
}

func TestShopEngagement(t *testing.T) {
	r := runShop(t, shop(), Options{})
	e := r.Engagement
	// Σ engagement 13+30+40+50+20+6 = 159 over Σ reach 3500; p4 has no reach.
	if e.Overall.Engagement != 159 || e.Overall.Denominator != 3500 || e.Overall.Posts != 6 || e.Overall.Excluded != 1 {
		t.Fatalf("overall %+v", e.Overall)
	}
	near(t, "rate", e.Overall.Rate, 100*159.0/3500)
	near(t, "ig", e.Channels[0].Rate, 100*133.0/2300)
	near(t, "li", e.Channels[1].Rate, 100*26.0/1200)
	near(t, "brand", e.Pillars[0].Rate, 100*79.0/2100)
	near(t, "product", e.Pillars[1].Rate, 100*80.0/1400)
	if e.Overall.Met == nil || *e.Overall.Met {
		t.Error("4.5% is below the 5% target")
	}

	s := shop()
	s.KPIs.EngagementRate.Aggregation = "mean_of_posts"
	s.KPIs.EngagementRate.Interactions = []string{"likes"}
	r = runShop(t, s, Options{})
	want := 100 * (10.0/400 + 20.0/600 + 30.0/500 + 40.0/800 + 8.0/1000 + 6.0/200) / 6
	near(t, "mean of likes per reach", r.Engagement.Overall.Rate, want)
	if !strings.Contains(r.Engagement.Definition.Footnote, "mean over posts") {
		t.Errorf("footnote %q", r.Engagement.Definition.Footnote)
	}
}

func TestShopResponses(t *testing.T) {
	r := runShop(t, shop(), Options{})
	o := r.Responses.Overall
	// Within SLA: m1 (30m ≤ 1h), m4 (3h ≤ 4h), m5 (23h ≤ the default 24h).
	// Breaches: m2 (2h), m3 (unanswered), m6 (26h, no type: "other").
	if o.Mentions != 6 || o.Answered != 5 || o.WithinSLA != 3 || o.NoSLA != 0 {
		t.Fatalf("overall %+v", o)
	}
	near(t, "share", o.Share, 50)
	if *o.Median != 3*3600 || *o.P90 != 26*3600 {
		t.Errorf("median %d p90 %d", *o.Median, *o.P90)
	}
	var types []string
	for _, ty := range r.Responses.Types {
		types = append(types, ty.Type)
	}
	if strings.Join(types, ",") != "complaint,help,ugc,other" {
		t.Errorf("types %v", types)
	}
	c := r.Responses.Types[0]
	if c.Mentions != 2 || c.WithinSLA != 1 || *c.Median != 1800 || *c.P90 != 7200 || c.SLA != 3600 || c.SLASource != "type" {
		t.Errorf("complaint %+v", c)
	}
	u := r.Responses.Types[2]
	if u.SLASource != "default" || u.SLA != 24*3600 {
		t.Errorf("ugc %+v", u)
	}
	var counts []int64
	for _, b := range r.Responses.Histogram {
		counts = append(counts, b.Count)
	}
	if want := []int64{0, 1, 2, 0, 1, 1, 0}; !equalInts(counts, want) {
		t.Errorf("histogram %v, want %v", counts, want)
	}
}

func TestShopVerdict(t *testing.T) {
	r := runShop(t, shop(), Options{})
	if r.Verdict.Pass {
		t.Error("every KPI is missed, the audit must fail")
	}
	var got []string
	for _, c := range r.Verdict.Checks {
		got = append(got, c.KPI)
		if c.Met || !c.Counted {
			t.Errorf("%s: met %v counted %v", c.KPI, c.Met, c.Counted)
		}
	}
	if strings.Join(got, ",") != "cadence_adherence,pillar_tolerance,response_within_sla,engagement_rate" {
		t.Errorf("checks %v", got)
	}
	r = runShop(t, shop(), Options{FailOn: []string{}})
	if !r.Verdict.Pass {
		t.Error("--fail-on none must pass")
	}
	r = runShop(t, shop(), Options{FailOn: []string{KPIEngagement}})
	if r.Verdict.Pass || r.Verdict.Checks[0].Counted || !r.Verdict.Checks[3].Counted {
		t.Errorf("--fail-on engagement_rate: %+v", r.Verdict)
	}
	s := shop()
	s.KPIs.CadenceAdherence.Target = 75
	s.KPIs.PillarTolerance.Target = 20
	s.KPIs.ResponseWithinSLA.Target = 50
	s.KPIs.EngagementRate.Target = 4.5
	if r = runShop(t, s, Options{}); !r.Verdict.Pass {
		t.Errorf("targets at the measured values must pass: %+v", r.Verdict)
	}
}

func TestShopRecommendations(t *testing.T) {
	r := runShop(t, shop(), Options{MinSample: 1})
	if len(r.Recommendations) == 0 || r.Recommendations[0].Kind != "best_hours" || r.Recommendations[0].Channel != "ig" {
		t.Fatalf("recommendations %+v", r.Recommendations)
	}
	h := r.Recommendations[0].Hours
	// Thu 18 (40/500 = 8%), Mon 9 (p1 + p5: 63/1200 = 5.25%), Wed 11 (30/600 = 5%).
	if len(h) != 3 || h[0].Weekday != "thu" || h[0].Hour != 18 || h[1].Weekday != "mon" || h[1].Hour != 9 || h[1].Posts != 2 || h[2].Weekday != "wed" {
		t.Errorf("hours %+v", h)
	}
	if math.Abs(h[1].Rate-5.25) > 1e-9 {
		t.Errorf("mon 9 rate %v", h[1].Rate)
	}
}

func TestBusinessHours(t *testing.T) {
	bh, err := newBusinessHours(&strategy.BusinessHours{
		Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "17:00",
		Holidays: []strategy.Date{date(2027, 1, 6)},
	}, "Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Unix()
	}
	tests := []struct {
		from, to string
		want     time.Duration
	}{
		{"2027-01-04T16:00:00+01:00", "2027-01-05T10:00:00+01:00", 2 * time.Hour},          // Mon 16 → Tue 10
		{"2027-01-08T16:30:00+01:00", "2027-01-11T09:30:00+01:00", time.Hour},              // over a weekend
		{"2027-01-05T16:00:00+01:00", "2027-01-07T10:00:00+01:00", 2 * time.Hour},          // over a holiday
		{"2027-01-09T10:00:00+01:00", "2027-01-09T12:00:00+01:00", 0},                      // Saturday
		{"2027-01-04T08:00:00+01:00", "2027-01-04T18:00:00+01:00", 8 * time.Hour},          // before opening to after closing
		{"2027-01-04T10:00:00+01:00", "2027-01-04T10:20:00+01:00", 20 * time.Minute},       // inside
		{"2027-03-26T16:00:00+01:00", "2027-03-29T10:00:00+02:00", 2 * time.Hour},          // over the spring DST change
		{"2027-01-04T09:00:00Z", "2027-01-04T10:00:00Z", time.Hour},                        // other offsets are instants
		{"2027-01-01T12:00:00+01:00", "2027-01-01T12:00:00+01:00", 0},                      // no time
		{"2027-01-04T10:00:00+01:00", "2027-02-01T10:00:00+01:00", (19*8 + 0) * time.Hour}, // four weeks, one holiday
	}
	for _, tt := range tests {
		if got := time.Duration(bh.between(at(tt.from), at(tt.to))) * time.Second; got != tt.want {
			t.Errorf("between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestBusinessHoursSLA(t *testing.T) {
	s := shop()
	s.Community.BusinessHours = &strategy.BusinessHours{Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "17:00"}
	r := runShop(t, s, Options{})
	// m5 (Fri 10:00 → Sat 09:00) takes 7 business hours, m6 (Sat → Sun)
	// none; the rest lie within one working day.
	if !r.Responses.BusinessHours || r.Responses.Overall.WithinSLA != 4 {
		t.Errorf("with business hours: %+v", r.Responses.Overall)
	}
	if ty := r.Responses.Types[3]; ty.Type != "other" || *ty.Median != 0 {
		t.Errorf("other %+v", ty)
	}
}

func TestOptionsErrors(t *testing.T) {
	s := shop()
	for _, tt := range []struct {
		opt  Options
		want string
	}{
		{Options{}, "--from and --to"},
		{Options{From: date(2027, 1, 2), To: date(2027, 1, 2)}, "empty"},
		{Options{From: date(2027, 1, 1), To: date(2040, 1, 1)}, "longer than 10 years"},
		{Options{From: date(2027, 1, 1), To: date(2027, 2, 1)}, "--posts"},
		{Options{From: date(2027, 1, 1), To: date(2027, 2, 1), Posts: Input{R: strings.NewReader("")}, FailOn: []string{"reach"}}, "unknown KPI"},
	} {
		_, err := Run(s, tt.opt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opt, err, tt.want)
		}
	}
}

// TestShopJSONLines audits the same history written as JSON Lines: the
// report must be the same, bar the file names.
func TestShopJSONLines(t *testing.T) {
	csvReport := runShop(t, shop(), Options{})
	posts := toJSONLines(t, shopPosts)
	mentions := toJSONLines(t, shopMentions)
	r, err := Run(shop(), Options{
		From: date(2027, 1, 4), To: date(2027, 1, 18), Tolerance: DefaultTolerance,
		Posts:    Input{Name: "posts.jsonl", R: strings.NewReader(posts)},
		Mentions: &Input{Name: "mentions.jsonl", R: strings.NewReader(mentions)},
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Posts.File, r.Mentions.File = csvReport.Posts.File, csvReport.Mentions.File
	// Reasons name the format's way of writing a value; compare lines
	// only, which are one less in JSON Lines (no header).
	for _, rec := range []*Reconciliation{&r.Posts, r.Mentions, &csvReport.Posts, csvReport.Mentions} {
		for i := range rec.Rejects {
			rec.Rejects[i].Reason = ""
		}
	}
	for _, rec := range []*Reconciliation{&csvReport.Posts, csvReport.Mentions} {
		for i := range rec.Rejects {
			rec.Rejects[i].Line--
		}
	}
	for i := range csvReport.Disclosure.Missing {
		csvReport.Disclosure.Missing[i].Line--
	}
	a, _ := json.Marshal(csvReport)
	b, _ := json.Marshal(r)
	if string(a) != string(b) {
		t.Errorf("JSON Lines report differs from CSV report:\ncsv:   %s\njsonl: %s", a, b)
	}
}

// toJSONLines turns a small CSV without quoted newlines into JSON Lines,
// with numbers as numbers and empty cells left out.
func toJSONLines(t *testing.T, csvText string) string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, rec := range recs[1:] {
		obj := map[string]any{}
		for i, v := range rec {
			switch {
			case v == "":
			case allDigits(v):
				n, _ := strconv.ParseInt(v, 10, 64)
				obj[recs[0][i]] = n
			default:
				obj[recs[0][i]] = v
			}
		}
		line, _ := json.Marshal(obj)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// TestPlannedIsThePeriodsPlan: the targets come from the plan pillar plan
// makes for exactly the period, not from the wider one timing looks at.
func TestPlannedIsThePeriodsPlan(t *testing.T) {
	s := loadExample(t, "nordlys")
	for _, p := range [][2]strategy.Date{{date(2027, 1, 4), date(2027, 1, 11)}, {date(2027, 2, 1), date(2027, 3, 1)}} {
		r, err := Run(s, Options{From: p[0], To: p[1], Tolerance: DefaultTolerance, Posts: Input{Name: "posts.csv", R: strings.NewReader("id,published_at,channel\n")}})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := planner.Plan(s, planner.Options{From: p[0], To: p[1]})
		if err != nil {
			t.Fatal(err)
		}
		want := map[[2]string]int{}
		for _, sl := range cal.Slots {
			want[[2]string{sl.Channel, sl.Pillar}]++
		}
		for _, m := range r.Mix.Channels {
			for _, ps := range m.Pillars {
				if got := ps.Planned; got != want[[2]string{m.Channel, ps.Pillar}] {
					t.Errorf("%s–%s %s/%s: planned %d, pillar plan says %d", p[0], p[1], m.Channel, ps.Pillar, got, want[[2]string{m.Channel, ps.Pillar}])
				}
			}
		}
	}
}

func TestNotMeasured(t *testing.T) {
	s := shop()
	s.KPIs.ReachPerWeek = &strategy.Target{Target: 1000}
	s.KPIs.FollowerGrowth = &strategy.Target{Target: 1}
	s.KPIs.ClicksPerWeek = &strategy.Target{Target: 1}
	// Every row on a channel the strategy does not have: nothing is
	// measured, and nothing measured cannot fail the audit.
	posts := strings.ReplaceAll(strings.ReplaceAll(shopPosts, ",ig,", ",snap,"), ",li,", ",snap,")
	r, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 18), Tolerance: DefaultTolerance,
		Posts: Input{Name: "posts.csv", R: strings.NewReader(posts)}, FailOn: []string{KPIPillars, KPIEngagement, KPIReach, KPIResponse, KPIGrowth, KPIClicks}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Verdict.Checks {
		if c.KPI == KPICadence {
			continue // no post is a measured miss of the cadence
		}
		if c.Measured || c.Met || c.Actual != nil || !strings.HasPrefix(c.Detail, "not measured") {
			t.Errorf("%s: %+v", c.KPI, c)
		}
	}
	if !r.Verdict.Pass {
		t.Error("unmeasured KPIs failed the audit")
	}
	// No reach column: reach per week is not measured, not 0.
	noReach := strings.ReplaceAll(shopPosts, ",impressions,reach\n", ",impressions,x\n")
	s.KPIs.FollowerGrowth, s.KPIs.ClicksPerWeek = nil, nil
	r = runShopPosts(t, s, noReach)
	c := r.Verdict.Checks[len(r.Verdict.Checks)-1]
	if c.KPI != KPIReach || c.Measured {
		t.Errorf("reach per week without a reach column: %+v", c)
	}
}

func runShopPosts(t *testing.T, s *strategy.Strategy, posts string) *Report {
	t.Helper()
	r, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 18), Tolerance: DefaultTolerance,
		Posts: Input{Name: "posts.csv", R: strings.NewReader(posts)}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestBlackoutWeekNotJudged(t *testing.T) {
	s := shop()
	s.Calendar = &strategy.Calendar{Blackouts: []strategy.Blackout{{From: date(2027, 1, 11), To: date(2027, 1, 17), Channels: []string{"ig"}}}}
	r := runShopPosts(t, s, shopPosts)
	ig := r.Cadence.Channels[0]
	if ig.Weeks != 1 || ig.Kept != 1 || len(ig.Rows) != 2 || ig.Rows[1].Judged || ig.Rows[1].Required != 0 || len(ig.Missed) != 0 {
		t.Errorf("ig with W02 blacked out: %+v", ig)
	}
}

func TestToleranceZero(t *testing.T) {
	r, err := Run(shop(), Options{From: date(2027, 1, 4), To: date(2027, 1, 18),
		Posts: Input{Name: "posts.csv", R: strings.NewReader(shopPosts)}})
	if err != nil {
		t.Fatal(err)
	}
	// Only p3 (18:00), p4 (09:00) and p7 (12:00 New York) are on the dot.
	if r.Timing.ToleranceSeconds != 0 || r.Timing.OnTime != 3 {
		t.Errorf("tolerance 0: %+v", r.Timing)
	}
}

func TestUnknownValuesAndIDs(t *testing.T) {
	posts := shopPosts +
		"x1,2027-01-05T09:00:00+01:00,IG,fashon,giveaway,A post,,1,0,0,0,0,10,10\n" + // channel in another case
		"p7,2027-01-06T09:00:00+01:00,ig,brand,,Same id as a LinkedIn post,,1,0,0,0,0,10,10\n"
	r := runShopPosts(t, shop(), posts)
	if r.Posts.Used != 9 || r.Posts.Duplicates != 1 {
		t.Errorf("used %d duplicates %d, want 9 and 1: ids are unique per channel, and IG is ig", r.Posts.Used, r.Posts.Duplicates)
	}
	if len(r.Posts.UnknownPillars) != 1 || r.Posts.UnknownPillars[0] != (NameCount{Name: "fashon", Count: 1}) {
		t.Errorf("unknown pillars %+v", r.Posts.UnknownPillars)
	}
	if len(r.Posts.UnknownTactics) != 1 || r.Posts.UnknownTactics[0].Name != "giveaway" {
		t.Errorf("unknown tactics %+v", r.Posts.UnknownTactics)
	}
}

// TestTimingLooksBeyondThePeriod: a post just after midnight on the first
// day is on time for the slot late on the day before.
func TestTimingLooksBeyondThePeriod(t *testing.T) {
	s := shop()
	s.Channels[0].Cadence = strategy.Cadences{{MinPerWeek: 7, Days: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, Times: []string{"23:45"}}}
	s.Tactics = nil
	posts := "id,published_at,channel\n" +
		"a,2027-01-04T00:15:00+01:00,ig\n" + // 30 minutes after Sunday's 23:45
		"b,2027-01-17T23:50:00+01:00,ig\n" + // 5 minutes after the last day's slot
		"c,2027-01-10T12:00:00+01:00,ig\n" // no slot near
	r := runShopPosts(t, s, posts)
	if tm := r.Timing.Channels[0]; tm.Posts != 3 || tm.OnTime != 2 {
		t.Errorf("timing %+v, want 2 of 3 on time", tm)
	}
}

func TestRepeatedIDInAnotherCase(t *testing.T) {
	posts := "id,published_at,channel\n" +
		"a,2027-01-05T09:00:00+01:00,ig\n" +
		"a,2027-01-05T09:00:00+01:00,IG\n"
	if r := runShopPosts(t, shop(), posts); r.Posts.Used != 1 || r.Posts.Duplicates != 1 {
		t.Errorf("used %d duplicates %d, want 1 and 1", r.Posts.Used, r.Posts.Duplicates)
	}
}

// TestSeveralCadencesRequireEachItsOwn: with several cadences, a week
// requires each cadence's minimum, or its planned posts when it has fewer
// (here the Saturday cadence starts in the second week), so a week before
// it starts requires the weekday cadence's 2, not the sum of 3 that its 3
// planned posts would allow; from its start, both.
func TestSeveralCadencesRequireEachItsOwn(t *testing.T) {
	s := shop()
	s.Tactics = nil
	s.Channels[0].Cadence = strategy.Cadences{
		{MinPerWeek: 2, Days: []string{"mon", "wed", "fri"}, Times: []string{"09:00"}},
		{MinPerWeek: 1, Days: []string{"sat"}, Times: []string{"11:00"}, Start: date(2027, 1, 16)},
	}
	posts := "id,published_at,channel\n" +
		"a,2027-01-04T09:00:00+01:00,ig\n" +
		"b,2027-01-06T09:00:00+01:00,ig\n" +
		"c,2027-01-11T09:00:00+01:00,ig\n" +
		"d,2027-01-13T09:00:00+01:00,ig\n" +
		"e,2027-01-16T11:00:00+01:00,ig\n"
	r := runShopPosts(t, s, posts)
	ig := r.Cadence.Channels[0]
	if ig.MinPerWeek != 3 || len(ig.Rows) != 2 {
		t.Fatalf("ig %+v", ig)
	}
	for i, want := range []WeekCount{
		{Week: "2027-W01", Planned: 3, Required: 2, Published: 2, Judged: true, Kept: true},
		{Week: "2027-W02", Planned: 4, Required: 3, Published: 3, Judged: true, Kept: true},
	} {
		got := ig.Rows[i]
		got.Start = strategy.Date{}
		if got != want {
			t.Errorf("week %d: %+v, want %+v", i, got, want)
		}
	}
}
