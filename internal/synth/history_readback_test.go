package synth_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pillar-strategy/pillar/internal/synth"
	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// This file reads a generated history back the plain way, row by row with
// encoding/csv and time.Parse, and counts what HistoryTruth claims. The
// generator builds its truth as it writes; agreeing with a reading of the
// files is what makes that truth worth testing an audit against.

// readBack counts the files like HistoryTruth does.
func readBack(t *testing.T, s *strategy.Strategy, from, to strategy.Date, posts, mentions []byte) *synth.HistoryTruth {
	t.Helper()
	cal, err := planner.Plan(s, planner.Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	rb := &reader{t: t, s: s, from: from, to: to, chans: map[string]int{}, locs: map[string]*time.Location{}}
	got := &synth.HistoryTruth{Brand: s.Brand.Name, From: from, To: to}
	brandTZ := s.Brand.Timezone
	if brandTZ == "" {
		brandTZ = "UTC"
	}
	for i, c := range s.Channels {
		rb.chans[c.ID] = i
		tz := c.Timezone
		if tz == "" {
			tz = brandTZ
		}
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Fatal(err)
		}
		rb.locs[c.ID] = loc
		ct := synth.ChannelTruth{Channel: c.ID, Pillars: []synth.PillarTruth{}}
		for m := from.AddDays(-((int(from.Time().Weekday()) + 6) % 7)); m.Before(to); m = m.AddDays(7) {
			y, w := m.Time().ISOWeek()
			ct.Weeks = append(ct.Weeks, synth.WeekTruth{Week: fmt.Sprintf("%04d-W%02d", y, w), Start: m})
		}
		for _, p := range s.Pillars {
			ct.Pillars = append(ct.Pillars, synth.PillarTruth{Pillar: p.ID})
		}
		got.Channels = append(got.Channels, ct)
	}
	// Slots and tactic occurrences of the plan.
	slots := map[string][]time.Time{}
	occ := map[string]bool{} // tactic|channel|date → executed
	tposts := map[string][]rbPost{}
	for _, sl := range cal.Slots {
		slots[sl.Channel] = append(slots[sl.Channel], sl.Start)
		if sl.Tactic != "" {
			occ[sl.Tactic+"|"+sl.Channel+"|"+sl.Day()] = false
		}
	}
	var months []string
	for m := from; m.Before(to); m = m.AddDays(1) {
		if k := m.String()[:7]; !slices.Contains(months, k) {
			months = append(months, k)
		}
	}
	inflMonths := make([]map[string]int64, len(s.Influencers))
	for i := range inflMonths {
		inflMonths[i] = map[string]int64{}
	}
	var disc []string
	if s.Community != nil {
		for _, d := range s.Community.DisclosureTags {
			disc = append(disc, strings.ToLower(strings.TrimPrefix(d, "#")))
		}
	}
	got.Disclosure.MissingIDs = []string{}

	seen := map[string]bool{}
	firstAt := make([]time.Time, len(got.Channels))
	lastAt := make([]time.Time, len(got.Channels))
	for _, rec := range records(t, posts, 15) {
		got.Posts.Rows++
		at, err := time.Parse(time.RFC3339, rec[1])
		ms, ok := postMetrics(rec[7:14])
		followers, fok := postFollowers(rec[14])
		if err != nil || !ok || !fok {
			got.Posts.Rejected++
			continue
		}
		if seen[rec[0]] {
			got.Posts.Rejected++
			got.Posts.Duplicates++
			continue
		}
		seen[rec[0]] = true
		ci, known := rb.chans[rec[2]]
		if !known {
			got.Posts.UnknownChannel++
			continue
		}
		local := at.In(rb.locs[rec[2]])
		day := strategy.DateOf(local)
		if day.Before(from) || !day.Before(to) {
			got.Posts.OutsidePeriod++
			continue
		}
		got.Posts.Used++
		c := &got.Channels[ci]
		c.Posts++
		w := &c.Weeks[int(day.Time().Sub(c.Weeks[0].Start.Time()).Hours())/24/7]
		w.Posts++
		w.Clicks += ms[4]
		if followers >= 0 {
			f := &c.Followers
			f.Posts++
			stamp := local.Format(time.RFC3339)
			if f.Posts == 1 || at.Before(firstAt[ci]) {
				firstAt[ci], f.FirstAt, f.First = at, stamp, followers
			}
			if f.Posts == 1 || at.After(lastAt[ci]) {
				lastAt[ci], f.LastAt, f.Last = at, stamp, followers
			}
			f.Measured = firstAt[ci].Before(lastAt[ci])
		}
		pil, byText := rb.pillarOf(rec[3], rec[5])
		switch {
		case pil < 0:
			c.Unclassified++
		default:
			c.Classified++
			c.Pillars[pil].Posts++
			if byText {
				c.ByText++
				c.Pillars[pil].ByText++
			}
		}
		if near(slots[rec[2]], at, 60*time.Minute) {
			c.OnTime++
		} else {
			c.Late++
		}
		e := &c.Engagement
		addMetrics(&e.All, ms)
		if ms[6] > 0 {
			e.Posts++
			e.Interactions += ms[0] + ms[1] + ms[2] + ms[3] + ms[4]
			e.Reach += ms[6]
			addMetrics(&e.WithReach, ms)
		} else {
			e.Excluded++
		}
		if rec[4] != "" {
			key := rec[4] + "|" + rec[2] + "|" + day.String()
			if _, planned := occ[key]; planned {
				occ[key] = true
				tposts[key] = append(tposts[key], rbPost{ms: ms, reach: rec[13] != "", followers: followers})
			}
		}
		paid := false
		for _, h := range strings.Fields(rec[6]) {
			for i, in := range s.Influencers {
				if in.Platform == s.Channels[ci].Platform && strings.EqualFold(strings.TrimPrefix(h, "@"), strings.TrimPrefix(in.Handle, "@")) {
					inflMonths[i][day.String()[:7]]++
					paid = paid || in.Relationship == "paid" && in.Status == "partner"
				}
			}
		}
		if paid {
			got.Disclosure.Checked++
			disclosed := false
			for _, tok := range tokenize(rec[5]) {
				if tok.hashtag && slices.Contains(disc, tok.text) {
					disclosed = true
				}
			}
			if !disclosed {
				got.Disclosure.Missing++
				got.Disclosure.MissingIDs = append(got.Disclosure.MissingIDs, rec[0])
			}
		}
	}
	got.Tactics = []synth.TacticTruth{}
	for _, tac := range s.Tactics {
		tt := synth.TacticTruth{Tactic: tac.ID, MissedOn: []synth.Occurrence{}}
		var executed []rbOcc
		for _, sl := range cal.Slots {
			key := sl.Tactic + "|" + sl.Channel + "|" + sl.Day()
			done, ok := occ[key]
			if sl.Tactic != tac.ID || !ok {
				continue
			}
			delete(occ, key) // count each occurrence once
			tt.Planned++
			if done {
				tt.Executed++
				d, _ := strategy.ParseDate(sl.Day())
				executed = append(executed, rbOcc{d, sl.Channel, rb.chans[sl.Channel], tposts[key]})
			} else {
				tt.Missed++
				d, _ := strategy.ParseDate(sl.Day())
				tt.MissedOn = append(tt.MissedOn, synth.Occurrence{Date: d, Channel: sl.Channel})
			}
		}
		tt.KPIs = readBackTacticKPIs(s, tac, executed)
		got.Tactics = append(got.Tactics, tt)
	}
	got.Influencers = []synth.InfluencerTruth{}
	for i, in := range s.Influencers {
		it := synth.InfluencerTruth{Handle: in.Handle, Cap: in.MaxMentionsPerMonth}
		for _, m := range months {
			n := inflMonths[i][m]
			it.Mentions += n
			it.Months = append(it.Months, synth.MonthTruth{Month: m, Mentions: n})
			it.OverCap = it.OverCap || in.MaxMentionsPerMonth > 0 && n > int64(in.MaxMentionsPerMonth)
		}
		got.Influencers = append(got.Influencers, it)
	}
	if mentions != nil {
		rb.mentions(got, mentions)
		rb.mentionsMore(got, mentions)
	}
	return got
}

type reader struct {
	t        *testing.T
	s        *strategy.Strategy
	from, to strategy.Date
	chans    map[string]int
	locs     map[string]*time.Location
}

func records(t *testing.T, data []byte, fields int) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = fields
	header, err := r.Read()
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	if len(header) != fields {
		t.Fatalf("header has %d fields", len(header))
	}
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("row %d: %v", len(out)+1, err)
		}
		out = append(out, rec)
	}
}

// postMetrics reads the seven metric columns; empty is 0, anything but a
// non-negative integer is unreadable.
func postMetrics(cols []string) (ms [7]int64, ok bool) {
	for i, c := range cols {
		if c == "" {
			continue
		}
		n, err := strconv.ParseInt(c, 10, 64)
		if err != nil || n < 0 {
			return ms, false
		}
		ms[i] = n
	}
	return ms, true
}

// postFollowers reads the followers column: -1 when empty.
func postFollowers(c string) (int64, bool) {
	if c == "" {
		return -1, true
	}
	n, err := strconv.ParseInt(c, 10, 64)
	return n, err == nil && n >= 0
}

func addMetrics(m *synth.Metrics, ms [7]int64) {
	m.Likes += ms[0]
	m.Comments += ms[1]
	m.Shares += ms[2]
	m.Saves += ms[3]
	m.Clicks += ms[4]
	m.Impressions += ms[5]
	m.Reach += ms[6]
}

func near(slots []time.Time, at time.Time, tol time.Duration) bool {
	for _, s := range slots {
		if d := at.Sub(s); d >= -tol && d <= tol {
			return true
		}
	}
	return false
}

type token struct {
	text    string
	hashtag bool
}

// tokenize splits a text into lower-cased words; a word right after # is a
// hashtag.
func tokenize(text string) []token {
	var out []token
	var cur []rune
	hashtag, prev := false, ' '
	flush := func() {
		if len(cur) > 0 {
			out = append(out, token{string(cur), hashtag})
			cur = cur[:0]
		}
	}
	for _, r := range text {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if len(cur) == 0 {
				hashtag = prev == '#'
			}
			cur = append(cur, unicode.ToLower(r))
		} else {
			flush()
		}
		prev = r
	}
	flush()
	return out
}

// pillarOf classifies a post: its pillar column, else the one pillar whose
// hashtags or keywords its text holds as whole words.
func (rb *reader) pillarOf(col, text string) (int, bool) {
	for i, p := range rb.s.Pillars {
		if col != "" && p.ID == col {
			return i, false
		}
	}
	if col != "" {
		rb.t.Errorf("pillar column %q is no pillar", col)
		return -1, false
	}
	toks := tokenize(text)
	var words []string
	for _, tk := range toks {
		words = append(words, tk.text)
	}
	joined := " " + strings.Join(words, " ") + " "
	found := -1
	for i, p := range rb.s.Pillars {
		hit := false
		for _, h := range p.Hashtags {
			h = strings.ToLower(strings.TrimPrefix(h, "#"))
			for _, tk := range toks {
				hit = hit || tk.hashtag && tk.text == h
			}
		}
		for _, k := range p.Keywords {
			var kw []string
			for _, tk := range tokenize(k) {
				kw = append(kw, tk.text)
			}
			hit = hit || len(kw) > 0 && strings.Contains(joined, " "+strings.Join(kw, " ")+" ")
		}
		if hit {
			if found >= 0 {
				return -1, false // two pillars: ambiguous
			}
			found = i
		}
	}
	return found, found >= 0
}

func (rb *reader) mentions(got *synth.HistoryTruth, data []byte) {
	s := rb.s
	r := &got.Responses
	r.BusinessHours = s.Community != nil && s.Community.BusinessHours != nil
	var within int64
	byType := map[string]*synth.TypeTruth{}
	seen := map[string]bool{}
	for _, rec := range records(rb.t, data, 8) {
		got.Mentions.Rows++
		recv, err1 := time.Parse(time.RFC3339, rec[2])
		var resp time.Time
		var err2 error
		if rec[3] != "" {
			resp, err2 = time.Parse(time.RFC3339, rec[3])
		}
		if err1 != nil || err2 != nil || rec[3] != "" && resp.Before(recv) {
			got.Mentions.Rejected++
			continue
		}
		if seen[rec[0]] {
			got.Mentions.Rejected++
			got.Mentions.Duplicates++
			continue
		}
		seen[rec[0]] = true
		ci, known := rb.chans[rec[1]]
		if !known {
			got.Mentions.UnknownChannel++
			continue
		}
		day := strategy.DateOf(recv.In(rb.locs[rec[1]]))
		if day.Before(rb.from) || !day.Before(rb.to) {
			got.Mentions.OutsidePeriod++
			continue
		}
		got.Mentions.Used++
		tt := byType[rec[4]]
		if tt == nil {
			tt = &synth.TypeTruth{Type: rec[4]}
			byType[rec[4]] = tt
		}
		r.Mentions++
		tt.Mentions++
		sla := slaOf(s, rec[4], ci)
		if sla == 0 {
			r.NoSLA++
		}
		if rec[3] == "" {
			r.Unanswered++
			tt.Unanswered++
			continue
		}
		r.Answered++
		tt.Answered++
		if sla > 0 && resp.Sub(recv) <= sla {
			within++
			if tt.WithinSLA == nil {
				tt.WithinSLA = new(int64)
			}
			*tt.WithinSLA++
		}
	}
	if !r.BusinessHours {
		r.WithinSLA = &within
	}
	r.Types = []synth.TypeTruth{}
	var order []string
	if s.Community != nil {
		for _, rule := range s.Community.Responses {
			order = append(order, rule.Type)
		}
	}
	order = append(order, "question", "ugc", "feedback", "help", "complaint", "press", "other")
	for _, typ := range order {
		if slices.ContainsFunc(r.Types, func(t synth.TypeTruth) bool { return t.Type == typ }) {
			continue
		}
		tt := synth.TypeTruth{Type: typ}
		if v := byType[typ]; v != nil {
			tt = *v
		}
		if r.BusinessHours {
			tt.WithinSLA = nil
		} else if tt.WithinSLA == nil {
			tt.WithinSLA = new(int64)
		}
		r.Types = append(r.Types, tt)
	}
}

func slaOf(s *strategy.Strategy, typ string, ci int) time.Duration {
	if c := s.Community; c != nil {
		for _, r := range c.Responses {
			if r.Type == typ {
				if r.SLA > 0 {
					return r.SLA.Std()
				}
				break
			}
		}
	}
	if v := s.Channels[ci].ResponseSLA; v > 0 {
		return v.Std()
	}
	if s.Community != nil {
		return s.Community.DefaultSLA.Std()
	}
	return 0
}
