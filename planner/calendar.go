package planner

import (
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// Options say what to plan.
type Options struct {
	// From is the first day of the horizon.
	From strategy.Date
	// To is the day after the last day of the horizon: the horizon is
	// [From, To), and To must be after From and at most MaxHorizonYears
	// (for a Stream, MaxStreamYears) later.
	To strategy.Date
}

// MaxHorizonYears is the longest horizon Plan accepts: a Calendar holds
// every slot in memory.
const MaxHorizonYears = 10

// MaxStreamYears is the longest horizon NewStream accepts. A stream holds a
// quarter per channel whatever its horizon, so memory sets no limit; this
// one keeps a mistyped year (2207 for 2027) from planning for centuries.
const MaxStreamYears = 100

// MaxSlots is the most posts one plan may hold; a cadence that would give
// more (an RRULE with FREQ=MINUTELY, say) is refused rather than expanded.
const MaxSlots = 1_000_000

// Calendar is a planned posting calendar: plain data, sorted and
// deterministic, so the same strategy and horizon give byte-identical
// exports. Its JSON form (brand, from, to, timezone, slots, warnings) is a
// documented contract.
type Calendar struct {
	// Brand is the brand's name.
	Brand string `json:"brand"`
	// From is the first day of the horizon.
	From strategy.Date `json:"from"`
	// To is the day after the horizon's last day.
	To strategy.Date `json:"to"`
	// Timezone is the brand's IANA zone; a channel may post in another.
	Timezone string `json:"timezone"`
	// Slots are the planned posts, sorted by start, channel and tactic.
	Slots []Slot `json:"slots"`
	// Warnings are things the plan could not do as written; they never
	// stop it.
	Warnings []Warning `json:"warnings"`

	// Channels describe every channel in declared order, with the pillar
	// mix it aims for; the summary compares the slots against them.
	Channels []ChannelPlan `json:"-"`
	// Pillars are the strategy's pillars in declared order.
	Pillars []PillarInfo `json:"-"`
	// Tactics are the strategy's tactics in declared order.
	Tactics []TacticInfo `json:"-"`
	// Campaigns are the strategy's campaigns in declared order, with the
	// pillar mix of those that re-weight pillars.
	Campaigns []CampaignInfo `json:"-"`
}

// Slot is one planned post.
type Slot struct {
	// Start is when the post goes out, in UTC.
	Start time.Time `json:"start"`
	// Local is the wall-clock start in the slot's zone, e.g.
	// "2027-01-04T09:00".
	Local string `json:"local"`
	// Timezone is the IANA zone of the channel (its own, else the brand's).
	Timezone string `json:"timezone"`
	// Channel is the channel's id.
	Channel string `json:"channel"`
	// Platform is the channel's network, e.g. instagram.
	Platform string `json:"platform"`
	// Pillar is the id of the pillar the post serves; empty when the
	// strategy has no pillars.
	Pillar string `json:"pillar"`
	// PillarName is the pillar's display name.
	PillarName string `json:"pillar_name"`
	// Tactic is the id of the tactic the post carries out; empty for a
	// regular cadence slot.
	Tactic string `json:"tactic"`
	// TacticName is the tactic's display name.
	TacticName string `json:"tactic_name"`
	// Campaign is the id of the campaign that applies to the slot: the one
	// whose extra cadence produced it, else the first declared campaign
	// covering its day on its channel that re-weights pillars. When that
	// campaign has pillar weights, they chose the pillar. Empty outside
	// campaigns.
	Campaign string `json:"campaign"`
	// Format is the content format, the channel's formats taken in turn in
	// declared order; empty when the channel lists none.
	Format string `json:"format"`
	// Brief is what to post: the tactic's example, else the pillar's
	// example for this channel, else the pillar's description.
	Brief string `json:"brief"`
	// UID identifies the slot across runs: the same channel at the same
	// local wall time always has the same UID, so a calendar app updates
	// the event on re-import instead of duplicating it.
	UID string `json:"uid"`

	// Cadence is the number (from 1) of the channel's cadence at whose
	// time the post is, in the order the cadences are written; when two
	// of its times became one post, the first's. 0 for a post at no
	// cadence time (a tactic's or a campaign's extra post at a time of its
	// own). It is not written out; the audit counts a channel's posts per
	// cadence with it.
	Cadence int `json:"-"`

	// Variant tells which of a plan's slots are alike: two slots of one
	// plan with the same non-zero Variant differ only in Start, Local,
	// UID and Cadence, so a writer can format what they share once. A non-zero
	// Variant also promises the planner's shapes: Local is
	// YYYY-MM-DDTHH:MM, UID is 20 hexadecimal digits and "@pillar", Start
	// is a whole second of a four-digit year. Zero means none of this is
	// known (a slot built by hand or read back from JSON).
	Variant uint64 `json:"-"`
}

// Day returns the slot's local date, YYYY-MM-DD.
func (s *Slot) Day() string {
	if len(s.Local) < 10 {
		return s.Local
	}
	return s.Local[:10]
}

// Clock returns the slot's local time of day, HH:MM.
func (s *Slot) Clock() string {
	if len(s.Local) < 16 {
		return ""
	}
	return s.Local[11:16]
}

// Warning is something the plan could not do as the strategy wrote it, such
// as an RRULE that gives no post in the horizon.
type Warning struct {
	// Channel is the id of the channel concerned, if one is.
	Channel string `json:"channel,omitempty"`
	// Tactic is the id of the tactic concerned, if one is.
	Tactic string `json:"tactic,omitempty"`
	// Message says what happened and what to do about it.
	Message string `json:"message"`
}

// ChannelPlan describes a channel as planned.
type ChannelPlan struct {
	// ID is the channel's id.
	ID string `json:"id"`
	// Platform is the channel's network.
	Platform string `json:"platform"`
	// Timezone is the zone the channel's slots are planned in.
	Timezone string `json:"timezone"`
	// Targets are the pillar shares the channel aims for outside
	// campaigns, in declared pillar order, in percent summing to 100; a
	// pillar the channel does not use has 0.
	Targets []float64 `json:"targets"`
}

// PillarInfo names a pillar.
type PillarInfo struct {
	// ID is the pillar's id.
	ID string `json:"id"`
	// Name is the pillar's display name.
	Name string `json:"name"`
}

// CampaignInfo names a campaign and the pillar mix it sets.
type CampaignInfo struct {
	// ID is the campaign's id.
	ID string `json:"id"`
	// Name is the campaign's display name.
	Name string `json:"name"`
	// Targets are the pillar shares the campaign sets on the slots it
	// applies to, in declared pillar order, in percent summing to 100; nil
	// when the campaign does not re-weight pillars.
	Targets []float64 `json:"targets"`
}

// TacticInfo names a tactic.
type TacticInfo struct {
	// ID is the tactic's id.
	ID string `json:"id"`
	// Name is the tactic's display name.
	Name string `json:"name"`
}
