package schema

import "testing"

var hashtagCases = []ruleCase{
	{name: "hashtag-no-hash", rules: []string{"hashtag-no-hash"}},
}

func TestRuleHashtags(t *testing.T) { runRuleCases(t, hashtagCases) }
