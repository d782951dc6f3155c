package synth_test

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/internal/synth"
)

// mentionsMore reads the sentiment mix, the volume and the voices back
// from the mention log, independently of the generator: the used rows are
// those mentions counted (unique id, known channel, inside the period,
// readable times).
func (rb *reader) mentionsMore(got *synth.HistoryTruth, data []byte) {
	s := rb.s
	bh := s.Community != nil && s.Community.BusinessHours != nil
	var weeks []string
	for m := rb.from.AddDays(-((int(rb.from.Time().Weekday()) + 6) % 7)); m.Before(rb.to); m = m.AddDays(7) {
		y, w := m.Time().ISOWeek()
		weeks = append(weeks, fmt.Sprintf("%04d-W%02d", y, w))
	}
	byType := map[string]*synth.SentimentCounts{}
	byChan := make([]synth.SentimentCounts, len(s.Channels))
	byWeek := make([]synth.SentimentCounts, len(weeks))
	var resp [4]synth.SentimentResponseTruth
	var within [4]int64
	vol := make([][]int64, len(s.Channels))
	for i := range vol {
		vol[i] = make([]int64, len(weeks))
	}
	type author struct {
		platform, handle string
		mentions         int64
		followers        int64
	}
	authors := map[string]*author{}
	var order []string
	v := &got.Voices

	seen := map[string]bool{}
	for _, rec := range records(rb.t, data, 8) {
		recv, err1 := time.Parse(time.RFC3339, rec[2])
		var answered time.Time
		var err2 error
		if rec[3] != "" {
			answered, err2 = time.Parse(time.RFC3339, rec[3])
		}
		if err1 != nil || err2 != nil || rec[3] != "" && answered.Before(recv) || seen[rec[0]] {
			continue
		}
		seen[rec[0]] = true
		ci, known := rb.chans[rec[1]]
		if !known {
			continue
		}
		local := recv.In(rb.locs[rec[1]])
		day := time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, time.UTC)
		from := time.Date(rb.from.Year, rb.from.Month, rb.from.Day, 12, 0, 0, 0, time.UTC)
		to := time.Date(rb.to.Year, rb.to.Month, rb.to.Day, 12, 0, 0, 0, time.UTC)
		if day.Before(from) || !day.Before(to) {
			continue
		}
		y, w := day.ISOWeek()
		wi := slices.Index(weeks, fmt.Sprintf("%04d-W%02d", y, w))

		sent := 3
		switch strings.ToLower(rec[5]) {
		case "positive", "pos":
			sent = 0
		case "neutral", "neu":
			sent = 1
		case "negative", "neg":
			sent = 2
		}
		add := func(c *synth.SentimentCounts) {
			*[]*int64{&c.Positive, &c.Neutral, &c.Negative, &c.Unknown}[sent]++
		}
		if byType[rec[4]] == nil {
			byType[rec[4]] = &synth.SentimentCounts{}
		}
		add(byType[rec[4]])
		add(&byChan[ci])
		add(&byWeek[wi])
		add(&got.Sentiment.Overall)
		r := &resp[sent]
		r.Mentions++
		sla := slaOf(s, rec[4], ci)
		if sla == 0 {
			r.NoSLA++
		}
		if rec[3] != "" {
			r.Answered++
			if sla > 0 && answered.Sub(recv) <= sla {
				within[sent]++
			}
		}
		vol[ci][wi]++
		got.Volume.Grid[(int(local.Weekday())+6)%7][local.Hour()]++

		if rec[6] == "" {
			v.WithoutAuthor++
			continue
		}
		v.Mentions++
		platform := s.Channels[ci].Platform
		h := strings.ToLower(strings.TrimPrefix(rec[6], "@"))
		key := platform + "\x00" + h
		a := authors[key]
		if a == nil {
			a = &author{platform: platform, handle: h, followers: -1}
			authors[key] = a
			order = append(order, key)
		}
		a.mentions++
		if rec[7] != "" {
			f, err := strconv.ParseInt(rec[7], 10, 64)
			if err != nil {
				rb.t.Fatalf("author_followers %q: %v", rec[7], err)
			}
			a.followers = max(a.followers, f)
		}
	}

	st := &got.Sentiment
	for _, tt := range got.Responses.Types {
		c := synth.SentimentCounts{}
		if p := byType[tt.Type]; p != nil {
			c = *p
		}
		st.Types = append(st.Types, synth.NamedSentiment{Name: tt.Type, SentimentCounts: c})
	}
	for ci, c := range s.Channels {
		st.Channels = append(st.Channels, synth.NamedSentiment{Name: c.ID, SentimentCounts: byChan[ci]})
		got.Volume.Channels = append(got.Volume.Channels, synth.ChannelVolumeTruth{Channel: c.ID, Weeks: vol[ci]})
	}
	for wi, w := range weeks {
		st.Weeks = append(st.Weeks, synth.NamedSentiment{Name: w, SentimentCounts: byWeek[wi]})
	}
	for i, name := range []string{"positive", "neutral", "negative", "unknown"} {
		r := resp[i]
		r.Sentiment = name
		if !bh {
			n := within[i]
			r.WithinSLA = &n
		}
		st.Responses = append(st.Responses, r)
	}

	influencer := func(a *author) bool {
		for _, in := range s.Influencers {
			if in.Platform == a.platform && strings.EqualFold(strings.TrimPrefix(in.Handle, "@"), a.handle) {
				return true
			}
		}
		return false
	}
	all := make([]*author, 0, len(order))
	for _, k := range order {
		all = append(all, authors[k])
	}
	v.Authors = len(all)
	truth := func(a *author) synth.VoiceTruth {
		vt := synth.VoiceTruth{Author: "@" + a.handle, Platform: a.platform, Mentions: a.mentions, Untapped: !influencer(a)}
		if a.followers >= 0 {
			f := a.followers
			vt.Followers = &f
		}
		return vt
	}
	byKey := func(x, y *author) int {
		return cmp.Or(strings.Compare(x.platform, y.platform), strings.Compare(x.handle, y.handle))
	}
	slices.SortFunc(all, func(x, y *author) int { return cmp.Or(cmp.Compare(y.mentions, x.mentions), byKey(x, y)) })
	v.MostMentions = []synth.VoiceTruth{}
	for _, a := range all[:min(10, len(all))] {
		v.MostMentions = append(v.MostMentions, truth(a))
	}
	slices.SortFunc(all, func(x, y *author) int { return cmp.Or(cmp.Compare(y.followers, x.followers), byKey(x, y)) })
	v.LargestAudience = []synth.VoiceTruth{}
	for _, a := range all[:min(10, len(all))] {
		if a.followers >= 0 {
			v.LargestAudience = append(v.LargestAudience, truth(a))
		}
	}
}
