package audit

import "github.com/pillar-strategy/pillar/strategy"

// Report is the result of an audit: plain data with a documented, stable
// JSON form. Percentages are 0–100; durations are whole seconds. Lists
// follow the strategy's declared order (channels, pillars, tactics,
// influencers, mention types), so the same input gives the same bytes.
type Report struct {
	// Brand is the brand's name.
	Brand string `json:"brand"`
	// From is the first day of the audited period.
	From strategy.Date `json:"from"`
	// To is the day after the period's last day: the period is [From, To).
	To strategy.Date `json:"to"`
	// Timezone is the brand's IANA zone; days, weeks and months are
	// counted in it unless a channel has a zone of its own.
	Timezone string `json:"timezone"`

	// Channels are the strategy's channels in declared order, so a report
	// can name the channel ids used below.
	Channels []ChannelInfo `json:"channels"`

	// Verdict says which KPI targets were met.
	Verdict Verdict `json:"verdict"`
	// Posts reconciles the rows of the post history.
	Posts Reconciliation `json:"posts"`
	// Mentions reconciles the rows of the mention log; nil without one.
	Mentions *Reconciliation `json:"mentions,omitempty"`
	// TacticResults reconciles the rows of the tactic results file; nil
	// without one.
	TacticResults *TacticResultsFile `json:"tactic_results,omitempty"`

	// Cadence compares posts published with the planned minimum per week.
	Cadence CadenceReport `json:"cadence"`
	// Mix compares the pillar mix published with the planned one.
	Mix MixReport `json:"mix"`
	// Timing says how many posts went out close to a planned slot.
	Timing TimingReport `json:"timing"`
	// Tactics compares planned tactic occurrences with tagged posts.
	Tactics []TacticResult `json:"tactics"`
	// Influencers counts mentions of each influencer per month.
	Influencers []InfluencerResult `json:"influencers"`
	// Responses measures answers to mentions against their SLAs; nil
	// without a mention log.
	Responses *ResponseReport `json:"responses,omitempty"`
	// Sentiment is the sentiment mix of the mentions, Volume their count
	// per week and hour, Voices who wrote them; nil without a mention log
	// (Voices also without an author column). See report_mentions.go.
	Sentiment *SentimentReport `json:"sentiment,omitempty"`
	Volume    *VolumeReport    `json:"volume,omitempty"`
	Voices    *VoicesReport    `json:"voices,omitempty"`
	// Engagement is the engagement rate per channel and pillar.
	Engagement EngagementReport `json:"engagement"`
	// Growth is each channel's follower count at its first and last post
	// of the period, and the change.
	Growth GrowthReport `json:"growth"`
	// Clicks counts link clicks per channel and ISO week.
	Clicks ClicksReport `json:"clicks"`
	// Disclosure lists posts that mention a paid partner without a
	// disclosure tag.
	Disclosure DisclosureReport `json:"disclosure"`
	// Recommendations are advice for the next quarter, not verdicts.
	Recommendations []Recommendation `json:"recommendations"`
	// Compare is the comparison period (--compare) and the change of each
	// headline figure from it; absent without one.
	Compare *Comparison `json:"compare,omitempty"`
}

// ChannelInfo names a channel.
type ChannelInfo struct {
	// ID is the channel's id, as the history files write it.
	ID string `json:"id"`
	// Platform is the channel's network, e.g. instagram.
	Platform string `json:"platform"`
	// Handle is the account's handle, if the strategy gives it.
	Handle string `json:"handle"`
	// Timezone is the zone the channel's days are counted in.
	Timezone string `json:"timezone"`
}

// Verdict is the audit's outcome against the strategy's KPI targets.
type Verdict struct {
	// Pass is false when a counted, measured check missed its target.
	Pass bool `json:"pass"`
	// Checks are the KPI targets the strategy declares, in a fixed order:
	// cadence_adherence, pillar_tolerance, response_within_sla,
	// engagement_rate, reach_per_week, follower_growth, clicks_per_week,
	// negative_share, then one per tactic KPI (tactic:<id>:<metric>) in
	// declared order.
	Checks []Check `json:"checks"`
}

// Check is one KPI target and whether it was met.
type Check struct {
	// KPI is the KPI's key in the strategy: cadence_adherence,
	// pillar_tolerance, response_within_sla, engagement_rate,
	// reach_per_week, follower_growth, clicks_per_week or negative_share;
	// for a tactic's KPI, tactic:<tactic id>:<metric>.
	KPI string `json:"kpi"`
	// Target is the strategy's target: a percentage; for
	// pillar_tolerance a number of percentage points; for reach_per_week
	// (clicks_per_week) the reach (link clicks) summed over posts and
	// channels per week of the period; for follower_growth the percent
	// change in followers over the period across channels (GrowthReport);
	// for a tactic KPI the per-occurrence target, against the mean value
	// over the measured occurrences (TacticKPIResult.Mean), with the
	// share of occurrences that met it in Detail.
	Target float64 `json:"target"`
	// Actual is the measured value in the same unit; absent when there
	// was nothing to measure.
	Actual *float64 `json:"actual"`
	// Unit is "%", "pp", or "" for a count.
	Unit string `json:"unit"`
	// Measured is false when there was nothing to measure (no mention
	// log, no post with reach, …); such a check is neither met nor missed
	// and never fails the audit.
	Measured bool `json:"measured"`
	// Met reports whether the target was reached; false when not measured.
	Met bool `json:"met"`
	// Counted reports whether a miss fails the audit (see --fail-on).
	Counted bool `json:"counted"`
	// Detail says what was measured, in a sentence.
	Detail string `json:"detail"`
}

// Reconciliation accounts for every row of an input file:
// Read = Used + OutsidePeriod + UnknownChannel + Rejected.
type Reconciliation struct {
	// File is the file's name as given.
	File string `json:"file"`
	// Read is the number of data rows in the file.
	Read int64 `json:"read"`
	// Used is the number of rows the metrics count.
	Used int64 `json:"used"`
	// OutsidePeriod counts readable rows dated outside the period.
	OutsidePeriod int64 `json:"outside_period"`
	// UnknownChannel counts readable rows whose channel is not in the
	// strategy, whatever their date.
	UnknownChannel int64 `json:"unknown_channel"`
	// Rejected counts rows that could not be read, and repeated ids.
	Rejected int64 `json:"rejected"`
	// Duplicates counts the rows rejected because their id was seen
	// before (the first row with the id is used).
	Duplicates int64 `json:"duplicates"`
	// Rejects lists the first rejected rows with their reasons.
	Rejects []Reject `json:"rejects"`
	// UnknownChannels are the unknown channel ids, most frequent first.
	UnknownChannels []NameCount `json:"unknown_channels"`
	// IgnoredColumns are header columns the audit does not use.
	IgnoredColumns []string `json:"ignored_columns"`
	// UnknownPillars and UnknownTactics are values of the pillar and
	// tactic columns of used posts that name no pillar or tactic of the
	// strategy, most frequent first. A post with an unknown pillar is
	// classified from its text; an unknown tactic counts for none.
	UnknownPillars []NameCount `json:"unknown_pillars,omitempty"`
	UnknownTactics []NameCount `json:"unknown_tactics,omitempty"`
}

// NameCount is a name and how often it occurred.
type NameCount struct {
	Name  string `json:"name"`
	Count int64  `json:"count"`
}

// CadenceReport is cadence adherence over the ISO weeks that lie wholly
// inside the period, per channel with a cadence and overall.
type CadenceReport struct {
	// Weeks is the number of channel-weeks checked.
	Weeks int `json:"weeks"`
	// Kept is how many of them met their minimum.
	Kept int `json:"kept"`
	// Adherence is Kept / Weeks in percent; absent with no weeks.
	Adherence *float64 `json:"adherence"`
	// Channels are the channels with a cadence, in declared order.
	Channels []ChannelCadence `json:"channels"`
	// Totals are planned and published posts per week across channels,
	// for every week that overlaps the period (partial weeks included).
	Totals []WeekTotal `json:"totals"`
}

// ChannelCadence is one channel's weeks.
type ChannelCadence struct {
	Channel  string `json:"channel"`
	Platform string `json:"platform"`
	Timezone string `json:"timezone"`
	// MinPerWeek is the cadence's minimum; with several cadences, the sum
	// of their minimums.
	MinPerWeek int `json:"min_per_week"`
	// Weeks and Kept count the channel's judged whole weeks and those
	// kept.
	Weeks int `json:"weeks"`
	Kept  int `json:"kept"`
	// Adherence is Kept / Weeks in percent; absent with no whole week.
	Adherence *float64 `json:"adherence"`
	// Rows are the whole weeks in order.
	Rows []WeekCount `json:"rows"`
	// Missed are the ISO weeks (e.g. 2027-W03) that fell short.
	Missed []string `json:"missed"`
}

// WeekCount is one channel's ISO week.
type WeekCount struct {
	// Week is the ISO week, e.g. 2027-W03.
	Week string `json:"week"`
	// Start is the week's Monday.
	Start strategy.Date `json:"start"`
	// Planned is the number of slots the planner gives the week.
	Planned int `json:"planned"`
	// Required is the week's minimum: the cadence's minimum, or the
	// planned slots when blackouts leave fewer.
	Required int `json:"required"`
	// Published is the number of posts published in the week.
	Published int `json:"published"`
	// Judged is false for a week with nothing required (blacked out):
	// it is shown but not counted in the channel's weeks.
	Judged bool `json:"judged"`
	// Kept is Published >= Required, for a judged week.
	Kept bool `json:"kept"`
}

// WeekTotal is planned and published posts across channels in one week.
type WeekTotal struct {
	Week      string        `json:"week"`
	Start     strategy.Date `json:"start"`
	Planned   int           `json:"planned"`
	Published int64         `json:"published"`
}

// MixReport compares pillar shares, overall and per channel.
type MixReport struct {
	// Tolerance is the strategy's pillar tolerance in percentage points;
	// absent when the strategy sets none.
	Tolerance *float64 `json:"tolerance"`
	// Overall is the mix across all channels.
	Overall PillarMix `json:"overall"`
	// Channels are the per-channel mixes in declared order.
	Channels []PillarMix `json:"channels"`
}

// PillarMix is one scope's pillar shares.
type PillarMix struct {
	// Channel is the channel id; empty for the overall mix.
	Channel string `json:"channel"`
	// Posts counts the posts in scope; Classified of them have a pillar,
	// ByKeyword of those were classified by hashtags or keywords, and
	// Unclassified have none.
	Posts        int64 `json:"posts"`
	Classified   int64 `json:"classified"`
	ByKeyword    int64 `json:"by_keyword"`
	Unclassified int64 `json:"unclassified"`
	// Pillars are the strategy's pillars in declared order.
	Pillars []PillarShare `json:"pillars"`
	// MaxDeviation is the largest |actual − target| in percentage points;
	// absent with no classified post.
	MaxDeviation *float64 `json:"max_deviation"`
	// ChiSquare, DF and PValue are Pearson's goodness-of-fit test of the
	// classified posts against the target shares, over the pillars the
	// plan gives slots (DF is their number less one). They are absent when
	// fewer than two pillars are planned or nothing was classified. When
	// posts went to a pillar the plan gives no slots the statistic is
	// infinite: ChiSquare is absent and PValue is 0.
	ChiSquare *float64 `json:"chi_square"`
	DF        int      `json:"df"`
	PValue    *float64 `json:"p_value"`
}

// PillarShare is one pillar's planned and actual share in a scope.
type PillarShare struct {
	Pillar string `json:"pillar"`
	Name   string `json:"name"`
	// Planned is the number of slots the planner gives the pillar in the
	// period; Target is its share of the planned slots in percent.
	Planned int     `json:"planned"`
	Target  float64 `json:"target"`
	// Posts is the number of classified posts in the pillar; Actual is
	// its share of the classified posts in percent.
	Posts  int64   `json:"posts"`
	Actual float64 `json:"actual"`
	// Delta is Actual − Target in percentage points.
	Delta float64 `json:"delta"`
}

// TimingReport is the share of posts published within the tolerance of a
// planned slot on their channel.
type TimingReport struct {
	// ToleranceSeconds is the tolerance either side of a slot.
	ToleranceSeconds int64 `json:"tolerance_seconds"`
	// Posts counts posts on channels with planned slots; OnTime of them
	// were within the tolerance of one.
	Posts  int64 `json:"posts"`
	OnTime int64 `json:"on_time"`
	// Share is OnTime / Posts in percent; absent with no posts.
	Share    *float64        `json:"share"`
	Channels []ChannelTiming `json:"channels"`
}

// ChannelTiming is one channel's timing.
type ChannelTiming struct {
	Channel string   `json:"channel"`
	Posts   int64    `json:"posts"`
	OnTime  int64    `json:"on_time"`
	Share   *float64 `json:"share"`
}

// TacticResult compares one tactic's planned occurrences with posts
// tagged with it on the same local day and channel.
type TacticResult struct {
	Tactic   string `json:"tactic"`
	Name     string `json:"name"`
	Planned  int    `json:"planned"`
	Executed int    `json:"executed"`
	// Posts counts every post tagged with the tactic in the period.
	Posts  int64        `json:"posts"`
	Done   []Occurrence `json:"done"`
	Missed []Occurrence `json:"missed"`
	// KPIs are the tactic's own KPIs, in declared order, each judged over
	// the executed occurrences (see TacticKPIResult).
	KPIs []TacticKPIResult `json:"kpis"`
}

// Occurrence is a tactic's planned post on one channel and day.
type Occurrence struct {
	Date    strategy.Date `json:"date"`
	Channel string        `json:"channel"`
}

// InfluencerResult counts the brand's posts mentioning an influencer per
// calendar month of the period.
type InfluencerResult struct {
	Handle       string `json:"handle"`
	Name         string `json:"name"`
	Status       string `json:"status"`
	Relationship string `json:"relationship"`
	// Cap is the strategy's max_mentions_per_month; 0 means no cap.
	Cap int `json:"cap"`
	// Mentions is the total in the period.
	Mentions int64        `json:"mentions"`
	Months   []MonthCount `json:"months"`
	// OverCap reports whether any month exceeded the cap.
	OverCap bool `json:"over_cap"`
	// NeverMentioned is set for engaged and partner influencers the brand
	// did not mention in the period.
	NeverMentioned bool `json:"never_mentioned"`
}

// MonthCount is one calendar month's mentions.
type MonthCount struct {
	// Month is YYYY-MM.
	Month    string `json:"month"`
	Mentions int64  `json:"mentions"`
	Over     bool   `json:"over"`
}

// ResponseReport measures responses to mentions received in the period.
type ResponseReport struct {
	// BusinessHours reports whether SLAs count business time only.
	BusinessHours bool `json:"business_hours"`
	// Overall covers every mention; Types covers each mention type, in
	// the order of the strategy's response rules, then other types seen.
	Overall ResponseStats   `json:"overall"`
	Types   []ResponseStats `json:"types"`
	// Histogram counts answered mentions by response time, in the bounds
	// given by each bucket's upper limit.
	Histogram []Bucket `json:"histogram"`
}

// ResponseStats are the response figures of one mention type or all.
type ResponseStats struct {
	// Type is the mention type; empty for the overall figures.
	Type string `json:"type"`
	// SLA is the type's SLA in seconds and where it came from: "type",
	// "channel", "default", "mixed" (overall or per channel) or "none".
	SLA       int64  `json:"sla_seconds"`
	SLASource string `json:"sla_source"`
	Mentions  int64  `json:"mentions"`
	Answered  int64  `json:"answered"`
	// WithinSLA counts answers within the SLA; unanswered mentions are
	// breaches. NoSLA counts mentions with no SLA at all (not counted in
	// Share).
	WithinSLA int64 `json:"within_sla"`
	NoSLA     int64 `json:"no_sla"`
	// Share is WithinSLA / (Mentions − NoSLA) in percent.
	Share *float64 `json:"share"`
	// Median and P90 are response times of answered mentions in seconds
	// (business seconds when business hours apply), nearest-rank.
	Median *int64 `json:"median_seconds"`
	P90    *int64 `json:"p90_seconds"`
}

// Bucket is a histogram bucket.
type Bucket struct {
	// Label is a short human label, e.g. "≤ 1h".
	Label string `json:"label"`
	// UpTo is the bucket's upper bound in seconds; 0 for the last,
	// open-ended bucket.
	UpTo  int64 `json:"up_to_seconds"`
	Count int64 `json:"count"`
}

// EngagementReport is the engagement rate by the strategy's definition.
type EngagementReport struct {
	// Definition says how the rate was computed.
	Definition EngagementDefinition `json:"definition"`
	// Target is the strategy's target rate in percent; absent without one.
	Target *float64 `json:"target"`
	// Overall covers every used post; Channels and Pillars break it down
	// in declared order (posts without a pillar are left out of Pillars).
	Overall  EngagementStats   `json:"overall"`
	Channels []EngagementStats `json:"channels"`
	Pillars  []EngagementStats `json:"pillars"`
}

// EngagementDefinition is the formula behind the engagement rate.
type EngagementDefinition struct {
	// Interactions are the metrics summed as engagement.
	Interactions []string `json:"interactions"`
	// Denominator is reach, impressions or followers.
	Denominator string `json:"denominator"`
	// Aggregation is ratio_of_sums or mean_of_posts.
	Aggregation string `json:"aggregation"`
	// Declared reports whether the strategy declared the definition;
	// false means the defaults were used.
	Declared bool `json:"declared"`
	// Footnote states the definition in a sentence, for reports.
	Footnote string `json:"footnote"`
}

// EngagementStats is the engagement of one scope.
type EngagementStats struct {
	// Key is the channel or pillar id; empty overall.
	Key string `json:"key"`
	// Posts counts posts with a positive denominator; Excluded counts
	// those without (missing or zero), which the rate leaves out.
	Posts    int64 `json:"posts"`
	Excluded int64 `json:"excluded"`
	// Engagement and Denominator are the sums over Posts.
	Engagement  int64 `json:"engagement"`
	Denominator int64 `json:"denominator"`
	// Rate is the engagement rate in percent; absent with no posts.
	Rate *float64 `json:"rate"`
	// Met reports whether Rate reached the target; absent without one.
	Met *bool `json:"met"`
}

// GrowthReport is follower growth over the period, from the followers
// column (the account's followers when each post went out). A channel's
// growth runs from its first to its last used post with followers, by
// publication time (of posts that went out in the same second, the first
// row read counts). A channel is measured when those posts went out at
// two or more different times.
type GrowthReport struct {
	// Target is the strategy's follower_growth target in percent; absent
	// without one.
	Target *float64 `json:"target"`
	// Measured is the number of channels whose growth was measured; First
	// and Last sum their first and last follower counts and Change is
	// Last − First.
	Measured int   `json:"measured"`
	First    int64 `json:"first"`
	Last     int64 `json:"last"`
	Change   int64 `json:"change"`
	// Percent is 100 × Change ÷ First over the measured channels (the
	// follower_growth KPI); absent when none is measured or First is 0.
	Percent *float64 `json:"percent"`
	// Channels are every channel in declared order.
	Channels []ChannelGrowth `json:"channels"`
}

// ChannelGrowth is one channel's follower count over the period.
type ChannelGrowth struct {
	Channel string `json:"channel"`
	// Posts counts the channel's used posts with a followers value.
	Posts int64 `json:"posts"`
	// Measured is true when those posts went out at two or more
	// different times; Reason says why not otherwise.
	Measured bool   `json:"measured"`
	Reason   string `json:"reason,omitempty"`
	// FirstAt and LastAt are when the first and last of those posts went
	// out, RFC 3339 in the channel's timezone (empty without a post with
	// followers); First and Last are their followers (absent then).
	FirstAt string `json:"first_at"`
	LastAt  string `json:"last_at"`
	First   *int64 `json:"first"`
	Last    *int64 `json:"last"`
	// Change is Last − First and Percent is 100 × Change ÷ First; absent
	// when not measured, Percent also when First is 0.
	Change  *int64   `json:"change"`
	Percent *float64 `json:"percent"`
}

// ClicksReport counts link clicks (the clicks column) of the used posts,
// per channel and ISO week. A post's week is the ISO week of its local day
// in its channel's timezone, as for cadence; weeks the period covers only
// in part are included and marked.
type ClicksReport struct {
	// Target is the strategy's clicks_per_week target; absent without one.
	Target *float64 `json:"target"`
	// Clicks sums the clicks of Posts used posts; Missing counts the used
	// posts without a clicks value (left out).
	Clicks  int64 `json:"clicks"`
	Posts   int64 `json:"posts"`
	Missing int64 `json:"missing"`
	// Weeks is the period's length in weeks (its days ÷ 7), the divisor
	// of PerWeek.
	Weeks float64 `json:"weeks"`
	// PerWeek is Clicks ÷ Weeks (the clicks_per_week KPI); absent when no
	// used post has a clicks value.
	PerWeek *float64 `json:"per_week"`
	// Channels are every channel in declared order.
	Channels []ChannelClicks `json:"channels"`
	// Totals are the clicks per week across channels, for every week that
	// overlaps the period.
	Totals []WeekClicks `json:"totals"`
}

// ChannelClicks is one channel's link clicks.
type ChannelClicks struct {
	Channel string `json:"channel"`
	// Clicks sums the clicks of Posts used posts of the channel.
	Clicks int64 `json:"clicks"`
	Posts  int64 `json:"posts"`
	// PerWeek is Clicks ÷ the period's weeks; absent when no post of the
	// channel has a clicks value.
	PerWeek *float64 `json:"per_week"`
	// Weeks are every week that overlaps the period, in order.
	Weeks []WeekClicks `json:"weeks"`
}

// WeekClicks is the link clicks of one ISO week.
type WeekClicks struct {
	// Week is the ISO week, e.g. 2027-W03; Start is its Monday.
	Week  string        `json:"week"`
	Start strategy.Date `json:"start"`
	// Whole is false for a week the period covers only in part.
	Whole bool `json:"whole"`
	// Clicks sums the clicks of Posts posts with a clicks value.
	Clicks int64 `json:"clicks"`
	Posts  int64 `json:"posts"`
}

// DisclosureReport checks that posts mentioning a paid partner carry a
// disclosure tag.
type DisclosureReport struct {
	// Tags are the strategy's disclosure tags.
	Tags []string `json:"tags"`
	// Checked counts posts mentioning a paid partner; Disclosed of them
	// carry a tag; Missing lists the first of those that do not, and
	// MissingCount counts them all.
	Checked      int64         `json:"checked"`
	Disclosed    int64         `json:"disclosed"`
	MissingCount int64         `json:"missing_count"`
	Missing      []Undisclosed `json:"missing"`
}

// MaxListed is how many posts a report lists by id; the rest are counted.
const MaxListed = 50

// Undisclosed is a paid-partner post without a disclosure tag.
type Undisclosed struct {
	Line       int64         `json:"line"`
	ID         string        `json:"id"`
	Channel    string        `json:"channel"`
	Date       strategy.Date `json:"date"`
	Influencer string        `json:"influencer"`
}

// Recommendation is advice drawn from the period's numbers.
type Recommendation struct {
	// Kind is best_hours, pillar_overperforms or pillar_underperforms.
	Kind string `json:"kind"`
	// Channel is the channel the advice is about, if one.
	Channel string `json:"channel"`
	// Pillar is the pillar the advice is about, if one.
	Pillar string `json:"pillar"`
	// Text is the advice in a sentence.
	Text string `json:"text"`
	// Hours are the best hours of the week, best first (best_hours only).
	Hours []HourRate `json:"hours,omitempty"`
}

// HourRate is the engagement rate of posts published in one hour of the
// week, in the channel's timezone.
type HourRate struct {
	// Weekday is mon … sun; Hour is 0–23.
	Weekday string  `json:"weekday"`
	Hour    int     `json:"hour"`
	Posts   int64   `json:"posts"`
	Rate    float64 `json:"rate"`
}
