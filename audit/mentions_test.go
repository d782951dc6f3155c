package audit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/strategy"
)

// voiceMentions is worked out by hand for the shop strategy over 4–17
// January 2027 (W01, W02; ig in Oslo, li in New York; SLAs: complaint 1h,
// help 4h, otherwise 24h).
const voiceMentions = `id,channel,received_at,responded_at,type,sentiment,author,author_followers
n1,ig,2027-01-04T10:15:00+01:00,2027-01-04T10:45:00+01:00,complaint,Negative,@Anna,5000
n2,ig,2027-01-04T10:40:00+01:00,2027-01-04T13:40:00+01:00,complaint,NEG,@zed,120000
n3,ig,2027-01-05T10:05:00+01:00,2027-01-05T10:20:00+01:00,help,neutral,anna,5200
n4,li,2027-01-04T10:30:00-05:00,2027-01-04T11:00:00-05:00,help,neu,@carl,800
n5,ig,2027-01-11T10:20:00+01:00,2027-01-11T12:20:00+01:00,ugc, Positive ,@zed,
n6,li,2027-01-17T23:30:00-05:00,,complaint,mixed,@dora,300
n7,ig,2027-01-12T10:50:00+01:00,2027-01-12T11:10:00+01:00,question,,,
n8,ig,2027-01-13T22:00:00+01:00,2027-01-14T09:00:00+01:00,ugc,pos,@ZED,90000
n9,li,2027-01-05T12:00:00-05:00,2027-01-05T12:30:00-05:00,ugc,positive,@anna,100
n10,ig,2027-01-18T00:10:00+01:00,,ugc,negative,@zed,1
`

func runShopMentions(t *testing.T, s *strategy.Strategy, mentions string) *Report {
	t.Helper()
	r, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 18), Tolerance: DefaultTolerance,
		Posts:    Input{Name: "posts.csv", R: strings.NewReader(shopPosts)},
		Mentions: &Input{Name: "mentions.csv", R: strings.NewReader(mentions)}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mixOf(name string, pos, neu, neg, unk int64) SentimentMix {
	return SentimentMix{Name: name, Mentions: pos + neu + neg + unk, Positive: pos, Neutral: neu, Negative: neg, Unknown: unk}
}

// sameCounts compares a mix's counts (the shares are checked apart).
func sameCounts(t *testing.T, what string, got, want SentimentMix) {
	t.Helper()
	got.Shares, got.NegativeShare = SentimentShares{}, nil
	if got != want {
		t.Errorf("%s: %+v, want %+v", what, got, want)
	}
}

func TestSentiment(t *testing.T) {
	s := shop()
	s.KPIs.NegativeShare = &strategy.Target{Target: 25}
	r := runShopMentions(t, s, voiceMentions)
	if r.Mentions.Used != 9 || r.Mentions.OutsidePeriod != 1 {
		t.Fatalf("mentions %+v", r.Mentions)
	}
	st := r.Sentiment
	sameCounts(t, "overall", st.Overall, mixOf("", 3, 2, 2, 2))
	near(t, "negative share", st.Overall.NegativeShare, 100*2.0/7)
	near(t, "positive of all", st.Overall.Shares.Positive, 100*3.0/9)
	near(t, "unknown of all", st.Overall.Shares.Unknown, 100*2.0/9)
	if st.Target == nil || *st.Target != 25 {
		t.Errorf("target %v", st.Target)
	}
	if len(st.Unrecognized) != 1 || st.Unrecognized[0] != (NameCount{Name: "mixed", Count: 1}) {
		t.Errorf("unrecognized %+v", st.Unrecognized)
	}
	// Types: the rules' complaint and help, then ugc and question as seen.
	wantTypes := []SentimentMix{mixOf("complaint", 0, 0, 2, 1), mixOf("help", 0, 2, 0, 0), mixOf("ugc", 3, 0, 0, 0), mixOf("question", 0, 0, 0, 1)}
	if len(st.Types) != len(wantTypes) {
		t.Fatalf("types %+v", st.Types)
	}
	for i, w := range wantTypes {
		sameCounts(t, "type "+w.Name, st.Types[i], w)
	}
	if st.Types[3].NegativeShare != nil {
		t.Errorf("question has no known sentiment, negative share %v", *st.Types[3].NegativeShare)
	}
	sameCounts(t, "ig", st.Channels[0], mixOf("ig", 2, 1, 2, 1))
	sameCounts(t, "li", st.Channels[1], mixOf("li", 1, 1, 0, 1))
	// n6 is Sunday 17 January 23:30 in New York (Monday in Oslo): W02.
	sameCounts(t, "W01", st.Weeks[0].SentimentMix, mixOf("2027-W01", 1, 2, 2, 0))
	sameCounts(t, "W02", st.Weeks[1].SentimentMix, mixOf("2027-W02", 2, 0, 0, 2))
	if !st.Weeks[0].Whole || st.Weeks[1].Start != date(2027, 1, 11) {
		t.Errorf("weeks %+v", st.Weeks)
	}

	// Response times by sentiment, nearest rank.
	type resp struct {
		mentions, answered, within, median, p90 int64
		share                                   float64
	}
	want := map[string]resp{
		"negative": {2, 2, 1, 1800, 10800, 50},  // n1 30m of 1h, n2 3h of 1h
		"neutral":  {2, 2, 2, 900, 1800, 100},   // n3 15m, n4 30m
		"positive": {3, 3, 3, 7200, 39600, 100}, // n9 30m, n5 2h, n8 11h of 24h
		"unknown":  {2, 1, 1, 1200, 1200, 50},   // n6 unanswered complaint, n7 20m
	}
	if len(st.ResponseSentiment) != 4 || st.ResponseSentiment[2].Sentiment != "negative" {
		t.Fatalf("response sentiment %+v", st.ResponseSentiment)
	}
	for _, sr := range st.ResponseSentiment {
		w := want[sr.Sentiment]
		if sr.Mentions != w.mentions || sr.Answered != w.answered || sr.WithinSLA != w.within || sr.NoSLA != 0 ||
			sr.Median == nil || *sr.Median != w.median || *sr.P90 != w.p90 {
			t.Errorf("%s: %+v, want %+v", sr.Sentiment, sr, w)
		}
		near(t, sr.Sentiment+" share", sr.Share, w.share)
	}
	// The per-type figures are unchanged by keeping times per sentiment.
	if c := r.Responses.Types[0]; c.Type != "complaint" || *c.Median != 1800 || *c.P90 != 10800 {
		t.Errorf("complaint %+v", c)
	}
	if o := r.Responses.Overall; *o.Median != 1800 || *o.P90 != 39600 {
		t.Errorf("overall median %d p90 %d, want 1800 39600", *o.Median, *o.P90)
	}

	// The verdict: a ceiling, missed at 28.6 %.
	var c *Check
	for i := range r.Verdict.Checks {
		if r.Verdict.Checks[i].KPI == KPINegative {
			c = &r.Verdict.Checks[i]
		}
	}
	if c == nil || !c.Measured || c.Met || r.Verdict.Pass || c.Detail != "2 negative of 7 mentions with a known sentiment; 2 unknown" {
		t.Errorf("check %+v", c)
	}
	if last := r.Verdict.Checks[len(r.Verdict.Checks)-1]; last.KPI != KPINegative {
		t.Errorf("negative_share is not last: %s", last.KPI)
	}
	s.KPIs.NegativeShare.Target = 28.6
	if c := runShopMentions(t, s, voiceMentions).Verdict.Checks; !c[len(c)-1].Met {
		t.Errorf("28.57 %% under a ceiling of 28.6 %%: %+v", c[len(c)-1])
	}
}

func TestNegativeShareNotMeasured(t *testing.T) {
	s := shop()
	s.KPIs.NegativeShare = &strategy.Target{Target: 25}
	r := runShopMentions(t, s, "id,channel,received_at,sentiment\nq1,ig,2027-01-05T10:00:00+01:00,\nq2,ig,2027-01-05T11:00:00+01:00,happy\n")
	c := r.Verdict.Checks[len(r.Verdict.Checks)-1]
	if c.KPI != KPINegative || c.Measured || c.Detail != "not measured: no mention in the period has a known sentiment" {
		t.Errorf("check %+v", c)
	}
	if r.Voices != nil {
		t.Errorf("voices without an author column: %+v", r.Voices)
	}
	r, err := Run(s, Options{From: date(2027, 1, 4), To: date(2027, 1, 18), Posts: Input{Name: "p.csv", R: strings.NewReader(shopPosts)}})
	if err != nil {
		t.Fatal(err)
	}
	c = r.Verdict.Checks[len(r.Verdict.Checks)-1]
	if c.Measured || c.Detail != "not measured: no mention log given (--mentions)" || r.Sentiment != nil || r.Volume != nil {
		t.Errorf("without a mention log: %+v", c)
	}
}

func TestSentimentSpellings(t *testing.T) {
	for in, want := range map[string]int{
		"positive": sentPositive, "Positive": sentPositive, "POS": sentPositive,
		"neutral": sentNeutral, "Neu": sentNeutral,
		"negative": sentNegative, "NEGATIVE": sentNegative, "neg": sentNegative,
		"": sentUnknown, "mixed": sentUnknown, "1": sentUnknown, "-1": sentUnknown, "negatives": sentUnknown,
		"positively": sentUnknown, "ne": sentUnknown, "négatif": sentUnknown,
	} {
		if got := sentimentOf([]byte(in)); got != want {
			t.Errorf("%q read as %s, want %s", in, sentimentNames[got], sentimentNames[want])
		}
	}
}

func TestVolume(t *testing.T) {
	v := runShopMentions(t, shop(), voiceMentions).Volume
	if v.Mentions != 9 || v.Weeks != 2 || *v.PerWeek != 4.5 {
		t.Errorf("volume %d over %v weeks", v.Mentions, v.Weeks)
	}
	ig, li := v.Channels[0], v.Channels[1]
	if ig.Mentions != 6 || ig.Weeks[0].Mentions != 3 || ig.Weeks[1].Mentions != 3 || *ig.PerWeek != 3 ||
		li.Mentions != 3 || li.Weeks[0].Mentions != 2 || li.Weeks[1].Mentions != 1 {
		t.Errorf("channels %+v", v.Channels)
	}
	if v.Totals[0] != (WeekVolume{Week: "2027-W01", Start: date(2027, 1, 4), Whole: true, Mentions: 5}) || v.Totals[1].Mentions != 4 {
		t.Errorf("totals %+v", v.Totals)
	}
	// On each channel's clock: Monday 10:00 has n1, n2, n4 (New York) and
	// n5; Tuesday 10:00 n3 and n7; one each on Tuesday 12:00 (n9, New
	// York), Wednesday 22:00 (n8) and Sunday 23:00 (n6, New York).
	if v.Grid[0][10] != 4 || v.Grid[1][10] != 2 || v.Grid[1][12] != 1 || v.Grid[2][22] != 1 || v.Grid[6][23] != 1 {
		t.Errorf("grid %v", v.Grid)
	}
	var got []string
	for _, h := range v.Busiest {
		got = append(got, fmt.Sprintf("%s %d %d", h.Weekday, h.Hour, h.Mentions))
	}
	if strings.Join(got, ", ") != "mon 10 4, tue 10 2, tue 12 1, wed 22 1, sun 23 1" {
		t.Errorf("busiest %v", got)
	}
	if v.Busiest[0].Share != 100*4.0/9 {
		t.Errorf("share %v", v.Busiest[0].Share)
	}
}

func TestVoices(t *testing.T) {
	v := runShopMentions(t, shop(), voiceMentions).Voices
	if v == nil {
		t.Fatal("no voices")
	}
	if v.Mentions != 8 || v.WithoutAuthor != 1 || !v.Exact || v.Method != "space-saving" || v.Capacity != voiceCapacity || v.MaxError != 0 || v.Untapped != 3 {
		t.Errorf("voices %+v", v)
	}
	row := func(x Voice) string {
		m, f := "-", "-"
		if x.Mentions != nil {
			m = fmt.Sprint(*x.Mentions)
		}
		if x.Followers != nil {
			f = fmt.Sprint(*x.Followers)
		}
		return fmt.Sprintf("%s %s %s %s %s %q %v", x.Author, x.Platform, x.Channel, m, f, x.Influencer, x.Untapped)
	}
	// @Anna and anna on Instagram are one author, the strategy's @anna;
	// @anna on LinkedIn is another, and untapped (the influencer is on
	// Instagram). @zed, @ZED: one author, the largest audience.
	most := []string{
		`@zed instagram ig 3 120000 "" true`,
		`@Anna instagram ig 2 5200 "@anna" false`,
		`@anna linkedin li 1 100 "" true`,
		`@carl linkedin li 1 800 "@carl" false`,
		`@dora linkedin li 1 300 "" true`,
	}
	largest := []string{most[0], most[1], most[3], most[4], most[2]}
	for name, c := range map[string]struct {
		got  []Voice
		want []string
	}{"most mentions": {v.MostMentions, most}, "largest audience": {v.LargestAudience, largest}} {
		var got []string
		for _, x := range c.got {
			got = append(got, row(x))
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}

// TestVoicesBounded: with more distinct authors than the summary follows,
// memory stays at its capacity, the heavy authors are still listed, every
// count is within its error of the truth, and the largest audiences stay
// exact.
func TestVoicesBounded(t *testing.T) {
	a, err := newAuditor(shop(), Options{From: date(2027, 1, 4), To: date(2027, 1, 18)})
	if err != nil {
		t.Fatal(err)
	}
	v := newVoices(a)
	v.capacity = 8
	truth := map[string]int64{}
	var m Mention
	n := 0
	add := func(author string, followers int64) {
		m.Author, m.AuthorFollowers, m.HasFollowers = []byte(author), followers, followers > 0
		v.add(&m, 0)
		truth[author]++
		n++
	}
	for i := range 400 {
		add("@heavy", 10)
		if i%2 == 0 {
			add("@second", 0)
		}
		add(fmt.Sprintf("@once%d", i), int64(i))
		if i == 7 {
			add("@giant", 1_000_000)
		}
	}
	if len(v.heap) != 8 || len(v.index) != 8 {
		t.Fatalf("following %d authors (%d indexed), capacity 8", len(v.heap), len(v.index))
	}
	r := v.report()
	if r.Exact || r.Mentions != int64(n) {
		t.Errorf("exact %v mentions %d", r.Exact, r.Mentions)
	}
	if r.MostMentions[0].Author != "@heavy" || r.MostMentions[1].Author != "@second" {
		t.Errorf("top %+v %+v", r.MostMentions[0], r.MostMentions[1])
	}
	for _, x := range r.MostMentions {
		c := *x.Mentions
		if c < truth[x.Author] || c-x.Error > truth[x.Author] || x.Error > int64(n)/8 {
			t.Errorf("%s: %d ± %d, truly %d (bound %d)", x.Author, c, x.Error, truth[x.Author], n/8)
		}
	}
	if r.LargestAudience[0].Author != "@giant" || *r.LargestAudience[0].Followers != 1_000_000 || r.LargestAudience[0].Mentions != nil {
		t.Errorf("largest %+v", r.LargestAudience[0])
	}
	for i, want := range []int64{399, 398, 397} {
		if got := *r.LargestAudience[i+1].Followers; got != want {
			t.Errorf("audience %d: %d followers, want %d", i+1, got, want)
		}
	}
}

// TestReadAuthor: the optional author columns in CSV and JSON Lines, and
// a follower count that is not a whole number rejected with its reason.
func TestReadAuthor(t *testing.T) {
	for _, tc := range []struct {
		name, file, data string
		want             []string
		rejects          []string
	}{
		{"csv", "m.csv", "id,channel,received_at,author,author_followers\n" +
			"m1,ig,2027-01-04T09:00:00Z, @Ann ,1200\n" +
			"m2,ig,2027-01-04T09:00:00Z,,\n" +
			"m3,ig,2027-01-04T09:00:00Z,bob,12k\n" +
			"m4,ig,2027-01-04T09:00:00Z,cid,-4\n",
			[]string{"m1 @Ann 1200 true", "m2  0 false"},
			[]string{`line 4: author_followers "12k" is not a number: write a whole number, or leave it empty when unknown`,
				`line 5: author_followers "-4" is negative: counts are 0 or more`}},
		{"jsonl", "m.jsonl", `{"id":"m1","channel":"ig","received_at":"2027-01-04T09:00:00Z","author":"@Ann","author_followers":1200}` + "\n" +
			`{"id":"m2","channel":"ig","received_at":"2027-01-04T09:00:00Z","author":"bo","author_followers":"7"}` + "\n" +
			`{"id":"m3","channel":"ig","received_at":"2027-01-04T09:00:00Z","author_followers":true}` + "\n",
			[]string{"m1 @Ann 1200 true", "m2 bo 7 true"},
			[]string{"line 3: author_followers is true; expected a whole number, or a string holding one"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			st, err := ReadMentions(strings.NewReader(tc.data), tc.file, ReadOptions{}, func(m *Mention) error {
				got = append(got, fmt.Sprintf("%s %s %d %v", m.ID, m.Author, m.AuthorFollowers, m.HasFollowers))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			var rejects []string
			for _, r := range st.Rejects {
				rejects = append(rejects, fmt.Sprintf("line %d: %s", r.Line, r.Reason))
			}
			if strings.Join(rejects, "\n") != strings.Join(tc.rejects, "\n") {
				t.Errorf("rejects\n%s\nwant\n%s", strings.Join(rejects, "\n"), strings.Join(tc.rejects, "\n"))
			}
		})
	}
}

// TestVoicesSpaceSavingBounds holds the summary to its guarantees on
// skewed random streams: every followed author's count is at least its
// true count and at most its error above it, no error exceeds mentions ÷
// capacity, and every author with more mentions than that is followed.
func TestVoicesSpaceSavingBounds(t *testing.T) {
	a, err := newAuditor(shop(), Options{From: date(2027, 1, 4), To: date(2027, 1, 18)})
	if err != nil {
		t.Fatal(err)
	}
	for seed := uint64(1); seed <= 20; seed++ {
		v := newVoices(a)
		v.capacity = 16
		truth := map[string]int64{}
		x := seed
		var m Mention
		n := 3000
		for range n {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			u := float64(x%1_000_000) / 1_000_000
			author := fmt.Sprintf("@a%d", int(u*u*u*200))
			m.Author = []byte(author)
			v.add(&m, 0)
			truth[author]++
		}
		bound := int64(n / v.capacity)
		for author, c := range truth {
			e, ok := v.index[string(voiceKey(nil, "instagram", []byte(author)))]
			if !ok {
				if c > bound {
					t.Errorf("seed %d: %s has %d mentions (> %d) and is not followed", seed, author, c, bound)
				}
				continue
			}
			if e.count < c || e.count-e.err > c || e.err > bound {
				t.Errorf("seed %d: %s counted %d ± %d, truly %d (bound %d)", seed, author, e.count, e.err, c, bound)
			}
		}
	}
}
