package schema

import (
	"reflect"
	"testing"
)

var versionCases = []ruleCase{
	{name: "version-missing", rules: []string{"missing-key", "version"}},
}

func TestRuleVersion(t *testing.T) { runRuleCases(t, versionCases) }

func TestVersionUnsupported(t *testing.T) {
	s := cleanStrategy()
	s.Version = 2
	got := messages(check(s, ruleNow), "version")
	want := []string{"version 2 is not supported"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages = %q, want %q", got, want)
	}
}
