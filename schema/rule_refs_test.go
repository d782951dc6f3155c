package schema

import (
	"strings"
	"testing"
)

var refCases = []ruleCase{
	{name: "unknown-reference", rules: []string{"unknown-reference"}},
}

func TestRuleReferences(t *testing.T) { runRuleCases(t, refCases) }

func TestUnknownReferenceHintListsIDs(t *testing.T) {
	s := cleanStrategy()
	s.Channels[0].Personas = []string{"ingird"}
	ds := check(s, ruleNow)
	for _, d := range ds {
		if d.Rule != "unknown-reference" {
			continue
		}
		if d.Message != `there is no persona with the id "ingird"; did you mean "ingrid"?` {
			t.Errorf("message %q", d.Message)
		}
		if !strings.Contains(d.Hint, "persona ids: ingrid.") {
			t.Errorf("hint %q does not list the persona ids", d.Hint)
		}
		return
	}
	t.Errorf("no unknown-reference finding in %v", ds)
}
