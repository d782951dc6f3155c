package audit

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/pillar-strategy/pillar/internal/numfmt"
)

// This file measures what the mention log tells beyond response times:
// the sentiment mix, the volume per week and hour, and (voices.go) who
// writes the mentions. Every table is sized by the strategy and the period
// (channels, mention types, weeks, 7 × 24 hours), never by the rows.

// The sentiments a mention is counted under, in report order.
const (
	sentPositive = iota
	sentNeutral
	sentNegative
	sentUnknown
	numSentiments
)

var sentimentNames = [numSentiments]string{"positive", "neutral", "negative", "unknown"}

// sentimentSpellings are the values read as each known sentiment,
// compared without regard to case: the full words that social listening
// and inbox tools export (Positive, NEUTRAL, negative) and their common
// three-letter short forms. Anything else, numbers included (a score of 1
// means positive on one scale and negative on another), is unknown.
var sentimentSpellings = [sentUnknown][]string{
	sentPositive: {"positive", "pos"},
	sentNeutral:  {"neutral", "neu"},
	sentNegative: {"negative", "neg"},
}

// sentimentOf returns the sentiment a value is read as (already trimmed).
func sentimentOf(b []byte) int {
	if len(b) == 0 || len(b) > len("negative") {
		return sentUnknown
	}
	for s, spellings := range sentimentSpellings {
		for _, w := range spellings {
			if bytes.EqualFold(b, []byte(w)) {
				return s
			}
		}
	}
	return sentUnknown
}

// sentTook holds response times in seconds, one list per sentiment, so
// the times of a mention type and of a sentiment are both at hand.
type sentTook [numSentiments][]uint32

// sentCounts counts mentions per sentiment.
type sentCounts [numSentiments]int64

// sentResp are the response totals of one sentiment.
type sentResp struct{ mentions, answered, within, noSLA int64 }

// mentionTotals accumulates the sentiment mix, volume and voices.
type mentionTotals struct {
	byType       []sentCounts // per mention type, as responses numbers them
	byChannel    []sentCounts
	byWeek       []sentCounts
	all          sentCounts
	unrecognized nameCounter // values read as unknown that were not empty
	resp         [numSentiments]sentResp

	chanWeek [][]int64 // mentions per channel and week
	grid     [7 * 24]int64
	voices   *voices
}

func newMentionTotals(a *auditor) *mentionTotals {
	t := &mentionTotals{
		byChannel: make([]sentCounts, len(a.channels)),
		byWeek:    make([]sentCounts, len(a.weeks)),
		chanWeek:  make([][]int64, len(a.channels)),
		voices:    newVoices(a),
	}
	for i := range t.chanWeek {
		t.chanWeek[i] = make([]int64, len(a.weeks))
	}
	return t
}

// mentionSeen counts a used mention on channel ci, local day day, of
// response type ti, with sentiment sent.
func (a *auditor) mentionSeen(m *Mention, ci, day, ti, sent int, answered, within, noSLA bool) {
	t := a.mtot
	if t == nil {
		t = newMentionTotals(a)
		a.mtot = t
	}
	for len(t.byType) <= ti {
		t.byType = append(t.byType, sentCounts{})
	}
	w := a.dayWeek[day]
	t.byType[ti][sent]++
	t.byChannel[ci][sent]++
	t.byWeek[w][sent]++
	t.all[sent]++
	if sent == sentUnknown && len(m.Sentiment) > 0 {
		t.unrecognized.add(m.Sentiment)
	}
	r := &t.resp[sent]
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

	t.chanWeek[ci][w]++
	ch := a.channels[ci]
	t.grid[a.dayWkday[day]*24+ch.hour(m.ReceivedAt.Unix(), day)]++

	t.voices.add(m, ci)
}

// mix turns sentiment counts into a SentimentMix named name.
func (c *sentCounts) mix(name string) SentimentMix {
	var n int64
	for _, v := range c {
		n += v
	}
	known := n - c[sentUnknown]
	return SentimentMix{
		Name: name, Mentions: n,
		Positive: c[sentPositive], Neutral: c[sentNeutral], Negative: c[sentNegative], Unknown: c[sentUnknown],
		Shares: SentimentShares{
			Positive: percent(c[sentPositive], n), Neutral: percent(c[sentNeutral], n),
			Negative: percent(c[sentNegative], n), Unknown: percent(c[sentUnknown], n),
		},
		NegativeShare: percent(c[sentNegative], known),
	}
}

// sentimentReport builds the sentiment mix; t may be nil when no mention
// was used.
func (a *auditor) sentimentReport(t *mentionTotals) *SentimentReport {
	if t == nil {
		t = newMentionTotals(a)
	}
	rep := &SentimentReport{
		Spellings:         map[string][]string{},
		Overall:           t.all.mix(""),
		Types:             []SentimentMix{},
		Channels:          []SentimentMix{},
		Weeks:             []WeekSentiment{},
		Unrecognized:      t.unrecognized.list(),
		ResponseSentiment: []SentimentResponse{},
	}
	if rep.Unrecognized == nil {
		rep.Unrecognized = []NameCount{}
	}
	for s, sp := range sentimentSpellings {
		rep.Spellings[sentimentNames[s]] = sp
	}
	if k := a.s.KPIs; k != nil && k.NegativeShare != nil {
		rep.Target = ptr(k.NegativeShare.Target)
	}
	for i, rt := range a.resp.types {
		var c sentCounts
		if i < len(t.byType) {
			c = t.byType[i]
		}
		rep.Types = append(rep.Types, c.mix(rt.name))
	}
	for i, ch := range a.channels {
		rep.Channels = append(rep.Channels, t.byChannel[i].mix(ch.c.ID))
	}
	for i, w := range a.weeks {
		rep.Weeks = append(rep.Weeks, WeekSentiment{Week: w.key, Start: w.monday, Whole: w.whole, SentimentMix: t.byWeek[i].mix(w.key)})
	}
	// Response times per sentiment: the per-type lists hold each
	// sentiment's times apart, so nearest rank runs over one sentiment's
	// lists of every type.
	for s := range numSentiments {
		r := t.resp[s]
		sr := SentimentResponse{Sentiment: sentimentNames[s], Mentions: r.mentions, Answered: r.answered,
			WithinSLA: r.within, NoSLA: r.noSLA, Share: percent(r.within, r.mentions-r.noSLA)}
		if r.answered > 0 {
			var lists [][]uint32
			for _, rt := range a.resp.types {
				lists = append(lists, rt.durations[s])
			}
			sr.Median = ptr(nearestRank(lists, 50))
			sr.P90 = ptr(nearestRank(lists, 90))
		}
		rep.ResponseSentiment = append(rep.ResponseSentiment, sr)
	}
	return rep
}

// busiestHours is how many hours of the week the report lists.
const busiestHours = 5

// volumeReport builds the mention volume; t may be nil.
func (a *auditor) volumeReport(t *mentionTotals) *VolumeReport {
	if t == nil {
		t = newMentionTotals(a)
	}
	weeks := float64(a.days) / 7
	rep := &VolumeReport{Weeks: weeks, Channels: []ChannelVolume{}, Totals: make([]WeekVolume, len(a.weeks)), Busiest: []HourVolume{}}
	for i, w := range a.weeks {
		rep.Totals[i] = WeekVolume{Week: w.key, Start: w.monday, Whole: w.whole}
	}
	for ci, ch := range a.channels {
		cv := ChannelVolume{Channel: ch.c.ID, Weeks: make([]WeekVolume, len(a.weeks))}
		for i, w := range a.weeks {
			n := t.chanWeek[ci][i]
			cv.Weeks[i] = WeekVolume{Week: w.key, Start: w.monday, Whole: w.whole, Mentions: n}
			cv.Mentions += n
			rep.Totals[i].Mentions += n
		}
		cv.PerWeek = ptr(float64(cv.Mentions) / weeks)
		rep.Mentions += cv.Mentions
		rep.Channels = append(rep.Channels, cv)
	}
	rep.PerWeek = ptr(float64(rep.Mentions) / weeks)
	for d := range 7 {
		for h := range 24 {
			rep.Grid[d][h] = t.grid[d*24+h]
		}
	}
	var hours []HourVolume
	for b, n := range t.grid {
		if n > 0 {
			hours = append(hours, HourVolume{Weekday: weekdayNames[b/24], Hour: b % 24, Mentions: n, Share: *percent(n, rep.Mentions)})
		}
	}
	// Most mentions first; a tie goes to the earlier hour of the week
	// (the sort is stable over the grid's Monday-first order).
	sort.SliceStable(hours, func(i, j int) bool { return hours[i].Mentions > hours[j].Mentions })
	rep.Busiest = append(rep.Busiest, hours[:min(busiestHours, len(hours))]...)
	return rep
}

// negativeCheck is the negative_share verdict: a ceiling, met when the
// share of negative mentions among those with a known sentiment is at or
// below the target.
func negativeCheck(target float64, r *Report) Check {
	c := Check{KPI: KPINegative, Target: target, Unit: "%"}
	switch {
	case r.Sentiment == nil:
		c.Detail = "not measured: no mention log given (--mentions)"
	case r.Sentiment.Overall.NegativeShare == nil:
		c.Detail = "not measured: no mention in the period has a known sentiment"
	default:
		o := r.Sentiment.Overall
		c.Actual = o.NegativeShare
		c.Met = *c.Actual <= c.Target
		c.Detail = fmt.Sprintf("%s negative of %s with a known sentiment", numfmt.Int(o.Negative), numfmt.Count(o.Mentions-o.Unknown, "mention", ""))
		if o.Unknown > 0 {
			c.Detail += fmt.Sprintf("; %s unknown", numfmt.Int(o.Unknown))
		}
	}
	return c
}
