package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/planner/plantest"
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

// TestSummaryCountsWhatItLists: the headline counts the channels it goes
// on to list, those with posts; the others are named on one line, and
// counts agree with their nouns.
func TestSummaryCountsWhatItLists(t *testing.T) {
	mixOf := func(posts int) []planner.PillarMix {
		return []planner.PillarMix{{Pillar: "a", Name: "A", Posts: posts, Achieved: 100, Target: 100}}
	}
	sum := planner.Summary{
		Brand: "B", From: plantest.Date(2027, 1, 1), To: plantest.Date(2027, 2, 1),
		Channels: []planner.ChannelSummary{
			{Channel: "instagram", Platform: "instagram", Posts: 0, Pillars: []planner.PillarMix{{Pillar: "a", Name: "A", Target: 100}}},
			{Channel: "tiktok", Platform: "tiktok", Posts: 1, Pillars: mixOf(1),
				Tactics: []planner.TacticCount{{Tactic: "qa", Name: "Q&A", Occurrences: 1}}},
			{Channel: "li", Platform: "linkedin"},
		},
		Total:    planner.ChannelSummary{Posts: 1, Pillars: mixOf(1)},
		Warnings: 2,
	}
	var buf bytes.Buffer
	if err := WriteSummary(&buf, sum); err != nil {
		t.Fatal(err)
	}
	want := `B: 1 post from 2027-01-01 to 2027-01-31 on 1 channel

TikTok: 1 post
  pillar  posts  achieved  target
  A           1    100.0%  100.0%
  tactics: Q&A ×1

No posts on Instagram, LinkedIn (li).

2 warnings: see the plan's warnings.
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
