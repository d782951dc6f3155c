package render

import (
	"bytes"
	"encoding/json"
	"github.com/pillar-strategy/pillar/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// loadExample reads one of the bundled example strategies.
func loadExample(t *testing.T, name string) *strategy.Strategy {
	t.Helper()
	s, err := strategy.Load(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func summary(t *testing.T, s *strategy.Strategy, from, to strategy.Date) planner.Summary {
	t.Helper()
	return plan(t, s, from, to).Summary()
}

func plan(t *testing.T, s *strategy.Strategy, from, to strategy.Date) *planner.Calendar {
	t.Helper()
	cal, err := planner.Plan(s, planner.Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// diffPairs are example strategies and a change to each, the kind a pull
// request makes.
var diffPairs = []struct {
	name    string
	example string
	change  func(s *strategy.Strategy)
}{
	{"nordlys-review", "nordlys", func(s *strategy.Strategy) {
		s.Pillars[0].Weight, s.Pillars[1].Weight = 35, 35
		s.Channels[0].Cadence[0].MinPerWeek = 4
		s.Channels[0].Cadence[0].Days = []string{"mon", "tue", "thu", "fri"}
		for i := range s.Influencers {
			if s.Influencers[i].Handle == "@turmedthea" {
				s.Influencers[i].Status = "partner"
				s.Influencers[i].Relationship = "paid"
			}
		}
		s.Community.Responses[2].SLA = strategy.Duration(2 * 60 * 60 * 1e9)
	}},
	{"fjord-bakery-cadences", "fjord-bakery", func(s *strategy.Strategy) {
		// The weekend rhythm moves to 10:00 and a Friday afternoon one
		// is added.
		s.Channels[0].Cadence[1].Times = []string{"10:00"}
		s.Channels[0].Cadence = append(s.Channels[0].Cadence, strategy.Cadence{MinPerWeek: 1, Days: []string{"fri"}, Times: []string{"16:00"}})
	}},
	{"cloudbase-channels", "cloudbase", func(s *strategy.Strategy) {
		s.Channels = append(s.Channels[:2], strategy.Channel{ID: "tiktok", Platform: "tiktok", Handle: "@cloudbase",
			Cadence: strategy.Cadences{{MinPerWeek: 2, Days: []string{"tue", "thu"}, Times: []string{"17:00"}}}})
		s.Tactics = s.Tactics[1:]
		for i := range s.Tactics {
			s.Tactics[i].Channels = []string{"linkedin"}
		}
	}},
}

func TestDiffGolden(t *testing.T) {
	from, to := strategy.Date{Year: 2027, Month: 1, Day: 1}, strategy.Date{Year: 2027, Month: 4, Day: 1}
	for _, p := range diffPairs {
		old, new := loadExample(t, p.example), loadExample(t, p.example)
		p.change(new)
		d := ComparePlans("examples/"+p.example, "changed", old, new, plan(t, old, from, to), plan(t, new, from, to))
		if len(d.Changes) == 0 {
			t.Fatalf("%s: no changes", p.name)
		}
		if d.Impact.Shared == 0 || d.Impact.PillarChanged == 0 {
			t.Errorf("%s: %d of %d shared posts change pillar; the change of weights or days should move some", p.name, d.Impact.PillarChanged, d.Impact.Shared)
		}
		for _, format := range DiffFormats() {
			t.Run(p.name+"."+format, func(t *testing.T) {
				var b bytes.Buffer
				if err := WriteDiff(&b, d, format); err != nil {
					t.Fatal(err)
				}
				diffGolden(t, p.name+"."+format, b.Bytes())
			})
		}
	}
}

// diffGolden compares got with testdata/diff/name (-update rewrites it).
func diffGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "diff", name), got)
}

func TestDiffJSONContract(t *testing.T) {
	s := loadExample(t, "fjord-bakery")
	from, to := strategy.Date{Year: 2027, Month: 1, Day: 1}, strategy.Date{Year: 2027, Month: 2, Day: 1}
	sum := summary(t, s, from, to)
	var b bytes.Buffer
	if err := WriteDiff(&b, CompareStrategies("a", "b", s, s, sum, sum), "json"); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"brand", "old", "new", "changes", "weights", "impact"} {
		if _, ok := v[key]; !ok {
			t.Errorf("no %q in %s", key, b.String())
		}
	}
	// Empty lists are [] rather than null, so tools need no special case.
	if !strings.Contains(b.String(), `"changes": []`) || !strings.Contains(b.String(), `"weights": []`) {
		t.Errorf("empty lists are not []:\n%s", b.String())
	}
	im := v["impact"].(map[string]any)
	for _, key := range []string{"from", "to", "posts", "channels", "pillars"} {
		if _, ok := im[key]; !ok {
			t.Errorf("no impact.%s", key)
		}
	}
}

func TestDiffWording(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{-13, "13 fewer posts"}, {-1, "1 fewer post"}, {0, "the same number of posts"}, {2, "2 more posts"}} {
		if got := postsChange(tc.n); got != tc.want {
			t.Errorf("postsChange(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		from, to strategy.Date
		want     string
	}{
		{strategy.Date{Year: 2027, Month: 10, Day: 1}, strategy.Date{Year: 2028, Month: 1, Day: 1}, "in Q4 2027 (2027-10-01 to 2027-12-31)"},
		{strategy.Date{Year: 2027, Month: 2, Day: 1}, strategy.Date{Year: 2027, Month: 5, Day: 1}, "from 2027-02-01 to 2027-04-30"},
		{strategy.Date{Year: 2027, Month: 1, Day: 1}, strategy.Date{Year: 2028, Month: 1, Day: 1}, "from 2027-01-01 to 2027-12-31"},
	} {
		if got := horizon(Impact{From: tc.from, To: tc.to}); got != tc.want {
			t.Errorf("horizon(%s, %s) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestDiffMarkdownEscapes checks that names from the YAML cannot break the
// comment's tables or inject HTML into a pull request.
func TestDiffMarkdownEscapes(t *testing.T) {
	old := &strategy.Strategy{Brand: strategy.Brand{Name: "A|B <script>"}, Pillars: []strategy.Pillar{{ID: "p", Name: "x|y", Weight: 100}}}
	new := &strategy.Strategy{Brand: old.Brand, Pillars: []strategy.Pillar{{ID: "p", Name: "x|y <img src=x>", Weight: 50}, {ID: "q", Weight: 50}}}
	var b bytes.Buffer
	empty := planner.Summary{}
	if err := WriteDiff(&b, CompareStrategies("a`b", "new", old, new, empty, empty), "md"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for i := 1; i < len(out); i++ {
		if (out[i] == '<' || out[i] == '>') && out[i-1] != '\\' {
			t.Fatalf("unescaped %q at byte %d in:\n%s", out[i], i, out)
		}
	}
	if strings.Contains(out, "x|y") {
		t.Errorf("unescaped | in:\n%s", out)
	}
	if !strings.Contains(out, "in the plan") {
		t.Errorf("a summary without dates does not say \"in the plan\":\n%s", out)
	}
	if !strings.Contains(out, "| q | — | **50%** |") {
		t.Errorf("added pillar not shown as — → 50%%:\n%s", out)
	}
}

func TestWriteDiffUnknownFormat(t *testing.T) {
	if err := WriteDiff(&bytes.Buffer{}, &StrategyDiff{}, "xml"); err == nil {
		t.Error("no error for an unknown format")
	}
	if err := WriteDiff(&bytes.Buffer{}, nil, "text"); err == nil {
		t.Error("no error for a nil diff")
	}
}
