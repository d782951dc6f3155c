package audit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// The tactic KPI tests run the shop's weekly Thursday Q&A on Instagram
// over three weeks: executed on 7 January (two tagged posts, one without
// reach) and 14 January (one post without comments and with a reach of 0),
// not executed on 21 January. Every expectation is worked out by hand
// below.
const tacticPosts = `id,published_at,channel,pillar,tactic,text,mentions,likes,comments,shares,saves,clicks,impressions,reach
t1,2027-01-07T18:00:00+01:00,ig,brand,qa,Q&A,,30,10,0,0,4,800,500
t2,2027-01-07T18:30:00+01:00,ig,brand,qa,Q&A part two,,10,5,1,1,0,300,
t3,2027-01-14T18:00:00+01:00,ig,brand,qa,Q&A,,20,,0,0,6,100,0
t4,2027-01-14T18:00:00-05:00,li,brand,qa,Not a channel of the tactic,,99,99,0,0,99,999,999
t5,2027-01-08T18:00:00+01:00,ig,brand,qa,The day after,,99,99,0,0,99,999,999
r1,2027-01-05T09:00:00+01:00,ig,product,,Regular,,50,50,0,0,50,900,900
`

// tacticResults supplies values; the comment says what becomes of each row.
const tacticResults = "tactic,channel,date,metric,value,note\n" +
	"qa,ig,2027-01-07,entries,140,used\n" + // line 2
	"qa,IG,2027-01-14,comments,11.5,used: the history has none\n" + // line 3
	"qa,ig,2027-01-07,comments,9,used: wins over the history's 15\n" + // line 4
	"qa,ig,2027-01-07,entries,150,repeats line 2\n" + // line 5
	"qa,ig,2027-02-04,entries,1,outside the period\n" + // line 6
	"qa,ig,2027-01-13,entries,1,no occurrence that day\n" + // line 7
	"qa,li,2027-01-07,entries,1,no occurrence on li\n" + // line 8
	"xx,ig,2027-01-07,entries,1,unknown tactic\n" + // line 9
	"qa,fb,2027-01-07,entries,1,unknown channel\n" + // line 10
	"qa,ig,07.01.2027,entries,1,not a date\n" + // line 11
	"qa,ig,2027-01-07,entry,1,not a KPI of qa\n" + // line 12
	"qa,ig,2027-01-07,clicks,1e3,not plain digits\n" + // line 13
	"qa,ig,2027-01-07,clicks,-1,negative\n" + // line 14
	"qa,ig,2027-01-07,clicks\n" + // line 15: too few fields
	"qa,ig,2027-01-07,clicks,,empty value\n" + // line 16
	"qa,ig,2027-01-21,entries,5,not executed\n" // line 17

func tacticShop() *strategy.Strategy {
	s := shop()
	s.Tactics[0].KPIs = []strategy.TacticKPI{
		{Metric: "comments", Target: 12},
		{Metric: "engagement_rate", Target: 8},
		{Metric: "reach", Target: 400},
		{Metric: "clicks", Target: 5},
		{Metric: "entries", Target: 100},
	}
	return s
}

func runTactics(t *testing.T, s *strategy.Strategy, results string, failOn []string) *Report {
	t.Helper()
	opt := Options{From: date(2027, 1, 4), To: date(2027, 1, 25), Tolerance: DefaultTolerance, FailOn: failOn,
		Posts: Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)}}
	if results != "" {
		opt.TacticResults = &Input{Name: "results.csv", R: strings.NewReader(results)}
	}
	r, err := Run(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type occWant struct {
	value        float64 // when status is not not_measured
	source       string
	status       string
	posts, with  int64
	reasonSubstr string
}

func checkKPI(t *testing.T, k TacticKPIResult, measured, supplied, met int, mean float64, rows []occWant) {
	t.Helper()
	if k.Occurrences != 2 || k.Measured != measured || k.Supplied != supplied || k.Met != met || k.Missed != measured-met {
		t.Errorf("%s: %d occurrences, %d measured, %d supplied, %d met, %d missed; want 2, %d, %d, %d, %d",
			k.Metric, k.Occurrences, k.Measured, k.Supplied, k.Met, k.Missed, measured, supplied, met, measured-met)
	}
	if measured > 0 {
		near(t, k.Metric+" mean", k.Mean, mean)
		near(t, k.Metric+" share", k.Share, 100*float64(met)/float64(measured))
	} else if k.Mean != nil || k.Share != nil || k.Reason == "" {
		t.Errorf("%s: mean %v, share %v, reason %q: want none, none and a reason", k.Metric, k.Mean, k.Share, k.Reason)
	}
	if len(k.Rows) != len(rows) {
		t.Fatalf("%s: %d rows, want %d", k.Metric, len(k.Rows), len(rows))
	}
	days := []strategy.Date{date(2027, 1, 7), date(2027, 1, 14)}
	for i, w := range rows {
		got := k.Rows[i]
		if got.Date != days[i] || got.Channel != "ig" || got.Status != w.status || got.Source != w.source || got.Posts != w.posts || got.WithMetric != w.with {
			t.Errorf("%s row %d: %+v, want %+v", k.Metric, i, got, w)
		}
		if w.status == StatusNotMeasured {
			if got.Value != nil || !strings.Contains(got.Reason, w.reasonSubstr) {
				t.Errorf("%s row %d: value %v, reason %q; want none and a reason with %q", k.Metric, i, got.Value, got.Reason, w.reasonSubstr)
			}
			continue
		}
		near(t, k.Metric+" value", got.Value, w.value)
	}
}

func TestTacticKPIsFromHistory(t *testing.T) {
	r := runTactics(t, tacticShop(), "", nil)
	tr := r.Tactics[0]
	if tr.Planned != 3 || tr.Executed != 2 || len(tr.KPIs) != 5 {
		t.Fatalf("qa: %d of %d executed, %d KPIs; want 2 of 3, 5", tr.Executed, tr.Planned, len(tr.KPIs))
	}
	// Comments: 10 + 5 on the 7th; the 14th's post has none.
	checkKPI(t, tr.KPIs[0], 1, 0, 1, 15, []occWant{
		{value: 15, source: "history", status: StatusMet, posts: 2, with: 2},
		{status: StatusNotMeasured, posts: 1, reasonSubstr: "no post of the occurrence has comments"},
	})
	// Engagement rate: likes, comments, shares, saves and clicks over
	// reach, of the posts with a reach above 0: t1's 44 / 500.
	checkKPI(t, tr.KPIs[1], 1, 0, 1, 8.8, []occWant{
		{value: 8.8, source: "history", status: StatusMet, posts: 2, with: 1},
		{status: StatusNotMeasured, posts: 1, reasonSubstr: "reach above zero"},
	})
	// Reach: t1's 500 (t2 has none); a reach of 0 is a value.
	checkKPI(t, tr.KPIs[2], 2, 0, 1, 250, []occWant{
		{value: 500, source: "history", status: StatusMet, posts: 2, with: 1},
		{value: 0, source: "history", status: StatusMissed, posts: 1, with: 1},
	})
	checkKPI(t, tr.KPIs[3], 2, 0, 1, 5, []occWant{
		{value: 4, source: "history", status: StatusMissed, posts: 2, with: 2},
		{value: 6, source: "history", status: StatusMet, posts: 1, with: 1},
	})
	if k := tr.KPIs[4]; k.FromHistory || !strings.Contains(k.Reason, "--tactic-results") {
		t.Errorf("entries: from history %v, reason %q", k.FromHistory, k.Reason)
	}
	checkKPI(t, tr.KPIs[4], 0, 0, 0, 0, []occWant{
		{status: StatusNotMeasured, posts: 2, reasonSubstr: "the post history has no entries"},
		{status: StatusNotMeasured, posts: 1, reasonSubstr: "the post history has no entries"},
	})
	if r.TacticResults != nil {
		t.Error("a results file is reported without one")
	}
	// The verdict: the strategy's four KPIs, then one per tactic KPI,
	// the mean against the per-occurrence target.
	checks := r.Verdict.Checks[len(r.Verdict.Checks)-5:]
	want := []struct {
		kpi               string
		measured, met     bool
		actual            float64
		unit, detailSubst string
	}{
		{"tactic:qa:comments", true, true, 15, "", "1 of 1 measured occurrence reached 12 comments (100%); 1 not measured; 1 of 3 planned not executed"},
		{"tactic:qa:engagement_rate", true, true, 8.8, "%", "mean 8.8% engagement rate per occurrence"},
		{"tactic:qa:reach", true, false, 250, "", "1 of 2 measured occurrences reached 400 reach (50%)"},
		{"tactic:qa:clicks", true, true, 5, "", "mean 5 clicks"},
		{"tactic:qa:entries", false, false, 0, "", "not measured: the post history has no entries"},
	}
	for i, w := range want {
		c := checks[i]
		if c.KPI != w.kpi || c.Measured != w.measured || c.Met != w.met || c.Unit != w.unit || !c.Counted || !strings.Contains(c.Detail, w.detailSubst) {
			t.Errorf("check %d: %+v, want %+v", i, c, w)
		}
		if w.measured {
			near(t, w.kpi, c.Actual, w.actual)
		} else if c.Actual != nil {
			t.Errorf("%s: actual %v, want none", w.kpi, *c.Actual)
		}
	}
	if r.Verdict.Pass {
		t.Error("the reach KPI is missed and counted, yet the audit passes")
	}
}

func TestTacticResultsFile(t *testing.T) {
	r := runTactics(t, tacticShop(), tacticResults, nil)
	f := r.TacticResults
	if f == nil || f.File != "results.csv" || f.Read != 16 || f.Used != 3 || f.OutsidePeriod != 1 || f.Rejected != 12 {
		t.Fatalf("results file: %+v, want 16 read = 3 used + 1 outside + 12 rejected", f)
	}
	wantRejects := []struct {
		line   int64
		reason string
	}{
		{5, "repeats the tactic, channel, date and metric of line 2"},
		{7, "tactic qa has no occurrence planned on ig on 2027-01-13"},
		{8, "tactic qa has no occurrence planned on li on 2027-01-07"},
		{9, `tactic "xx" is not in the strategy`},
		{10, `channel "fb" is not in the strategy`},
		{11, `"07.01.2027" is not a date`},
		{12, `tactic qa has no KPI "entry": its KPIs are comments, engagement_rate, reach, clicks and entries`},
		{13, `value "1e3" is not a number 0 or more`},
		{14, `value "-1" is not a number 0 or more`},
		{15, "has 4 fields, the header has 6"},
		{16, "value is empty"},
		{17, "tactic qa was not executed on ig on 2027-01-21"},
	}
	if len(f.Rejects) != len(wantRejects) {
		t.Fatalf("%d rejects listed, want %d: %+v", len(f.Rejects), len(wantRejects), f.Rejects)
	}
	for i, w := range wantRejects {
		if got := f.Rejects[i]; got.Line != w.line || !strings.Contains(got.Reason, w.reason) {
			t.Errorf("reject %d: line %d %q, want line %d with %q", i, got.Line, got.Reason, w.line, w.reason)
		}
	}
	tr := r.Tactics[0]
	// Comments: the supplied 9 wins over the history's 15 on the 7th, and
	// the supplied 11.5 measures the 14th.
	checkKPI(t, tr.KPIs[0], 2, 2, 0, 10.25, []occWant{
		{value: 9, source: "supplied", status: StatusMissed, posts: 2, with: 2},
		{value: 11.5, source: "supplied", status: StatusMissed, posts: 1},
	})
	checkKPI(t, tr.KPIs[4], 1, 1, 1, 140, []occWant{
		{value: 140, source: "supplied", status: StatusMet, posts: 2},
		{status: StatusNotMeasured, posts: 1, reasonSubstr: "supply it per occurrence"},
	})
	c := r.Verdict.Checks[len(r.Verdict.Checks)-1]
	if c.KPI != "tactic:qa:entries" || !c.Measured || !c.Met || !strings.Contains(c.Detail, "1 supplied") {
		t.Errorf("entries check: %+v", c)
	}
}

// TestTacticKPIsFailOn: a missed tactic KPI fails the audit unless
// --fail-on leaves it out; "tactics" counts them all.
func TestTacticKPIsFailOn(t *testing.T) {
	s := tacticShop()
	s.KPIs = nil // only the tactic KPIs are judged
	for _, c := range []struct {
		failOn []string
		pass   bool
	}{
		{nil, false},
		{[]string{}, true},
		{[]string{KPICadence}, true},
		{[]string{KPITactics}, false},
		{[]string{"tactic:qa:reach"}, false},
		{[]string{"tactic:qa:clicks"}, true},
	} {
		r := runTactics(t, s, "", c.failOn)
		if r.Verdict.Pass != c.pass || len(r.Verdict.Checks) != 5 {
			t.Errorf("--fail-on %v: pass %v with %d checks, want %v with 5", c.failOn, r.Verdict.Pass, len(r.Verdict.Checks), c.pass)
		}
	}
	if _, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 25), FailOn: []string{"tactic"},
		Posts: Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)}}); err == nil {
		t.Error("--fail-on tactic is accepted")
	}
	for _, k := range []string{"tactic:nope:comments", "tactic:qa", "tactic:qa:shares-typo"} {
		if _, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 25), FailOn: []string{k},
			Posts: Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)}}); err == nil || !strings.Contains(err.Error(), "names no tactic KPI") {
			t.Errorf("--fail-on %s: err %v, want it refused", k, err)
		}
	}
}

// TestTacticResultsRefused: a file the audit cannot read at all stops it
// with the file, the line and what to do.
func TestTacticResultsRefused(t *testing.T) {
	for _, c := range []struct {
		name, file, want string
	}{
		{"empty", "", "results.csv: the tactic results file is empty: its first line is the header tactic,channel,date,metric,value"},
		{"no value column", "tactic,channel,date,metric\n", `results.csv:1: the header has no "value" column`},
		{"a column twice", "tactic,channel,date,metric,value,Date\n", `results.csv:1:6: column "date" appears twice`},
		{"not UTF-8", "tactic,channel,date,metric,value\nqa,ig,2027-01-07,entries,1\nqa,\xff\n", "results.csv:3: the tactic results file is not UTF-8"},
		{"too large", "tactic,channel,date,metric,value\n" + strings.Repeat("x", MaxTacticResultsBytes), "larger than 8 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Run(tacticShop(), Options{From: date(2027, 1, 4), To: date(2027, 1, 25),
				Posts:         Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)},
				TacticResults: &Input{Name: "results.csv", R: strings.NewReader(c.file)}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// TestTacticResultsBOMAndOrder: a byte-order mark, columns in another
// order and in capitals, and spaces around values are fine.
func TestTacticResultsBOMAndOrder(t *testing.T) {
	file := "\uFEFFValue, Metric ,Date,Channel,Tactic\n 140 ,entries,2027-01-07,ig,qa\n"
	r := runTactics(t, tacticShop(), file, nil)
	if f := r.TacticResults; f.Read != 1 || f.Used != 1 {
		t.Fatalf("results: %+v", f)
	}
	near(t, "entries", r.Tactics[0].KPIs[4].Rows[0].Value, 140)
}

// FuzzTacticResults: whatever the file holds, the audit does not panic,
// and every row it reads is used, outside the period or rejected.
func FuzzTacticResults(f *testing.F) {
	f.Add([]byte(tacticResults))
	f.Add([]byte("tactic,channel,date,metric,value\n\"qa\",ig,2027-01-07,entries,\"1\n2\"\n"))
	f.Add([]byte("tactic,channel,date,metric,value\nqa,ig,2027-01-07,entries,1\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := tacticShop()
		r, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 25),
			Posts:         Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)},
			TacticResults: &Input{Name: "results.csv", R: bytes.NewReader(b)}})
		if err != nil {
			return
		}
		f := r.TacticResults
		if f.Read != f.Used+f.OutsidePeriod+f.Rejected || len(f.Rejects) > MaxRejectsListed {
			t.Errorf("results do not reconcile: %+v", f)
		}
		if int64(len(r.Tactics[0].KPIs[4].Rows)) > 2 {
			t.Error("more rows than executed occurrences")
		}
	})
}

// TestTacticKPIsCompared: with --compare, the audited period's tactic
// KPIs (results file included) are those of an audit without it, and the
// comparison period reads its own occurrences' values from the same file.
func TestTacticKPIsCompared(t *testing.T) {
	const file = "tactic,channel,date,metric,value\nqa,ig,2027-01-07,entries,140\nqa,ig,2027-01-14,entries,90\n"
	s := tacticShop()
	alone := runTactics(t, s, file, nil)
	opt := Options{From: date(2027, 1, 11), To: date(2027, 1, 25), Tolerance: DefaultTolerance,
		Posts:         Input{Name: "posts.csv", R: strings.NewReader(tacticPosts)},
		TacticResults: &Input{Name: "results.csv", R: strings.NewReader(file)},
		Compare:       &Period{From: date(2027, 1, 4), To: date(2027, 1, 11)}}
	with, err := Run(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if with.TacticResults == nil || with.TacticResults.Used != 1 || with.TacticResults.OutsidePeriod != 1 {
		t.Fatalf("the audited period's results file: %+v", with.TacticResults)
	}
	var prevEntries *Figure
	for i, f := range with.Compare.Figures {
		if f.Key == "tactic:qa:entries" {
			prevEntries = &with.Compare.Figures[i]
		}
	}
	if prevEntries == nil || prevEntries.Previous == nil || prevEntries.Current == nil {
		t.Fatalf("no entries figure with both values in %+v", with.Compare.Figures)
	}
	near(t, "previous entries", prevEntries.Previous, 140)
	near(t, "current entries", prevEntries.Current, 90)
	if c := with.Compare.TacticResults; c == nil || c.Used != 1 || c.OutsidePeriod != 1 || c.Rejected != 0 {
		t.Errorf("the comparison period's results file: %+v, want 1 used and 1 outside", c)
	}
	if alone.TacticResults.Used != 2 {
		t.Errorf("without --compare over both weeks: %d rows used, want 2", alone.TacticResults.Used)
	}
}

// TestResultValueBound: a value past MaxResultValue is refused rather
// than overflowing the whole-number counts the reports print.
func TestResultValueBound(t *testing.T) {
	if v, err := parseResultValue("1000000000000000"); err != nil || v != MaxResultValue {
		t.Errorf("10^15: %v, %v", v, err)
	}
	for _, s := range []string{"1000000000000001", "99999999999999999999999999999999999999"} {
		if _, err := parseResultValue(s); err == nil || !strings.Contains(err.Error(), "is larger than") {
			t.Errorf("%s: err %v, want it refused", s, err)
		}
	}
}
