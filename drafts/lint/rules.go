package lint

import "github.com/pillar-strategy/pillar/schema"

// rule indexes the catalogue, so the Linter keeps each rule's severity in
// an array rather than a map looked up per finding.
type rule int

const (
	ruleWord rule = iota
	ruleDisclosure
	ruleCap
	ruleAlt
	ruleHTTPS
	ruleUTM
	ruleApproval
	ruleMissed
	ruleTooLong
	ruleTooMany
	ruleNotClickable
	ruleForbidden
	numRules
)

// catalog is the drafts' content rules: the one table the README's
// "Content rules and platform limits" section follows.
var catalog = [numRules]schema.Rule{
	ruleWord: {ID: "draft-word-to-avoid", Severity: schema.Warning, Configurable: true,
		Summary: "A draft uses one of the voice's words to avoid.",
		Help:    "personality.voice.words_to_avoid lists words and phrases the brand never uses; they are found as whole words in any case, hashtags included (#cheap, not #cheaptrip), links and @mentions excepted. Rephrase; voice.avoid_hints can say what to write instead."},
	ruleDisclosure: {ID: "draft-undisclosed-partner", Severity: schema.Error, Configurable: true,
		Summary: "A draft mentions a paid partner without a disclosure tag.",
		Help:    "Paid partnerships must be disclosed in the post. A draft that names a paid partner (relationship paid, status partner; within the contract when it has dates), in its text or its partners, carries one of community.disclosure_tags as a hashtag."},
	ruleCap: {ID: "draft-mention-cap", Severity: schema.Warning, Configurable: true,
		Summary: "A draft mentions an influencer more often in a month than their cap allows.",
		Help:    "max_mentions_per_month caps how often the brand mentions an influencer in a calendar month (in the brand's timezone), counting the drafts and, with --posts, what was already published. The finding points at the first draft over the cap, in time order. Move the mention to another month or drop it: over-mentioning reads as spam."},
	ruleAlt: {ID: "draft-media-no-alt", Severity: schema.Warning, Configurable: true,
		Summary: "A draft's image or video has no alt text.",
		Help:    "Alt text describes the media for people who use screen readers and for search. Write what the image shows in the alt_text column (or the front matter's alt)."},
	ruleHTTPS: {ID: "draft-link-not-https", Severity: schema.Warning, Configurable: true,
		Summary: "A draft links to an address that is not https.",
		Help:    "Link with https:// so the link is private and not flagged by browsers. A link column value needs its scheme; in the text, only links written with a scheme other than https are reported."},
	ruleUTM: {ID: "draft-link-utm", Severity: schema.Warning, Configurable: true,
		Summary: "A link to the brand's site lacks the UTM parameters the strategy's convention asks for.",
		Help:    "links.utm in the strategy says which parameters links to the brand's own site carry, so web analytics attribute visits to the post. Add or correct the parameters the message names."},
	ruleApproval: {ID: "draft-not-approved", Severity: schema.Warning, Configurable: true,
		Summary: "A draft goes out soon and is not approved.",
		Help:    "Drafts are approved ahead of their time: drafts.approve_within in the strategy, 3 days by default. Get the draft approved and set its status to approved, or move it later."},
	ruleMissed: {ID: "draft-missed", Severity: schema.Warning, Configurable: true,
		Summary: "A draft's time has passed and it was never approved.",
		Help:    "The post's slot went by without an approved post. Give the draft a new time and get it approved, or remove it from the drafts."},
	ruleTooLong: {ID: "draft-too-long", Severity: schema.Error, Configurable: true,
		Summary: "A draft's text is longer than its network allows, counted the way the network counts.",
		Help:    "Each network counts its own way (X weighs URLs as 23 and CJK and emoji as 2, Bluesky counts graphemes, TikTok UTF-16 units); the limits and their sources are in the README's Platform limits table, and a channel's limits key overrides them. Cut the text from the marked place on."},
	ruleTooMany: {ID: "draft-too-many", Severity: schema.Error, Configurable: true,
		Summary: "A draft has more hashtags, mentions or links than its network allows.",
		Help:    "Networks cap hashtags, mentions and links per post (a channel's limits key overrides the caps). Drop the ones from the marked place on."},
	ruleNotClickable: {ID: "draft-link-not-clickable", Severity: schema.Warning, Configurable: true,
		Summary: "A draft puts a link in text where its network does not make links clickable.",
		Help:    "On networks such as Instagram a link in a caption is plain text. Point to the link in bio, a link sticker or the network's own link field instead."},
	ruleForbidden: {ID: "draft-platform-forbids", Severity: schema.Error, Configurable: true,
		Summary: "A draft has something its network refuses: links where none are allowed, or a forbidden character.",
		Help:    "The network refuses the post as it is (or the channel's limits say links: false). Remove what the message names."},
}

// init makes the rules' ids known to validation, so a strategy's rules
// map may re-grade them without a rules-unknown warning.
func init() { schema.RegisterRules(catalog[:]...) }

// Rules returns the drafts' content rules, in the order the README lists
// them, for --list-rules and the SARIF rule list.
func Rules() []schema.Rule {
	out := make([]schema.Rule, numRules)
	copy(out, catalog[:])
	return out
}
