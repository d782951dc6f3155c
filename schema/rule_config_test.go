package schema

import (
	"path/filepath"
	"testing"
)

var configCases = []ruleCase{
	// The valid fixture is the baseline: no rule finds anything in it.
	{name: "valid"},
	{name: "rules-map", rules: []string{"cadence-unreachable", "channel-no-owner", "pillar-no-example", "rules-unknown"}},
	{name: "ignore", rules: []string{"persona-stale", "unknown-reference"}},
	// Findings in included and extended files point into those files.
	{name: "include-extends", path: filepath.Join("testdata", "rules", "include-extends", "bakery"),
		rules: []string{"duplicate-id", "persona-network-no-channel", "persona-stale", "pillar-weights-sum"}},
}

func TestRuleConfig(t *testing.T) { runRuleCases(t, configCases) }

// A config file's rules (Options.Rules) re-grade rules too, and the
// strategy's own rules map wins over them.
func TestOptionsRules(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		rules   map[string]string
		rule    string
		want    Severity
		count   int
	}{
		{"persona-stale", map[string]string{"persona-stale": "info"}, "persona-stale", Info, 3},
		{"persona-stale", map[string]string{"persona-stale": "off"}, "persona-stale", Off, 0},
		{"rules-map", map[string]string{"channel-no-owner": "off"}, "channel-no-owner", Error, 1},
		// Structural rules cannot be switched off from a config file either.
		{"unknown-reference", map[string]string{"unknown-reference": "off"}, "unknown-reference", Error, 10},
	} {
		res, err := ValidateFile(filepath.Join("testdata", "rules", tc.fixture+".yaml"), Options{Now: ruleNow, Rules: tc.rules})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Rule != tc.rule {
				continue
			}
			n++
			if d.Severity != tc.want {
				t.Errorf("%s with %v: %s", tc.fixture, tc.rules, d)
			}
		}
		if n != tc.count {
			t.Errorf("%s with %v: %d %s findings, want %d", tc.fixture, tc.rules, n, tc.rule, tc.count)
		}
	}
}
