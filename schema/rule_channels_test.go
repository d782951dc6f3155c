package schema

import "testing"

var channelCases = []ruleCase{
	{name: "channel-warnings", rules: []string{"channel-no-owner", "channel-no-role", "channel-no-sla"}},
	{name: "channel-default-sla"},
}

func TestRuleChannels(t *testing.T) { runRuleCases(t, channelCases) }
