package render

import (
	"cmp"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pillar-strategy/pillar/planner"
	"github.com/pillar-strategy/pillar/strategy"
)

// playbookView is what the playbook templates see: the strategy's sections
// in the order the playbook shows them, each nil or empty when the strategy
// leaves it out, with dates, numbers, durations and schedules already
// written in the playbook's language. Strings are raw: the HTML templates
// escape them, the Markdown templates pass them through esc, and the
// Markdown-capable texts (the fields named Markdown) through md.
type playbookView struct {
	Lang      string            // the language's code, for <html lang>
	TextLang  string            // the strategy's own language, when not Lang: see textLanguage
	L         map[string]string // labels by key
	Title     string            // "Nordlys – Social media playbook"
	Brand     brandView
	Period    string // the dates the plan covers, or ""
	Version   string
	Sections  []sectionView // the table of contents
	Character *personalityView
	Voice     *voiceView
	Personas  []personaView
	Channels  *channelsView
	Pillars   *pillarsView
	Examples  []exampleGroup
	Tactics   []tacticView
	// Influencers are in roster order: see sortInfluencers.
	Influencers []influencerView
	Community   *communityView
	Dates       *datesView
	KPIs        *kpisView
	Competitors []competitorView
	Calendar    *calendarView
	// CSS is the stylesheet, for the HTML page.
	CSS template.CSS
}

// sectionView is an entry of the table of contents: the HTML anchor, the
// heading and the anchor a Markdown viewer gives that heading.
type sectionView struct{ ID, Title, Slug string }

// fact is a labelled value, e.g. Tone: warm.
type fact struct{ Label, Value string }

type brandView struct {
	Name, Website string
	SafeWebsite   bool // the website may be a link
	Markdown      string
}

type personalityView struct {
	Vision          string
	Values, Beliefs []string
	Person          []fact
	Hobbies         []string
	LookAndFeel     string
}

// HasHeart reports whether the head-and-heart part has anything to show.
func (p *personalityView) HasHeart() bool {
	return p.Vision != "" || len(p.Values) > 0 || len(p.Beliefs) > 0
}

// HasPerson reports whether the brand-as-a-person part has anything.
func (p *personalityView) HasPerson() bool { return len(p.Person) > 0 || len(p.Hobbies) > 0 }

type voiceView struct {
	Facts                []fact
	Use, Avoid, Do, Dont []string
	HasWords, HasDos     bool
}

type personaView struct {
	ID, Name, Markdown string
	Facts              []fact
	Interests, Pains   []string
	HowWeHelp          string
	Motivations        []fact
	Hangouts, Networks []string
	Competitors        string
	Reviewed           string
}

type channelsView struct {
	Columns  []string // channel labels, the matrix's columns
	Matrix   []matrixRow
	Channels []channelView
}

type matrixRow struct {
	Persona, ID string
	Cells       []bool
}

type channelView struct {
	ID, Label, Handle, Role, Owner string
	Personas, Formats              []string
	// Cadence, When and Rule say how often and when the channel posts;
	// with several cadences, Cadence is the minimum in all, When every
	// cadence's when, and Cadences each one apart.
	Cadence, When, Rule string
	Cadences            []cadenceView
	Timezone, SLA       string
	Mix                 []fact
}

// cadenceView is one of a channel's several cadences.
type cadenceView struct {
	Cadence, When, Rule string
}

type pillarsView struct {
	Pillars   []pillarView
	Segments  []segment
	ChartDesc string
	Mixes     []channelMix
}

type pillarView struct {
	ID, Name, Weight, Bar string
	Colour                int
	Markdown              string
	Topics                []string
	Hashtags, Keywords    []string
}

// segment is one pillar's arc of the donut chart: a dash on a circle whose
// circumference is 100.
type segment struct {
	Colour            int
	Dash, Gap, Offset string
	Label             string
}

type channelMix struct {
	Label   string
	Default bool
	Parts   []mixPart
	Desc    string
}

type mixPart struct {
	Colour      int
	X, W, Label string
}

type exampleGroup struct {
	ID, Pillar string
	Colour     int
	Posts      []examplePost
}

type examplePost struct{ Channel, Handle, Markdown string }

type tacticView struct {
	ID, Name, Goal, Pillar string
	Colour                 int
	Channels               []string
	Schedule, Rule         string
	Markdown               string
	KPIs                   []fact
	Example                string
}

type influencerView struct {
	Handle, Name, Platform, Followers string
	FollowsUs, Engages, Untapped      bool
	Status, Relationship, Niche       string
	Pillars                           []string
	MaxMentions, Contract, Notes      string
}

type communityView struct {
	Hashtags, Keywords []string
	Hours              []fact // empty unless hours or days are declared
	Holidays           []string
	BusinessNote       bool
	DefaultSLA         string
	Disclosure         []string
	Responses          []responseView
}

type responseView struct {
	Type, SLA, Owner, Escalation, Markdown string
	Private                                bool
}

type datesView struct {
	Campaigns []campaignView
	Blackouts []blackoutView
}

type campaignView struct {
	Name, When, Channels, Extra string
	Mix                         []fact
	Markdown                    string
}

type blackoutView struct{ When, Channels, Reason string }

type kpisView struct {
	Engagement *engagementView
	Cards      []fact
	Tactics    []fact // the tactics' KPIs, per occurrence (playbook_tactic_kpis.go)
}

type engagementView struct {
	Target, Formula, Denominator, Aggregation, Interactions string
}

type competitorView struct {
	Name    string
	Handles []fact
	Notes   string
}

type calendarView struct {
	Period, Posts, TimesIn         string
	Weeks                          []weekView
	HasTactic, HasFormat, HasCampa bool
	HasDraft                       bool // the slots' drafts are known
	Columns                        int  // how many columns the table has
}

type weekView struct {
	Title string
	Rows  []calRow
}

type calRow struct {
	Date, Time, Channel, Pillar, Tactic, Format, Campaign string
	Colour                                                int
	// Draft is the slot's draft's first words and DraftAt where it is
	// (file:line); NoDraft marks a slot that has none yet.
	Draft, DraftAt string
	NoDraft        bool
}

// excerptDays is how many days of the calendar the playbook shows.
const excerptDays = 28

// buildView turns a strategy into the playbook's view in dictionary d.
func buildView(s *strategy.Strategy, d *dict, opt PlaybookOptions) *playbookView {
	b := &viewBuilder{s: s, d: d, ids: map[string]bool{}, pillarIndex: map[string]int{},
		personaNames: map[string]string{}, channelLabels: map[string]string{}}
	for i, p := range s.Pillars {
		if _, ok := b.pillarIndex[p.ID]; !ok {
			b.pillarIndex[p.ID] = i
		}
	}
	for _, p := range s.Personas {
		b.personaNames[p.ID] = cmp.Or(p.Name, p.ID)
	}
	for _, c := range s.Channels {
		b.channelLabels[c.ID] = channelLabel(c.ID, c.Platform)
	}
	v := &playbookView{
		Lang:     d.Lang,
		TextLang: textLanguage(s, d.Lang),
		L:        d.Labels,
		Brand:    brandView{Name: s.Brand.Name, Website: s.Brand.Website, SafeWebsite: webURL(s.Brand.Website), Markdown: s.Brand.Description},
		Version:  opt.Version,
	}
	// <title> cannot hold a <bdi>: the name is isolated with FSI and PDI.
	v.Title = isolate(s.Brand.Name) + " – " + d.label("title")
	if s.Brand.Name == "" {
		v.Title = d.label("title")
	}
	v.Character = b.personality()
	v.Voice = b.voice()
	v.Personas = b.personas()
	v.Channels = b.channels()
	v.Pillars = b.pillars()
	v.Examples = b.examples()
	v.Tactics = b.tactics()
	v.Influencers = b.influencers()
	v.Community = b.community()
	v.Dates = b.dates()
	v.KPIs = b.withTacticKPIs(b.kpis())
	v.Competitors = b.competitors()
	if cal := opt.Calendar; cal != nil {
		v.Calendar = b.calendar(cal, opt.Drafts)
		// The cover states the period the plan covers, which may be longer
		// than the weeks the playbook shows of it (pillar build plans a
		// quarter by default): the calendar files cover the same period.
		v.Period = v.Calendar.Period
		if !cal.From.IsZero() && cal.To.After(cal.From) {
			v.Period = b.dateRange(cal.From, cal.To.AddDays(-1))
		}
	}
	add := func(ok bool, id, key string) {
		if ok {
			t := d.label(key)
			v.Sections = append(v.Sections, sectionView{ID: id, Title: t, Slug: githubSlug(t)})
		}
	}
	add(v.Character != nil, "personality", "personality")
	add(v.Voice != nil, "voice", "voice")
	add(len(v.Personas) > 0, "audience", "personas")
	add(v.Channels != nil, "channels", "channels")
	add(v.Pillars != nil, "pillars", "pillars")
	add(len(v.Examples) > 0, "examples", "examples")
	add(len(v.Tactics) > 0, "tactics", "tactics")
	add(len(v.Influencers) > 0, "influencers", "influencers")
	add(v.Community != nil, "community", "community")
	add(v.Dates != nil, "dates", "dates")
	add(v.KPIs != nil, "kpis", "kpis")
	add(len(v.Competitors) > 0, "competitors", "competitors")
	add(v.Calendar != nil, "next-weeks", "next_weeks")
	return v
}

type viewBuilder struct {
	s             *strategy.Strategy
	d             *dict
	ids           map[string]bool // anchors handed out
	pillarIndex   map[string]int
	personaNames  map[string]string
	channelLabels map[string]string
}

// anchor returns a unique HTML id made of prefix and the ASCII letters,
// digits and hyphens of name.
func (b *viewBuilder) anchor(prefix, name string) string {
	var sb strings.Builder
	sb.WriteString(prefix)
	sb.WriteByte('-')
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			sb.WriteRune(r)
		} else if r == ' ' || r == '_' {
			sb.WriteByte('-')
		}
		if sb.Len() > 60 {
			break
		}
	}
	id := strings.TrimRight(sb.String(), "-")
	for i, base := 2, id; b.ids[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	b.ids[id] = true
	return id
}

func (b *viewBuilder) colour(pillar string) int {
	if i, ok := b.pillarIndex[pillar]; ok {
		return i % pillarColours
	}
	return -1
}

func (b *viewBuilder) pillarName(id string) string {
	if i, ok := b.pillarIndex[id]; ok {
		return cmp.Or(b.s.Pillars[i].Name, id)
	}
	return id
}

func (b *viewBuilder) channelName(id string) string {
	if l, ok := b.channelLabels[id]; ok {
		return l
	}
	return id
}

func (b *viewBuilder) channelNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = b.channelName(id)
	}
	return out
}

func (b *viewBuilder) channelList(ids []string) string {
	if len(ids) == 0 {
		return b.d.label("all_channels")
	}
	names := b.channelNames(ids)
	for i, n := range names {
		names[i] = isolate(n)
	}
	return strings.Join(names, ", ")
}

// facts keeps the pairs whose value is set, labels given as keys.
func (b *viewBuilder) facts(pairs ...string) []fact {
	var out []fact
	for i := 0; i+1 < len(pairs); i += 2 {
		if v := strings.TrimSpace(pairs[i+1]); v != "" {
			out = append(out, fact{Label: b.d.label(pairs[i]), Value: v})
		}
	}
	return out
}

func (b *viewBuilder) date(d strategy.Date) string {
	if d.IsZero() {
		return ""
	}
	return b.d.date(d.Year, d.Month, d.Day)
}

func (b *viewBuilder) dateRange(from, to strategy.Date) string {
	switch {
	case from.IsZero():
		return b.date(to)
	case to.IsZero() || to == from:
		return b.date(from)
	}
	return b.d.labelf("date_range", "from", b.date(from), "to", b.date(to))
}

// duration writes a response time, e.g. "1 day 12 hours".
func (b *viewBuilder) duration(v strategy.Duration) string {
	if v <= 0 {
		return ""
	}
	t := v.Std()
	var parts []string
	for _, u := range []struct {
		d   time.Duration
		key string
	}{{24 * time.Hour, "days"}, {time.Hour, "hours"}, {time.Minute, "minutes"}} {
		if n := t / u.d; n > 0 {
			parts = append(parts, b.d.plural(u.key, int64(n)))
			t -= n * u.d
		}
	}
	return strings.Join(parts, " ")
}

func (b *viewBuilder) personality() *personalityView {
	p := b.s.Personality
	if p == nil {
		return nil
	}
	v := &personalityView{Vision: p.Vision, Values: nonEmpty(p.Values), Beliefs: nonEmpty(p.Beliefs), LookAndFeel: p.LookAndFeel}
	if p.Person != nil {
		v.Person = b.facts("profession", p.Person.Profession, "age", p.Person.Age,
			"gender", p.Person.Gender, "attitude", p.Person.Attitude)
		v.Hobbies = nonEmpty(p.Person.Hobbies)
	}
	if !v.HasHeart() && !v.HasPerson() && strings.TrimSpace(v.LookAndFeel) == "" {
		return nil
	}
	return v
}

func (b *viewBuilder) voice() *voiceView {
	if b.s.Personality == nil || b.s.Personality.Voice == nil {
		return nil
	}
	vc := b.s.Personality.Voice
	v := &voiceView{
		Facts: b.facts("tone", vc.Tone, "character", vc.Character, "language", vc.Language, "purpose", vc.Purpose),
		Use:   nonEmpty(vc.WordsToUse), Avoid: nonEmpty(vc.WordsToAvoid), Do: nonEmpty(vc.Do), Dont: nonEmpty(vc.Dont),
	}
	v.HasWords = len(v.Use) > 0 || len(v.Avoid) > 0
	v.HasDos = len(v.Do) > 0 || len(v.Dont) > 0
	if len(v.Facts) == 0 && !v.HasWords && !v.HasDos {
		return nil
	}
	return v
}

func (b *viewBuilder) personas() []personaView {
	var out []personaView
	for _, p := range b.s.Personas {
		v := personaView{ID: b.anchor("persona", p.ID), Name: cmp.Or(p.Name, p.ID), Markdown: p.Summary,
			Interests: nonEmpty(p.Interests), Pains: nonEmpty(p.PainPoints), HowWeHelp: p.HowWeHelp,
			Hangouts: nonEmpty(p.Hangouts), Competitors: p.Competitors, Reviewed: b.date(p.LastReviewed)}
		if dm := p.Demographics; dm != nil {
			v.Facts = b.facts("age", dm.Age, "gender", dm.Gender, "location", dm.Location,
				"occupation", dm.Occupation, "income", dm.Income, "education", dm.Education)
		}
		if m := p.Motivations; m != nil {
			v.Motivations = b.facts("why_like", m.Like, "why_share", m.Share, "why_buy", m.Buy)
		}
		for _, n := range nonEmpty(p.Networks) {
			v.Networks = append(v.Networks, platformName(n))
		}
		out = append(out, v)
	}
	return out
}

// platformName is a network's display name, e.g. LinkedIn.
func platformName(p string) string { return strategy.PlatformName(p) }

func (b *viewBuilder) channels() *channelsView {
	if len(b.s.Channels) == 0 {
		return nil
	}
	v := &channelsView{}
	anyPersona := false
	for _, c := range b.s.Channels {
		cv := channelView{ID: b.anchor("channel", c.ID), Label: b.channelName(c.ID), Handle: c.Handle, Role: c.Role,
			Owner: c.Owner, Formats: nonEmpty(c.Formats), SLA: b.duration(c.ResponseSLA)}
		for _, id := range c.Personas {
			cv.Personas = append(cv.Personas, cmp.Or(b.personaNames[id], id))
			anyPersona = true
		}
		if c.Timezone != "" && c.Timezone != b.s.Brand.Timezone {
			cv.Timezone = isolate(c.Timezone)
		}
		cv.Cadence, cv.When, cv.Rule, cv.Cadences = b.cadences(c.Cadence)
		for _, id := range b.mixOrder(c.Pillars) {
			cv.Mix = append(cv.Mix, fact{Label: b.pillarName(id), Value: b.d.percent(c.Pillars[id])})
		}
		v.Channels = append(v.Channels, cv)
		v.Columns = append(v.Columns, cv.Label)
	}
	if anyPersona && len(b.s.Personas) > 0 {
		for _, p := range b.s.Personas {
			row := matrixRow{Persona: cmp.Or(p.Name, p.ID)}
			for _, c := range b.s.Channels {
				row.Cells = append(row.Cells, slices.Contains(c.Personas, p.ID))
			}
			v.Matrix = append(v.Matrix, row)
		}
	}
	return v
}

// mixOrder lists the pillar ids of a weight map in declared pillar order,
// then any unknown ids sorted.
func (b *viewBuilder) mixOrder(m map[string]float64) []string {
	if len(m) == 0 {
		return nil
	}
	var ids, rest []string
	for _, p := range b.s.Pillars {
		if _, ok := m[p.ID]; ok && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	for id := range m {
		if _, ok := b.pillarIndex[id]; !ok {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	return append(ids, rest...)
}

func (b *viewBuilder) pillars() *pillarsView {
	if len(b.s.Pillars) == 0 {
		return nil
	}
	v := &pillarsView{}
	total := 0.0
	for _, p := range b.s.Pillars {
		if p.Weight > 0 {
			total += p.Weight
		}
	}
	var desc []string
	for i, p := range b.s.Pillars {
		name := cmp.Or(p.Name, p.ID)
		pv := pillarView{ID: b.anchor("pillar", p.ID), Name: name, Weight: b.d.percent(p.Weight), Colour: i % pillarColours,
			Markdown: p.Description, Topics: nonEmpty(p.Topics), Hashtags: nonEmpty(p.Hashtags), Keywords: nonEmpty(p.Keywords)}
		if total > 0 && p.Weight > 0 {
			pv.Bar = strings.Repeat("█", int(p.Weight/total*20+0.5))
		}
		v.Pillars = append(v.Pillars, pv)
		desc = append(desc, isolate(name)+" "+pv.Weight)
	}
	v.ChartDesc = strings.Join(desc, ", ")
	if total > 0 {
		v.Segments = donut(b.s.Pillars, total, b.d)
	}
	override := false
	for _, c := range b.s.Channels {
		override = override || len(c.Pillars) > 0
	}
	if override {
		def := map[string]float64{}
		for _, p := range b.s.Pillars {
			def[p.ID] += p.Weight
		}
		for _, c := range b.s.Channels {
			m := channelMix{Label: b.channelName(c.ID), Default: len(c.Pillars) == 0}
			w := c.Pillars
			if m.Default {
				w = def
			}
			m.Parts, m.Desc = b.bar(w)
			v.Mixes = append(v.Mixes, m)
		}
	}
	return v
}

// donut lays the pillars out as arcs of a circle of circumference 100,
// clockwise from twelve o'clock, with a hairline gap between arcs.
func donut(pillars []strategy.Pillar, total float64, d *dict) []segment {
	var out []segment
	n := 0
	for _, p := range pillars {
		if p.Weight > 0 {
			n++
		}
	}
	start := 0.0
	for i, p := range pillars {
		if p.Weight <= 0 {
			continue
		}
		share := p.Weight / total * 100
		dash := share
		if n > 1 && dash > 1 {
			dash -= 0.6
		}
		out = append(out, segment{Colour: i % pillarColours, Dash: f3(dash), Gap: f3(100 - dash),
			Offset: f3(mod100(25 - start)), Label: isolate(cmp.Or(p.Name, p.ID)) + " " + d.percent(p.Weight)})
		start += share
	}
	return out
}

// bar lays out a weight map as a stacked bar 100 wide.
func (b *viewBuilder) bar(w map[string]float64) ([]mixPart, string) {
	total := 0.0
	for _, v := range w {
		if v > 0 {
			total += v
		}
	}
	var parts []mixPart
	var desc []string
	x := 0.0
	for _, id := range b.mixOrder(w) {
		if w[id] <= 0 || total == 0 {
			continue
		}
		width := w[id] / total * 100
		label := isolate(b.pillarName(id)) + " " + b.d.percent(w[id])
		parts = append(parts, mixPart{Colour: max(0, b.colour(id)), X: f3(x), W: f3(width), Label: label})
		desc = append(desc, label)
		x += width
	}
	return parts, strings.Join(desc, ", ")
}

func (b *viewBuilder) examples() []exampleGroup {
	var out []exampleGroup
	for i, p := range b.s.Pillars {
		if len(p.Examples) == 0 {
			continue
		}
		g := exampleGroup{ID: b.anchor("examples", p.ID), Pillar: cmp.Or(p.Name, p.ID), Colour: i % pillarColours}
		done := map[string]bool{}
		for _, c := range b.s.Channels {
			if ex, ok := p.Examples[c.ID]; ok && !done[c.ID] && strings.TrimSpace(ex) != "" {
				g.Posts = append(g.Posts, examplePost{Channel: b.channelName(c.ID), Handle: c.Handle, Markdown: ex})
				done[c.ID] = true
			}
		}
		var rest []string
		for id := range p.Examples {
			if !done[id] && strings.TrimSpace(p.Examples[id]) != "" {
				rest = append(rest, id)
			}
		}
		sort.Strings(rest)
		for _, id := range rest {
			g.Posts = append(g.Posts, examplePost{Channel: id, Markdown: p.Examples[id]})
		}
		if len(g.Posts) > 0 {
			out = append(out, g)
		}
	}
	return out
}

var goals = map[string]bool{"awareness": true, "engagement": true, "traffic": true, "conversions": true, "community": true, "loyalty": true}

func (b *viewBuilder) tactics() []tacticView {
	var out []tacticView
	for _, t := range b.s.Tactics {
		v := tacticView{ID: b.anchor("tactic", t.ID), Name: cmp.Or(t.Name, t.ID), Goal: isolate(t.Goal),
			Channels: b.channelNames(t.Channels), Markdown: t.Description, Example: t.Example}
		if goals[t.Goal] {
			v.Goal = b.d.label("goal_" + t.Goal)
		}
		if t.Pillar != "" {
			v.Pillar, v.Colour = b.pillarName(t.Pillar), max(0, b.colour(t.Pillar))
		}
		v.Schedule, v.Rule = b.schedule(t.Schedule)
		for _, k := range t.KPIs {
			target := b.d.number(k.Target)
			if k.Metric == "engagement_rate" { // a rate per occurrence, as pillar audit measures it
				target = b.d.percent(k.Target)
			}
			v.KPIs = append(v.KPIs, fact{Label: b.metricName(k.Metric), Value: target})
		}
		out = append(out, v)
	}
	return out
}

// metricName writes a metric id for people: its label in the dictionary
// (metric_<id>, e.g. new_followers → "Nye følgere"), else the id as written
// with spaces for underscores (hashtag_posts → hashtag posts).
func (b *viewBuilder) metricName(m string) string {
	if l, ok := b.d.Labels["metric_"+strings.ToLower(strings.TrimSpace(m))]; ok {
		return l
	}
	return strings.ReplaceAll(m, "_", " ")
}

// influencerRank is an influencer's group in the roster: untapped
// prospects first, then partners, engaged influencers, other prospects and
// any other status.
func influencerRank(in *strategy.Influencer) int {
	switch {
	case untapped(in):
		return 0
	case in.Status == "partner":
		return 1
	case in.Status == "engaged":
		return 2
	case in.Status == "prospect":
		return 3
	}
	return 4
}

// untapped reports whether an influencer is a prospect who follows the
// brand but does not engage with it yet: the first to approach.
func untapped(in *strategy.Influencer) bool {
	return in.Status == "prospect" && in.FollowsUs && !in.EngagesWithUs
}

// sortInfluencers orders the roster: by group (influencerRank), then by
// followers, most first, then by handle and platform, so the order never
// depends on the order in the file.
func sortInfluencers(list []strategy.Influencer) []*strategy.Influencer {
	out := make([]*strategy.Influencer, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	slices.SortStableFunc(out, func(a, b *strategy.Influencer) int {
		return cmp.Or(
			cmp.Compare(influencerRank(a), influencerRank(b)),
			cmp.Compare(b.Followers, a.Followers),
			cmp.Compare(strings.ToLower(a.Handle), strings.ToLower(b.Handle)),
			cmp.Compare(a.Handle, b.Handle),
			cmp.Compare(a.Platform, b.Platform),
		)
	})
	return out
}

func (b *viewBuilder) influencers() []influencerView {
	var out []influencerView
	for _, in := range sortInfluencers(b.s.Influencers) {
		v := influencerView{Handle: in.Handle, Name: in.Name, Platform: platformName(in.Platform),
			FollowsUs: in.FollowsUs, Engages: in.EngagesWithUs, Untapped: untapped(in),
			Status: isolate(in.Status), Relationship: isolate(in.Relationship), Niche: in.Niche, Notes: in.Notes}
		if in.Followers > 0 {
			v.Followers = b.d.integer(in.Followers)
		}
		switch in.Status {
		case "prospect", "engaged", "partner":
			v.Status = b.d.label("status_" + in.Status)
		}
		switch in.Relationship {
		case "organic", "paid":
			v.Relationship = b.d.label("rel_" + in.Relationship)
		}
		for _, p := range in.Pillars {
			v.Pillars = append(v.Pillars, b.pillarName(p))
		}
		if in.MaxMentionsPerMonth > 0 {
			v.MaxMentions = b.d.integer(int64(in.MaxMentionsPerMonth))
		}
		if in.Contract != nil {
			v.Contract = b.dateRange(in.Contract.From, in.Contract.To)
		}
		out = append(out, v)
	}
	return out
}

var mentionTypes = map[string]bool{"ugc": true, "feedback": true, "complaint": true, "help": true, "press": true, "question": true, "other": true}

func (b *viewBuilder) community() *communityView {
	c := b.s.Community
	if c == nil {
		return nil
	}
	v := &communityView{Hashtags: nonEmpty(c.Hashtags), Keywords: nonEmpty(c.Keywords),
		DefaultSLA: b.duration(c.DefaultSLA), Disclosure: nonEmpty(c.DisclosureTags)}
	if h := c.BusinessHours; h != nil {
		hours := ""
		if h.Start != "" || h.End != "" {
			hours = b.d.clock(h.Start) + "–" + b.d.clock(h.End)
		}
		days := b.days(h.Days)
		when := strings.TrimSpace(strings.Trim(days+", "+hours, ", "))
		// The heading and the time zone only with hours or days to show:
		// holidays alone are not business hours.
		if when != "" {
			zone := cmp.Or(h.Timezone, b.s.Brand.Timezone)
			v.Hours = b.facts("business_hours", when, "timezone", isolate(zone))
		}
		for _, d := range h.Holidays {
			v.Holidays = append(v.Holidays, b.date(d))
		}
		v.BusinessNote = len(v.Hours) > 0
	}
	for _, r := range c.Responses {
		rv := responseView{Type: isolate(r.Type), SLA: b.duration(r.SLA), Private: r.MoveToPrivate,
			Owner: r.Owner, Escalation: r.Escalation, Markdown: r.Guideline}
		if mentionTypes[r.Type] {
			rv.Type = b.d.label("type_" + r.Type)
		}
		if rv.SLA == "" {
			rv.SLA = v.DefaultSLA
		}
		v.Responses = append(v.Responses, rv)
	}
	if len(v.Hashtags)+len(v.Keywords)+len(v.Hours)+len(v.Holidays)+len(v.Disclosure)+len(v.Responses) == 0 && v.DefaultSLA == "" {
		return nil
	}
	return v
}

func (b *viewBuilder) dates() *datesView {
	c := b.s.Calendar
	if c == nil || len(c.Campaigns)+len(c.Blackouts) == 0 {
		return nil
	}
	v := &datesView{}
	for _, cp := range c.Campaigns {
		cv := campaignView{Name: cmp.Or(cp.Name, cp.ID), When: b.dateRange(cp.From, cp.To),
			Channels: b.channelList(cp.Channels), Markdown: cp.Description}
		if cp.Extra != nil {
			var parts []string
			if cp.Extra.MinPerWeek > 0 {
				parts = append(parts, b.d.plural("posts_per_week", int64(cp.Extra.MinPerWeek)))
			}
			when, rule := b.cadenceWhen(cp.Extra)
			parts = append(parts, cmp.Or(when, rule))
			cv.Extra = strings.Join(nonEmpty(parts), " · ")
		}
		for _, id := range b.mixOrder(cp.Pillars) {
			cv.Mix = append(cv.Mix, fact{Label: b.pillarName(id), Value: b.d.percent(cp.Pillars[id])})
		}
		v.Campaigns = append(v.Campaigns, cv)
	}
	for _, bl := range c.Blackouts {
		when := b.date(bl.Date)
		if when == "" {
			when = b.dateRange(bl.From, bl.To)
		}
		v.Blackouts = append(v.Blackouts, blackoutView{When: when, Channels: b.channelList(bl.Channels), Reason: bl.Reason})
	}
	return v
}

var interactionKeys = map[string]bool{"likes": true, "comments": true, "shares": true, "saves": true, "clicks": true}

func (b *viewBuilder) kpis() *kpisView {
	k := b.s.KPIs
	if k == nil {
		return nil
	}
	v := &kpisView{}
	if e := k.EngagementRate; e != nil {
		ev := &engagementView{Target: b.d.percent(e.Target)}
		den := e.Denominator
		switch den {
		case "reach", "impressions", "followers":
			den = b.d.label("den_" + den)
		}
		den = isolate(den)
		ev.Denominator = den
		inter := b.d.label("interactions")
		switch e.Aggregation {
		case "ratio_of_sums":
			ev.Formula = "Σ " + inter + " ÷ Σ " + den
			ev.Aggregation = b.d.label("agg_ratio_of_sums")
		case "mean_of_posts":
			ev.Formula = b.d.label("mean") + " (" + inter + " ÷ " + den + ")"
			ev.Aggregation = b.d.label("agg_mean_of_posts")
		default:
			ev.Formula = inter + " ÷ " + den
			ev.Aggregation = isolate(e.Aggregation)
		}
		list := e.Interactions
		if len(list) == 0 {
			list = []string{"likes", "comments", "shares", "saves", "clicks"}
		}
		var names []string
		for _, i := range list {
			if interactionKeys[i] {
				i = b.d.label("int_" + i)
			}
			names = append(names, isolate(i))
		}
		ev.Interactions = b.d.list(names)
		v.Engagement = ev
	}
	if t := k.ResponseWithinSLA; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("response_within_sla"), Value: b.d.percent(t.Target)})
	}
	if t := k.CadenceAdherence; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("cadence_adherence"), Value: b.d.percent(t.Target)})
	}
	if t := k.PillarTolerance; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("pillar_tolerance"), Value: "±\u00a0" + b.d.pluralf("points", t.Target)})
	}
	if t := k.ReachPerWeek; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("reach_per_week"), Value: b.d.number(t.Target)})
	}
	if t := k.FollowerGrowth; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("follower_growth"), Value: b.d.percent(t.Target)})
	}
	if t := k.ClicksPerWeek; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("clicks_per_week"), Value: b.d.number(t.Target)})
	}
	if t := k.NegativeShare; t != nil {
		v.Cards = append(v.Cards, fact{Label: b.d.label("negative_share"), Value: "≤\u00a0" + b.d.percent(t.Target)})
	}
	if v.Engagement == nil && len(v.Cards) == 0 {
		return nil
	}
	return v
}

func (b *viewBuilder) competitors() []competitorView {
	var out []competitorView
	for _, c := range b.s.Competitors {
		v := competitorView{Name: c.Name, Notes: c.Notes}
		keys := make([]string, 0, len(c.Handles))
		for k := range c.Handles {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v.Handles = append(v.Handles, fact{Label: platformName(k), Value: c.Handles[k]})
		}
		out = append(out, v)
	}
	return out
}

// calendar is the first excerptDays days of the plan, by ISO week, with
// each slot's draft when drafts is given (parallel to cal.Slots).
func (b *viewBuilder) calendar(cal *planner.Calendar, drafts []SlotDraft) *calendarView {
	v := &calendarView{HasDraft: drafts != nil}
	end := cal.From.AddDays(excerptDays)
	if !cal.To.IsZero() && cal.To.Before(end) {
		end = cal.To
	}
	if !cal.From.IsZero() && end.After(cal.From) {
		v.Period = b.dateRange(cal.From, end.AddDays(-1))
	}
	if cal.Timezone != "" {
		v.TimesIn = b.d.labelf("times_in", "zone", isolate(cal.Timezone))
	}
	campaigns := map[string]string{}
	if b.s.Calendar != nil {
		for _, c := range b.s.Calendar.Campaigns {
			campaigns[c.ID] = cmp.Or(c.Name, c.ID)
		}
	}
	from, to := cal.From.String(), end.String()
	lastDay, lastWeek, posts := "", -1, 0
	for i := range cal.Slots {
		s := &cal.Slots[i]
		day := s.Day()
		if day < from || day >= to {
			continue
		}
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			continue
		}
		posts++
		if _, w := t.ISOWeek(); w != lastWeek || len(v.Weeks) == 0 {
			lastWeek = w
			v.Weeks = append(v.Weeks, weekView{Title: b.d.labelf("week", "n", fmt.Sprint(w))})
			lastDay = ""
		}
		row := calRow{Time: b.d.clock(s.Clock()), Channel: channelLabel(s.Channel, s.Platform),
			Pillar: pillarLabel(s), Colour: b.colour(s.Pillar), Tactic: tacticLabel(s), Format: s.Format}
		if s.Timezone != "" && s.Timezone != cal.Timezone {
			row.Time += " " + isolate(s.Timezone)
		}
		if s.Campaign != "" {
			row.Campaign = cmp.Or(campaigns[s.Campaign], s.Campaign)
		}
		if v.HasDraft {
			row.Draft, row.DraftAt, row.NoDraft = slotDraft(drafts, i)
		}
		if day != lastDay {
			row.Date = b.d.shortDate(t.Year(), t.Month(), t.Day())
			lastDay = day
		}
		v.HasTactic = v.HasTactic || row.Tactic != ""
		v.HasFormat = v.HasFormat || row.Format != ""
		v.HasCampa = v.HasCampa || row.Campaign != ""
		w := &v.Weeks[len(v.Weeks)-1]
		w.Rows = append(w.Rows, row)
	}
	v.Posts = b.d.plural("posts", int64(posts))
	v.Columns = 4
	for _, has := range []bool{v.HasTactic, v.HasFormat, v.HasCampa, v.HasDraft} {
		if has {
			v.Columns++
		}
	}
	return v
}

// slotDraft is what the calendar says of slot i's draft: its id and first
// words, and where it is; or that there is none.
func slotDraft(drafts []SlotDraft, i int) (text, at string, none bool) {
	if i >= len(drafts) || drafts[i].File == "" && drafts[i].ID == "" {
		return "", "", true
	}
	d := drafts[i]
	text = d.Lead
	if d.ID != "" {
		text = d.ID + ": " + d.Lead
	}
	if d.File != "" {
		at = path.Base(filepath.ToSlash(d.File)) + ":" + strconv.Itoa(d.Line)
	}
	return text, at, false
}

// nonEmpty drops blank entries from a list.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// webURL reports whether a website address may be shown as a link.
func webURL(u string) bool {
	l := strings.ToLower(u)
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) &&
		!strings.ContainsAny(u, " <>()[]\"'`\\\n\r\t") && !hasBidiControl(u)
}
