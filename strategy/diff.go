package strategy

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ChangeKind says what happened to a value between two strategies.
type ChangeKind string

// The kinds of change. A value that goes from empty to set is added, from
// set to empty removed; anything else is changed.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two strategies, as a reviewer reads it.
type Change struct {
	// Section is the top-level section the change is in: brand,
	// personality, personas, channels, pillars, tactics, influencers,
	// community, calendar, kpis, competitors or rules.
	Section string `json:"section"`
	// Path locates the value like a JSON pointer, except that items of a
	// list are named by their identity instead of their position: an id,
	// an influencer's platform:handle, a response rule's type, a
	// blackout's dates, a competitor's name. E.g.
	// "/channels/instagram/cadence/min_per_week".
	Path string `json:"path"`
	// Kind is added, removed or changed.
	Kind ChangeKind `json:"kind"`
	// Old is the value before, written short for people; empty when the
	// value was added.
	Old string `json:"old,omitempty"`
	// New is the value after, written short for people; empty when the
	// value was removed.
	New string `json:"new,omitempty"`
	// Summary is the change as one plain-English sentence, e.g.
	// "Instagram: 5 → 4 posts a week".
	Summary string `json:"summary"`
}

// Changes are the differences between two strategies, in the order the
// sections and their items appear in a strategy.
type Changes []Change

// Sections returns the sections that have changes, in order.
func (c Changes) Sections() []string {
	var out []string
	for _, ch := range c {
		if len(out) == 0 || out[len(out)-1] != ch.Section {
			out = append(out, ch.Section)
		}
	}
	return out
}

// In returns the changes in one section.
func (c Changes) In(section string) Changes {
	var out Changes
	for _, ch := range c {
		if ch.Section == section {
			out = append(out, ch)
		}
	}
	return out
}

// Diff compares two strategies section by section and returns what changed
// from old to new. Items of a list are matched by identity (an id; an
// influencer's platform and handle), never by position, so reordering a
// list is no change and a changed id is one item removed and another added.
// Lists of words (values, hashtags, formats) are compared as sets. The
// result is deterministic. A nil strategy counts as an empty one.
func Diff(old, new *Strategy) Changes {
	if old == nil {
		old = &Strategy{}
	}
	if new == nil {
		new = &Strategy{}
	}
	d := &differ{pillarNames: map[string]string{}, channelLabels: map[string]string{}, personaNames: map[string]string{}}
	d.channelsGone, d.channelsNew = channelSets(old.Channels, new.Channels)
	for _, s := range []*Strategy{new, old} {
		for _, p := range s.Pillars {
			if _, seen := d.pillarNames[p.ID]; !seen {
				d.pillarNames[p.ID] = p.Name
				d.pillarOrder = append(d.pillarOrder, p.ID)
			}
		}
		for _, c := range s.Channels {
			if _, seen := d.channelLabels[c.ID]; !seen {
				d.channelLabels[c.ID] = ChannelName(c.ID, c.Platform)
			}
		}
		for _, p := range s.Personas {
			if _, seen := d.personaNames[p.ID]; !seen {
				d.personaNames[p.ID] = labelOf(p.Name, p.ID)
			}
		}
	}
	d.oldPillars, d.newPillars = old.Pillars, new.Pillars
	d.brand(old.Brand, new.Brand)
	d.personality(old.Personality, new.Personality)
	d.personas(old.Personas, new.Personas)
	d.channels(old.Channels, new.Channels)
	d.pillars(old.Pillars, new.Pillars)
	d.tactics(old.Tactics, new.Tactics)
	d.influencers(old.Influencers, new.Influencers)
	d.community(old.Community, new.Community)
	d.calendar(old.Calendar, new.Calendar)
	d.kpis(old.KPIs, new.KPIs)
	d.competitors(old.Competitors, new.Competitors)
	d.rules(old.Rules, new.Rules)
	return d.out
}

type differ struct {
	out           Changes
	section       string
	pillarNames   map[string]string // id → name, the new strategy's winning
	pillarOrder   []string          // pillar ids as declared, new then old
	pillarPlace   map[string]int    // pillar id → its place in pillarOrder
	channelLabels map[string]string // id → "Instagram", "LinkedIn (li-company)"
	personaNames  map[string]string // id → name, the new strategy's winning
	// channelsGone and channelsNew are the channels only the old or only
	// the new strategy has. Their pillar examples go and come with them:
	// one change, the channel's, not one more for each pillar.
	channelsGone, channelsNew map[string]bool
	oldPillars, newPillars    []Pillar
}

// channelSets returns the ids of the channels only old has and only new
// has.
func channelSets(old, new []Channel) (gone, added map[string]bool) {
	ids := func(list []Channel) map[string]bool {
		m := make(map[string]bool, len(list))
		for _, c := range list {
			m[c.ID] = true
		}
		return m
	}
	o, n := ids(old), ids(new)
	gone, added = map[string]bool{}, map[string]bool{}
	for id := range o {
		if !n[id] {
			gone[id] = true
		}
	}
	for id := range n {
		if !o[id] {
			added[id] = true
		}
	}
	return gone, added
}

// examplesWith counts the pillars both strategies have that hold an
// example for channel in from and none in to: the examples a channel's
// removal (from old to new) or addition (from new to old) takes along.
func examplesWith(channel string, from, to []Pillar) int {
	in := make(map[string]*Pillar, len(to))
	for i := range to {
		if _, dup := in[to[i].ID]; !dup {
			in[to[i].ID] = &to[i]
		}
	}
	n := 0
	seen := map[string]bool{}
	for _, p := range from {
		q, ok := in[p.ID]
		if !ok || seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if p.Examples[channel] != "" && q.Examples[channel] == "" {
			n++
		}
	}
	return n
}

// withExamples adds to a channel's sentence the pillar examples that came
// or went with it: " (with its examples in 3 pillars)".
func withExamples(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " (with its example in 1 pillar)"
	}
	return fmt.Sprintf(" (with its examples in %d pillars)", n)
}

func (d *differ) add(path string, kind ChangeKind, old, new, summary string) {
	d.out = append(d.out, Change{Section: d.section, Path: path, Kind: kind, Old: short(old), New: short(new), Summary: summary})
}

// value records a change of one scalar. subject names the thing that has
// the field ("Instagram", "Persona ingrid"); the sentence quotes the values
// only when they are short enough to read in a line.
func (d *differ) value(path, subject, field, old, new string) {
	if old == new {
		return
	}
	lead := join(subject, field)
	switch {
	case old == "":
		if readable(new) {
			d.add(path, Added, old, new, fmt.Sprintf("%s set to %s", lead, new))
		} else {
			d.add(path, Added, old, new, lead+" added")
		}
	case new == "":
		if readable(old) {
			d.add(path, Removed, old, new, fmt.Sprintf("%s removed (was %s)", lead, old))
		} else {
			d.add(path, Removed, old, new, lead+" removed")
		}
	case readable(old) && readable(new):
		d.add(path, Changed, old, new, fmt.Sprintf("%s %s → %s", lead, old, new))
	default:
		d.add(path, Changed, old, new, lead+" changed")
	}
}

// set records a change of a list whose order does not matter, naming the
// items added and removed.
func (d *differ) set(path, subject, field string, old, new []string) {
	d.namedSet(path, subject, field, old, new, nil)
}

// namedSet is set for a list of ids that names tells the names of (a
// channel's personas): the sentence names them as the rest of the diff
// does, while Old and New keep the ids as written.
func (d *differ) namedSet(path, subject, field string, old, new []string, names map[string]string) {
	added, removed := setDiff(old, new)
	if len(added) == 0 && len(removed) == 0 {
		return
	}
	named := func(ids []string) []string {
		if names == nil {
			return ids
		}
		out := make([]string, len(ids))
		for i, id := range ids {
			out[i] = id
			if n := names[id]; n != "" {
				out[i] = n
			}
		}
		return out
	}
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "added "+quoteAll(named(added)))
	}
	if len(removed) > 0 {
		parts = append(parts, "removed "+quoteAll(named(removed)))
	}
	kind := Changed
	switch {
	case len(old) == 0:
		kind = Added
	case len(new) == 0:
		kind = Removed
	}
	lead := join(subject, field)
	d.add(path, kind, strings.Join(old, ", "), strings.Join(new, ", "), lead+": "+strings.Join(parts, "; "))
}

// weights records changes of a map of pillar weights (a channel's or a
// campaign's), pillar by pillar, or as one change when the whole map comes
// or goes.
func (d *differ) weights(path, subject string, old, new map[string]float64) {
	switch {
	case len(old) == 0 && len(new) == 0:
		return
	case len(old) == 0:
		d.add(path, Added, "", d.weightList(new), fmt.Sprintf("%s: own pillar weights added (%s)", subject, d.weightList(new)))
		return
	case len(new) == 0:
		d.add(path, Removed, d.weightList(old), "", fmt.Sprintf("%s: own pillar weights removed (was %s)", subject, d.weightList(old)))
		return
	}
	for _, id := range d.pillarKeys(old, new) {
		o, inOld := old[id]
		n, inNew := new[id]
		p := path + Pointer(id)
		name := d.pillarLabel(id)
		switch {
		case !inOld:
			d.add(p, Added, "", percent(n), fmt.Sprintf("%s: %s pillar set to %s", subject, name, percent(n)))
		case !inNew:
			d.add(p, Removed, percent(o), "", fmt.Sprintf("%s: %s pillar removed (was %s)", subject, name, percent(o)))
		case o != n:
			d.add(p, Changed, percent(o), percent(n), fmt.Sprintf("%s: %s pillar %s → %s", subject, name, percent(o), percent(n)))
		}
	}
}

// pillarKeys orders the ids of two weight maps as the pillars are declared
// (the new strategy's order, then pillars only the old one has), then any
// unknown id alphabetically. It sorts the maps' own keys by each pillar's
// place rather than walking every pillar for every map: a strategy with
// 10,000 pillars and 10,000 channels with weights of their own would
// otherwise cost a hundred million steps.
func (d *differ) pillarKeys(a, b map[string]float64) []string {
	if d.pillarPlace == nil {
		d.pillarPlace = make(map[string]int, len(d.pillarOrder))
		for i, id := range d.pillarOrder {
			d.pillarPlace[id] = i
		}
	}
	var known, unknown []string
	for _, id := range unionKeys(a, b) {
		if _, ok := d.pillarPlace[id]; ok {
			known = append(known, id)
		} else {
			unknown = append(unknown, id)
		}
	}
	sort.SliceStable(known, func(i, j int) bool { return d.pillarPlace[known[i]] < d.pillarPlace[known[j]] })
	return append(known, unknown...)
}

func (d *differ) weightList(m map[string]float64) string {
	ids := d.pillarKeys(m, nil)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id + " " + percent(m[id])
	}
	return strings.Join(parts, ", ")
}

func (d *differ) pillarLabel(id string) string {
	if n := d.pillarNames[id]; n != "" {
		return n
	}
	return id
}

func (d *differ) channelLabel(id string) string {
	if l := d.channelLabels[id]; l != "" {
		return l
	}
	return id
}

// keyed matches two lists by key and calls added, removed or changed for
// each item: changed and added in the new list's order, then removed in
// the old list's order. A key that repeats counts once, first one wins.
func keyed[T any](old, new []T, key func(T) string, added, removed func(T), changed func(o, n T)) {
	inOld := make(map[string]int, len(old))
	for i, v := range old {
		if _, dup := inOld[key(v)]; !dup {
			inOld[key(v)] = i
		}
	}
	inNew := make(map[string]bool, len(new))
	for _, v := range new {
		k := key(v)
		if inNew[k] {
			continue
		}
		inNew[k] = true
		if i, ok := inOld[k]; ok {
			changed(old[i], v)
		} else {
			added(v)
		}
	}
	done := map[string]bool{}
	for _, v := range old {
		k := key(v)
		if !inNew[k] && !done[k] {
			done[k] = true
			removed(v)
		}
	}
}

func (d *differ) brand(o, n Brand) {
	d.section = "brand"
	d.value("/brand/name", "Brand", "name", o.Name, n.Name)
	d.value("/brand/timezone", "Brand", "timezone", o.Timezone, n.Timezone)
	d.value("/brand/language", "Brand", "language", o.Language, n.Language)
	d.value("/brand/description", "Brand", "description", o.Description, n.Description)
	d.value("/brand/website", "Brand", "website", o.Website, n.Website)
}

func (d *differ) personality(op, np *Personality) {
	d.section = "personality"
	o, n := deref(op), deref(np)
	const s = "Personality"
	d.value("/personality/vision", s, "vision", o.Vision, n.Vision)
	d.set("/personality/values", s, "values", o.Values, n.Values)
	d.set("/personality/beliefs", s, "beliefs", o.Beliefs, n.Beliefs)
	op2, np2 := deref(o.Person), deref(n.Person)
	d.value("/personality/person/profession", s, "profession", op2.Profession, np2.Profession)
	d.value("/personality/person/age", s, "age", op2.Age, np2.Age)
	d.value("/personality/person/gender", s, "gender", op2.Gender, np2.Gender)
	d.value("/personality/person/attitude", s, "attitude", op2.Attitude, np2.Attitude)
	d.set("/personality/person/hobbies", s, "hobbies", op2.Hobbies, np2.Hobbies)
	d.value("/personality/look_and_feel", s, "look and feel", o.LookAndFeel, n.LookAndFeel)
	ov, nv := deref(o.Voice), deref(n.Voice)
	const v = "Voice"
	d.value("/personality/voice/tone", v, "tone", ov.Tone, nv.Tone)
	d.value("/personality/voice/character", v, "character", ov.Character, nv.Character)
	d.value("/personality/voice/language", v, "language", ov.Language, nv.Language)
	d.value("/personality/voice/purpose", v, "purpose", ov.Purpose, nv.Purpose)
	d.set("/personality/voice/words_to_use", v, "words to use", ov.WordsToUse, nv.WordsToUse)
	d.set("/personality/voice/words_to_avoid", v, "words to avoid", ov.WordsToAvoid, nv.WordsToAvoid)
	d.set("/personality/voice/do", v, "do", ov.Do, nv.Do)
	d.set("/personality/voice/dont", v, "don't", ov.Dont, nv.Dont)
}

func (d *differ) personas(old, new []Persona) {
	d.section = "personas"
	keyed(old, new, func(p Persona) string { return p.ID },
		func(p Persona) {
			d.add(Pointer("personas", p.ID), Added, "", p.Name, fmt.Sprintf("Persona %s added", quote(labelOf(p.Name, p.ID))))
		},
		func(p Persona) {
			d.add(Pointer("personas", p.ID), Removed, p.Name, "", fmt.Sprintf("Persona %s removed", quote(labelOf(p.Name, p.ID))))
		},
		func(o, n Persona) {
			base := Pointer("personas", n.ID)
			// Named as channels and pillars are, by name; a rename is
			// told from the old name to the new.
			s := "Persona " + quote(labelOf(n.Name, n.ID))
			if o.Name != "" && n.Name != "" && o.Name != n.Name {
				d.add(base+"/name", Changed, o.Name, n.Name, fmt.Sprintf("Persona %s renamed to %s", quote(short(o.Name)), quote(short(n.Name))))
			} else {
				d.value(base+"/name", "Persona "+n.ID, "name", o.Name, n.Name)
			}
			d.value(base+"/summary", s, "summary", o.Summary, n.Summary)
			od, nd := deref(o.Demographics), deref(n.Demographics)
			d.value(base+"/demographics/age", s, "age", od.Age, nd.Age)
			d.value(base+"/demographics/gender", s, "gender", od.Gender, nd.Gender)
			d.value(base+"/demographics/location", s, "location", od.Location, nd.Location)
			d.value(base+"/demographics/occupation", s, "occupation", od.Occupation, nd.Occupation)
			d.value(base+"/demographics/income", s, "income", od.Income, nd.Income)
			d.value(base+"/demographics/education", s, "education", od.Education, nd.Education)
			d.set(base+"/interests", s, "interests", o.Interests, n.Interests)
			d.set(base+"/pain_points", s, "pain points", o.PainPoints, n.PainPoints)
			d.value(base+"/how_we_help", s, "how we help", o.HowWeHelp, n.HowWeHelp)
			om, nm := deref(o.Motivations), deref(n.Motivations)
			d.value(base+"/motivations/like", s, "why they like", om.Like, nm.Like)
			d.value(base+"/motivations/share", s, "why they share", om.Share, nm.Share)
			d.value(base+"/motivations/buy", s, "why they buy", om.Buy, nm.Buy)
			d.set(base+"/hangouts", s, "hangouts", o.Hangouts, n.Hangouts)
			d.set(base+"/networks", s, "networks", o.Networks, n.Networks)
			d.value(base+"/competitors", s, "competitors", o.Competitors, n.Competitors)
			d.value(base+"/last_reviewed", s, "last reviewed", o.LastReviewed.text(), n.LastReviewed.text())
		})
}

func (d *differ) channels(old, new []Channel) {
	d.section = "channels"
	keyed(old, new, func(c Channel) string { return c.ID },
		func(c Channel) {
			d.add(Pointer("channels", c.ID), Added, "", channelBrief(c), fmt.Sprintf("%s channel added%s",
				ChannelName(c.ID, c.Platform), withExamples(examplesWith(c.ID, d.newPillars, d.oldPillars))))
		},
		func(c Channel) {
			d.add(Pointer("channels", c.ID), Removed, channelBrief(c), "", fmt.Sprintf("%s channel removed%s",
				ChannelName(c.ID, c.Platform), withExamples(examplesWith(c.ID, d.oldPillars, d.newPillars))))
		},
		func(o, n Channel) {
			base := Pointer("channels", n.ID)
			s := d.channelLabel(n.ID)
			d.value(base+"/platform", s, "platform", o.Platform, n.Platform)
			d.value(base+"/handle", s, "handle", o.Handle, n.Handle)
			d.value(base+"/role", s, "role", o.Role, n.Role)
			d.value(base+"/owner", s, "owner", o.Owner, n.Owner)
			d.namedSet(base+"/personas", s, "personas", o.Personas, n.Personas, d.personaNames)
			d.set(base+"/formats", s, "formats", o.Formats, n.Formats)
			d.value(base+"/timezone", s, "timezone", o.Timezone, n.Timezone)
			oa, na := o.Active, n.Active
			if oa == nil {
				oa = &ActivePeriod{}
			}
			if na == nil {
				na = &ActivePeriod{}
			}
			d.value(base+"/active/from", s, "launched", oa.From.text(), na.From.text())
			d.value(base+"/active/to", s, "retired after", oa.To.text(), na.To.text())
			d.cadences(base+"/cadence", s, o.Cadence, n.Cadence)
			d.weights(base+"/pillars", s, o.Pillars, n.Pillars)
			d.value(base+"/response_sla", s, "response time", o.ResponseSLA.text(), n.ResponseSLA.text())
		})
}

func (d *differ) pillars(old, new []Pillar) {
	d.section = "pillars"
	keyed(old, new, func(p Pillar) string { return p.ID },
		func(p Pillar) {
			d.add(Pointer("pillars", p.ID), Added, "", percent(p.Weight),
				fmt.Sprintf("%s pillar added (%s)", labelOf(p.Name, p.ID), percent(p.Weight)))
		},
		func(p Pillar) {
			d.add(Pointer("pillars", p.ID), Removed, percent(p.Weight), "",
				fmt.Sprintf("%s pillar removed (was %s)", labelOf(p.Name, p.ID), percent(p.Weight)))
		},
		func(o, n Pillar) {
			base := Pointer("pillars", n.ID)
			s := labelOf(n.Name, n.ID) + " pillar"
			if o.Weight != n.Weight {
				d.add(base+"/weight", Changed, percent(o.Weight), percent(n.Weight),
					fmt.Sprintf("%s %s → %s", s, percent(o.Weight), percent(n.Weight)))
			}
			d.value(base+"/name", s, "name", o.Name, n.Name)
			d.value(base+"/description", s, "description", o.Description, n.Description)
			d.set(base+"/topics", s, "topics", o.Topics, n.Topics)
			d.set(base+"/hashtags", s, "hashtags", o.Hashtags, n.Hashtags)
			d.set(base+"/keywords", s, "keywords", o.Keywords, n.Keywords)
			for _, ch := range unionKeys(o.Examples, n.Examples) {
				if (d.channelsGone[ch] && n.Examples[ch] == "") || (d.channelsNew[ch] && o.Examples[ch] == "") {
					continue // told with the channel
				}
				d.value(base+Pointer("examples", ch), s, "example for "+d.channelLabel(ch), o.Examples[ch], n.Examples[ch])
			}
		})
}

func (d *differ) tactics(old, new []Tactic) {
	d.section = "tactics"
	keyed(old, new, func(t Tactic) string { return t.ID },
		func(t Tactic) {
			d.add(Pointer("tactics", t.ID), Added, "", scheduleText(t.Schedule),
				fmt.Sprintf("Tactic %s added (%s)", quote(labelOf(t.Name, t.ID)), scheduleText(t.Schedule)))
		},
		func(t Tactic) {
			d.add(Pointer("tactics", t.ID), Removed, scheduleText(t.Schedule), "",
				fmt.Sprintf("Tactic %s removed", quote(labelOf(t.Name, t.ID))))
		},
		func(o, n Tactic) {
			base := Pointer("tactics", n.ID)
			s := "Tactic " + quote(labelOf(n.Name, n.ID))
			d.value(base+"/name", s, "name", o.Name, n.Name)
			d.value(base+"/goal", s, "goal", o.Goal, n.Goal)
			d.value(base+"/description", s, "description", o.Description, n.Description)
			d.value(base+"/pillar", s, "pillar", o.Pillar, n.Pillar)
			d.set(base+"/channels", s, "channels", o.Channels, n.Channels)
			d.value(base+"/schedule", s, "schedule", scheduleText(o.Schedule), scheduleText(n.Schedule))
			ok, nk := map[string]string{}, map[string]string{}
			for _, k := range o.KPIs {
				ok[k.Metric] = number(k.Target)
			}
			for _, k := range n.KPIs {
				nk[k.Metric] = number(k.Target)
			}
			for _, m := range unionKeys(ok, nk) {
				d.value(base+Pointer("kpis", m), s, m+" target", ok[m], nk[m])
			}
			d.value(base+"/example", s, "example", o.Example, n.Example)
		})
}

func influencerKey(i Influencer) string {
	return strings.ToLower(i.Platform) + ":" + strings.ToLower(i.Handle)
}

func (d *differ) influencers(old, new []Influencer) {
	d.section = "influencers"
	// The platform is named only when a handle is on more than one.
	platforms := map[string]map[string]bool{}
	for _, list := range [][]Influencer{old, new} {
		for _, i := range list {
			h := strings.ToLower(i.Handle)
			if platforms[h] == nil {
				platforms[h] = map[string]bool{}
			}
			platforms[h][strings.ToLower(i.Platform)] = true
		}
	}
	label := func(i Influencer) string {
		if len(platforms[strings.ToLower(i.Handle)]) > 1 {
			return fmt.Sprintf("Influencer %s on %s", i.Handle, PlatformName(i.Platform))
		}
		return "Influencer " + i.Handle
	}
	keyed(old, new, influencerKey,
		func(i Influencer) {
			d.add(Pointer("influencers", influencerKey(i)), Added, "", i.Status, fmt.Sprintf("%s added as %s", label(i), orDash(i.Status)))
		},
		func(i Influencer) {
			d.add(Pointer("influencers", influencerKey(i)), Removed, i.Status, "", fmt.Sprintf("%s removed (was %s)", label(i), orDash(i.Status)))
		},
		func(o, n Influencer) {
			base := Pointer("influencers", influencerKey(n))
			s := label(n)
			if o.Status != n.Status {
				kind := Changed
				if o.Status == "" {
					kind = Added
				} else if n.Status == "" {
					kind = Removed
				}
				d.add(base+"/status", kind, o.Status, n.Status, fmt.Sprintf("%s: %s → %s", s, orDash(o.Status), orDash(n.Status)))
			}
			d.value(base+"/name", s, "name", o.Name, n.Name)
			d.value(base+"/handle", s, "handle", o.Handle, n.Handle)
			d.value(base+"/followers", s, "followers", count(o.Followers), count(n.Followers))
			d.value(base+"/follows_us", s, "follows us", yesNo(o.FollowsUs), yesNo(n.FollowsUs))
			d.value(base+"/engages_with_us", s, "engages with us", yesNo(o.EngagesWithUs), yesNo(n.EngagesWithUs))
			d.value(base+"/relationship", s, "relationship", o.Relationship, n.Relationship)
			d.value(base+"/niche", s, "niche", o.Niche, n.Niche)
			d.set(base+"/pillars", s, "pillars", o.Pillars, n.Pillars)
			d.value(base+"/max_mentions_per_month", s, "mentions a month at most", count(int64(o.MaxMentionsPerMonth)), count(int64(n.MaxMentionsPerMonth)))
			d.value(base+"/contract", s, "contract", periodText(o.Contract), periodText(n.Contract))
			d.value(base+"/notes", s, "notes", o.Notes, n.Notes)
		})
}

func (d *differ) community(op, np *Community) {
	d.section = "community"
	o, n := deref(op), deref(np)
	const s = "Community"
	d.set("/community/hashtags", s, "hashtags", o.Hashtags, n.Hashtags)
	d.set("/community/keywords", s, "keywords", o.Keywords, n.Keywords)
	d.value("/community/default_sla", s, "default response time", o.DefaultSLA.text(), n.DefaultSLA.text())
	d.value("/community/business_hours", s, "business hours", hoursText(o.BusinessHours), hoursText(n.BusinessHours))
	if o.BusinessHours != nil && n.BusinessHours != nil {
		oh, nh := dateTexts(o.BusinessHours.Holidays), dateTexts(n.BusinessHours.Holidays)
		d.set("/community/business_hours/holidays", s, "holidays", oh, nh)
	}
	d.set("/community/disclosure_tags", s, "disclosure tags", o.DisclosureTags, n.DisclosureTags)
	keyed(o.Responses, n.Responses, func(r ResponseRule) string { return r.Type },
		func(r ResponseRule) {
			d.add(Pointer("community", "responses", r.Type), Added, "", responseText(r), fmt.Sprintf("Community: response rule for %s added (%s)", r.Type, responseText(r)))
		},
		func(r ResponseRule) {
			d.add(Pointer("community", "responses", r.Type), Removed, responseText(r), "", fmt.Sprintf("Community: response rule for %s removed", r.Type))
		},
		func(or, nr ResponseRule) {
			base := Pointer("community", "responses", nr.Type)
			s := "Community: " + nr.Type
			d.value(base+"/sla", s, "response time", or.SLA.text(), nr.SLA.text())
			d.value(base+"/move_to_private", s, "move to private messages", yesNo(or.MoveToPrivate), yesNo(nr.MoveToPrivate))
			d.value(base+"/owner", s, "owner", or.Owner, nr.Owner)
			d.value(base+"/escalation", s, "escalation", or.Escalation, nr.Escalation)
			d.value(base+"/guideline", s, "guideline", or.Guideline, nr.Guideline)
		})
}

func (d *differ) calendar(op, np *Calendar) {
	d.section = "calendar"
	o, n := deref(op), deref(np)
	keyed(o.Blackouts, n.Blackouts, blackoutKey,
		func(b Blackout) {
			d.add(Pointer("calendar", "blackouts", blackoutKey(b)), Added, "", d.blackoutText(b), "Blackout added: "+d.blackoutText(b))
		},
		func(b Blackout) {
			d.add(Pointer("calendar", "blackouts", blackoutKey(b)), Removed, d.blackoutText(b), "", "Blackout removed: "+d.blackoutText(b))
		},
		func(ob, nb Blackout) {
			base := Pointer("calendar", "blackouts", blackoutKey(nb))
			s := "Blackout " + blackoutKey(nb)
			d.set(base+"/channels", s, "channels", ob.Channels, nb.Channels)
			d.value(base+"/reason", s, "reason", ob.Reason, nb.Reason)
		})
	keyed(o.Campaigns, n.Campaigns, func(c Campaign) string { return c.ID },
		func(c Campaign) {
			d.add(Pointer("calendar", "campaigns", c.ID), Added, "", periodText(&Period{c.From, c.To}),
				fmt.Sprintf("Campaign %s added (%s)", quote(labelOf(c.Name, c.ID)), periodText(&Period{c.From, c.To})))
		},
		func(c Campaign) {
			d.add(Pointer("calendar", "campaigns", c.ID), Removed, periodText(&Period{c.From, c.To}), "",
				fmt.Sprintf("Campaign %s removed", quote(labelOf(c.Name, c.ID))))
		},
		func(oc, nc Campaign) {
			base := Pointer("calendar", "campaigns", nc.ID)
			s := "Campaign " + quote(labelOf(nc.Name, nc.ID))
			d.value(base+"/name", s, "name", oc.Name, nc.Name)
			d.value(base+"/from", s, "from", oc.From.text(), nc.From.text())
			d.value(base+"/to", s, "to", oc.To.text(), nc.To.text())
			d.set(base+"/channels", s, "channels", oc.Channels, nc.Channels)
			d.weights(base+"/pillars", s, oc.Pillars, nc.Pillars)
			d.cadence(base+"/extra", s+" extra", oc.Extra, nc.Extra)
			d.value(base+"/description", s, "description", oc.Description, nc.Description)
		})
}

func (d *differ) kpis(op, np *KPIs) {
	d.section = "kpis"
	o, n := deref(op), deref(np)
	oe, ne := deref(o.EngagementRate), deref(n.EngagementRate)
	const s = "KPIs"
	d.value("/kpis/engagement_rate/target", s, "engagement rate target", ifSet(o.EngagementRate != nil, percent(oe.Target)), ifSet(n.EngagementRate != nil, percent(ne.Target)))
	d.value("/kpis/engagement_rate/denominator", s, "engagement rate per", oe.Denominator, ne.Denominator)
	d.value("/kpis/engagement_rate/aggregation", s, "engagement rate aggregation", oe.Aggregation, ne.Aggregation)
	d.set("/kpis/engagement_rate/interactions", s, "engagement interactions", oe.Interactions, ne.Interactions)
	points := func(f float64) string { return number(f) + " points" }
	for _, t := range []struct {
		key, label string
		o, n       *Target
		text       func(float64) string
	}{
		{"response_within_sla", "answered within SLA target", o.ResponseWithinSLA, n.ResponseWithinSLA, percent},
		{"cadence_adherence", "cadence adherence target", o.CadenceAdherence, n.CadenceAdherence, percent},
		{"pillar_tolerance", "pillar tolerance", o.PillarTolerance, n.PillarTolerance, points},
		{"reach_per_week", "reach a week target", o.ReachPerWeek, n.ReachPerWeek, number},
		{"follower_growth", "follower growth target", o.FollowerGrowth, n.FollowerGrowth, percent},
		{"clicks_per_week", "link clicks a week target", o.ClicksPerWeek, n.ClicksPerWeek, number},
		{"negative_share", "negative mentions ceiling", o.NegativeShare, n.NegativeShare, percent},
	} {
		ov, nv := "", ""
		if t.o != nil {
			ov = t.text(t.o.Target)
		}
		if t.n != nil {
			nv = t.text(t.n.Target)
		}
		d.value("/kpis/"+t.key+"/target", s, t.label, ov, nv)
	}
}

func (d *differ) competitors(old, new []Competitor) {
	d.section = "competitors"
	keyed(old, new, func(c Competitor) string { return c.Name },
		func(c Competitor) {
			d.add(Pointer("competitors", c.Name), Added, "", c.Name, fmt.Sprintf("Competitor %s added", c.Name))
		},
		func(c Competitor) {
			d.add(Pointer("competitors", c.Name), Removed, c.Name, "", fmt.Sprintf("Competitor %s removed", c.Name))
		},
		func(o, n Competitor) {
			base := Pointer("competitors", n.Name)
			s := "Competitor " + n.Name
			for _, p := range unionKeys(o.Handles, n.Handles) {
				d.value(base+Pointer("handles", p), s, PlatformName(p), o.Handles[p], n.Handles[p])
			}
			d.value(base+"/notes", s, "notes", o.Notes, n.Notes)
		})
}

func (d *differ) rules(o, n map[string]string) {
	d.section = "rules"
	for _, id := range unionKeys(o, n) {
		d.value(Pointer("rules", id), "Rule "+id, "", o[id], n[id])
	}
}

// Writing values for people.

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// maxValue is the most characters of a value a Change carries.
const maxValue = 80

// short puts a value on one line and cuts it to maxValue characters.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxValue {
		return s
	}
	r := []rune(s)
	return strings.TrimRightFunc(string(r[:maxValue-1]), unicode.IsSpace) + "…"
}

// readable reports whether a value is short enough to quote in a sentence.
func readable(s string) bool {
	return !strings.Contains(s, "\n") && utf8.RuneCountInString(s) <= 40
}

func setDiff(old, new []string) (added, removed []string) {
	in := func(list []string) map[string]bool {
		m := make(map[string]bool, len(list))
		for _, v := range list {
			m[v] = true
		}
		return m
	}
	o, n := in(old), in(new)
	seen := map[string]bool{}
	for _, v := range new {
		if !o[v] && !seen[v] {
			seen[v] = true
			added = append(added, v)
		}
	}
	for _, v := range old {
		if !n[v] && !seen[v] {
			seen[v] = true
			removed = append(removed, v)
		}
	}
	return added, removed
}

// quote puts text with spaces in quotes and leaves single words alone.
func quote(s string) string {
	if strings.ContainsFunc(s, unicode.IsSpace) || s == "" {
		return `"` + s + `"`
	}
	return s
}

func quoteAll(list []string) string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = quote(short(v))
	}
	return strings.Join(out, ", ")
}

func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// join puts a subject before the name of its field: "Instagram: owner".
func join(subject, field string) string {
	switch {
	case subject == "":
		return field
	case field == "":
		return subject
	}
	return subject + ": " + field
}

func labelOf(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func percent(f float64) string { return number(f) + "%" }

func ifSet(set bool, s string) string {
	if set {
		return s
	}
	return ""
}

func count(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (d Date) text() string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (d Duration) text() string {
	if d == 0 {
		return ""
	}
	return d.String()
}

func dateTexts(list []Date) []string {
	out := make([]string, len(list))
	for i, d := range list {
		out[i] = d.String()
	}
	return out
}

func periodText(p *Period) string {
	if p == nil || (p.From.IsZero() && p.To.IsZero()) {
		return ""
	}
	return p.From.text() + " to " + p.To.text()
}

func scheduleText(s Schedule) string {
	var when string
	switch {
	case s.RRule != "":
		when = s.RRule
	case !s.Date.IsZero():
		when = s.Date.String()
	}
	if s.Time != "" {
		when += " at " + s.Time
	}
	if !s.Start.IsZero() {
		when += " from " + s.Start.String()
	}
	if !s.Until.IsZero() {
		when += " until " + s.Until.String()
	}
	return strings.TrimSpace(when)
}

func hoursText(h *BusinessHours) string {
	if h == nil {
		return ""
	}
	s := fmt.Sprintf("%s %s–%s", strings.Join(h.Days, ", "), h.Start, h.End)
	if h.Timezone != "" {
		s += " " + h.Timezone
	}
	return s
}

func responseText(r ResponseRule) string {
	var parts []string
	if r.SLA != 0 {
		parts = append(parts, "within "+r.SLA.String())
	}
	if r.MoveToPrivate {
		parts = append(parts, "in private")
	}
	if r.Owner != "" {
		parts = append(parts, "by "+r.Owner)
	}
	return strings.Join(parts, ", ")
}

func blackoutKey(b Blackout) string {
	if !b.Date.IsZero() {
		return b.Date.String()
	}
	return b.From.text() + ".." + b.To.text()
}

func (d *differ) blackoutText(b Blackout) string {
	s := b.Date.text()
	if s == "" {
		s = b.From.text() + " to " + b.To.text()
	}
	if len(b.Channels) > 0 {
		labels := make([]string, len(b.Channels))
		for i, c := range b.Channels {
			labels[i] = d.channelLabel(c)
		}
		s += " on " + strings.Join(labels, ", ")
	}
	if b.Reason != "" {
		s += " (" + short(b.Reason) + ")"
	}
	return s
}

func channelBrief(c Channel) string {
	var parts []string
	if c.Handle != "" {
		parts = append(parts, c.Handle)
	}
	if len(c.Cadence) > 0 {
		parts = append(parts, fmt.Sprintf("%d posts a week", c.Cadence.MinPerWeek()))
	}
	return strings.Join(parts, ", ")
}
