package audit

import "github.com/pillar-strategy/pillar/strategy"

// TacticKPIResult is one of a tactic's KPIs (the strategy's tactics[].kpis)
// judged over the tactic's executed occurrences. The target is per
// occurrence: an occurrence meets it when its value reaches the target.
//
// An occurrence's value comes from the post history when the metric is one
// of HistoryMetrics: the sum of the metric over the used posts tagged with
// the tactic on the occurrence's channel and local day, counting only the
// posts that give the metric (a post with the column empty is left out, not
// taken as 0); engagement_rate is the strategy's engagement rate (the
// EngagementReport's definition) over those posts. When none of the posts
// gives the metric, the occurrence is not measured. A value supplied for
// the occurrence in the tactic results file (--tactic-results) replaces the
// history's, and is the only source of a metric the history cannot give
// (entries, story_replies, …).
type TacticKPIResult struct {
	// Metric is the KPI's metric as the strategy names it.
	Metric string `json:"metric"`
	// Target is the number to reach per occurrence.
	Target float64 `json:"target"`
	// Unit is "%" for engagement_rate and "" for a count.
	Unit string `json:"unit"`
	// FromHistory reports whether the audit measures the metric from the
	// post history; false means only the results file can give it.
	FromHistory bool `json:"from_history"`
	// Occurrences counts the executed occurrences; Measured of them have
	// a value, Supplied of those from the results file, and Met of the
	// measured reached the target. Missed is Measured − Met.
	Occurrences int `json:"occurrences"`
	Measured    int `json:"measured"`
	Supplied    int `json:"supplied"`
	Met         int `json:"met"`
	Missed      int `json:"missed"`
	// Share is Met ÷ Measured in percent: the share of measured
	// occurrences that met the target; absent when none was measured.
	Share *float64 `json:"share"`
	// Mean is the mean value over the measured occurrences, the verdict's
	// actual for the KPI; absent when none was measured.
	Mean *float64 `json:"mean"`
	// Reason says why the KPI is not measured at all; empty when at least
	// one occurrence was measured.
	Reason string `json:"reason,omitempty"`
	// Rows are the executed occurrences in calendar order, then by
	// channel in declared order.
	Rows []TacticKPIOccurrence `json:"rows"`
}

// TacticKPIOccurrence is one executed occurrence against a tactic KPI.
type TacticKPIOccurrence struct {
	Date    strategy.Date `json:"date"`
	Channel string        `json:"channel"`
	// Posts counts the used posts tagged with the tactic on the channel
	// and local day; WithMetric of them give the metric (for
	// engagement_rate: a denominator above zero).
	Posts      int64 `json:"posts"`
	WithMetric int64 `json:"with_metric"`
	// Value is the occurrence's value; absent when not measured.
	Value *float64 `json:"value"`
	// Source is "history", "supplied" (the results file's value, which
	// wins over the history's) or "" when not measured.
	Source string `json:"source"`
	// Status is met, missed or not_measured.
	Status string `json:"status"`
	// Reason says why the occurrence is not measured.
	Reason string `json:"reason,omitempty"`
}

// The statuses of a TacticKPIOccurrence.
const (
	StatusMet         = "met"
	StatusMissed      = "missed"
	StatusNotMeasured = "not_measured"
)

// TacticResultsFile accounts for every row of the tactic results file
// (--tactic-results): Read = Used + OutsidePeriod + Rejected.
type TacticResultsFile struct {
	// File is the file's name as given.
	File string `json:"file"`
	// Read counts the data rows; Used of them gave a value to an executed
	// occurrence's KPI; OutsidePeriod are dated outside the period;
	// Rejected could not be used (unreadable, unknown tactic, channel or
	// metric, no such occurrence, a repeat of an earlier row).
	Read          int64 `json:"read"`
	Used          int64 `json:"used"`
	OutsidePeriod int64 `json:"outside_period"`
	Rejected      int64 `json:"rejected"`
	// Rejects lists the first rejected rows with their reasons.
	Rejects []Reject `json:"rejects"`
}
