package synth_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/schema"
	"github.com/pillar-strategy/pillar/strategy"
)

var (
	q1From = strategy.Date{Year: 2027, Month: time.January, Day: 1}
	q1To   = strategy.Date{Year: 2027, Month: time.April, Day: 1}
)

// examples are the example strategies that plan posts; each ships sample
// history made by DefaultHistoryOptions(1, Q1 2027).
var examples = []string{"nordlys", "cloudbase", "fjord-coffee", "fjord-bakery", "fjord-group"}

// load reads and validates a strategy as the pillar command does.
func load(t testing.TB, path string) *strategy.Strategy {
	t.Helper()
	doc, err := strategy.LoadDocument(path, strategy.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	res, s := schema.Validate(doc, schema.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if res.Count(schema.Error) > 0 || s == nil {
		t.Fatalf("%s does not validate: %+v", path, res)
	}
	return s
}

func example(t testing.TB, name string) *strategy.Strategy {
	return load(t, filepath.Join("..", "..", "examples", name))
}

// synthetic is a strategy from Strategy: no business hours, so the truth
// knows the mentions answered within their SLA.
func synthetic(t testing.TB) *strategy.Strategy {
	t.Helper()
	path := filepath.Join(t.TempDir(), "strategy.yaml")
	if err := os.WriteFile(path, synth.Strategy(3, 3, 4, 9), 0o644); err != nil {
		t.Fatal(err)
	}
	return load(t, path)
}

type history struct {
	posts, mentions, truth []byte
	t                      *synth.HistoryTruth
}

func generate(t testing.TB, s *strategy.Strategy, opt synth.HistoryOptions) history {
	t.Helper()
	var p, m, j bytes.Buffer
	truth, err := synth.History(s, opt, &p, &m)
	if err != nil {
		t.Fatal(err)
	}
	if err := truth.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	return history{p.Bytes(), m.Bytes(), j.Bytes(), truth}
}

func TestHistoryDeterministic(t *testing.T) {
	s := example(t, "nordlys")
	a := generate(t, s, synth.DefaultHistoryOptions(7, q1From, q1To))
	b := generate(t, s, synth.DefaultHistoryOptions(7, q1From, q1To))
	if !bytes.Equal(a.posts, b.posts) || !bytes.Equal(a.mentions, b.mentions) || !bytes.Equal(a.truth, b.truth) {
		t.Fatal("the same seed gave different bytes")
	}
	c := generate(t, s, synth.DefaultHistoryOptions(8, q1From, q1To))
	if bytes.Equal(a.posts, c.posts) || bytes.Equal(a.mentions, c.mentions) {
		t.Error("another seed gave the same files")
	}
	// The posts do not depend on whether a mention log is written.
	var p bytes.Buffer
	if _, err := synth.History(s, synth.DefaultHistoryOptions(7, q1From, q1To), &p, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Bytes(), a.posts) {
		t.Error("the posts changed when no mention log was written")
	}
}

// TestHistoryReadBack reads every generated history back with
// encoding/csv and time.Parse and checks that it adds up to the truth.
func TestHistoryReadBack(t *testing.T) {
	cases := map[string]struct {
		s   func(testing.TB) *strategy.Strategy
		opt synth.HistoryOptions
	}{
		"synthetic":                {synthetic, synth.DefaultHistoryOptions(1, q1From, q1To)},
		"synthetic, clean":         {synthetic, synth.HistoryOptions{From: q1From, To: q1To, MentionRate: 1}},
		"synthetic, 5000 posts":    {synthetic, withPosts(synth.DefaultHistoryOptions(2, q1From, q1To), 5000)},
		"nordlys, a week over DST": {exampleFn("nordlys"), synth.DefaultHistoryOptions(3, d(2027, 3, 22), d(2027, 4, 5))},
		"cloudbase, a year":        {exampleFn("cloudbase"), synth.DefaultHistoryOptions(4, d(2027, 1, 1), d(2028, 1, 1))},
	}
	for _, name := range examples {
		cases[name] = struct {
			s   func(testing.TB) *strategy.Strategy
			opt synth.HistoryOptions
		}{exampleFn(name), synth.DefaultHistoryOptions(1, q1From, q1To)}
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := tc.s(t)
			h := generate(t, s, tc.opt)
			got := readBack(t, s, tc.opt.From, tc.opt.To, h.posts, h.mentions)
			want := *h.t
			// What reading cannot know.
			got.Seed, got.Passes, got.Slots, got.Planted = want.Seed, want.Passes, want.Slots, want.Planted
			if len(got.Disclosure.MissingIDs) > 50 {
				got.Disclosure.MissingIDs = got.Disclosure.MissingIDs[:50]
			}
			if !reflect.DeepEqual(got, &want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(&want, "", " ")
				t.Errorf("read back differs from the truth\n%s", firstDiff(string(gj), string(wj)))
			}
			checkConsistent(t, h.t)
		})
	}
}

func withPosts(o synth.HistoryOptions, n int64) synth.HistoryOptions {
	o.Posts = n
	return o
}

func exampleFn(name string) func(testing.TB) *strategy.Strategy {
	return func(t testing.TB) *strategy.Strategy { return example(t, name) }
}

func d(y int, m time.Month, day int) strategy.Date { return strategy.Date{Year: y, Month: m, Day: day} }

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			from := max(0, i-6)
			return "read back:\n" + strings.Join(g[from:min(len(g), i+3)], "\n") + "\ntruth:\n" + strings.Join(w[from:min(len(w), i+3)], "\n")
		}
	}
	return "(lengths differ)"
}

// checkConsistent checks the truth's own sums.
func checkConsistent(t *testing.T, h *synth.HistoryTruth) {
	t.Helper()
	for name, r := range map[string]synth.Rows{"posts": h.Posts, "mentions": h.Mentions} {
		if r.Rows != r.Used+r.OutsidePeriod+r.UnknownChannel+r.Rejected || r.Duplicates > r.Rejected {
			t.Errorf("%s do not reconcile: %+v", name, r)
		}
	}
	var used int64
	for _, c := range h.Channels {
		used += c.Posts
		var weeks, pillars, byText int64
		for _, w := range c.Weeks {
			weeks += w.Posts
		}
		for _, p := range c.Pillars {
			pillars += p.Posts
			byText += p.ByText
		}
		e := c.Engagement
		switch {
		case weeks != c.Posts:
			t.Errorf("%s: weeks add up to %d, not %d posts", c.Channel, weeks, c.Posts)
		case c.Classified+c.Unclassified != c.Posts || pillars != c.Classified || byText != c.ByText:
			t.Errorf("%s: pillars do not add up: %+v", c.Channel, c)
		case c.OnTime+c.Late != c.Posts:
			t.Errorf("%s: on time and late do not add up", c.Channel)
		case e.Posts+e.Excluded != c.Posts || e.WithReach.Reach != e.Reach || e.All.Reach != e.Reach:
			t.Errorf("%s: engagement does not add up: %+v", c.Channel, e)
		}
	}
	if used != h.Posts.Used {
		t.Errorf("channels have %d posts, %d used", used, h.Posts.Used)
	}
	for _, tt := range h.Tactics {
		if tt.Executed+tt.Missed != tt.Planned || len(tt.MissedOn) != tt.Missed {
			t.Errorf("tactic %s does not add up: %+v", tt.Tactic, tt)
		}
	}
	r := h.Responses
	var typed int64
	for _, ty := range r.Types {
		typed += ty.Mentions
	}
	if r.Mentions != h.Mentions.Used || r.Answered+r.Unanswered != r.Mentions || typed != r.Mentions {
		t.Errorf("responses do not add up: %+v", r)
	}
	if (r.WithinSLA == nil) != r.BusinessHours {
		t.Errorf("within SLA is %v with business hours %v", r.WithinSLA, r.BusinessHours)
	}
}

// TestHistoryMisses checks that the default options plant what they say
// in every example, so that the sample reports show both kept and missed
// targets.
func TestHistoryMisses(t *testing.T) {
	for _, name := range examples {
		t.Run(name, func(t *testing.T) {
			s := example(t, name)
			h := generate(t, s, synth.DefaultHistoryOptions(1, q1From, q1To)).t
			kinds := map[string]int{}
			for _, p := range h.Planted {
				kinds[p.Kind]++
			}
			for kind, n := range map[string]int{"short_week": 2, "missed_tactic": 1, "over_pillar": 1, "late_answer": 1,
				"bad_post": 3, "duplicate_post": 1, "outside_post": 2, "unknown_post": 2,
				"bad_mention": 2, "duplicate_mention": 1, "outside_mention": 1, "unknown_mention": 1} {
				if kind == "missed_tactic" && len(s.Tactics) == 0 {
					n = 0
				}
				if kinds[kind] != n {
					t.Errorf("%d %s planted, want %d", kinds[kind], kind, n)
				}
			}
			if h.Posts.Duplicates != 1 || h.Posts.Rejected != 4 || h.Mentions.Rejected != 3 {
				t.Errorf("rejected rows: posts %+v, mentions %+v", h.Posts, h.Mentions)
			}
			over := false
			for _, in := range h.Influencers {
				over = over || in.OverCap
			}
			if len(h.Influencers) > 0 && !over {
				t.Error("no influencer is over the cap")
			}
			if h.Disclosure.Checked > 0 && h.Disclosure.Missing != 1 {
				t.Errorf("%d paid-partner posts without a disclosure tag, want 1", h.Disclosure.Missing)
			}
		})
	}
}

func TestHistoryExactPosts(t *testing.T) {
	s := example(t, "fjord-bakery")
	h := generate(t, s, withPosts(synth.DefaultHistoryOptions(5, q1From, q1To), 2345))
	if h.t.Posts.Rows != 2345 || h.t.Passes < 10 {
		t.Fatalf("%d rows in %d passes, want 2345 in 10 or more", h.t.Posts.Rows, h.t.Passes)
	}
	if n := len(records(t, h.posts, 15)); n != 2345 {
		t.Fatalf("the file has %d rows", n)
	}
}

func TestHistoryErrors(t *testing.T) {
	s := example(t, "cloudbase")
	empty := &strategy.Strategy{Version: 1, Brand: strategy.Brand{Name: "Empty", Timezone: "Europe/Oslo"}}
	for name, tc := range map[string]struct {
		s    *strategy.Strategy
		opt  synth.HistoryOptions
		want string
	}{
		"no strategy":      {nil, synth.HistoryOptions{From: q1From, To: q1To}, "no strategy"},
		"reversed":         {s, synth.HistoryOptions{From: q1To, To: q1From}, "not after"},
		"negative posts":   {s, synth.HistoryOptions{From: q1From, To: q1To, Posts: -1}, "negative"},
		"unknown pillar":   {s, synth.HistoryOptions{From: q1From, To: q1To, OverShare: 0.1, OverPillar: "nope"}, `"nope"`},
		"nothing to cycle": {empty, synth.HistoryOptions{From: q1From, To: q1To, Posts: 10}, "writes none"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := synth.History(tc.s, tc.opt, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
	// An empty calendar still makes a valid, empty history.
	h := generate(t, empty, synth.HistoryOptions{From: q1From, To: q1To})
	if h.t.Posts.Rows != 0 || string(h.posts) != "id,published_at,channel,pillar,tactic,text,mentions,likes,comments,shares,saves,clicks,impressions,reach,followers\n" {
		t.Errorf("empty history: %q", h.posts)
	}
}

// peakWriter discards what is written and, if asked, samples the heap at
// every write (the generator writes in chunks of a few hundred KB).
type peakWriter struct {
	writes, bytes int64
	peak          uint64
	sample        bool
}

func (w *peakWriter) Write(b []byte) (int, error) {
	w.writes++
	w.bytes += int64(len(b))
	if w.sample {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.peak = max(w.peak, ms.HeapAlloc)
	}
	return len(b), nil
}

// TestHistoryFlatMemory writes ten times as many rows and checks that the
// heap does not grow with them.
func TestHistoryFlatMemory(t *testing.T) {
	n := int64(1_000_000)
	if testing.Short() {
		n = 200_000
	}
	s := example(t, "nordlys")
	peak := func(rows int64) (uint64, int64) {
		runtime.GC()
		w := &peakWriter{sample: true}
		if _, err := synth.History(s, withPosts(synth.DefaultHistoryOptions(1, q1From, q1To), rows), w, w); err != nil {
			t.Fatal(err)
		}
		return w.peak, w.bytes
	}
	small, _ := peak(n / 10)
	start := time.Now()
	large, written := peak(n)
	elapsed := time.Since(start)
	t.Logf("%d posts (%d MB with mentions) in %v; peak heap %.1f MB, %.1f MB for a tenth as many",
		n, written>>20, elapsed.Round(time.Millisecond), float64(large)/(1<<20), float64(small)/(1<<20))
	if large > small+4<<20 {
		t.Errorf("the heap grew with the rows: %.1f MB for %d posts, %.1f MB for %d", float64(large)/(1<<20), n, float64(small)/(1<<20), n/10)
	}
}

func BenchmarkGenerateHistory(b *testing.B) {
	s := example(b, "nordlys")
	w := &peakWriter{}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	if _, err := synth.History(s, withPosts(synth.DefaultHistoryOptions(1, q1From, q1To), int64(max(b.N, 1))), w, io.Discard); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "posts/s")
	b.ReportMetric(float64(w.bytes)/float64(max(b.N, 1)), "B/post")
}
