package synth

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/pillar-strategy/pillar/strategy"
)

// HistoryOptions say what History writes. The zero value (with a period)
// writes a clean history: one post for every planned slot, on time, tagged
// with its pillar and tactic, and no mentions. DefaultHistoryOptions adds
// the misses a real team makes, which is what the committed sample data
// uses.
//
// Shares are probabilities from 0 to 1, drawn independently for each post
// or mention. Counts of deliberate misses (ShortWeeks, MissedTactics,
// OverCap, Undisclosed, LateAnswers) happen once in the whole history;
// counts of extra rows (BadPosts … UnknownMentions) are added in every
// pass over the calendar.
type HistoryOptions struct {
	// Seed chooses every random draw: the same strategy, options and seed
	// give byte-identical files, on any machine (the generator uses no
	// floating-point arithmetic and a random source of its own).
	Seed uint64
	// From is the first day of the period the history covers.
	From strategy.Date
	// To is the day after the period's last day: the period is [From, To).
	To strategy.Date
	// Posts is the number of data rows to write to the post history,
	// extra rows included. Zero makes one pass over the period's calendar.
	// More cycles the calendar, pass after pass over the same period, until
	// exactly Posts rows are written: every post stays in the period, so
	// an audit of the period uses them all.
	Posts int64

	// MissRate is the share of planned slots left unpublished, in every
	// pass.
	MissRate float64
	// LateShare is the share of posts published 2h30 to 4h after their
	// slot, on the slot's local day and more than 61 minutes from any slot
	// of their channel; the other posts go out within 30 minutes of their
	// slot.
	LateShare float64
	// EmptyPillar is the share of regular posts (tactic posts always name
	// their pillar) whose pillar column is empty.
	EmptyPillar float64
	// Unclassifiable is the share of the posts with an empty pillar column
	// whose text has no pillar's hashtag or keyword; the text of the others
	// has one pillar's hashtag (or keyword, when its hashtags are part of
	// another pillar's words) and nothing of any other pillar.
	Unclassifiable float64
	// OverPillar is the id of a pillar that takes OverShare of the other
	// pillars' regular posts, so that it is over-represented; empty means
	// the last declared pillar.
	OverPillar string
	// OverShare is the share of regular posts moved to OverPillar.
	OverShare float64
	// ShortWeeks is how many whole ISO weeks of one channel (chosen by the
	// seed among the channels with a cadence) get one post fewer than the
	// cadence's minimum, in the first pass.
	ShortWeeks int
	// MissedTactics is how many planned tactic occurrences are never
	// published, in any pass.
	MissedTactics int
	// UTCShare is the share of posts whose published_at is written in UTC
	// (with Z) instead of the channel's offset, as some exports do.
	UTCShare float64
	// MissingReach is the share of posts without a usable reach: two in
	// three have an empty reach column, one in three a reach of 0.
	MissingReach float64
	// InfluencerShare is the share of posts that mention an influencer on
	// the channel's platform, as long as the influencer is under the cap
	// for the month.
	InfluencerShare float64
	// OverCap is how many influencers with a cap are mentioned twice more
	// than their cap in one month (the month with most days in the period).
	OverCap int
	// Undisclosed is how many posts mentioning a paid partner lack a
	// disclosure tag: every second such post, from the first, until there
	// are this many.
	Undisclosed int
	// BadPosts is how many rows a pass adds that cannot be read: an
	// unparseable published_at, a negative metric or a non-numeric metric,
	// in turn.
	BadPosts int
	// DuplicatePosts is how many exact copies of the row just written (a
	// used post) a pass adds.
	DuplicatePosts int
	// OutsidePosts is how many rows a pass adds dated just outside the
	// period: late on the day before it or early on its end day, in the
	// channel's zone; every second one is written in UTC, so that its date
	// as written is misleading on one side of the period or the other.
	OutsidePosts int
	// UnknownPosts is how many rows a pass adds on a channel the strategy
	// does not have; every third is dated outside the period.
	UnknownPosts int

	// MentionRate is the mean number of inbound mentions that follow a
	// post, on its channel and local day (0 to 3).
	MentionRate float64
	// Unanswered is the share of mentions never answered.
	Unanswered float64
	// LateAnswerShare is the share of answered mentions answered 1.2 to 3
	// times their SLA after they came in; the others are answered within
	// 5% to 90% of it. When the strategy has business hours, an answer
	// that would fall outside them goes out soon after the next opening
	// instead.
	LateAnswerShare float64
	// LateAnswers is how many mentions of the type with the shortest SLA
	// are answered about three times their SLA late on a business day, so
	// that they are late in business time too.
	LateAnswers int
	// BadMentions is how many unreadable rows a pass adds to the mention
	// log: an unparseable received_at, or a responded_at before received_at,
	// in turn.
	BadMentions int
	// DuplicateMentions is how many exact copies of the mention just
	// written a pass adds.
	DuplicateMentions int
	// OutsideMentions is how many mentions a pass adds received just
	// outside the period.
	OutsideMentions int
	// UnknownMentions is how many mentions a pass adds on a channel the
	// strategy does not have.
	UnknownMentions int
}

// DefaultHistoryOptions returns the options of a realistic history with a
// few deliberate misses of every kind, for the period [from, to): the
// options the committed sample data and cmd gen-history use.
func DefaultHistoryOptions(seed uint64, from, to strategy.Date) HistoryOptions {
	return HistoryOptions{
		Seed: seed, From: from, To: to,
		MissRate:        0.02,
		LateShare:       0.06,
		EmptyPillar:     0.12,
		Unclassifiable:  0.4,
		OverShare:       0.12,
		ShortWeeks:      2,
		MissedTactics:   1,
		UTCShare:        0.02,
		MissingReach:    0.03,
		InfluencerShare: 0.08,
		OverCap:         1,
		Undisclosed:     1,
		BadPosts:        3,
		DuplicatePosts:  1,
		OutsidePosts:    2,
		UnknownPosts:    2,

		MentionRate:       0.8,
		Unanswered:        0.08,
		LateAnswerShare:   0.1,
		LateAnswers:       1,
		BadMentions:       2,
		DuplicateMentions: 1,
		OutsideMentions:   1,
		UnknownMentions:   1,
	}
}

// HistoryTruth is what an audit of the history History wrote must find,
// counted as the rows were made rather than by reading them back. Days,
// ISO weeks and months are local to each row's channel (its timezone, else
// the brand's); a row is in the period when its local date is in
// [From, To).
//
// Every data row is exactly one of: rejected (unreadable, or a repeat of an
// id seen on an earlier readable row; the first is used), on an unknown
// channel (whatever its date), outside the period, or used.
type HistoryTruth struct {
	// Brand is the strategy's brand name.
	Brand string `json:"brand"`
	// From and To are the period [From, To).
	From strategy.Date `json:"from"`
	To   strategy.Date `json:"to"`
	// Seed is the seed the history was made with.
	Seed uint64 `json:"seed"`
	// Passes is how many passes over the calendar were made (one unless
	// HistoryOptions.Posts asked for more rows).
	Passes int64 `json:"passes"`
	// Slots is the number of slots the planner gives the period.
	Slots int `json:"slots"`

	// Posts and Mentions reconcile the rows of the two files.
	Posts    Rows `json:"posts"`
	Mentions Rows `json:"mentions"`

	// Channels are the strategy's channels in declared order.
	Channels []ChannelTruth `json:"channels"`
	// Tactics are the strategy's tactics in declared order.
	Tactics []TacticTruth `json:"tactics"`
	// Influencers are the strategy's influencers in declared order.
	Influencers []InfluencerTruth `json:"influencers"`
	// Disclosure counts the posts that mention a paid partner.
	Disclosure DisclosureTruth `json:"disclosure"`
	// Responses counts the used mentions and their answers.
	Responses ResponseTruth `json:"responses"`
	// Sentiment, Volume and Voices are what the mention log's sentiment,
	// times and authors add up to (history_voices.go).
	Sentiment SentimentTruth `json:"sentiment"`
	Volume    VolumeTruth    `json:"volume"`
	Voices    VoicesTruth    `json:"voices"`
	// Planted lists the deliberate misses, for people checking a report.
	Planted []Planted `json:"planted"`
}

// Rows reconciles the data rows of one file (the header is not a row):
// Rows = Used + OutsidePeriod + UnknownChannel + Rejected.
type Rows struct {
	// Rows is the number of data rows written.
	Rows int64 `json:"rows"`
	// Used counts the rows the metrics count.
	Used int64 `json:"used"`
	// OutsidePeriod counts readable rows on a known channel dated outside
	// the period.
	OutsidePeriod int64 `json:"outside_period"`
	// UnknownChannel counts readable rows on a channel the strategy does
	// not have, whatever their date.
	UnknownChannel int64 `json:"unknown_channel"`
	// Rejected counts unreadable rows and repeated ids.
	Rejected int64 `json:"rejected"`
	// Duplicates counts the rejected rows whose id an earlier readable row
	// had.
	Duplicates int64 `json:"duplicates"`
}

// ChannelTruth is what the used posts of one channel add up to.
type ChannelTruth struct {
	// Channel is the channel's id.
	Channel string `json:"channel"`
	// Posts counts the channel's used posts.
	Posts int64 `json:"posts"`
	// Weeks counts them per ISO week, for every week that overlaps the
	// period, in order (partial weeks included).
	Weeks []WeekTruth `json:"weeks"`
	// Pillars counts the classified posts per pillar, in declared order.
	Pillars []PillarTruth `json:"pillars"`
	// Classified counts the posts with a pillar: named in the pillar column,
	// or ByText, found by one pillar's hashtag or keyword in a post whose
	// pillar column is empty. Unclassified counts the posts with an empty
	// pillar column and no pillar's hashtag or keyword in the text.
	Classified   int64 `json:"classified"`
	ByText       int64 `json:"by_text"`
	Unclassified int64 `json:"unclassified"`
	// OnTime counts posts published within 60 minutes of a planned slot of
	// the channel (all within 30 minutes of their own); Late counts the
	// rest (all more than 61 minutes from every slot of the channel).
	OnTime int64 `json:"on_time"`
	Late   int64 `json:"late"`
	// Engagement sums the channel's metrics.
	Engagement EngagementTruth `json:"engagement"`
	// Followers are the channel's first and last follower counts.
	Followers FollowersTruth `json:"followers"`
}

// FollowersTruth is one channel's followers column over its used posts:
// the first and last of the posts with followers by publication time (of
// posts in the same second, the first row written).
type FollowersTruth struct {
	// Posts counts the used posts with followers.
	Posts int64 `json:"posts"`
	// FirstAt and LastAt are when the first and last went out, RFC 3339 in
	// the channel's zone; First and Last are their followers. Empty and 0
	// without a post with followers.
	FirstAt string `json:"first_at"`
	LastAt  string `json:"last_at"`
	First   int64  `json:"first"`
	Last    int64  `json:"last"`
	// Measured is true when the posts went out at two or more times.
	Measured bool `json:"measured"`
}

// WeekTruth is the number of used posts in one ISO week.
type WeekTruth struct {
	// Week is the ISO week, e.g. 2027-W03.
	Week string `json:"week"`
	// Start is the week's Monday.
	Start strategy.Date `json:"start"`
	// Posts is the number of used posts published in the week.
	Posts int64 `json:"posts"`
	// Clicks sums their clicks (every generated post has a clicks value).
	Clicks int64 `json:"clicks"`
}

// PillarTruth is the number of posts classified into one pillar.
type PillarTruth struct {
	// Pillar is the pillar's id.
	Pillar string `json:"pillar"`
	// Posts counts the posts classified into the pillar; ByText of them
	// by their text.
	Posts  int64 `json:"posts"`
	ByText int64 `json:"by_text"`
}

// EngagementTruth sums one channel's metrics over its used posts.
type EngagementTruth struct {
	// Posts counts used posts with a reach above 0; Excluded counts those
	// with an empty or zero reach.
	Posts    int64 `json:"posts"`
	Excluded int64 `json:"excluded"`
	// Interactions is likes + comments + shares + saves + clicks summed
	// over Posts, and Reach their reach.
	Interactions int64 `json:"interactions"`
	Reach        int64 `json:"reach"`
	// WithReach sums every metric over Posts, for other definitions of
	// engagement over reach.
	WithReach Metrics `json:"with_reach"`
	// All sums every metric over all used posts (an empty reach counts 0).
	// Impressions are never empty or 0, so engagement over impressions is
	// All's interactions over All.Impressions.
	All Metrics `json:"all"`
}

// Metrics are sums of the metric columns.
type Metrics struct {
	Likes       int64 `json:"likes"`
	Comments    int64 `json:"comments"`
	Shares      int64 `json:"shares"`
	Saves       int64 `json:"saves"`
	Clicks      int64 `json:"clicks"`
	Impressions int64 `json:"impressions"`
	Reach       int64 `json:"reach"`
}

// TacticTruth compares one tactic's planned occurrences with its posts. An
// occurrence is a calendar slot with the tactic, identified by tactic,
// channel and local date; it is executed when a used post on that channel
// and local date has the tactic's id in its tactic column.
type TacticTruth struct {
	// Tactic is the tactic's id.
	Tactic string `json:"tactic"`
	// Planned, Executed and Missed count occurrences.
	Planned  int `json:"planned"`
	Executed int `json:"executed"`
	Missed   int `json:"missed"`
	// MissedOn lists the missed occurrences in calendar order.
	MissedOn []Occurrence `json:"missed_on"`
	// KPIs are the tactic's KPIs in declared order.
	KPIs []TacticKPITruth `json:"kpis"`
}

// Occurrence is a tactic's planned post on one channel and local day.
type Occurrence struct {
	Date    strategy.Date `json:"date"`
	Channel string        `json:"channel"`
}

// InfluencerTruth counts the used posts that mention an influencer: posts
// on a channel of the influencer's platform whose mentions column holds the
// handle (written with @, matched without it, case-insensitively).
type InfluencerTruth struct {
	// Handle is the influencer's handle as the strategy writes it.
	Handle string `json:"handle"`
	// Cap is the influencer's max_mentions_per_month; 0 means none.
	Cap int `json:"cap"`
	// Mentions is the total over the period.
	Mentions int64 `json:"mentions"`
	// Months counts the mentions per calendar month, for every month that
	// overlaps the period, in order.
	Months []MonthTruth `json:"months"`
	// OverCap reports whether a month has more mentions than the cap.
	OverCap bool `json:"over_cap"`
}

// MonthTruth is one calendar month's mentions of an influencer.
type MonthTruth struct {
	// Month is YYYY-MM.
	Month    string `json:"month"`
	Mentions int64  `json:"mentions"`
}

// DisclosureTruth counts the used posts that mention a paid partner (an
// influencer with relationship paid and status partner, on a channel of its
// platform).
type DisclosureTruth struct {
	// Checked counts those posts; Missing counts the ones whose text has
	// none of the strategy's disclosure tags as a whole hashtag.
	Checked int64 `json:"checked"`
	Missing int64 `json:"missing"`
	// MissingIDs are the ids of the first 50 missing ones.
	MissingIDs []string `json:"missing_ids"`
}

// ResponseTruth counts the used mentions and their answers.
type ResponseTruth struct {
	// BusinessHours reports whether the strategy declares business hours;
	// then the within-SLA counts are left out (null), as SLAs count
	// business time only.
	BusinessHours bool `json:"business_hours"`
	// Mentions counts used mentions; Answered and Unanswered split them.
	Mentions   int64 `json:"mentions"`
	Answered   int64 `json:"answered"`
	Unanswered int64 `json:"unanswered"`
	// WithinSLA counts the mentions answered no later than their SLA after
	// they came in, on the wall clock: the response rule's SLA for the
	// type, else the channel's response_sla, else community.default_sla.
	// Unanswered mentions are breaches. NoSLA counts mentions with no SLA
	// at all, which are in neither.
	WithinSLA *int64 `json:"within_sla"`
	NoSLA     int64  `json:"no_sla"`
	// Types break the counts down by mention type, in the order of the
	// strategy's response rules, then the other types.
	Types []TypeTruth `json:"types"`
}

// TypeTruth counts one mention type's used mentions.
type TypeTruth struct {
	Type       string `json:"type"`
	Mentions   int64  `json:"mentions"`
	Answered   int64  `json:"answered"`
	Unanswered int64  `json:"unanswered"`
	// WithinSLA is as in ResponseTruth; null with business hours.
	WithinSLA *int64 `json:"within_sla"`
}

// Planted is one deliberate miss, said the way a person checking a report
// looks for it.
type Planted struct {
	// Kind is short_week, missed_tactic, over_pillar, over_cap,
	// undisclosed, late_answer, bad_post, duplicate_post, outside_post,
	// unknown_post, bad_mention, duplicate_mention, outside_mention or
	// unknown_mention.
	Kind string `json:"kind"`
	// Detail says what was planted, in a sentence.
	Detail string `json:"detail"`
	// IDs are the rows' ids, where rows carry the miss.
	IDs []string `json:"ids,omitempty"`
	// Line is the line the row starts on (the header is line 1), for rows.
	Line int64 `json:"line,omitempty"`
}

// maxPlanted bounds how many planted rows of one kind are listed, so that
// a history of millions of rows keeps a small truth.
const maxPlanted = 20

// History writes a post history to posts and a mention log to mentions, as
// CSV with a header row in the canonical columns of DESIGN.md, for the
// strategy s over opt's period, and returns what an audit of them must
// find. mentions may be nil; the posts do not depend on it.
//
// The posts follow the planner's calendar for the period, slot by slot in
// time order; opt says how the team falls short of it. Memory stays flat
// however many rows are asked for: the calendar of the period is planned
// once, and the truth's counters are per channel, week, month, tactic
// occurrence and influencer, never per row.
//
// s must be a valid strategy (see schema.Validate); History returns an
// error for a period the planner refuses and for more rows asked of a
// calendar with no slot.
func History(s *strategy.Strategy, opt HistoryOptions, posts, mentions io.Writer) (*HistoryTruth, error) {
	if s == nil {
		return nil, errors.New("history: no strategy")
	}
	if posts == nil {
		return nil, errors.New("history: no writer for the posts")
	}
	if opt.Posts < 0 {
		return nil, fmt.Errorf("history: %d posts: the number of posts cannot be negative", opt.Posts)
	}
	g, err := newHistoryGen(s, opt)
	if err != nil {
		return nil, err
	}
	g.pw = bufio.NewWriterSize(posts, 256<<10)
	if mentions != nil {
		g.mw = bufio.NewWriterSize(mentions, 64<<10)
	}
	if err := g.run(); err != nil {
		return nil, err
	}
	return g.truth(), nil
}

// WriteJSON writes the truth as indented JSON, the form committed next to
// the sample data.
func (t *HistoryTruth) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}
