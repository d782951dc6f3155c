package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
)

func TestSummaryText(t *testing.T) {
	sum := planner.Summary{
		Brand: "B\nrand",
		Channels: []planner.ChannelSummary{{
			Channel: "ig", Platform: "instagram", Posts: 10, Unassigned: 1,
			Pillars: []planner.PillarMix{
				{Pillar: "a", Name: "Ålesund stories", Posts: 6, Achieved: 60, Target: 60},
				{Pillar: "b", Name: "B", Posts: 3, Achieved: 30, Target: 40},
				{Pillar: "c", Name: "Unused", Posts: 0, Achieved: 0, Target: 0},
			},
			Tactics: []planner.TacticCount{{Tactic: "t", Name: "Giveaway", Occurrences: 2}},
		}},
		Total:    planner.ChannelSummary{Posts: 10},
		Warnings: 1,
	}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, sum); err != nil {
		t.Fatal(err)
	}
	want := `B rand: 10 posts from  to  on 1 channel

Instagram (ig): 10 posts
  pillar           posts  achieved  target
  Ålesund stories      6     60.0%   60.0%
  B                    3     30.0%   40.0%
  1 post with no pillar
  tactics: Giveaway ×2

1 warning: see the plan's warnings.
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(buf.String(), "Unused") {
		t.Error("a pillar the channel does not use is listed")
	}
}
