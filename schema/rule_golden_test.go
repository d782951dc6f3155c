package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/strategy"
)

// ruleNow is the day the rule fixtures are validated on, so that staleness
// and expiry give the same answer every day the tests run.
var ruleNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// ruleCase is one fixture under testdata/rules: a strategy, the golden file
// beside it listing its diagnostics one per line, and the rule ids those
// diagnostics come from. Listing the ids keeps a fixture honest: an
// -update that silently loses the finding a fixture exists for fails here.
type ruleCase struct {
	// name is the fixture's name: testdata/rules/<name>.yaml (or path)
	// with its diagnostics in testdata/rules/<name>.out.
	name string
	// path overrides where the strategy is, for multi-file fixtures.
	path string
	// rules are the distinct rule ids the fixture must report, no more and
	// no fewer; empty means no diagnostics at all.
	rules []string
}

func (rc ruleCase) strategyPath() string {
	if rc.path != "" {
		return rc.path
	}
	return filepath.Join("testdata", "rules", rc.name+".yaml")
}

// runRuleCases validates each fixture and compares its diagnostics with the
// golden file (go test ./schema/ -update rewrites them).
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, rc := range cases {
		t.Run(rc.name, func(t *testing.T) {
			res, err := ValidateFile(rc.strategyPath(), Options{Now: ruleNow})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			seen := map[string]bool{}
			for _, d := range res.Diagnostics {
				d.File = filepath.ToSlash(d.File)
				b.WriteString(d.String() + "\n")
				seen[d.Rule] = true
				if d.Message == "" || d.Hint == "" {
					t.Errorf("%s: every diagnostic needs a message and a hint", d)
				}
			}
			checkGolden(t, filepath.Join("testdata", "rules", rc.name+".out"), []byte(b.String()))

			got := sortedKeys(seen)
			want := append([]string(nil), rc.rules...)
			sort.Strings(want)
			if len(got) == 0 && len(want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rules reported = %v, want %v", got, want)
			}
		})
	}
}

// allRuleCases gathers the tables of every rule_*_test.go file.
func allRuleCases() []ruleCase {
	var all []ruleCase
	for _, cs := range [][]ruleCase{versionCases, idCases, weightCases, refCases, timeCases, cadenceCases,
		dateCases, audienceCases, channelCases, exampleCases, influencerCases, configCases, budgetCases, hashtagCases, tacticKPICases} {
		all = append(all, cs...)
	}
	return all
}

// TestRuleFixturesHaveCases keeps testdata/rules and the tables in step: a
// fixture no table runs would never be checked.
func TestRuleFixturesHaveCases(t *testing.T) {
	named := map[string]bool{}
	for _, rc := range allRuleCases() {
		if named[rc.name] {
			t.Errorf("fixture %q is in two tables", rc.name)
		}
		named[rc.name] = true
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".yaml"), ".out")
		if !named[name] {
			t.Errorf("testdata/rules/%s is not run by any rule test table", e.Name())
		}
	}
}

// TestEverySemanticRuleHasAFixture makes sure each rule the checker can
// report is triggered by at least one fixture.
func TestEverySemanticRuleHasAFixture(t *testing.T) {
	covered := map[string]bool{}
	for _, rc := range allRuleCases() {
		for _, r := range rc.rules {
			covered[r] = true
		}
	}
	for _, id := range []string{
		"blackout-shape", "cadence-shape", "cadence-unreachable", "channel-no-owner", "channel-no-role",
		"channel-no-sla", "date-out-of-range", "disclosure-tags-missing", "duplicate-id", "hashtag-no-hash",
		"influencer-contract-expired", "influencer-mention-spam", "missing-key", "period-order",
		"persona-network-no-channel", "persona-stale", "persona-unserved", "pillar-no-example",
		"pillar-weights-sum", "rrule-invalid", "rules-unknown", "schedule-shape", "tactic-kpi-metric", "time-invalid",
		"timezone-invalid", "unknown-reference", "version",
	} {
		if _, ok := LookupRule(id); !ok {
			t.Errorf("rule %q is not in the catalogue", id)
		}
		if !covered[id] {
			t.Errorf("no fixture under testdata/rules triggers %q", id)
		}
	}
}

// check runs the semantic rules alone on a strategy built in code, for
// values the JSON Schema would stop before the rules see them. Such a
// strategy has no source, so the diagnostics have no positions.
func check(s *strategy.Strategy, now time.Time) []Diagnostic {
	c := &checker{s: s, src: s.Source, now: now}
	for _, f := range checks {
		f(c)
	}
	return c.out
}

// messages returns the messages of the diagnostics of one rule.
func messages(ds []Diagnostic, rule string) []string {
	var out []string
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d.Message)
		}
	}
	return out
}

// cleanStrategy is a small strategy built in code that every rule accepts;
// unit tests change one thing in it.
func cleanStrategy() *strategy.Strategy {
	return &strategy.Strategy{
		Version: 1,
		Brand:   strategy.Brand{Name: "Test", Timezone: "Europe/Oslo"},
		Personas: []strategy.Persona{{ID: "ingrid", Name: "Ingrid",
			LastReviewed: strategy.Date{Year: 2026, Month: 9, Day: 1}}},
		Channels: []strategy.Channel{{ID: "instagram", Platform: "instagram", Role: "Inspiration", Owner: "Sofie",
			Personas: []string{"ingrid"}, ResponseSLA: strategy.Duration(4 * time.Hour),
			Cadence: strategy.Cadences{{MinPerWeek: 3, Days: []string{"mon", "wed", "fri"}, Times: []string{"09:00"}}}}},
		Pillars: []strategy.Pillar{{ID: "brand", Name: "Brand", Weight: 100,
			Examples: map[string]string{"instagram": "Hello"}}},
	}
}

func TestCleanStrategyIsClean(t *testing.T) {
	for _, d := range check(cleanStrategy(), ruleNow) {
		t.Errorf("%s", d)
	}
}
