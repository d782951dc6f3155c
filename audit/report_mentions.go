package audit

import "github.com/pillar-strategy/pillar/strategy"

// SentimentReport is the sentiment mix of the used mentions, from the
// mention log's sentiment column. A value is read as positive, neutral or
// negative when it is one of Spellings' words, in any case; anything else
// (empty, a number, "mixed") is unknown: counted, never dropped.
type SentimentReport struct {
	// Spellings are the values read as each known sentiment.
	Spellings map[string][]string `json:"spellings"`
	// Target is the strategy's negative_share ceiling in percent; absent
	// without one.
	Target *float64 `json:"target"`
	// Overall covers every used mention (its Name is empty); Types follow
	// the response report's types, Channels the declared channels.
	Overall  SentimentMix   `json:"overall"`
	Types    []SentimentMix `json:"types"`
	Channels []SentimentMix `json:"channels"`
	// Weeks are every ISO week that overlaps the period, in order; a
	// mention's week is that of its local day in its channel's timezone,
	// as for cadence.
	Weeks []WeekSentiment `json:"weeks"`
	// Unrecognized counts the values, neither empty nor one of Spellings,
	// that were read as unknown, most frequent first (up to 20 names;
	// further ones count as "(others)").
	Unrecognized []NameCount `json:"unrecognized"`
	// ResponseSentiment are the response figures per sentiment, in the
	// order positive, neutral, negative, unknown: negative mentions
	// answered slower than the rest is the classic failure.
	ResponseSentiment []SentimentResponse `json:"response_sentiment"`
}

// SentimentMix counts one group's mentions per sentiment.
type SentimentMix struct {
	// Name is the mention type, channel or week; empty overall.
	Name     string `json:"name"`
	Mentions int64  `json:"mentions"`
	Positive int64  `json:"positive"`
	Neutral  int64  `json:"neutral"`
	Negative int64  `json:"negative"`
	Unknown  int64  `json:"unknown"`
	// Shares are the four counts as percentages of Mentions (they add up
	// to 100); absent without mentions.
	Shares SentimentShares `json:"shares"`
	// NegativeShare is Negative ÷ the mentions with a known sentiment
	// (positive, neutral or negative), in percent: the negative_share KPI
	// overall. A mention of unknown sentiment says nothing either way, so
	// it is left out; absent when no mention has a known sentiment.
	NegativeShare *float64 `json:"negative_share"`
}

// SentimentShares are sentiment counts as percentages of all mentions.
type SentimentShares struct {
	Positive *float64 `json:"positive"`
	Neutral  *float64 `json:"neutral"`
	Negative *float64 `json:"negative"`
	Unknown  *float64 `json:"unknown"`
}

// WeekSentiment is the sentiment mix of one ISO week.
type WeekSentiment struct {
	// Week is the ISO week, e.g. 2027-W03; Start is its Monday.
	Week  string        `json:"week"`
	Start strategy.Date `json:"start"`
	// Whole is false for a week the period covers only in part.
	Whole bool `json:"whole"`
	SentimentMix
}

// SentimentResponse are the response figures of the mentions of one
// sentiment, counted as ResponseStats counts them.
type SentimentResponse struct {
	// Sentiment is positive, neutral, negative or unknown.
	Sentiment string `json:"sentiment"`
	Mentions  int64  `json:"mentions"`
	Answered  int64  `json:"answered"`
	// WithinSLA counts answers within the mention's SLA; NoSLA counts
	// mentions without an SLA, left out of Share.
	WithinSLA int64 `json:"within_sla"`
	NoSLA     int64 `json:"no_sla"`
	// Share is WithinSLA ÷ (Mentions − NoSLA) in percent.
	Share *float64 `json:"share"`
	// Median and P90 are response times of answered mentions in seconds
	// (business seconds when business hours apply), nearest-rank.
	Median *int64 `json:"median_seconds"`
	P90    *int64 `json:"p90_seconds"`
}

// VolumeReport counts the used mentions per channel and ISO week, and
// per hour of the week: when the response team is needed.
type VolumeReport struct {
	// Mentions counts the used mentions; Weeks is the period's length in
	// weeks (its days ÷ 7) and PerWeek is Mentions ÷ Weeks.
	Mentions int64    `json:"mentions"`
	Weeks    float64  `json:"weeks"`
	PerWeek  *float64 `json:"per_week"`
	// Channels are every channel in declared order.
	Channels []ChannelVolume `json:"channels"`
	// Totals are the mentions per week across channels, for every week
	// that overlaps the period. A mention's week is that of its local day
	// in its channel's timezone.
	Totals []WeekVolume `json:"totals"`
	// Grid counts mentions by weekday (Grid[0] is Monday … Grid[6]
	// Sunday) and hour (0–23), on the clock of each mention's channel.
	Grid [7][24]int64 `json:"grid"`
	// Busiest are the (up to) five hours of the week with the most
	// mentions, most first; a tie goes to the earlier hour of the week.
	Busiest []HourVolume `json:"busiest"`
}

// ChannelVolume is one channel's mentions.
type ChannelVolume struct {
	Channel  string   `json:"channel"`
	Mentions int64    `json:"mentions"`
	PerWeek  *float64 `json:"per_week"`
	// Weeks are every week that overlaps the period, in order.
	Weeks []WeekVolume `json:"weeks"`
}

// WeekVolume is the mentions of one ISO week.
type WeekVolume struct {
	// Week is the ISO week, e.g. 2027-W03; Start is its Monday.
	Week  string        `json:"week"`
	Start strategy.Date `json:"start"`
	// Whole is false for a week the period covers only in part.
	Whole    bool  `json:"whole"`
	Mentions int64 `json:"mentions"`
}

// HourVolume is the mentions of one hour of the week.
type HourVolume struct {
	// Weekday is mon … sun; Hour is 0–23, local to each channel.
	Weekday  string `json:"weekday"`
	Hour     int    `json:"hour"`
	Mentions int64  `json:"mentions"`
	// Share is Mentions as a percentage of all used mentions.
	Share float64 `json:"share"`
}

// VoicesReport lists who writes the mentions, from the mention log's
// optional author and author_followers columns; nil when no used mention
// has an author. Authors are told apart per platform by handle, compared
// without regard to case or a leading @.
//
// Memory stays flat: Method "space-saving" follows at most Capacity
// distinct authors. Exact is true when there were no more than that, and
// every count is then exact. Otherwise a count may be too high by its
// Error (true count between Mentions − Error and Mentions), Error is never
// more than this report's Mentions ÷ Capacity, and every author with more
// mentions than that is followed. LargestAudience is exact.
type VoicesReport struct {
	// Mentions counts the used mentions with an author; WithoutAuthor
	// those without one.
	Mentions      int64 `json:"mentions"`
	WithoutAuthor int64 `json:"without_author"`
	// Method, Capacity and Exact say how authors were counted (above);
	// MaxError is the largest Error in MostMentions.
	Method   string `json:"method"`
	Capacity int    `json:"capacity"`
	Exact    bool   `json:"exact"`
	MaxError int64  `json:"max_error"`
	// MostMentions are the (up to) ten authors with the most mentions,
	// most first, then by handle.
	MostMentions []Voice `json:"most_mentions"`
	// LargestAudience are the (up to) ten authors with the largest
	// follower count seen on any of their mentions, largest first.
	LargestAudience []Voice `json:"largest_audience"`
	// Untapped counts the distinct authors of the two lists that are not
	// among the strategy's influencers.
	Untapped int `json:"untapped"`
}

// Voice is one author of mentions.
type Voice struct {
	// Author is the author as the first of its mentions wrote it (cut to
	// 200 bytes); Platform and Channel are that mention's.
	Author   string `json:"author"`
	Platform string `json:"platform"`
	Channel  string `json:"channel"`
	// Mentions counts the author's mentions and Error is its possible
	// overcount (0 when exact); Mentions is absent for an author of
	// LargestAudience no longer followed by the counts.
	Mentions *int64 `json:"mentions"`
	Error    int64  `json:"error"`
	// Followers is the largest author_followers value seen; absent
	// without one.
	Followers *int64 `json:"followers"`
	// Influencer is the handle of the strategy's influencer the author is
	// (same handle, on the influencer's platform); empty when none.
	// Untapped is true then: a voice the strategy does not work with yet.
	Influencer string `json:"influencer"`
	Untapped   bool   `json:"untapped"`
}
