// Package lint holds the drafts' content rules: the checks that look at
// one drafted post at a time against the strategy's voice, influencers,
// link convention and approval window (words to avoid, undisclosed paid
// partners, monthly mention caps, alt text, https and UTM parameters,
// approval), each a rule with an id, a default severity and a hint, as
// validate's are. The drafts engine streams drafts through Check and
// calls Finish once at the end; the rules keep no drafts, only counts
// bounded by the influencers and months.
package lint
