package synth

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file writes the mention log's author and author_followers columns
// and counts what the audit's sentiment, volume and voices sections must
// find. Authors come from a fixed pool per platform, so the counters are
// sized by the strategy, never by the rows:
//
//   - fans: fanPool handles (@fan001 …), a few of them far more active
//     than the rest, with a few hundred to a few thousand followers;
//   - one untapped big voice (bigVoice) on the first channel's platform,
//     with far more followers than any fan, mentioning the brand now and
//     then;
//   - the strategy's organic influencers, on their own platform, now and
//     then: known voices that mention the brand.
//
// Some mentions have no author, some no follower count, and some spell
// the handle without @ or in capitals, as exports do.

const (
	fanPool      = 300
	bigVoice     = "@the_daily_scroll"
	bigFollowers = 240_000
)

// The sentiments, in the audit's order.
const (
	sPositive = iota
	sNeutral
	sNegative
	sUnknown
	nSentiments
)

// SentimentCounts counts mentions per sentiment as the audit reads them.
type SentimentCounts struct {
	Positive int64 `json:"positive"`
	Neutral  int64 `json:"neutral"`
	Negative int64 `json:"negative"`
	Unknown  int64 `json:"unknown"`
}

func (c *SentimentCounts) add(s int) {
	switch s {
	case sPositive:
		c.Positive++
	case sNeutral:
		c.Neutral++
	case sNegative:
		c.Negative++
	default:
		c.Unknown++
	}
}

// SentimentTruth is the sentiment mix of the used mentions. A value is
// positive, neutral or negative in any case or as pos, neu, neg; anything
// else (the generator writes "mixed" and empty values) is unknown.
type SentimentTruth struct {
	Overall SentimentCounts `json:"overall"`
	// Types follow ResponseTruth.Types; Channels the declared channels;
	// Weeks every ISO week that overlaps the period, by the mention's
	// local day in its channel's zone.
	Types    []NamedSentiment `json:"types"`
	Channels []NamedSentiment `json:"channels"`
	Weeks    []NamedSentiment `json:"weeks"`
	// Responses count each sentiment's mentions and answers; WithinSLA
	// is null with business hours, as in ResponseTruth.
	Responses []SentimentResponseTruth `json:"responses"`
}

// NamedSentiment is the sentiment mix of one type, channel or week.
type NamedSentiment struct {
	Name string `json:"name"`
	SentimentCounts
}

// SentimentResponseTruth counts the answers to one sentiment's mentions.
type SentimentResponseTruth struct {
	Sentiment string `json:"sentiment"`
	Mentions  int64  `json:"mentions"`
	Answered  int64  `json:"answered"`
	WithinSLA *int64 `json:"within_sla"`
	NoSLA     int64  `json:"no_sla"`
}

// VolumeTruth counts the used mentions per channel and week, and by
// weekday (0 Monday) and hour on the channel's clock.
type VolumeTruth struct {
	Channels []ChannelVolumeTruth `json:"channels"`
	Grid     [7][24]int64         `json:"grid"`
}

// ChannelVolumeTruth is one channel's mentions per week.
type ChannelVolumeTruth struct {
	Channel string  `json:"channel"`
	Weeks   []int64 `json:"weeks"`
}

// VoicesTruth is who wrote the used mentions.
type VoicesTruth struct {
	// Mentions counts the used mentions with an author; WithoutAuthor
	// those without.
	Mentions      int64 `json:"mentions"`
	WithoutAuthor int64 `json:"without_author"`
	// Authors counts the distinct authors (per platform).
	Authors int `json:"authors"`
	// MostMentions are the ten authors with the most mentions (ties by
	// platform, then handle); LargestAudience the ten with the largest
	// follower count seen (ties the same way).
	MostMentions    []VoiceTruth `json:"most_mentions"`
	LargestAudience []VoiceTruth `json:"largest_audience"`
}

// VoiceTruth is one author: its handle as the generator knows it (with @,
// lower case), platform, mentions, largest follower count (absent
// without one) and whether it is none of the strategy's influencers.
type VoiceTruth struct {
	Author    string `json:"author"`
	Platform  string `json:"platform"`
	Mentions  int64  `json:"mentions"`
	Followers *int64 `json:"followers"`
	Untapped  bool   `json:"untapped"`
}

// voiceAcc counts the authors of one platform: fans, the big voice, then
// the influencers.
type voiceAcc struct {
	mentions  []int64
	followers []int64 // largest seen, -1 without
}

// mentionAcc holds the counters of this file; its size depends on the
// strategy and the period only.
type mentionAcc struct {
	byType, byChan, byWeek []SentimentCounts
	all                    SentimentCounts
	resp                   [nSentiments]typeAcc
	chanWeek               [][]int64
	grid                   [7][24]int64
	platforms              []string
	voices                 []voiceAcc // per platform
	withAuthor, anonymous  int64
}

func (a *mentionAcc) init(g *histGen) {
	a.byType = make([]SentimentCounts, len(g.types))
	a.byChan = make([]SentimentCounts, len(g.chans))
	a.byWeek = make([]SentimentCounts, len(g.weeks))
	a.chanWeek = make([][]int64, len(g.chans))
	for i := range a.chanWeek {
		a.chanWeek[i] = make([]int64, len(g.weeks))
	}
	for _, c := range g.chans {
		if !slices.Contains(a.platforms, c.platform) {
			a.platforms = append(a.platforms, c.platform)
			n := fanPool + 1 + len(g.infl)
			v := voiceAcc{mentions: make([]int64, n), followers: make([]int64, n)}
			for i := range v.followers {
				v.followers[i] = -1
			}
			a.voices = append(a.voices, v)
		}
	}
}

// authorName is the handle of author index k on the platform.
func (g *histGen) authorName(k int) string {
	switch {
	case k < fanPool:
		return "@fan" + strconv.Itoa(1000 + k)[1:]
	case k == fanPool:
		return bigVoice
	}
	return strings.ToLower(g.infl[k-fanPool-1].handle)
}

// pickAuthor draws the author of a mention on channel ci: an index into
// the platform's pool, or -1 for none; and the follower count written,
// or -1 for none.
func (g *histGen) pickAuthor(ci int) (int, int64) {
	r, c := g.ra, &g.chans[ci]
	x := r.intn(1000)
	k := -1
	switch {
	case x < 30: // no author
		return -1, -1
	case ci == 0 && g.bigEvery():
		k = fanPool
	case x < 50 && len(c.infl) > 0:
		if in := c.infl[r.intn(len(c.infl))]; !g.infl[in].paid {
			k = fanPool + 1 + in
		}
	}
	if k < 0 {
		// A few fans write most: the cube of a uniform draw favours the
		// low indices.
		u := float64(r.intn(1<<20)) / (1 << 20)
		k = (int(u*u*u*fanPool) + 97*ci) % fanPool
	}
	if r.intn(10) == 0 {
		return k, -1
	}
	var base int64
	switch {
	case k < fanPool:
		base = 120 + int64(k*7919%4800)
	case k == fanPool:
		base = bigFollowers
	default:
		base = 20_000 + int64(k-fanPool)*3_500
	}
	return k, base + int64(r.intn(int(base/50)+1))
}

// authorField writes the author as an export might: now and then without
// the @ or in capitals.
func (g *histGen) authorField(k int) string {
	name := g.authorName(k)
	switch g.ra.intn(20) {
	case 0:
		return name[1:]
	case 1:
		return strings.ToUpper(name)
	}
	return name
}

// sentimentField writes a sentiment as an export might: now and then
// capitalised or short, and rarely a value the audit does not read.
func (g *histGen) sentimentField(s string) string {
	switch x := g.ra.intn(100); {
	case s == "":
		return ""
	case x < 2:
		return "mixed"
	case x < 8:
		return strings.ToUpper(s[:1]) + s[1:]
	case x < 12:
		return s[:3]
	}
	return s
}

// sentimentIndex reads a written value as the audit does.
func sentimentIndex(v string) int {
	switch strings.ToLower(v) {
	case "positive", "pos":
		return sPositive
	case "neutral", "neu":
		return sNeutral
	case "negative", "neg":
		return sNegative
	}
	return sUnknown
}

// useMentionVoice counts a used mention for the sentiment, volume and
// voices truth.
func (g *histGen) useMentionVoice(m *mention, answered, within, noSLA bool) {
	a := &g.acc.more
	c := &g.chans[m.ci]
	s := sentimentIndex(m.written)
	w := g.weekOf(g.localDay(c, m.recv))
	a.byType[m.typ].add(s)
	a.byChan[m.ci].add(s)
	a.byWeek[w].add(s)
	a.all.add(s)
	r := &a.resp[s]
	r.mentions++
	if answered {
		r.answered++
	}
	if within {
		r.within++
	}
	if noSLA {
		r.noSLA++
	}
	a.chanWeek[m.ci][w]++
	t := time.Unix(m.recv, 0).In(c.loc)
	a.grid[(int(t.Weekday())+6)%7][t.Hour()]++
	if m.author < 0 {
		a.anonymous++
		return
	}
	a.withAuthor++
	v := &a.voices[slices.Index(a.platforms, c.platform)]
	v.mentions[m.author]++
	v.followers[m.author] = max(v.followers[m.author], m.followers)
}

// moreTruth fills the sentiment, volume and voices truth.
func (g *histGen) moreTruth(t *HistoryTruth) {
	a := &g.acc.more
	known := func(n int64) *int64 {
		if g.bh != nil {
			return nil
		}
		return &n
	}
	st := &t.Sentiment
	st.Overall = a.all
	for i, typ := range g.types {
		st.Types = append(st.Types, NamedSentiment{Name: typ, SentimentCounts: a.byType[i]})
	}
	for i, c := range g.chans {
		st.Channels = append(st.Channels, NamedSentiment{Name: c.id, SentimentCounts: a.byChan[i]})
		t.Volume.Channels = append(t.Volume.Channels, ChannelVolumeTruth{Channel: c.id, Weeks: a.chanWeek[i]})
	}
	for i, w := range g.weeks {
		st.Weeks = append(st.Weeks, NamedSentiment{Name: w.Week, SentimentCounts: a.byWeek[i]})
	}
	for s, name := range []string{"positive", "neutral", "negative", "unknown"} {
		r := a.resp[s]
		st.Responses = append(st.Responses, SentimentResponseTruth{Sentiment: name, Mentions: r.mentions, Answered: r.answered,
			WithinSLA: known(r.within), NoSLA: r.noSLA})
	}
	t.Volume.Grid = a.grid

	vt := &t.Voices
	vt.Mentions, vt.WithoutAuthor = a.withAuthor, a.anonymous
	type cand struct {
		VoiceTruth
		key       string
		followers int64
	}
	var all []cand
	for pi, p := range a.platforms {
		v := &a.voices[pi]
		for k, n := range v.mentions {
			if n == 0 {
				continue
			}
			name := g.authorName(k)
			c := cand{VoiceTruth: VoiceTruth{Author: name, Platform: p, Mentions: n, Untapped: k <= fanPool}, key: p + "\x00" + name[1:], followers: v.followers[k]}
			if f := v.followers[k]; f >= 0 {
				c.Followers = &f
			}
			all = append(all, c)
		}
	}
	vt.Authors = len(all)
	slices.SortFunc(all, func(x, y cand) int {
		if x.Mentions != y.Mentions {
			return int(y.Mentions - x.Mentions)
		}
		return strings.Compare(x.key, y.key)
	})
	vt.MostMentions = []VoiceTruth{}
	for _, c := range all[:min(10, len(all))] {
		vt.MostMentions = append(vt.MostMentions, c.VoiceTruth)
	}
	slices.SortFunc(all, func(x, y cand) int {
		if x.followers != y.followers {
			if x.followers > y.followers {
				return -1
			}
			return 1
		}
		return strings.Compare(x.key, y.key)
	})
	vt.LargestAudience = []VoiceTruth{}
	for _, c := range all[:min(10, len(all))] {
		if c.followers >= 0 {
			vt.LargestAudience = append(vt.LargestAudience, c.VoiceTruth)
		}
	}
}

// lateShare is the threshold of a late answer: negative mentions are
// answered late three times as often as the rest, the classic failure the
// audit's response times by sentiment show.
func (g *histGen) lateShare(sentiment string) uint64 {
	if sentiment == "negative" {
		return min(g.tLateAnswer*3, 1<<53)
	}
	return g.tLateAnswer
}

// fastest is the shortest answer within the SLA, in thousandths of it:
// negative mentions are not answered in the first minutes either.
func (g *histGen) fastest(sentiment string) int64 {
	if sentiment == "negative" {
		return 400
	}
	return 50
}

// firstAnswer is the range of seconds after the next opening at which a
// mention that came in after hours is answered: negative ones wait in the
// queue behind the rest.
func (g *histGen) firstAnswer(sentiment string) (int64, int64) {
	if sentiment == "negative" {
		return 1800, 7200
	}
	return 60, 1200
}

// bigEvery reports whether this mention on the first channel is the big
// voice's (firstChanMentions counts them): every bigVoiceEvery-th one, so every history long enough has
// it, whatever the seed.
func (g *histGen) bigEvery() bool {
	g.firstChanMentions++
	return g.firstChanMentions%bigVoiceEvery == 5
}

// bigVoiceEvery is how often the big voice writes on the first channel.
const bigVoiceEvery = 25
