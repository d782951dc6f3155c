package audit

import "time"

// Metric is one of the numeric columns of a post.
type Metric int

// The metric columns of the post history, in canonical column order.
// Followers is optional: the account's follower count when the post went
// out, needed only by an engagement KPI whose denominator is followers.
const (
	Likes Metric = iota
	Comments
	Shares
	Saves
	Clicks
	Impressions
	Reach
	Followers
	NumMetrics
)

var metricNames = [NumMetrics]string{"likes", "comments", "shares", "saves", "clicks", "impressions", "reach", "followers"}

// String returns the metric's column name.
func (m Metric) String() string {
	if m < 0 || m >= NumMetrics {
		return "metric?"
	}
	return metricNames[m]
}

// MetricByName returns the metric whose column name is name.
func MetricByName(name string) (Metric, bool) {
	for i, n := range metricNames {
		if n == name {
			return Metric(i), true
		}
	}
	return 0, false
}

// Post is one readable row of post history. The byte-slice fields point
// into the reader's buffer and are valid only during the callback that
// receives the Post; copy what you keep.
type Post struct {
	// Line is the line in the file where the row starts (the header is
	// line 1), or the line of a JSON Lines record.
	Line int64
	// ID is the post's id as exported by the network or tool.
	ID []byte
	// PublishedAt is when the post went out.
	PublishedAt time.Time
	// Channel is the channel id (after the mapping's channel renames).
	Channel []byte
	// Pillar is the pillar id; empty when the export does not say.
	Pillar []byte
	// Tactic is the tactic id; empty for a regular post.
	Tactic []byte
	// Text is the post's caption or body.
	Text []byte
	// Mentions is the space-separated list of @handles the post mentions.
	Mentions []byte
	// Metrics holds the metric columns; Has tells which were present.
	Metrics [NumMetrics]int64
	// Has has bit 1<<m set when metric m had a value in the row.
	Has uint16
}

// HasMetric reports whether the row gave a value for m.
func (p *Post) HasMetric(m Metric) bool { return p.Has&(1<<m) != 0 }

// Mention is one readable row of the mention log: an inbound mention of
// the brand. Byte-slice fields are valid only during the callback.
type Mention struct {
	// Line is the line in the file where the row starts.
	Line int64
	// ID is the mention's id.
	ID []byte
	// Channel is the channel id the mention came in on.
	Channel []byte
	// ReceivedAt is when the mention arrived.
	ReceivedAt time.Time
	// RespondedAt is when the brand answered; zero when unanswered.
	RespondedAt time.Time
	// Type is the mention type (ugc, feedback, complaint, help, press,
	// question, other); empty when the export does not say.
	Type []byte
	// Sentiment is positive, neutral or negative as exported; may be empty.
	Sentiment []byte
	// Author is the handle of whoever wrote the mention; may be empty.
	Author []byte
	// AuthorFollowers is the author's follower count when HasFollowers.
	AuthorFollowers int64
	HasFollowers    bool
}

// Reject is a row that could not be read or used, and why.
type Reject struct {
	// Line is the line where the row starts.
	Line int64 `json:"line"`
	// Reason says what is wrong with the row and, where it can, what to do.
	Reason string `json:"reason"`
}

// MaxRejectsListed is how many rejected rows a report lists by line; the
// rest are counted.
const MaxRejectsListed = 20
