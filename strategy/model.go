package strategy

// Version is the format version this build reads. A strategy declares it in
// its top-level `version` key.
const Version = 1

// Strategy is a whole social media strategy after its includes and extends
// have been merged. The field order follows the seven-step strategy document:
// audience, personality, channels (with their cadence), pillars, tactics and
// examples, then influencers, community, calendar and KPIs.
type Strategy struct {
	// Version is the format version; only 1 exists today.
	Version int `json:"version"`
	// Extends names a parent strategy whose sections this one inherits.
	Extends string `json:"extends,omitempty"`
	// Include lists files or glob patterns, relative to this file, whose
	// sections are merged into this strategy.
	Include []string `json:"include,omitempty"`

	// Brand names the brand and sets the defaults every section relies on.
	Brand Brand `json:"brand"`
	// Personality describes the brand as if it were a person.
	Personality *Personality `json:"personality,omitempty"`
	// Personas are the audience the strategy speaks to.
	Personas []Persona `json:"personas,omitempty"`
	// Channels are the networks in the brand's digital ecosystem.
	Channels []Channel `json:"channels,omitempty"`
	// Pillars are the content areas and their weights.
	Pillars []Pillar `json:"pillars,omitempty"`
	// Tactics are recurring or one-off plays built on the pillars.
	Tactics []Tactic `json:"tactics,omitempty"`
	// Influencers are the accounts the brand works with or hopes to.
	Influencers []Influencer `json:"influencers,omitempty"`
	// Community holds what to monitor and how to answer mentions.
	Community *Community `json:"community,omitempty"`
	// Calendar holds blackout dates and campaigns.
	Calendar *Calendar `json:"calendar,omitempty"`
	// KPIs are the targets the audit checks.
	KPIs *KPIs `json:"kpis,omitempty"`
	// Competitors are accounts worth watching.
	Competitors []Competitor `json:"competitors,omitempty"`
	// Links is the convention for the links posts carry (UTM parameters),
	// which drafts are checked against.
	Links *Links `json:"links,omitempty"`
	// Drafts says how drafted posts are checked before they go out.
	Drafts *Drafts `json:"drafts,omitempty"`
	// Rules switches validation rules off or changes their severity, keyed
	// by rule id; values are "off", "info", "warning" or "error".
	Rules map[string]string `json:"rules,omitempty"`

	// Source records where every value came from. It is nil for a Strategy
	// built in code.
	Source *Source `json:"-"`
}

// Brand names the brand and carries defaults for the rest of the strategy.
type Brand struct {
	// Name is the brand's public name.
	Name string `json:"name"`
	// Timezone is the IANA zone posting times are written in, e.g. Europe/Oslo.
	Timezone string `json:"timezone"`
	// Language is the BCP 47 code of the language the brand posts in, e.g. nb.
	Language string `json:"language,omitempty"`
	// Description is a short Markdown summary of the brand.
	Description string `json:"description,omitempty"`
	// Website is the brand's home page.
	Website string `json:"website,omitempty"`
}

// Personality is the brand as a person: head and heart, the person, and how
// it shows.
type Personality struct {
	// Vision is why the brand does what it does.
	Vision string `json:"vision,omitempty"`
	// Values are what the brand stands for.
	Values []string `json:"values,omitempty"`
	// Beliefs are the convictions behind the brand's choices.
	Beliefs []string `json:"beliefs,omitempty"`
	// Person describes the brand as if it were a person.
	Person *Person `json:"person,omitempty"`
	// LookAndFeel is what people meet first: visual style, imagery, colours.
	LookAndFeel string `json:"look_and_feel,omitempty"`
	// Voice is how the brand speaks.
	Voice *Voice `json:"voice,omitempty"`
}

// Person describes the brand as a human being.
type Person struct {
	// Profession is what the brand would do for a living.
	Profession string `json:"profession,omitempty"`
	// Age is how old the brand would be, in words or a number.
	Age string `json:"age,omitempty"`
	// Gender is the brand's gender as a person, if it has one.
	Gender string `json:"gender,omitempty"`
	// Attitude is the brand's attitude to life.
	Attitude string `json:"attitude,omitempty"`
	// Hobbies are what the brand would do in its spare time.
	Hobbies []string `json:"hobbies,omitempty"`
}

// Voice is the brand's voice guide.
type Voice struct {
	// Tone is the emotional register, e.g. warm, confident.
	Tone string `json:"tone,omitempty"`
	// Character is the voice's personality, e.g. a helpful friend.
	Character string `json:"character,omitempty"`
	// Language is word choice and grammar conventions.
	Language string `json:"language,omitempty"`
	// Purpose is what the voice is trying to achieve.
	Purpose string `json:"purpose,omitempty"`
	// WordsToUse are words and phrases that sound like the brand.
	WordsToUse []string `json:"words_to_use,omitempty"`
	// WordsToAvoid are words and phrases the brand never uses.
	WordsToAvoid []string `json:"words_to_avoid,omitempty"`
	// AvoidHints say, for some of WordsToAvoid (keyed by the word as
	// written there), why the brand avoids it or what to write instead; a
	// draft that uses the word gets the hint.
	AvoidHints map[string]string `json:"avoid_hints,omitempty"`
	// Do are short behaviours to follow.
	Do []string `json:"do,omitempty"`
	// Dont are short behaviours to avoid.
	Dont []string `json:"dont,omitempty"`
}

// Persona is one audience segment.
type Persona struct {
	// ID is the persona's unique identifier, referenced by channels.
	ID string `json:"id"`
	// Name is a human name for the persona, e.g. "Ingrid, 29, city professional".
	Name string `json:"name"`
	// Summary is who the persona is, in Markdown.
	Summary string `json:"summary,omitempty"`
	// Demographics are the facts beyond which the persona must go.
	Demographics *Demographics `json:"demographics,omitempty"`
	// Interests are what the persona likes.
	Interests []string `json:"interests,omitempty"`
	// PainPoints are the persona's problems.
	PainPoints []string `json:"pain_points,omitempty"`
	// HowWeHelp is how the product eases the pain points or inspires.
	HowWeHelp string `json:"how_we_help,omitempty"`
	// Motivations are why the persona likes, shares and buys.
	Motivations *Motivations `json:"motivations,omitempty"`
	// Hangouts are where the persona spends time, online and offline.
	Hangouts []string `json:"hangouts,omitempty"`
	// Networks are the platforms the persona uses and shares on.
	Networks []string `json:"networks,omitempty"`
	// Competitors is how competitors engage this persona.
	Competitors string `json:"competitors,omitempty"`
	// LastReviewed is when the persona was last checked against reality.
	LastReviewed Date `json:"last_reviewed,omitempty"`
}

// Demographics are a persona's basic facts.
type Demographics struct {
	// Age is an age or range, e.g. "25-34".
	Age string `json:"age,omitempty"`
	// Gender is the persona's gender, if it matters.
	Gender string `json:"gender,omitempty"`
	// Location is where the persona lives.
	Location string `json:"location,omitempty"`
	// Occupation is what the persona does.
	Occupation string `json:"occupation,omitempty"`
	// Income is the persona's income bracket.
	Income string `json:"income,omitempty"`
	// Education is the persona's education.
	Education string `json:"education,omitempty"`
}

// Motivations are why a persona likes, shares and buys.
type Motivations struct {
	// Like is why the persona likes content.
	Like string `json:"like,omitempty"`
	// Share is why the persona shares content.
	Share string `json:"share,omitempty"`
	// Buy is why the persona buys.
	Buy string `json:"buy,omitempty"`
}

// Channel is one network account in the ecosystem.
type Channel struct {
	// ID is the channel's unique identifier, used in post history.
	ID string `json:"id"`
	// Platform is the network, e.g. instagram, linkedin.
	Platform string `json:"platform"`
	// Handle is the account's @handle or page name.
	Handle string `json:"handle,omitempty"`
	// Role is what this channel does in the strategy.
	Role string `json:"role,omitempty"`
	// Owner is who runs the channel.
	Owner string `json:"owner,omitempty"`
	// Personas lists the ids of the personas this channel serves.
	Personas []string `json:"personas,omitempty"`
	// Formats are the content formats used, e.g. reels, carousel.
	Formats []string `json:"formats,omitempty"`
	// Timezone overrides the brand's timezone for this channel's cadence.
	Timezone string `json:"timezone,omitempty"`
	// Active is the period the channel posts in: launched on its From,
	// retired after its To; nil means always. A pause is a blackout.
	Active *ActivePeriod `json:"active,omitempty"`
	// Cadence is how often and when the channel posts: one cadence, or
	// several (weekdays at 08:00 and weekends at 11:00), each with its
	// own minimum.
	Cadence Cadences `json:"cadence,omitempty"`
	// Pillars overrides the strategy's pillar weights on this channel,
	// keyed by pillar id; the weights sum to 100.
	Pillars map[string]float64 `json:"pillars,omitempty"`
	// ResponseSLA is how fast mentions on this channel are answered.
	ResponseSLA Duration `json:"response_sla,omitempty"`
	// Limits overrides what the channel's network allows in one post
	// (package platform holds the networks' own limits); nil keeps them.
	Limits *PostLimits `json:"limits,omitempty"`
}

// PostLimits overrides a channel's post limits, for when a network
// changes them or a channel keeps tighter ones. A key left out keeps the
// network's limit. (Limits, in tree.go, are the loader's budgets.)
type PostLimits struct {
	// MaxChars is the longest text, in Counting's unit.
	MaxChars *int `json:"max_chars,omitempty"`
	// Counting is how the text is measured: chars, graphemes, weighted,
	// utf16, bytes or emoji-bytes.
	Counting string `json:"counting,omitempty"`
	// MaxHashtags is the most hashtags a post may carry.
	MaxHashtags *int `json:"max_hashtags,omitempty"`
	// MaxMentions is the most @mentions a post may carry.
	MaxMentions *int `json:"max_mentions,omitempty"`
	// MaxLinks is the most distinct links a post may carry.
	MaxLinks *int `json:"max_links,omitempty"`
	// Links says whether the channel takes links at all; false refuses
	// any, true takes them without the network's warnings.
	Links *bool `json:"links,omitempty"`
}

// Cadences are a channel's posting rhythms, written as one cadence (a
// mapping) or a list of them. Two cadences of a channel never post at the
// same time (validation refuses it), so the channel's posts are the
// cadences' posts side by side.
type Cadences []Cadence

// MaxCadences is the most cadences one channel may have.
const MaxCadences = 16

// MinPerWeek returns the channel's weekly minimum: the sum of its
// cadences' minimums.
func (cs Cadences) MinPerWeek() int {
	n := 0
	for _, c := range cs {
		n += c.MinPerWeek
	}
	return n
}

// Cadence is a channel's posting rhythm: days and times, or a raw RRULE.
type Cadence struct {
	// MinPerWeek is the minimum number of posts a week; 0 holds no week
	// to a minimum (for a rhythm that skips weeks).
	MinPerWeek int `json:"min_per_week"`
	// Days are the weekdays to post on: mon, tue, wed, thu, fri, sat, sun.
	Days []string `json:"days,omitempty"`
	// Times are the local posting times, HH:MM.
	Times []string `json:"times,omitempty"`
	// RRule is an RFC 5545 recurrence rule used instead of days and times.
	RRule string `json:"rrule,omitempty"`
	// Start is the first day of the cadence: no post comes before it, and
	// an RRULE counts its recurrences (its phase, its COUNT) from it.
	Start Date `json:"start,omitempty"`
}

// ActivePeriod is when a channel posts; either end may be open.
type ActivePeriod struct {
	// From is the first day the channel posts.
	From Date `json:"from,omitempty"`
	// To is the last day the channel posts (inclusive).
	To Date `json:"to,omitempty"`
}

// Pillar is one content area.
type Pillar struct {
	// ID is the pillar's unique identifier.
	ID string `json:"id"`
	// Name is the pillar's display name.
	Name string `json:"name"`
	// Weight is the pillar's share of posts in percent; weights sum to 100.
	Weight float64 `json:"weight"`
	// Description says what the pillar covers, in Markdown.
	Description string `json:"description,omitempty"`
	// Topics are example topics within the pillar.
	Topics []string `json:"topics,omitempty"`
	// Hashtags classify posts into this pillar.
	Hashtags []string `json:"hashtags,omitempty"`
	// Keywords classify posts into this pillar.
	Keywords []string `json:"keywords,omitempty"`
	// Examples are example posts keyed by channel id, in Markdown.
	Examples map[string]string `json:"examples,omitempty"`
}

// Tactic is a recurring or one-off play.
type Tactic struct {
	// ID is the tactic's unique identifier.
	ID string `json:"id"`
	// Name is the tactic's display name.
	Name string `json:"name"`
	// Goal is what the tactic is for: awareness, engagement, traffic,
	// conversions, community or loyalty.
	Goal string `json:"goal"`
	// Description is the mechanics, in Markdown.
	Description string `json:"description,omitempty"`
	// Pillar is the id of the pillar the tactic's posts count toward.
	Pillar string `json:"pillar"`
	// Channels lists the ids of the channels the tactic runs on.
	Channels []string `json:"channels"`
	// Schedule is when the tactic happens.
	Schedule Schedule `json:"schedule"`
	// KPIs are the tactic's own measures of success.
	KPIs []TacticKPI `json:"kpis,omitempty"`
	// Example is an example post for the tactic, in Markdown.
	Example string `json:"example,omitempty"`
}

// Schedule is when a tactic happens: an RRULE, or a single date.
type Schedule struct {
	// RRule is an RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1FR.
	RRule string `json:"rrule,omitempty"`
	// Date is the date of a one-off tactic.
	Date Date `json:"date,omitempty"`
	// Time is the local time of the tactic's post, HH:MM.
	Time string `json:"time"`
	// Start is when a recurring tactic starts; the default is the plan's start.
	Start Date `json:"start,omitempty"`
	// Until is when a recurring tactic ends (inclusive).
	Until Date `json:"until,omitempty"`
}

// TacticKPI is one measure of a tactic's success.
type TacticKPI struct {
	// Metric is what is measured, e.g. entries, comments, clicks.
	Metric string `json:"metric"`
	// Target is the number to reach per occurrence.
	Target float64 `json:"target"`
}

// Influencer is an account the brand works with or hopes to.
type Influencer struct {
	// Handle is the influencer's @handle.
	Handle string `json:"handle"`
	// Name is the person's or account's name.
	Name string `json:"name,omitempty"`
	// Platform is the network the handle is on.
	Platform string `json:"platform"`
	// Followers is the audience size.
	Followers int64 `json:"followers,omitempty"`
	// FollowsUs is whether the influencer follows the brand.
	FollowsUs bool `json:"follows_us,omitempty"`
	// EngagesWithUs is whether the influencer interacts with the brand.
	EngagesWithUs bool `json:"engages_with_us,omitempty"`
	// Status is prospect, engaged or partner.
	Status string `json:"status"`
	// Relationship is organic or paid.
	Relationship string `json:"relationship,omitempty"`
	// Niche is what the influencer leads in: a topic, an industry, a hashtag.
	Niche string `json:"niche,omitempty"`
	// Pillars lists the ids of the pillars the influencer fits.
	Pillars []string `json:"pillars,omitempty"`
	// MaxMentionsPerMonth caps how often the brand mentions the influencer.
	MaxMentionsPerMonth int `json:"max_mentions_per_month,omitempty"`
	// Contract is the period of a paid partnership.
	Contract *Period `json:"contract,omitempty"`
	// Notes are free text about the relationship.
	Notes string `json:"notes,omitempty"`
}

// Period is a date range, from and to inclusive.
type Period struct {
	// From is the first day.
	From Date `json:"from"`
	// To is the last day.
	To Date `json:"to"`
}

// Community holds what to monitor and how to respond.
type Community struct {
	// Hashtags are hashtags to monitor, including the branded one.
	Hashtags []string `json:"hashtags,omitempty"`
	// Keywords are the brand name, its variants and common misspellings.
	Keywords []string `json:"keywords,omitempty"`
	// DefaultSLA is the response time for a mention type with no SLA of
	// its own on a channel with none.
	DefaultSLA Duration `json:"default_sla,omitempty"`
	// BusinessHours, when set, make SLAs count business time only.
	BusinessHours *BusinessHours `json:"business_hours,omitempty"`
	// DisclosureTags mark paid posts, e.g. #ad, #annonse.
	DisclosureTags []string `json:"disclosure_tags,omitempty"`
	// Responses are the response rules per mention type.
	Responses []ResponseRule `json:"responses,omitempty"`
}

// BusinessHours are when the team answers.
type BusinessHours struct {
	// Timezone is the IANA zone of the hours; the default is the brand's.
	Timezone string `json:"timezone,omitempty"`
	// Days are the working weekdays.
	Days []string `json:"days"`
	// Start is the local opening time, HH:MM.
	Start string `json:"start"`
	// End is the local closing time, HH:MM.
	End string `json:"end"`
	// Holidays are days off.
	Holidays []Date `json:"holidays,omitempty"`
}

// ResponseRule says how to answer one type of mention.
type ResponseRule struct {
	// Type is the mention type: ugc, feedback, complaint, help, press,
	// question or other.
	Type string `json:"type"`
	// SLA is the response time for this type.
	SLA Duration `json:"sla,omitempty"`
	// MoveToPrivate is whether to move the conversation to private messages.
	MoveToPrivate bool `json:"move_to_private,omitempty"`
	// Owner is who answers.
	Owner string `json:"owner,omitempty"`
	// Escalation is who takes over when the owner cannot resolve it.
	Escalation string `json:"escalation,omitempty"`
	// Guideline is how to answer, in Markdown.
	Guideline string `json:"guideline,omitempty"`
}

// Calendar holds dates that change the plan.
type Calendar struct {
	// Blackouts are dates with no posts.
	Blackouts []Blackout `json:"blackouts,omitempty"`
	// Campaigns are periods that add slots or re-weight pillars.
	Campaigns []Campaign `json:"campaigns,omitempty"`
}

// Blackout is a day or a range of days with no posts.
type Blackout struct {
	// Date is a single blackout day.
	Date Date `json:"date,omitempty"`
	// From is the first day of a blackout range.
	From Date `json:"from,omitempty"`
	// To is the last day of a blackout range (inclusive).
	To Date `json:"to,omitempty"`
	// Reason says why.
	Reason string `json:"reason,omitempty"`
	// Channels limits the blackout to these channel ids; empty means all.
	Channels []string `json:"channels,omitempty"`
}

// Campaign is a period with extra posts or a different pillar mix.
type Campaign struct {
	// ID is the campaign's unique identifier.
	ID string `json:"id"`
	// Name is the campaign's display name.
	Name string `json:"name"`
	// From is the first day.
	From Date `json:"from"`
	// To is the last day (inclusive).
	To Date `json:"to"`
	// Channels limits the campaign to these channel ids; empty means all.
	Channels []string `json:"channels,omitempty"`
	// Pillars re-weights the pillars during the campaign, keyed by id.
	Pillars map[string]float64 `json:"pillars,omitempty"`
	// Extra adds posting slots during the campaign.
	Extra *Cadence `json:"extra,omitempty"`
	// Description says what the campaign is, in Markdown.
	Description string `json:"description,omitempty"`
}

// KPIs are the targets the audit checks.
type KPIs struct {
	// EngagementRate is the engagement-rate target and its definition.
	EngagementRate *EngagementKPI `json:"engagement_rate,omitempty"`
	// ResponseWithinSLA is the percentage of mentions to answer within SLA.
	ResponseWithinSLA *Target `json:"response_within_sla,omitempty"`
	// CadenceAdherence is the percentage of weeks that keep the cadence.
	CadenceAdherence *Target `json:"cadence_adherence,omitempty"`
	// PillarTolerance is how many percentage points the pillar mix may
	// stray from its weights.
	PillarTolerance *Target `json:"pillar_tolerance,omitempty"`
	// ReachPerWeek is the weekly reach goal across channels.
	ReachPerWeek *Target `json:"reach_per_week,omitempty"`
	// FollowerGrowth is the growth in followers over the audited period
	// across channels, in percent (negative to cap an expected loss).
	FollowerGrowth *Target `json:"follower_growth,omitempty"`
	// ClicksPerWeek is the weekly link-click goal across channels.
	ClicksPerWeek *Target `json:"clicks_per_week,omitempty"`
	// NegativeShare is the most negative mentions may make up of those
	// with a known sentiment, in percent: a ceiling, met at or below it.
	NegativeShare *Target `json:"negative_share,omitempty"`
}

// Target is a single number to reach.
type Target struct {
	// Target is the number, a percentage where the KPI is one.
	Target float64 `json:"target"`
}

// EngagementKPI is the engagement-rate target and how the rate is computed.
type EngagementKPI struct {
	// Target is the engagement rate to reach, in percent.
	Target float64 `json:"target"`
	// Denominator is reach, impressions or followers.
	Denominator string `json:"denominator"`
	// Aggregation is ratio_of_sums or mean_of_posts.
	Aggregation string `json:"aggregation"`
	// Interactions are the interactions that count; the default is likes,
	// comments, shares, saves and clicks.
	Interactions []string `json:"interactions,omitempty"`
}

// Competitor is an account worth watching.
type Competitor struct {
	// Name is the competitor's name.
	Name string `json:"name"`
	// Handles are the competitor's accounts keyed by platform.
	Handles map[string]string `json:"handles,omitempty"`
	// Notes say what to learn from them.
	Notes string `json:"notes,omitempty"`
}

// Links is the strategy's convention for the links its posts carry.
type Links struct {
	// UTM is the UTM parameters links to the brand's own site carry, so
	// that web analytics attribute the visits to the post.
	UTM *UTM `json:"utm,omitempty"`
}

// UTM is a UTM-parameter convention. Each parameter is empty (not
// checked), "required" (present with any value), or the value to carry,
// which may hold the placeholders {platform}, {channel}, {campaign},
// {pillar} and {tactic}, filled in from the post.
type UTM struct {
	// Domains are the sites whose links must carry the parameters, each
	// with its subdomains; the default is the host of brand.website, or
	// every link when the brand has no website.
	Domains []string `json:"domains,omitempty"`
	// Source is the utm_source parameter, usually {platform}.
	Source string `json:"source,omitempty"`
	// Medium is the utm_medium parameter, e.g. social.
	Medium string `json:"medium,omitempty"`
	// Campaign is the utm_campaign parameter, e.g. {campaign} or required.
	Campaign string `json:"campaign,omitempty"`
	// Term is the utm_term parameter.
	Term string `json:"term,omitempty"`
	// Content is the utm_content parameter.
	Content string `json:"content,omitempty"`
}

// Drafts says how drafted posts are checked.
type Drafts struct {
	// ApproveWithin is how long before its time a draft must be approved;
	// zero means the default (3 days).
	ApproveWithin Duration `json:"approve_within,omitempty"`
	// Files lists the team's drafts: files or glob patterns relative to
	// the strategy's folder, slash-separated; a folder stands for its
	// Markdown posts. pillar drafts checks them when given no drafts, and
	// pillar github checks those a pull request changes.
	Files []string `json:"files,omitempty"`
	// Mapping is the column mapping the drafts sheets among Files are read
	// with: a preset name or a mapping file relative to the strategy's
	// folder.
	Mapping string `json:"mapping,omitempty"`
}
