package audit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/strategy"
)

// TestCompareAgainstTruth audits March 2027 of the nordlys sample with
// --compare previous (February) and holds both periods' posts and link
// clicks to the generator's truth, which counts them per channel and ISO
// week: February 2027 is weeks W05–W08 and March W09–W13 (the truth's
// last week ends with the period, on 31 March).
func TestCompareAgainstTruth(t *testing.T) {
	dir := filepath.Join("..", "examples", "nordlys", "history")
	var truth synth.HistoryTruth
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	posts, err := os.ReadFile(filepath.Join(dir, "posts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	mentions, err := os.ReadFile(filepath.Join(dir, "mentions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s := loadExample(t, "nordlys")
	feb, mar := date(2027, 2, 1), date(2027, 3, 1)
	prev := PreviousPeriod(mar, date(2027, 4, 1))
	if prev.From != feb || prev.To != mar {
		t.Fatalf("previous period %s, want 2027-02-01..2027-03-01", prev)
	}
	r := auditCompare(t, s, mar, date(2027, 4, 1), &prev, posts, mentions)

	// Sum the truth's weeks by the month their Monday falls in.
	var postsIn, clicksIn [2]int64
	for _, ct := range truth.Channels {
		for _, w := range ct.Weeks {
			switch {
			case !w.Start.Before(feb) && w.Start.Before(mar):
				postsIn[0] += w.Posts
				clicksIn[0] += w.Clicks
			case !w.Start.Before(mar):
				postsIn[1] += w.Posts
				clicksIn[1] += w.Clicks
			}
		}
	}
	c := r.Compare
	if c.Posts.Data != "full" || c.Posts.Used != postsIn[0] || r.Posts.Used != postsIn[1] {
		t.Errorf("posts: %s, %d in February and %d in March; want full, %d and %d", c.Posts.Data, c.Posts.Used, r.Posts.Used, postsIn[0], postsIn[1])
	}
	if p := c.Posts; p.Used+p.OutsidePeriod+r.Posts.UnknownChannel+r.Posts.Rejected != r.Posts.Read {
		t.Errorf("the comparison's posts do not reconcile: %+v with %+v", p, r.Posts)
	}
	want := map[string][2]float64{
		"posts_published": {float64(postsIn[0]), float64(postsIn[1])},
		KPIClicks:         {float64(clicksIn[0]) / 4, float64(clicksIn[1]) / (31.0 / 7)},
	}
	for _, f := range c.Figures {
		w, ok := want[f.Key]
		if !ok {
			continue
		}
		delete(want, f.Key)
		near(t, f.Key+" in February", f.Previous, w[0])
		near(t, f.Key+" in March", f.Current, w[1])
	}
	if len(want) > 0 {
		t.Errorf("figures missing: %v", want)
	}
}

// TestCompareBeforeTheData audits January of a clean generated history
// (nothing dated outside its quarter) against December: the files have no
// row before 1 January, so December is "no data" for every figure, never
// zero.
func TestCompareBeforeTheData(t *testing.T) {
	s := loadExample(t, "nordlys")
	from, to := date(2027, 1, 1), date(2027, 4, 1)
	var posts, mentions bytes.Buffer
	if _, err := synth.History(s, synth.HistoryOptions{Seed: 3, From: from, To: to, MentionRate: 0.8}, &posts, &mentions); err != nil {
		t.Fatal(err)
	}
	prev := PreviousPeriod(from, date(2027, 2, 1))
	r := auditCompare(t, s, from, date(2027, 2, 1), &prev, posts.Bytes(), mentions.Bytes())
	c := r.Compare
	if c.From != date(2026, 12, 1) || c.Posts.Data != "none" || c.Mentions == nil || c.Mentions.Data != "none" || c.Posts.Used != 0 {
		t.Fatalf("December: %+v, mentions %+v; want no data", c.Posts, c.Mentions)
	}
	if c.Posts.First == nil || c.Posts.First.Before(from) {
		t.Errorf("the history starts on %v, want 2027-01-01 or later", c.Posts.First)
	}
	for _, f := range c.Figures {
		if !f.NoData || f.Previous != nil || f.Change != nil || f.Trend != "" {
			t.Errorf("%s: %+v, want no data", f.Key, f)
		}
		// Growth needs followers, and a tactic KPI the history cannot give
		// (or whose tactic has no occurrence in January) is not measured.
		if f.Current == nil && f.Key != KPIGrowth && !strings.HasPrefix(f.Key, "tactic:") {
			t.Errorf("%s: not measured in January", f.Key)
		}
	}
}

func auditCompare(t *testing.T, s *strategy.Strategy, from, to strategy.Date, cmp *Period, posts, mentions []byte) *Report {
	t.Helper()
	r, err := Run(s, Options{
		From:      from,
		To:        to,
		Tolerance: DefaultTolerance,
		Posts:     Input{Name: "posts.csv", R: bytes.NewReader(posts)},
		Mentions:  &Input{Name: "mentions.csv", R: bytes.NewReader(mentions)},
		Compare:   cmp,
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Compare == nil {
		t.Fatal("no comparison")
	}
	return r
}
