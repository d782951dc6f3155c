package schema

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

var tacticKPICases = []ruleCase{
	{name: "tactic-kpi-metric", rules: []string{"tactic-kpi-metric"}},
}

func TestRuleTacticKPIs(t *testing.T) { runRuleCases(t, tacticKPICases) }

func TestNearMeasuredMetric(t *testing.T) {
	for in, want := range map[string]string{
		"comment": "comments", "Comments": "comments", "engagement rate": "engagement_rate", "engagement-rate": "engagement_rate",
		"like": "likes", "clics": "clicks", "impression": "impressions", "share": "shares",
		"entries": "", "story_replies": "", "new_followers": "", "questions": "", "event_signups": "", "hashtag_posts": "",
	} {
		if got := nearMeasuredMetric(in); got != want {
			t.Errorf("nearMeasuredMetric(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTacticKPIMetricDescription: the schema's description of a tactic
// KPI's metric, which pillar validate and editors show, names every metric
// the audit measures from the history.
func TestTacticKPIMetricDescription(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Description string `json:"description"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	b, err := os.ReadFile("strategy.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	desc := doc.Defs["tactic_kpi"].Properties["metric"].Description
	if desc == "" {
		t.Fatal("no description for tactic_kpi.metric")
	}
	for _, m := range strategy.MeasuredTacticMetrics {
		if !strings.Contains(desc, m) {
			t.Errorf("the description of a tactic KPI's metric does not name %s: %q", m, desc)
		}
	}
}
