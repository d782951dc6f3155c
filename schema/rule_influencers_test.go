package schema

import "testing"

var influencerCases = []ruleCase{
	{name: "influencer-mention-spam", rules: []string{"influencer-mention-spam"}},
	{name: "disclosure-tags-missing", rules: []string{"disclosure-tags-missing"}},
	{name: "influencer-contract-expired", rules: []string{"influencer-contract-expired"}},
}

func TestRuleInfluencers(t *testing.T) { runRuleCases(t, influencerCases) }
