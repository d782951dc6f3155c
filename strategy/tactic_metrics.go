package strategy

// MeasuredTacticMetrics are the tactic KPI metrics (Tactic.KPIs[].Metric)
// that pillar audit measures from the post history: sums over the posts
// tagged with the tactic on the occurrence's channel and day, and the
// engagement rate by the strategy's engagement definition. Any other metric
// (entries, story_replies, …) can only be supplied per occurrence in a
// tactic results file. The schema's description and pillar validate's
// near-miss hint use this list too.
var MeasuredTacticMetrics = []string{"comments", "likes", "shares", "saves", "clicks", "reach", "impressions", "engagement_rate"}
