package render

import (
	"github.com/pillar-strategy/pillar/audit"
	"github.com/pillar-strategy/pillar/planner/plantest"
)

// withTacticKPIs gives the full report's tactics their KPIs, as the audit
// would measure them, and their checks in the verdict: a supplied value
// that met, a history value that missed, occurrences met, missed and not
// measured, an engagement rate, a metric only a results file can give, and
// a tactic with no occurrence; and a results file with a rejected row.
func withTacticKPIs(r *audit.Report) *audit.Report {
	d := plantest.Date
	row := func(day int, ch string, posts, with int64, v *float64, source, status, reason string) audit.TacticKPIOccurrence {
		return audit.TacticKPIOccurrence{Date: d(2027, 1, day), Channel: ch, Posts: posts, WithMetric: with, Value: v, Source: source, Status: status, Reason: reason}
	}
	const repliesReason = "the post history has no story_replies; supply it per occurrence with --tactic-results"
	r.Tactics[0].KPIs = []audit.TacticKPIResult{
		{Metric: "entries", Target: 200, Unit: "", Occurrences: 1, Measured: 1, Supplied: 1, Met: 1, Share: f64(100), Mean: f64(240),
			Rows: []audit.TacticKPIOccurrence{row(8, "instagram", 2, 0, f64(240), "supplied", audit.StatusMet, "")}},
		{Metric: "comments", Target: 100, Unit: "", FromHistory: true, Occurrences: 1, Measured: 1, Missed: 1, Share: f64(0), Mean: f64(87),
			Rows: []audit.TacticKPIOccurrence{row(8, "instagram", 2, 2, f64(87), "history", audit.StatusMissed, "")}},
	}
	r.Tactics[1].KPIs = []audit.TacticKPIResult{
		{Metric: "comments", Target: 30, Unit: "", FromHistory: true, Occurrences: 5, Measured: 4, Met: 3, Missed: 1, Share: f64(75), Mean: f64(31.5),
			Rows: []audit.TacticKPIOccurrence{
				row(7, "instagram", 1, 1, f64(42), "history", audit.StatusMet, ""),
				row(7, "tiktok", 1, 1, f64(18), "history", audit.StatusMissed, ""),
				row(14, "instagram", 1, 1, f64(35), "history", audit.StatusMet, ""),
				row(21, "instagram", 1, 0, nil, "", audit.StatusNotMeasured, "no post of the occurrence has comments"),
				row(21, "tiktok", 2, 2, f64(31), "history", audit.StatusMet, ""),
			}},
		{Metric: "engagement_rate", Target: 4, Unit: "%", FromHistory: true, Occurrences: 5, Measured: 5, Met: 2, Missed: 3, Share: f64(40), Mean: f64(3.9123),
			Rows: []audit.TacticKPIOccurrence{
				row(7, "instagram", 1, 1, f64(4.5123), "history", audit.StatusMet, ""),
				row(7, "tiktok", 1, 1, f64(2.9), "history", audit.StatusMissed, ""),
				row(14, "instagram", 1, 1, f64(3.95), "history", audit.StatusMissed, ""),
				row(21, "instagram", 1, 1, f64(3.2), "history", audit.StatusMissed, ""),
				row(21, "tiktok", 2, 2, f64(5), "history", audit.StatusMet, ""),
			}},
		{Metric: "story_replies", Target: 50, Unit: "", Occurrences: 5, Reason: repliesReason,
			Rows: []audit.TacticKPIOccurrence{
				row(7, "instagram", 1, 0, nil, "", audit.StatusNotMeasured, repliesReason),
				row(7, "tiktok", 1, 0, nil, "", audit.StatusNotMeasured, repliesReason),
				row(14, "instagram", 1, 0, nil, "", audit.StatusNotMeasured, repliesReason),
				row(21, "instagram", 1, 0, nil, "", audit.StatusNotMeasured, repliesReason),
				row(21, "tiktok", 2, 0, nil, "", audit.StatusNotMeasured, repliesReason),
			}},
	}
	r.Tactics[2].KPIs = []audit.TacticKPIResult{
		{Metric: "clicks", Target: 500, Unit: "", FromHistory: true, Reason: "the tactic has no occurrence planned in the period", Rows: []audit.TacticKPIOccurrence{}},
	}
	r.TacticResults = &audit.TacticResultsFile{File: "history/tactic-results.csv", Read: 4, Used: 1, OutsidePeriod: 1, Rejected: 2,
		Rejects: []audit.Reject{
			{Line: 3, Reason: `tactic giveaway has no KPI "entry": its KPIs are entries and comments`},
			{Line: 5, Reason: `value "1,2" is not a number 0 or more: write digits with a dot for decimals, e.g. 412 or 3.5`},
		}}
	r.Verdict.Checks = append(r.Verdict.Checks,
		audit.Check{KPI: "tactic:giveaway:entries", Target: 200, Actual: f64(240), Unit: "", Measured: true, Met: true, Counted: true,
			Detail: "Monthly giveaway: mean 240 entries per occurrence; 1 of 1 measured occurrence reached 200 entries (100%); 1 supplied"},
		audit.Check{KPI: "tactic:giveaway:comments", Target: 100, Actual: f64(87), Unit: "", Measured: true, Met: false, Counted: true,
			Detail: "Monthly giveaway: mean 87 comments per occurrence; 0 of 1 measured occurrence reached 100 comments (0%)"},
		audit.Check{KPI: "tactic:qa:comments", Target: 30, Actual: f64(31.5), Unit: "", Measured: true, Met: true, Counted: true,
			Detail: "Thursday Q&A: mean 32 comments per occurrence; 3 of 4 measured occurrences reached 30 comments (75%); 1 not measured; 3 of 8 planned not executed"},
		audit.Check{KPI: "tactic:qa:engagement_rate", Target: 4, Actual: f64(3.9123), Unit: "%", Measured: true, Met: false, Counted: true,
			Detail: "Thursday Q&A: mean 3.9% engagement rate per occurrence; 2 of 5 measured occurrences reached 4.0% engagement rate (40%); 3 of 8 planned not executed"},
		audit.Check{KPI: "tactic:qa:story_replies", Target: 50, Unit: "", Counted: true,
			Detail: "Thursday Q&A: not measured: " + repliesReason},
		audit.Check{KPI: "tactic:launch:clicks", Target: 500, Unit: "", Counted: true,
			Detail: "Spring collection launch: not measured: the tactic has no occurrence planned in the period"},
	)
	return r
}
