package audit

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// voiceCapacity is how many distinct authors the mention counts follow.
// Counting every author exactly would hold one entry per distinct author,
// which grows with the rows; the Space-Saving summary (Metwally, Agrawal
// and El Abbadi, "Efficient Computation of Frequent and Top-k Elements in
// Data Streams", ICDT 2005) follows at most voiceCapacity of them. While
// there are no more distinct authors than that, every count is exact;
// past it, an author seen for the first time takes the place of the one
// with the fewest mentions and inherits that count as its possible
// overcount. A listed count c with error e means the true count is
// between c − e and c, and e never exceeds mentions ÷ voiceCapacity. Any
// author with more than mentions ÷ voiceCapacity mentions is listed.
const voiceCapacity = 4096

// topVoices is how many authors each list of the report holds.
const topVoices = 10

// maxAuthorBytes bounds an author's stored name; longer names are cut.
const maxAuthorBytes = 200

// voice is one followed author.
type voice struct {
	key       string // platform, NUL, lower-cased handle without @
	name      string // the author as first written, cut to maxAuthorBytes
	ci        int    // the channel of its first mention
	count     int64
	err       int64 // possible overcount, Space-Saving
	followers int64 // the largest follower count seen; -1 without one
	heap      int   // position in the count heap
}

// voices follows the authors of the mention log in bounded memory.
type voices struct {
	a         *auditor
	capacity  int   // voiceCapacity; smaller in tests
	mentions  int64 // used mentions with an author
	anonymous int64 // used mentions without one
	index     map[string]*voice
	heap      []*voice // min-heap on count: the next to give up its place
	replaced  int64    // authors that took another's place
	audience  []*voice // the topVoices largest audiences, exact
	key       []byte   // scratch
}

func newVoices(a *auditor) *voices {
	return &voices{a: a, capacity: voiceCapacity, index: map[string]*voice{}}
}

// voiceKey writes platform, NUL and the lower-cased handle without its @
// to dst: the same person on one network, however the export spells it.
func voiceKey(dst []byte, platform string, author []byte) []byte {
	dst = append(append(dst[:0], platform...), 0)
	h := author
	if len(h) > 0 && h[0] == '@' {
		h = h[1:]
	}
	if len(h) > maxAuthorBytes {
		h = h[:maxAuthorBytes]
	}
	for _, c := range h {
		if c >= utf8.RuneSelf {
			return append(dst[:len(platform)+1], strings.ToLower(string(h))...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// add counts a used mention on channel ci.
func (v *voices) add(m *Mention, ci int) {
	if len(m.Author) == 0 || (len(m.Author) == 1 && m.Author[0] == '@') {
		v.anonymous++
		return
	}
	v.mentions++
	v.key = voiceKey(v.key, v.a.channels[ci].c.Platform, m.Author)
	e, ok := v.index[string(v.key)]
	switch {
	case ok:
		e.count++
		v.down(e.heap)
	case len(v.heap) < v.capacity:
		e = &voice{key: string(v.key), name: cutAuthor(m.Author), ci: ci, count: 1, followers: -1, heap: len(v.heap)}
		v.index[e.key] = e
		v.heap = append(v.heap, e)
		v.up(e.heap)
	default:
		// Space-Saving: the new author takes the place of the one with
		// the fewest mentions, and inherits its count as possible error.
		old := v.heap[0]
		least := old.count
		delete(v.index, old.key)
		e = old
		if v.inAudience(old) {
			// The old author keeps its place among the largest audiences.
			e = &voice{}
			v.heap[0] = e
		}
		v.replaced++
		*e = voice{key: string(v.key), name: cutAuthor(m.Author), ci: ci, count: least + 1, err: least, followers: -1}
		v.index[e.key] = e
		v.down(0)
	}
	if m.HasFollowers {
		f := m.AuthorFollowers
		if f > e.followers {
			e.followers = f
		}
		v.noteAudience(e)
	}
}

// inAudience reports whether e is one of the largest audiences.
func (v *voices) inAudience(e *voice) bool {
	for _, x := range v.audience {
		if x == e {
			return true
		}
	}
	return false
}

// noteAudience keeps the topVoices authors with the largest follower
// count seen: exact, since a place changes hands only to a larger count.
// An entry of the list is the author's counter entry, so it sees later
// follower counts; one whose counter gave up its place stays for the
// list alone until the author comes back.
func (v *voices) noteAudience(e *voice) {
	low := -1
	for i, x := range v.audience {
		if x.key == e.key {
			if x != e {
				e.followers = max(e.followers, x.followers)
				v.audience[i] = e
			}
			return
		}
		if low < 0 || audienceBefore(v.audience[low], x) {
			low = i
		}
	}
	switch {
	case len(v.audience) < topVoices:
		v.audience = append(v.audience, e)
	case audienceBefore(e, v.audience[low]):
		v.audience[low] = e
	}
}

// audienceBefore orders by follower count, largest first, then by key.
func audienceBefore(x, y *voice) bool {
	if x.followers != y.followers {
		return x.followers > y.followers
	}
	return x.key < y.key
}

func cutAuthor(b []byte) string {
	if len(b) > maxAuthorBytes {
		b = b[:maxAuthorBytes]
		for len(b) > 0 && !utf8.Valid(b) {
			b = b[:len(b)-1]
		}
	}
	return string(b)
}

// less orders the heap: fewest mentions first, then the larger possible
// error, so the least certain author gives up its place first.
func (v *voices) less(i, j int) bool {
	x, y := v.heap[i], v.heap[j]
	if x.count != y.count {
		return x.count < y.count
	}
	return x.err > y.err
}

func (v *voices) swap(i, j int) {
	v.heap[i], v.heap[j] = v.heap[j], v.heap[i]
	v.heap[i].heap, v.heap[j].heap = i, j
}

func (v *voices) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !v.less(i, p) {
			return
		}
		v.swap(i, p)
		i = p
	}
}

func (v *voices) down(i int) {
	n := len(v.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && v.less(r, l) {
			c = r
		}
		if !v.less(c, i) {
			return
		}
		v.swap(i, c)
		i = c
	}
}

// influencerOf returns the handle of the strategy's influencer an author
// is, on the platform of the author's channel; "" when none is.
func (v *voices) influencerOf(e *voice) string {
	h := e.key[strings.IndexByte(e.key, 0)+1:]
	platform := v.a.channels[e.ci].c.Platform
	for _, i := range v.a.handles[h] {
		inf := &v.a.s.Influencers[i]
		if inf.Platform == "" || strings.EqualFold(inf.Platform, platform) {
			return inf.Handle
		}
	}
	return ""
}

func (v *voices) entry(e *voice) Voice {
	out := Voice{Author: e.name, Platform: v.a.channels[e.ci].c.Platform, Channel: v.a.channels[e.ci].c.ID}
	if cur, ok := v.index[e.key]; ok && cur == e {
		out.Mentions, out.Error = ptr(e.count), e.err
	}
	if e.followers >= 0 {
		out.Followers = ptr(e.followers)
	}
	out.Influencer = v.influencerOf(e)
	out.Untapped = out.Influencer == ""
	return out
}

// report lists the authors; nil when no used mention had an author.
func (v *voices) report() *VoicesReport {
	if v == nil || v.mentions == 0 {
		return nil
	}
	rep := &VoicesReport{
		Mentions: v.mentions, WithoutAuthor: v.anonymous,
		Method: "space-saving", Capacity: v.capacity, Exact: v.replaced == 0,
		MostMentions: []Voice{}, LargestAudience: []Voice{},
	}
	top := append([]*voice(nil), v.heap...)
	sort.Slice(top, func(i, j int) bool {
		if top[i].count != top[j].count {
			return top[i].count > top[j].count
		}
		return top[i].key < top[j].key
	})
	for _, e := range top[:min(topVoices, len(top))] {
		rep.MostMentions = append(rep.MostMentions, v.entry(e))
		rep.MaxError = max(rep.MaxError, e.err)
	}
	aud := append([]*voice(nil), v.audience...)
	sort.Slice(aud, func(i, j int) bool { return audienceBefore(aud[i], aud[j]) })
	for _, e := range aud {
		rep.LargestAudience = append(rep.LargestAudience, v.entry(e))
	}
	seen := map[string]bool{}
	for _, l := range [][]Voice{rep.MostMentions, rep.LargestAudience} {
		for _, x := range l {
			if x.Untapped && !seen[x.Platform+"\x00"+x.Author] {
				seen[x.Platform+"\x00"+x.Author] = true
				rep.Untapped++
			}
		}
	}
	return rep
}
