package schema

import (
	"testing"
)

var weightCases = []ruleCase{
	{name: "pillar-weights-sum", rules: []string{"pillar-weights-sum"}},
	{name: "pillar-weights-none", rules: []string{"pillar-weights-sum"}},
}

func TestRuleWeights(t *testing.T) { runRuleCases(t, weightCases) }

// The hint spells out the sum in the order the weights were written, so
// the strategist sees which number to change.
func TestPillarWeightsHint(t *testing.T) {
	res, err := ValidateFile("testdata/rules/pillar-weights-sum.yaml", Options{Now: ruleNow})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"/pillars":                      "brand 40 + fashion 30 + beauty 20 + wellness 9 = 99; add 1 to one of them.",
		"/channels/0/pillars":           "wellness 10 + brand 50 + fashion 45 = 105; take 5 from one of them.",
		"/calendar/campaigns/1/pillars": "fashion 60.5 + brand 39 = 99.5; add 0.5 to one of them.",
	}
	for _, d := range res.Diagnostics {
		if d.Rule != "pillar-weights-sum" {
			continue
		}
		if d.Hint != want[d.Path] {
			t.Errorf("%s: hint %q, want %q", d.Path, d.Hint, want[d.Path])
		}
		delete(want, d.Path)
	}
	for p := range want {
		t.Errorf("no pillar-weights-sum finding at %s", p)
	}
}

func TestPillarWeightsTolerance(t *testing.T) {
	s := cleanStrategy()
	s.Pillars[0].Weight = 33.3
	s.Pillars = append(s.Pillars,
		s.Pillars[0], s.Pillars[0])
	s.Pillars[1].ID, s.Pillars[2].ID = "fashion", "beauty"
	s.Pillars[2].Weight = 33.4
	if got := messages(check(s, ruleNow), "pillar-weights-sum"); len(got) != 0 {
		t.Errorf("33.3 + 33.3 + 33.4 reported: %q", got)
	}
	s.Pillars[2].Weight = 33.39
	if got := messages(check(s, ruleNow), "pillar-weights-sum"); len(got) != 1 || got[0] != "pillar weights add up to 99.99, not 100" {
		t.Errorf("33.3 + 33.3 + 33.39: %q", got)
	}
}
