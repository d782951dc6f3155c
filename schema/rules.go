package schema

import "sort"

// Rule describes one validation rule: its stable id, its default severity and
// the words every output format uses to explain it.
type Rule struct {
	// ID is the stable identifier used in output, in a strategy's rules map
	// and in pillar:ignore comments.
	ID string
	// Severity is the rule's default severity.
	Severity Severity
	// Summary is a one-line description of what the rule checks.
	Summary string
	// Help explains why the rule exists and how to fix what it finds.
	Help string
	// Configurable reports whether a strategy may switch the rule off or
	// change its severity. Structural rules (YAML syntax, schema) are not.
	Configurable bool
}

// catalog lists every rule; catalogByID sorts it by id at start-up.
var catalog = []Rule{
	{ID: "blackout-shape", Severity: Error, Configurable: false,
		Summary: "A blackout is neither a single day nor a range.",
		Help:    "A blackout sets date for one day, or from and to for a range (both inclusive), never both and never only one end."},
	{ID: "cadence-clash", Severity: Error, Configurable: false,
		Summary: "Two cadences of one channel post at the same time.",
		Help:    "A channel's cadences are its posts side by side, each held to its own minimum, so they must never give the same time: change the days or times of one, or merge the two into one cadence."},
	{ID: "cadence-shape", Severity: Error, Configurable: false,
		Summary: "A cadence does not say when to post in exactly one way.",
		Help:    "A cadence gives days and times (both), or an rrule, but not both: the planner needs one unambiguous schedule."},
	{ID: "campaign-overlap", Severity: Warning, Configurable: true,
		Summary: "Two campaigns set the pillar mix on the same channel on the same days.",
		Help:    "Where campaigns overlap, the planner uses the pillar weights of the one declared first. Move one campaign's dates, limit its channels, or drop its pillars."},
	{ID: "channel-no-owner", Severity: Warning, Configurable: true,
		Summary: "A channel has no owner.",
		Help:    "Name who runs the channel (a person or a team) in its owner field, so that posts and replies do not fall between chairs."},
	{ID: "channel-no-role", Severity: Warning, Configurable: true,
		Summary: "A channel has no role in the strategy.",
		Help:    "Say in the channel's role field what this network does for the strategy (inspire, inform, support, sell). A network without a role wastes effort."},
	{ID: "channel-no-sla", Severity: Warning, Configurable: true,
		Summary: "Mentions on a channel have no response time.",
		Help:    "Set response_sla on the channel, or community.default_sla for all channels. People expect an answer within a day, most within a few hours."},
	{ID: "disclosure-tags-missing", Severity: Warning, Configurable: true,
		Summary: "Paid influencers are listed but no disclosure tags are declared.",
		Help:    "Paid partnerships must be disclosed in the post. List the tags you use (e.g. #ad, #annonse, #reklama) in community.disclosure_tags so the audit can check them."},
	{ID: "drafts-files", Severity: Error, Configurable: false,
		Summary: "A drafts.files entry cannot name drafts.",
		Help:    "drafts.files lists the team's drafts sheets and Markdown folders as paths or glob patterns relative to the strategy's folder, with slashes, inside the repository root."},
	{ID: "duplicate-id", Severity: Error, Configurable: false,
		Summary: "Two items in a list share an id.",
		Help:    "Ids (and influencer handles) must be unique within their list, since other sections refer to them. Rename one of them."},
	{ID: "empty-file", Severity: Error, Configurable: false,
		Summary: "A strategy file is empty.",
		Help:    "Write the strategy's sections into the file, or run `pillar init` for a starter strategy."},
	{ID: "encoding", Severity: Error, Configurable: false,
		Summary: "A file is not valid UTF-8.",
		Help:    "Save the file as UTF-8. Most editors have an \"encoding\" or \"reopen with encoding\" command."},
	{ID: "extends", Severity: Error, Configurable: false,
		Summary: "A parent strategy named by extends cannot be used.",
		Help:    "extends names a strategy file, or a folder holding strategy.yaml, relative to the file that extends it. A strategy may not extend itself, directly or through others."},
	{ID: "hashtag-comment", Severity: Warning, Configurable: true,
		Summary: "A hashtag in an unquoted value was read as a comment.",
		Help:    "In YAML a # after a space starts a comment, so `topic: Photos with #ourbrand` keeps only \"Photos with\". Quote the value: `topic: \"Photos with #ourbrand\"`."},
	{ID: "hashtag-no-hash", Severity: Info, Configurable: true,
		Summary: "A hashtag is written without its #.",
		Help:    "Pillar reads hashtags with or without the #, but the playbook shows them as written, and they are copied from there into posts. Write them as a post does, quoted: hashtags: [\"#ourbrand\"]."},
	{ID: "include", Severity: Error, Configurable: false,
		Summary: "An included file cannot be used.",
		Help:    "include lists files or glob patterns relative to the including file, inside the strategy's folder. Each pattern must match at least one file."},
	{ID: "influencer-contract-expired", Severity: Warning, Configurable: true,
		Summary: "A paid influencer's contract has ended.",
		Help:    "Renew the partnership and update the contract dates, or change the relationship to organic (or the status to engaged) if it goes on unpaid. Paid posts without a contract are a legal and budget risk."},
	{ID: "influencer-mention-spam", Severity: Warning, Configurable: true,
		Summary: "An influencer's mention cap is high enough to read as spam.",
		Help:    "Mentioning the same account too often reads as spam and can hurt reach. Keep max_mentions_per_month at 8 or below."},
	{ID: "invalid-value", Severity: Error, Configurable: false,
		Summary: "A value is not one of the allowed values or not in the expected form.",
		Help:    "The message says what is expected; `pillar schema` prints the full format."},
	{ID: "merge-conflict", Severity: Error, Configurable: false,
		Summary: "Two included files set the same value.",
		Help:    "Lists from included files are joined, maps are merged, but a single value may be set in one file only. Remove one of the two."},
	{ID: "missing-key", Severity: Error, Configurable: false,
		Summary: "A required key is missing.",
		Help:    "Add the key; the message names it."},
	{ID: "period-order", Severity: Error, Configurable: true,
		Summary: "A period ends before it starts.",
		Help:    "Swap from and to, or correct the date that is wrong. Both ends are inclusive."},
	{ID: "persona-network-no-channel", Severity: Info, Configurable: true,
		Summary: "A persona uses a network where the brand has no channel.",
		Help:    "Be where the audience already is: consider a channel on that network, or remove the network from the persona if it no longer matters to them."},
	{ID: "persona-stale", Severity: Warning, Configurable: true,
		Summary: "A persona has not been reviewed for over a year, or never.",
		Help:    "Tastes change and personas go stale. Check the persona against recent data and set last_reviewed to the day you did."},
	{ID: "persona-unserved", Severity: Warning, Configurable: true,
		Summary: "No channel serves a persona.",
		Help:    "List the persona's id under personas on the channels that reach it, or remove the persona."},
	{ID: "pillar-no-example", Severity: Warning, Configurable: true,
		Summary: "A pillar has no example post for a channel that carries it.",
		Help:    "Add an example under the pillar's examples, keyed by channel id. Examples make the strategy concrete for whoever posts."},
	{ID: "pillar-weights-sum", Severity: Error, Configurable: false,
		Summary: "Pillar weights do not add up to 100.",
		Help:    "The weights are percentages of posts. Adjust them so they add up to exactly 100, in the strategy's pillars and in every per-channel or campaign override."},
	{ID: "cadence-unreachable", Severity: Error, Configurable: true,
		Summary: "A cadence's minimum per week cannot be met by its schedule.",
		Help:    "min_per_week is more than the days and times (or the RRULE) give in a week. Add days or times, or lower the minimum."},
	{ID: "rrule-invalid", Severity: Error, Configurable: false,
		Summary: "A recurrence rule does not parse.",
		Help:    "Write an RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0."},
	{ID: "rules-unknown", Severity: Warning, Configurable: true,
		Summary: "The rules map names a rule that does not exist, or cannot be changed.",
		Help:    "Check the rule id against `pillar validate --list-rules`. Structural rules (YAML, schema, references) cannot be switched off."},
	{ID: "date-out-of-range", Severity: Error, Configurable: true,
		Summary: "A date is outside the years a strategy can plan for.",
		Help:    "Dates must fall between 2000-01-01 and 2099-12-31. A typo in the year is the usual cause."},
	{ID: "schedule-shape", Severity: Error, Configurable: false,
		Summary: "A tactic's schedule is not either recurring or one-off.",
		Help:    "A tactic's schedule has an rrule (recurring, optionally bounded by start and until) or a date (one-off), never both and never neither."},
	{ID: "tactic-kpi-metric", Severity: Info, Configurable: true,
		Summary: "A tactic KPI's metric is a near miss of one the audit measures.",
		Help:    "pillar audit measures comments, likes, shares, saves, clicks, reach, impressions and engagement_rate for each tactic occurrence from the post history; other metrics come from a tactic results file. A metric written close to a measured one (comment, Engagement Rate) is never measured: write it as listed."},
	{ID: "time-invalid", Severity: Error, Configurable: false,
		Summary: "A time of day is not valid.",
		Help:    "Write times as HH:MM on a 24-hour clock, from 00:00 to 23:59, e.g. 09:30 or 18:00."},
	{ID: "timezone-invalid", Severity: Error, Configurable: false,
		Summary: "A timezone is not a known IANA zone.",
		Help:    "Use an IANA zone name such as Europe/Oslo, America/New_York or Asia/Kolkata; abbreviations like CET or EST are ambiguous."},
	{ID: "unknown-key", Severity: Error, Configurable: false,
		Summary: "A key is not part of the strategy format.",
		Help:    "Check the spelling against `pillar schema`; the message suggests the closest known key."},
	{ID: "unknown-reference", Severity: Error, Configurable: false,
		Summary: "A reference names an id that does not exist.",
		Help:    "References use ids: channels refer to persona ids, tactics to pillar and channel ids, and so on. Fix the spelling or add the missing item."},
	{ID: "version", Severity: Error, Configurable: false,
		Summary: "The strategy's format version is missing or not supported.",
		Help:    "Start the strategy with `version: 1`."},
	{ID: "wrong-type", Severity: Error, Configurable: false,
		Summary: "A value has the wrong type.",
		Help:    "The message says which type is expected, e.g. a number for weight or a list for values."},
	{ID: "yaml-limit", Severity: Error, Configurable: false,
		Summary: "A file is too large, too deeply nested, or expands too many aliases.",
		Help:    "Strategy files are small documents. The limits protect CI from resource bombs; split a very large strategy with include."},
	{ID: "yaml-number", Severity: Error, Configurable: true,
		Summary: "A number is read in another base than the one it seems written in.",
		Help:    "YAML reads a whole number with a leading 0 as octal (weight: 060 is 48) and one starting 0x, 0o or 0b as hexadecimal, octal or binary. Write the number in decimal without leading zeros (60), or quote the value if it is text (\"060\")."},
	{ID: "yaml-syntax", Severity: Error, Configurable: false,
		Summary: "A file is not valid YAML.",
		Help:    "Fix the YAML at the given line. Indent with spaces, never tabs, and quote values that contain ': ' or start with '@', '*', '&' or '#'."},
	{ID: "duplicate-key", Severity: Error, Configurable: false,
		Summary: "A mapping has the same key twice.",
		Help:    "YAML keys must be unique within a mapping; the second one would silently replace the first. Remove or rename one."},
}

var catalogByID = func() map[string]*Rule {
	sort.Slice(catalog, func(i, j int) bool { return catalog[i].ID < catalog[j].ID })
	m := make(map[string]*Rule, len(catalog))
	for i := range catalog {
		m[catalog[i].ID] = &catalog[i]
	}
	return m
}()

// Rules returns every rule, sorted by id.
func Rules() []Rule {
	out := make([]Rule, len(catalog))
	copy(out, catalog)
	return out
}

// LookupRule returns the rule with the given id.
func LookupRule(id string) (Rule, bool) {
	r, ok := catalogByID[id]
	if !ok {
		r, ok := registered[id] // rules_registered.go
		return r, ok
	}
	return *r, true
}
