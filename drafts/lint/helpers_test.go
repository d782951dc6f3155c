package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/drafts"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

// now is the pinned clock of every test: Monday 2027-01-04 09:00 in Oslo.
var (
	oslo = mustZone("Europe/Oslo")
	now  = time.Date(2027, 1, 4, 9, 0, 0, 0, oslo)
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func date(s string) strategy.Date {
	d, err := strategy.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testStrategy is a small strategy with every key the rules read. The
// networks' limits are switched off, so each rule's tests see only that
// rule; limits_test.go tests them.
func testStrategy() *strategy.Strategy {
	return &strategy.Strategy{
		Version: 1,
		Rules: map[string]string{"draft-too-long": "off", "draft-too-many": "off",
			"draft-link-not-clickable": "off", "draft-platform-forbids": "off"},
		Brand: strategy.Brand{Name: "Nordlys", Timezone: "Europe/Oslo", Website: "https://www.nordlys.no"},
		Personality: &strategy.Personality{Voice: &strategy.Voice{
			WordsToUse:   []string{"out there", "made to last"},
			WordsToAvoid: []string{"cheap", "billig", "må-ha", "perfekt kropp", "bare i dag!", "game", "game changer", "24/7", "φθηνό", "κακος", "便宜", "🔥", "straße"},
			AvoidHints:   map[string]string{"Cheap": "Say affordable: cheap sounds like it breaks."},
		}},
		Channels: []strategy.Channel{
			{ID: "instagram", Platform: "instagram"},
			{ID: "linkedin", Platform: "linkedin"},
		},
		Influencers: []strategy.Influencer{
			{Handle: "@anna.outside", Platform: "instagram", Status: "partner", Relationship: "paid", MaxMentionsPerMonth: 2,
				Contract: &strategy.Period{From: date("2027-01-01"), To: date("2027-03-31")}},
			{Handle: "fjelljenta", Platform: "instagram", Status: "engaged", Relationship: "organic", MaxMentionsPerMonth: 1},
			{Handle: "@evergreen", Platform: "instagram", Status: "partner", Relationship: "paid"},
		},
		Community: &strategy.Community{DisclosureTags: []string{"#annonse", "#Ad"}},
	}
}

// draft is an approved Instagram draft on row 2 of drafts.csv, its text
// in the cell at column 30, going out in ten days.
func draft(text string) *drafts.Draft {
	d := &drafts.Draft{File: "drafts.csv", Line: 2, ID: "d1", Channel: "instagram",
		At: now.AddDate(0, 0, 10), Text: text, Status: drafts.StatusApproved}
	d.Pos[drafts.FieldText] = drafts.Position{Line: 2, Column: 30}
	d.Pos[drafts.FieldStatus] = drafts.Position{Line: 2, Column: 90}
	d.Pos[drafts.FieldLink] = drafts.Position{Line: 2, Column: 60}
	d.Pos[drafts.FieldPartners] = drafts.Position{Line: 2, Column: 100}
	d.Pos[drafts.FieldMedia] = drafts.Position{Line: 2, Column: 70}
	d.Pos[drafts.FieldAlt] = drafts.Position{Line: 2, Column: 80}
	return d
}

// run checks the drafts in order, then finishes, and returns every
// finding.
func run(l *Linter, ds ...*drafts.Draft) []schema.Diagnostic {
	var out []schema.Diagnostic
	emit := func(d schema.Diagnostic) { out = append(out, d) }
	for _, d := range ds {
		l.Check(d, emit)
	}
	l.Finish(emit)
	return out
}

// brief writes findings as "line:col+len rule" for table tests.
func brief(ds []schema.Diagnostic) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%d:%d+%d %s", d.Line, d.Column, d.Length, d.Rule))
	}
	return strings.Join(parts, "; ")
}

// only keeps the findings of one rule.
func only(ds []schema.Diagnostic, rule string) []schema.Diagnostic {
	var out []schema.Diagnostic
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

func TestRulesCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if !strings.HasPrefix(r.ID, "draft-") || seen[r.ID] || r.Summary == "" || r.Help == "" {
			t.Errorf("rule %+v: want a unique draft- id, a summary and help", r)
		}
		for _, v := range schema.Rules() {
			if v.ID == r.ID {
				t.Errorf("rule %s has the id of a validate rule", r.ID)
			}
		}
		if got, ok := schema.LookupRule(r.ID); !ok || got != r {
			t.Errorf("rule %s is not registered with validation", r.ID)
		}
		seen[r.ID] = true
	}
	if len(seen) != int(numRules) {
		t.Errorf("%d rules, want %d", len(seen), numRules)
	}
}

// f0 is an empty list of findings to append one to.
func f0() []schema.Diagnostic { return nil }
