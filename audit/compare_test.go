package audit

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

func TestPreviousPeriod(t *testing.T) {
	cases := []struct {
		name     string
		from, to string
		want     string
	}{
		{"calendar month", "2027-03-01", "2027-04-01", "2027-02-01..2027-03-01"},
		{"month after a short one", "2027-02-01", "2027-03-01", "2027-01-01..2027-02-01"},
		{"quarter", "2027-04-01", "2027-07-01", "2027-01-01..2027-04-01"},
		{"across the year", "2027-01-01", "2027-02-01", "2026-12-01..2027-01-01"},
		{"year", "2027-01-01", "2028-01-01", "2026-01-01..2027-01-01"},
		{"two weeks", "2027-01-04", "2027-01-18", "2026-12-21..2027-01-04"},
		{"month from the 15th is days", "2027-03-15", "2027-04-15", "2027-02-12..2027-03-15"},
		{"from the 1st to the 15th is days", "2027-03-01", "2027-03-15", "2027-02-15..2027-03-01"},
		{"month after a leap February", "2028-03-01", "2028-04-01", "2028-02-01..2028-03-01"},
		{"first of a month, one day", "2028-03-01", "2028-03-02", "2028-02-29..2028-03-01"},
		{"one day", "2028-03-02", "2028-03-03", "2028-03-01..2028-03-02"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParsePeriod(c.from + ".." + c.to)
			if err != nil {
				t.Fatal(err)
			}
			if got := PreviousPeriod(p.From, p.To).String(); got != c.want {
				t.Errorf("PreviousPeriod(%s) = %s, want %s", p, got, c.want)
			}
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	for in, want := range map[string]string{
		"2027-02-01":             "write FROM..TO",
		"2027-02-01..":           "to:",
		"..2027-02-01":           "from:",
		"2027-02-30..2027-03-01": "from:",
		"2027-03-01..2027-03-01": "is empty",
		"2027-03-01..2027-02-01": "is empty",
	} {
		_, err := ParsePeriod(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePeriod(%q) = %v, want an error with %q", in, err, want)
		}
	}
}

// TestCompareIsTwoAudits holds a comparison to two separate audits of the
// same files: the audited period's report is unchanged byte for byte, and
// every figure of the comparison period, and its row counts, are those of
// an audit of that period alone. The periods overlap, so rows of
// 2027-01-11 to 2027-01-17 count in both.
func TestCompareIsTwoAudits(t *testing.T) {
	s := shop()
	alone := runShop(t, s, Options{})
	with := runShop(t, s, Options{Compare: &Period{From: date(2027, 1, 11), To: date(2027, 1, 25)}})
	if with.Compare == nil {
		t.Fatal("no comparison in the report")
	}
	cmp := with.Compare
	with.Compare = nil
	if a, b := jsonOf(t, alone), jsonOf(t, with); a != b {
		t.Errorf("the audited period's report changed with --compare:\n%s\nwant\n%s", b, a)
	}
	prev := runPeriod(t, s, date(2027, 1, 11), date(2027, 1, 25))
	if cmp.From != prev.From || cmp.To != prev.To {
		t.Errorf("comparison period %s..%s, want %s..%s", cmp.From, cmp.To, prev.From, prev.To)
	}
	if cmp.Posts.Used != prev.Posts.Used || cmp.Posts.OutsidePeriod != prev.Posts.OutsidePeriod || cmp.Posts.Used == 0 {
		t.Errorf("comparison posts: %d used, %d outside; want %d, %d", cmp.Posts.Used, cmp.Posts.OutsidePeriod, prev.Posts.Used, prev.Posts.OutsidePeriod)
	}
	if p := prev.Posts; p.Read != p.Used+p.OutsidePeriod+p.UnknownChannel+p.Rejected {
		t.Errorf("the comparison's rows do not reconcile: %+v", p)
	}
	if cmp.Mentions == nil || cmp.Mentions.Used != prev.Mentions.Used || cmp.Mentions.OutsidePeriod != prev.Mentions.OutsidePeriod {
		t.Errorf("comparison mentions: %+v, want %d used", cmp.Mentions, prev.Mentions.Used)
	}
	want := map[string]*float64{
		"posts_published": ptr(float64(prev.Posts.Used)),
		KPICadence:        prev.Cadence.Adherence,
		KPIPillars:        prev.Mix.Overall.MaxDeviation,
		"on_time_share":   prev.Timing.Share,
		KPIEngagement:     prev.Engagement.Overall.Rate,
		KPIClicks:         prev.Clicks.PerWeek,
		KPIGrowth:         prev.Growth.Percent,
		"mentions":        ptr(float64(prev.Mentions.Used)),
		KPIResponse:       prev.Responses.Overall.Share,
		"median_response": seconds(prev.Responses.Overall.Median),
		KPINegative:       prev.Sentiment.Overall.NegativeShare,
		// The shop declares no reach target: its reach per week is the
		// reach of the period's posts over its two weeks, by hand.
		KPIReach: ptr(float64(800+10+200) / 2),
	}
	cur := map[string]*float64{KPIEngagement: alone.Engagement.Overall.Rate, "posts_published": ptr(float64(alone.Posts.Used))}
	for _, f := range cmp.Figures {
		w, ok := want[f.Key]
		if !ok {
			t.Errorf("unexpected figure %s", f.Key)
			continue
		}
		delete(want, f.Key)
		if f.NoData {
			t.Errorf("%s: no data, but the files cover the period", f.Key)
		}
		if (w == nil) != (f.Previous == nil) || w != nil && *w != *f.Previous {
			t.Errorf("%s: previous %v, want %v", f.Key, deref(f.Previous), deref(w))
		}
		if c, ok := cur[f.Key]; ok && (f.Current == nil || *f.Current != *c) {
			t.Errorf("%s: current %v, want %v", f.Key, deref(f.Current), deref(c))
		}
	}
	for k := range want {
		t.Errorf("figure %s missing", k)
	}
}

func checkOf(r *Report, kpi string) *float64 {
	for _, c := range r.Verdict.Checks {
		if c.KPI == kpi {
			return c.Actual
		}
	}
	return nil
}

func seconds(p *int64) *float64 {
	if p == nil {
		return nil
	}
	return ptr(float64(*p))
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// runPeriod audits the shop's files over [from, to).
func runPeriod(t *testing.T, s *strategy.Strategy, from, to strategy.Date) *Report {
	t.Helper()
	r, err := Run(s, Options{
		From:      from,
		To:        to,
		Tolerance: DefaultTolerance,
		Posts:     Input{Name: "posts.csv", R: strings.NewReader(shopPosts)},
		Mentions:  &Input{Name: "mentions.csv", R: strings.NewReader(shopMentions)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func jsonOf(t *testing.T, r *Report) string {
	t.Helper()
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCompareCoverage tells a period the files do not reach ("no data")
// from one they reach in part, and from one they span.
func TestCompareCoverage(t *testing.T) {
	cases := []struct {
		name     string
		from, to strategy.Date
		posts    string
		used     int64
		compared bool
	}{
		// The earliest post went out on 2027-01-03 in New York, early
		// on 2027-01-04 in Oslo, the brand's zone.
		{"before the data", date(2026, 11, 1), date(2026, 12, 1), "none", 0, false},
		{"after the data", date(2027, 3, 1), date(2027, 4, 1), "none", 0, false},
		// Thirteen of its fourteen days lie before the data: no data, not
		// thirteen days of nothing.
		{"the previous two weeks", date(2026, 12, 21), date(2027, 1, 4), "partial", 1, false},
		// Three days before the data: compared, and noted.
		{"three days early", date(2027, 1, 1), date(2027, 1, 12), "partial", 7, true},
		{"spanned", date(2027, 1, 5), date(2027, 1, 12), "full", 5, true}, // p2–p5 on ig, p7 on li
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runShop(t, shop(), Options{Compare: &Period{From: c.from, To: c.to}})
			cmp := r.Compare
			if cmp.Posts.Data != c.posts || cmp.Posts.Used != c.used || cmp.Posts.Comparable != c.compared {
				t.Errorf("posts: %s with %d used, comparable %v; want %s with %d, %v", cmp.Posts.Data, cmp.Posts.Used, cmp.Posts.Comparable, c.posts, c.used, c.compared)
			}
			if cmp.Posts.First == nil || *cmp.Posts.First != date(2027, 1, 4) || *cmp.Posts.Last != date(2027, 1, 18) {
				t.Errorf("posts span %v to %v, want 2027-01-04 to 2027-01-18", cmp.Posts.First, cmp.Posts.Last)
			}
			for _, f := range cmp.Figures {
				if f.From != "posts" {
					continue
				}
				if none := !c.compared; f.NoData != none || none && (f.Previous != nil || f.Change != nil || f.Trend != "") {
					t.Errorf("%s: no data %v, previous %v, change %v, trend %q; want no data %v", f.Key, f.NoData, deref(f.Previous), deref(f.Change), f.Trend, none)
				}
			}
			if got := cmp.Figures[0]; got.Key != "posts_published" || c.compared && (got.Previous == nil || *got.Previous != float64(c.used)) {
				t.Errorf("posts published: %+v, want %d previous", got, c.used)
			}
		})
	}
}

func TestFigureChange(t *testing.T) {
	cases := []struct {
		unit        string
		cur, prev   *float64
		change, rel any
		trend       string
	}{
		{"%", ptr(3.6), ptr(3.1), 0.5, nil, "up"},
		{"%", ptr(3.14), ptr(3.12), 0.02, nil, "same"},
		{"pp", ptr(2.0), ptr(4.5), -2.5, nil, "down"},
		{"count", ptr(90.0), ptr(72.0), 18.0, 25.0, "up"},
		{"count", ptr(5.0), ptr(0.0), 5.0, nil, "up"},
		{"count", ptr(7.0), ptr(7.0), 0.0, 0.0, "same"},
		{"seconds", ptr(600.0), ptr(900.0), -300.0, -100.0 / 3, "down"},
		{"per_week", ptr(100.0), nil, nil, nil, ""},
		{"%", nil, ptr(3.0), nil, nil, ""},
	}
	for _, c := range cases {
		f := Figure{Unit: c.unit, Current: c.cur, Previous: c.prev}.withChange()
		if got := deref(f.Change); !closeTo(got, c.change) || !closeTo(deref(f.Relative), c.rel) || f.Trend != c.trend {
			t.Errorf("%s %v → %v: change %v, relative %v, trend %q; want %v, %v, %q", c.unit, deref(c.prev), deref(c.cur), got, deref(f.Relative), f.Trend, c.change, c.rel, c.trend)
		}
	}
}

func closeTo(a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if !ok1 || !ok2 {
		return a == nil && b == nil
	}
	d := x - y
	return d < 1e-9 && d > -1e-9
}

// TestCompareEveryCheck: a KPI check without a line in headlines (as a
// new KPI has until one is added) is still compared, from its actual; and
// without a mention log the mention figures and the response check are
// left out rather than shown as not measured.
func TestCompareEveryCheck(t *testing.T) {
	saved := headlines
	defer func() { headlines = saved }()
	headlines = nil
	for _, h := range saved {
		if h.key != KPIEngagement {
			headlines = append(headlines, h)
		}
	}
	r := runShop(t, shop(), Options{Compare: &Period{From: date(2027, 1, 11), To: date(2027, 1, 25)}})
	prev := runPeriod(t, shop(), date(2027, 1, 11), date(2027, 1, 25))
	last := r.Compare.Figures[len(r.Compare.Figures)-1]
	if last.Key != KPIEngagement || last.Label != "Engagement rate" || last.Unit != "%" {
		t.Fatalf("the engagement check is not compared: last figure %+v", last)
	}
	near(t, "engagement now", last.Current, *r.Engagement.Overall.Rate)
	near(t, "engagement then", last.Previous, *prev.Engagement.Overall.Rate)

	headlines = saved
	s := shop()
	noLog, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 18), Tolerance: DefaultTolerance,
		Posts: Input{Name: "posts.csv", R: strings.NewReader(shopPosts)}, Compare: &Period{From: date(2027, 1, 11), To: date(2027, 1, 25)}})
	if err != nil {
		t.Fatal(err)
	}
	if noLog.Compare.Mentions != nil {
		t.Error("mention coverage without a mention log")
	}
	for _, f := range noLog.Compare.Figures {
		if f.From == "mentions" || f.Key == KPIResponse {
			t.Errorf("figure %s without a mention log", f.Key)
		}
	}
}

// FuzzParsePeriod: --compare FROM..TO never panics, and a period it
// accepts is non-empty and reads back the same.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2027-02-01..2027-03-01", "2027-02-01", "..", "2027-02-30..2027-03-01", "2027-03-01..2027-02-01", "2027-02-01...2027-03-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if !p.To.After(p.From) || p.Days() < 1 {
			t.Fatalf("%q: empty period %s accepted", s, p)
		}
		back, err := ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("%q: %s reads back as %s, %v", s, p, back, err)
		}
	})
}
