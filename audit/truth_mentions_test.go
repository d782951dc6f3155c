package audit

import (
	"strings"
	"testing"

	"github.com/pillar-strategy/pillar/internal/synth"
)

// compareMentionTruth checks the sentiment mix, the mention volume and the
// voices against the generator's truth.
func compareMentionTruth(t *testing.T, r *Report, tr *synth.HistoryTruth) {
	t.Helper()
	if r.Sentiment == nil || r.Volume == nil {
		t.Fatal("no sentiment or volume with a mention log")
	}
	counts := func(m SentimentMix) synth.SentimentCounts {
		return synth.SentimentCounts{Positive: m.Positive, Neutral: m.Neutral, Negative: m.Negative, Unknown: m.Unknown}
	}
	st := tr.Sentiment
	if got := counts(r.Sentiment.Overall); got != st.Overall {
		t.Errorf("sentiment: %+v, want %+v", got, st.Overall)
	}
	if tr.Responses.Mentions >= 100 && (st.Overall.Unknown == 0 || st.Overall.Negative == 0) {
		t.Errorf("the history has no unknown or no negative sentiment: %+v", st.Overall)
	}
	byName := func(l []SentimentMix) map[string]synth.SentimentCounts {
		m := map[string]synth.SentimentCounts{}
		for _, x := range l {
			m[x.Name] = counts(x)
		}
		return m
	}
	for what, c := range map[string]struct {
		got  map[string]synth.SentimentCounts
		want []synth.NamedSentiment
	}{"type": {byName(r.Sentiment.Types), st.Types}, "channel": {byName(r.Sentiment.Channels), st.Channels}} {
		for _, w := range c.want {
			if c.got[w.Name] != w.SentimentCounts {
				t.Errorf("sentiment of %s %s: %+v, want %+v", what, w.Name, c.got[w.Name], w.SentimentCounts)
			}
		}
	}
	if len(r.Sentiment.Weeks) != len(st.Weeks) {
		t.Fatalf("sentiment: %d weeks, want %d", len(r.Sentiment.Weeks), len(st.Weeks))
	}
	for i, w := range st.Weeks {
		if got := r.Sentiment.Weeks[i]; got.Week != w.Name || counts(got.SentimentMix) != w.SentimentCounts {
			t.Errorf("sentiment of %s: %+v, want %+v", w.Name, got, w)
		}
	}
	for i, w := range st.Responses {
		got := r.Sentiment.ResponseSentiment[i]
		if got.Sentiment != w.Sentiment || got.Mentions != w.Mentions || got.Answered != w.Answered || got.NoSLA != w.NoSLA ||
			(w.WithinSLA != nil && got.WithinSLA != *w.WithinSLA) {
			t.Errorf("responses of %s: %+v, want %+v", w.Sentiment, got, w)
		}
	}

	v := r.Volume
	if v.Grid != tr.Volume.Grid {
		t.Errorf("mentions by hour of the week: %v, want %v", v.Grid, tr.Volume.Grid)
	}
	for ci, c := range tr.Volume.Channels {
		got := v.Channels[ci]
		for wi, n := range c.Weeks {
			if got.Channel != c.Channel || got.Weeks[wi].Mentions != n {
				t.Errorf("mentions of %s in week %d: %d, want %d", c.Channel, wi, got.Weeks[wi].Mentions, n)
			}
		}
	}
	if v.Mentions != tr.Responses.Mentions {
		t.Errorf("volume: %d mentions, want %d", v.Mentions, tr.Responses.Mentions)
	}

	vt := tr.Voices
	vr := r.Voices
	if vr == nil {
		t.Fatal("no voices with an author column")
	}
	if vr.Mentions != vt.Mentions || vr.WithoutAuthor != vt.WithoutAuthor || vr.Exact != (vt.Authors <= vr.Capacity) {
		t.Errorf("voices: %d with an author, %d without, exact %v; want %d, %d, %d authors", vr.Mentions, vr.WithoutAuthor, vr.Exact,
			vt.Mentions, vt.WithoutAuthor, vt.Authors)
	}
	for what, c := range map[string]struct {
		got  []Voice
		want []synth.VoiceTruth
	}{"most mentions": {vr.MostMentions, vt.MostMentions}, "largest audience": {vr.LargestAudience, vt.LargestAudience}} {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: %d authors, want %d", what, len(c.got), len(c.want))
			continue
		}
		for i, w := range c.want {
			g := c.got[i]
			same := strings.EqualFold(strings.TrimPrefix(g.Author, "@"), strings.TrimPrefix(w.Author, "@")) && g.Platform == w.Platform &&
				g.Mentions != nil && *g.Mentions == w.Mentions && g.Untapped == w.Untapped &&
				(g.Followers == nil) == (w.Followers == nil) && (w.Followers == nil || *g.Followers == *w.Followers)
			if !same {
				t.Errorf("%s %d: %s on %s, %v mentions, %v followers, untapped %v; want %+v", what, i+1, g.Author, g.Platform,
					derefInt(g.Mentions), derefInt(g.Followers), g.Untapped, w)
			}
		}
	}
}

// derefInt is *p, or nil for a nil p, for messages.
func derefInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
