package schema

import "testing"

var dateCases = []ruleCase{
	{name: "date-out-of-range", rules: []string{"date-out-of-range"}},
	{name: "period-order", rules: []string{"period-order"}},
	{name: "blackout-shape", rules: []string{"blackout-shape"}},
	{name: "campaign-overlap", rules: []string{"campaign-overlap"}},
}

func TestRuleDates(t *testing.T) { runRuleCases(t, dateCases) }
