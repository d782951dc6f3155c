package schema

import "testing"

var exampleCases = []ruleCase{
	{name: "pillar-no-example", rules: []string{"pillar-no-example"}},
}

func TestRuleExamples(t *testing.T) { runRuleCases(t, exampleCases) }
