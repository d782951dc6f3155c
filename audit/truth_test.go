package audit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// The generator (internal/synth) counts what an audit must find while it
// writes a history. These tests audit its output and compare every number
// it knows: on the samples every example ships, and on larger histories
// generated in memory.

// TestExampleSamples audits each example's committed history against the
// truth.json committed beside it.
func TestExampleSamples(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*/history")
	if len(dirs) == 0 {
		t.Fatal("no example history found")
	}
	for _, dir := range dirs {
		name := filepath.Base(filepath.Dir(dir))
		t.Run(name, func(t *testing.T) {
			var truth synth.HistoryTruth
			b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &truth); err != nil {
				t.Fatal(err)
			}
			posts, err := os.ReadFile(filepath.Join(dir, "posts.csv"))
			if err != nil {
				t.Fatal(err)
			}
			mentions, err := os.ReadFile(filepath.Join(dir, "mentions.csv"))
			if err != nil {
				t.Fatal(err)
			}
			s := loadExample(t, name)
			r := auditBytes(t, s, truth.From, truth.To, posts, mentions)
			compareTruth(t, s, r, &truth)
		})
	}
}

// TestGeneratedHistory audits larger generated histories: several passes
// over a quarter of the nordlys example, and a synthetic strategy without
// business hours, where the SLA counts are known on the wall clock.
func TestGeneratedHistory(t *testing.T) {
	from, to := date(2027, 1, 1), date(2027, 4, 1)
	cases := []struct {
		name  string
		s     *strategy.Strategy
		posts int64
	}{
		{"nordlys-100k", loadExample(t, "nordlys"), 100_000},
		{"synthetic", loadSynthetic(t), 0},
	}
	if testing.Short() {
		cases = cases[1:]
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := synth.DefaultHistoryOptions(7, from, to)
			opt.Posts = c.posts
			var posts, mentions bytes.Buffer
			truth, err := synth.History(c.s, opt, &posts, &mentions)
			if err != nil {
				t.Fatal(err)
			}
			r := auditBytes(t, c.s, from, to, posts.Bytes(), mentions.Bytes())
			compareTruth(t, c.s, r, truth)
			if c.name == "synthetic" && truth.Responses.WithinSLA == nil {
				t.Error("the synthetic strategy has business hours; the wall-clock SLA is not checked")
			}
		})
	}
}

func loadSynthetic(t *testing.T) *strategy.Strategy {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(path, synth.Strategy(3, 3, 4, 6), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := strategy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func auditBytes(t *testing.T, s *strategy.Strategy, from, to strategy.Date, posts, mentions []byte) *Report {
	t.Helper()
	r, err := Run(s, Options{
		From:      from,
		To:        to,
		Tolerance: DefaultTolerance,
		Posts:     Input{Name: "posts.csv", R: bytes.NewReader(posts)},
		Mentions:  &Input{Name: "mentions.csv", R: bytes.NewReader(mentions)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func compareRows(t *testing.T, what string, got *Reconciliation, want synth.Rows) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: no reconciliation", what)
		return
	}
	g := synth.Rows{Rows: got.Read, Used: got.Used, OutsidePeriod: got.OutsidePeriod, UnknownChannel: got.UnknownChannel, Rejected: got.Rejected, Duplicates: got.Duplicates}
	if g != want {
		t.Errorf("%s: got %+v, want %+v", what, g, want)
	}
}

func compareTruth(t *testing.T, s *strategy.Strategy, r *Report, tr *synth.HistoryTruth) {
	t.Helper()
	if tr.Posts.Used == 0 || tr.Responses.Mentions == 0 || len(tr.Channels) != len(s.Channels) {
		t.Fatalf("the history is too thin to compare: %d posts, %d mentions, %d of %d channels", tr.Posts.Used, tr.Responses.Mentions, len(tr.Channels), len(s.Channels))
	}
	compareRows(t, "posts", &r.Posts, tr.Posts)
	compareRows(t, "mentions", r.Mentions, tr.Mentions)

	cadence := map[string]*ChannelCadence{}
	for i := range r.Cadence.Channels {
		cadence[r.Cadence.Channels[i].Channel] = &r.Cadence.Channels[i]
	}
	totals := make([]int64, len(r.Cadence.Totals))
	for ci, ct := range tr.Channels {
		mix := r.Mix.Channels[ci]
		if mix.Channel != ct.Channel || mix.Posts != ct.Posts {
			t.Errorf("%s: %d posts, want %d", ct.Channel, mix.Posts, ct.Posts)
		}
		if mix.Classified != ct.Classified || mix.ByKeyword != ct.ByText || mix.Unclassified != ct.Unclassified {
			t.Errorf("%s: classified %d (by text %d), unclassified %d; want %d (%d), %d",
				ct.Channel, mix.Classified, mix.ByKeyword, mix.Unclassified, ct.Classified, ct.ByText, ct.Unclassified)
		}
		for pi, pt := range ct.Pillars {
			if got := mix.Pillars[pi]; got.Pillar != pt.Pillar || got.Posts != pt.Posts {
				t.Errorf("%s/%s: %d posts, want %d", ct.Channel, pt.Pillar, got.Posts, pt.Posts)
			}
		}
		if len(ct.Weeks) != len(r.Cadence.Totals) {
			t.Fatalf("%s: %d weeks in the truth, %d in the report", ct.Channel, len(ct.Weeks), len(r.Cadence.Totals))
		}
		rows := map[string]WeekCount{}
		if cc := cadence[ct.Channel]; cc != nil {
			for _, w := range cc.Rows {
				rows[w.Week] = w
			}
		}
		for wi, w := range ct.Weeks {
			totals[wi] += w.Posts
			if got, ok := rows[w.Week]; ok && int64(got.Published) != w.Posts {
				t.Errorf("%s %s: %d published, want %d", ct.Channel, w.Week, got.Published, w.Posts)
			}
		}
		for _, tm := range r.Timing.Channels {
			if tm.Channel == ct.Channel && (tm.OnTime != ct.OnTime || tm.Posts != ct.OnTime+ct.Late) {
				t.Errorf("%s: %d of %d on time, want %d of %d", ct.Channel, tm.OnTime, tm.Posts, ct.OnTime, ct.OnTime+ct.Late)
			}
		}
		compareEngagement(t, ct, r.Engagement.Definition, r.Engagement.Channels[ci])
		compareGrowthAndClicks(t, ct, r.Growth.Channels[ci], r.Clicks.Channels[ci])
	}
	for wi, w := range r.Cadence.Totals {
		if w.Published != totals[wi] {
			t.Errorf("week %s: %d published in all, want %d", w.Week, w.Published, totals[wi])
		}
	}
	for i, tt := range tr.Tactics {
		got := r.Tactics[i]
		if got.Tactic != tt.Tactic || got.Planned != tt.Planned || got.Executed != tt.Executed || len(got.Missed) != tt.Missed {
			t.Errorf("tactic %s: %d of %d executed, %d missed; want %d of %d, %d", tt.Tactic, got.Executed, got.Planned, len(got.Missed), tt.Executed, tt.Planned, tt.Missed)
		}
		for k, o := range tt.MissedOn {
			if k < len(got.Missed) && (got.Missed[k].Date != o.Date || got.Missed[k].Channel != o.Channel) {
				t.Errorf("tactic %s: missed %+v, want %+v", tt.Tactic, got.Missed[k], o)
			}
		}
		compareTacticKPIs(t, tt, got)
	}
	for i, it := range tr.Influencers {
		got := r.Influencers[i]
		if got.Mentions != it.Mentions || got.OverCap != it.OverCap || len(got.Months) != len(it.Months) {
			t.Errorf("influencer %s: %d mentions (over cap %v), want %d (%v)", it.Handle, got.Mentions, got.OverCap, it.Mentions, it.OverCap)
			continue
		}
		for k, m := range it.Months {
			if got.Months[k].Month != m.Month || got.Months[k].Mentions != m.Mentions {
				t.Errorf("influencer %s %s: %d, want %d", it.Handle, m.Month, got.Months[k].Mentions, m.Mentions)
			}
		}
	}
	if d := r.Disclosure; d.Checked != tr.Disclosure.Checked || d.MissingCount != tr.Disclosure.Missing {
		t.Errorf("disclosure: %d checked, %d missing; want %d, %d", d.Checked, d.MissingCount, tr.Disclosure.Checked, tr.Disclosure.Missing)
	}
	rt := tr.Responses
	o := r.Responses.Overall
	if o.Mentions != rt.Mentions || o.Answered != rt.Answered || o.NoSLA != rt.NoSLA || r.Responses.BusinessHours != rt.BusinessHours {
		t.Errorf("responses: %+v, want %+v", o, rt)
	}
	if rt.WithinSLA != nil && o.WithinSLA != *rt.WithinSLA {
		t.Errorf("responses within SLA: %d, want %d", o.WithinSLA, *rt.WithinSLA)
	}
	types := map[string]ResponseStats{}
	for _, ty := range r.Responses.Types {
		types[ty.Type] = ty
	}
	for _, tt := range rt.Types {
		got := types[tt.Type]
		if got.Mentions != tt.Mentions || got.Answered != tt.Answered || (tt.WithinSLA != nil && got.WithinSLA != *tt.WithinSLA) {
			t.Errorf("responses %s: %+v, want %+v", tt.Type, got, tt)
		}
	}
	compareMentionTruth(t, r, tr)
}

// compareEngagement checks a channel's engagement sums for the
// definitions the generator's truth covers.
func compareEngagement(t *testing.T, ct synth.ChannelTruth, def EngagementDefinition, got EngagementStats) {
	t.Helper()
	e := ct.Engagement
	pick := func(m synth.Metrics, name string) int64 {
		return map[string]int64{"likes": m.Likes, "comments": m.Comments, "shares": m.Shares, "saves": m.Saves,
			"clicks": m.Clicks, "impressions": m.Impressions, "reach": m.Reach}[name]
	}
	switch def.Denominator {
	case "reach":
		var eng int64
		for _, name := range def.Interactions {
			eng += pick(e.WithReach, name)
		}
		if got.Posts != e.Posts || got.Excluded != e.Excluded || got.Engagement != eng || got.Denominator != e.Reach {
			t.Errorf("%s engagement: %+v, want %d posts (%d excluded), %d over %d reach", ct.Channel, got, e.Posts, e.Excluded, eng, e.Reach)
		}
	case "impressions":
		var eng int64
		for _, name := range def.Interactions {
			eng += pick(e.All, name)
		}
		if got.Posts != ct.Posts || got.Engagement != eng || got.Denominator != e.All.Impressions {
			t.Errorf("%s engagement: %+v, want %d posts, %d over %d impressions", ct.Channel, got, ct.Posts, eng, e.All.Impressions)
		}
	}
}

// compareGrowthAndClicks checks a channel's followers and its clicks per
// week against the truth.
func compareGrowthAndClicks(t *testing.T, ct synth.ChannelTruth, g ChannelGrowth, c ChannelClicks) {
	t.Helper()
	f := ct.Followers
	if g.Channel != ct.Channel || g.Posts != f.Posts || g.Measured != f.Measured || g.FirstAt != f.FirstAt || g.LastAt != f.LastAt {
		t.Errorf("%s followers: %+v, want %+v", ct.Channel, g, f)
	}
	if f.Posts > 0 && (g.First == nil || g.Last == nil || *g.First != f.First || *g.Last != f.Last) {
		t.Errorf("%s followers: first %v last %v, want %d and %d", ct.Channel, g.First, g.Last, f.First, f.Last)
	}
	if f.Measured && (g.Change == nil || *g.Change != f.Last-f.First) {
		t.Errorf("%s followers: change %v, want %d", ct.Channel, g.Change, f.Last-f.First)
	}
	if c.Channel != ct.Channel || c.Posts != ct.Posts || len(c.Weeks) != len(ct.Weeks) {
		t.Fatalf("%s clicks: %d posts over %d weeks, want %d over %d", ct.Channel, c.Posts, len(c.Weeks), ct.Posts, len(ct.Weeks))
	}
	var sum int64
	for wi, w := range ct.Weeks {
		sum += w.Clicks
		if got := c.Weeks[wi]; got.Week != w.Week || got.Clicks != w.Clicks || got.Posts != w.Posts {
			t.Errorf("%s %s: %d clicks from %d posts, want %d from %d", ct.Channel, w.Week, got.Clicks, got.Posts, w.Clicks, w.Posts)
		}
	}
	if c.Clicks != sum || sum != ct.Engagement.All.Clicks {
		t.Errorf("%s clicks: %d, want %d (weeks) and %d (all)", ct.Channel, c.Clicks, sum, ct.Engagement.All.Clicks)
	}
}
