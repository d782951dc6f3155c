package audit

import (
	"bytes"
	"math"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// compareTacticKPIs checks a tactic's KPIs against the truth: every
// executed occurrence's value and status, and the counts.
func compareTacticKPIs(t *testing.T, tt synth.TacticTruth, got TacticResult) {
	t.Helper()
	if len(got.KPIs) != len(tt.KPIs) {
		t.Fatalf("tactic %s: %d KPIs, want %d", tt.Tactic, len(got.KPIs), len(tt.KPIs))
	}
	for i, kt := range tt.KPIs {
		k := got.KPIs[i]
		if k.Metric != kt.Metric || k.Target != kt.Target || k.FromHistory != kt.FromHistory || k.Occurrences != kt.Occurrences ||
			k.Measured != kt.Measured || k.Met != kt.Met || k.Missed != kt.Measured-kt.Met || len(k.Rows) != len(kt.Values) {
			t.Errorf("tactic %s %s: %s %v: %d occurrences, %d measured, %d met, %d rows; want %s %v: %d, %d, %d, %d", tt.Tactic, kt.Metric,
				k.Metric, k.FromHistory, k.Occurrences, k.Measured, k.Met, len(k.Rows), kt.Metric, kt.FromHistory, kt.Occurrences, kt.Measured, kt.Met, len(kt.Values))
			continue
		}
		var sum float64
		for j, v := range kt.Values {
			row := k.Rows[j]
			if row.Date != v.Date || row.Channel != v.Channel || row.Posts != v.Posts || (row.Value == nil) != (v.Value == nil) {
				t.Errorf("tactic %s %s: row %+v, want %+v", tt.Tactic, kt.Metric, row, v)
				continue
			}
			if v.Value == nil {
				if row.Status != StatusNotMeasured || row.Reason == "" {
					t.Errorf("tactic %s %s %s: status %s (%q), want not measured with a reason", tt.Tactic, kt.Metric, v.Date, row.Status, row.Reason)
				}
				continue
			}
			sum += *v.Value
			want := StatusMissed
			if *v.Value >= kt.Target {
				want = StatusMet
			}
			if !sameValue(*row.Value, *v.Value) || row.Status != want || row.Source != "history" {
				t.Errorf("tactic %s %s %s %s: %v %s (%s), want %v %s", tt.Tactic, kt.Metric, v.Date, v.Channel, *row.Value, row.Status, row.Source, *v.Value, want)
			}
		}
		if kt.Measured == 0 {
			if k.Mean != nil || k.Share != nil || k.Reason == "" {
				t.Errorf("tactic %s %s: mean %v share %v reason %q, want not measured with a reason", tt.Tactic, kt.Metric, k.Mean, k.Share, k.Reason)
			}
			continue
		}
		if k.Mean == nil || !sameValue(*k.Mean, sum/float64(kt.Measured)) || k.Share == nil || !sameValue(*k.Share, 100*float64(kt.Met)/float64(kt.Measured)) {
			t.Errorf("tactic %s %s: mean %v share %v, want %v and %v", tt.Tactic, kt.Metric, k.Mean, k.Share, sum/float64(kt.Measured), 100*float64(kt.Met)/float64(kt.Measured))
		}
	}
}

// sameValue reports whether two measured values agree to the last few bits: a
// rate may be summed in another order.
func sameValue(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestGeneratedTacticKPIs gives a weekly tactic every metric the audit
// measures, under each engagement definition, and checks every
// occurrence's value against the generator's truth, on a history where
// some tactic occurrences have no reach.
func TestGeneratedTacticKPIs(t *testing.T) {
	from, to := date(2027, 1, 1), date(2027, 7, 1)
	defs := []struct{ name, den, agg string }{
		{"reach, ratio of sums", "reach", "ratio_of_sums"},
		{"impressions, mean of posts", "impressions", "mean_of_posts"},
		{"followers", "followers", "ratio_of_sums"},
	}
	for _, def := range defs {
		t.Run(def.name, func(t *testing.T) {
			s := loadExample(t, "nordlys")
			s.KPIs.EngagementRate.Denominator = def.den
			s.KPIs.EngagementRate.Aggregation = def.agg
			for i := range s.Tactics {
				s.Tactics[i].KPIs = append(s.Tactics[i].KPIs, strategy.TacticKPI{Metric: "entries", Target: 10})
				for _, m := range strategy.MeasuredTacticMetrics {
					s.Tactics[i].KPIs = append(s.Tactics[i].KPIs, strategy.TacticKPI{Metric: m, Target: 40})
				}
			}
			// One pass, with a reach missing from many posts: some
			// occurrences have no reach at all.
			opt := synth.DefaultHistoryOptions(11, from, to)
			opt.MissingReach = 0.3
			var posts, mentions bytes.Buffer
			truth, err := synth.History(s, opt, &posts, &mentions)
			if err != nil {
				t.Fatal(err)
			}
			r := auditBytes(t, s, from, to, posts.Bytes(), mentions.Bytes())
			var measured, notMeasured, met, missed, reachMissing int
			for i, tt := range truth.Tactics {
				compareTacticKPIs(t, tt, r.Tactics[i])
				for _, k := range tt.KPIs {
					if k.Metric == "reach" {
						reachMissing += k.Occurrences - k.Measured
					}
					measured += k.Measured
					notMeasured += k.Occurrences - k.Measured
					met += k.Met
					missed += k.Measured - k.Met
				}
			}
			// The test means something only if every outcome occurs.
			if measured == 0 || notMeasured == 0 || met == 0 || missed == 0 || reachMissing == 0 {
				t.Errorf("measured %d, not measured %d (%d for reach), met %d, missed %d: every outcome should occur", measured, notMeasured, reachMissing, met, missed)
			}
		})
	}
}
