package schema

import "testing"

var idCases = []ruleCase{
	{name: "duplicate-id", rules: []string{"duplicate-id"}},
}

func TestRuleIDs(t *testing.T) { runRuleCases(t, idCases) }

func TestNormHandle(t *testing.T) {
	for in, want := range map[string]string{
		"@StilMedSigrid": "stilmedsigrid",
		"stilmedsigrid":  "stilmedsigrid",
		" @Nordlys.Oslo": "nordlys.oslo",
		"@@double":       "@double",
	} {
		if got := normHandle(in); got != want {
			t.Errorf("normHandle(%q) = %q, want %q", in, got, want)
		}
	}
}
