package audit

import "time"

// This file turns a row's values, found by the CSV or JSON Lines reader,
// into a Post or a Mention.

// post converts the current row's values into p. It returns false, with
// rd.bad saying why, when the row cannot be used.
func (rd *reader) post(p *Post) bool {
	var ok bool
	if p.ID, ok = rd.ident(pID); !ok {
		return false
	}
	if p.Channel, ok = rd.channelValue(pChannel); !ok {
		return false
	}
	if p.PublishedAt, ok = rd.time(pPublishedAt, true); !ok {
		return false
	}
	if p.Pillar, ok = rd.text(pPillar, true); !ok {
		return false
	}
	if p.Tactic, ok = rd.text(pTactic, true); !ok {
		return false
	}
	if p.Text, ok = rd.text(pText, false); !ok {
		return false
	}
	if p.Mentions, ok = rd.text(pMentions, true); !ok {
		return false
	}
	p.Has = 0
	for m := Metric(0); m < NumMetrics; m++ {
		c := pMetrics + int(m)
		p.Metrics[m] = 0
		v := rd.vals[c]
		if len(v) == 0 {
			continue
		}
		n, prob := parseCount(v)
		switch prob {
		case countOK:
			p.Metrics[m] = n
			p.Has |= 1 << m
		case countEmpty:
		default:
			rd.bad = rowErr{kind: errCount, col: c, val: v, n: int64(prob)}
			return false
		}
	}
	return true
}

// mention converts the current row's values into m, as post does.
func (rd *reader) mention(m *Mention) bool {
	var ok bool
	if m.ID, ok = rd.ident(mID); !ok {
		return false
	}
	if m.Channel, ok = rd.channelValue(mChannel); !ok {
		return false
	}
	if m.ReceivedAt, ok = rd.time(mReceivedAt, true); !ok {
		return false
	}
	if m.RespondedAt, ok = rd.time(mRespondedAt, false); !ok {
		return false
	}
	if !m.RespondedAt.IsZero() && m.RespondedAt.Before(m.ReceivedAt) {
		rd.bad = rowErr{kind: errRespondedBefore, col: mRespondedAt, t1: m.RespondedAt, t2: m.ReceivedAt}
		return false
	}
	if m.Type, ok = rd.text(mType, true); !ok {
		return false
	}
	if len(m.Type) > 0 && rd.types != nil {
		if t, found := rd.types[string(m.Type)]; found {
			m.Type = t
		}
	}
	if m.Sentiment, ok = rd.text(mSentiment, true); !ok {
		return false
	}
	return rd.author(m)
}

// ident reads a required identifier.
func (rd *reader) ident(c int) ([]byte, bool) {
	v, ok := rd.text(c, true)
	if ok && len(v) == 0 {
		rd.bad = rowErr{kind: errEmpty, col: c}
		return nil, false
	}
	return v, ok
}

// channelValue reads the channel, or the mapping's fixed channel, and
// applies the mapping's renames.
func (rd *reader) channelValue(c int) ([]byte, bool) {
	if rd.vals[c] == nil && rd.channel != nil {
		return rd.channel, true
	}
	v, ok := rd.ident(c)
	if !ok {
		return nil, false
	}
	if rd.channels != nil {
		if to, found := rd.channels[string(v)]; found {
			return to, true
		}
	}
	return v, true
}

// time reads a timestamp column; an empty optional one is the zero time.
func (rd *reader) time(c int, required bool) (time.Time, bool) {
	v := trimBlanks(rd.vals[c])
	if len(v) == 0 {
		if required {
			rd.bad = rowErr{kind: errEmpty, col: c}
			return time.Time{}, false
		}
		return time.Time{}, true
	}
	t, prob := rd.times.parse(v)
	if prob != timeOK {
		rd.bad = rowErr{kind: errTime, col: c, val: v, n: int64(prob)}
		return time.Time{}, false
	}
	return t, true
}

// author reads the optional author and author_followers columns.
func (rd *reader) author(m *Mention) bool {
	var ok bool
	if m.Author, ok = rd.text(mAuthor, true); !ok {
		return false
	}
	m.AuthorFollowers, m.HasFollowers = 0, false
	if v := rd.vals[mAuthorFollowers]; len(v) > 0 {
		n, prob := parseCount(v)
		switch prob {
		case countOK:
			m.AuthorFollowers, m.HasFollowers = n, true
		case countEmpty:
		default:
			rd.bad = rowErr{kind: errCount, col: mAuthorFollowers, val: v, n: int64(prob)}
			return false
		}
	}
	return true
}
