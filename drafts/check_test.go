package drafts

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner/plantest"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// memSource is a drafts file held in memory.
type memSource struct {
	name, data string
	opt        ReadOptions
}

func (m *memSource) Name() string { return m.name }
func (m *memSource) Each(fn func(*Draft) error, bad func(Reject)) error {
	_, err := ReadFile(strings.NewReader(m.data), m.name, m.opt, fn, bad)
	return err
}

// testStrategy is plantest.Store with hashtags and keywords on its
// pillars, so drafts without a pillar can be classified.
func testStrategy() *strategy.Strategy {
	s := plantest.Store()
	s.Pillars[0].Hashtags = []string{"#bakkulissene"}
	s.Pillars[1].Keywords = []string{"coat", "outfit"}
	s.Pillars[2].Hashtags = []string{"#skincare"}
	return s
}

// week is the period most cases check: Monday 4 to Saturday 9 January
// 2027. Instagram posts on weekdays at 09:00 (Oslo), TikTok on Tuesday,
// Thursday and Saturday at 18:30, LinkedIn on Tuesday and Thursday at
// 08:30 (New York); a Q&A tactic adds Thursday 18:30 on Instagram and
// TikTok.
var (
	weekFrom = plantest.Date(2027, 1, 4)
	weekTo   = plantest.Date(2027, 1, 10)
)

const draftsHeader = "id,channel,scheduled_at,text,pillar,tactic,campaign\n"

// run checks CSV rows (after draftsHeader) and returns the findings of the
// rules asked for, one line each.
func run(t *testing.T, s *strategy.Strategy, rows string, from, to strategy.Date, only ...string) (*Report, []string) {
	t.Helper()
	src := &memSource{name: "drafts.csv", data: draftsHeader + rows, opt: ReadOptions{Zone: Zone(s)}}
	rep, err := Check(Options{Strategy: s, StrategyFile: "strategy.yaml", From: from, To: to}, []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range rep.Result.Diagnostics {
		if len(only) > 0 && !contains(only, d.Rule) {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s: %s", d.File, d.Line, d.Column, d.Severity, d.Rule, d.Message))
	}
	return rep, out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRules(t *testing.T) {
	cases := []struct {
		name string
		rows string
		only []string
		want []string
	}{
		{
			name: "a draft at a planned slot fills it, silently",
			rows: "a,instagram,2027-01-04T09:00,Hei,brand,,\n",
			only: []string{RuleUnknownChannel, RuleOffSlot, RuleSlotTaken, RuleBlackout, RuleChannelInactive},
		},
		{
			name: "the same slot written with an offset is the same slot",
			rows: "a,instagram,2027-01-04T08:00:00Z,Hei,brand,,\n",
			only: []string{RuleOffSlot},
		},
		{
			name: "unknown channel with a did-you-mean",
			rows: "a,instagam,2027-01-04T09:00,Hei,brand,,\nb,myspace,2027-01-04T09:00,Hei,brand,,\n",
			only: []string{RuleUnknownChannel},
			want: []string{
				`drafts.csv:2:3 error draft-unknown-channel: channel "instagam" is not one of the strategy's channels — did you mean instagram?`,
				`drafts.csv:3:3 error draft-unknown-channel: channel "myspace" is not one of the strategy's channels`,
			},
		},
		{
			name: "off slot names the nearest planned slot and whether it is free",
			rows: "a,instagram,2027-01-04T09:00,x,brand,,\nb,instagram,2027-01-04T10:15,x,brand,,\nc,linkedin,2027-01-05T09:00,x,brand,,\n",
			only: []string{RuleOffSlot},
			want: []string{
				`drafts.csv:3:13 warning draft-off-slot: Mon 2027-01-04 10:15 is not a planned instagram slot; the nearest is Mon 2027-01-04 09:00 (taken by a)`,
				`drafts.csv:4:12 warning draft-off-slot: Tue 2027-01-05 09:00 is not a planned linkedin slot; the nearest is Tue 2027-01-05 08:30 (empty)`,
			},
		},
		{
			name: "a second draft for a slot",
			rows: "a,tiktok,2027-01-05T18:30,x,brand,,\nb,tiktok,2027-01-05T18:30,y,brand,,\n",
			only: []string{RuleSlotTaken},
			want: []string{`drafts.csv:3:10 warning draft-slot-taken: the tiktok slot Tue 2027-01-05 18:30 already has draft a (drafts.csv:2)`},
		},
		{
			name: "blackout day, with its reason",
			rows: "a,instagram,2027-01-01T09:00,x,brand,,\n",
			only: []string{RuleBlackout, RuleOffSlot},
			want: []string{`drafts.csv:2:13 error draft-blackout: 2027-01-01 is a blackout day for instagram (New Year's Day)`},
		},
		{
			name: "outside the channel's active period",
			rows: "a,linkedin,2027-01-05T08:30,x,brand,,\n",
			only: []string{RuleChannelInactive},
			want: []string{`drafts.csv:2:12 error draft-channel-inactive: linkedin posts from 2027-01-06 on, and the draft is for 2027-01-05`},
		},
		{
			name: "unknown pillar, tactic and campaign",
			rows: "a,instagram,2027-01-04T09:00,x,fashon,giveawy,wintersale\n",
			only: []string{RuleUnknownPillar, RuleUnknownTactic, RuleUnknownCampaign},
			want: []string{
				`drafts.csv:2:32 error draft-unknown-pillar: pillar "fashon" is not one of the strategy's pillars — did you mean fashion?`,
				`drafts.csv:2:39 error draft-unknown-tactic: tactic "giveawy" is not one of the strategy's tactics — did you mean giveaway?`,
				`drafts.csv:2:47 error draft-unknown-campaign: campaign "wintersale" is not one of the strategy's campaigns — did you mean winter-sale?`,
			},
		},
		{
			name: "unreadable rows are findings at their line",
			rows: "a,instagram,,x,,,\nb,instagram,soon,x,,,\n",
			only: []string{RuleUnreadable},
			want: []string{
				`drafts.csv:2:1 error draft-unreadable: scheduled_at is empty; every row needs one`,
				`drafts.csv:3:1 error draft-unreadable: scheduled_at "soon" is not a time: expected RFC 3339 with a UTC offset, e.g. 2027-01-04T09:00:00+01:00`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := testStrategy()
			if strings.Contains(c.name, "active period") {
				s.Channels[2].Active = &strategy.ActivePeriod{From: plantest.Date(2027, 1, 6)}
			}
			_, got := run(t, s, c.rows, plantest.Date(2027, 1, 1), weekTo, c.only...)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestCoverageListsEmptySlotsPerChannelAndWeek(t *testing.T) {
	s := testStrategy()
	// Fill every instagram slot of the week but Friday's, and one of
	// LinkedIn's; add a draft off the plan and one outside the period.
	rows := "a,instagram,2027-01-04T09:00,x,brand,,\n" +
		"b,instagram,2027-01-05T09:00,x,brand,,\n" +
		"c,instagram,2027-01-06T09:00,x,brand,,\n" +
		"d,instagram,2027-01-07T09:00,x,brand,,\n" +
		"e,instagram,2027-01-07T18:30,x,beauty,qa,\n" +
		"f,linkedin,2027-01-05T08:30,x,brand,,\n" +
		"g,linkedin,2027-01-05T11:00,x,brand,,\n" +
		"h,instagram,2027-02-01T09:00,x,brand,,\n"
	rep, got := run(t, s, rows, weekFrom, weekTo, RuleSlotEmpty, RuleCoverage)
	want := []string{
		`drafts.csv:1:1 info draft-coverage: 6 of 11 planned slots from 2027-01-04 to 2027-01-09 have a draft, 5 are empty; 1 draft beyond the plan (1 at no planned slot, 0 a second draft for a slot, 0 on a day its channel does not post); 1 draft outside the period not checked`,
		`strategy.yaml:1:1 warning draft-slot-empty: instagram, week 2027-W01: 1 planned slot without a draft: Fri 2027-01-08 09:00`,
		`strategy.yaml:1:1 warning draft-slot-empty: linkedin, week 2027-W01: 1 planned slot without a draft: Thu 2027-01-07 08:30`,
		`strategy.yaml:1:1 warning draft-slot-empty: tiktok, week 2027-W01: 3 planned slots without a draft: Tue 2027-01-05 18:30, Thu 2027-01-07 18:30 (qa), Sat 2027-01-09 18:30`,
	}
	_ = rep
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPillarMixAgainstThePlan(t *testing.T) {
	s := testStrategy()
	s.KPIs = &strategy.KPIs{PillarTolerance: &strategy.Target{Target: 15}}
	// Five instagram drafts, all brand: by declaration, by hashtag, and
	// one that no keyword places (left out of the mix).
	rows := "a,instagram,2027-01-04T09:00,x,brand,,\n" +
		"b,instagram,2027-01-05T09:00,Hei #bakkulissene,,,\n" +
		"c,instagram,2027-01-06T09:00,x,brand,,\n" +
		"d,instagram,2027-01-07T09:00,x,brand,,\n" +
		"e,instagram,2027-01-08T09:00,nothing to go on,,,\n" +
		"f,tiktok,2027-01-05T18:30,a new coat,,,\n"
	_, got := run(t, s, rows, weekFrom, weekTo, RulePillarMix)
	if len(got) != 2 || !strings.Contains(got[1], "tiktok's drafts stray") || !strings.Contains(got[1], "fashion 100% (plan 33.3%)") {
		t.Fatalf("got %d findings, want one on instagram and one on tiktok (its one draft is fashion by the keyword coat):\n%s", len(got), strings.Join(got, "\n"))
	}
	for _, want := range []string{"instagram's drafts stray", "brand 100% (plan ", "points off, more than the tolerance of 15 (the strategy's kpis.pillar_tolerance)", "1 draft with no pillar found left out"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("%s\nlacks %q", got[0], want)
		}
	}
	// Within a wide tolerance nothing is reported.
	s.KPIs.PillarTolerance.Target = 100
	if _, got := run(t, s, rows, weekFrom, weekTo, RulePillarMix); len(got) != 0 {
		t.Errorf("within the tolerance: %v", got)
	}
}

func TestPeriodDefaultsToTheDraftsDays(t *testing.T) {
	s := testStrategy()
	rep, _ := run(t, s, "a,instagram,2027-01-05T09:00,x,brand,,\nb,tiktok,2027-01-07T18:30,x,brand,,\n", strategy.Date{}, strategy.Date{})
	if rep.From != plantest.Date(2027, 1, 5) || rep.To != plantest.Date(2027, 1, 8) {
		t.Errorf("period %s to %s, want 2027-01-05 to 2027-01-08", rep.From, rep.To)
	}
	if rep.Filled != 2 || rep.Drafts != 2 {
		t.Errorf("filled %d of %d drafts, want 2 of 2", rep.Filled, rep.Drafts)
	}
	src := &memSource{name: "x.csv", data: draftsHeader + "a,instagram,2027-01-05T09:00,x,brand,,\nb,instagram,2207-01-05T09:00,x,brand,,\n"}
	_, err := Check(Options{Strategy: s}, []Source{src})
	if err == nil || !strings.Contains(err.Error(), "a mistyped year?") {
		t.Errorf("a span of two centuries: %v", err)
	}
	_, err = Check(Options{Strategy: s}, []Source{&memSource{name: "x.csv", data: draftsHeader}})
	if err != ErrNoDrafts {
		t.Errorf("no drafts: %v", err)
	}
}

// countingChecker is a Checker that reports every draft's id, to show the
// engine calls plugged-in rule sets in order and then Finish.
type countingChecker struct{ n int }

func (c *countingChecker) Check(d *Draft, emit func(schema.Diagnostic)) {
	c.n++
	p := d.TextPos(0)
	emit(schema.Diagnostic{File: d.File, Line: p.Line, Column: p.Column, Rule: "test-seen", Severity: schema.Warning, Message: "saw " + d.ID})
}

func (c *countingChecker) Finish(emit func(schema.Diagnostic)) {
	emit(schema.Diagnostic{File: "x", Line: 1, Column: 1, Rule: "test-finish", Severity: schema.Info, Message: fmt.Sprintf("%d drafts", c.n)})
}

func TestCheckersPlugIn(t *testing.T) {
	s := testStrategy()
	ck := &countingChecker{}
	src := &memSource{name: "d.csv", data: draftsHeader + "a,instagram,2027-01-04T09:00,x,,,\nb,instagram,2027-03-04T09:00,x,,,\nc,instagram,2027-01-05T09:00,\"two\nlines\",,,\n", opt: ReadOptions{Zone: Zone(s)}}
	rep, err := Check(Options{Strategy: s, From: weekFrom, To: weekTo, Checkers: []Checker{ck}}, []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Result.Diagnostics {
		if strings.HasPrefix(d.Rule, "test-") {
			got = append(got, fmt.Sprintf("%s:%d:%d %s", d.File, d.Line, d.Column, d.Message))
		}
	}
	want := "d.csv:2:30 saw a\nd.csv:4:31 saw c\nx:1:1 2 drafts"
	if strings.Join(got, "\n") != want {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

func TestFindingsAreCapped(t *testing.T) {
	s := testStrategy()
	var b strings.Builder
	for i := 0; i < 250; i++ {
		fmt.Fprintf(&b, "d%d,instagram,2027-01-04T10:%02d,x,brand,,\n", i, i%60)
	}
	rep, _ := run(t, s, b.String(), weekFrom, weekTo)
	n := 0
	for _, d := range rep.Result.Diagnostics {
		if d.Rule == RuleOffSlot {
			n++
		}
	}
	if n != schema.DefaultMaxPerRule || rep.Result.Count(schema.Warning) < 250 {
		t.Errorf("listed %d off-slot findings and counted %d warnings; want %d listed and all 250 counted", n, rep.Result.Count(schema.Warning), schema.DefaultMaxPerRule)
	}
}

// A time daylight saving skips is placed the way the planner places a
// slot there, so a sheet that says 02:30 on the night clocks go forward
// fills the slot the planner moved to 03:30, and one that says 02:30 on
// the night they go back fills the first 02:30.
func TestLocalTimesFollowThePlannersDSTRules(t *testing.T) {
	s := testStrategy()
	s.Channels = s.Channels[:1]
	s.Channels[0].Cadence = strategy.Cadences{{MinPerWeek: 7, Days: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, Times: []string{"02:30"}}}
	s.Tactics = nil
	s.Calendar = nil
	rows := "spring,instagram,2027-03-28 02:30,x,brand,,\nautumn,instagram,2027-10-31 02:30,x,brand,,\n"
	for _, c := range []struct{ from, to strategy.Date }{
		{plantest.Date(2027, 3, 28), plantest.Date(2027, 3, 29)},
		{plantest.Date(2027, 10, 31), plantest.Date(2027, 11, 1)},
	} {
		rep, got := run(t, s, rows, c.from, c.to, RuleOffSlot, RuleSlotEmpty)
		if len(got) != 0 || rep.Filled != 1 {
			t.Errorf("%s: filled %d of %d slots; findings %v", c.from, rep.Filled, rep.Slots, got)
		}
	}
}

// TestRulesMapRegradesTheEngine: the strategy's rules map switches an
// engine rule off or changes its severity, as it does validate's; a row
// that cannot be read is reported whatever the map says.
func TestRulesMapRegradesTheEngine(t *testing.T) {
	rows := "a,instagram,2027-01-04T10:15,x,brand,,\nb,instagram,not a time,x,brand,,\n"
	s := testStrategy()
	_, before := run(t, s, rows, weekFrom, weekTo, RuleOffSlot, RuleSlotEmpty, RuleUnreadable)
	s.Rules = map[string]string{RuleOffSlot: "off", RuleSlotEmpty: "error", RuleUnreadable: "off"}
	rep, after := run(t, s, rows, weekFrom, weekTo, RuleOffSlot, RuleSlotEmpty, RuleUnreadable)
	count := func(list []string, part string) int {
		n := 0
		for _, l := range list {
			if strings.Contains(l, part) {
				n++
			}
		}
		return n
	}
	if count(before, "warning "+RuleOffSlot) != 1 || count(after, RuleOffSlot) != 0 {
		t.Errorf("off-slot before %q, after %q: want one, then none", before, after)
	}
	if n := count(before, "warning "+RuleSlotEmpty); n == 0 || count(after, "error "+RuleSlotEmpty) != n {
		t.Errorf("slot-empty before %q, after %q: want the same findings as errors", before, after)
	}
	if count(after, "error "+RuleUnreadable) != 1 {
		t.Errorf("draft-unreadable was switched off: %q", after)
	}
	if !rep.Result.Failed(false) {
		t.Error("errors raised by the rules map do not fail the run")
	}
}

// TestNoReadableDraftsStillReportsWhy: with no period given and no row
// readable, the unreadable rows are the findings (exit 1 in the CLI), not
// a bare "give --from and --to"; sources with nothing in them at all are
// still ErrNoDrafts.
func TestNoReadableDraftsStillReportsWhy(t *testing.T) {
	s := testStrategy()
	src := &memSource{name: "drafts.csv", data: draftsHeader + "a,instagram,not a time,x,brand,,\nb,instagram,04.01.2027,x,brand,,\n", opt: ReadOptions{Zone: Zone(s)}}
	rep, err := Check(Options{Strategy: s, StrategyFile: "strategy.yaml"}, []Source{src})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rejected != 2 || len(rep.Result.Diagnostics) != 2 || !rep.Result.Failed(false) {
		t.Errorf("rejected %d, findings %+v; want the 2 unreadable rows as errors", rep.Rejected, rep.Result.Diagnostics)
	}
	empty := &memSource{name: "empty.csv", data: draftsHeader, opt: ReadOptions{Zone: Zone(s)}}
	if _, err := Check(Options{Strategy: s}, []Source{empty}); !errors.Is(err, ErrNoDrafts) {
		t.Errorf("no rows at all: err %v, want ErrNoDrafts", err)
	}
}
