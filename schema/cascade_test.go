package schema

import (
	"strings"
	"testing"
)

// cascadeBase is a strategy with no findings at all, for the cascade
// tests to put one mistake into.
const cascadeBase = `version: 1
brand: {name: X, timezone: Europe/Oslo}
personas:
  - {id: kari, name: Kari, last_reviewed: 2026-11-01, networks: [instagram]}
pillars:
  - id: brand
    name: Brand
    weight: 100
    examples: {instagram: A post.}
channels:
  - id: instagram
    platform: instagram
    owner: O
    role: R
    response_sla: 1h
    personas: [kari]
    cadence: {min_per_week: 1, days: [mon], times: ["09:00"]}
`

// TestOneMistakeOneFinding lists the findings that follow from another
// and checks that each mistake gives the one finding that names it, not
// its consequences as well.
func TestOneMistakeOneFinding(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to string
		want     string // the only rule reported
	}{
		// Without suppression: persona-unserved for kari.
		{"misspelt persona reference", "personas: [kari]", "personas: [karri]", "unknown-reference"},
		// Without suppression: pillar-no-example for instagram.
		{"example under a misspelt channel id", "examples: {instagram: A post.}", "examples: {instagarm: A post.}", "unknown-reference"},
		// missing-key for weight would follow.
		{"misspelt required key", "    weight: 100", "    weigth: 100", "unknown-key"},
		// cadence-unreachable would follow from a rule that does not parse.
		{"rrule that does not parse", `cadence: {min_per_week: 1, days: [mon], times: ["09:00"]}`, `cadence: {min_per_week: 1, rrule: "FREQ=WEEKLY;BYDAY=XX"}`, "rrule-invalid"},
		// cadence-unreachable would follow from a cadence of two shapes.
		{"cadence of two shapes", `cadence: {min_per_week: 1, days: [mon], times: ["09:00"]}`, `cadence: {min_per_week: 1, days: [mon], times: ["09:00"], rrule: "FREQ=DAILY;BYHOUR=9"}`, "cadence-shape"},
		// A structural error holds the semantic rules back.
		{"wrong platform", "platform: instagram", "platform: Instagram", "invalid-value"},
		{"unknown timezone", "timezone: Europe/Oslo", "timezone: Oslo", "timezone-invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(cascadeBase, tc.from) {
				t.Fatalf("the base has no %q", tc.from)
			}
			for _, src := range []string{cascadeBase, strings.Replace(cascadeBase, tc.from, tc.to, 1)} {
				res, _ := validateText(t, src)
				var rules []string
				for _, d := range res.Diagnostics {
					rules = append(rules, d.Rule+": "+d.Message)
				}
				want := 1
				if src == cascadeBase {
					want = 0
				}
				if len(rules) != want || (want == 1 && !strings.HasPrefix(rules[0], tc.want+":")) {
					t.Errorf("findings %q, want one %s", rules, tc.want)
				}
			}
		})
	}
}
