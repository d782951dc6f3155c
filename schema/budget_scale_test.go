package schema

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/growth"
	"github.com/pillar-strategy/pillar/strategy"
)

// Each rule's work must grow with the strategy, not with its square: the
// tests below time a rule (or the whole validation) at n and 10n, with the
// strategy built and loaded before the clock starts. growth.Check says
// what "grows" means.

// loaded writes a strategy to a temporary file and loads it.
func loaded(t testing.TB, content string) (*strategy.Document, *strategy.Strategy) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "strategy.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := strategy.LoadDocument(path, strategy.Limits{MaxFileSize: 8 << 20, MaxTotalSize: 8 << 20, MaxNodes: 2_000_000})
	if err != nil || doc.Fatal {
		t.Fatalf("load: %v %v", err, doc.Problems)
	}
	s, err := doc.Decode()
	if err != nil {
		t.Fatal(err)
	}
	return doc, s
}

// runRule returns a function that runs one rule over a loaded strategy
// with a fresh collector, as Validate does.
func runRule(doc *strategy.Document, s *strategy.Strategy, rule func(*checker)) func() {
	return func() {
		c := &checker{s: s, src: doc.Source, now: ruleNow, col: newCollector(doc.Source, nil, DefaultMaxPerRule, DefaultMaxFindings), budget: newSuggestBudget()}
		rule(c)
		c.col.list()
	}
}

const scaleHead = "version: 1\nbrand: {name: B, timezone: Europe/Oslo}\n"

func TestCampaignOverlapScales(t *testing.T) {
	growth.Check(t, "campaign-overlap, every campaign on the same days", 200, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "channels:\n  - {id: ig, platform: instagram}\n  - {id: tt, platform: tiktok}\ncalendar:\n  campaigns:\n")
		for i := 0; i < n; i++ {
			ch := ""
			if i%3 == 1 {
				ch = ", channels: [tt]"
			}
			fmt.Fprintf(&b, "    - {id: c%d, name: C, from: 2027-01-01, to: 2027-12-31%s, pillars: {a: 100}}\n", i, ch)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkCampaignOverlap)
	})
}

func TestPillarNoExampleScales(t *testing.T) {
	growth.Check(t, "pillar-no-example, pillars times channels", 100, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "channels:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: c%d, platform: instagram, cadence: {min_per_week: 1, days: [mon], times: [\"09:00\"]}}\n", i)
		}
		b.WriteString("pillars:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: p%d, name: P, weight: 1, examples: {c%d: x}}\n", i, i)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkExamples)
	})
}

func TestUnknownReferencesWithSuggestionsScale(t *testing.T) {
	growth.Check(t, "unknown-reference with did-you-mean over every persona id", 500, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "personas:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: persona-%06d, name: P}\n", i)
		}
		b.WriteString("channels:\n  - id: ig\n    platform: instagram\n    personas:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "      - persona-%06dx\n", i)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkReferences)
	})
}

func TestUnknownReferencesInReverseOrderScale(t *testing.T) {
	// Keys checked in name order but written last-first: every finding
	// comes before the ones kept so far and takes a kept one's place.
	growth.Check(t, "unknown-reference findings arriving last-first", 500, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "pillars:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: pillar-%06d, name: P, weight: 0}\n", i)
		}
		b.WriteString("channels:\n  - id: ig\n    platform: instagram\n    pillars:\n")
		for i := n; i > 0; i-- {
			fmt.Fprintf(&b, "      pillar-%06dx: 1\n", i)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkReferences)
	})
}

func TestTimezoneFindingsScale(t *testing.T) {
	growth.Check(t, "timezone-invalid on every channel", 100, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "channels:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: c%d, platform: instagram, timezone: Europe/Olso%d}\n", i, n+i) // not seen at the smaller size
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkTimezones)
	})
}

func TestWeightsOfAWideMapScale(t *testing.T) {
	growth.Check(t, "pillar-weights-sum over a channel's many weights", 1000, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "pillars:\n  - {id: a, name: A, weight: 100}\nchannels:\n  - id: ig\n    platform: instagram\n    pillars:\n")
		for i := n; i > 0; i-- {
			fmt.Fprintf(&b, "      p%06d: 0.001\n", i)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkPillarWeights)
	})
}

func TestRRulesThatNeverHappenScale(t *testing.T) {
	growth.Check(t, "cadences whose rule never happens", 20, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "channels:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: c%d, platform: instagram, cadence: {min_per_week: 1, rrule: \"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;BYHOUR=%d\"}}\n", i, i%24)
		}
		doc, s := loaded(t, b.String())
		return runRule(doc, s, checkCadences)
	})
}

func TestRepeatedListEntriesScale(t *testing.T) {
	growth.Check(t, "a list whose repeat comes last (uniqueItems)", 2000, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "community:\n  hashtags: [")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "\"#h%d\", ", i)
		}
		b.WriteString("\"#h0\"]\n")
		doc, _ := loaded(t, b.String())
		return func() {
			ds := schemaDiagnostics(doc)
			if len(ds) != 1 || !strings.Contains(ds[0].Message, "appears twice") {
				t.Fatalf("findings %v", ds)
			}
		}
	})
}

func TestValidationOfManyFindingsScales(t *testing.T) {
	growth.Check(t, "validating a strategy where every persona is a finding", 500, func(n int) func() {
		var b strings.Builder
		b.WriteString(scaleHead + "personas:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  - {id: p%d, name: P}\n", i)
		}
		doc, _ := loaded(t, b.String())
		return func() {
			res, _ := Validate(doc, Options{Now: ruleNow})
			if res.Count(Warning) != 2*n {
				t.Fatalf("%d warnings, want %d", res.Count(Warning), 2*n)
			}
		}
	})
}

// TestCampaignOverlapAgainstPairs compares the sweep with the obvious
// comparison of every pair, on random campaigns, channels and dates.
func TestCampaignOverlapAgainstPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		s := &strategy.Strategy{Calendar: &strategy.Calendar{}}
		nch := 1 + rng.IntN(4)
		for i := 0; i < nch; i++ {
			s.Channels = append(s.Channels, strategy.Channel{ID: fmt.Sprintf("ch%d", i)})
		}
		for i := 0; i < 2+rng.IntN(30); i++ {
			from := strategy.Date{Year: 2027, Month: 1, Day: 1}.AddDays(rng.IntN(60))
			cp := strategy.Campaign{ID: fmt.Sprintf("c%d", i), From: from, To: from.AddDays(rng.IntN(20) - 2)}
			if rng.IntN(6) > 0 {
				cp.Pillars = map[string]float64{"a": 100}
			}
			if rng.IntN(3) > 0 {
				for _, ch := range rng.Perm(nch + 1)[:1+rng.IntN(nch)] {
					cp.Channels = append(cp.Channels, fmt.Sprintf("ch%d", ch)) // ch<nch> is unknown
				}
			}
			s.Calendar.Campaigns = append(s.Calendar.Campaigns, cp)
		}
		got, _ := campaignOverlaps(s, 4)
		want := pairwiseOverlaps(s, 4)
		for j := range want {
			if !reflect.DeepEqual(got[j], want[j]) && (len(got[j]) > 0 || len(want[j]) > 0) {
				t.Fatalf("round %d, campaign %d: sweep found %v, pairs %v\n%+v", round, j, got[j], want[j], s.Calendar.Campaigns)
			}
		}
	}
}

// pairwiseOverlaps is campaignOverlaps by comparing every pair.
func pairwiseOverlaps(s *strategy.Strategy, n int) [][]int {
	cps := s.Calendar.Campaigns
	known := map[string]bool{}
	for _, ch := range s.Channels {
		known[ch.ID] = true
	}
	covers := func(cp strategy.Campaign) map[string]bool {
		if len(cp.Pillars) == 0 || cp.From.IsZero() || cp.To.IsZero() || cp.To.Before(cp.From) {
			return nil
		}
		out := map[string]bool{}
		for _, ch := range s.Channels {
			if len(cp.Channels) == 0 {
				out[ch.ID] = true
			}
		}
		for _, ch := range cp.Channels {
			if known[ch] {
				out[ch] = true
			}
		}
		return out
	}
	out := make([][]int, len(cps))
	for j, b := range cps {
		cb := covers(b)
		for i := 0; i < j && len(out[j]) < n; i++ {
			a := cps[i]
			ca := covers(a)
			if strategy.MinDate(a.To, b.To).Before(strategy.MaxDate(a.From, b.From)) {
				continue
			}
			for ch := range ca {
				if cb[ch] {
					out[j] = append(out[j], i)
					break
				}
			}
		}
	}
	return out
}

func TestEarliestOverlaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 300; round++ {
		var points, queries []daySpan
		for i := 0; i < rng.IntN(40); i++ {
			from := int64(rng.IntN(50))
			points = append(points, daySpan{from, from + int64(rng.IntN(10)), rng.IntN(60)})
		}
		for i := 0; i < rng.IntN(20); i++ {
			from := int64(rng.IntN(60))
			queries = append(queries, daySpan{from, from + int64(rng.IntN(10)), i})
		}
		k := 1 + rng.IntN(4)
		got := earliestOverlaps(points, queries, k)
		for qi, q := range queries {
			var want []int
			for _, p := range points {
				if p.from <= q.to && p.to >= q.from {
					want = append(want, p.idx)
				}
			}
			sort.Ints(want)
			want = keepSmallest(want, nil, k)
			if !reflect.DeepEqual(got[qi], want) && (len(got[qi]) > 0 || len(want) > 0) {
				t.Fatalf("round %d query %v: got %v, want %v (points %v)", round, q, got[qi], want, points)
			}
		}
	}
}

// TestPillarNoExampleAgainstPairs compares the counting with the obvious
// look at every pillar on every channel.
func TestPillarNoExampleAgainstPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := 0; round < 200; round++ {
		s := &strategy.Strategy{}
		nch, np := 1+rng.IntN(8), 1+rng.IntN(5)
		for i := 0; i < nch; i++ {
			ch := strategy.Channel{ID: fmt.Sprintf("c%d", i)}
			if rng.IntN(4) > 0 {
				ch.Cadence = strategy.Cadences{{MinPerWeek: 1}}
			}
			if rng.IntN(3) == 0 {
				ch.Pillars = map[string]float64{}
				for p := 0; p < np; p++ {
					if rng.IntN(2) == 0 {
						ch.Pillars[fmt.Sprintf("p%d", p)] = float64(rng.IntN(2) * 10)
					}
				}
			}
			s.Channels = append(s.Channels, ch)
		}
		for p := 0; p < np; p++ {
			pl := strategy.Pillar{ID: fmt.Sprintf("p%d", p), Weight: float64(rng.IntN(2) * 20), Examples: map[string]string{}}
			for i := 0; i < nch+1; i++ {
				switch rng.IntN(4) {
				case 0:
					pl.Examples[fmt.Sprintf("c%d", i)] = "example"
				case 1:
					pl.Examples[fmt.Sprintf("c%d", i)] = "  "
				}
			}
			s.Pillars = append(s.Pillars, pl)
		}
		got := map[string]int{}
		for _, d := range check(s, ruleNow) {
			if d.Rule != "pillar-no-example" {
				continue
			}
			var id string
			fmt.Sscanf(d.Message, "the pillar %q", &id)
			if strings.Contains(d.Message, "the channel ") {
				got[id] = 1
			} else {
				got[id] = strings.Count(d.Message, `"c`)
				var more int
				if i := strings.LastIndex(d.Message, " and "); i >= 0 {
					if _, err := fmt.Sscanf(d.Message[i:], " and %d more", &more); err == nil {
						got[id] += more
					}
				}
			}
		}
		want := map[string]int{}
		var ids []string
		for _, ch := range s.Channels {
			ids = append(ids, ch.ID)
		}
		for _, p := range s.Pillars {
			// An example under an id that is no channel's counts for the
			// one channel it is a typo of (one mistake, one finding).
			meant := map[string]bool{}
			for key, text := range p.Examples {
				if best, unique := closestWithin(key, ids, nil); unique && !slices.Contains(ids, key) && strings.TrimSpace(text) != "" {
					meant[best] = true
				}
			}
			for _, ch := range s.Channels {
				w := p.Weight
				if ch.Pillars != nil {
					w = ch.Pillars[p.ID]
				}
				if len(ch.Cadence) > 0 && w > 0 && strings.TrimSpace(p.Examples[ch.ID]) == "" && !meant[ch.ID] {
					want[p.ID]++
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: findings count %v missing examples, pairs %v", round, got, want)
		}
	}
}
