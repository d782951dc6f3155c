package drafts

import (
	"strings"

	"github.com/pillar-strategy/pillar/schema"
)

// Rule describes one check of the drafts engine: its stable id, its
// severity, what it checks and what to do about a finding.
type Rule struct {
	// ID is the stable id findings carry, e.g. "draft-off-slot".
	ID string
	// Severity is how bad a finding is; errors fail a run.
	Severity schema.Severity
	// Summary says what the rule checks, in one line.
	Summary string
	// Hint says what to do about a finding.
	Hint string
}

// The rule ids of the engine's own checks. The content rules (voice,
// disclosure, alt text, links, approval) and the platform limits are
// Checkers of their own packages, with ids of their own.
const (
	RuleUnreadable      = "draft-unreadable"
	RuleUnknownChannel  = "draft-unknown-channel"
	RuleChannelInactive = "draft-channel-inactive"
	RuleBlackout        = "draft-blackout"
	RuleOffSlot         = "draft-off-slot"
	RuleSlotTaken       = "draft-slot-taken"
	RuleSlotEmpty       = "draft-slot-empty"
	RuleCoverage        = "draft-coverage"
	RuleUnknownPillar   = "draft-unknown-pillar"
	RuleUnknownTactic   = "draft-unknown-tactic"
	RuleUnknownCampaign = "draft-unknown-campaign"
	RulePillarMix       = "draft-pillar-mix"
)

var rules = []Rule{
	{RuleUnreadable, schema.Error, "a row or post that cannot be read (no channel, a time that is not one, a broken quote, bad front matter)",
		"Fix the row or the post's front matter; until then it is not checked."},
	{RuleUnknownChannel, schema.Error, "the draft's channel is not one of the strategy's channels",
		"Use a channel id from the strategy's channels, or map the sheet's names with a mapping's channels: section."},
	{RuleChannelInactive, schema.Error, "the draft is scheduled outside its channel's active period",
		"Move the draft into the channel's active period, or to another channel."},
	{RuleBlackout, schema.Error, "the draft is scheduled on a blackout day of its channel",
		"Move the draft to a day the channel posts."},
	{RuleOffSlot, schema.Warning, "the draft's time is not a planned slot of its channel",
		"Move the draft to the planned slot named, or change the channel's cadence if the plan is what should move."},
	{RuleSlotTaken, schema.Warning, "a second draft for a slot that already has one",
		"Move one of the drafts to an empty slot (see draft-slot-empty), or drop it."},
	{RuleSlotEmpty, schema.Warning, "planned slots of a channel that no draft fills, per week",
		"Draft a post for each slot listed, or accept the gap."},
	{RuleCoverage, schema.Info, "how many planned slots have a draft, and how many drafts fall beyond the plan",
		""},
	{RuleUnknownPillar, schema.Error, "the draft's pillar is not one of the strategy's pillars",
		"Use a pillar id from the strategy's pillars, or leave the pillar empty to classify the draft by its hashtags and keywords."},
	{RuleUnknownTactic, schema.Error, "the draft's tactic is not one of the strategy's tactics",
		"Use a tactic id from the strategy's tactics, or leave the tactic empty."},
	{RuleUnknownCampaign, schema.Error, "the draft's campaign is not one of the strategy's campaigns",
		"Use a campaign id from the strategy's calendar.campaigns, or leave the campaign empty."},
	{RulePillarMix, schema.Warning, "a channel's drafts stray from the plan's pillar mix for the period by more than the tolerance",
		"Re-balance the channel's drafts towards the pillars under their share, or change the pillar weights."},
}

// init makes the engine's rule ids known to validation, so a strategy's
// rules map may re-grade them (draft-unreadable excepted) without a
// rules-unknown warning.
func init() {
	rs := make([]schema.Rule, len(rules))
	for i, r := range rules {
		rs[i] = schema.Rule{ID: r.ID, Severity: r.Severity, Summary: sentence(r.Summary),
			Help: r.Hint, Configurable: r.ID != RuleUnreadable}
	}
	schema.RegisterRules(rs...)
}

// sentence capitalises a summary and ends it with a full stop, as
// validate's rule summaries read.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Rules returns the engine's rules, in the order --list-rules shows them.
func Rules() []Rule { return append([]Rule(nil), rules...) }

// ruleByID returns the rule with the id; every id the engine emits is in
// the table.
func ruleByID(id string) Rule {
	for _, r := range rules {
		if r.ID == id {
			return r
		}
	}
	return Rule{ID: id}
}
